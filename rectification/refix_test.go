package rectification_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

// A look-back due counted on a provisional 2027 is re-fixed when the year's data arrives:
// signed off on Sunday 2026-11-01, 6 months end on Saturday 2027-05-01. On the holiday law
// alone 05-01 and 05-02 are the statutory days off, so the due moves to Monday 05-03; on the
// 2027 arrangement (劳动节 05-01..05-05) it moves to Thursday 05-06.
func TestRefixLookBack(t *testing.T) {
	prov, err := workday.New(workday.WithoutReportedYears(), workday.WithProvisionalYears())
	require.NoError(t, err)
	rc := claimed(t, &seedPolicy{cal: prov, version: "bundle-provisional"})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 11, 1, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	p := rc.r.Problem(tPID)
	require.Len(t, p.Obligations, 2)
	lb := p.Obligations[1]
	assert.Equal(t, rectification.ObligationLookBack, lb.Kind)
	assert.Equal(t, endOf(2027, 5, 3), lb.Due)
	assert.Equal(t, workday.Provisional, lb.Certainty)

	cal, err := workday.New()
	require.NoError(t, err)
	e, changed, err := rc.r.Refix(ctx, rectification.Command{Actor: actor(tCW), At: at(2026, 12, 2, 9, 0)}, &seedPolicy{cal: cal, version: "bundle-2027"}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	rc.events = append(rc.events, e)
	require.Len(t, e.Refixes, 1, "the rectification due is the recommendation's data: not the calendar's")
	x := e.Refixes[0]
	assert.Equal(t, tPID, x.Problem)
	assert.Equal(t, 1, x.Index)
	assert.Equal(t, endOf(2027, 5, 3), x.OldDue)
	assert.Equal(t, endOf(2027, 5, 6), x.Due)
	assert.Equal(t, workday.Reported, x.Certainty)
	assert.Equal(t, "bundle-2027", x.BundleVersion)
	assert.Nil(t, x.Rejudged)
	lb = rc.r.Problem(tPID).Obligations[1]
	assert.Equal(t, endOf(2027, 5, 6), lb.Due)
	require.Len(t, lb.Refixed, 1)
	assert.Equal(t, endOf(2027, 5, 3), lb.Refixed[0].Due)
	requireReplays(t, rc.r, rc.events)

	// Nothing more to re-fix on the same calendar; the official rectification due never was.
	_, changed, err = rc.r.Refix(ctx, rectification.Command{Actor: actor(tCW), At: at(2026, 12, 3, 9, 0)}, &seedPolicy{cal: cal, version: "bundle-2027"}, cal)
	require.NoError(t, err)
	assert.False(t, changed)
	// A policy counting on another calendar than the one named is refused.
	_, _, err = rc.r.Refix(ctx, rectification.Command{Actor: actor(tCW), At: at(2026, 12, 3, 9, 0)}, &seedPolicy{cal: prov, version: "x"}, cal)
	assert.ErrorIs(t, err, rectification.ErrPolicy)
	// A refix event naming an official obligation is refused.
	bad := rectification.Event{RectificationID: rc.r.ID, Seq: rc.r.Seq + 1, From: rc.r.State, To: rc.r.State,
		Command: rectification.Command{Step: rectification.StepRefix, Actor: actor(tCW), At: at(2026, 12, 4, 9, 0),
			Refixes: []rectification.Refix{{Problem: tPID, Index: 0, Kind: rectification.ObligationRectify, PolicyID: "test.rectify",
				Obligor: p.Obligations[0].Obligor, OldDue: p.Obligations[0].Due, Due: endOf(2027, 1, 4), Calendar: cal.Version()}}}}
	assert.ErrorIs(t, rectification.Apply(rc.r, bad), rectification.ErrGuard)
}

// focusedPolicy answers AssessPolicies by filtering p's answer, and records what it was asked.
type focusedPolicy struct {
	p     rectification.Policy
	asked *[][]string
}

func (f focusedPolicy) Assess(ctx context.Context, s *rectification.Subject, at time.Time) (rectification.Assessment, error) {
	return f.p.Assess(ctx, s, at)
}

func (f focusedPolicy) AssessPolicies(ctx context.Context, s *rectification.Subject, at time.Time, ids []string) (rectification.Assessment, error) {
	*f.asked = append(*f.asked, ids)
	a, err := f.p.Assess(ctx, s, at)
	a.Obligations = slices.DeleteFunc(a.Obligations, func(o rectification.Obligation) bool { return !slices.Contains(ids, o.PolicyID) })
	return a, err
}

// A focused policy (rectification.FocusedPolicy) is asked only about the policy of the
// provisional look-back due, and the refix is the one a plain policy gives.
func TestRefixAsksOnlyThePoliciesItRecounts(t *testing.T) {
	prov, err := workday.New(workday.WithoutReportedYears(), workday.WithProvisionalYears())
	require.NoError(t, err)
	rc := claimed(t, &seedPolicy{cal: prov, version: "bundle-provisional"})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 11, 1, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	plain := rc.r.Clone()
	cal, err := workday.New()
	require.NoError(t, err)
	cmd := rectification.Command{Actor: actor(tCW), At: at(2026, 12, 2, 9, 0)}
	want, changed, err := plain.Refix(ctx, cmd, &seedPolicy{cal: cal, version: "bundle-2027"}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	var asked [][]string
	got, changed, err := rc.r.Refix(ctx, cmd, focusedPolicy{p: &seedPolicy{cal: cal, version: "bundle-2027"}, asked: &asked}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	assert.Equal(t, want, got)
	assert.Equal(t, plain, rc.r)
	lb := plain.Problem(tPID).Obligations[1]
	assert.Equal(t, [][]string{{lb.PolicyID}}, asked, "only the problem's look-back is refixable; the recommendation's dues are facts")
}
