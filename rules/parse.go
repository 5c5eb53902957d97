package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/guantong/guantong/internal/strictjson"
	"github.com/guantong/guantong/rules/workday"
)

// policySource remembers where a policy came from, so that compile and run-time problems can
// point at the file, line and column of the offending expression.
type policySource struct {
	file  string
	lines []string
	nodes map[string]*yaml.Node // field path -> node of its value
	root  *yaml.Node
}

// Parse reads every policy document in data (YAML, several documents separated by ---, or
// JSON). name is used in positions. It reports every problem found, as a [*LoadError] whose
// problems match the Err* categories with errors.Is, and returns the policies it could read
// even then (a document with a structural problem included, so that [Engine.Compile] can
// report the problems of its expressions too). Parse checks structure only; expressions
// are checked by [Engine.Compile]; [Engine.LoadFS] does both and reports every problem.
// A document larger than [Limits].MaxDocumentSize with its aliases expanded is refused
// ([ErrTooLarge]); [LoadLimits] sets the limit.
func Parse(name string, data []byte, opts ...LoadOption) ([]Policy, error) {
	var probs []*Problem
	pols := parseInto(name, data, loadLimits(opts), &probs)
	return pols, asLoadError(probs)
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func parseInto(name string, data []byte, lim Limits, probs *[]*Problem) []Policy {
	lines := strings.Split(string(data), "\n")
	dec := yaml.NewDecoder(bytes.NewReader(withoutEmptyDocuments(data, lines)))
	var out []Policy
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			line := 0
			if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
				line, _ = strconv.Atoi(m[1])
			}
			msg := strings.TrimPrefix(err.Error(), "yaml: ")
			p := &Problem{Position: Position{File: name, Line: line, Column: 1}, Kind: ErrSyntax, Message: msg}
			p.Snippet = snippet(lines, line, 1)
			*probs = append(*probs, p)
			return out
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		if size := expandedSize(root, map[*yaml.Node]int64{}, lim.MaxDocumentSize); size > lim.MaxDocumentSize {
			*probs = append(*probs, &Problem{Position: Position{File: name, Line: root.Line, Column: root.Column},
				Kind:    &LimitError{Limit: "MaxDocumentSize", Max: lim.MaxDocumentSize, Got: size},
				Message: fmt.Sprintf("the document is larger than %d bytes with its aliases expanded (Limits.MaxDocumentSize)", lim.MaxDocumentSize)})
			continue
		}
		d := &docDecoder{src: &policySource{file: name, lines: lines, nodes: map[string]*yaml.Node{}, root: root}, probs: probs}
		if p, ok := d.policy(root); ok {
			out = append(out, p)
		}
	}
}

// withoutEmptyDocuments returns data with the start marker (---) of every empty document
// (nothing but blank lines and comments up to the next marker) blanked out, so that the YAML
// decoder does not pay for each of them; line and column numbers stay the same. Files with
// directives (%YAML) are returned as they are.
func withoutEmptyDocuments(data []byte, lines []string) []byte {
	var out []byte
	off := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "%") {
			return data
		}
		if bareMarker(l) {
			j := i + 1
			for j < len(lines) && !marker(lines[j]) && blankLine(lines[j]) {
				j++
			}
			if j == len(lines) || marker(lines[j]) {
				if out == nil {
					out = bytes.Clone(data)
				}
				copy(out[off:off+3], "   ")
			}
		}
		off += len(l) + 1
	}
	if out == nil {
		return data
	}
	return out
}

// marker reports whether l starts a YAML document (--- at column 0, then nothing or a space).
func marker(l string) bool {
	rest, ok := strings.CutPrefix(strings.TrimRight(l, "\r"), "---")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// bareMarker reports whether l is a document marker with no content after it (a comment at
// most).
func bareMarker(l string) bool {
	if !marker(l) {
		return false
	}
	rest := strings.TrimSpace(strings.TrimRight(l, "\r")[3:])
	return rest == "" || rest[0] == '#'
}

// blankLine reports whether l holds nothing but spaces or a comment.
func blankLine(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || t[0] == '#'
}

// expandedSize is the size of n with every alias expanded: its scalars' bytes and one per
// node, each alias counting its anchor's whole size again. Sizes are memoized per node, so
// the walk is linear in the document even when the expansion is exponential; it stops
// adding once past limit.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int64, limit int64) int64 {
	if v, ok := memo[n]; ok {
		return v
	}
	memo[n] = limit + 1 // a node containing itself is beyond any limit
	size := int64(1 + len(n.Value))
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		size = expandedSize(n.Alias, memo, limit)
	}
	for _, c := range n.Content {
		if size > limit {
			break
		}
		size += expandedSize(c, memo, limit)
	}
	memo[n] = size
	return size
}

