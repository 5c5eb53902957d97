package rules

import (
	"encoding/binary"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"

	"cel.dev/cel-go/cel"
	celast "cel.dev/cel-go/common/ast"
	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// Memo remembers policy outcomes for the checks made with it ([WithMemo]): a policy whose
// expressions read only scalar fields of the subject (and maybe now) decides alike for
// subjects equal in those fields, so a batch of similar subjects — ten thousand sanction
// proposals of a few dozen kinds, a ledger re-checked after a calendar change — evaluates
// each policy once per distinct reading. The decision is the same with and without it. A
// Memo belongs to one bundle (checks of another bundle ignore it), holds at most its size of
// outcomes (then it stops remembering) and is safe for concurrent use. It is the caller's:
// drop it with the batch.
type Memo struct {
	bundle *Bundle
	max    int
	mu     sync.RWMutex
	m      map[string]*outcome
}

// DefaultMemoSize is the number of outcomes a Memo holds unless told otherwise.
const DefaultMemoSize = 4096

// NewMemo returns an empty memo for checks of b holding at most size outcomes (size <= 0:
// DefaultMemoSize).
func (b *Bundle) NewMemo(size int) *Memo {
	if size <= 0 {
		size = DefaultMemoSize
	}
	return &Memo{bundle: b, max: size, m: map[string]*outcome{}}
}

// WithMemo makes the check remember and reuse policy outcomes in m (see [Memo]). Explained
// checks (Explain) evaluate every policy afresh.
func WithMemo(m *Memo) CheckOption { return func(c *checkConfig) { c.memo = m } }

// outcome is what one policy added to a decision.
type outcome struct {
	matched     bool
	violations  []Violation
	obligations []Obligation
	outputs     []OutputValue
	errors      []EvalError
}

// Len is the number of outcomes the memo holds.
func (m *Memo) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.m)
}

func (m *Memo) get(key []byte) *outcome {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.m[string(key)]
}

func (m *Memo) put(key []byte, o *outcome) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.m) < m.max {
		m.m[string(key)] = o
	}
}

// fieldReader appends the encoding of one subject field's value to a key.
type fieldReader func(subject reflect.Value, key []byte) []byte

// memoReads returns how to key a policy by what its expressions read, or ok=false when an
// expression uses the subject otherwise than by reading scalar fields (iterating a list,
// passing a struct whole). aliases are the policy's variables that are plain paths.
func memoReads(s Subject, asts []*cel.Ast, aliases map[string]string) (reads []fieldReader, now, ok bool) {
	paths := map[string]bool{}
	ok = true
	for _, a := range asts {
		if a == nil {
			continue
		}
		native := a.NativeRep()
		var walk func(e celast.Expr)
		walk = func(e celast.Expr) {
			if !ok {
				return
			}
			switch e.Kind() {
			case celast.IdentKind:
				switch e.AsIdent() {
				case s.name:
					ok = false // the subject used whole
				case "now":
					now = true
				}
				return
			case celast.SelectKind:
				if p := selectPath(e); p != "" {
					root, _, _ := strings.Cut(p, ".")
					if root == s.name {
						paths[p] = true
						return
					}
					if root == "variables" {
						for alias, target := range aliases {
							if p == alias || strings.HasPrefix(p, alias+".") {
								if r, _, _ := strings.Cut(target, "."); r != s.name {
									ok = false // an alias of something else than the subject
									return
								}
								paths[target+p[len(alias):]] = true
								return
							}
						}
						return // a variable: its own expression is read separately
					}
				}
				walk(e.AsSelect().Operand())
			case celast.CallKind:
				c := e.AsCall()
				if c.IsMemberFunction() {
					walk(c.Target())
				}
				for _, x := range c.Args() {
					walk(x)
				}
			case celast.ListKind:
				for _, x := range e.AsList().Elements() {
					walk(x)
				}
			case celast.MapKind:
				for _, x := range e.AsMap().Entries() {
					en := x.AsMapEntry()
					walk(en.Key())
					walk(en.Value())
				}
			case celast.StructKind:
				for _, x := range e.AsStruct().Fields() {
					walk(x.AsStructField().Value())
				}
			case celast.ComprehensionKind:
				cp := e.AsComprehension()
				walk(cp.IterRange())
				walk(cp.AccuInit())
				walk(cp.LoopCondition())
				walk(cp.LoopStep())
				walk(cp.Result())
			}
		}
		walk(native.Expr())
	}
	if !ok {
		return nil, false, false
	}
	for p := range paths {
		r := s.scalarReader(p)
		if r == nil {
			return nil, false, false
		}
		reads = append(reads, r)
	}
	return reads, now, true
}

