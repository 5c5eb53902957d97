package rules_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

const certaintyPolicies = `
id: c.transfer
subject: case
variables:
  - name: due
    expression: workday.add(case.opinion_at, 10)
  - name: later
    expression: period.months(variables.due, 14)
validations:
  - expression: "!has(case.transferred_at) || case.transferred_at <= variables.due"
    message: 迟延移送
    reason: LATE
obligations:
  - kind: transfer
    due: variables.due
  - kind: review
    due: variables.later
  - kind: fixed
    due: case.opinion_at + duration('72h')
`

// Every obligation says how sure its due is: the weakest certainty of the calendar days its
// expression used, variables included (also when a validation evaluated them first); a due
// the calendar cannot count is pending, naming the year, and fails nothing.
func TestObligationCertainty(t *testing.T) {
	for _, tt := range []struct {
		name                    string
		opts                    []workday.Option
		opinion                 string
		transfer, review, fixed workday.Certainty
		reviewPending           int
	}{
		{"official 2026, review in reported 2027", nil, "2026-09-28", workday.Official, workday.Reported, workday.Official, 0},
		{"reported 2027, review in 2028 without data", nil, "2026-12-21", workday.Reported, "", workday.Official, 2028},
		{"provisional 2028", []workday.Option{workday.WithProvisionalYears()}, "2026-12-21", workday.Reported, workday.Provisional, workday.Official, 0},
		{"official only: 2027 pending", []workday.Option{workday.WithoutReportedYears()}, "2026-09-28", workday.Official, "", workday.Official, 2027},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cal, err := workday.New(tt.opts...)
			require.NoError(t, err)
			e, err := rules.New(cal, rules.WithSubjects(rules.MustSubject[Case]("case", rules.SizeBound("case.items", 100))))
			require.NoError(t, err)
			b := compile(t, e, "c.yaml", certaintyPolicies)
			d, err := workday.ParseDate(tt.opinion)
			require.NoError(t, err)
			opinion := d.Start().Add(9 * time.Hour)
			dec, err := b.Check(context.Background(), &Case{OpinionAt: opinion}, opinion)
			require.NoError(t, err)
			assert.Equal(t, cal.Version(), dec.Calendar)
			assert.Empty(t, dec.Errors)
			require.Len(t, dec.Obligations, 3)
			byKind := map[string]rules.Obligation{}
			for _, o := range dec.Obligations {
				byKind[o.Kind] = o
				assert.Equal(t, cal.Version(), o.Calendar)
			}
			assert.Equal(t, tt.transfer, byKind["transfer"].Certainty)
			assert.Equal(t, tt.review, byKind["review"].Certainty)
			assert.Equal(t, tt.reviewPending, byKind["review"].PendingYear)
			assert.Equal(t, tt.reviewPending != 0, byKind["review"].Due.IsZero())
			assert.Equal(t, tt.fixed, byKind["fixed"].Certainty, "a due that used no calendar day is exact")
			assert.NoError(t, dec.Err("test"))
		})
	}
}

// A validation the calendar cannot decide is an error of kind ErrPending: not compliant, and
// not a failure for the domain adapters (Decision.Err leaves it out).
func TestPendingValidation(t *testing.T) {
	cal, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(rules.MustSubject[Case]("case", rules.SizeBound("case.items", 100))))
	require.NoError(t, err)
	b := compile(t, e, "c.yaml", certaintyPolicies)
	opinion := cst(2026, 12, 21, 9, 0)
	dec, err := b.Check(context.Background(), &Case{OpinionAt: opinion, TransferredAt: cst(2027, 1, 4, 9, 0)}, opinion)
	require.NoError(t, err)
	require.Len(t, dec.Errors, 1)
	assert.ErrorIs(t, &dec.Errors[0], rules.ErrPending)
	assert.ErrorIs(t, &dec.Errors[0], workday.ErrNoData)
	assert.Equal(t, 2027, dec.Errors[0].PendingYear)
	assert.False(t, dec.Compliant())
	assert.NoError(t, dec.Err("adapter"))
	for _, o := range dec.Obligations {
		if o.Kind != "fixed" {
			assert.True(t, o.Pending(), o.Kind)
		}
	}
}

// A violation judged on reported days says so.
func TestViolationCertainty(t *testing.T) {
	e := newEngine(t)
	b := compile(t, e, "c.yaml", certaintyPolicies)
	opinion := cst(2026, 12, 21, 9, 0)
	dec, err := b.Check(context.Background(), &Case{OpinionAt: opinion, TransferredAt: cst(2027, 2, 1, 9, 0)}, opinion)
	require.NoError(t, err)
	require.Len(t, dec.Violations, 1)
	assert.Equal(t, workday.Reported, dec.Violations[0].Certainty)
}

// The bundle version names the calendar: a changed year is a new version for the same
// policies.
func TestBundleVersionCoversCalendar(t *testing.T) {
	build := func(opts ...workday.Option) string {
		cal, err := workday.New(opts...)
		require.NoError(t, err)
		e, err := rules.New(cal, rules.WithSubjects(rules.MustSubject[Case]("case", rules.SizeBound("case.items", 100))))
		require.NoError(t, err)
		return compile(t, e, "c.yaml", certaintyPolicies).Version()
	}
	base := build()
	assert.Equal(t, base, build(), "same policies, same calendar: same version")
	emb, err := workday.EmbeddedYears()
	require.NoError(t, err)
	y26 := emb[2]
	fs := y26.Sources[0].Festivals
	fs[len(fs)-1].To = workday.Date{Year: 2026, Month: 10, Day: 3}
	fs[len(fs)-1].Makeup = nil
	assert.NotEqual(t, base, build(workday.WithYears(y26)), "a changed 2026 changes the version")
	assert.NotEqual(t, base, build(workday.WithProvisionalYears()))
}

// The version covers the whole environment: the library version, the cost settings and the
// calendar; the cel-go extension libraries are pinned, not floating.
func TestBundleVersionCoversEnvironment(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	subj := rules.WithSubjects(rules.MustSubject[Case]("case", rules.SizeBound("case.items", 100)))
	build := func(opts ...rules.Option) (string, rules.Environment) {
		e, err := rules.New(cal, append([]rules.Option{subj}, opts...)...)
		require.NoError(t, err)
		return compile(t, e, "c.yaml", certaintyPolicies).Version(), e.Environment()
	}
	base, env := build()
	assert.Equal(t, rules.Environment{Library: rules.LibraryVersion, CELStrings: 5, CELLists: 5, CELSets: 0, CELMath: 3, CELOptional: 4,
		CostLimit: rules.DefaultCostLimit, MaxEstimatedCost: rules.DefaultMaxEstimatedCost, CheckBudget: rules.DefaultCheckBudget,
		MaxStringSize: rules.DefaultMaxStringSize, MaxListSize: rules.DefaultMaxListSize, Calendar: cal.Version()}, env)
	seen := map[string]string{base: "default"}
	for name, o := range map[string]rules.Option{
		"library 1":        rules.WithLibraryVersion(1),
		"cost limit":       rules.WithCostLimit(rules.DefaultCostLimit + 1),
		"estimate ceiling": rules.WithMaxEstimatedCost(rules.DefaultMaxEstimatedCost * 2),
		"tracking":         rules.WithRuntimeCostTracking(true),
		"check budget":     rules.WithLimits(rules.Limits{CheckBudget: rules.DefaultCheckBudget / 2}),
	} {
		v, _ := build(o)
		assert.NotContains(t, seen, v, "%s gives the version of %s", name, seen[v])
		seen[v] = name
	}
	again, _ := build()
	assert.Equal(t, base, again)
}
