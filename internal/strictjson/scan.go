package strictjson

import (
	"encoding/json"
	"unicode/utf8"
)

// scanner is the fast parser of well-formed documents: it builds the same tree as the
// token-based parser (state.parseValue, over encoding/json) without its per-token
// allocations. On anything it does not accept — malformed JSON, nesting beyond MaxDepth —
// it gives up, and the token-based parser runs instead and reports the problem in
// encoding/json's words. FuzzScan checks that the two agree.
type scanner struct {
	data []byte
	off  int
}

// scan parses the whole document, or reports false.
func scan(data []byte) (*node, bool) {
	sc := &scanner{data: data}
	n, ok := sc.value(0)
	if !ok {
		return nil, false
	}
	sc.space()
	return n, sc.off == len(data)
}

func (sc *scanner) space() {
	for sc.off < len(sc.data) {
		switch sc.data[sc.off] {
		case ' ', '\t', '\r', '\n':
			sc.off++
		default:
			return
		}
	}
}

func (sc *scanner) value(depth int) (*node, bool) {
	if depth > MaxDepth {
		return nil, false
	}
	sc.space()
	if sc.off >= len(sc.data) {
		return nil, false
	}
	n := &node{start: sc.off}
	switch c := sc.data[sc.off]; {
	case c == '{':
		n.kind = nObject
		sc.off++
		sc.space()
		if sc.off < len(sc.data) && sc.data[sc.off] == '}' {
			sc.off++
			break
		}
		for {
			sc.space()
			kstart := sc.off
			if sc.off >= len(sc.data) || sc.data[sc.off] != '"' {
				return nil, false
			}
			k, ok := sc.str()
			if !ok {
				return nil, false
			}
			sc.space()
			if sc.off >= len(sc.data) || sc.data[sc.off] != ':' {
				return nil, false
			}
			sc.off++
			v, ok := sc.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.keys, n.kpos, n.items = append(n.keys, k), append(n.kpos, kstart), append(n.items, v)
			sc.space()
			if sc.off >= len(sc.data) {
				return nil, false
			}
			if sc.data[sc.off] == ',' {
				sc.off++
				continue
			}
			if sc.data[sc.off] == '}' {
				sc.off++
				break
			}
			return nil, false
		}
	case c == '[':
		n.kind = nArray
		sc.off++
		sc.space()
		if sc.off < len(sc.data) && sc.data[sc.off] == ']' {
			sc.off++
			break
		}
		for {
			v, ok := sc.value(depth + 1)
			if !ok {
				return nil, false
			}
			n.items = append(n.items, v)
			sc.space()
			if sc.off >= len(sc.data) {
				return nil, false
			}
			if sc.data[sc.off] == ',' {
				sc.off++
				continue
			}
			if sc.data[sc.off] == ']' {
				sc.off++
				break
			}
			return nil, false
		}
	case c == '"':
		s, ok := sc.str()
		if !ok {
			return nil, false
		}
		n.kind, n.str = nString, s
	case c == '-' || c >= '0' && c <= '9':
		if !sc.number() {
			return nil, false
		}
		n.kind, n.str = nNumber, string(sc.data[n.start:sc.off])
	case c == 't':
		if !sc.literal("true") {
			return nil, false
		}
		n.kind, n.str = nBool, "true"
	case c == 'f':
		if !sc.literal("false") {
			return nil, false
		}
		n.kind, n.str = nBool, "false"
	case c == 'n':
		if !sc.literal("null") {
			return nil, false
		}
		n.kind = nNull
	default:
		return nil, false
	}
	n.end = sc.off
	return n, true
}

func (sc *scanner) literal(lit string) bool {
	if len(sc.data)-sc.off < len(lit) || string(sc.data[sc.off:sc.off+len(lit)]) != lit {
		return false
	}
	sc.off += len(lit)
	return true
}

// number accepts the JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (sc *scanner) number() bool {
	d := sc.data
	i := sc.off
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(d) && d[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	sc.off = i
	return true
}

// str reads a string literal at sc.off. Plain strings (no escape, valid UTF-8) are sliced;
// the others are decoded by encoding/json, for its exact treatment of escapes and invalid
// UTF-8.
func (sc *scanner) str() (string, bool) {
	d := sc.data
	start := sc.off
	plain := true
	i := start + 1
	for ; i < len(d); i++ {
		c := d[i]
		if c == '"' {
			break
		}
		if c < 0x20 {
			return "", false
		}
		if c == '\\' {
			plain = false
			i++ // skip the escaped byte (a quote or a backslash must not end the scan)
			continue
		}
		if c >= utf8.RuneSelf {
			plain = false
		}
	}
	if i >= len(d) {
		return "", false
	}
	sc.off = i + 1
	lit := d[start:sc.off]
	if plain {
		return string(lit[1 : len(lit)-1]), true
	}
	if !hasEscape(lit) && utf8.Valid(lit) {
		return string(lit[1 : len(lit)-1]), true
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", false
	}
	return s, true
}

func hasEscape(b []byte) bool {
	for _, c := range b {
		if c == '\\' {
			return true
		}
	}
	return false
}