type docDecoder struct {
	src   *policySource
	probs *[]*Problem
	id    string
}

func (d *docDecoder) fail(n *yaml.Node, field string, kind error, format string, args ...any) {
	pos := Position{File: d.src.file}
	if n != nil {
		pos.Line, pos.Column = n.Line, n.Column
	}
	*d.probs = append(*d.probs, &Problem{
		Position: pos, PolicyID: d.id, Field: field, Kind: kind,
		Message: fmt.Sprintf(format, args...),
		Snippet: snippet(d.src.lines, pos.Line, pos.Column),
	})
}

// fields walks a mapping node, calling handle for each known key and reporting unknown and
// duplicate keys. It returns false if n is not a mapping.
func (d *docDecoder) fields(n *yaml.Node, at string, known []string, handle func(key string, v *yaml.Node, field string)) bool {
	if n.Kind != yaml.MappingNode {
		d.fail(n, at, ErrInvalidValue, "expected a mapping, found %s", kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := join(at, k.Value)
		if seen[k.Value] {
			d.fail(k, field, ErrInvalidValue, "key %q appears twice", k.Value)
			continue
		}
		seen[k.Value] = true
		if !slices.Contains(known, k.Value) {
			msg := fmt.Sprintf("unknown field %q (known: %s)", k.Value, strings.Join(known, ", "))
			if sug := strictjson.Closest(k.Value, known); sug != "" {
				msg += fmt.Sprintf("; did you mean %q?", sug)
			}
			d.fail(k, field, ErrUnknownField, "%s", msg)
			continue
		}
		d.src.nodes[field] = v
		handle(k.Value, v, field)
	}
	return true
}

func (d *docDecoder) str(v *yaml.Node, field string) string {
	if v.Kind != yaml.ScalarNode {
		d.fail(v, field, ErrInvalidValue, "expected a string, found %s", kindName(v))
		return ""
	}
	if v.Tag == "!!null" {
		return ""
	}
	return v.Value
}

func (d *docDecoder) seq(v *yaml.Node, field string, each func(i int, item *yaml.Node, field string)) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.fail(v, field, ErrInvalidValue, "expected a list, found %s", kindName(v))
		return
	}
	for i, item := range v.Content {
		each(i, item, fmt.Sprintf("%s[%d]", field, i))
	}
}

func (d *docDecoder) instant(v *yaml.Node, field string) time.Time {
	s := d.str(v, field)
	if s == "" {
		return time.Time{}
	}
	t, err := parseInstant(s)
	if err != nil {
		d.fail(v, field, ErrInvalidValue, "%v", err)
	}
	return t
}

// parseInstant reads a date (2006-01-02, meaning 00:00 China Standard Time) or an RFC 3339
// instant.
func parseInstant(s string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, workday.Location()); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is neither a date (2006-01-02) nor an RFC 3339 instant", s)
}

