package meeting_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

// soeAtOnce stands in for the clue policy clue.soe-owner-at-once (rules/policies/clue/transfer.yaml),
// with a looser reading: the end of the first working day after discovery.
func soeAtOnce(cal *workday.Calendar) clue.Policy {
	return clue.PolicyFunc(func(_ context.Context, c *clue.Clue, _ time.Time) (clue.Assessment, error) {
		if c.Source.Kind != clue.KindSOEOwner || c.DiscoveredAt.IsZero() || !c.Flags.SuspectedDutyCrime {
			return clue.Assessment{}, nil
		}
		r, err := cal.AddWorkdays(c.DiscoveredAt, 1)
		return clue.Assessment{Obligations: []clue.Obligation{{Kind: clue.ObligationTransfer, Due: r.Time, PolicyID: "clue.soe-owner-at-once", BundleVersion: "test"}}}, err
	})
}

// meetingPolicy stands in for the meeting policies: the next half-yearly
// meeting by the end of the following half-year; a reminder letter within 3
// working days.
func meetingPolicy(cal *workday.Calendar) meeting.Policy {
	return meeting.PolicyFunc(func(_ context.Context, m *meeting.Meeting, _ time.Time) (meeting.Assessment, error) {
		p, err := meeting.Cadence{Unit: meeting.UnitHalfYear}.PeriodOf(m.HeldAt)
		if err != nil {
			return meeting.Assessment{}, err
		}
		q, err := meeting.Cadence{Unit: meeting.UnitHalfYear}.PeriodOf(p.End.Add(time.Nanosecond))
		if err != nil {
			return meeting.Assessment{}, err
		}
		r, err := cal.AddWorkdays(m.HeldAt, 3)
		return meeting.Assessment{Obligations: []meeting.Obligation{
			{Kind: meeting.ObligationNextMeeting, Due: q.End, PolicyID: "test.next"},
			{Kind: meeting.ObligationKind(meeting.DecisionReminderLetter), Due: r.Time, PolicyID: "test.reminder"},
		}}, err
	})
}

// soeClue is a clue the SOE owner discovered on 2026-04-30 (suspected duty crime).
func soeClue(t testing.TB, p clue.Policy) *clue.Clue {
	t.Helper()
	c, _, err := clue.Draft(ctx, id("cd-clue"), clue.Command{Actor: actor(cdSASAC), At: at(2026, 4, 30, 11, 0), Package: &clue.Package{
		Source: cdSASAC, Receiver: cdCW, Subjects: []clue.Person{{Name: "张某", Organization: "成都某市属国企"}},
		Matter: "违规决策造成国有资产损失", Evidence: []clue.Evidence{{Name: "会商研判材料", Kind: clue.EvidenceDocument, Hash: "sha256:01"}},
		DiscoveredAt: at(2026, 4, 30, 10, 0), Flags: clue.Flags{SuspectedDutyCrime: true},
	}}, p)
	require.NoError(t, err)
	return c
}

