package meeting_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
)

func tfRecord() meeting.Record {
	return meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 3, 20, 9, 30), Convener: tfCW.ID,
		Attendees: attend(tfCW, tfAudit, tfFin, tfStat),
		Agenda:    []meeting.AgendaItem{{Kind: meeting.ItemTopic, Topic: "惠民资金专项整治"}, {Kind: meeting.ItemProblem, ID: id("p1")}},
		Decisions: []meeting.Decision{{ID: id("d1"), Kind: meeting.DecisionAssign, Owner: tfFin.ID, Due: endOf(2026, 4, 30),
			Items: []meeting.Ref{{Kind: meeting.ItemProblem, ID: id("p1")}}}}}
}

// A meeting outside its mechanism, decisions about unknown items, and other bad records.
func TestHoldRefuses(t *testing.T) {
	stranger := agency("某无关单位", clue.KindLineDepartment, clue.LevelCounty)
	someClue := id("unknown clue")
	tests := []struct {
		name   string
		edit   func(r *meeting.Record, mech *meeting.Mechanism, env *meeting.Env)
		target error
		field  string
	}{
		{"convener not a party", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Convener = stranger.ID }, meeting.ErrOutsideMechanism, "record.convener"},
		{"attendee not a party, not invited", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Attendees = append(r.Attendees, meeting.Attendee{Agency: stranger})
		}, meeting.ErrOutsideMechanism, "record.attendees[4]"},
		{"owner neither party nor attendee", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Decisions[0].Owner = stranger.ID }, meeting.ErrOutsideMechanism, "record.decisions[0].owner"},
		{"purpose the mechanism has no cadence for", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Purposes = []string{"dispatch"} }, meeting.ErrOutsideMechanism, "record.purposes[0]"},
		{"pre-tour consultation of a joint meeting", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Kind, r.Tour = meeting.MeetingPreTour, meeting.Tour{Group: agency("巡察组", clue.KindInspectionTour, clue.LevelCounty), Start: at(2026, 4, 1, 9, 0)}
		}, meeting.ErrOutsideMechanism, "record.kind"},
		{"held before the mechanism was established", func(_ *meeting.Record, m *meeting.Mechanism, _ *meeting.Env) { m.Established = at(2026, 4, 1, 0, 0) }, meeting.ErrOutsideMechanism, "record.held_at"},
		{"held for a later period", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.For = at(2026, 4, 2, 0, 0) }, meeting.ErrOutsideMechanism, "record.for"},
		{"decision about a clue not on the agenda", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Decisions[0].Items = []meeting.Ref{{Kind: meeting.ItemClue, ID: someClue}}
		}, meeting.ErrUnknownItem, "record.decisions[0].items[0]"},
		{"decision about a clue the host does not know", func(r *meeting.Record, _ *meeting.Mechanism, env *meeting.Env) {
			r.Agenda = append(r.Agenda, meeting.AgendaItem{Kind: meeting.ItemClue, ID: someClue})
			r.Decisions[0] = meeting.Decision{ID: id("d1"), Kind: meeting.DecisionTransfer, Owner: tfAudit.ID, Due: endOf(2026, 4, 1), Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: someClue}}}
			env.Clues = meeting.ClueMap{}
		}, meeting.ErrUnknownItem, "record.decisions[0].items[0]"},
		{"decision about a clue and no clue source", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Agenda = append(r.Agenda, meeting.AgendaItem{Kind: meeting.ItemClue, ID: someClue})
			r.Decisions[0] = meeting.Decision{ID: id("d1"), Kind: meeting.DecisionTransfer, Owner: tfAudit.ID, Due: endOf(2026, 4, 1), Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: someClue}}}
		}, meeting.ErrInvalid, "clues"},
		{"a merge of one clue", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Agenda = append(r.Agenda, meeting.AgendaItem{Kind: meeting.ItemClue, ID: someClue})
			r.Decisions[0] = meeting.Decision{ID: id("d1"), Kind: meeting.DecisionMerge, Owner: tfCW.ID, Due: endOf(2026, 4, 1), Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: someClue}}}
		}, meeting.ErrInvalid, "record.decisions[0].items"},
		{"no due and no policy", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Decisions[0].Due = time.Time{} }, meeting.ErrInvalid, "record.decisions[0].due"},
		{"due before the meeting", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Decisions[0].Due = endOf(2026, 3, 19) }, meeting.ErrInvalid, "record.decisions[0].due"},
		{"decision recorded as done", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Decisions[0].DoneAt = at(2026, 3, 21, 0, 0)
		}, meeting.ErrInvalid, "record.decisions[0]"},
		{"unknown decision kind", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.Decisions[0].Kind = "celebrate" }, meeting.ErrUnknownKind, "record.decisions[0].kind"},
		{"held after it is recorded", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) { r.HeldAt = at(2026, 3, 21, 9, 0) }, meeting.ErrInvalid, "record.held_at"},
		{"nonsense cadence", func(_ *meeting.Record, m *meeting.Mechanism, _ *meeting.Env) {
			m.Cadences = []meeting.Cadence{{Unit: meeting.UnitWeek, Every: 2}}
		}, meeting.ErrCadence, "mechanism.cadences[0].anchor"},
		{"a merge listing the same clue twice", func(r *meeting.Record, _ *meeting.Mechanism, env *meeting.Env) {
			r.Agenda = append(r.Agenda, meeting.AgendaItem{Kind: meeting.ItemClue, ID: someClue})
			r.Decisions[0] = meeting.Decision{ID: id("d1"), Kind: meeting.DecisionMerge, Owner: tfCW.ID, Due: endOf(2026, 4, 1),
				Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: someClue}, {Kind: meeting.ItemClue, ID: someClue}}}
			env.Clues = meeting.ClueMap{someClue: &clue.Clue{ID: someClue}}
		}, meeting.ErrInvalid, "record.decisions[0].items[1]"},
		{"an assignment listing the same problem twice", func(r *meeting.Record, _ *meeting.Mechanism, _ *meeting.Env) {
			r.Decisions[0].Items = append(r.Decisions[0].Items, meeting.Ref{Kind: meeting.ItemProblem, ID: id("p1")})
		}, meeting.ErrInvalid, "record.decisions[0].items[1]"},
		{"decision about a problem the host does not know", func(_ *meeting.Record, _ *meeting.Mechanism, env *meeting.Env) {
			env.Rectifications = meeting.RectificationMap{}
		}, meeting.ErrUnknownItem, "record.decisions[0].items[0]"},
		{"required attendee not a party", func(_ *meeting.Record, m *meeting.Mechanism, _ *meeting.Env) {
			m.Required = append(m.Required, stranger.ID)
		}, meeting.ErrOutsideMechanism, "mechanism.required[4]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, mech, env := tfRecord(), tiefeng(), meeting.Env{}
			tt.edit(&r, &mech, &env)
			m, _, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r}, env)
			require.Error(t, err)
			assert.Nil(t, m)
			assert.ErrorIs(t, err, tt.target)
			if tt.field != "" {
				assert.Contains(t, err.Error(), "field "+tt.field+":")
			}
		})
	}
}

