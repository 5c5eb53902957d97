package rules_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// Rated is a subject with declared outputs.
type Rated struct {
	ID     uuid.UUID       `json:"id"`
	Kind   string          `json:"kind"`
	Amount decimal.Decimal `json:"amount"`
	At     time.Time       `json:"at"`
}

func ratedEngine(t *testing.T) *rules.Engine {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	s, err := rules.NewSubject[Rated]("rated",
		rules.DeclareOutput("label", rules.OutputString),
		rules.DeclareOutput("rank", rules.OutputInt),
		rules.DeclareOutput("urgent", rules.OutputBool),
		rules.DeclareOutput("share", rules.OutputDecimal),
		rules.DeclareOutput("review_by", rules.OutputTimestamp),
	)
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(s))
	require.NoError(t, err)
	return e
}

const ratedPolicies = `
id: rated.base
subject: rated
outputs:
  - name: label
    expression: "'R-' + uuid(rated.id)"
  - name: rank
    expression: "rated.kind == 'major' ? 3 : 1"
  - name: share
    expression: rated.amount.mul(decimal(100)).div(decimal(3), 2)
  - name: review_by
    expression: period.end(rated.at, 'quarter')
tests:
  - name: major
    at: 2026-05-06T09:00:00+08:00
    subject: {id: 0c0ffee0-1111-4222-8333-444455556666, kind: major, amount: "1", at: "2026-05-06T09:00:00+08:00"}
    expect:
      outputs: {label: R-0c0ffee0-1111-4222-8333-444455556666, rank: 3, share: "33.33", review_by: 2026-06-30}
---
id: rated.urgent
subject: rated
match: rated.kind == 'major'
outputs:
  - name: urgent
    expression: period.start(rated.at, 'week') < now
tests:
  - name: minor does not apply
    at: 2026-05-06T09:00:00+08:00
    subject: {kind: minor}
    expect:
      match: false
`

func TestOutputsComputedTypedAndTested(t *testing.T) {
	b := compile(t, ratedEngine(t), "rated.yaml", ratedPolicies)
	r := Rated{ID: uuid.MustParse("0c0ffee0-1111-4222-8333-444455556666"), Kind: "major", Amount: decimal.RequireFromString("1"), At: cst(2026, 5, 6, 9, 0)}
	d, err := b.Check(context.Background(), r, cst(2026, 5, 6, 10, 0), rules.Explain())
	require.NoError(t, err)
	require.Empty(t, d.Errors)

	label, err := d.Output("label")
	require.NoError(t, err)
	assert.Equal(t, "R-0c0ffee0-1111-4222-8333-444455556666", label.Value)
	assert.Equal(t, "rated.base", label.PolicyID)
	rank, err := d.Output("rank")
	require.NoError(t, err)
	assert.Equal(t, int64(3), rank.Value)
	share, err := d.Output("share")
	require.NoError(t, err)
	assert.Equal(t, "33.33", share.Value.(decimal.Decimal).String())
	review, err := d.Output("review_by")
	require.NoError(t, err)
	assert.True(t, endOf(2026, 6, 30).Equal(review.Value.(time.Time)))
	urgent, err := d.Output("urgent")
	require.NoError(t, err)
	assert.Equal(t, true, urgent.Value, "week of Wednesday 6 May starts Monday 4 May")
	require.Len(t, d.Trace, 2)
	require.Len(t, d.Trace[0].Outputs, 4)
	assert.Equal(t, "rank", d.Trace[0].Outputs[1].Name)

	_, err = d.Output("nothing")
	assert.ErrorIs(t, err, rules.ErrNoOutput)

	res := b.RunTests(context.Background())
	require.Len(t, res, 2)
	for _, r := range res {
		assert.True(t, r.Passed, "%s: %v", r.Name, r.Diff)
	}
}

func TestOutputTestDiffs(t *testing.T) {
	src := `
id: rated.diff
subject: rated
outputs:
  - name: rank
    expression: "2"
tests:
  - name: wrong
    at: 2026-05-06T09:00:00+08:00
    subject: {}
    expect:
      outputs: {rank: 3}
`
	b := compile(t, ratedEngine(t), "diff.yaml", src)
	res := b.RunTests(context.Background())
	require.Len(t, res, 1)
	assert.False(t, res[0].Passed)
	assert.Equal(t, []string{"- output rank: 3", "+ output rank: 2"}, res[0].Diff)
}

func TestOutputConflict(t *testing.T) {
	src := `
id: rated.a
subject: rated
outputs: [{name: rank, expression: "1"}]
---
id: rated.b
subject: rated
outputs: [{name: rank, expression: "2"}]
`
	b := compile(t, ratedEngine(t), "conflict.yaml", src)
	d, err := b.Check(context.Background(), Rated{}, cst(2026, 5, 6, 9, 0))
	require.NoError(t, err)
	_, err = d.Output("rank")
	assert.ErrorIs(t, err, rules.ErrOutputConflict)
	assert.Contains(t, err.Error(), "rated.a, rated.b")
}

func TestOutputLoadProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		kind      error
		at        string
	}{
		{"undeclared", `id: x
subject: rated
outputs:
  - name: colour
    expression: "'red'"
`, rules.ErrInvalidValue, "o.yaml:4:11"},
		{"wrong type", `id: x
subject: rated
outputs:
  - name: rank
    expression: "'high'"
`, rules.ErrResultType, "o.yaml:5:17"},
		{"twice", `id: x
subject: rated
outputs:
  - {name: rank, expression: "1"}
  - {name: rank, expression: "2"}
`, rules.ErrInvalidValue, "o.yaml:5:12"},
		{"expect undeclared", `id: x
subject: rated
outputs: [{name: rank, expression: "1"}]
tests:
  - {name: t, at: 2026-01-05, subject: {}, expect: {outputs: {colour: red}}}
`, rules.ErrInvalidValue, "o.yaml:5"},
		{"expect not an int", `id: x
subject: rated
outputs: [{name: rank, expression: "1"}]
tests:
  - {name: t, at: 2026-01-05, subject: {}, expect: {outputs: {rank: high}}}
`, rules.ErrInvalidValue, "o.yaml:5"},
		{"outputs not a mapping", `id: x
subject: rated
outputs: [{name: rank, expression: "1"}]
tests:
  - {name: t, at: 2026-01-05, subject: {}, expect: {outputs: [1]}}
`, rules.ErrInvalidValue, "o.yaml:5"},
		{"unknown output field", `id: x
subject: rated
outputs: [{name: rank, expr: "1"}]
`, rules.ErrUnknownField, "o.yaml:3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps, err := rules.Parse("o.yaml", []byte(tc.src))
			if err == nil {
				_, err = ratedEngine(t).Compile(ps)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.kind)
			assert.Contains(t, err.Error(), tc.at)
		})
	}
}

func TestDeclareOutputErrors(t *testing.T) {
	_, err := rules.NewSubject[Rated]("rated", rules.DeclareOutput("rank", "float"))
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
	_, err = rules.NewSubject[Rated]("rated", rules.DeclareOutput("bad name", rules.OutputInt))
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
	s, err := rules.NewSubject[Rated]("rated", rules.DeclareOutput("rank", rules.OutputInt))
	require.NoError(t, err)
	assert.Equal(t, map[string]rules.OutputType{"rank": rules.OutputInt}, s.Outputs())
}

// period.start and period.end (library version 2) on the China calendar: weeks from Monday,
// months, quarters, half years and years in China Standard Time.
func TestPeriodFunctions(t *testing.T) {
	e := newEngine(t)
	at := cst(2026, 10, 1, 0, 30) // 国庆, a Thursday; 16:30 UTC on 30 September
	for _, tc := range []struct{ expr, want string }{
		{"date(period.start(case.opinion_at, 'week'))", "2026-09-28"},
		{"date(period.end(case.opinion_at, 'week'))", "2026-10-04"},
		{"date(period.start(case.opinion_at, 'month'))", "2026-10-01"},
		{"date(period.end(case.opinion_at, 'month'))", "2026-10-31"},
		{"date(period.start(case.opinion_at, 'quarter'))", "2026-10-01"},
		{"date(period.end(case.opinion_at, 'quarter'))", "2026-12-31"},
		{"date(period.start(case.opinion_at, 'half_year'))", "2026-07-01"},
		{"date(period.end(case.opinion_at, 'half_year'))", "2026-12-31"},
		{"date(period.start(case.opinion_at, 'year'))", "2026-01-01"},
		{"string(period.end(case.opinion_at, 'quarter'))", "2026-12-31T23:59:59.999999999+08:00"},
		{"string(period.start(case.opinion_at, 'quarter'))", "2026-10-01T00:00:00+08:00"},
	} {
		t.Run(tc.expr, func(t *testing.T) {
			src := `id: p
subject: case
validations:
  - expression: ` + quote(tc.expr+" == '"+tc.want+"'") + `
    messageExpression: ` + quote(tc.expr) + `
    reason: GOT
`
			b := compile(t, e, "p.yaml", src)
			d, err := b.Check(context.Background(), Case{OpinionAt: at.UTC()}, at)
			require.NoError(t, err)
			require.Empty(t, d.Errors)
			if !assert.Empty(t, d.Violations) {
				t.Logf("got %s", d.Violations[0].Message)
			}
		})
	}
	b := compile(t, e, "p.yaml", `id: p
subject: case
validations:
  - expression: period.end(now, 'fortnight') > now
    message: x
    reason: X
`)
	d, err := b.Check(context.Background(), Case{}, at)
	require.NoError(t, err)
	require.Len(t, d.Errors, 1)
	assert.Contains(t, d.Errors[0].Message, `period unit "fortnight"`)
}

func quote(s string) string {
	out := []byte{'"'}
	for _, r := range []byte(s) {
		if r == '"' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}

func TestDecisionErr(t *testing.T) {
	b := compile(t, newEngine(t), "err.yaml", `id: e
subject: case
validations:
  - expression: 10 / case.count > 1
    message: x
    reason: X
`)
	d, err := b.Check(context.Background(), Case{Count: 0}, cst(2026, 5, 6, 9, 0))
	require.NoError(t, err)
	err = d.Err("case policy")
	require.Error(t, err)
	assert.ErrorIs(t, err, rules.ErrEvaluation)
	var ee *rules.EvalError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, "e", ee.PolicyID)
	assert.Contains(t, err.Error(), "rules: case policy: ")
	d, err = b.Check(context.Background(), Case{Count: 2}, cst(2026, 5, 6, 9, 0))
	require.NoError(t, err)
	assert.NoError(t, d.Err("case policy"))
}
