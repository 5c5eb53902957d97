package meeting_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

func statuses(cr meeting.CadenceReport) map[string]meeting.PeriodStatus {
	out := map[string]meeting.PeriodStatus{}
	for _, p := range cr.Periods {
		out[p.Period.Label] = p.Status
	}
	return out
}

// A year (2026) of the 铁锋 quarterly joint meeting (seed 000): Q2 is missed,
// statistics stays away in Q3.
func TestTiefengYear(t *testing.T) {
	mech := tiefeng()
	s := meeting.Series{Mechanism: mech, Meetings: []meeting.Meeting{
		hold(t, mech, "tf-q1", at(2026, 3, 20, 9, 30), nil, tfCW, tfAudit, tfFin, tfStat),
		hold(t, mech, "tf-q3", at(2026, 9, 18, 9, 30), nil, tfCW, tfAudit, tfFin),
		hold(t, mech, "tf-q4", at(2026, 12, 18, 9, 30), nil, tfCW, tfAudit, tfFin, tfStat),
	}}
	from, to := at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0)

	t.Run("in November: Q2 missed, Q4 pending", func(t *testing.T) {
		r, err := s.Compliance(calendar(t), from, to, at(2026, 11, 30, 12, 0))
		require.NoError(t, err)
		require.Len(t, r.Cadences, 1)
		cr := r.Cadences[0]
		assert.Equal(t, map[string]meeting.PeriodStatus{
			"2026-Q1": meeting.PeriodHeld, "2026-Q2": meeting.PeriodMissed,
			"2026-Q3": meeting.PeriodHeld, "2026-Q4": meeting.PeriodPending,
		}, statuses(cr))
		assert.Equal(t, []int{2, 0, 1, 1, 0}, []int{cr.Held, cr.Late, cr.Missed, cr.Pending, cr.Exempt})
		assert.Equal(t, "2026-Q4", cr.Next.Period.Label)
		assert.True(t, endOf(2026, 12, 31).Equal(cr.Next.Due))
		assert.False(t, cr.Next.Overdue)
		assert.True(t, endOf(2026, 6, 30).Equal(cr.Periods[1].Due.At))
		require.Len(t, r.Attendance, 1)
		assert.Equal(t, id("tf-q3"), r.Attendance[0].Meeting)
		assert.Equal(t, []uuid.UUID{tfStat.ID}, r.Attendance[0].Absent)
		assert.False(t, r.Compliant())
	})
	t.Run("on 1 July the Q2 meeting is missed and Q3 is next", func(t *testing.T) {
		r, err := s.Compliance(calendar(t), from, to, at(2026, 7, 1, 0, 0))
		require.NoError(t, err)
		cr := r.Cadences[0]
		assert.Equal(t, meeting.PeriodMissed, cr.Periods[1].Status)
		assert.Equal(t, meeting.PeriodPending, cr.Periods[2].Status, "the Q3 meeting of 9/18 is not known on 7/1")
		assert.Equal(t, "2026-Q3", cr.Next.Period.Label)
	})
	t.Run("on 30 June at 23:00 Q2 is still pending but overdue-free", func(t *testing.T) {
		next, err := s.NextDue(calendar(t), at(2026, 6, 30, 23, 0))
		require.NoError(t, err)
		require.Len(t, next, 1)
		assert.Equal(t, "2026-Q2", next[0].Period.Label)
		assert.False(t, next[0].Overdue)
	})
	t.Run("with a due day rule the Q3 meeting is late", func(t *testing.T) {
		m := mech
		m.Cadences = []meeting.Cadence{{Unit: meeting.UnitQuarter, DueBy: 20}}
		s := s
		s.Mechanism = m
		r, err := s.Compliance(calendar(t), from, to, at(2026, 12, 20, 0, 0))
		require.NoError(t, err)
		cr := r.Cadences[0]
		// Q3: July has 23 working days from 7/1; the 20th is Tue 7/28. The meeting of 9/18 is late.
		assert.True(t, endOf(2026, 7, 28).Equal(cr.Periods[2].Due.At), "%s", cr.Periods[2].Due.At)
		assert.Equal(t, meeting.PeriodLate, cr.Periods[2].Status)
		// Q1: 1/4 Sunday worked, so the 20th working day is Thu 1/29; the 3/20 meeting is late too.
		assert.True(t, endOf(2026, 1, 29).Equal(cr.Periods[0].Due.At), "%s", cr.Periods[0].Due.At)
		assert.Equal(t, meeting.PeriodLate, cr.Periods[0].Status)
	})
	t.Run("a make-up meeting for Q2 held in July counts late for Q2", func(t *testing.T) {
		s := s
		s.Meetings = append([]meeting.Meeting(nil), s.Meetings...)
		mu, _, err := meeting.Hold(ctx, id("tf-q2-makeup"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 7, 10, 12, 0),
			Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 7, 10, 9, 0), For: at(2026, 6, 30, 0, 0),
				Convener: tfCW.ID, Attendees: attend(tfCW, tfAudit, tfFin, tfStat)}}, meeting.Env{})
		require.NoError(t, err)
		s.Meetings = append(s.Meetings, *mu)
		r, err := s.Compliance(calendar(t), from, to, at(2026, 12, 20, 0, 0))
		require.NoError(t, err)
		cr := r.Cadences[0]
		assert.Equal(t, meeting.PeriodLate, cr.Periods[1].Status)
		assert.True(t, at(2026, 7, 10, 9, 0).Equal(cr.Periods[1].HeldAt))
		assert.Equal(t, meeting.PeriodHeld, cr.Periods[2].Status, "the make-up meeting does not count for Q3")
		assert.Equal(t, []uuid.UUID{id("tf-q3")}, cr.Periods[2].Meetings)
	})
	t.Run("established in May: Q1 and Q2 owe nothing", func(t *testing.T) {
		s := s
		s.Mechanism.Established = at(2026, 5, 8, 0, 0)
		s.Meetings = s.Meetings[1:]
		r, err := s.Compliance(calendar(t), from, to, at(2026, 12, 20, 0, 0))
		require.NoError(t, err)
		cr := r.Cadences[0]
		require.Len(t, cr.Periods, 2)
		assert.Equal(t, "2026-Q3", cr.Periods[0].Period.Label)
		// Q4 was held on 12/18: the next meeting falls in 2027, which has no official data yet.
		assert.True(t, cr.NextUnknown)
		_, err = s.NextDue(calendar(t), at(2026, 12, 20, 0, 0))
		assert.ErrorIs(t, err, workday.ErrNoData)
		next, err := s.NextDue(fallbackCalendar(t), at(2026, 12, 20, 0, 0))
		require.NoError(t, err)
		assert.Equal(t, "2027-Q1", next[0].Period.Label)
	})
}

