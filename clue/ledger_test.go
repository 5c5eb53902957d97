package clue_test

import (
	"context"
	"fmt"
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

func BenchmarkLedgerOverdue(b *testing.B) {
	cs := benchClues(1_000_000)
	now := at(2026, 7, 1, 0, 0)
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			n = len(clue.Overdue(clue.Each(cs), now))
		}
		b.ReportMetric(float64(n), "overdue/op")
	})
	b.Run("reused", func(b *testing.B) {
		b.ReportAllocs()
		buf := clue.Overdue(clue.Each(cs), now)
		for b.Loop() {
			buf = clue.AppendOverdue(buf[:0], clue.Each(cs), now)
		}
		b.ReportMetric(float64(len(buf)), "overdue/op")
	})
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
