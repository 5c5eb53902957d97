package policies_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

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
