package rules

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"cel.dev/cel-go/common/types"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Absent is absent: a zero time.Time, a zero uuid.UUID or an empty decimal.Decimal in a subject
// means "not set", not an instant in 1970 or 0001, a nil id or the number 0. Policies test
// such a field with has() (false when it is absent) and reading it while it is absent is an
// evaluation error of the policy, never a silent comparison with a made-up value.

// optionalType reports whether values of t are absent when zero.
func optionalType(t reflect.Type) bool {
	switch t {
	case reflect.TypeFor[time.Time](), reflect.TypeFor[uuid.UUID](), reflect.TypeFor[decimal.Decimal]():
		return true
	}
	return false
}

// optionalFields maps the CEL type name of every struct reachable from t to its fields
// (by json name) that are absent when zero.
func optionalFields(t reflect.Type, out map[string]map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		if optionalType(t) {
			return
		}
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || optionalType(t) {
		return
	}
	name := celTypeName(t)
	if _, done := out[name]; done {
		return
	}
	fields := map[string]bool{}
	out[name] = fields
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if optionalType(f.Type) {
			fields[tag] = true
			continue
		}
		optionalFields(f.Type, out)
	}
}

// celTypeName is the name ext.NativeTypes gives a Go struct type: package name and type
// name.
func celTypeName(t reflect.Type) string {
	return t.PkgPath()[lastSlash(t.PkgPath())+1:] + "." + t.Name()
}

// absentProvider is the environment's type provider with field access made strict: reading
// an optional field (see optionalFields) that is absent is an error naming the field.
type absentProvider struct {
	types.Provider
	optional map[string]map[string]bool
}

// FindStructFieldType implements types.Provider.
func (p absentProvider) FindStructFieldType(structType, fieldName string) (*types.FieldType, bool) {
	ft, ok := p.Provider.FindStructFieldType(structType, fieldName)
	if !ok || ft == nil || !p.optional[structType][fieldName] || ft.IsSet == nil || ft.GetFrom == nil {
		return ft, ok
	}
	get, isSet := ft.GetFrom, ft.IsSet
	strict := *ft
	strict.GetFrom = func(obj any) (any, error) {
		if !isSet(obj) {
			return nil, &AbsentError{Type: structType, Field: fieldName}
		}
		return get(obj)
	}
	return &strict, true
}

// AbsentError is the evaluation error of reading a field that is absent (a zero time, uuid
// or decimal) without testing it with has() first. It matches ErrAbsent.
type AbsentError struct {
	Type  string // the CEL type, e.g. clue.Clue
	Field string // the json name, e.g. received_at
}

func (e *AbsentError) Error() string {
	return fmt.Sprintf("%s is absent (field of %s): test it with has() before reading it", e.Field, e.Type)
}

// Unwrap returns ErrAbsent.
func (e *AbsentError) Unwrap() error { return ErrAbsent }
