package rules

import (
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"
)

// The runtime cost limit charges a call after it ran; a call whose result is far larger than
// its arguments (joining ten thousand references to one large string, concatenating two
// large lists) would allocate that result first. The size guard checks, before such a call
// runs, the size its result will have, and refuses one beyond Limits.MaxStringSize bytes or
// Limits.MaxListSize elements with an evaluation error.

// guarded are the functions whose result can outgrow their arguments, with the size of the
// result they would give.
var guarded = map[string]func(g *sizeGuard, args []ref.Val) (str, list uint64){
	"_+_":     func(g *sizeGuard, a []ref.Val) (uint64, uint64) { return g.sizesOf(a...) },
	"join":    joinSize,
	"replace": replaceSize,
	"format":  func(g *sizeGuard, a []ref.Val) (uint64, uint64) { s, _ := g.deep(a...); return s, 0 },
	"flatten": flattenSize,
	"quote": func(g *sizeGuard, a []ref.Val) (uint64, uint64) {
		s, _ := g.deep(a...)
		return 6*s + 2, 0
	},
	"strings.quote": func(g *sizeGuard, a []ref.Val) (uint64, uint64) {
		s, _ := g.deep(a...)
		return 6*s + 2, 0
	},
	"lists.range": func(_ *sizeGuard, a []ref.Val) (uint64, uint64) {
		if n, ok := a[0].(types.Int); ok && n > 0 {
			return 0, uint64(n)
		}
		return 0, 0
	},
}

// sizeGuard is the decorator of one engine's programs.
type sizeGuard struct {
	bindings          map[string]*functions.Overload // by overload id and by function name
	maxString, maxLen uint64
}

func newSizeGuard(env *cel.Env, lim Limits) *sizeGuard {
	g := &sizeGuard{bindings: map[string]*functions.Overload{}, maxString: uint64(lim.MaxStringSize), maxLen: uint64(lim.MaxListSize)}
	for name, fn := range env.Functions() {
		if _, ok := guarded[name]; !ok {
			continue
		}
		bs, err := fn.Bindings()
		if err != nil {
			continue
		}
		for _, b := range bs {
			g.bindings[b.Operator] = b
		}
	}
	return g
}

// decorate replaces a call of a guarded function by one that checks the result's size first.
func (g *sizeGuard) decorate(i interpreter.Interpretable) (interpreter.Interpretable, error) {
	call, ok := i.(interpreter.InterpretableCall)
	if !ok {
		return i, nil
	}
	size, ok := guarded[call.Function()]
	if !ok {
		return i, nil
	}
	b := g.bindings[call.OverloadID()]
	if b == nil {
		b = g.bindings[call.Function()]
	}
	if b == nil {
		return i, nil
	}
	fn := call.Function()
	impl := func(args ...ref.Val) ref.Val {
		if s, l := size(g, args); s > g.maxString {
			return types.NewErr("rules: %s would make a string of %d bytes, more than %d (Limits.MaxStringSize)", fn, s, g.maxString)
		} else if l > g.maxLen {
			return types.NewErr("rules: %s would make a list of %d elements, more than %d (Limits.MaxListSize)", fn, l, g.maxLen)
		}
		if b.OperandTrait != 0 && !args[0].Type().HasTrait(b.OperandTrait) {
			return types.MaybeNoSuchOverloadErr(args[0])
		}
		switch {
		case b.Function != nil:
			return b.Function(args...)
		case len(args) == 2 && b.Binary != nil:
			return b.Binary(args[0], args[1])
		case len(args) == 1 && b.Unary != nil:
			return b.Unary(args[0])
		}
		return types.NewErr("no such overload: %s", fn)
	}
	return interpreter.NewCall(call.ID(), fn, call.OverloadID(), call.Args(), impl), nil
}

// sizes returns the string bytes and list elements of v itself (not below).
func (g *sizeGuard) sizes(v ref.Val) (str, list uint64) {
	switch x := v.(type) {
	case types.String:
		return uint64(len(x)), 0
	case types.Bytes:
		return uint64(len(x)), 0
	case traits.Lister:
		if n, ok := x.Size().(types.Int); ok {
			return 0, uint64(n)
		}
	}
	return 0, 0
}

func (g *sizeGuard) sizesOf(vs ...ref.Val) (str, list uint64) {
	for _, v := range vs {
		s, l := g.sizes(v)
		str, list = str+s, list+l
	}
	return str, list
}

// deep returns the bytes of every string in vs and below (through lists and maps), and the
// elements walked; it stops counting once past the limits.
func (g *sizeGuard) deep(vs ...ref.Val) (str, elems uint64) {
	var walk func(v ref.Val)
	walk = func(v ref.Val) {
		if str > g.maxString || elems > g.maxLen {
			return
		}
		switch x := v.(type) {
		case types.String:
			str += uint64(len(x))
		case types.Bytes:
			str += uint64(len(x))
		case traits.Lister:
			for it := x.Iterator(); it.HasNext() == types.True; {
				elems++
				walk(it.Next())
			}
		case traits.Mapper:
			for it := x.Iterator(); it.HasNext() == types.True; {
				k := it.Next()
				elems++
				walk(k)
				walk(x.Get(k))
			}
		default:
			str += 32 // a number, a timestamp…: its text
		}
	}
	for _, v := range vs {
		walk(v)
	}
	return str, elems
}

// joinSize: list.join() and list.join(sep).
func joinSize(g *sizeGuard, a []ref.Val) (uint64, uint64) {
	s, n := g.deep(a[0])
	if len(a) > 1 && n > 1 {
		sep, _ := g.sizes(a[1])
		s += sep * (n - 1)
	}
	return s, 0
}

// replaceSize: s.replace(old, new) and s.replace(old, new, n).
func replaceSize(_ *sizeGuard, a []ref.Val) (uint64, uint64) {
	if len(a) < 3 {
		return 0, 0
	}
	s, ok := a[0].(types.String)
	old, ok2 := a[1].(types.String)
	nw, ok3 := a[2].(types.String)
	if !ok || !ok2 || !ok3 {
		return 0, 0
	}
	count := uint64(strings.Count(string(s), string(old)))
	if len(a) > 3 {
		if n, ok := a[3].(types.Int); ok && n >= 0 && uint64(n) < count {
			count = uint64(n)
		}
	}
	if len(nw) <= len(old) {
		return uint64(len(s)), 0
	}
	return uint64(len(s)) + count*uint64(len(nw)-len(old)), 0
}

// flattenSize: list.flatten() and list.flatten(depth) give at most the elements below (the
// count stops once past the limit).
func flattenSize(g *sizeGuard, a []ref.Val) (uint64, uint64) {
	var n uint64
	var walk func(v ref.Val)
	walk = func(v ref.Val) {
		l, ok := v.(traits.Lister)
		if !ok {
			n++
			return
		}
		for it := l.Iterator(); it.HasNext() == types.True && n <= g.maxLen; {
			walk(it.Next())
		}
	}
	walk(a[0])
	return 0, n
}
