package meeting_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

// calPolicy gives the next meeting by the end of the next quarter (a calendar period,
// exact) and the time limit of assign decisions: 20 working days from the meeting.
type calPolicy struct {
	cal     *workday.Calendar
	version string
}

func (p calPolicy) Assess(_ context.Context, m *meeting.Meeting, _ time.Time) (meeting.Assessment, error) {
	out := []meeting.Obligation{{Kind: meeting.ObligationNextMeeting, Due: endOf(2027, 3, 31), PolicyID: "test.next", BundleVersion: p.version}}
	o := meeting.Obligation{Kind: meeting.ObligationKind(meeting.DecisionAssign), PolicyID: "test.assign", BundleVersion: p.version, Calendar: p.cal.Version()}
	r, err := p.cal.AddWorkdays(m.HeldAt, 20)
	switch {
	case err == nil:
		o.Due, o.Certainty = r.Time, r.Certainty
	default:
		nd, ok := err.(*workday.NoDataError)
		if !ok {
			return meeting.Assessment{}, err
		}
		o.PendingYear = nd.Year()
	}
	return meeting.Assessment{Obligations: append(out, o)}, nil
}

// A meeting held on 2026-12-18 decides an assignment without a due in its minutes; the
// policy's 20 working days reach into 2027. On a calendar with official data only, the
// meeting is still recorded (it happened): the duty and the decision wait for 2027. Once
// 2027 is loaded, Refix fixes both: 12-21..25, 12-28..31 (9), 2027-01-04..08 (14),
// 01-11..15 (19), 01-18 (20) — 元旦 01-01 off.
func TestRefixPendingDecision(t *testing.T) {
	strict, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	mech := tiefeng()
	r := tfRecord()
	r.HeldAt = at(2026, 12, 18, 9, 30)
	r.Decisions[0].Due = time.Time{}
	m, e, err := meeting.Hold(ctx, id("q4"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 12, 18, 18, 0), Record: &r},
		meeting.Env{Policy: calPolicy{cal: strict, version: "v-strict"}})
	require.NoError(t, err, "a meeting that happened is never refused for want of calendar data")
	events := []meeting.Event{e}
	d := m.Decisions[0]
	assert.True(t, d.Due.IsZero())
	assert.Equal(t, 2027, d.PendingYear)
	assert.Equal(t, "test.assign", d.DueBy)
	require.Len(t, m.Obligations, 2)
	assert.True(t, m.Obligations[1].Pending())

	cal, err := workday.New()
	require.NoError(t, err)
	ev, changed, err := m.Refix(ctx, meeting.Command{Actor: actor(tfCW), At: at(2026, 12, 20, 9, 0)}, calPolicy{cal: cal, version: "v-2027"}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	events = append(events, ev)
	require.Len(t, ev.Refixes, 1, "the next-meeting due used no calendar day: it is exact")
	x := ev.Refixes[0]
	assert.Equal(t, 2027, x.OldPendingYear)
	assert.Equal(t, endOf(2027, 1, 18), x.Due)
	assert.Equal(t, workday.Reported, x.Certainty)
	assert.Equal(t, []meeting.DecisionKind{meeting.DecisionAssign}, []meeting.DecisionKind{m.Decision(x.Decisions[0]).Kind})
	d = m.Decisions[0]
	assert.Equal(t, endOf(2027, 1, 18), d.Due)
	assert.Zero(t, d.PendingYear)
	assert.Equal(t, "v-2027", d.Version)
	require.Len(t, m.Obligations[1].Refixed, 1)
	assert.Equal(t, 2027, m.Obligations[1].Refixed[0].PendingYear)

	again, err := meeting.Replay(events)
	require.NoError(t, err)
	assert.Equal(t, m, again)
	_, changed, err = m.Refix(ctx, meeting.Command{Actor: actor(tfCW), At: at(2026, 12, 21, 9, 0)}, calPolicy{cal: cal, version: "v-2027"}, cal)
	require.NoError(t, err)
	assert.False(t, changed)
}

// focusedPolicy answers AssessPolicies by filtering p's answer, and records what it was asked.
type focusedPolicy struct {
	p     meeting.Policy
	asked *[][]string
}

func (f focusedPolicy) Assess(ctx context.Context, m *meeting.Meeting, at time.Time) (meeting.Assessment, error) {
	return f.p.Assess(ctx, m, at)
}

func (f focusedPolicy) AssessPolicies(ctx context.Context, m *meeting.Meeting, at time.Time, ids []string) (meeting.Assessment, error) {
	*f.asked = append(*f.asked, ids)
	a, err := f.p.Assess(ctx, m, at)
	a.Obligations = slices.DeleteFunc(a.Obligations, func(o meeting.Obligation) bool { return !slices.Contains(ids, o.PolicyID) })
	return a, err
}

// A focused policy (meeting.FocusedPolicy) is asked only about the policy of the pending
// assignment due — not the next meeting's, which is exact — and the refix is the one a
// plain policy gives.
func TestRefixAsksOnlyThePoliciesItRecounts(t *testing.T) {
	strict, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	mech := tiefeng()
	r := tfRecord()
	r.HeldAt = at(2026, 12, 18, 9, 30)
	r.Decisions[0].Due = time.Time{}
	m, _, err := meeting.Hold(ctx, id("q4"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 12, 18, 18, 0), Record: &r},
		meeting.Env{Policy: calPolicy{cal: strict, version: "v-strict"}})
	require.NoError(t, err)
	plain := m.Clone()
	cal, err := workday.New()
	require.NoError(t, err)
	cmd := meeting.Command{Actor: actor(tfCW), At: at(2026, 12, 20, 9, 0)}
	want, changed, err := plain.Refix(ctx, cmd, calPolicy{cal: cal, version: "v-2027"}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	var asked [][]string
	got, changed, err := m.Refix(ctx, cmd, focusedPolicy{p: calPolicy{cal: cal, version: "v-2027"}, asked: &asked}, cal)
	require.NoError(t, err)
	require.True(t, changed)
	assert.Equal(t, want, got)
	assert.Equal(t, plain, m)
	assert.Equal(t, [][]string{{"test.assign"}}, asked)
}
