package rules_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

func problems(t *testing.T, err error) []*rules.Problem {
	t.Helper()
	var le *rules.LoadError
	require.ErrorAs(t, err, &le)
	return le.Problems
}

func compileErr(t *testing.T, e *rules.Engine, src string) []*rules.Problem {
	t.Helper()
	ps, err := rules.Parse("p.yaml", []byte(src))
	if err != nil {
		return problems(t, err)
	}
	_, err = e.Compile(ps)
	require.Error(t, err)
	return problems(t, err)
}

func TestLoadProblems(t *testing.T) {
	e := newEngine(t)
	cases := []struct {
		name       string
		src        string
		kind       error
		line, col  int
		field, msg string
	}{
		{"malformed yaml", `id: a
subject: case
  bad: indent
`, rules.ErrSyntax, 3, 1, "", "mapping values are not allowed"},
		{"unknown field", `id: a
subject: case
validation:
  - expression: 'true'
`, rules.ErrUnknownField, 3, 1, "validation", `unknown field "validation"`},
		{"wrong type", `id: a
subject: case
validations: yes
`, rules.ErrInvalidValue, 3, 14, "validations", "expected a list"},
		{"parse error plain", `id: a
subject: case
validations:
  - expression: case.count >> 2
    message: m
    reason: R
`, rules.ErrCompile, 4, 29, "validations[0].expression", "Syntax error"},
		{"parse error block", `id: a
subject: case
validations:
  - expression: |
      case.count > 1 &&
        case.kidn == 'x'
    message: m
    reason: R
`, rules.ErrCompile, 6, 13, "validations[0].expression", "undefined field 'kidn'"},
		{"quoted", `id: a
subject: case
validations:
  - expression: "case.nope"
    message: m
    reason: R
`, rules.ErrCompile, 4, 22, "validations[0].expression", "undefined field 'nope'"},
		{"variable order", `id: a
subject: case
variables:
  - name: a
    expression: variables.b + 1
  - name: b
    expression: case.count
validations:
  - expression: variables.a > 0
    message: m
    reason: R
`, rules.ErrUndefinedVariable, 5, 17, "variables[0].expression", "variables.b"},
		{"message not string", `id: a
subject: case
validations:
  - expression: 'true'
    messageExpression: case.count
    reason: R
`, rules.ErrResultType, 5, 24, "validations[0].messageExpression", "want string"},
		{"obligation not timestamp", `id: a
subject: case
obligations:
  - kind: transfer
    due: case.count
`, rules.ErrResultType, 5, 10, "obligations[0].due", "want timestamp"},
		{"validation not bool", `id: a
subject: case
validations:
  - expression: case.count
    message: m
    reason: R
`, rules.ErrResultType, 4, 17, "validations[0].expression", "want bool"},
		{"bad duration literal", `id: a
subject: case
validations:
  - expression: now > case.opinion_at + duration('3x')
    message: m
    reason: R
`, rules.ErrCompile, 4, 0, "validations[0].expression", "duration"},
		{"unknown subject", `id: a
subject: cluee
validations:
  - expression: 'true'
    message: m
    reason: R
`, rules.ErrUnknownSubject, 2, 10, "subject", `unknown subject "cluee"`},
		{"missing reason", `id: a
subject: case
validations:
  - expression: 'true'
    message: m
`, rules.ErrMissingField, 4, 5, "validations[0]", "reason code"},
		{"bad severity", `id: a
subject: case
validations:
  - expression: 'true'
    message: m
    severity: fatal
    reason: R
`, rules.ErrInvalidValue, 6, 15, "validations[0].severity", "fatal"},
		{"no id", `subject: case
validations:
  - expression: 'true'
    message: m
    reason: R
`, rules.ErrMissingField, 1, 1, "id", "needs an id"},
		{"effective backwards", `id: a
subject: case
effective: {from: 2026-01-01, until: 2025-01-01}
validations:
  - expression: 'true'
    message: m
    reason: R
`, rules.ErrInvalidValue, 3, 38, "effective.until", "not after"},
		{"bad date", `id: a
subject: case
effective: {from: 2026-13-01}
validations:
  - expression: 'true'
    message: m
    reason: R
`, rules.ErrInvalidValue, 3, 19, "effective.from", "neither a date"},
		{"too expensive", `id: a
subject: case
validations:
  - expression: case.items.all(i, case.items.all(j, case.items.all(k, case.items.all(l, i.amount + j.amount + k.amount + l.amount > 0))))
    message: m
    reason: R
`, rules.ErrTooExpensive, 4, 17, "validations[0].expression", "exceeds the ceiling"},
		{"bad test subject", `id: a
subject: case
validations:
  - expression: 'true'
    message: m
    reason: R
tests:
  - name: x
    at: 2026-01-05
    subject: {count: many}
`, rules.ErrInvalidValue, 10, 22, "tests[0].subject.count", "tests[0].subject.count: want a number, found a string"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps := compileErr(t, e, tc.src)
			require.NotEmpty(t, ps)
			p := ps[0]
			assert.ErrorIs(t, p, tc.kind)
			assert.Equal(t, "p.yaml", p.Position.File)
			assert.Equal(t, tc.line, p.Position.Line, p.Error())
			if tc.col != 0 {
				assert.Equal(t, tc.col, p.Position.Column, p.Error())
			}
			assert.Equal(t, tc.field, p.Field)
			assert.Contains(t, p.Error(), tc.msg)
			if tc.kind != rules.ErrSyntax {
				assert.Contains(t, p.Snippet, "^", "caret line")
			}
		})
	}
}

