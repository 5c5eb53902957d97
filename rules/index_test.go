package rules_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// randomMatch is a match of up to three conjuncts: conditions the index decides (kind ==, kind
// in […]) and others it does not, some of which fail at run time (a division by zero, an
// absent key) — the index must skip exactly the policies whose match is false.
func randomMatch(r *rand.Rand) string {
	kinds := []string{"audit", "finance", "soe_owner", "public"}
	var parts []string
	for range 1 + r.IntN(3) {
		switch r.IntN(6) {
		case 0:
			parts = append(parts, fmt.Sprintf("case.kind == '%s'", kinds[r.IntN(len(kinds))]))
		case 1:
			parts = append(parts, fmt.Sprintf("'%s' == case.kind", kinds[r.IntN(len(kinds))]))
		case 2:
			parts = append(parts, fmt.Sprintf("case.kind in ['%s', '%s']", kinds[r.IntN(len(kinds))], kinds[r.IntN(len(kinds))]))
		case 3:
			parts = append(parts, fmt.Sprintf("case.count > %d", r.IntN(3)))
		case 4:
			parts = append(parts, "100 / case.count > 1")
		default:
			parts = append(parts, "case.tags['x'] == 'y'")
		}
	}
	if r.IntN(5) == 0 {
		return "(" + parts[0] + ") || case.count == 7" // not a conjunction: never indexed
	}
	return strings.Join(parts, " && ")
}

// Property: over generated bundles and random subjects, the decision with the match index is
// the decision with every match evaluated, and so is the decision remembered by a memo.
func TestIndexGeneratedBundles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 18))
	e := newEngine(t)
	ctx := context.Background()
	at := cst(2026, 12, 2, 9, 0)
	kinds := []string{"audit", "finance", "soe_owner", "public", "other"}
	for round := range 200 {
		var src strings.Builder
		for i := range 1 + r.IntN(12) {
			fmt.Fprintf(&src, "---\nid: p%d\nsubject: case\nmatch: %q\nvalidations:\n  - expression: case.count < %d\n    message: m\n    reason: R\nobligations:\n  - kind: transfer\n    due: workday.add(now, %d)\n",
				i, randomMatch(r), r.IntN(4), 1+r.IntN(10))
		}
		b := compile(t, e, "g.yaml", src.String())
		memo := b.NewMemo(0)
		for range 20 {
			c := &Case{Kind: kinds[r.IntN(len(kinds))], Count: r.IntN(4)}
			if r.IntN(2) == 0 {
				c.Tags = map[string]string{"x": "y"}
			}
			with, err := b.Check(ctx, c, at)
			require.NoError(t, err)
			without, err := b.Check(ctx, c, at, rules.EvaluateAll())
			require.NoError(t, err)
			require.Equal(t, without, with, "round %d, %+v\n%s", round, c, src.String())
			for range 2 {
				memoized, err := b.Check(ctx, c, at, rules.WithMemo(memo))
				require.NoError(t, err)
				require.Equal(t, without, memoized, "memo, round %d, %+v\n%s", round, c, src.String())
			}
		}
	}
}

// A thousand local policies, one for each agency kind, cost a check little more than one.
func BenchmarkCheckScaling(b *testing.B) {
	for _, n := range []int{1, 10, 100, 1000} {
		var src strings.Builder
		for i := range n {
			kind := fmt.Sprintf("local%d", i)
			if i == 0 {
				kind = "audit"
			}
			fmt.Fprintf(&src, "---\nid: p%04d\nsubject: case\nmatch: case.kind == '%s' && has(case.opinion_at)\nvariables:\n  - name: due\n    expression: workday.add(case.opinion_at, 10)\nvalidations:\n  - expression: \"!has(case.transferred_at) || case.transferred_at <= variables.due\"\n    message: late\n    reason: LATE\nobligations:\n  - kind: transfer\n    due: variables.due\n", i, kind)
		}
		bundle := compile(b, newEngine(b), "scale.yaml", src.String())
		c := &Case{Kind: "audit", OpinionAt: cst(2026, 9, 28, 9, 0), TransferredAt: cst(2026, 10, 19, 9, 0)}
		at := cst(2026, 10, 20, 10, 0)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := bundle.Check(context.Background(), c, at)
				if err != nil || len(d.Violations) != 1 || len(d.Obligations) != 1 {
					b.Fatalf("%v %+v", err, d)
				}
			}
		})
	}
}

// Compiling on many goroutines gives what compiling on one gives: the same bundle, and the
// same problems and warnings in the same order.
func TestCompileWorkersDeterministic(t *testing.T) {
	var good, bad strings.Builder
	for i := range 300 {
		fmt.Fprintf(&good, "---\nid: p%03d\nsubject: case\nmatch: case.kind == 'k%d'\nvariables:\n  - name: due\n    expression: workday.add(case.opinion_at, %d)\nvalidations:\n  - expression: case.transferred_at <= variables.due\n    message: late\n    reason: LATE\n", i, i%7, i%5+1)
		fmt.Fprintf(&bad, "---\nid: q%03d\nsubject: case\nvalidations:\n  - expression: case.count > %s\n    message: m\n    reason: R\n", i%290, []string{"1", "'x'", "case.nope", "1"}[i%4])
	}
	compileWith := func(workers int, src string) (*rules.Bundle, error) {
		e := newEngine(t, rules.WithCompileWorkers(workers))
		ps, err := rules.Parse("w.yaml", []byte(src))
		require.NoError(t, err)
		return e.Compile(ps)
	}
	one, err := compileWith(1, good.String())
	require.NoError(t, err)
	many, err := compileWith(8, good.String())
	require.NoError(t, err)
	require.Equal(t, one.Version(), many.Version())
	require.Equal(t, one.Policies(), many.Policies())
	require.Equal(t, fmt.Sprint(one.Warnings()), fmt.Sprint(many.Warnings()))
	require.NotEmpty(t, one.Warnings(), "the unguarded transferred_at reads")

	_, err1 := compileWith(1, bad.String())
	_, err8 := compileWith(8, bad.String())
	require.Error(t, err1)
	require.Equal(t, err1.Error(), err8.Error())
	_, err = rules.New(calendarForTest(t), rules.WithCompileWorkers(0))
	require.ErrorIs(t, err, rules.ErrInvalidValue)
}

func calendarForTest(t *testing.T) *workday.Calendar {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	return cal
}