// 成都 (seed 002), first half of 2026: the half-yearly joint meeting on 4/30
// decides to transfer a clue at once and to start a joint inspection. "At
// once" is the clue's own limit: the end of the first working day after
// discovery, which the 劳动节 holiday (5/1–5/5) puts on 5/6.
func TestChengduTransferAtOnce(t *testing.T) {
	cal := calendar(t)
	cp := soeAtOnce(cal)
	c := soeClue(t, nil) // drafted before the policy applied: no transfer duty recorded yet
	require.Empty(t, c.Obligations)
	clues := meeting.ClueMap{c.ID: c}
	mech := chengdu()
	transfer, inspect := id("d-transfer"), id("d-inspect")
	m, e, err := meeting.Hold(ctx, id("cd-2026-h1"), &mech, meeting.Command{
		Actor: actor(cdOffice), At: at(2026, 4, 30, 18, 0),
		Record: &meeting.Record{Number: "2026年上半年", Kind: meeting.MeetingRegular, HeldAt: at(2026, 4, 30, 15, 0),
			Convener: cdOffice.ID, Attendees: attend(cdOffice, cdSASAC, cdWork),
			Agenda: []meeting.AgendaItem{
				{Kind: meeting.ItemClue, ID: c.ID, Title: "张某违规决策问题线索", Assessment: "涉嫌职务违法，第一时间移送"},
				{Kind: meeting.ItemTopic, Topic: "国企工程招投标"},
			},
			Decisions: []meeting.Decision{
				{ID: transfer, Kind: meeting.DecisionTransfer, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}, Owner: cdSASAC.ID},
				{ID: inspect, Kind: meeting.DecisionJointInspection, Topic: "国企工程招投标", Owner: cdWork.ID, Due: endOf(2026, 9, 30),
					Items: []meeting.Ref{{Kind: meeting.ItemTopic, Topic: "国企工程招投标"}}},
			},
			Minutes: "成都市联席会议纪要〔2026〕1号"},
	}, meeting.Env{Policy: meetingPolicy(cal), ClueObligations: cp, Clues: clues})
	require.NoError(t, err)
	assert.Equal(t, meeting.StateHeld, m.State)
	d := m.Decision(transfer)
	assert.True(t, endOf(2026, 5, 6).Equal(d.Due), "due %s", d.Due)
	assert.Equal(t, "clue.soe-owner-at-once", d.DueBy)
	assert.Equal(t, meeting.DueByMinutes, m.Decision(inspect).DueBy)
	require.Len(t, e.Obligations, 2)
	assert.True(t, endOf(2026, 12, 31).Equal(e.Obligations[0].Due), "next half-yearly meeting by the end of H2")

	// Derived, never stored.
	assert.Equal(t, meeting.DecisionPending, d.Status(at(2026, 5, 6, 23, 0)))
	assert.Equal(t, meeting.DecisionOverdue, d.Status(at(2026, 5, 7, 0, 0)))
	assert.Len(t, meeting.Overdue(meeting.Each([]meeting.Meeting{*m}), at(2026, 5, 7, 0, 0)), 1)

	// The SOE owner transfers on 5/6: the meeting's duty is recorded on the clue and met on time.
	acted, err := m.ActOnClues(ctx, meeting.ActCommand{Decision: transfer, Actor: actor(cdSASAC), At: at(2026, 5, 6, 9, 0)}, clues, cp)
	require.NoError(t, err)
	require.Len(t, acted.ClueEvents, 1)
	assert.Equal(t, clue.StateTransferred, c.State)
	var duty *clue.Obligation
	for i := range c.Obligations {
		if c.Obligations[i].PolicyID == meeting.DecisionPolicyID(m.ID, transfer) {
			duty = &c.Obligations[i]
		}
	}
	require.NotNil(t, duty)
	assert.True(t, endOf(2026, 5, 6).Equal(duty.Due))
	assert.True(t, duty.OnTime())
	assert.Len(t, c.Obligations, 2, "the clue policy's own transfer duty is recorded too")
	assert.Equal(t, meeting.StepCarryOut, acted.Event.Step)
	assert.Equal(t, []meeting.Effect{{Model: "clue", ID: c.ID, Seq: 2, Step: "transfer"}}, m.Decision(transfer).Effects)
	assert.True(t, m.Decision(transfer).OnTime())

	p := m.Progress(at(2026, 10, 8, 9, 0))
	assert.Equal(t, []int{1, 0, 1, 0}, []int{p.Done, p.Pending, p.Overdue, p.Withdrawn})
	assert.Equal(t, meeting.StateHeld, m.State)

	// The joint inspection is reported done: the meeting closes.
	_, err = m.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: actor(cdWork), At: at(2026, 9, 25, 9, 0),
		Decision: inspect, Outcome: "联合检查报告"}, meeting.Env{})
	require.NoError(t, err)
	assert.Equal(t, meeting.StateClosed, m.State)

	// The half-year is held, and the target of 1–2 topics met for 2026.
	r, err := (&meeting.Series{Mechanism: mech, Meetings: []meeting.Meeting{*m}}).
		Compliance(cal, at(2026, 1, 1, 0, 0), at(2026, 7, 1, 0, 0), at(2026, 10, 8, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, meeting.PeriodHeld, r.Cadences[0].Periods[0].Status)
	assert.Equal(t, meeting.TargetMet, r.Targets[0].Periods[0].Status)
	assert.True(t, r.Compliant())
}