// 郑州 (seed 003): monthly analysis, quarterly supervision. May's analysis is
// made up on 6/5; the quarterly supervision meetings also do the month's analysis.
func TestZhengzhouRhythm(t *testing.T) {
	mech := zhengzhou()
	an, both := []string{"analysis"}, []string{"analysis", "supervision"}
	all := []clue.Agency{zzOffice, zzGroup, zzCity}
	ms := []meeting.Meeting{
		hold(t, mech, "zz-01", at(2026, 1, 28, 15, 0), an, all...),
		hold(t, mech, "zz-02", at(2026, 2, 26, 15, 0), an, all...),
		hold(t, mech, "zz-03", at(2026, 3, 27, 15, 0), both, all...),
		hold(t, mech, "zz-04", at(2026, 4, 29, 15, 0), an, zzOffice, zzCity),
	}
	mu, _, err := meeting.Hold(ctx, id("zz-05"), &mech, meeting.Command{Actor: actor(zzOffice), At: at(2026, 6, 5, 18, 0),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: at(2026, 6, 5, 15, 0), For: at(2026, 5, 31, 0, 0),
			Purposes: an, Convener: zzOffice.ID, Attendees: attend(all...)}}, meeting.Env{})
	require.NoError(t, err)
	ms = append(ms, *mu, hold(t, mech, "zz-06", at(2026, 6, 26, 15, 0), both, all...))
	s := meeting.Series{Mechanism: mech, Meetings: ms}

	r, err := s.Compliance(calendar(t), at(2026, 1, 1, 0, 0), at(2026, 8, 1, 0, 0), at(2026, 7, 15, 10, 0))
	require.NoError(t, err)
	require.Len(t, r.Cadences, 2)
	assert.Equal(t, map[string]meeting.PeriodStatus{
		"2026-01": meeting.PeriodHeld, "2026-02": meeting.PeriodHeld, "2026-03": meeting.PeriodHeld,
		"2026-04": meeting.PeriodHeld, "2026-05": meeting.PeriodLate, "2026-06": meeting.PeriodHeld,
		"2026-07": meeting.PeriodPending,
	}, statuses(r.Cadences[0]))
	assert.Equal(t, map[string]meeting.PeriodStatus{
		"2026-Q1": meeting.PeriodHeld, "2026-Q2": meeting.PeriodHeld, "2026-Q3": meeting.PeriodPending,
	}, statuses(r.Cadences[1]))
	assert.Equal(t, "2026-07", r.Cadences[0].Next.Period.Label)
	assert.True(t, endOf(2026, 7, 31).Equal(r.Cadences[0].Next.Due))
	assert.Equal(t, "2026-Q3", r.Cadences[1].Next.Period.Label)
	assert.True(t, endOf(2026, 9, 30).Equal(r.Cadences[1].Next.Due))
	require.Len(t, r.Attendance, 1)
	assert.Equal(t, []uuid.UUID{zzGroup.ID}, r.Attendance[0].Absent)

	// On 2026-08-03 July's analysis is missed and overdue.
	next, err := s.NextDue(calendar(t), at(2026, 8, 3, 9, 0))
	require.NoError(t, err)
	assert.Equal(t, "2026-08", next[0].Period.Label)
	r, err = s.Compliance(calendar(t), at(2026, 7, 1, 0, 0), at(2026, 8, 1, 0, 0), at(2026, 8, 3, 9, 0))
	require.NoError(t, err)
	assert.Equal(t, meeting.PeriodMissed, r.Cadences[0].Periods[0].Status)
}