// Events round-trip through JSON and replay to the same meeting.
func TestEventsReplay(t *testing.T) {
	mech := tiefeng()
	r := tfRecord()
	r.Decisions = append(r.Decisions, meeting.Decision{ID: id("d2"), Kind: meeting.DecisionJointInspection, Topic: "惠民资金专项整治",
		Owner: tfAudit.ID, Due: endOf(2026, 6, 30), Items: []meeting.Ref{{Kind: meeting.ItemTopic, Topic: "惠民资金专项整治"}}})
	m, e1, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r},
		meeting.Env{Policy: meetingPolicy(calendar(t))})
	require.NoError(t, err)
	e2, err := m.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 20, 9, 0), Decision: id("d1"),
		Outcome: "交办财政局复核补贴发放", Effects: []meeting.Effect{{Model: "rectification", ID: id("task")}}}, meeting.Env{})
	require.NoError(t, err)
	assert.Equal(t, meeting.StateHeld, e2.To)

	// Refusals leave the meeting unchanged.
	before := *m.Clone()
	for _, k := range []meeting.Command{
		{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 21, 9, 0), Decision: id("d1")},                // already done
		{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 21, 9, 0), Decision: id("d2")},                // not the owner
		{Step: meeting.StepWithdraw, Actor: actor(tfCW), At: at(2026, 4, 21, 9, 0), Decision: id("d2")},                 // no reason
		{Step: meeting.StepWithdraw, Actor: actor(tfAudit), At: at(2026, 4, 21, 9, 0), Decision: id("d2"), Reason: "x"}, // not the lead
		{Step: meeting.StepCarryOut, Actor: actor(tfAudit), At: at(2026, 4, 19, 9, 0), Decision: id("d2")},              // back in time
		{Step: meeting.StepCarryOut, Actor: actor(tfAudit), At: at(2026, 4, 21, 9, 0), Decision: id("d2"), Effects: []meeting.Effect{{Model: "x", ID: id("y")}}},
		{Step: meeting.StepHold, Actor: actor(tfCW), At: at(2026, 4, 21, 9, 0), Record: &r}, // held twice
	} {
		_, err := m.Do(ctx, k, meeting.Env{})
		assert.Error(t, err, "%+v", k)
		assert.Equal(t, before, *m)
	}
	_, err = m.Do(ctx, meeting.Command{Step: meeting.StepHold, Actor: actor(tfCW), At: at(2026, 4, 21, 9, 0), Record: &r}, meeting.Env{})
	assert.ErrorIs(t, err, meeting.ErrIllegalStep)

	e3, err := m.Do(ctx, meeting.Command{Step: meeting.StepWithdraw, Actor: actor(tfCW), At: at(2026, 5, 8, 9, 0), Decision: id("d2"),
		Reason: "第二季度联席会议决定并入审计专项"}, meeting.Env{})
	require.NoError(t, err)
	assert.Equal(t, meeting.StateClosed, e3.To)

	raw, err := json.Marshal([]meeting.Event{e1, e2, e3})
	require.NoError(t, err)
	var evs []meeting.Event
	require.NoError(t, json.Unmarshal(raw, &evs))
	got, err := meeting.Replay(evs)
	require.NoError(t, err)
	mj, err := json.Marshal(m)
	require.NoError(t, err)
	gj, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(mj), string(gj), "replayed from JSON events")
	var back meeting.Meeting
	require.NoError(t, json.Unmarshal(mj, &back))
	assert.True(t, m.HeldAt.Equal(back.HeldAt))
	got, err = meeting.Replay([]meeting.Event{e1, e2, e3})
	require.NoError(t, err)
	assert.Equal(t, m, got, "replayed from the events themselves")

	// Out of order, another meeting, tampered.
	_, err = meeting.Replay([]meeting.Event{e1, e3})
	assert.ErrorIs(t, err, meeting.ErrSequence)
	bad := e2
	bad.MeetingID = uuid.New()
	_, err = meeting.Replay([]meeting.Event{e1, bad})
	assert.ErrorIs(t, err, meeting.ErrSequence)
	bad = e3
	bad.To = meeting.StateHeld
	_, err = meeting.Replay([]meeting.Event{e1, e2, bad})
	assert.ErrorIs(t, err, meeting.ErrSequence)
	bad = e1
	bad.Obligations = []meeting.Obligation{{Kind: "party", Due: endOf(2026, 1, 1), PolicyID: "x"}}
	_, err = meeting.Replay([]meeting.Event{bad})
	assert.ErrorIs(t, err, meeting.ErrPolicy)
	bad = e1
	rec := r
	rec.Mechanism = mech
	rec.Convener = uuid.New()
	bad.Record = &rec
	_, err = meeting.Replay([]meeting.Event{bad})
	assert.ErrorIs(t, err, meeting.ErrOutsideMechanism)
}