func TestActOnCluesAllOrNothing(t *testing.T) {
	cal := calendar(t)
	c := soeClue(t, nil)
	clues := meeting.ClueMap{c.ID: c}
	mech := chengdu()
	m, _, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(cdOffice), At: at(2026, 4, 30, 18, 0),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 4, 30, 15, 0), Convener: cdOffice.ID,
			Attendees: attend(cdOffice, cdSASAC, cdWork),
			Agenda:    []meeting.AgendaItem{{Kind: meeting.ItemClue, ID: c.ID}},
			Decisions: []meeting.Decision{
				{ID: id("remind"), Kind: meeting.DecisionReminderLetter, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}, Owner: cdCW.ID},
				{ID: id("transfer"), Kind: meeting.DecisionTransfer, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}, Owner: cdSASAC.ID, Due: endOf(2026, 5, 8)},
			}}}, meeting.Env{Policy: meetingPolicy(cal), Clues: clues})
	require.NoError(t, err)
	assert.True(t, endOf(2026, 5, 8).Equal(m.Decision(id("remind")).Due), "3 working days from 4/30 over 劳动节: 5/6, 5/7, 5/8")
	before := *m.Clone()
	seq := c.Seq

	// A drafted clue has no disposal duty to remind about: the clue refuses, nothing changes.
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("remind"), Actor: actor(cdCW), At: at(2026, 5, 6, 9, 0)}, clues, nil)
	var ae *meeting.ActError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, clue.ErrIllegalStep)
	assert.Equal(t, c.ID, ae.Item)
	assert.Equal(t, seq, c.Seq)
	assert.Equal(t, before, *m)

	// The wrong actor for the transfer: the clue's guard refuses.
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("transfer"), Actor: actor(cdCW), At: at(2026, 5, 6, 9, 0)}, clues, nil)
	assert.ErrorIs(t, err, clue.ErrGuard)
	assert.ErrorIs(t, err, meeting.ErrAct)
	assert.Equal(t, seq, c.Seq)

	// An unknown clue in the store.
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("transfer"), Actor: actor(cdSASAC), At: at(2026, 5, 6, 9, 0)}, meeting.ClueMap{}, nil)
	assert.ErrorIs(t, err, meeting.ErrUnknownItem)

	// Done late: the decision and the clue both show it.
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("transfer"), Actor: actor(cdSASAC), At: at(2026, 5, 11, 9, 0)}, clues, nil)
	require.NoError(t, err)
	assert.False(t, m.Decision(id("transfer")).OnTime())
	assert.False(t, c.Obligations[0].OnTime())
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("transfer"), Actor: actor(cdSASAC), At: at(2026, 5, 12, 9, 0)}, clues, nil)
	assert.ErrorIs(t, err, meeting.ErrInvalid, "already done")
}

