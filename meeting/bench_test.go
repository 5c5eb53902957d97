package meeting_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
)

// Ten years (2024–2033) of weekly task-force meetings, every fifth week missed.
func BenchmarkComplianceTenYearsWeekly(b *testing.B) {
	cal := fallbackCalendar(b)
	lead := agency("专班牵头单位", clue.KindDisciplineCommission, clue.LevelMunicipal)
	mech := meeting.Mechanism{ID: id("weekly"), Name: "工作专班", Kind: meeting.KindTaskForce, Lead: lead,
		Required: nil, Cadences: []meeting.Cadence{{Unit: meeting.UnitWeek, DueBy: 3}}}
	s := meeting.Series{Mechanism: mech}
	from, to := at(2024, 1, 1, 0, 0), at(2034, 1, 1, 0, 0)
	rec := meeting.Record{Kind: meeting.MeetingRegular, Convener: lead.ID, Attendees: attend(lead)}
	i := 0
	for d := from.Add(33 * time.Hour); d.Before(to); d = d.AddDate(0, 0, 7) {
		i++
		if i%5 == 0 {
			continue
		}
		r := rec
		r.HeldAt = d
		m, _, err := meeting.Hold(ctx, id(d.String()), &mech, meeting.Command{Actor: actor(lead), At: d, Record: &r}, meeting.Env{})
		require.NoError(b, err)
		s.Meetings = append(s.Meetings, *m)
	}
	r, err := s.Compliance(cal, from, to, to)
	require.NoError(b, err)
	require.Len(b, r.Cadences[0].Periods, 522)
	require.Equal(b, 104, r.Cadences[0].Missed)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Compliance(cal, from, to, to); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPeriodOf(b *testing.B) {
	c := meeting.Cadence{Unit: meeting.UnitMonth, Every: 2, Anchor: at(2026, 1, 15, 0, 0)}
	t := at(2026, 7, 3, 9, 0)
	b.ReportAllocs()
	for range b.N {
		if _, err := c.PeriodOf(t); err != nil {
			b.Fatal(err)
		}
	}
}
