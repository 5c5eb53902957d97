package meeting_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules/workday"
)

func TestPeriodOf(t *testing.T) {
	anchorWed := at(2026, 1, 7, 0, 0) // a Wednesday
	tests := []struct {
		name       string
		c          meeting.Cadence
		t          time.Time
		start, end time.Time
		label      string
	}{
		{"week from Monday", meeting.Cadence{Unit: meeting.UnitWeek}, at(2026, 2, 18, 10, 0), at(2026, 2, 16, 0, 0), endOf(2026, 2, 22), "2026-W08"},
		{"week: Sunday 23:59 is still the week", meeting.Cadence{Unit: meeting.UnitWeek}, at(2026, 2, 22, 23, 59), at(2026, 2, 16, 0, 0), endOf(2026, 2, 22), "2026-W08"},
		{"week across the year (ISO week 1 of 2026)", meeting.Cadence{Unit: meeting.UnitWeek}, at(2026, 1, 1, 9, 0), at(2025, 12, 29, 0, 0), endOf(2026, 1, 4), "2026-W01"},
		{"UTC instant taken in CST", meeting.Cadence{Unit: meeting.UnitMonth}, time.Date(2026, 3, 31, 17, 0, 0, 0, time.UTC), at(2026, 4, 1, 0, 0), endOf(2026, 4, 30), "2026-04"},
		{"month", meeting.Cadence{Unit: meeting.UnitMonth}, at(2026, 2, 28, 12, 0), at(2026, 2, 1, 0, 0), endOf(2026, 2, 28), "2026-02"},
		{"quarter", meeting.Cadence{Unit: meeting.UnitQuarter}, at(2026, 5, 20, 0, 0), at(2026, 4, 1, 0, 0), endOf(2026, 6, 30), "2026-Q2"},
		{"half year", meeting.Cadence{Unit: meeting.UnitHalfYear}, at(2026, 7, 1, 0, 0), at(2026, 7, 1, 0, 0), endOf(2026, 12, 31), "2026-H2"},
		{"year", meeting.Cadence{Unit: meeting.UnitYear}, at(2026, 12, 31, 23, 0), at(2026, 1, 1, 0, 0), endOf(2026, 12, 31), "2026"},
		{"every 2 weeks from a Wednesday", meeting.Cadence{Unit: meeting.UnitWeek, Every: 2, Anchor: anchorWed}, at(2026, 1, 21, 8, 0), at(2026, 1, 21, 0, 0), endOf(2026, 2, 3), "2026-01-21/2026-02-03"},
		{"every 2 weeks, before the anchor", meeting.Cadence{Unit: meeting.UnitWeek, Every: 2, Anchor: anchorWed}, at(2026, 1, 6, 8, 0), at(2025, 12, 24, 0, 0), endOf(2026, 1, 6), "2025-12-24/2026-01-06"},
		{"every 2 months from the 15th", meeting.Cadence{Unit: meeting.UnitMonth, Every: 2, Anchor: at(2026, 1, 15, 0, 0)}, at(2026, 3, 14, 23, 0), at(2026, 1, 15, 0, 0), endOf(2026, 3, 14), "2026-01-15/2026-03-14"},
		{"every 2 months, next period", meeting.Cadence{Unit: meeting.UnitMonth, Every: 2, Anchor: at(2026, 1, 15, 0, 0)}, at(2026, 3, 15, 0, 0), at(2026, 3, 15, 0, 0), endOf(2026, 5, 14), "2026-03-15/2026-05-14"},
		{"every 2 quarters anchored in February", meeting.Cadence{Unit: meeting.UnitQuarter, Every: 2, Anchor: at(2025, 2, 1, 0, 0)}, at(2026, 7, 31, 0, 0), at(2026, 2, 1, 0, 0), endOf(2026, 7, 31), "2026-02-01/2026-07-31"},
		{"anchored monthly (15th to 14th)", meeting.Cadence{Unit: meeting.UnitMonth, Anchor: at(2026, 1, 15, 0, 0)}, at(2025, 12, 20, 0, 0), at(2025, 12, 15, 0, 0), endOf(2026, 1, 14), "2025-12-15/2026-01-14"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.PeriodOf(tt.t)
			require.NoError(t, err)
			assert.True(t, tt.start.Equal(p.Start), "start %s", p.Start)
			assert.True(t, tt.end.Equal(p.End), "end %s", p.End)
			assert.Equal(t, tt.label, p.Label)
			assert.True(t, p.Contains(tt.t))
		})
	}
}

func TestPeriodStart(t *testing.T) {
	s, err := meeting.PeriodStart(at(2026, 11, 15, 9, 0), meeting.UnitHalfYear)
	require.NoError(t, err)
	assert.True(t, at(2026, 7, 1, 0, 0).Equal(s))
	_, err = meeting.PeriodStart(at(2026, 11, 15, 9, 0), "fortnight")
	assert.ErrorIs(t, err, meeting.ErrCadence)
}