// 宣城 (seed 004): a weekly task-force meeting; the Spring Festival week owes none.
func TestWeeklyOverSpringFestival(t *testing.T) {
	lead := agency("宣城市纪委监委", clue.KindDisciplineCommission, clue.LevelMunicipal)
	mech := meeting.Mechanism{ID: id("xuancheng"), Name: "宣城市集中整治工作专班", Kind: meeting.KindTaskForce, Lead: lead,
		Members:  []clue.Agency{agency("宣城市信访局", clue.KindPetitionBureau, clue.LevelMunicipal), agency("宣城市审计局", clue.KindAudit, clue.LevelMunicipal)},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitWeek, DueBy: 2, Note: "每周召开专班会议"}}}
	var ms []meeting.Meeting
	for _, d := range []time.Time{at(2026, 2, 2, 9, 0), at(2026, 2, 9, 9, 0), at(2026, 2, 24, 9, 0), at(2026, 3, 4, 9, 0)} {
		ms = append(ms, hold(t, mech, d.String(), d, nil, lead))
	}
	s := meeting.Series{Mechanism: mech, Meetings: ms}
	r, err := s.Compliance(calendar(t), at(2026, 2, 2, 0, 0), at(2026, 3, 9, 0, 0), at(2026, 3, 9, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, map[string]meeting.PeriodStatus{
		"2026-W06": meeting.PeriodHeld,   // Mon 2/2
		"2026-W07": meeting.PeriodHeld,   // Mon 2/9
		"2026-W08": meeting.PeriodExempt, // 2/16–2/22: Spring Festival
		"2026-W09": meeting.PeriodHeld,   // 2/23 off; due by the 2nd working day, Wed 2/25
		"2026-W10": meeting.PeriodLate,   // due Tue 3/3, held Wed 3/4
	}, statuses(r.Cadences[0]))
	assert.True(t, endOf(2026, 2, 25).Equal(r.Cadences[0].Periods[3].Due.At))
}