// Merge, assign and reminder decisions act through the clue lifecycle.
func TestActMergeAssignRemind(t *testing.T) {
	cw := agency("郴州市纪委监委", clue.KindDisciplineCommission, clue.LevelMunicipal)
	audit := agency("郴州市审计局", clue.KindAudit, clue.LevelMunicipal)
	tour := agency("郴州市委巡察组", clue.KindInspectionTour, clue.LevelMunicipal)
	office := agency("郴州市纪委监委第三监督检查室", clue.KindSupervisionOffice, clue.LevelMunicipal)
	cal := calendar(t)
	disposal := clue.PolicyFunc(func(_ context.Context, c *clue.Clue, _ time.Time) (clue.Assessment, error) {
		if c.ReceivedAt.IsZero() {
			return clue.Assessment{}, nil
		}
		r, err := cal.AddMonths(c.ReceivedAt, 3)
		return clue.Assessment{Obligations: []clue.Obligation{{Kind: clue.ObligationDisposal, Due: r.Time, PolicyID: "clue.disposal-3-months"}}}, err
	})
	mk := func(name string, src clue.Agency) *clue.Clue {
		c, _, err := clue.Draft(ctx, id(name), clue.Command{Actor: actor(src), At: at(2026, 1, 5, 9, 0), Package: &clue.Package{
			Source: src, Receiver: cw, Subjects: []clue.Person{{Name: "王某"}}, Matter: "虚报冒领补贴",
			Evidence:            []clue.Evidence{{Name: "底稿", Kind: clue.EvidenceAuditWork, Hash: "sha256:" + name}},
			ConclusiveOpinionAt: at(2026, 1, 5, 8, 0), TourStart: at(2026, 1, 1, 0, 0), TourEnd: at(2026, 3, 1, 0, 0)}}, disposal)
		require.NoError(t, err)
		for _, k := range []clue.Command{{Step: clue.StepTransfer, Actor: actor(src)}, {Step: clue.StepRegister, Actor: actor(cw)}} {
			k.At = at(2026, 1, 6, 9, 0)
			_, err := c.Do(ctx, k, disposal)
			require.NoError(t, err)
		}
		return c
	}
	a, b := mk("a", audit), mk("b", tour)
	clues := meeting.ClueMap{a.ID: a, b.ID: b}
	mech := meeting.Mechanism{ID: id("chenzhou"), Name: "郴州市问题线索台账调度会", Kind: meeting.KindLedgerReview, Lead: cw,
		Members:  []clue.Agency{audit, tour, office},
		Cadences: []meeting.Cadence{{Purpose: "review", Unit: meeting.UnitQuarter}, {Purpose: "dispatch", Unit: meeting.UnitHalfYear}}}
	refs := []meeting.Ref{{Kind: meeting.ItemClue, ID: a.ID}, {Kind: meeting.ItemClue, ID: b.ID}}
	m, _, err := meeting.Hold(ctx, id("cz-q1"), &mech, meeting.Command{Actor: actor(cw), At: at(2026, 1, 9, 18, 0),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, Purposes: []string{"review"}, HeldAt: at(2026, 1, 9, 15, 0), Convener: cw.ID,
			Attendees: attend(cw, audit, tour),
			Agenda:    []meeting.AgendaItem{{Kind: meeting.ItemClue, ID: a.ID}, {Kind: meeting.ItemClue, ID: b.ID}},
			Decisions: []meeting.Decision{
				{ID: id("merge"), Kind: meeting.DecisionMerge, Items: refs, Owner: cw.ID, Due: endOf(2026, 1, 16)},
				{ID: id("assign"), Kind: meeting.DecisionAssign, Items: refs[:1], Owner: cw.ID, Office: office, Due: endOf(2026, 1, 16)},
				{ID: id("remind"), Kind: meeting.DecisionReminderLetter, Items: refs[:1], Owner: cw.ID, Due: endOf(2026, 4, 10)},
			}}}, meeting.Env{Clues: clues})
	require.NoError(t, err)

	// The three duties are recorded on the clues at once: merge on both,
	// assignment and reminder letter on the first.
	recorded, err := m.RecordDuties(ctx, actor(cw), at(2026, 1, 9, 18, 0), clues, disposal)
	require.NoError(t, err)
	kinds := func(c *clue.Clue) (out []clue.ObligationKind) {
		for _, o := range c.Obligations {
			if strings.HasPrefix(o.PolicyID, "meeting/") {
				out = append(out, o.Kind)
			}
		}
		return out
	}
	require.Len(t, recorded, 4)
	assert.Equal(t, []clue.ObligationKind{clue.ObligationMerge, clue.ObligationAssign, clue.ObligationReminder}, kinds(a))
	assert.Equal(t, []clue.ObligationKind{clue.ObligationMerge}, kinds(b))
	assert.Len(t, clue.Overdue(clue.Each([]clue.Clue{*a, *b}), at(2026, 1, 17, 0, 0)), 3, "undone by 1/16: merge twice, assignment")

	acted, err := m.ActOnClues(ctx, meeting.ActCommand{Decision: id("merge"), Actor: actor(cw), At: at(2026, 1, 12, 9, 0)}, clues, disposal)
	require.NoError(t, err)
	require.Len(t, acted.ClueEvents, 2)
	assert.Equal(t, clue.StateMerged, b.State)
	assert.Equal(t, a.ID, b.MergedInto)
	require.Len(t, a.Merged, 1)

	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("assign"), Actor: actor(cw), At: at(2026, 1, 13, 9, 0)}, clues, disposal)
	require.NoError(t, err)
	assert.Equal(t, clue.StateAssigned, a.State)
	assert.Equal(t, office.ID, a.AssignedTo.ID)

	// The disposal limit (3 months from 1/6: 4/6 is 清明, so 4/7) passes; the reminder letter goes out.
	rs := clue.RemindersDue(clue.Each([]clue.Clue{*a}), at(2026, 4, 8, 9, 0))
	require.Len(t, rs, 2, "the merged clue's disposal duty lives on in the survivor")
	assert.True(t, endOf(2026, 4, 7).Equal(rs[0].Obligation.Due))
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: id("remind"), Actor: actor(cw), At: at(2026, 4, 8, 9, 0), Document: "郴纪提〔2026〕3号"}, clues, disposal)
	require.NoError(t, err)
	require.Len(t, a.Reminders, 1)
	assert.Equal(t, clue.Reminder{Kind: clue.ObligationDisposal, Level: clue.ReminderLetter, At: at(2026, 4, 8, 9, 0), Document: "郴纪提〔2026〕3号"}, a.Reminders[0])
	assert.Equal(t, meeting.StateClosed, m.State)
	assert.Equal(t, 3, m.Progress(at(2026, 4, 8, 9, 0)).Done)
	// Every duty the meeting put on the clues is met, on time; b's lives on in a.
	for _, o := range a.Obligations {
		if strings.HasPrefix(o.PolicyID, "meeting/") {
			assert.True(t, o.OnTime(), "%s %s", o.Kind, o.PolicyID)
		}
	}
	assert.Equal(t, []clue.ObligationKind{clue.ObligationMerge, clue.ObligationAssign, clue.ObligationReminder, clue.ObligationMerge}, kinds(a))

	// Joint inspection decisions have no clue action.
	mj := m.Clone()
	mj.Decisions = append(mj.Decisions, meeting.Decision{ID: id("j"), Kind: meeting.DecisionJointInspection, Topic: "x", Due: endOf(2026, 12, 31)})
	_, err = mj.ActOnClues(ctx, meeting.ActCommand{Decision: id("j"), Actor: actor(cw), At: at(2026, 4, 9, 9, 0)}, clues, nil)
	assert.ErrorIs(t, err, meeting.ErrAct)
	_, err = mj.ActOnClues(ctx, meeting.ActCommand{Decision: uuid.New(), Actor: actor(cw), At: at(2026, 4, 9, 9, 0)}, clues, nil)
	assert.ErrorIs(t, err, meeting.ErrInvalid)
}

