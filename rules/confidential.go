package rules

import (
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Confidential marks subject paths whose values are confidential (a clue's reporters, its
// investigation detail): written like SizeBound's paths ("clue.reporters"), each covering
// every value below it. Whatever a check says in words — evaluation errors, violation
// messages, explain traces — names such a value by its JSON path instead of quoting it
// (<clue.reporters[0].name>), so that a policy that reads reporter fields (or fails on
// them: no such key, not a decimal, not a timestamp) cannot carry them out through an error
// returned to whoever acted, a log or a response. [Reveal] shows them to a caller granted
// them. Outputs are values for the host and are left as computed.
func Confidential(paths ...string) SubjectOption {
	return func(s *Subject) { s.confidential = append(s.confidential, paths...) }
}

// Reveal makes one check quote confidential values in its messages and traces (see
// [Confidential]): for a caller granted them.
func Reveal() CheckOption { return func(c *checkConfig) { c.reveal = true } }

// secret is one confidential value of a subject and its JSON path.
type secret struct {
	text, path string
}

// scrubber replaces a subject's confidential values in text by their paths. It collects
// them on first use: a check that says nothing pays nothing.
type scrubber struct {
	subject any // pointer to the subject value
	name    string
	paths   []string
	secrets []secret
	built   bool
}

func (s *scrubber) build() {
	s.built = true
	root := reflect.ValueOf(s.subject)
	for _, p := range s.paths {
		rest, ok := strings.CutPrefix(p, s.name)
		if !ok {
			continue
		}
		collectAt(root, s.name, strings.Split(strings.TrimPrefix(rest, "."), "."), &s.secrets)
	}
	// Longest first, so that a value containing another is replaced whole.
	sort.SliceStable(s.secrets, func(i, j int) bool { return len(s.secrets[i].text) > len(s.secrets[j].text) })
}

// text returns msg with every confidential value (and its quoted form) replaced by its path.
func (s *scrubber) text(msg string) string {
	if s == nil || msg == "" {
		return msg
	}
	if !s.built {
		s.build()
	}
	for _, x := range s.secrets {
		if !strings.Contains(msg, x.text) {
			if q := strconv.Quote(x.text); strings.Contains(msg, q[1:len(q)-1]) {
				msg = strings.ReplaceAll(msg, q[1:len(q)-1], "<"+x.path+">")
			}
			continue
		}
		msg = strings.ReplaceAll(msg, x.text, "<"+x.path+">")
	}
	return msg
}

// value returns a trace value without confidential values: strings scrubbed, structured
// values rendered as their JSON with the values scrubbed.
func (s *scrubber) value(v any) any {
	if s == nil {
		return v
	}
	if !s.built {
		s.build()
	}
	if len(s.secrets) == 0 {
		return v
	}
	switch x := v.(type) {
	case string:
		return s.text(x)
	case nil, bool, int64, uint64, float64, time.Time:
		return v
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s.text(string(raw))), &out); err != nil {
		return s.text(string(raw))
	}
	return out
}

// collectAt walks v along the JSON field names of path and collects every string below.
func collectAt(v reflect.Value, at string, path []string, out *[]secret) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if len(path) == 0 || path[0] == "" {
		collectAll(v, at, out)
		return
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectAt(v.Index(i), at+"["+strconv.Itoa(i)+"]", path, out)
		}
	case reflect.Struct:
		if f, ok := fieldByJSON(v, path[0]); ok {
			collectAt(f, at+"."+path[0], path[1:], out)
		}
	}
}

// collectAll collects every string of v (two characters or more: shorter ones identify
// nobody and would mangle messages).
func collectAll(v reflect.Value, at string, out *[]secret) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectAll(v.Elem(), at, out)
		}
	case reflect.String:
		if s := v.String(); utf8.RuneCountInString(s) >= 2 {
			*out = append(*out, secret{text: s, path: at})
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := range v.Len() {
			collectAll(v.Index(i), at+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			collectAll(it.Value(), at+"."+it.Key().String(), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				collectAll(v.Field(i), at+"."+jsonName(f), out)
			}
		}
	}
}

func fieldByJSON(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && jsonName(f) == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func jsonName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if tag == "" || tag == "-" {
		return f.Name
	}
	return tag
}
