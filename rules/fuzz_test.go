package rules_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/guantong/guantong/rules"
)

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

// FuzzParseCompile feeds arbitrary documents to the loader and the compiler: neither may
// panic, and whatever compiles must evaluate without panicking.
func FuzzParseCompile(f *testing.F) {
	seed, err := os.ReadFile("testdata/case.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(runtimePolicies))
	f.Add([]byte(effectivePolicies))
	f.Add([]byte(`{"id": "j", "subject": "case", "validations": [{"expression": "case.count > 1", "message": "m", "reason": "R"}]}`))
	f.Add([]byte("id: [\n"))
	f.Add([]byte(`---
---
`))
	f.Add([]byte(`id: a
subject: case
variables: [{name: x, expression: '1/0'}]
validations: [{expression: variables.x > 0, message: m, reason: R}]
`))
	e := newEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := parse(data)
		if err != nil {
			return
		}
		b, err := e.Compile(ps)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_, _ = b.Check(ctx, &Case{Count: 1, Items: []Item{{Name: "a", Amount: 3}}}, cst(2026, 6, 1, 9, 0))
		_ = b.RunTests(ctx)
	})
}

// hostilePolicy builds a policy from a small grammar of expensive constructs — strings that
// double, lists of lists, nested comprehensions, decimal products, conversions — one
// variable per two bytes of data: the first picks the construct, the second its operand
// among the earlier variables of the type it needs.
func hostilePolicy(data []byte) string {
	var sb strings.Builder
	sb.WriteString("id: h\nsubject: case\nvariables:\n  - name: v0\n    expression: \"'" + strings.Repeat("x", 64) + "'\"\n")
	types := []string{"s"} // s string, ls list of strings, ll list of lists, d decimal, b bool
	pick := func(t string, b byte) string {
		var of []int
		for i, x := range types {
			if x == t {
				of = append(of, i)
			}
		}
		if len(of) == 0 {
			return ""
		}
		return fmt.Sprintf("variables.v%d", of[int(b)%len(of)])
	}
	for i := 0; i+1 < len(data) && len(types) < 64; i += 2 {
		op, arg := data[i]%10, data[i+1]
		var e, t string
		switch s, ls, ll := pick("s", arg), pick("ls", arg), pick("ll", arg); {
		case op == 0:
			e, t = s+" + "+s, "s"
		case op == 1:
			e, t = "["+s+", "+s+", "+s+", "+s+"]", "ls"
		case op == 2 && ls != "":
			e, t = "["+ls+", "+ls+", "+ls+"]", "ll"
		case op == 3 && ls != "":
			e, t = ls+".map(x, x + x)", "ls"
		case op == 4:
			e, t = "case.items.map(i, "+s+")", "ls"
		case op == 5 && ll != "":
			e, t = ll+".all(x, "+ll+".all(y, x == y))", "b"
		case op == 6:
			e, t = "decimal('"+strings.Repeat("9", 1+int(arg)%120)+"').mul(decimal('1e"+fmt.Sprint(int(arg)%150)+"'))", "d"
		case op == 7 && ls != "":
			e, t = ls+".join('-') + "+ls+".join('+')", "s"
		case op == 8 && ll != "":
			e, t = ll+".map(x, x.map(y, y + y))", "ll"
		default:
			e, t = s+".split('x').map(p, "+s+")", "ls"
		}
		fmt.Fprintf(&sb, "  - name: v%d\n    expression: %q\n", len(types), e)
		types = append(types, t)
	}
	fmt.Fprintf(&sb, "validations:\n  - expression: \"[variables.v%d].size() == 1\"\n    message: m\n    reason: R\n", len(types)-1)
	return sb.String()
}

// FuzzHostilePolicy: a policy of expensive constructs is refused at load (too expensive, too
// large, not well typed) or its check finishes within its budget and deadline, with a stated
// bound on what it allocates (256 MiB).
func FuzzHostilePolicy(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 9, 0, 10, 0, 11, 0, 12, 0, 13})
	f.Add([]byte{1, 0, 1, 1, 1, 2, 4, 3})
	f.Add([]byte{3, 0, 2, 1, 2, 2, 2, 3, 4, 4})
	f.Add([]byte{5, 99, 5, 149, 6, 0, 7, 1})
	// The reference engine, and one whose load-time ceiling lets everything through, so
	// that the runtime bounds (cost limit, budget, deadline) are what stops a policy.
	engines := []*rules.Engine{newEngine(f), newEngine(f, rules.WithMaxEstimatedCost(1<<62))}
	items := make([]Item, 100)
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := rules.Parse("h.yaml", []byte(hostilePolicy(data)))
		if err != nil {
			t.Fatalf("the grammar writes valid YAML: %v", err)
		}
		for _, e := range engines {
			checkHostile(t, e, ps, items)
		}
	})
}

func checkHostile(t *testing.T, e *rules.Engine, ps []rules.Policy, items []Item) {
	{
		b, err := e.Compile(ps)
		if err != nil {
			return // refused at load
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, _ = b.Check(ctx, &Case{Count: 1, Items: items}, cst(2026, 12, 2, 9, 0))
		runtime.ReadMemStats(&after)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("check ran %s past its 2 s deadline", d)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
			t.Fatalf("check allocated %d MiB", alloc>>20)
		}
	}
}
