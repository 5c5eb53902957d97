package clue_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/workday"
)

// ledgerClue returns a registered clue with a disposal obligation due at due.
func ledgerClue(i int, due time.Time, met time.Time) clue.Clue {
	return clue.Clue{
		ID: uuid.UUID{byte(i >> 24), byte(i >> 16), byte(i >> 8), byte(i), 1}, State: clue.StateUnderDisposal,
		Source: tAudit, Receiver: tCW,
		Obligations: []clue.Obligation{
			{Kind: clue.ObligationDisposalOpinion, Obligor: tCW.ID, Due: due.AddDate(0, -2, 0), Met: due.AddDate(0, -2, -1), PolicyID: "a"},
			{Kind: clue.ObligationProgress, Obligor: tCW.ID, Beneficiary: tAudit.ID, Due: due, Met: met, PolicyID: "b"},
			{Kind: clue.ObligationDisposal, Obligor: tCW.ID, Due: due, Met: met, PolicyID: "c"},
		},
	}
}

func TestLedger(t *testing.T) {
	cal := newSeedPolicy(t).cal
	cs := []clue.Clue{
		ledgerClue(1, endOf(2026, 9, 30), time.Time{}),           // overdue at 10/9
		ledgerClue(2, endOf(2026, 10, 12), time.Time{}),          // due within 2 working days of 10/9 (10/10 worked)
		ledgerClue(3, endOf(2026, 10, 13), time.Time{}),          // 3 working days away
		ledgerClue(4, endOf(2026, 9, 30), at(2026, 9, 29, 9, 0)), // met
	}
	merged := ledgerClue(5, endOf(2026, 9, 1), time.Time{})
	merged.State = clue.StateMerged
	cs = append(cs, merged)
	now := at(2026, 10, 9, 9, 0)

	over := clue.Overdue(clue.Each(cs), now)
	require.Len(t, over, 2)
	assert.Equal(t, cs[0].ID, over[0].ClueID)
	assert.Equal(t, 1, over[0].Index)

	soon, err := clue.DueWithin(clue.Each(cs), now, 2, cal)
	require.NoError(t, err)
	require.Len(t, soon, 2)
	assert.Equal(t, cs[1].ID, soon[0].ClueID)

	_, err = clue.DueWithin(clue.Each(cs), now, 0, cal)
	assert.ErrorIs(t, err, clue.ErrInvalid)
	strict, err := workday.New()
	require.NoError(t, err)
	_, err = clue.DueWithin(clue.Each(cs), at(2031, 1, 1, 0, 0), 1, strict)
	assert.ErrorIs(t, err, workday.ErrNoData, "beyond the calendar's data")
	_, err = clue.DueWithin(clue.Each(cs), now, 1, nil)
	assert.ErrorIs(t, err, clue.ErrInvalid)

	q, err := clue.Quarter(2026, 3)
	require.NoError(t, err)
	rep, err := clue.Review(clue.Each(cs), q, now, 2, cal)
	require.NoError(t, err)
	assert.Len(t, rep.Overdue, 2)
	assert.Len(t, rep.DueSoon, 2)
	assert.Len(t, rep.Reminders, 1)
	// Due in Q3: four disposal opinions (7/30–8/13, met on time), clue 1's
	// two duties (overdue) and clue 4's two (met on time).
	assert.Equal(t, clue.Tally{Due: 8, OnTime: 6, Overdue: 2, OnTimeRate: decimal.RequireFromString("0.7500")}, rep.Duties)
	assert.Equal(t, 2, rep.ByKind[clue.ObligationDisposal].Due)
	_, err = clue.Quarter(2026, 5)
	assert.ErrorIs(t, err, clue.ErrInvalid)
	_, err = clue.HalfYear(2026, 0)
	assert.ErrorIs(t, err, clue.ErrInvalid)
}

func TestMergeRefused(t *testing.T) {
	other := agency("另一纪委", clue.KindDisciplineCommission)
	mk := func(name string, recv clue.Agency) *clue.Clue {
		c, _, err := clue.Draft(ctx, id(name), clue.Command{Actor: actor(tAudit), At: at(2026, 3, 2, 9, 0), Package: &clue.Package{
			Source: tAudit, Receiver: recv, Subjects: []clue.Person{{Name: "甲"}}, Matter: "事项", Evidence: ev1(), ConclusiveOpinionAt: at(2026, 3, 2, 8, 0)}}, nil)
		require.NoError(t, err)
		for _, s := range []clue.Command{{Step: clue.StepTransfer, Actor: actor(tAudit)}, {Step: clue.StepRegister, Actor: actor(recv)}} {
			s.At = at(2026, 3, 3, 9, 0)
			_, err := c.Do(ctx, s, nil)
			require.NoError(t, err)
		}
		return c
	}
	a, b, d := mk("a", tCW), mk("b", other), mk("d", tCW)
	_, _, err := clue.Merge(context.Background(), a, b, clue.Command{Actor: actor(tCW), At: at(2026, 3, 4, 9, 0)}, nil)
	assert.ErrorIs(t, err, clue.ErrGuard, "different receivers")
	_, _, err = clue.Merge(context.Background(), a, a, clue.Command{Actor: actor(tCW), At: at(2026, 3, 4, 9, 0)}, nil)
	assert.ErrorIs(t, err, clue.ErrGuard, "into itself")
	assert.Equal(t, clue.StateRegistered, a.State)
	_, _, err = clue.Merge(context.Background(), a, d, clue.Command{Actor: actor(tCW), At: at(2026, 3, 4, 9, 0)}, nil)
	require.NoError(t, err)
	_, _, err = clue.Merge(context.Background(), a, d, clue.Command{Actor: actor(tCW), At: at(2026, 3, 4, 9, 0)}, nil)
	var te *clue.TransitionError
	assert.ErrorAs(t, err, &te, "already merged")
}

