// Package strictjson decodes JSON into Go values strictly: an unknown field, an unknown value
// of an enumerated type, a value of the wrong JSON type, a duplicate key or a malformed
// timestamp is a problem naming its JSON path and its line and column, with the known names
// and a did-you-mean where there is one. Every problem in the document is reported, not only
// the first.
//
// A string type is enumerated when it has a method Values() returning a slice of itself:
// the value must be one of them (the empty string, meaning absent, is accepted). A
// time.Time is written in RFC 3339, or as a date 2006-01-02 meaning 00:00 China Standard
// Time. Types with their own UnmarshalJSON or UnmarshalText decode themselves. Field names
// are json tags (the Go name without one); embedded structs are flattened as encoding/json
// does.
//
// A Decoder is built once per type and is immutable and safe for concurrent use. The
// package has no state.
package strictjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a problem.
type Kind uint8

// Kinds of problem.
const (
	Syntax       Kind = iota + 1 // not JSON, or trailing data
	UnknownField                 // a key the type does not declare
	UnknownValue                 // a value an enumerated type does not declare
	Type                         // a JSON value of the wrong type (a string for a number…)
	Value                        // a value the type refuses (a malformed timestamp, uuid, decimal, number out of range)
	Duplicate                    // a key given twice
	Limit                        // the document is nested too deep or has too many problems
)

// Problem is one thing wrong with a document.
type Problem struct {
	Kind    Kind
	Path    string // JSON path, e.g. "source.kind", "subjects[1].name"; "" for the document
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based, in bytes
	Message string
	Value   string   // the key or value as written, shortened
	Known   []string // the declared names or values, for UnknownField and UnknownValue
	Suggest string   // the closest known name or value, if one is close
}

func (p *Problem) Error() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Line > 0 {
		fmt.Fprintf(&b, " (line %d, column %d)", p.Line, p.Column)
	}
	return b.String()
}

// Error is every problem of a document, in document order.
type Error struct{ Problems []*Problem }

func (e *Error) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return strings.Join(parts, "; ")
}

// Limits of a document.
const (
	MaxDepth    = 64
	MaxProblems = 50
)

// Options adjust a Decoder.
type Options struct {
	// Location is where a date-only timestamp starts (00:00); nil means UTC.
	Location *time.Location
}

// Decoder decodes JSON into values of one type.
type Decoder struct {
	typ  reflect.Type
	loc  *time.Location
	info map[reflect.Type]*typeInfo
}

type typeInfo struct {
	fields map[string]fieldInfo // by JSON name
	names  []string             // sorted
	enum   []string             // declared values of an enumerated string type
	noun   string               // "agency kind" for AgencyKind
}

type fieldInfo struct {
	index []int
	typ   reflect.Type
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	unmarshaler  = reflect.TypeFor[json.Unmarshaler]()
	textUnmarsh  = reflect.TypeFor[encoding.TextUnmarshaler]()
	emptyIfaceTy = reflect.TypeFor[any]()
)

// New builds a decoder for values of type t (a struct, usually).
func New(t reflect.Type, opts Options) *Decoder {
	d := &Decoder{typ: t, loc: opts.Location, info: map[reflect.Type]*typeInfo{}}
	if d.loc == nil {
		d.loc = time.UTC
	}
	d.prepare(t)
	return d
}

func (d *Decoder) prepare(t reflect.Type) {
	if _, done := d.info[t]; done {
		return
	}
	ti := &typeInfo{}
	d.info[t] = ti
	if custom(t) {
		return
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		d.prepare(t.Elem())
	case reflect.Map:
		d.prepare(t.Elem())
	case reflect.String:
		if m, ok := t.MethodByName("Values"); ok && m.Type.NumIn() == 1 && m.Type.NumOut() == 1 &&
			m.Type.Out(0).Kind() == reflect.Slice && m.Type.Out(0).Elem() == t {
			vals := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
			for i := range vals.Len() {
				ti.enum = append(ti.enum, vals.Index(i).String())
			}
			ti.noun = noun(t.Name())
		}
	case reflect.Struct:
		ti.fields = map[string]fieldInfo{}
		d.collect(t, nil, ti)
		for n := range ti.fields {
			ti.names = append(ti.names, n)
		}
		sort.Strings(ti.names)
		for _, f := range ti.fields {
			d.prepare(f.typ)
		}
	}
}

// collect adds the fields of struct t (embedded structs flattened) to ti.
func (d *Decoder) collect(t reflect.Type, index []int, ti *typeInfo) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		idx := append(append([]int(nil), index...), i)
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				d.collect(ft, idx, ti)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := ti.fields[name]; dup && len(index) > 0 {
			continue // the shallower field wins, as in encoding/json
		}
		ti.fields[name] = fieldInfo{index: idx, typ: f.Type}
	}
}

