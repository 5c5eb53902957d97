package rules

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"cel.dev/cel-go/cel"

	"github.com/guantong/guantong/internal/strictjson"
	"github.com/guantong/guantong/rules/workday"
)

// Subject is a Go type that policies can be written about, with the name policies use for it
// (the policy's subject field and the CEL variable holding the value). Build one with
// [NewSubject]. A Subject is immutable and safe to share.
type Subject struct {
	name     string
	typ      reflect.Type
	celType  *cel.Type
	native   any // *types.NativeTypeDesc for ext.NativeTypes
	pointer  func(v any) (any, bool)
	strict   *strictjson.Decoder
	check    func(v any) error // the subject's own validation, after decoding
	bounds   map[string]uint64
	outputs  map[string]OutputType
	required map[string]bool // paths with @items, from the subject variable
	// confidential are the paths whose values checks never quote (see Confidential).
	confidential []string
}

// OutputType is the type of a declared output.
type OutputType string

// Output types and the Go type of their values in [OutputValue].
const (
	OutputString    OutputType = "string"    // string
	OutputInt       OutputType = "int"       // int64
	OutputBool      OutputType = "bool"      // bool
	OutputDecimal   OutputType = "decimal"   // decimal.Decimal
	OutputTimestamp OutputType = "timestamp" // time.Time in China Standard Time
)

func (t OutputType) celType() *cel.Type {
	switch t {
	case OutputString:
		return cel.StringType
	case OutputInt:
		return cel.IntType
	case OutputBool:
		return cel.BoolType
	case OutputDecimal:
		return decimalType
	case OutputTimestamp:
		return cel.TimestampType
	}
	return nil
}

// SubjectOption configures a [Subject] (see [NewSubject]). A nil SubjectOption is ignored.
type SubjectOption func(*Subject)

// SizeBound declares the largest size a list, map or string reachable from the subject can
// have, as a dotted path from the subject variable (for example "clue.subjects", or
// "clue.subjects.@items.name" for each element's name). Bounds tighten the static cost
// estimate checked at load time against the cost ceiling.
func SizeBound(path string, max uint64) SubjectOption {
	return func(s *Subject) { s.bounds[path] = max }
}

// Required declares fields a subject value must set, as dotted paths from the subject
// variable like [SizeBound]'s ("meeting.held_at", "meeting_series.meetings.@items.held_at"):
// fields the domain always sets or refuses to leave empty. [Subject.Decode] reports a missing
// one ([ErrMissingField]), and the load-time check of has() guards does not ask for one.
func Required(paths ...string) SubjectOption {
	return func(s *Subject) {
		for _, p := range paths {
			s.required[p] = true
		}
	}
}

// Validate gives the subject's own validation, run by [Subject.Decode] after the JSON has
// decoded: the checks the domain package applies to its own values (a negative amount, a
// tour that ends before it starts, an obligation without a policy). check receives a *T of
// the subject's type; a non-nil error fails the decode with its message (a domain field
// error naming its JSON field is reported at that path).
func Validate[T any](check func(*T) error) SubjectOption {
	return func(s *Subject) {
		s.check = func(v any) error {
			t, ok := v.(*T)
			if !ok {
				return fmt.Errorf("%w: validation for %T given a %T", ErrInvalidValue, (*T)(nil), v)
			}
			return check(t)
		}
	}
}

// DeclareOutput declares an output policies about the subject may compute (see
// [Policy.Outputs]), with its type. An unknown type makes [NewSubject] fail.
func DeclareOutput(name string, t OutputType) SubjectOption {
	return func(s *Subject) { s.outputs[name] = t }
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// NewSubject registers the struct type T under name. Its fields are visible to CEL under their
// json tag names (a field without a json tag keeps its Go name); time.Time is a timestamp,
// decimal.Decimal a decimal (see [LibraryVersion]), string-based enums are strings. Check
// accepts T or *T.
func NewSubject[T any](name string, opts ...SubjectOption) (Subject, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return Subject{}, fmt.Errorf("%w: subject %q: %v is not a struct type", ErrInvalidValue, name, t)
	}
	if !identRE.MatchString(name) || name == "now" || name == "variables" {
		return Subject{}, fmt.Errorf("%w: subject name %q must be a lower-case identifier other than now and variables", ErrInvalidValue, name)
	}
	s := Subject{
		name:    name,
		typ:     t,
		celType: cel.ObjectType(t.PkgPath()[lastSlash(t.PkgPath())+1:] + "." + t.Name()),
		native:  cel.NativeTypeFor[T](),
		pointer: func(v any) (any, bool) {
			switch x := v.(type) {
			case *T:
				return x, x != nil
			case T:
				return &x, true
			}
			return nil, false
		},
		strict:   strictjson.New(t, strictjson.Options{Location: workday.Location()}),
		bounds:   map[string]uint64{},
		outputs:  map[string]OutputType{},
		required: map[string]bool{},
	}
	fixedSizes(t, name, s.bounds, map[reflect.Type]bool{})
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	for n, t := range s.outputs {
		if !varRE.MatchString(n) || t.celType() == nil {
			return Subject{}, fmt.Errorf("%w: subject %q: output %q of type %q (want an identifier of type string, int, bool, decimal or timestamp)", ErrInvalidValue, name, n, t)
		}
	}
	return s, nil
}