func TestCadenceNonsense(t *testing.T) {
	tests := []struct {
		name  string
		c     meeting.Cadence
		field string
	}{
		{"unknown unit", meeting.Cadence{Unit: "fortnight"}, "unit"},
		{"empty unit", meeting.Cadence{}, "unit"},
		{"negative every", meeting.Cadence{Unit: meeting.UnitMonth, Every: -1}, "every"},
		{"custom without anchor", meeting.Cadence{Unit: meeting.UnitMonth, Every: 2}, "anchor"},
		{"more than ten years of weeks", meeting.Cadence{Unit: meeting.UnitWeek, Every: 521, Anchor: at(2026, 1, 5, 0, 0)}, "every"},
		{"more than ten years of years", meeting.Cadence{Unit: meeting.UnitYear, Every: 11, Anchor: at(2026, 1, 1, 0, 0)}, "every"},
		{"month-based anchor on the 31st", meeting.Cadence{Unit: meeting.UnitMonth, Every: 1, Anchor: at(2026, 1, 31, 0, 0)}, "anchor"},
		{"anchor in year 1900", meeting.Cadence{Unit: meeting.UnitWeek, Every: 2, Anchor: at(1900, 1, 1, 0, 0)}, "anchor"},
		{"negative due day", meeting.Cadence{Unit: meeting.UnitQuarter, DueBy: -3}, "due_by"},
		{"10th working day of a week", meeting.Cadence{Unit: meeting.UnitWeek, DueBy: 10}, "due_by"},
		{"100th working day of a quarter", meeting.Cadence{Unit: meeting.UnitQuarter, DueBy: 100}, "due_by"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			var ce *meeting.CadenceError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field)
			assert.ErrorIs(t, err, meeting.ErrCadence)
			_, err = tt.c.PeriodOf(at(2026, 1, 1, 0, 0))
			assert.ErrorIs(t, err, meeting.ErrCadence)
		})
	}
}

func TestDueIn(t *testing.T) {
	cal := calendar(t)
	tests := []struct {
		name   string
		c      meeting.Cadence
		t      time.Time
		due    time.Time
		exempt bool
	}{
		{"quarter, by its end", meeting.Cadence{Unit: meeting.UnitQuarter}, at(2026, 5, 1, 0, 0), endOf(2026, 6, 30), false},
		// Q2 2026: 4/1 Wed (1), 4/2 (2), 4/3 (3), 清明 4/4–4/6, 4/7 (4), 4/8 (5).
		{"5th working day of Q2 over 清明", meeting.Cadence{Unit: meeting.UnitQuarter, DueBy: 5}, at(2026, 5, 1, 0, 0), endOf(2026, 4, 8), false},
		// October 2026: 国庆 10/1–10/7, 10/8 Thu (1), 10/9 (2), 10/10 Sat worked (3).
		{"3rd working day of October is the make-up Saturday", meeting.Cadence{Unit: meeting.UnitMonth, DueBy: 3}, at(2026, 10, 20, 0, 0), endOf(2026, 10, 10), false},
		// Week 2026-02-16..22 lies wholly in the Spring Festival holiday 2/15–2/23.
		{"Spring Festival week owes no meeting", meeting.Cadence{Unit: meeting.UnitWeek}, at(2026, 2, 18, 0, 0), time.Time{}, true},
		// Week 2026-02-23..03-01: 2/23 holiday, 2/24 Tue is its first working day.
		{"first working day of the week after", meeting.Cadence{Unit: meeting.UnitWeek, DueBy: 1}, at(2026, 2, 25, 0, 0), endOf(2026, 2, 24), false},
		// Week 2026-02-09..15: Mon–Fri and the make-up Saturday 2/14: six working days; due by the 7th → the last, 2/14.
		{"fewer working days than due_by: the last one", meeting.Cadence{Unit: meeting.UnitWeek, DueBy: 7}, at(2026, 2, 10, 0, 0), endOf(2026, 2, 14), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.c.PeriodOf(tt.t)
			require.NoError(t, err)
			d, err := tt.c.DueIn(cal, p)
			require.NoError(t, err)
			assert.Equal(t, tt.exempt, d.Exempt)
			assert.True(t, tt.due.Equal(d.At), "due %s", d.At)
		})
	}
	p, err := meeting.Cadence{Unit: meeting.UnitQuarter}.PeriodOf(at(2027, 2, 1, 0, 0))
	require.NoError(t, err)
	_, err = meeting.Cadence{Unit: meeting.UnitQuarter}.DueIn(cal, p)
	assert.True(t, errors.Is(err, workday.ErrNoData), "a year without data is never guessed: %v", err)
}
