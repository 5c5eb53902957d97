package policies_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// Property: the match index changes nothing — every random clue gets the same decision from
// the reference bundle with the index and with every match evaluated (rules.EvaluateAll).
func TestIndexKeepsTheDecision(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(2026, 12))
	ctx := context.Background()
	skipped := 0
	for i := range 2000 {
		c := randomClue(r)
		at := time.Date(2026, 1, 5, 9, 0, 0, 0, workday.Location()).Add(time.Duration(r.IntN(360*24)) * time.Hour)
		with, err := b.Check(ctx, c, at)
		require.NoError(t, err)
		without, err := b.Check(ctx, c, at, rules.EvaluateAll())
		require.NoError(t, err)
		require.Equal(t, without, with, "clue %d", i)
		// Explain shows every policy either way.
		explained, err := b.Check(ctx, c, at, rules.Explain())
		require.NoError(t, err)
		all, err := b.Check(ctx, c, at, rules.Explain(), rules.EvaluateAll())
		require.NoError(t, err)
		require.Equal(t, len(all.Trace), len(explained.Trace))
		for k := range all.Trace {
			if explained.Trace[k].NotApplicable != "" {
				skipped++
				require.False(t, all.Trace[k].Matched, "clue %d: %s skipped but matches", i, all.Trace[k].PolicyID)
				continue
			}
			require.Equal(t, all.Trace[k], explained.Trace[k])
		}
	}
	require.Greater(t, skipped, 2000, "the index skips policies")
}

// Property: a memo changes nothing — random clues, checked with a memo shared by all of them
// (so that later ones reuse the outcomes of earlier, equal readings), get the decisions they
// get without it.
func TestMemoKeepsTheDecision(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	memo := b.NewMemo(0)
	r := rand.New(rand.NewPCG(2026, 13))
	ctx := context.Background()
	var clues []any
	for range 300 {
		clues = append(clues, randomClue(r))
	}
	at := time.Date(2026, 10, 20, 9, 0, 0, 0, workday.Location())
	for round := range 3 { // the second and third rounds hit the memo
		for i, c := range clues {
			want, err := b.Check(ctx, c, at)
			require.NoError(t, err)
			got, err := b.Check(ctx, c, at, rules.WithMemo(memo))
			require.NoError(t, err)
			require.Equal(t, want, got, "round %d, clue %d", round, i)
		}
	}
	require.Greater(t, memo.Len(), 100, "most reference clue policies read scalar fields only")
	other, err := policies.Bundle(cal, rules.WithCostLimit(rules.DefaultCostLimit+1))
	require.NoError(t, err)
	d, err := other.Check(ctx, clues[0], at, rules.WithMemo(memo))
	require.NoError(t, err, "a memo of another bundle is ignored")
	want, err := other.Check(ctx, clues[0], at)
	require.NoError(t, err)
	require.Equal(t, want, d)
}

// TestOnlyPoliciesIsThePart checks, over random clues and random subsets of the reference
// clue policies, that a check restricted to a subset (rules.OnlyPolicies) decides what the
// full check decides from those policies: policies decide independently.
func TestOnlyPoliciesIsThePart(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	var ids []string
	for _, p := range b.Policies() {
		if p.Subject == "clue" {
			ids = append(ids, p.ID)
		}
	}
	require.GreaterOrEqual(t, len(ids), 5)
	r := rand.New(rand.NewPCG(2026, 18))
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, workday.Location())
	parts := 0
	for i := range 300 {
		c := randomClue(r)
		var some []string
		for _, id := range ids {
			if r.IntN(3) == 0 {
				some = append(some, id)
			}
		}
		full, err := b.Check(ctx, c, at)
		require.NoError(t, err)
		got, err := b.Check(ctx, c, at, rules.OnlyPolicies(some...))
		require.NoError(t, err)
		in := func(id string) bool { return slices.Contains(some, id) }
		want := full
		want.Matched = slices.DeleteFunc(slices.Clone(full.Matched), func(id string) bool { return !in(id) })
		want.Violations = slices.DeleteFunc(slices.Clone(full.Violations), func(v rules.Violation) bool { return !in(v.PolicyID) })
		want.Obligations = slices.DeleteFunc(slices.Clone(full.Obligations), func(o rules.Obligation) bool { return !in(o.PolicyID) })
		want.Outputs = slices.DeleteFunc(slices.Clone(full.Outputs), func(o rules.OutputValue) bool { return !in(o.PolicyID) })
		want.Errors = slices.DeleteFunc(slices.Clone(full.Errors), func(e rules.EvalError) bool { return !in(e.PolicyID) })
		assert.Equal(t, normalizeEmpty(want), normalizeEmpty(got), "clue %d, policies %v", i, some)
		if len(want.Matched) > 0 && len(want.Matched) < len(full.Matched) {
			parts++
		}
	}
	assert.Greater(t, parts, 25, "subsets that are a proper, non-empty part of what applies")
}

// normalizeEmpty makes empty and nil lists alike for comparison.
func normalizeEmpty(d rules.Decision) rules.Decision {
	if len(d.Matched) == 0 {
		d.Matched = nil
	}
	if len(d.Violations) == 0 {
		d.Violations = nil
	}
	if len(d.Obligations) == 0 {
		d.Obligations = nil
	}
	if len(d.Outputs) == 0 {
		d.Outputs = nil
	}
	if len(d.Errors) == 0 {
		d.Errors = nil
	}
	return d
}