// custom reports whether values of t decode themselves (or are time.Time).
func custom(t reflect.Type) bool {
	if t == timeType {
		return true
	}
	p := reflect.PointerTo(t)
	return p.Implements(unmarshaler) || p.Implements(textUnmarsh)
}

// noun turns a type name into words: AgencyKind → "agency kind".
func noun(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Decode decodes data into v, which must be a pointer to the decoder's type. On problems
// it returns an *Error listing them; v is then partially filled and must not be used.
func (d *Decoder) Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Type() != d.typ {
		return fmt.Errorf("strictjson: Decode needs a non-nil *%v, got %T", d.typ, v)
	}
	s := &state{d: d, data: data}
	root, ok := scan(data)
	if !ok { // malformed: the token-based parser says where and why
		var err *Problem
		if root, err = s.parse(); err != nil {
			return &Error{Problems: []*Problem{err}}
		}
	}
	s.value(root, rv.Elem(), "")
	if len(s.probs) > 0 {
		return &Error{Problems: s.probs}
	}
	return nil
}

// ---- parsing: a tree of nodes with positions ----

type nodeKind uint8

const (
	nObject nodeKind = iota + 1
	nArray
	nString
	nNumber
	nBool
	nNull
)

type node struct {
	kind  nodeKind
	start int // offset of the value
	end   int
	str   string // string value, number text, "true"/"false"
	keys  []string
	kpos  []int // offsets of the keys
	items []*node
}

type state struct {
	d     *Decoder
	data  []byte
	dec   *json.Decoder
	probs []*Problem
}

func (s *state) parse() (*node, *Problem) {
	s.dec = json.NewDecoder(bytes.NewReader(s.data))
	s.dec.UseNumber()
	n, p := s.parseValue(0)
	if p != nil {
		return nil, p
	}
	off := s.next()
	if _, err := s.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, s.syntax(off, "data after the JSON document")
	}
	return n, nil
}

// next returns the offset of the next token: the decoder's offset past white space and the
// separators ':' and ','.
func (s *state) next() int {
	off := int(s.dec.InputOffset())
	for off < len(s.data) {
		switch s.data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
			continue
		}
		break
	}
	return off
}

func (s *state) syntax(off int, msg string) *Problem {
	line, col := s.lineCol(off)
	return &Problem{Kind: Syntax, Line: line, Column: col, Message: msg}
}

func (s *state) syntaxErr(err error) *Problem {
	off := int(s.dec.InputOffset())
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
		// The offset can fall on the white space before the offending character.
		for off >= 0 && off < len(s.data) && strings.IndexByte(" \t\r\n", s.data[off]) >= 0 {
			off++
		}
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "unexpected end of JSON input"
		off = len(s.data)
	}
	return s.syntax(off, msg)
}

func (s *state) parseValue(depth int) (*node, *Problem) {
	if depth > MaxDepth {
		return nil, s.syntax(s.next(), fmt.Sprintf("nested deeper than %d levels", MaxDepth))
	}
	start := s.next()
	tok, err := s.dec.Token()
	if err != nil {
		return nil, s.syntaxErr(err)
	}
	n := &node{start: start}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n.kind = nObject
			for s.dec.More() {
				kstart := s.next()
				kt, err := s.dec.Token()
				if err != nil {
					return nil, s.syntaxErr(err)
				}
				k, ok := kt.(string)
				if !ok {
					return nil, s.syntax(kstart, "object key is not a string")
				}
				v, p := s.parseValue(depth + 1)
				if p != nil {
					return nil, p
				}
				n.keys, n.kpos, n.items = append(n.keys, k), append(n.kpos, kstart), append(n.items, v)
			}
		case '[':
			n.kind = nArray
			for s.dec.More() {
				v, p := s.parseValue(depth + 1)
				if p != nil {
					return nil, p
				}
				n.items = append(n.items, v)
			}
		default:
			return nil, s.syntax(start, fmt.Sprintf("unexpected %q", rune(t)))
		}
		if _, err := s.dec.Token(); err != nil { // the closing delimiter
			return nil, s.syntaxErr(err)
		}
	case string:
		n.kind, n.str = nString, t
	case json.Number:
		n.kind, n.str = nNumber, string(t)
	case bool:
		n.kind, n.str = nBool, strconv.FormatBool(t)
	case nil:
		n.kind = nNull
	}
	n.end = int(s.dec.InputOffset())
	return n, nil
}