// MustSubject is [NewSubject] for package-level wiring in tests and examples; it panics on an
// invalid type or name, which is a programming error.
func MustSubject[T any](name string, opts ...SubjectOption) Subject {
	s, err := NewSubject[T](name, opts...)
	if err != nil {
		panic(err)
	}
	return s
}

// Name is the subject's name in policies.
func (s Subject) Name() string { return s.name }

// Type is the subject's Go struct type.
func (s Subject) Type() reflect.Type { return s.typ }

// Outputs returns the declared outputs and their types.
func (s Subject) Outputs() map[string]OutputType {
	out := make(map[string]OutputType, len(s.outputs))
	for k, v := range s.outputs {
		out[k] = v
	}
	return out
}

// Decode reads a JSON subject value strictly, as a pointer to the subject type. Fields are
// named by their json tags; an unknown field, an unknown value of an enumerated type (an
// agency kind, a disposal method…), a value of the wrong type, a key given twice or a
// malformed timestamp is a [*SubjectError] listing every problem, each with its JSON path,
// line and column, the known names and a did-you-mean. Timestamps are RFC 3339 or a date
// (2026-10-19, meaning 00:00 China Standard Time); null or an absent field is the zero
// value, which policies see as absent (has() is false). The subject's own validation
// ([Validate]) runs last. Decode never panics.
func (s Subject) Decode(data []byte) (any, error) {
	if s.strict == nil {
		return nil, fmt.Errorf("%w: zero Subject", ErrUnknownSubject)
	}
	v := reflect.New(s.typ)
	if err := s.strict.Decode(data, v.Interface()); err != nil {
		return nil, s.subjectError(err)
	}
	if probs := s.missing(v.Elem()); len(probs) > 0 {
		return nil, &SubjectError{Subject: s.name, Problems: probs}
	}
	if s.check != nil {
		if err := s.check(v.Interface()); err != nil {
			return nil, &SubjectError{Subject: s.name, Problems: []SubjectProblem{fieldProblem(err)}}
		}
	}
	return v.Interface(), nil
}

// missing reports the required fields that v leaves zero.
func (s Subject) missing(v reflect.Value) []SubjectProblem {
	var out []SubjectProblem
	for _, p := range sortedKeys(s.required) {
		segs := strings.Split(p, ".")[1:] // drop the subject name
		zeroAt(v, segs, "", func(path string) {
			out = append(out, SubjectProblem{Path: path, Kind: ErrMissingField, Message: "required"})
		})
	}
	return out
}

// zeroAt calls missing with the concrete path of every zero value at segs under v
// (@items stands for every element of a list).
func zeroAt(v reflect.Value, segs []string, path string, missing func(string)) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return // the enclosing value is absent: nothing inside it is required
		}
		v = v.Elem()
	}
	if len(segs) == 0 {
		if v.IsZero() {
			missing(path)
		}
		return
	}
	seg := segs[0]
	if seg == "@items" {
		if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
			return
		}
		for i := range v.Len() {
			zeroAt(v.Index(i), segs[1:], fmt.Sprintf("%s[%d]", path, i), missing)
		}
		return
	}
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
			name = tag
		}
		if name == seg && f.IsExported() {
			next := seg
			if path != "" {
				next = path + "." + seg
			}
			zeroAt(v.Field(i), segs[1:], next, missing)
			return
		}
	}
}

func (s Subject) subjectError(err error) error {
	var se *strictjson.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("rules: decoding %s subject: %w", s.name, err)
	}
	out := &SubjectError{Subject: s.name}
	for _, p := range se.Problems {
		kind := ErrInvalidValue
		switch p.Kind {
		case strictjson.Syntax:
			kind = ErrSyntax
		case strictjson.UnknownField:
			kind = ErrUnknownField
		case strictjson.UnknownValue:
			kind = ErrUnknownValue
		}
		out.Problems = append(out.Problems, SubjectProblem{Path: p.Path, Line: p.Line, Column: p.Column, Kind: kind,
			Message: p.Message, Value: p.Value, Known: p.Known, Suggest: p.Suggest})
	}
	return out
}

// fieldProblem turns a domain validation error into a problem at the JSON path it names,
// when it names one (a *clue.FieldError and its kin have a Field string).
func fieldProblem(err error) SubjectProblem {
	p := SubjectProblem{Kind: ErrValidation, Message: err.Error()}
	var named interface{ FieldName() string }
	if errors.As(err, &named) {
		p.Path = named.FieldName()
	}
	return p
}

// fixedSizes records the size of every fixed-size byte array reachable from t (a uuid.UUID is
// [16]byte, which CEL sees as bytes) under its CEL path, so that the cost estimate uses the
// real size rather than DefaultStringBound. Declared SizeBounds, applied afterwards, win.
func fixedSizes(t reflect.Type, path string, out map[string]uint64, onPath map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			out[path] = uint64(t.Len())
			return
		}
		fixedSizes(t.Elem(), path+".@items", out, onPath)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Uint8 {
			fixedSizes(t.Elem(), path+".@items", out, onPath)
		}
	case reflect.Map:
		fixedSizes(t.Elem(), path+".@values", out, onPath)
	case reflect.Struct:
		if onPath[t] {
			return
		}
		onPath[t] = true
		defer delete(onPath, t)
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
				name = tag
			}
			fixedSizes(f.Type, path+"."+name, out, onPath)
		}
	}
}

func lastSlash(p string) int {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return i
		}
	}
	return -1
}