// selectPath renders a select chain (a.b.c, has(a.b.c) included) from an identifier, or "".
func selectPath(e celast.Expr) string {
	var parts []string
	for e.Kind() == celast.SelectKind {
		parts = append(parts, e.AsSelect().FieldName())
		e = e.AsSelect().Operand()
	}
	if e.Kind() != celast.IdentKind {
		return ""
	}
	parts = append(parts, e.AsIdent())
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	uuidType    = reflect.TypeFor[uuid.UUID]()
	decimalGo   = reflect.TypeFor[decimal.Decimal]()
	durationGo  = reflect.TypeFor[time.Duration]()
	scalarKinds = map[reflect.Kind]bool{reflect.String: true, reflect.Bool: true, reflect.Int: true, reflect.Int8: true,
		reflect.Int16: true, reflect.Int32: true, reflect.Int64: true, reflect.Uint: true, reflect.Uint8: true,
		reflect.Uint16: true, reflect.Uint32: true, reflect.Uint64: true, reflect.Float32: true, reflect.Float64: true}
)

// scalarReader returns a reader of the field at the dotted path (the subject's name first)
// when it ends in a scalar — a string, number or bool, a time, a uuid, a decimal — or in a
// struct made only of such fields; nil otherwise.
func (s Subject) scalarReader(path string) fieldReader {
	names := strings.Split(path, ".")[1:]
	t := s.typ
	var steps [][]int // a nil step dereferences a pointer
	for _, n := range names {
		for t.Kind() == reflect.Pointer {
			steps = append(steps, nil)
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == timeType || t == decimalGo {
			return nil
		}
		f, ok := fieldByJSONType(t, n)
		if !ok {
			return nil
		}
		steps = append(steps, f.Index)
		t = f.Type
	}
	enc := encoderFor(t)
	if enc == nil {
		return nil
	}
	return func(v reflect.Value, key []byte) []byte {
		for _, st := range steps {
			if st == nil {
				if v.IsNil() {
					return append(key, 0)
				}
				v = v.Elem()
				continue
			}
			v = v.FieldByIndex(st)
		}
		return enc(v, append(key, 1))
	}
}

type encoder func(v reflect.Value, key []byte) []byte

// encoderFor returns an exact encoding of values of t (equal encodings for values a policy
// cannot tell apart), or nil when t is not a scalar or a struct of scalars.
func encoderFor(t reflect.Type) encoder {
	switch {
	case t == timeType:
		return func(v reflect.Value, key []byte) []byte {
			tm := v.Interface().(time.Time)
			key = binary.AppendVarint(key, tm.Unix())
			return binary.AppendVarint(key, int64(tm.Nanosecond()))
		}
	case t == uuidType:
		return func(v reflect.Value, key []byte) []byte {
			u := v.Interface().(uuid.UUID)
			return append(key, u[:]...)
		}
	case t == decimalGo:
		return func(v reflect.Value, key []byte) []byte {
			d := v.Interface().(decimal.Decimal)
			s := d.String()
			key = binary.AppendUvarint(key, uint64(len(s)))
			key = append(key, s...)
			return binary.AppendVarint(key, int64(d.Exponent())) // 1.0 and 1.00 print alike
		}
	case t == durationGo:
		return func(v reflect.Value, key []byte) []byte { return binary.AppendVarint(key, v.Int()) }
	case t.Kind() == reflect.Pointer:
		inner := encoderFor(t.Elem())
		if inner == nil {
			return nil
		}
		return func(v reflect.Value, key []byte) []byte {
			if v.IsNil() {
				return append(key, 0)
			}
			return inner(v.Elem(), append(key, 1))
		}
	case t.Kind() == reflect.Struct:
		var fields []encoder
		var index [][]int
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			e := encoderFor(f.Type)
			if e == nil {
				return nil
			}
			fields, index = append(fields, e), append(index, f.Index)
		}
		return func(v reflect.Value, key []byte) []byte {
			for i, e := range fields {
				key = e(v.FieldByIndex(index[i]), key)
			}
			return key
		}
	case scalarKinds[t.Kind()]:
		switch t.Kind() {
		case reflect.String:
			return func(v reflect.Value, key []byte) []byte {
				s := v.String()
				key = binary.AppendUvarint(key, uint64(len(s)))
				return append(key, s...)
			}
		case reflect.Bool:
			return func(v reflect.Value, key []byte) []byte {
				if v.Bool() {
					return append(key, 1)
				}
				return append(key, 0)
			}
		case reflect.Float32, reflect.Float64:
			return func(v reflect.Value, key []byte) []byte {
				return binary.AppendUvarint(key, math.Float64bits(v.Float()))
			}
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return func(v reflect.Value, key []byte) []byte { return binary.AppendUvarint(key, v.Uint()) }
		}
		return func(v reflect.Value, key []byte) []byte { return binary.AppendVarint(key, v.Int()) }
	}
	return nil
}

// memoKey is the key of policy number i for the subject value v at now.
func (p *compiledPolicy) memoKey(i int, v reflect.Value, now time.Time, key []byte) []byte {
	key = binary.AppendUvarint(key[:0], uint64(i))
	if p.memoNow {
		key = binary.AppendVarint(key, now.Unix())
		key = binary.AppendVarint(key, int64(now.Nanosecond()))
	}
	for _, r := range p.memoReads {
		key = r(v, key)
	}
	return key
}
