package clue_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
)

// A joint meeting on 3/2 decides that the audit bureau transfers by 3/6 and
// the commission assigns by 3/13: the duties are recorded on the clue at once,
// show overdue when nobody acts, and the transfer and assign steps meet them.
func TestRecordDuty(t *testing.T) {
	r := newRecorder(t, nil)
	c := r.draft(id("duty"), clue.Command{Actor: actor(tAudit), At: at(2026, 3, 2, 9, 0), Package: &clue.Package{
		Source: tAudit, Receiver: tCW, Subjects: []clue.Person{{Name: "甲"}}, Matter: "事项", Evidence: ev1(),
		ConclusiveOpinionAt: at(2026, 3, 2, 8, 0)}})
	meetingAt := at(2026, 3, 2, 15, 0)
	lead := actor(agency("联席会议牵头单位", clue.KindSupervisionOffice)) // not a party of the clue: records for the meeting
	e := r.do(c, clue.Command{Step: clue.StepRecordDuty, Actor: lead, At: at(2026, 3, 2, 18, 0), Reason: "联席会议决定",
		Duty: &clue.Obligation{Kind: clue.ObligationTransfer, Due: endOf(2026, 3, 6), ArisenAt: meetingAt, PolicyID: "meeting/1/decision/1"}})
	assert.Equal(t, clue.StateDrafted, e.To)
	r.do(c, clue.Command{Step: clue.StepRecordDuty, Actor: lead, At: at(2026, 3, 2, 18, 0),
		Duty: &clue.Obligation{Kind: clue.ObligationAssign, Due: endOf(2026, 3, 13), PolicyID: "meeting/1/decision/2"}})
	require.Len(t, c.Obligations, 2)
	assert.Equal(t, clue.Obligation{Kind: clue.ObligationTransfer, Obligor: tAudit.ID, Due: endOf(2026, 3, 6), ArisenAt: meetingAt,
		PolicyID: "meeting/1/decision/1"}, c.Obligations[0])
	assert.Equal(t, clue.Obligation{Kind: clue.ObligationAssign, Obligor: tCW.ID, Due: endOf(2026, 3, 13), ArisenAt: at(2026, 3, 2, 18, 0),
		PolicyID: "meeting/1/decision/2"}, c.Obligations[1])

	overdue := clue.Overdue(clue.Each([]clue.Clue{*c}), at(2026, 3, 7, 0, 0))
	require.Len(t, overdue, 1)
	assert.Equal(t, "meeting/1/decision/1", overdue[0].Obligation.PolicyID)

	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 9, 9, 0)})
	assert.False(t, c.Obligations[0].OnTime(), "transferred after 3/6")
	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(tCW), At: at(2026, 3, 10, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepAssign, Actor: actor(tCW), At: at(2026, 3, 11, 9, 0), Office: &tCW})
	assert.True(t, c.Obligations[1].OnTime())
	assert.Empty(t, clue.Overdue(clue.Each([]clue.Clue{*c}), at(2026, 12, 31, 0, 0)))
	r.replays(c)
}

func TestRecordDutyRefused(t *testing.T) {
	tour := agency("巡察组", clue.KindInspectionTour)
	stranger := agency("无关单位", clue.KindLineDepartment)
	step := at(2026, 3, 2, 18, 0)
	ok := func() clue.Obligation {
		return clue.Obligation{Kind: clue.ObligationTransfer, Due: endOf(2026, 3, 6), PolicyID: "meeting/1/decision/1"}
	}
	tests := []struct {
		name   string
		edit   func(o *clue.Obligation) *clue.Obligation
		target error
		field  string
	}{
		{"no duty", func(*clue.Obligation) *clue.Obligation { return nil }, clue.ErrInvalid, "duty"},
		{"unknown kind", func(o *clue.Obligation) *clue.Obligation { o.Kind = "celebrate"; return o }, clue.ErrUnknownKind, "duty.kind"},
		{"no policy id", func(o *clue.Obligation) *clue.Obligation { o.PolicyID = ""; return o }, clue.ErrInvalid, "duty.policy_id"},
		{"no due", func(o *clue.Obligation) *clue.Obligation { o.Due = time.Time{}; return o }, clue.ErrInvalid, "duty.due"},
		{"due before the step", func(o *clue.Obligation) *clue.Obligation { o.Due = at(2026, 3, 2, 17, 0); return o }, clue.ErrInvalid, "duty.due"},
		{"due before it arose", func(o *clue.Obligation) *clue.Obligation {
			o.ArisenAt, o.Due = at(2026, 3, 2, 15, 0), at(2026, 3, 2, 14, 0)
			return o
		}, clue.ErrInvalid, "duty.due"},
		{"arisen after the step", func(o *clue.Obligation) *clue.Obligation { o.ArisenAt = at(2026, 3, 3, 9, 0); return o }, clue.ErrInvalid, "duty.arisen_at"},
		{"already met", func(o *clue.Obligation) *clue.Obligation { o.Met = step; return o }, clue.ErrInvalid, "duty.met"},
		{"with an origin", func(o *clue.Obligation) *clue.Obligation { o.Origin = id("x"); return o }, clue.ErrInvalid, "duty.origin"},
		{"obligor not a party", func(o *clue.Obligation) *clue.Obligation { o.Obligor = stranger.ID; return o }, clue.ErrInvalid, "duty.obligor"},
		{"feedback owed to nobody", func(o *clue.Obligation) *clue.Obligation { o.Kind = clue.ObligationResult; return o }, clue.ErrInvalid, "duty.beneficiary"},
		{"feedback owed to a non-sender", func(o *clue.Obligation) *clue.Obligation {
			o.Kind, o.Beneficiary = clue.ObligationResult, tour.ID
			return o
		}, clue.ErrInvalid, "duty.beneficiary"},
		{"a beneficiary for a transfer", func(o *clue.Obligation) *clue.Obligation { o.Beneficiary = tAudit.ID; return o }, clue.ErrInvalid, "duty.beneficiary"},
		{"evaluation owed by the receiver", func(o *clue.Obligation) *clue.Obligation {
			o.Kind, o.Obligor = clue.ObligationEvaluation, tCW.ID
			return o
		}, clue.ErrInvalid, "duty.obligor"},
		{"recorded twice", func(o *clue.Obligation) *clue.Obligation { o.PolicyID = "meeting/0/decision/0"; return o }, clue.ErrInvalid, "duty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := drafted(t, nil)
			_, err := c.Do(ctx, clue.Command{Step: clue.StepRecordDuty, Actor: actor(tAudit), At: at(2026, 3, 2, 12, 0),
				Duty: &clue.Obligation{Kind: clue.ObligationTransfer, Due: endOf(2026, 3, 5), PolicyID: "meeting/0/decision/0"}}, nil)
			require.NoError(t, err)
			before := c.Clone()
			o := ok()
			_, err = c.Do(ctx, clue.Command{Step: clue.StepRecordDuty, Actor: actor(stranger), At: step, Duty: tt.edit(&o)}, nil)
			assert.ErrorIs(t, err, clue.ErrGuard)
			assert.ErrorIs(t, err, tt.target)
			var fe *clue.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Equal(t, before, c)
		})
	}

	// A merged clue's life is over: no duty is recorded on it.
	c := &clue.Clue{ID: id("m"), State: clue.StateMerged, Seq: 5, Source: tAudit, Receiver: tCW}
	o := ok()
	_, err := c.Do(ctx, clue.Command{Step: clue.StepRecordDuty, Actor: actor(tCW), At: step, Duty: &o}, nil)
	assert.ErrorIs(t, err, clue.ErrIllegalStep)
}