func (d *docDecoder) policy(root *yaml.Node) (Policy, bool) {
	var p Policy
	p.src = d.src
	// Read the id first so every later problem can name the policy.
	if root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "id" && root.Content[i+1].Kind == yaml.ScalarNode {
				d.id = root.Content[i+1].Value
			}
		}
	}
	before := len(*d.probs)
	ok := d.fields(root, "", []string{"id", "title", "description", "source", "subject", "effective", "match", "variables", "validations", "obligations", "outputs", "tests"}, func(key string, v *yaml.Node, field string) {
		switch key {
		case "id":
			p.ID = d.str(v, field)
		case "title":
			p.Title = d.str(v, field)
		case "description":
			p.Description = d.str(v, field)
		case "source":
			p.Source = d.str(v, field)
		case "subject":
			p.Subject = d.str(v, field)
		case "match":
			p.Match = d.str(v, field)
		case "effective":
			d.fields(v, field, []string{"from", "until"}, func(k string, v *yaml.Node, f string) {
				if k == "from" {
					p.Effective.From = d.instant(v, f)
				} else {
					p.Effective.Until = d.instant(v, f)
				}
			})
		case "variables":
			d.seq(v, field, func(_ int, item *yaml.Node, f string) {
				var vr Variable
				d.src.nodes[f] = item
				d.fields(item, f, []string{"name", "expression"}, func(k string, v *yaml.Node, f string) {
					if k == "name" {
						vr.Name = d.str(v, f)
					} else {
						vr.Expression = d.str(v, f)
					}
				})
				p.Variables = append(p.Variables, vr)
			})
		case "validations":
			d.seq(v, field, func(_ int, item *yaml.Node, f string) {
				var val Validation
				d.src.nodes[f] = item
				d.fields(item, f, []string{"expression", "message", "messageExpression", "severity", "reason"}, func(k string, v *yaml.Node, f string) {
					switch k {
					case "expression":
						val.Expression = d.str(v, f)
					case "message":
						val.Message = d.str(v, f)
					case "messageExpression":
						val.MessageExpression = d.str(v, f)
					case "severity":
						val.Severity = Severity(d.str(v, f))
					case "reason":
						val.Reason = d.str(v, f)
					}
				})
				p.Validations = append(p.Validations, val)
			})
		case "obligations":
			d.seq(v, field, func(_ int, item *yaml.Node, f string) {
				var o ObligationRule
				d.src.nodes[f] = item
				d.fields(item, f, []string{"kind", "when", "due", "description"}, func(k string, v *yaml.Node, f string) {
					switch k {
					case "kind":
						o.Kind = d.str(v, f)
					case "when":
						o.When = d.str(v, f)
					case "due":
						o.Due = d.str(v, f)
					case "description":
						o.Description = d.str(v, f)
					}
				})
				p.Obligations = append(p.Obligations, o)
			})
		case "outputs":
			d.seq(v, field, func(_ int, item *yaml.Node, f string) {
				var o Output
				d.src.nodes[f] = item
				d.fields(item, f, []string{"name", "expression", "description"}, func(k string, v *yaml.Node, f string) {
					switch k {
					case "name":
						o.Name = d.str(v, f)
					case "expression":
						o.Expression = d.str(v, f)
					case "description":
						o.Description = d.str(v, f)
					}
				})
				p.Outputs = append(p.Outputs, o)
			})
		case "tests":
			d.seq(v, field, func(_ int, item *yaml.Node, f string) {
				p.Tests = append(p.Tests, d.testCase(item, f))
			})
		}
	})
	if !ok {
		return p, false
	}
	// A document with structural problems is still returned, so that compiling it reports
	// the problems of its expressions too: every problem at once.
	p.broken = len(*d.probs) > before
	return p, true
}