// Spec 7.3: a decision creates its duty in the clue model at once. A transfer
// decision nobody carries out shows in the clue ledger as overdue; carrying it
// out late meets it, late.
func TestRecordDutiesUndoneTransfer(t *testing.T) {
	c := soeClue(t, nil)
	clues := meeting.ClueMap{c.ID: c}
	mech := chengdu()
	dec := id("d-transfer")
	m, _, err := meeting.Hold(ctx, id("cd-h1"), &mech, meeting.Command{Actor: actor(cdOffice), At: at(2026, 4, 30, 18, 0),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 4, 30, 15, 0), Convener: cdOffice.ID,
			Attendees: attend(cdOffice, cdSASAC, cdWork), Agenda: []meeting.AgendaItem{{Kind: meeting.ItemClue, ID: c.ID}},
			Decisions: []meeting.Decision{{ID: dec, Kind: meeting.DecisionTransfer, Owner: cdSASAC.ID, Due: endOf(2026, 5, 8),
				Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}}}}}, meeting.Env{Clues: clues})
	require.NoError(t, err)

	evs, err := m.RecordDuties(ctx, actor(cdOffice), at(2026, 4, 30, 18, 0), clues, nil)
	require.NoError(t, err)
	require.Len(t, evs, 1)
	assert.Equal(t, clue.StepRecordDuty, evs[0].Step)
	require.Len(t, c.Obligations, 1)
	o := c.Obligations[0]
	assert.Equal(t, clue.Obligation{Kind: clue.ObligationTransfer, Obligor: cdSASAC.ID, Due: endOf(2026, 5, 8),
		ArisenAt: at(2026, 4, 30, 15, 0), PolicyID: meeting.DecisionPolicyID(m.ID, dec)}, o)

	// Idempotent.
	again, err := m.RecordDuties(ctx, actor(cdOffice), at(2026, 4, 30, 18, 0), clues, nil)
	require.NoError(t, err)
	assert.Empty(t, again)

	// Undone on 5/9: overdue in both ledgers.
	items := clue.Overdue(clue.Each([]clue.Clue{*c}), at(2026, 5, 9, 0, 0))
	require.Len(t, items, 1)
	assert.Equal(t, meeting.DecisionPolicyID(m.ID, dec), items[0].Obligation.PolicyID)
	assert.Len(t, meeting.Overdue(meeting.Each([]meeting.Meeting{*m}), at(2026, 5, 9, 0, 0)), 1)
	assert.Empty(t, clue.Overdue(clue.Each([]clue.Clue{*c}), at(2026, 5, 8, 23, 0)))

	// Carried out on 5/11: met, late; not recorded twice.
	_, err = m.ActOnClues(ctx, meeting.ActCommand{Decision: dec, Actor: actor(cdSASAC), At: at(2026, 5, 11, 9, 0)}, clues, nil)
	require.NoError(t, err)
	require.Len(t, c.Obligations, 1)
	assert.True(t, at(2026, 5, 11, 9, 0).Equal(c.Obligations[0].Met))
	assert.False(t, c.Obligations[0].OnTime())
	assert.Empty(t, clue.Overdue(clue.Each([]clue.Clue{*c}), at(2026, 5, 12, 0, 0)))

	// A decision that is done records nothing.
	evs, err = m.RecordDuties(ctx, actor(cdOffice), at(2026, 5, 12, 9, 0), clues, nil)
	require.NoError(t, err)
	assert.Empty(t, evs)
	_, err = m.RecordDuties(ctx, actor(cdOffice), at(2026, 5, 12, 9, 0), nil, nil)
	assert.ErrorIs(t, err, meeting.ErrInvalid)
}