func TestEveryProblemReportedAtOnce(t *testing.T) {
	e := newEngine(t)
	fsys := fstest.MapFS{
		"a/one.yaml": {Data: []byte(`id: dup
subject: case
validations:
  - expression: case.nope
    message: m
    reason: R
  - expression: case.count
    message: m
    reason: R
`)},
		"b/two.json": {Data: []byte(`{"id": "dup", "subject": "case", "validations": [{"expression": "true", "message": "m", "reason": "R"}]}`)},
		"b/three.yml": {Data: []byte(`id: x
subject: case
bogus: 1
---
id: y
subject: case
obligations:
  - kind: Bad Kind
    due: now
`)},
		"c/notes.txt": {Data: []byte("ignored")},
	}
	ps, err := rules.LoadFS(fsys, ".")
	require.Error(t, err)
	assert.ErrorIs(t, err, rules.ErrUnknownField)
	assert.Len(t, problems(t, err), 1)
	_, err = e.Compile(ps)
	require.Error(t, err)
	all := problems(t, err)
	var kinds []string
	for _, p := range all {
		kinds = append(kinds, p.Position.String()+" "+p.Field)
	}
	assert.Equal(t, []string{
		"a/one.yaml:4:21 validations[0].expression",
		"a/one.yaml:7:17 validations[1].expression",
		"b/three.yml:1:1 validations", // x has a structural problem and is compiled all the same
		"b/three.yml:8:11 obligations[0].kind",
		"b/two.json:1:8 id",
	}, kinds)
	assert.ErrorIs(t, err, rules.ErrDuplicateID)
	assert.ErrorIs(t, err, rules.ErrCompile)
	assert.ErrorIs(t, err, rules.ErrResultType)
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
}

func TestGoBuiltPolicyPositions(t *testing.T) {
	e := newEngine(t)
	_, err := e.Compile([]rules.Policy{{ID: "go", Subject: "case", Validations: []rules.Validation{{Expression: "case.count > 'x'", Message: "m", Reason: "R"}}}})
	ps := problems(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, 0, ps[0].Position.Line)
	assert.Equal(t, 12, ps[0].Position.Column)
	assert.Contains(t, ps[0].Snippet, "case.count > 'x'")
}

func TestEmptyAndNilBundle(t *testing.T) {
	e := newEngine(t)
	_, err := e.Compile(nil)
	assert.ErrorIs(t, err, rules.ErrEmptyBundle)
	var b *rules.Bundle
	_, err = b.Check(context.Background(), &Case{}, time.Now())
	assert.ErrorIs(t, err, rules.ErrEmptyBundle)
}

// A nil context is an error, never a silent context.Background.
func TestNilContext(t *testing.T) {
	b := compile(t, newEngine(t), "rt.yaml", runtimePolicies)
	_, err := b.Check(nil, &Case{}, cst(2026, 12, 2, 9, 0)) //nolint:staticcheck // the nil context is the input under test
	assert.ErrorIs(t, err, rules.ErrNilContext)
}

// A nil option is ignored by every constructor and call that takes options, as in every
// package of the module.
func TestNilOptionsIgnored(t *testing.T) {
	cal, err := workday.New(nil)
	require.NoError(t, err)
	e, err := rules.New(cal, nil, rules.WithSubjects(rules.MustSubject[Case]("case", nil, rules.SizeBound("case.items", 100))), nil)
	require.NoError(t, err)
	b := compile(t, e, "rt.yaml", runtimePolicies)
	at := cst(2026, 12, 2, 9, 0)
	c := &Case{Count: 200, OpinionAt: at, Loss: decimal.NewFromInt(1)}
	want, err := b.Check(context.Background(), c, at)
	require.NoError(t, err)
	got, err := b.Check(context.Background(), c, at, nil)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.NotEmpty(t, got.Obligations)
}

const runtimePolicies = `
id: rt.divide
subject: case
validations:
  - expression: 100 / case.count > 1
    message: m
    reason: DIVIDE
---
id: rt.absent
subject: case
validations:
  - expression: case.tags['owner'] == 'x'
    message: m
    reason: ABSENT
---
id: rt.costly
subject: case
validations:
  - expression: case.items.all(i, case.items.all(j, i.amount + j.amount >= 0))
    message: m
    reason: COSTLY
---
id: rt.calendar
subject: case
obligations:
  - kind: transfer
    due: workday.add(case.opinion_at, 10)
---
id: rt.fine
subject: case
validations:
  - expression: case.loss.compareTo(decimal('0')) >= 0
    message: 负数损失
    reason: NEGATIVE_LOSS
`