func (s *state) lineCol(off int) (int, int) {
	off = min(max(off, 0), len(s.data))
	before := s.data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// ---- decoding ----

func (s *state) add(n *node, off int, kind Kind, path string, format string, args ...any) *Problem {
	if len(s.probs) >= MaxProblems {
		if len(s.probs) == MaxProblems {
			s.probs = append(s.probs, &Problem{Kind: Limit, Message: fmt.Sprintf("more than %d problems; the rest are not listed", MaxProblems)})
		}
		return &Problem{}
	}
	if n != nil && off < 0 {
		off = n.start
	}
	line, col := s.lineCol(off)
	p := &Problem{Kind: kind, Path: path, Line: line, Column: col, Message: fmt.Sprintf(format, args...)}
	s.probs = append(s.probs, p)
	return p
}

func kindName(k nodeKind) string {
	switch k {
	case nObject:
		return "an object"
	case nArray:
		return "an array"
	case nString:
		return "a string"
	case nNumber:
		return "a number"
	case nBool:
		return "a boolean"
	}
	return "null"
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func short(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		return string(r[:40]) + "…"
	}
	return s
}

// value decodes n into v (settable).
func (s *state) value(n *node, v reflect.Value, path string) {
	t := v.Type()
	if n.kind == nNull {
		v.SetZero() // null is absent
		return
	}
	if t == timeType {
		s.timestamp(n, v, path)
		return
	}
	if reflect.PointerTo(t).Implements(unmarshaler) {
		if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(s.data[n.start:n.end]); err != nil {
			s.add(n, -1, Value, path, "%s", cleanErr(err))
		}
		return
	}
	if reflect.PointerTo(t).Implements(textUnmarsh) {
		if n.kind != nString {
			s.add(n, -1, Type, path, "want a string, found %s", kindName(n.kind))
			return
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.str)); err != nil {
			s.add(n, -1, Value, path, "%s", cleanErr(err))
		}
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		s.value(n, v.Elem(), path)
	case reflect.Interface:
		if t != emptyIfaceTy {
			s.add(n, -1, Type, path, "cannot decode into %v", t)
			return
		}
		var x any
		if err := json.Unmarshal(s.data[n.start:n.end], &x); err != nil {
			s.add(n, -1, Value, path, "%s", cleanErr(err))
			return
		}
		v.Set(reflect.ValueOf(&x).Elem())
	case reflect.Struct:
		s.object(n, v, path)
	case reflect.Map:
		if n.kind != nObject {
			s.add(n, -1, Type, path, "want an object, found %s", kindName(n.kind))
			return
		}
		if t.Key().Kind() != reflect.String {
			s.add(n, -1, Type, path, "cannot decode a map keyed by %v", t.Key())
			return
		}
		m := reflect.MakeMapWithSize(t, len(n.keys))
		seen := map[string]bool{}
		for i, k := range n.keys {
			kp := path + "[" + strconv.Quote(k) + "]"
			if seen[k] {
				p := s.add(nil, n.kpos[i], Duplicate, kp, "key %q appears twice", short(k))
				p.Value = short(k)
				continue
			}
			seen[k] = true
			ev := reflect.New(t.Elem()).Elem()
			s.value(n.items[i], ev, kp)
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		v.Set(m)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // []byte: base64, as encoding/json
			var b []byte
			if err := json.Unmarshal(s.data[n.start:n.end], &b); err != nil {
				s.add(n, -1, Value, path, "%s", cleanErr(err))
				return
			}
			v.SetBytes(b)
			return
		}
		if n.kind != nArray {
			s.add(n, -1, Type, path, "want an array, found %s", kindName(n.kind))
			return
		}
		sl := reflect.MakeSlice(t, len(n.items), len(n.items))
		for i, item := range n.items {
			s.value(item, sl.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(sl)
	case reflect.Array:
		if n.kind != nArray {
			s.add(n, -1, Type, path, "want an array, found %s", kindName(n.kind))
			return
		}
		if len(n.items) != t.Len() {
			s.add(n, -1, Value, path, "want %d elements, found %d", t.Len(), len(n.items))
			return
		}
		for i, item := range n.items {
			s.value(item, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.String:
		if n.kind != nString {
			s.add(n, -1, Type, path, "want a string, found %s", kindName(n.kind))
			return
		}
		if ti := s.d.info[t]; ti != nil && ti.enum != nil && n.str != "" && !contains(ti.enum, n.str) {
			p := s.add(n, -1, UnknownValue, path, "unknown %s %q; known: %s", ti.noun, short(n.str), strings.Join(ti.enum, ", "))
			p.Value, p.Known = short(n.str), ti.enum
			if sug := closest(n.str, ti.enum); sug != "" {
				p.Suggest = sug
				p.Message += fmt.Sprintf("; did you mean %q?", sug)
			}
			return
		}
		v.SetString(n.str)
	case reflect.Bool:
		if n.kind != nBool {
			s.add(n, -1, Type, path, "want true or false, found %s", kindName(n.kind))
			return
		}
		v.SetBool(n.str == "true")
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.kind != nNumber {
			s.add(n, -1, Type, path, "want a number, found %s", kindName(n.kind))
			return
		}
		x, err := strconv.ParseInt(n.str, 10, 64)
		if err != nil || v.OverflowInt(x) {
			s.add(n, -1, Value, path, "want an integer in range, found %s", short(n.str))
			return
		}
		v.SetInt(x)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.kind != nNumber {
			s.add(n, -1, Type, path, "want a number, found %s", kindName(n.kind))
			return
		}
		x, err := strconv.ParseUint(n.str, 10, 64)
		if err != nil || v.OverflowUint(x) {
			s.add(n, -1, Value, path, "want a non-negative integer in range, found %s", short(n.str))
			return
		}
		v.SetUint(x)
	case reflect.Float32, reflect.Float64:
		if n.kind != nNumber {
			s.add(n, -1, Type, path, "want a number, found %s", kindName(n.kind))
			return
		}
		x, err := strconv.ParseFloat(n.str, 64)
		if err != nil || math.IsInf(x, 0) || v.OverflowFloat(x) {
			s.add(n, -1, Value, path, "want a number in range, found %s", short(n.str))
			return
		}
		v.SetFloat(x)
	default:
		s.add(n, -1, Type, path, "cannot decode into %v", t)
	}
}

func (s *state) object(n *node, v reflect.Value, path string) {
	if n.kind != nObject {
		s.add(n, -1, Type, path, "want an object, found %s", kindName(n.kind))
		return
	}
	ti := s.d.info[v.Type()]
	seen := make(map[string]bool, len(n.keys))
	for i, k := range n.keys {
		fp := join(path, k)
		if seen[k] {
			p := s.add(nil, n.kpos[i], Duplicate, fp, "key %q appears twice", short(k))
			p.Value = short(k)
			continue
		}
		seen[k] = true
		f, ok := ti.fields[k]
		if !ok {
			p := s.add(nil, n.kpos[i], UnknownField, fp, "unknown field %q; known: %s", short(k), list(ti.names))
			p.Value, p.Known = short(k), ti.names
			if sug := closest(k, ti.names); sug != "" {
				p.Suggest = sug
				p.Message += fmt.Sprintf("; did you mean %q?", sug)
			}
			continue
		}
		fv := v
		for j, x := range f.index {
			if j > 0 && fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					fv.Set(reflect.New(fv.Type().Elem()))
				}
				fv = fv.Elem()
			}
			fv = fv.Field(x)
		}
		s.value(n.items[i], fv, fp)
	}
}

// timestamp reads RFC 3339, or a date meaning 00:00 of that day in the decoder's location.
func (s *state) timestamp(n *node, v reflect.Value, path string) {
	if n.kind != nString {
		s.add(n, -1, Type, path, "want a timestamp string (RFC 3339 such as 2026-10-19T09:00:00+08:00, or a date 2026-10-19), found %s", kindName(n.kind))
		return
	}
	if t, err := time.Parse(time.RFC3339Nano, n.str); err == nil {
		v.Set(reflect.ValueOf(t))
		return
	}
	if t, err := time.ParseInLocation(time.DateOnly, n.str, s.d.loc); err == nil {
		v.Set(reflect.ValueOf(t))
		return
	}
	p := s.add(n, -1, Value, path, "%q is not a timestamp: want RFC 3339 (2026-10-19T09:00:00+08:00) or a date (2026-10-19, meaning 00:00 China Standard Time)", short(n.str))
	p.Value = short(n.str)
}

func cleanErr(err error) string {
	return strings.TrimPrefix(strings.TrimPrefix(err.Error(), "json: "), "invalid UUID length: ")
}

// list joins names for a message, at most 12 of them.
func list(names []string) string {
	if len(names) <= 12 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:12], ", ") + fmt.Sprintf(", … (%d in all)", len(names))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Closest returns the known name nearest to s by edit distance when it is close (at most 2
// edits, and fewer than half its length), or "": the did-you-mean of a typo.
func Closest(s string, known []string) string { return closest(s, known) }

// closest returns the known name nearest to s by edit distance, when it is close: at most
// 2 edits, and fewer than half the length.
func closest(s string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(strings.ToLower(s), strings.ToLower(k), bestD); d < bestD && d*2 < max(len(k), 2) {
			best, bestD = k, d
		}
	}
	return best
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance, giving up at
// limit.
func distance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	if len(ra) > 64 || len(rb) > 64 {
		return limit
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