func (d *docDecoder) testCase(item *yaml.Node, f string) TestCase {
	var tc TestCase
	d.src.nodes[f] = item
	d.fields(item, f, []string{"name", "at", "subject", "expect"}, func(k string, v *yaml.Node, f string) {
		switch k {
		case "name":
			tc.Name = d.str(v, f)
		case "at":
			tc.At = d.instant(v, f)
		case "subject":
			var raw any
			if err := v.Decode(&raw); err != nil {
				d.fail(v, f, ErrInvalidValue, "%v", err)
				return
			}
			b, err := json.Marshal(jsonable(raw))
			if err != nil {
				d.fail(v, f, ErrInvalidValue, "subject is not representable as JSON: %v", err)
				return
			}
			tc.Subject = b
		case "expect":
			d.fields(v, f, []string{"match", "violations", "obligations", "outputs", "errors"}, func(k string, v *yaml.Node, f string) {
				switch k {
				case "match", "errors":
					var b bool
					if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
						d.fail(v, f, ErrInvalidValue, "expected true or false")
						return
					}
					if k == "match" {
						tc.Expect.Match = &b
					} else {
						tc.Expect.Errors = b
					}
				case "outputs":
					if v.Kind != yaml.MappingNode {
						d.fail(v, f, ErrInvalidValue, "expected a mapping of output name to value, found %s", kindName(v))
						return
					}
					tc.Expect.Outputs = map[string]string{}
					for i := 0; i+1 < len(v.Content); i += 2 {
						k, val := v.Content[i], v.Content[i+1]
						if val.Kind != yaml.ScalarNode {
							d.fail(val, join(f, k.Value), ErrInvalidValue, "expected a scalar value, found %s", kindName(val))
							continue
						}
						tc.Expect.Outputs[k.Value] = val.Value
					}
				case "violations":
					d.seq(v, f, func(_ int, item *yaml.Node, f string) {
						tc.Expect.Violations = append(tc.Expect.Violations, d.str(item, f))
					})
				case "obligations":
					d.seq(v, f, func(_ int, item *yaml.Node, f string) {
						var eo ExpectedObligation
						d.fields(item, f, []string{"kind", "due"}, func(k string, v *yaml.Node, f string) {
							if k == "kind" {
								eo.Kind = d.str(v, f)
								return
							}
							s := d.str(v, f)
							if t, err := time.ParseInLocation("2006-01-02", s, workday.Location()); err == nil {
								eo.Due = workday.DateOf(t).End()
								return
							}
							eo.Due = d.instant(v, f)
						})
						tc.Expect.Obligations = append(tc.Expect.Obligations, eo)
					})
				}
			})
		}
	})
	return tc
}

// jsonable converts what yaml.v3 decodes into values encoding/json accepts.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	default:
		return v
	}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the scalar %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	default:
		return "nothing"
	}
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// snippet renders the source line and a caret under column col (1-based, in runes).
func snippet(lines []string, line, col int) string {
	if line < 1 || line > len(lines) {
		return ""
	}
	text := strings.TrimRight(lines[line-1], "\r")
	if col < 1 {
		col = 1
	}
	if n := utf8.RuneCountInString(text); col > n+1 {
		col = n + 1
	}
	num := strconv.Itoa(line)
	pad := strings.Repeat(" ", len(num))
	// Keep the caret aligned under wide characters by repeating the prefix with spaces,
	// tabs kept as tabs.
	prefix := []rune(text)[:col-1]
	var caret strings.Builder
	for _, r := range prefix {
		if r == '\t' {
			caret.WriteByte('\t')
		} else if r > 0x2E80 { // CJK and other wide characters take two columns
			caret.WriteString("  ")
		} else {
			caret.WriteByte(' ')
		}
	}
	return fmt.Sprintf(" %s | %s\n %s | %s^", num, text, pad, caret.String())
}

// exprPosition maps a CEL location (1-based line, 0-based column in runes, within the
// expression text) to the file position of the expression stored under field, through the
// YAML scalar's quoting, escapes, folding and indentation.
func (s *policySource) exprPosition(field string, line, col int) Position {
	if s == nil {
		return Position{Line: 0, Column: col + 1}
	}
	n := s.nodes[field]
	if n == nil {
		return Position{File: s.file}
	}
	if line < 1 {
		line = 1
	}
	// The rune offset of the location in the decoded value.
	off, l := 0, 1
	for _, r := range n.Value {
		if l >= line {
			break
		}
		off++
		if r == '\n' {
			l++
		}
	}
	off += col
	line, column := s.scalarPosition(n, off)
	return Position{File: s.file, Line: line, Column: column}
}