func TestRuntimeErrorsAreIsolated(t *testing.T) {
	e := newEngine(t, rules.WithCostLimit(500))
	b := compile(t, e, "rt.yaml", runtimePolicies)
	items := make([]Item, 60)
	c := &Case{Count: 0, OpinionAt: cst(2031, 3, 3, 9, 0), Loss: decimal.RequireFromString("-1"), Items: items}
	d, err := b.Check(context.Background(), c, cst(2026, 5, 6, 9, 0))
	require.NoError(t, err)
	byPolicy := map[string]rules.EvalError{}
	for _, e := range d.Errors {
		byPolicy[e.PolicyID] = e
	}
	require.Len(t, byPolicy, 3, "%+v", d.Errors)
	assert.ErrorIs(t, &rules.EvalError{Kind: byPolicy["rt.divide"].Kind, Err: byPolicy["rt.divide"].Err}, rules.ErrEvaluation)
	assert.Contains(t, byPolicy["rt.divide"].Message, "division by zero")
	assert.Contains(t, byPolicy["rt.absent"].Message, "no such key")
	assert.Equal(t, rules.ErrCostLimit, byPolicy["rt.costly"].Kind)
	// A due in a year without calendar data is not an error: the obligation is
	// recorded, pending, naming the year it waits for.
	require.Len(t, d.Obligations, 1)
	assert.Equal(t, rules.Obligation{PolicyID: "rt.calendar", Kind: "transfer", BundleVersion: b.Version(),
		Calendar: e.Calendar().Version(), PendingYear: 2031}, d.Obligations[0])
	assert.True(t, d.Obligations[0].Pending())
	// The healthy policy still ran.
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "NEGATIVE_LOSS", d.Violations[0].Reason)
	assert.False(t, d.Compliant())
}

func TestCancelledContext(t *testing.T) {
	e := newEngine(t)
	b := compile(t, e, "rt.yaml", runtimePolicies)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d, err := b.Check(ctx, &Case{Count: 1}, cst(2026, 5, 6, 9, 0))
	require.ErrorIs(t, err, rules.ErrCanceled)
	assert.ErrorIs(t, err, context.Canceled)
	require.Len(t, d.Errors, 5)
	for _, e := range d.Errors {
		assert.Equal(t, rules.ErrCanceled, e.Kind)
	}
}

func TestDeadlineStopsLongEvaluation(t *testing.T) {
	e := newEngine(t, rules.WithCostLimit(1<<40), rules.WithMaxEstimatedCost(1<<60))
	b := compile(t, e, "slow.yaml", `
id: slow
subject: case
validations:
  - expression: case.items.all(i, case.items.all(j, case.items.all(k, i.amount + j.amount + k.amount >= 0)))
    message: m
    reason: SLOW
`)
	c := &Case{Items: make([]Item, 400)} // 64 million iterations
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	d, err := b.Check(ctx, c, cst(2026, 5, 6, 9, 0))
	require.ErrorIs(t, err, rules.ErrCanceled)
	assert.Less(t, time.Since(start), 2*time.Second)
	require.Len(t, d.Errors, 1)
	assert.Equal(t, rules.ErrCanceled, d.Errors[0].Kind)
}

func TestWrongSubject(t *testing.T) {
	e := newEngine(t)
	b := compile(t, e, "rt.yaml", runtimePolicies)
	_, err := b.Check(context.Background(), struct{ X int }{1}, time.Now())
	assert.ErrorIs(t, err, rules.ErrWrongSubject)
	_, err = b.Check(context.Background(), (*Case)(nil), time.Now())
	assert.ErrorIs(t, err, rules.ErrWrongSubject)
	// A value (not a pointer) of the subject type is accepted.
	_, err = b.Check(context.Background(), Case{Count: 2}, time.Now())
	assert.NoError(t, err)
}

func TestEngineOptionErrors(t *testing.T) {
	_, err := rules.New(nil)
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
	cal, err := workday.New()
	require.NoError(t, err)
	for _, o := range []rules.Option{rules.WithCostLimit(0), rules.WithMaxEstimatedCost(0), rules.WithLibraryVersion(99),
		rules.WithSubjects(rules.MustSubject[Case]("case"), rules.MustSubject[Case]("case"))} {
		_, err := rules.New(cal, o)
		assert.ErrorIs(t, err, rules.ErrInvalidValue)
	}
	_, err = rules.NewSubject[int]("n")
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
	_, err = rules.NewSubject[Case]("now")
	assert.ErrorIs(t, err, rules.ErrInvalidValue)
}

func TestMultipleProblemsMessage(t *testing.T) {
	e := newEngine(t)
	ps := compileErr(t, e, `id: a
subject: case
validations:
  - expression: case.nope
    message: m
    reason: R
  - expression: case.count
    message: m
    reason: lower
`)
	require.Len(t, ps, 3)
	msg := (&rules.LoadError{Problems: ps}).Error()
	assert.True(t, strings.HasPrefix(msg, "rules: 3 problem(s):"), msg)
	assert.False(t, errors.Is(ps[0], rules.ErrSyntax))
}