// RecordDuties is all or nothing, looks clues up by id, and refuses a duty the
// clue cannot record.
func TestRecordDutiesRefused(t *testing.T) {
	c := soeClue(t, nil)
	clues := meeting.ClueMap{c.ID: c}
	mech := chengdu()
	m, _, err := meeting.Hold(ctx, id("cd-h1"), &mech, meeting.Command{Actor: actor(cdOffice), At: at(2026, 4, 30, 18, 0),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 4, 30, 15, 0), Convener: cdOffice.ID,
			Attendees: attend(cdOffice, cdSASAC, cdWork), Agenda: []meeting.AgendaItem{{Kind: meeting.ItemClue, ID: c.ID}},
			Decisions: []meeting.Decision{{ID: id("d"), Kind: meeting.DecisionTransfer, Owner: cdSASAC.ID, Due: endOf(2026, 5, 8),
				Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}}}}}, meeting.Env{Clues: clues})
	require.NoError(t, err)
	_, err = m.RecordDuties(ctx, actor(cdOffice), at(2026, 4, 30, 18, 0), meeting.ClueMap{}, nil)
	assert.ErrorIs(t, err, meeting.ErrUnknownItem)
	// Recorded before the clue's last event: the clue refuses, nothing changes.
	_, err = m.RecordDuties(ctx, actor(cdOffice), at(2026, 4, 30, 10, 0), clues, nil)
	assert.ErrorIs(t, err, meeting.ErrAct)
	assert.ErrorIs(t, err, clue.ErrSequence)
	assert.Empty(t, c.Obligations)
	assert.Equal(t, uint64(1), c.Seq)
}
