package workday_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// Provisional years: the statutory days of the law are holidays, everything
// else is classified by its weekday, and every answer says so.
func TestProvisionalYears(t *testing.T) {
	c := newCal(t, workday.WithProvisionalYears())
	first, last, ok := c.ProvisionalYears()
	require.True(t, ok)
	assert.Equal(t, 2025, first)
	assert.Equal(t, 2100, last)

	days := []struct {
		date, festival string
		kind           workday.Kind
	}{
		{"2028-01-01", "元旦", workday.Holiday},
		{"2028-01-03", "", workday.Workday},   // a Monday: 补假 for 1-1 (Sat) is not known yet
		{"2028-01-25", "春节", workday.Holiday}, // 除夕
		{"2028-01-28", "春节", workday.Holiday}, // 初三
		{"2028-01-29", "", workday.RestDay},
		{"2028-04-04", "清明节", workday.Holiday},
		{"2028-05-02", "劳动节", workday.Holiday},
		{"2028-05-03", "", workday.Workday},
		{"2028-05-28", "端午节", workday.Holiday},
		{"2028-10-03", "中秋节、国庆节", workday.Holiday},
		{"2028-10-04", "", workday.Workday},
		{"2050-01-22", "春节", workday.Holiday}, // 除夕 2050
	}
	for _, tt := range days {
		got, err := c.Day(at(tt.date))
		require.NoError(t, err, tt.date)
		assert.Equal(t, workday.Day{Date: d(tt.date), Kind: tt.kind, Festival: tt.festival, Certainty: workday.Provisional}, got, tt.date)
	}
	// Data wins over the law: 2026 stays official, 2027 stays reported.
	day, err := c.Day(at("2026-10-10"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2026-10-10"), Kind: workday.MakeupWorkday, Festival: "国庆节", Certainty: workday.Official}, day)
	day, err = c.Day(at("2027-02-14"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2027-02-14"), Kind: workday.MakeupWorkday, Festival: "春节", Certainty: workday.Reported}, day)

	// A result takes the weakest certainty of the days it used.
	tests := []struct {
		name string
		got  func() (workday.Result, error)
		want string
		cert workday.Certainty
	}{
		{"official span", func() (workday.Result, error) { return c.AddWorkdays(at("2026-09-28"), 10) }, "2026-10-16", workday.Official},
		{"into reported 2027", func() (workday.Result, error) { return c.AddMonths(at("2026-12-02"), 3) }, "2027-03-02", workday.Reported},
		{"reported 春节 2027", func() (workday.Result, error) { return c.AddWorkdays(at("2027-02-04"), 1) }, "2027-02-14", workday.Reported},
		{"across into provisional 2028", func() (workday.Result, error) { return c.AddWorkdays(at("2027-12-30"), 2) }, "2028-01-03", workday.Provisional},
		{"over provisional 春节 2028", func() (workday.Result, error) { return c.AddWorkdays(at("2028-01-24"), 1) }, "2028-01-31", workday.Provisional},
		{"months ending in provisional 2028", func() (workday.Result, error) { return c.AddMonths(at("2027-10-15"), 3) }, "2028-01-17", workday.Provisional},
		{"back from 2028 into 2026", func() (workday.Result, error) { return c.AddWorkdays(at("2027-01-04"), -1) }, "2026-12-31", workday.Reported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.got()
			require.NoError(t, err)
			assert.True(t, d(tt.want).End().Equal(r.Time) || d(tt.want).Start().Equal(r.Time), "got %s", r.Time)
			assert.Equal(t, tt.cert, r.Certainty)
		})
	}
	n, err := c.WorkdaysBetween(at("2027-12-24"), at("2028-01-07"))
	require.NoError(t, err)
	assert.Equal(t, workday.Count{N: 10, Certainty: workday.Provisional}, n) // 12-27..12-31 and 01-03..01-07; 01-01 (元旦) is a Saturday

	for year, want := range map[int]workday.Certainty{2026: workday.Official, 2027: workday.Reported, 2028: workday.Provisional, 2100: workday.Provisional} {
		got, err := c.YearCertainty(year)
		require.NoError(t, err)
		assert.Equal(t, want, got, year)
	}
}

// Outside the lunar table, and before the 2024 law, nothing is guessed.
func TestProvisionalRange(t *testing.T) {
	c := newCal(t, workday.WithProvisionalYears())
	for _, date := range []string{"2101-01-03", "2023-12-31"} {
		_, err := c.Day(at(date))
		var nd *workday.NoDataError
		require.ErrorAs(t, err, &nd, date)
		assert.True(t, nd.Provisional)
		assert.Equal(t, d(date).Year, nd.Year())
		assert.Contains(t, err.Error(), "outside the provisional years 2025–2100")
	}
	_, err := c.YearCertainty(2101)
	assert.ErrorIs(t, err, workday.ErrNoData)
	// Spanning out of the range is an error naming the first day outside.
	_, err = c.AddWorkdays(at("2100-12-30"), 3)
	var nd *workday.NoDataError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, d("2101-01-01"), nd.Date)

	// With the fallback too, beyond the range is weekends only.
	fb := newCal(t, workday.WithProvisionalYears(), workday.WithWeekendFallback())
	r, err := fb.AddWorkdays(at("2100-12-30"), 3)
	require.NoError(t, err)
	assert.Equal(t, workday.WeekendsOnly, r.Certainty)

	// Without reported years, 2027 is answered from the law.
	strict := newCal(t, workday.WithProvisionalYears(), workday.WithoutReportedYears())
	day, err := strict.Day(at("2027-02-14"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2027-02-14"), Kind: workday.RestDay, Certainty: workday.Provisional}, day)

	// Off by default: a year without data is ErrNoData.
	_, err = newCal(t).Day(at("2028-01-03"))
	require.ErrorAs(t, err, &nd)
	assert.False(t, nd.Provisional)
	assert.Contains(t, err.Error(), "workday.WithProvisionalYears")
}

// The version is a content hash: equal data and options, equal versions; a
// changed year or mode, another version.
func TestCalendarVersion(t *testing.T) {
	a, b := newCal(t), newCal(t)
	assert.Equal(t, a.Version(), b.Version())
	assert.Regexp(t, `^sha256:[0-9a-f]{16}$`, a.Version())
	seen := map[string]string{a.Version(): "default"}
	for name, opts := range map[string][]workday.Option{
		"provisional": {workday.WithProvisionalYears()},
		"fallback":    {workday.WithWeekendFallback()},
		"no reported": {workday.WithoutReportedYears()},
		"no embedded": {workday.WithoutEmbeddedData()},
	} {
		v := newCal(t, opts...).Version()
		if other, dup := seen[v]; dup {
			t.Errorf("%s and %s have the same version %s", name, other, v)
		}
		seen[v] = name
	}
	var zero *workday.Calendar
	assert.Equal(t, "", zero.Version())
}

// Fast and naive agree over provisional years too.
func TestFastAgreesWithNaiveProvisional(t *testing.T) {
	c := newCal(t, workday.WithProvisionalYears())
	r := rand.New(rand.NewPCG(7, 8))
	first, last := d("2026-06-01"), d("2099-06-30")
	for i := 0; i < 2000; i++ {
		a := randomInstant(r, first, last)
		b := a.Add(time.Duration(r.Int64N(int64(400*24*time.Hour))) - 200*24*time.Hour)
		got, err := c.WorkdaysBetween(a, b)
		require.NoError(t, err)
		want, err := naiveBetween(c, a, b)
		require.NoError(t, err)
		require.Equal(t, want, got.N, "%s → %s", a, b)
		n := r.IntN(260)
		fast, err := c.AddWorkdays(a, n)
		require.NoError(t, err)
		slow, err := naiveAdd(c, a, n)
		require.NoError(t, err)
		require.True(t, slow.Equal(fast.Time), "%s + %d", a, n)
	}
}

func TestProvisionalZeroAllocations(t *testing.T) {
	c := newCal(t, workday.WithProvisionalYears())
	start, end := at("2028-03-01"), at("2029-11-20")
	var err error
	assert.Zero(t, testing.AllocsPerRun(200, func() { _, err = c.AddWorkdays(start, 250) }))
	assert.Zero(t, testing.AllocsPerRun(200, func() { _, err = c.WorkdaysBetween(start, end) }))
	assert.Zero(t, testing.AllocsPerRun(200, func() { _, err = c.AddMonths(start, 3) }))
	assert.Zero(t, testing.AllocsPerRun(200, func() { _, err = c.Day(at("2028-01-25")) }))
	require.NoError(t, err)
}