// 石柱 (seed 001): the commission's offices brief the tour group before it starts.
func TestPreTourConsultation(t *testing.T) {
	cw := agency("石柱县纪委监委", clue.KindDisciplineCommission, clue.LevelCounty)
	first := agency("石柱县纪委监委第一监督检查室", clue.KindSupervisionOffice, clue.LevelCounty)
	petition := agency("石柱县纪委监委信访室", clue.KindPetitionOffice, clue.LevelCounty)
	group := agency("县委第四巡察组", clue.KindInspectionTour, clue.LevelCounty)
	mech := meeting.Mechanism{ID: id("shizhu"), Name: "县纪委监委有关部门与县委巡察机构协作配合", Kind: meeting.KindPreTourLiaison,
		Lead: cw, Members: []clue.Agency{first, petition, group}, Required: []uuid.UUID{first.ID, petition.ID, group.ID}}
	rec := meeting.Record{Kind: meeting.MeetingPreTour, HeldAt: at(2026, 4, 8, 9, 0), Convener: cw.ID,
		Attendees: attend(cw, first, petition, group),
		Tour:      meeting.Tour{Name: "县委第四轮巡察", Group: group, Inspected: "县某局", Start: at(2026, 4, 13, 9, 0)}}
	m, _, err := meeting.Hold(ctx, id("pre"), &mech, meeting.Command{Actor: actor(cw), At: at(2026, 4, 8, 12, 0), Record: &rec}, meeting.Env{})
	require.NoError(t, err)
	assert.Equal(t, meeting.StateClosed, m.State)
	assert.Empty(t, m.Absent())

	rec.HeldAt = at(2026, 4, 13, 10, 0)
	_, _, err = meeting.Hold(ctx, id("pre"), &mech, meeting.Command{Actor: actor(cw), At: at(2026, 4, 13, 12, 0), Record: &rec}, meeting.Env{})
	assert.ErrorIs(t, err, meeting.ErrInvalid, "after the tour started")
	rec.HeldAt, rec.Tour = at(2026, 4, 8, 9, 0), meeting.Tour{}
	_, _, err = meeting.Hold(ctx, id("pre"), &mech, meeting.Command{Actor: actor(cw), At: at(2026, 4, 8, 12, 0), Record: &rec}, meeting.Env{})
	assert.ErrorIs(t, err, meeting.ErrInvalid, "no tour")
	// Pre-tour consultations do not count towards cadences.
	s := meeting.Series{Mechanism: mech, Meetings: []meeting.Meeting{*m}}
	r, err := s.Compliance(calendar(t), at(2026, 1, 1, 0, 0), at(2026, 12, 1, 0, 0), at(2026, 11, 1, 0, 0))
	require.NoError(t, err)
	assert.Empty(t, r.Cadences)
	assert.True(t, r.Compliant())
}

