package meeting_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

// A year of the 铁锋 quarterly joint meeting (seed 000): the second quarter's
// meeting was never held, statistics missed the third.
func ExampleSeries_Compliance() {
	cal, _ := workday.New()
	cst := workday.Location()
	ag := func(n string, k clue.AgencyKind) clue.Agency {
		return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(n)), Kind: k, Name: n}
	}
	cw, audit, fin, stat := ag("区纪委监委", clue.KindDisciplineCommission), ag("区审计局", clue.KindAudit),
		ag("区财政局", clue.KindFinance), ag("区统计局", clue.KindStatistics)
	mech := meeting.Mechanism{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte("mech")), Name: "铁锋区联席会议", Kind: meeting.KindJointMeeting,
		Lead: cw, Members: []clue.Agency{audit, fin, stat}, Required: []uuid.UUID{cw.ID, audit.ID, fin.ID, stat.ID},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitQuarter}}}
	s := meeting.Series{Mechanism: mech}
	for i, day := range []time.Time{
		time.Date(2026, 3, 20, 9, 0, 0, 0, cst), time.Date(2026, 9, 18, 9, 0, 0, 0, cst), time.Date(2026, 12, 18, 9, 0, 0, 0, cst),
	} {
		who := []meeting.Attendee{{Agency: cw}, {Agency: audit}, {Agency: fin}, {Agency: stat}}
		if i == 1 {
			who = who[:3]
		}
		m, _, err := meeting.Hold(context.Background(), uuid.NewSHA1(uuid.NameSpaceOID, []byte(day.String())), &mech, meeting.Command{
			Actor: clue.Actor{Agency: cw.ID}, At: day.Add(time.Hour),
			Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: day, Convener: cw.ID, Attendees: who}}, meeting.Env{})
		if err != nil {
			fmt.Println(err)
			return
		}
		s.Meetings = append(s.Meetings, *m)
	}
	r, err := s.Compliance(cal, time.Date(2026, 1, 1, 0, 0, 0, 0, cst), time.Date(2027, 1, 1, 0, 0, 0, 0, cst), time.Date(2026, 12, 31, 20, 0, 0, 0, cst))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range r.Cadences[0].Periods {
		fmt.Println(p.Period.Label, p.Status, "due", p.Due.At.Format(time.DateOnly))
	}
	fmt.Println("absent:", r.Attendance[0].HeldAt.Format(time.DateOnly), len(r.Attendance[0].Absent), "agency")
	fmt.Println("compliant:", r.Compliant())
	// Output:
	// 2026-Q1 held due 2026-03-31
	// 2026-Q2 missed due 2026-06-30
	// 2026-Q3 held due 2026-09-30
	// 2026-Q4 held due 2026-12-31
	// absent: 2026-09-18 1 agency
	// compliant: false
}

// Cadences that make no sense are typed errors naming the field.
func ExampleCadence_Validate() {
	err := meeting.Cadence{Unit: meeting.UnitMonth, Every: 2}.Validate()
	fmt.Println(err)
	p, _ := meeting.Cadence{Unit: meeting.UnitWeek, Every: 2, Anchor: time.Date(2026, 1, 7, 0, 0, 0, 0, workday.Location())}.
		PeriodOf(time.Date(2026, 1, 30, 12, 0, 0, 0, workday.Location()))
	fmt.Println(p.Label)
	// Output:
	// meeting: cadence field anchor: a cadence of every 2 months needs an anchor date for its first period
	// 2026-01-21/2026-02-03
}
