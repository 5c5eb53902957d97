package workday_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

func date(y int, m time.Month, d int) workday.Date { return workday.Date{Year: y, Month: m, Day: d} }

func TestPeriods(t *testing.T) {
	for _, tc := range []struct {
		at          workday.Date
		unit        workday.Unit
		first, last workday.Date
		name        string
	}{
		// The week that reaches into 2027: ISO week 53 of 2026 (1 January 2026 was a Thursday).
		{date(2026, 12, 31), workday.UnitWeek, date(2026, 12, 28), date(2027, 1, 3), "2026-W53"},
		{date(2027, 1, 3), workday.UnitWeek, date(2026, 12, 28), date(2027, 1, 3), "2026-W53"},
		{date(2026, 12, 2), workday.UnitWeek, date(2026, 11, 30), date(2026, 12, 6), "2026-W49"},
		{date(2026, 12, 2), workday.UnitMonth, date(2026, 12, 1), date(2026, 12, 31), "2026-12"},
		{date(2028, 2, 10), workday.UnitMonth, date(2028, 2, 1), date(2028, 2, 29), "2028-02"},
		{date(2026, 12, 2), workday.UnitQuarter, date(2026, 10, 1), date(2026, 12, 31), "2026-Q4"},
		{date(2027, 5, 6), workday.UnitQuarter, date(2027, 4, 1), date(2027, 6, 30), "2027-Q2"},
		{date(2026, 12, 2), workday.UnitHalfYear, date(2026, 7, 1), date(2026, 12, 31), "2026-H2"},
		{date(2027, 6, 30), workday.UnitHalfYear, date(2027, 1, 1), date(2027, 6, 30), "2027-H1"},
		{date(2027, 2, 6), workday.UnitYear, date(2027, 1, 1), date(2027, 12, 31), "2027"},
	} {
		p, err := tc.at.Period(tc.unit)
		require.NoError(t, err)
		assert.Equal(t, workday.Period{Unit: tc.unit, First: tc.first, Last: tc.last}, p, "%s %s", tc.at, tc.unit)
		assert.Equal(t, tc.name, p.String())
		assert.Equal(t, time.Date(tc.first.Year, tc.first.Month, tc.first.Day, 0, 0, 0, 0, workday.Location()), p.Start())
		assert.Equal(t, time.Date(tc.last.Year, tc.last.Month, tc.last.Day, 23, 59, 59, 999999999, workday.Location()), p.End())
		// An instant is placed by its CST date: 2026-12-31T16:30Z is already 2027-01-01 in CST.
		q, err := workday.PeriodOf(tc.at.Start().Add(12*time.Hour).UTC(), tc.unit)
		require.NoError(t, err)
		assert.Equal(t, p, q)
	}
	q4, err := workday.PeriodOf(time.Date(2026, 12, 31, 16, 30, 0, 0, time.UTC), workday.UnitQuarter)
	require.NoError(t, err)
	assert.Equal(t, "2027-Q1", q4.String())

	_, err = date(2026, 12, 2).Period("fortnight")
	assert.ErrorIs(t, err, workday.ErrUnknownUnit)
	_, err = workday.PeriodOf(time.Now(), "")
	assert.ErrorIs(t, err, workday.ErrUnknownUnit)
}

func TestQuarterAndHalfYear(t *testing.T) {
	q, err := workday.QuarterOf(2026, 4)
	require.NoError(t, err)
	assert.Equal(t, workday.Period{Unit: workday.UnitQuarter, First: date(2026, 10, 1), Last: date(2026, 12, 31)}, q)
	assert.Equal(t, workday.Period{Unit: workday.UnitQuarter, First: date(2027, 1, 1), Last: date(2027, 3, 31)}, q.Next())
	h, err := workday.HalfYearOf(2027, 1)
	require.NoError(t, err)
	assert.Equal(t, workday.Period{Unit: workday.UnitHalfYear, First: date(2027, 1, 1), Last: date(2027, 6, 30)}, h)
	for _, bad := range []int{0, 5, -1} {
		_, err := workday.QuarterOf(2026, bad)
		assert.ErrorIs(t, err, workday.ErrOutOfRange)
	}
	_, err = workday.HalfYearOf(2026, 3)
	assert.ErrorIs(t, err, workday.ErrOutOfRange)
}

// Civil Code arts. 201–202: the corresponding day of the n-th month, or its last day.
func TestDateAddMonths(t *testing.T) {
	for _, tc := range []struct {
		from workday.Date
		n    int
		want workday.Date
	}{
		{date(2024, 1, 31), 1, date(2024, 2, 29)},
		{date(2026, 8, 31), 6, date(2027, 2, 28)},
		{date(2026, 12, 2), 3, date(2027, 3, 2)},
		{date(2026, 3, 31), -1, date(2026, 2, 28)},
		{date(2026, 1, 15), -13, date(2024, 12, 15)},
		{date(2026, 12, 2), 0, date(2026, 12, 2)},
	} {
		assert.Equal(t, tc.want, tc.from.AddMonths(tc.n), "%s %+d", tc.from, tc.n)
	}
	assert.Equal(t, 30, date(2027, 1, 1).DaysSince(date(2026, 12, 2)))
	assert.Equal(t, -30, date(2026, 12, 2).DaysSince(date(2027, 1, 1)))
	assert.Equal(t, date(2027, 1, 1), date(2026, 12, 2).AddDays(30))
}

// Every period contains its days, begins on its unit's first day, and is followed by the
// next without a gap; the CST day boundary holds for instants in any zone.
func TestPeriodProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		d := date(1949, 1, 1).AddDays(r.IntN(250 * 366))
		for _, u := range workday.Unit("").Values() {
			p, err := d.Period(u)
			require.NoError(t, err)
			require.True(t, !d.Before(p.First) && !d.After(p.Last), "%s in %v", d, p)
			require.True(t, p.Contains(d.Start()) && p.Contains(d.End()))
			n := p.Next()
			require.Equal(t, p.Last.AddDays(1), n.First)
			require.Equal(t, u, n.Unit)
			if u == workday.UnitWeek {
				require.Equal(t, time.Monday, p.First.Weekday())
				require.Equal(t, 6, p.Last.DaysSince(p.First))
			} else {
				require.Equal(t, 1, p.First.Day)
				require.Equal(t, 0, (int(p.First.Month)-1)%u.Months())
				require.Equal(t, p.First.AddMonths(u.Months()), n.First)
			}
		}
	}
}

func BenchmarkPeriodOf(b *testing.B) {
	t := time.Date(2026, 12, 2, 10, 0, 0, 0, workday.Location())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := workday.PeriodOf(t, workday.UnitQuarter); err != nil {
			b.Fatal(err)
		}
	}
}
