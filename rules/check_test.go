package rules_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
)

const effectivePolicies = `
id: eff.old
subject: case
effective: {until: 2026-01-01}
validations:
  - expression: case.count <= 5
    message: 旧标准：不超过5
    reason: OLD_LIMIT
---
id: eff.new
subject: case
effective: {from: 2026-01-01}
validations:
  - expression: case.count <= 3
    message: 新标准：不超过3
    reason: NEW_LIMIT
`

func TestEffectivePeriodSelectsTheRuleInForce(t *testing.T) {
	b := compile(t, newEngine(t), "eff.yaml", effectivePolicies)
	c := &Case{Count: 4}
	d, err := b.Check(context.Background(), c, cst(2025, 12, 31, 23, 59))
	require.NoError(t, err)
	assert.Empty(t, d.Violations, "old rule allows 4")
	assert.Equal(t, []string{"eff.old"}, d.Matched)
	d, err = b.Check(context.Background(), c, cst(2026, 1, 1, 0, 0))
	require.NoError(t, err)
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "NEW_LIMIT", d.Violations[0].Reason)
	assert.Equal(t, rules.SeverityError, d.Violations[0].Severity)
}

func TestExplainTrace(t *testing.T) {
	b := compile(t, newEngine(t), "testdata/case.yaml", mustRead(t, "testdata/case.yaml"))
	c := &Case{Kind: "audit", OpinionAt: cst(2026, 9, 28, 9, 0), Loss: decimal.RequireFromString("10")}
	d, err := b.Check(context.Background(), c, cst(2026, 10, 9, 10, 0), rules.Explain())
	require.NoError(t, err)
	require.Len(t, d.Trace, 2)
	tr := d.Trace[0]
	assert.Equal(t, "test.audit-transfer", tr.PolicyID)
	assert.True(t, tr.InForce)
	assert.True(t, tr.Matched)
	require.Len(t, tr.Variables, 1)
	assert.Equal(t, "due", tr.Variables[0].Name)
	assert.Equal(t, endOf(2026, 10, 16), tr.Variables[0].Value)
	assert.Equal(t, []rules.ValidationTrace{{Reason: "TRANSFER_LATE", Passed: true}}, tr.Validations)
	require.Len(t, tr.Obligations, 1)
	assert.True(t, tr.Obligations[0].Due.Equal(endOf(2026, 10, 16)))
	// A non-matching subject still shows its variables in the trace.
	d, err = b.Check(context.Background(), &Case{Kind: "tour", OpinionAt: cst(2026, 9, 28, 9, 0)}, cst(2026, 10, 9, 10, 0), rules.Explain())
	require.NoError(t, err)
	assert.False(t, d.Trace[0].Matched)
	_, err = json.Marshal(d)
	require.NoError(t, err)
}

func TestVersionIsAContentHash(t *testing.T) {
	e := newEngine(t)
	a := compile(t, e, "x.yaml", effectivePolicies)
	b := compile(t, e, "y.yaml", effectivePolicies)
	assert.Equal(t, a.Version(), b.Version(), "same content, same version")
	assert.Regexp(t, `^sha256:[0-9a-f]{16}$`, a.Version())
	c := compile(t, e, "x.yaml", effectivePolicies+`
---
id: extra
subject: case
validations:
  - expression: 'true'
    message: m
    reason: R
`)
	assert.NotEqual(t, a.Version(), c.Version())
	d := compile(t, newEngine(t, rules.WithCostLimit(1234)), "x.yaml", effectivePolicies)
	assert.NotEqual(t, a.Version(), d.Version(), "cost settings are part of the version")
}

func TestConcurrentChecksAndSwap(t *testing.T) {
	e := newEngine(t)
	var cur rules.Current
	assert.Nil(t, cur.Load())
	old := compile(t, e, "eff.yaml", effectivePolicies)
	next := compile(t, e, "testdata/case.yaml", mustRead(t, "testdata/case.yaml"))
	cur.Store(old)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				b := cur.Load()
				c := &Case{Kind: "audit", Count: i % 7, OpinionAt: cst(2026, 9, 28, 9, 0), TransferredAt: cst(2026, 10, 19, 9, 0)}
				d, err := b.Check(context.Background(), c, cst(2026, 10, 20, 9, 0))
				if !assert.NoError(t, err) {
					return
				}
				assert.Equal(t, b.Version(), d.BundleVersion)
				if b == next {
					assert.Len(t, d.Violations, 1)
				}
				if g == 0 && i == 100 {
					cur.Store(next)
				}
			}
		}(g)
	}
	wg.Wait()
	assert.Equal(t, next, cur.Load())
}

func TestRunTestsReportsDiffs(t *testing.T) {
	e := newEngine(t)
	ps, err := rules.Parse("bad.yaml", []byte(`
id: wrong-expectations
subject: case
obligations:
  - kind: transfer
    due: workday.add(case.opinion_at, 10)
tests:
  - name: 期限写错
    at: 2026-10-01
    subject: {opinion_at: "2026-09-28T09:00:00+08:00"}
    expect:
      violations: [NOT_THERE]
      obligations: [{kind: transfer, due: 2026-10-12}]
`))
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	res := b.RunTests(context.Background())
	require.Len(t, res, 1)
	assert.False(t, res[0].Passed)
	assert.Equal(t, []string{"- obligation transfer due 2026-10-12", "+ obligation transfer due 2026-10-16", "- violation NOT_THERE"}, res[0].Diff)
	assert.Equal(t, "bad.yaml:8:5", res[0].Position.String())
	out := rules.FormatTestResults(res, false)
	assert.Contains(t, out, "--- FAIL: wrong-expectations/期限写错 (bad.yaml:8:5)")
	assert.Contains(t, out, "0 passed, 1 failed")
}

func mustRead(t testing.TB, name string) string {
	t.Helper()
	b, err := readFile(name)
	require.NoError(t, err)
	return string(b)
}

var _ = time.Second