// benchClues builds n clues of the shape a real ledger holds.
func benchClues(n int) []clue.Clue {
	base := at(2026, 1, 5, 0, 0)
	cs := make([]clue.Clue, n)
	for i := range cs {
		cs[i] = ledgerClue(i, base.Add(time.Duration(i%360)*24*time.Hour), time.Time{})
		if i%3 == 0 {
			cs[i].Obligations[1].Met = base
		}
		cs[i].Number = fmt.Sprint(i)
	}
	return cs
}

// BenchmarkLedger runs the ledger over a million clues: scan is the functions over the
// clues with a fresh result, reused the same with the previous result[:0], index a Ledger
// built once answering with a fresh result.
func BenchmarkLedger(b *testing.B) {
	cs := benchClues(1_000_000)
	now := at(2026, 7, 1, 0, 0)
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	l := clue.NewLedger(clue.Each(cs))
	run := func(name string, f func() int) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = f()
			}
			b.ReportMetric(float64(n), "items/op")
		})
	}
	run("overdue/scan", func() int { return len(clue.Overdue(clue.Each(cs), now)) })
	var buf []clue.Item
	run("overdue/reused", func() int { buf = clue.AppendOverdue(buf[:0], clue.Each(cs), now); return len(buf) })
	run("overdue/index", func() int { return len(l.Overdue(now)) })
	run("due_within/scan", func() int {
		items, err := clue.DueWithin(clue.Each(cs), now, 10, cal)
		if err != nil {
			b.Fatal(err)
		}
		return len(items)
	})
	run("due_within/index", func() int {
		items, err := l.DueWithin(now, 10, cal)
		if err != nil {
			b.Fatal(err)
		}
		return len(items)
	})
	run("reminders/scan", func() int { return len(clue.RemindersDue(clue.Each(cs), now)) })
	run("reminders/index", func() int { return len(l.RemindersDue(now)) })
}

func BenchmarkDo(b *testing.B) {
	p := newSeedPolicy(b)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := clue.Draft(ctx, id("bench"), clue.Command{Actor: actor(tAudit), At: at(2026, 3, 2, 9, 0), Package: &clue.Package{
			Source: tAudit, Receiver: tCW, Subjects: []clue.Person{{Name: "甲"}}, Matter: "事项", Evidence: ev1(), ConclusiveOpinionAt: at(2026, 3, 2, 8, 0)}}, p)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, p); err != nil {
			b.Fatal(err)
		}
	}
}

// randomLedger is n clues with random duties: due or pending, met or not, some merged.
func randomLedger(r *rand.Rand, n int) []clue.Clue {
	base := at(2026, 1, 5, 0, 0)
	kinds := []clue.ObligationKind{clue.ObligationDisposal, clue.ObligationTransfer, clue.ObligationProgress}
	cs := make([]clue.Clue, n)
	for i := range cs {
		c := &cs[i]
		c.ID, c.Number, c.State = uuid.New(), fmt.Sprint(i), clue.StateRegistered
		if r.IntN(10) == 0 {
			c.State = clue.StateMerged
		}
		for range r.IntN(4) {
			o := clue.Obligation{Kind: kinds[r.IntN(len(kinds))], PolicyID: "p", Due: base.Add(time.Duration(r.IntN(400*24)) * time.Hour)}
			switch r.IntN(5) {
			case 0:
				o.Met = o.Due.Add(-time.Hour)
			case 1:
				o.Due, o.PendingYear = time.Time{}, 2027
			}
			c.Obligations = append(c.Obligations, o)
		}
		if r.IntN(3) == 0 {
			c.Reminders = append(c.Reminders, clue.Reminder{Kind: clue.ObligationDisposal})
		}
	}
	return cs
}

func itemKeys[T any](xs []T, key func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = key(x)
	}
	sort.Strings(out)
	return out
}

// Property: the index answers what the scans answer, for random ledgers and instants.
func TestLedgerIndexEqualsScan(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(5, 18))
	key := func(it clue.Item) string { return fmt.Sprint(it.ClueID, it.Index, it.Obligation.Due) }
	rkey := func(rd clue.ReminderDue) string { return fmt.Sprint(key(rd.Item), rd.Level, rd.Sent) }
	for range 50 {
		cs := randomLedger(r, 200)
		l := clue.NewLedger(clue.Each(cs))
		for range 20 {
			now := at(2026, 1, 1, 0, 0).Add(time.Duration(r.IntN(420*24*60)) * time.Minute)
			assert.Equal(t, itemKeys(clue.Overdue(clue.Each(cs), now), key), itemKeys(l.Overdue(now), key))
			want, err := clue.DueWithin(clue.Each(cs), now, 5, cal)
			require.NoError(t, err)
			got, err := l.DueWithin(now, 5, cal)
			require.NoError(t, err)
			assert.Equal(t, itemKeys(want, key), itemKeys(got, key))
			assert.Equal(t, itemKeys(clue.RemindersDue(clue.Each(cs), now), rkey), itemKeys(l.RemindersDue(now), rkey))
			ov := l.Overdue(now)
			assert.True(t, sort.SliceIsSorted(ov, func(i, j int) bool { return ov[i].Obligation.Due.Before(ov[j].Obligation.Due) }), "earliest due first")
		}
	}
}