// scalarPosition returns the source line and column (1-based, in runes) of the rune at
// offset off of the decoded value of scalar node n, by aligning the value with its source
// text: quotes, ” in single quotes, backslash escapes in double quotes (\t, \uXXXX…),
// folded line breaks and block indentation produce no value runes of their own.
func (s *policySource) scalarPosition(n *yaml.Node, off int) (int, int) {
	value := []rune(n.Value)
	line, col := n.Line, n.Column // 1-based; the node's first character
	if line < 1 || line > len(s.lines) {
		return n.Line, n.Column
	}
	src := []rune(s.lines[line-1])
	i := col - 1 // index in src
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		i++ // past the opening quote
	case yaml.LiteralStyle, yaml.FoldedStyle:
		line++ // content starts on the next line
		if line > len(s.lines) {
			return n.Line, n.Column
		}
		src, i = []rune(s.lines[line-1]), 0
	}
	nextLine := func() bool {
		if line >= len(s.lines) {
			return false
		}
		line++
		src, i = []rune(s.lines[line-1]), 0
		return true
	}
	for k := 0; k < len(value) && k <= off; k++ {
		d := value[k]
		for {
			if i >= len(src) {
				if !nextLine() {
					return line, i + 1
				}
				if d == ' ' || d == '\n' {
					break // a folded or kept line break
				}
				continue
			}
			c := src[i]
			if n.Style == yaml.DoubleQuotedStyle && c == '\\' && i+1 < len(src) {
				if k == off {
					return line, i + 1
				}
				i += escapeLen(src[i+1:]) + 1
				break
			}
			if n.Style == yaml.SingleQuotedStyle && c == '\'' && i+1 < len(src) && src[i+1] == '\'' {
				if k == off {
					return line, i + 1
				}
				i += 2
				break
			}
			if c == d {
				if k == off {
					return line, i + 1
				}
				i++
				break
			}
			i++ // indentation or folding white space: no value rune
		}
	}
	return line, i + 1
}

// escapeLen is the length of a YAML double-quoted escape after its backslash.
func escapeLen(r []rune) int {
	if len(r) == 0 {
		return 0
	}
	switch r[0] {
	case 'x':
		return min(3, len(r))
	case 'u':
		return min(5, len(r))
	case 'U':
		return min(9, len(r))
	}
	return 1
}

// subjectPosition returns the position, inside the test-case subject stored under field, of
// the YAML node at the JSON path of a decoding problem: the key for an unknown field, the
// value otherwise; the subject's own position when the path cannot be followed.
func (s *policySource) subjectPosition(field, path string, key bool) Position {
	if s == nil {
		return Position{}
	}
	n := s.nodes[field]
	if n == nil {
		return s.fieldPosition(field)
	}
	var keyNode *yaml.Node
	for _, seg := range pathSegments(path) {
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		next, kn := (*yaml.Node)(nil), (*yaml.Node)(nil)
		switch {
		case seg.index >= 0 && n.Kind == yaml.SequenceNode && seg.index < len(n.Content):
			next = n.Content[seg.index]
		case seg.index < 0 && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg.key {
					kn, next = n.Content[i], n.Content[i+1]
				}
			}
		}
		if next == nil {
			break
		}
		n, keyNode = next, kn
	}
	if key && keyNode != nil {
		n = keyNode
	}
	return Position{File: s.file, Line: n.Line, Column: n.Column}
}

type pathSegment struct {
	key   string
	index int // -1 for a key
}

// pathSegments splits a JSON path such as a.b[2]["k"].c.
func pathSegments(p string) []pathSegment {
	var out []pathSegment
	for p != "" {
		switch {
		case p[0] == '.':
			p = p[1:]
		case p[0] == '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return out
			}
			inner := p[1:end]
			if n, err := strconv.Atoi(inner); err == nil {
				out = append(out, pathSegment{index: n})
			} else if k, err := strconv.Unquote(inner); err == nil {
				out = append(out, pathSegment{key: k, index: -1})
			}
			p = p[end+1:]
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			out = append(out, pathSegment{key: p[:end], index: -1})
			p = p[end:]
		}
	}
	return out
}

func (s *policySource) fieldPosition(field string) Position {
	if s == nil {
		return Position{}
	}
	if n := s.nodes[field]; n != nil {
		return Position{File: s.file, Line: n.Line, Column: n.Column}
	}
	if s.root != nil {
		return Position{File: s.file, Line: s.root.Line, Column: s.root.Column}
	}
	return Position{File: s.file}
}

func (s *policySource) snippetAt(p Position) string {
	if s == nil {
		return ""
	}
	return snippet(s.lines, p.Line, p.Column)
}