func TestTransitionsTable(t *testing.T) {
	rows := meeting.Transitions()
	require.Len(t, rows, 7)
	assert.Equal(t, "held|closed --refix[refix_valid]--> (same)", rows[6].String())
	assert.Equal(t, "(none) --hold[record_valid within_mechanism actor_is_convener recorded_after_held decisions_due has_decisions]--> held", rows[0].String())
	assert.Equal(t, "held --carry_out[decision_open actor_is_owner effects_valid other_decisions_open]--> (same)", rows[3].String())
	rows[0].Guards[0] = "x"
	assert.Equal(t, meeting.GuardRecordValid, meeting.Transitions()[0].Guards[0], "a copy")
}

// assessor stands in for domain.Meeting: the statistics bureau must
// attend (the 铁锋 policy's MEETING_MEMBER_ABSENT), and the next meeting is due
// by the end of the next quarter.
type assessor struct{ findings []meeting.Finding }

func (a assessor) Assess(_ context.Context, m *meeting.Meeting, _ time.Time) (meeting.Assessment, error) {
	out := meeting.Assessment{Obligations: []meeting.Obligation{{Kind: meeting.ObligationNextMeeting, Due: endOf(2026, 6, 30), PolicyID: "test.next"}}}
	if !m.Attended(tfStat.ID) {
		out.Findings = append(out.Findings, meeting.Finding{PolicyID: "meeting.tiefeng-quarterly", Reason: "MEETING_MEMBER_ABSENT",
			Severity: "error", Message: "成员单位未到会：统计部门", BundleVersion: "v1"})
	}
	out.Findings = append(out.Findings, a.findings...)
	return out, nil
}

// A meeting with a required member absent is recorded — it happened — and
// what the policy found is recorded with it and replayed exactly.
func TestHoldRecordsFindings(t *testing.T) {
	mech := tiefeng()
	r := tfRecord()
	r.Attendees = attend(tfCW, tfAudit, tfFin)
	m, e, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r},
		meeting.Env{Policy: assessor{}})
	require.NoError(t, err)
	want := []meeting.Finding{{PolicyID: "meeting.tiefeng-quarterly", Reason: "MEETING_MEMBER_ABSENT", Severity: "error",
		Message: "成员单位未到会：统计部门", BundleVersion: "v1"}}
	assert.Equal(t, want, e.Findings)
	assert.Equal(t, want, m.Findings)
	require.Len(t, m.Obligations, 1)
	assert.Equal(t, []uuid.UUID{tfStat.ID}, m.Absent())

	raw, err := json.Marshal(e)
	require.NoError(t, err)
	var back meeting.Event
	require.NoError(t, json.Unmarshal(raw, &back))
	got, err := meeting.Replay([]meeting.Event{back})
	require.NoError(t, err)
	j1, err := json.Marshal(m)
	require.NoError(t, err)
	j2, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, string(j1), string(j2))

	// A finding without its policy is refused, at the hold and on replay;
	// only a hold records findings.
	_, _, err = meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r},
		meeting.Env{Policy: assessor{findings: []meeting.Finding{{Reason: "X"}}}})
	assert.ErrorIs(t, err, meeting.ErrPolicy)
	bad := back
	bad.Findings = []meeting.Finding{{Reason: "X"}}
	_, err = meeting.Replay([]meeting.Event{bad})
	assert.ErrorIs(t, err, meeting.ErrPolicy)
	e2, err := m.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 1, 9, 0), Decision: id("d1")}, meeting.Env{})
	require.NoError(t, err)
	e2.Findings = want
	_, err = meeting.Replay([]meeting.Event{back, e2})
	assert.ErrorIs(t, err, meeting.ErrInvalid)

	// A policy that reports no findings records none.
	obligationsOnly := meeting.PolicyFunc(func(ctx context.Context, m *meeting.Meeting, at time.Time) (meeting.Assessment, error) {
		a, err := assessor{}.Assess(ctx, m, at)
		return meeting.Assessment{Obligations: a.Obligations}, err
	})
	m, _, err = meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r},
		meeting.Env{Policy: obligationsOnly})
	require.NoError(t, err)
	assert.Empty(t, m.Findings)
	assert.Len(t, m.Obligations, 1)
}
