package rules

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
)

// The match index. A province bundle holds hundreds of local policies, each for its own
// kind of agency, disposal method or matter: evaluating every match for every check costs
// more than the one or two policies that apply. At compile time each policy's match is
// searched for a conjunct the index can decide — a string field of the subject compared
// with literals (clue.source.kind == 'audit', clue.source.kind in ['audit',
// 'inspection_tour']) — and the policies are grouped by that field and its values. A check
// reads the field once and evaluates only the policies whose values it has, and those whose
// match the index cannot decide. Skipping is exact: when one conjunct of an && is false the
// whole match is false, whatever the other conjuncts would do (CEL's && absorbs their
// errors), so the decision is the same with and without the index ([EvaluateAll]).

// indexCond is a conjunct of a match that the index decides: the field at path is one of
// values.
type indexCond struct {
	path   string
	values []string
}

// indexField is one field of the subject the index reads, and the policies it decides.
type indexField struct {
	path    string
	get     func(subject reflect.Value) (string, bool) // false: not readable (a nil pointer on the way)
	byValue map[string][]int                           // positions in the subject's policies
	all     []int                                      // every policy decided by this field
}

// subjectIndex is the index of one subject's policies.
type subjectIndex struct {
	always []int // positions of the policies the index cannot decide
	fields []*indexField
}

// indexCondition returns the first conjunct of the checked match a that the index can decide
// for subject s, if any.
func indexCondition(a *cel.Ast, s Subject) (indexCond, bool) {
	native := a.NativeRep()
	var found indexCond
	var ok bool
	var walk func(e celast.Expr)
	walk = func(e celast.Expr) {
		if ok || e.Kind() != celast.CallKind {
			return
		}
		c := e.AsCall()
		args := c.Args()
		switch c.FunctionName() {
		case operators.LogicalAnd:
			for _, x := range args {
				walk(x)
			}
		case operators.Equals:
			if len(args) != 2 {
				return
			}
			for i := range 2 {
				if p := fieldPath(native, args[i], s.name); p != "" {
					if lit, isLit := stringLiteral(args[1-i]); isLit {
						found, ok = indexCond{path: p, values: []string{lit}}, true
						return
					}
				}
			}
		case operators.In:
			if len(args) != 2 || args[1].Kind() != celast.ListKind {
				return
			}
			p := fieldPath(native, args[0], s.name)
			if p == "" {
				return
			}
			var values []string
			for _, el := range args[1].AsList().Elements() {
				lit, isLit := stringLiteral(el)
				if !isLit {
					return
				}
				values = append(values, lit)
			}
			found, ok = indexCond{path: p, values: values}, true
		}
	}
	walk(native.Expr())
	if ok && s.fieldGetter(found.path) == nil {
		return indexCond{}, false
	}
	return found, ok
}

// fieldPath renders a select chain from the subject variable (clue.source.kind), or "";
// string(chain) of an enum field is the same chain.
func fieldPath(a *celast.AST, e celast.Expr, subject string) string {
	if e.Kind() == celast.CallKind {
		c := e.AsCall()
		if c.FunctionName() != "string" || c.IsMemberFunction() || len(c.Args()) != 1 {
			return ""
		}
		e = c.Args()[0]
	}
	var parts []string
	for e.Kind() == celast.SelectKind {
		s := e.AsSelect()
		if s.IsTestOnly() {
			return ""
		}
		parts = append(parts, s.FieldName())
		e = s.Operand()
	}
	if e.Kind() != celast.IdentKind || e.AsIdent() != subject || len(parts) == 0 {
		return ""
	}
	slices.Reverse(parts)
	return subject + "." + strings.Join(parts, ".")
}

func stringLiteral(e celast.Expr) (string, bool) {
	if e.Kind() != celast.LiteralKind {
		return "", false
	}
	s, ok := e.AsLiteral().(types.String)
	return string(s), ok
}

// fieldGetter returns a reader of the string field at the dotted path of json names (the
// subject's name first), or nil when the path does not end in a string field of a struct.
func (s Subject) fieldGetter(path string) func(reflect.Value) (string, bool) {
	names := strings.Split(path, ".")[1:]
	t := s.typ
	var steps [][]int // field indices; a nil step dereferences a pointer
	for _, n := range names {
		for t.Kind() == reflect.Pointer {
			steps = append(steps, nil)
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		f, ok := fieldByJSONType(t, n)
		if !ok {
			return nil
		}
		steps = append(steps, f.Index)
		t = f.Type
	}
	if t.Kind() != reflect.String {
		return nil
	}
	return func(v reflect.Value) (string, bool) {
		for _, st := range steps {
			if st == nil {
				if v.IsNil() {
					return "", false
				}
				v = v.Elem()
				continue
			}
			v = v.FieldByIndex(st)
		}
		return v.String(), true
	}
}

func fieldByJSONType(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && jsonName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// buildIndex indexes a subject's policies (in their check order) by their conditions.
func buildIndex(s Subject, ps []*compiledPolicy) *subjectIndex {
	ix := &subjectIndex{}
	byPath := map[string]*indexField{}
	for i, p := range ps {
		if p.cond.path == "" {
			ix.always = append(ix.always, i)
			continue
		}
		f := byPath[p.cond.path]
		if f == nil {
			f = &indexField{path: p.cond.path, get: s.fieldGetter(p.cond.path), byValue: map[string][]int{}}
			byPath[p.cond.path] = f
			ix.fields = append(ix.fields, f)
		}
		f.all = append(f.all, i)
		for _, v := range slices.Compact(slices.Sorted(slices.Values(p.cond.values))) {
			f.byValue[v] = append(f.byValue[v], i)
		}
	}
	if len(ix.fields) == 0 {
		return nil // nothing to skip: every match is evaluated
	}
	return ix
}

// candidates appends to buf, in check order, the positions of the policies that may apply
// to the subject value v.
func (ix *subjectIndex) candidates(v reflect.Value, buf []int) []int {
	buf = append(buf, ix.always...)
	for _, f := range ix.fields {
		if val, ok := f.get(v); ok {
			buf = append(buf, f.byValue[val]...)
		} else {
			buf = append(buf, f.all...)
		}
	}
	if len(ix.fields) > 1 || len(ix.always) > 0 {
		slices.Sort(buf)
	}
	return buf
}

// notApplicable is the explanation of a policy the index skipped.
func notApplicable(p *compiledPolicy, ix *subjectIndex, v reflect.Value) string {
	for _, f := range ix.fields {
		if f.path == p.cond.path {
			val, _ := f.get(v)
			return "index: " + f.path + " is " + strconv.Quote(val)
		}
	}
	return "index"
}
