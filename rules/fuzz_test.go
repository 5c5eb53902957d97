package rules_test

import (
	"context"
	"os"
	"testing"
	"time"
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