// 成都 (seed 002): 1–2 joint inspection topics a year.
func TestTargets(t *testing.T) {
	mech := chengdu()
	inspect := func(name string, heldAt time.Time, topics ...string) meeting.Meeting {
		var ds []meeting.Decision
		for i, tp := range topics {
			ds = append(ds, meeting.Decision{ID: id(name + tp), Kind: meeting.DecisionJointInspection, Topic: tp,
				Owner: cdSASAC.ID, Due: heldAt.AddDate(0, 3, 0), Items: []meeting.Ref{{Kind: meeting.ItemTopic, Topic: tp}}})
			_ = i
		}
		m, _, err := meeting.Hold(ctx, id(name), &mech, meeting.Command{Actor: actor(cdOffice), At: heldAt,
			Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: heldAt, Convener: cdOffice.ID,
				Attendees: attend(cdOffice, cdSASAC, cdWork), Decisions: ds}}, meeting.Env{})
		require.NoError(t, err)
		return *m
	}
	s := meeting.Series{Mechanism: mech, Meetings: []meeting.Meeting{
		inspect("cd-2025-h2", at(2025, 12, 10, 9, 0)),
		inspect("cd-2026-h1", at(2026, 6, 12, 9, 0), "国企工程招投标", "国有资产处置", "融资担保"),
	}}
	r, err := s.Compliance(fallbackCalendar(t), at(2025, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 7, 1, 0, 0))
	require.NoError(t, err)
	require.Len(t, r.Targets, 1)
	tp := r.Targets[0].Periods
	require.Len(t, tp, 2)
	assert.Equal(t, meeting.TargetPeriod{Period: tp[0].Period, Count: 0, Status: meeting.TargetBelow}, tp[0])
	assert.Equal(t, 3, tp[1].Count)
	assert.Equal(t, meeting.TargetAbove, tp[1].Status)

	// Withdrawing one topic brings 2026 within 1–2.
	m := &s.Meetings[1]
	_, err = m.Do(ctx, meeting.Command{Step: meeting.StepWithdraw, Actor: actor(cdOffice), At: at(2026, 6, 20, 9, 0),
		Decision: id("cd-2026-h1融资担保"), Reason: "并入国有资产处置专题"}, meeting.Env{})
	require.NoError(t, err)
	r, err = s.Compliance(fallbackCalendar(t), at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 7, 1, 0, 0))
	require.NoError(t, err)
	assert.Equal(t, meeting.TargetMet, r.Targets[0].Periods[0].Status)
	assert.Equal(t, 2, r.Targets[0].Periods[0].Count)
	assert.Equal(t, meeting.PeriodHeld, r.Cadences[0].Periods[0].Status)
	assert.Equal(t, meeting.PeriodPending, r.Cadences[0].Periods[1].Status)
}

