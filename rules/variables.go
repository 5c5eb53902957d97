package rules

import (
	"errors"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
)

// variablesType is the CEL type of the variable `variables`: an object whose fields are the
// policy's variables. Declaring one object, whose fields the type provider answers from the
// table of the policy being compiled, costs one environment extension per Compile call
// instead of one per variable (which made compiling quadratic in the number of variables).
const variablesType = "guantong.Variables"

// varTable is the variables of the policy being compiled, in order, as far as compiled: a
// variable sees only the ones above it, because the later ones are not in the table yet.
type varTable struct {
	index map[string]int
	types []*cel.Type
	sig   string // the names and types so far: expressions compiled against equal tables are alike
}

func (t *varTable) add(name string, typ *cel.Type) {
	t.index[name] = len(t.types)
	t.types = append(t.types, typ)
	t.sig += name + ":" + typeName(typ) + ";"
}

// exprKey identifies an expression compiled in an environment: the same text about the same
// subject, against the same variables, with the same result type, compiles to the same
// program — a province bundle derived from a template repeats many.
type exprKey struct {
	subject, src, want, vars string
}

// exprEntry is a compiled expression, shared by every policy that has it.
type exprEntry struct {
	checked *cel.Ast // before constant folding, for the guard warnings and the match index
	prg     cel.Program
	out     *cel.Type
	tracked bool
	fixed   uint64
}

// exprCache holds the expressions compiled by one Compile call, for all its goroutines.
type exprCache struct {
	mu sync.Mutex
	m  map[exprKey]*exprEntry
}

func (c *exprCache) get(k exprKey) *exprEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

func (c *exprCache) put(k exprKey, e *exprEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[exprKey]*exprEntry{}
	}
	c.m[k] = e
}

// variablesProvider is the type provider of one Compile call: the engine's, plus the type
// guantong.Variables answered from cur. The compile is sequential; each policy sets cur.
// Programs keep the field accessors they were planned with, so a later cur changes nothing
// in them.
type variablesProvider struct {
	types.Provider
	cur *varTable
}

// FindStructType implements types.Provider.
func (p *variablesProvider) FindStructType(name string) (*types.Type, bool) {
	if name == variablesType {
		return types.NewTypeTypeWithParam(types.NewObjectType(variablesType)), true
	}
	return p.Provider.FindStructType(name)
}

// FindStructFieldType implements types.Provider.
func (p *variablesProvider) FindStructFieldType(structType, fieldName string) (*types.FieldType, bool) {
	if structType != variablesType {
		return p.Provider.FindStructFieldType(structType, fieldName)
	}
	if p.cur == nil {
		return nil, false
	}
	i, ok := p.cur.index[fieldName]
	if !ok {
		return nil, false
	}
	return &types.FieldType{
		Type:  p.cur.types[i],
		IsSet: func(any) bool { return true },
		GetFrom: func(obj any) (any, error) {
			a, ok := obj.(varSource)
			if !ok {
				return nil, errNoVariables
			}
			return a.variable(i), nil
		},
	}, true
}

// varSource is what the variables object resolves to at evaluation: the activation of one
// policy evaluation, which evaluates each variable on first use.
type varSource interface{ variable(i int) ref.Val }

var errNoVariables = errors.New("rules: variables outside a policy evaluation")

// withVariables extends the engine's environment with the variables object for one Compile
// call.
func (e *Engine) withVariables() (*cel.Env, *variablesProvider, error) {
	vp := &variablesProvider{Provider: e.env.CELTypeProvider()}
	env, err := e.env.Extend(cel.CustomTypeProvider(vp), cel.Variable("variables", cel.ObjectType(variablesType)))
	return env, vp, err
}
