package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
)

// unguardedRead is a read of a field that may be absent (a time, uuid or decimal) on a path
// of an expression where no has() test guards it.
type unguardedRead struct {
	path   string // e.g. clue.received_at
	offset int    // 0-based column of the read within its line
	line   int    // 1-based line within the expression
}

// unguardedReads returns the reads of optional fields in a checked expression that no has()
// guards: has(P) guards P in the other operands of an && (false absorbs the error), !has(P) in
// the other operands of an ||, and has(P) in the branch of a ternary it selects; guards
// are has() tests already known to hold (the policy's match, an obligation's when).
//
// A read is also fine when its path is one the subject requires (see [Required]): the
// variables that are plain paths (aliases) and comprehension variables (m in
// meetings.exists(m, …), which stands for meetings.@items) are resolved first.
func unguardedReads(a *cel.Ast, optional map[string]map[string]bool, guards map[string]bool, required map[string]bool, aliases map[string]string) []unguardedRead {
	native := a.NativeRep()
	w := &guardWalker{ast: native, optional: optional, required: required, aliases: aliases, bind: map[string]string{}}
	w.walk(native.Expr(), guards)
	return w.found
}

type guardWalker struct {
	ast      *celast.AST
	optional map[string]map[string]bool
	required map[string]bool
	aliases  map[string]string // variables.rec → rectification.recommendation
	bind     map[string]string // comprehension variable → path of its range and .@items
	found    []unguardedRead
}

// canonical resolves a path's aliases and comprehension variables: m.held_at in
// meeting_series.meetings.exists(m, …) is meeting_series.meetings.@items.held_at.
func (w *guardWalker) canonical(p string) string {
	head, rest, _ := strings.Cut(p, ".")
	if b, ok := w.bind[head]; ok && b != "" {
		p = b
		if rest != "" {
			p += "." + rest
		}
	}
	for alias, target := range w.aliases {
		if p == alias || strings.HasPrefix(p, alias+".") {
			p = target + p[len(alias):]
			break
		}
	}
	return p
}

// path renders an ident, select or constant-index chain as text (clue.subjects[0].id), or ""
// for anything else.
func (w *guardWalker) path(e celast.Expr) string {
	if ref, ok := w.ast.ReferenceMap()[e.ID()]; ok && ref.Name != "" && e.Kind() != celast.CallKind {
		return ref.Name
	}
	switch e.Kind() {
	case celast.IdentKind:
		if b, ok := w.bind[e.AsIdent()]; ok && b == "" {
			return "" // bound to something that is not a path
		}
		return e.AsIdent()
	case celast.SelectKind:
		s := e.AsSelect()
		if s.IsTestOnly() {
			return ""
		}
		if op := w.path(s.Operand()); op != "" {
			return op + "." + s.FieldName()
		}
	case celast.CallKind:
		c := e.AsCall()
		if c.FunctionName() == operators.Index && len(c.Args()) == 2 && c.Args()[1].Kind() == celast.LiteralKind {
			if op := w.path(c.Args()[0]); op != "" {
				return op + "[" + fmt.Sprint(c.Args()[1].AsLiteral().Value()) + "]"
			}
		}
	}
	return ""
}

// has returns the path P of has(P) (a test-only select), or "".
func (w *guardWalker) has(e celast.Expr) string {
	if e.Kind() != celast.SelectKind || !e.AsSelect().IsTestOnly() {
		return ""
	}
	s := e.AsSelect()
	if op := w.path(s.Operand()); op != "" {
		return op + "." + s.FieldName()
	}
	return ""
}

// positive returns the has() paths that hold when e is true: has(P), and the conjuncts of &&.
func (w *guardWalker) positive(e celast.Expr, out map[string]bool) {
	if p := w.has(e); p != "" {
		out[p] = true
		return
	}
	if e.Kind() == celast.CallKind {
		c := e.AsCall()
		switch c.FunctionName() {
		case operators.LogicalAnd:
			for _, a := range c.Args() {
				w.positive(a, out)
			}
		case operators.LogicalNot:
			w.negative(c.Args()[0], out)
		}
	}
}

// negative returns the has() paths that hold when e is false: !has(P), and the disjuncts
// of ||.
func (w *guardWalker) negative(e celast.Expr, out map[string]bool) {
	if e.Kind() != celast.CallKind {
		return
	}
	c := e.AsCall()
	switch c.FunctionName() {
	case operators.LogicalNot:
		w.positive(c.Args()[0], out)
	case operators.LogicalOr:
		for _, a := range c.Args() {
			w.negative(a, out)
		}
	}
}

func with(guards map[string]bool, add func(map[string]bool)) map[string]bool {
	out := make(map[string]bool, len(guards)+2)
	for k := range guards {
		out[k] = true
	}
	add(out)
	return out
}

func (w *guardWalker) walk(e celast.Expr, guards map[string]bool) {
	switch e.Kind() {
	case celast.SelectKind:
		s := e.AsSelect()
		if s.IsTestOnly() {
			return
		}
		if t := w.ast.GetType(s.Operand().ID()); t != nil && w.optional[t.TypeName()][s.FieldName()] {
			p := w.path(e)
			if p == "" || !guards[p] && !w.required[w.canonical(p)] {
				loc := w.ast.SourceInfo().GetStartLocation(e.ID())
				name := p
				if name == "" {
					name = s.FieldName()
				}
				w.found = append(w.found, unguardedRead{path: name, line: loc.Line(), offset: loc.Column()})
			}
		}
		w.walk(s.Operand(), guards)
	case celast.CallKind:
		c := e.AsCall()
		args := c.Args()
		switch c.FunctionName() {
		case operators.LogicalAnd:
			for i, a := range args {
				w.walk(a, with(guards, func(m map[string]bool) {
					for j, b := range args {
						if j != i {
							w.positive(b, m)
						}
					}
				}))
			}
			return
		case operators.LogicalOr:
			for i, a := range args {
				w.walk(a, with(guards, func(m map[string]bool) {
					for j, b := range args {
						if j != i {
							w.negative(b, m)
						}
					}
				}))
			}
			return
		case operators.Conditional:
			w.walk(args[0], guards)
			w.walk(args[1], with(guards, func(m map[string]bool) { w.positive(args[0], m) }))
			w.walk(args[2], with(guards, func(m map[string]bool) { w.negative(args[0], m) }))
			return
		}
		if c.IsMemberFunction() {
			w.walk(c.Target(), guards)
		}
		for _, a := range args {
			w.walk(a, guards)
		}
	case celast.ListKind:
		for _, x := range e.AsList().Elements() {
			w.walk(x, guards)
		}
	case celast.MapKind:
		for _, x := range e.AsMap().Entries() {
			en := x.AsMapEntry()
			w.walk(en.Key(), guards)
			w.walk(en.Value(), guards)
		}
	case celast.StructKind:
		for _, x := range e.AsStruct().Fields() {
			w.walk(x.AsStructField().Value(), guards)
		}
	case celast.ComprehensionKind:
		cx := e.AsComprehension()
		w.walk(cx.IterRange(), guards)
		w.walk(cx.AccuInit(), guards)
		rng := w.path(cx.IterRange())
		if rng != "" {
			rng = w.canonical(rng) + ".@items"
		}
		outer, had := w.bind[cx.IterVar()]
		w.bind[cx.IterVar()] = rng
		w.walk(cx.LoopCondition(), guards)
		w.walk(cx.LoopStep(), guards)
		if had {
			w.bind[cx.IterVar()] = outer
		} else {
			delete(w.bind, cx.IterVar())
		}
		w.walk(cx.Result(), guards)
	}
}