func TestComplianceBadInput(t *testing.T) {
	mech := tiefeng()
	s := meeting.Series{Mechanism: mech}
	_, err := s.Compliance(nil, at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 6, 1, 0, 0))
	assert.ErrorIs(t, err, meeting.ErrInvalid)
	_, err = s.Compliance(calendar(t), at(2027, 1, 1, 0, 0), at(2026, 1, 1, 0, 0), at(2026, 6, 1, 0, 0))
	assert.ErrorIs(t, err, meeting.ErrInvalid)
	s.Mechanism.Cadences = []meeting.Cadence{{Unit: meeting.UnitMonth, Every: 3}}
	_, err = s.Compliance(calendar(t), at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 6, 1, 0, 0))
	var ce *meeting.CadenceError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "mechanism.cadences[0].anchor", ce.Field)
	s.Mechanism = mech
	s.Mechanism.Targets = []meeting.Target{{Decision: meeting.DecisionJointInspection, Unit: meeting.UnitYear, Min: 3, Max: 2}}
	_, err = s.Compliance(calendar(t), at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 6, 1, 0, 0))
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "mechanism.targets[0].max", ce.Field)
	// 2027 has no official data: every period unknown, never a guess; the
	// next meeting too.
	s.Mechanism = mech
	r, err := s.Compliance(calendar(t), at(2027, 1, 1, 0, 0), at(2028, 1, 1, 0, 0), at(2027, 6, 1, 0, 0))
	require.NoError(t, err)
	require.Len(t, r.Cadences[0].Periods, 4)
	for _, p := range r.Cadences[0].Periods {
		assert.Equal(t, meeting.PeriodUnknown, p.Status, p.Period.Label)
		assert.True(t, p.Due.At.IsZero())
	}
	assert.Equal(t, 4, r.Cadences[0].Unknown)
	assert.True(t, r.Cadences[0].NextUnknown)
	_, err = s.NextDue(calendar(t), at(2027, 6, 1, 0, 0))
	assert.ErrorIs(t, err, workday.ErrNoData)
}

// Seed 004 (宣城): a weekly task force over 2026 on the official calendar. The
// last week (12/28–2027-01-03) reaches into 2027, which has no data: its due
// instant is still known when the days it depends on are in 2026, and the
// report does not fail when it is not.
func TestWeeklyComplianceAcrossTheYearEnd(t *testing.T) {
	cal := calendar(t)
	mech := zhengzhou()
	mech.ID, mech.Name = id("xuancheng"), "宣城市专班"
	from, to, now := at(2026, 1, 1, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 12, 31, 18, 0)
	meetings := []meeting.Meeting{hold(t, mech, "w52", at(2026, 12, 21, 9, 0), nil, zzOffice, zzGroup)}
	meetings[0].Mechanism = mech
	for _, tc := range []struct {
		name    string
		dueBy   int
		due     time.Time // of 2026-W53
		status  meeting.PeriodStatus
		unknown int
	}{
		{"due by the 1st working day (Mon 12/28)", 1, endOf(2026, 12, 28), meeting.PeriodMissed, 0},
		{"due by the 4th working day (Thu 12/31)", 4, endOf(2026, 12, 31), meeting.PeriodPending, 0},
		{"due at the end of the week", 0, endOf(2027, 1, 3), meeting.PeriodPending, 0},
		{"due by the 5th working day: 2027-01-01 unknown", 5, time.Time{}, meeting.PeriodUnknown, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := mech
			m.Cadences = []meeting.Cadence{{Unit: meeting.UnitWeek, DueBy: tc.dueBy}}
			s := meeting.Series{Mechanism: m, Meetings: meetings}
			s.Meetings[0].Mechanism = m
			r, err := s.Compliance(cal, from, to, now)
			require.NoError(t, err)
			cr := r.Cadences[0]
			require.Len(t, cr.Periods, 53)
			last := cr.Periods[52]
			assert.Equal(t, "2026-W53", last.Period.Label)
			assert.True(t, tc.due.Equal(last.Due.At), "due %s", last.Due.At)
			assert.Equal(t, tc.status, last.Status)
			assert.Equal(t, tc.unknown, cr.Unknown)
			// 春节 2/15–2/23: the week of 2/16 has no working day.
			assert.Equal(t, "2026-W08", cr.Periods[7].Period.Label)
			assert.Equal(t, meeting.PeriodExempt, cr.Periods[7].Status)
			assert.Equal(t, 1, cr.Exempt)
			assert.Equal(t, meeting.PeriodHeld, cr.Periods[51].Status, "the week of 12/21")
		})
	}
}
