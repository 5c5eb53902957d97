package workday_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// official is the arrangement of each embedded year, typed in from the
// notices independently of data/cn.json.
var official = map[int]struct {
	notice string
	issued string
	blocks []struct {
		festival string
		off      []string // first and last day off
		makeup   []string
	}
}{
	2024: {"国办发明电〔2023〕7号", "2023-10-25", []struct {
		festival string
		off      []string
		makeup   []string
	}{
		{"元旦", []string{"2024-01-01", "2024-01-01"}, nil},
		{"春节", []string{"2024-02-10", "2024-02-17"}, []string{"2024-02-04", "2024-02-18"}},
		{"清明节", []string{"2024-04-04", "2024-04-06"}, []string{"2024-04-07"}},
		{"劳动节", []string{"2024-05-01", "2024-05-05"}, []string{"2024-04-28", "2024-05-11"}},
		{"端午节", []string{"2024-06-10", "2024-06-10"}, nil},
		{"中秋节", []string{"2024-09-15", "2024-09-17"}, []string{"2024-09-14"}},
		{"国庆节", []string{"2024-10-01", "2024-10-07"}, []string{"2024-09-29", "2024-10-12"}},
	}},
	2025: {"国办发明电〔2024〕12号", "2024-11-12", []struct {
		festival string
		off      []string
		makeup   []string
	}{
		{"元旦", []string{"2025-01-01", "2025-01-01"}, nil},
		{"春节", []string{"2025-01-28", "2025-02-04"}, []string{"2025-01-26", "2025-02-08"}},
		{"清明节", []string{"2025-04-04", "2025-04-06"}, nil},
		{"劳动节", []string{"2025-05-01", "2025-05-05"}, []string{"2025-04-27"}},
		{"端午节", []string{"2025-05-31", "2025-06-02"}, nil},
		{"国庆节、中秋节", []string{"2025-10-01", "2025-10-08"}, []string{"2025-09-28", "2025-10-11"}},
	}},
	2026: {"国办发明电〔2025〕7号", "2025-11-04", []struct {
		festival string
		off      []string
		makeup   []string
	}{
		{"元旦", []string{"2026-01-01", "2026-01-03"}, []string{"2026-01-04"}},
		{"春节", []string{"2026-02-15", "2026-02-23"}, []string{"2026-02-14", "2026-02-28"}},
		{"清明节", []string{"2026-04-04", "2026-04-06"}, nil},
		{"劳动节", []string{"2026-05-01", "2026-05-05"}, []string{"2026-05-09"}},
		{"端午节", []string{"2026-06-19", "2026-06-21"}, nil},
		{"中秋节", []string{"2026-09-25", "2026-09-27"}, nil},
		{"国庆节", []string{"2026-10-01", "2026-10-07"}, []string{"2026-09-20", "2026-10-10"}},
	}},
}

// TestEveryDayOfEmbeddedYears checks every day of 2024–2026 against the
// notices: each holiday block, each 调休 day, and ordinary days otherwise.
func TestEveryDayOfEmbeddedYears(t *testing.T) {
	c := newCal(t)
	for year, o := range official {
		want := map[workday.Date]workday.Day{}
		for _, b := range o.blocks {
			for day := d(b.off[0]); !day.After(d(b.off[1])); day = day.AddDays(1) {
				want[day] = workday.Day{Date: day, Kind: workday.Holiday, Festival: b.festival, Certainty: workday.Official}
			}
			for _, s := range b.makeup {
				require.Contains(t, []time.Weekday{time.Saturday, time.Sunday}, d(s).Weekday(), s)
				want[d(s)] = workday.Day{Date: d(s), Kind: workday.MakeupWorkday, Festival: b.festival, Certainty: workday.Official}
			}
		}
		days := 0
		for day := (workday.Date{Year: year, Month: 1, Day: 1}); day.Year == year; day = day.AddDays(1) {
			w, ok := want[day]
			if !ok {
				w = workday.Day{Date: day, Kind: workday.Workday, Certainty: workday.Official}
				if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
					w.Kind = workday.RestDay
				}
			}
			got, err := c.Day(day.Start().Add(13 * time.Hour))
			require.NoError(t, err)
			assert.Equal(t, w, got, day.String())
			days++
		}
		assert.Equal(t, 365+boolInt(year == 2024), days)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestEmbeddedCitations(t *testing.T) {
	c := newCal(t)
	years := c.Years()
	require.Len(t, years, 4)
	for _, y := range years[:3] {
		o := official[y.Year]
		require.Len(t, y.Sources, 1, y.Year)
		s := y.Sources[0]
		assert.Equal(t, workday.SourceNotice, s.Kind)
		assert.Equal(t, workday.Official, y.Certainty())
		assert.Equal(t, o.notice, s.Number, y.Year)
		assert.Equal(t, []string{o.notice}, y.Notices())
		assert.Equal(t, d(o.issued), s.Date, y.Year)
		assert.Equal(t, fmt.Sprintf("国务院办公厅关于%d年部分节假日安排的通知", y.Year), s.Title)
		assert.Len(t, y.Festivals(), len(o.blocks))
	}
	// 2027 is reported data, citing its source and version.
	y27 := years[3]
	assert.Equal(t, 2027, y27.Year)
	assert.Equal(t, workday.Reported, y27.Certainty())
	require.Len(t, y27.Sources, 1)
	assert.Equal(t, workday.SourceReported, y27.Sources[0].Kind)
	assert.Equal(t, "v1.4.7", y27.Sources[0].Version)
	assert.Empty(t, y27.Notices())
	// Years returns a copy: changing it does not change the calendar.
	years[2].Sources[0].Festivals[0].Name = "x"
	again := c.Years()
	assert.Equal(t, "元旦", again[2].Sources[0].Festivals[0].Name)
}

func TestDayKinds(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		date     string
		kind     workday.Kind
		festival string
	}{
		{"2024-02-09", workday.Workday, ""}, // 除夕 2024: rest only encouraged
		{"2024-02-04", workday.MakeupWorkday, "春节"},
		{"2024-12-31", workday.Workday, ""}, // ordinary Tuesday at the 2024→2025 boundary
		{"2025-01-01", workday.Holiday, "元旦"},
		{"2025-01-04", workday.RestDay, ""},
		{"2025-10-08", workday.Holiday, "国庆节、中秋节"},
		{"2026-01-04", workday.MakeupWorkday, "元旦"},
		{"2026-02-28", workday.MakeupWorkday, "春节"},
		{"2026-10-10", workday.MakeupWorkday, "国庆节"},
		{"2026-10-11", workday.RestDay, ""},
	}
	for _, tt := range tests {
		t.Run(tt.date, func(t *testing.T) {
			got, err := c.Day(at(tt.date))
			require.NoError(t, err)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, tt.festival, got.Festival)
			assert.Equal(t, workday.Official, got.Certainty)
			ok, err := c.IsWorkday(at(tt.date))
			require.NoError(t, err)
			assert.Equal(t, tt.kind.IsWorking(), ok)
		})
	}
	assert.Equal(t, "workday", workday.Workday.String())
	assert.Equal(t, "rest_day", workday.RestDay.String())
	assert.Equal(t, "holiday", workday.Holiday.String())
	assert.Equal(t, "makeup_workday", workday.MakeupWorkday.String())
	assert.Equal(t, "unknown", workday.Kind(0).String())
}

func TestAddWorkdays(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"audit transfer across National Day 2026", "2026-09-28", 10, "2026-10-16"},
		{"2026 National Day: make-up Sunday 09-20", "2026-09-18", 1, "2026-09-20"},
		{"2026 National Day: after make-up Sunday", "2026-09-18", 2, "2026-09-21"},
		{"2026 National Day: jump the holiday", "2026-09-30", 1, "2026-10-08"},
		{"2026 National Day: make-up Saturday 10-10", "2026-09-30", 3, "2026-10-10"},
		{"2026 National Day: skip Sunday 10-11", "2026-09-30", 4, "2026-10-12"},
		{"2026 mid-autumn", "2026-09-24", 1, "2026-09-28"},
		{"2026 Spring Festival: make-up Saturday 02-14", "2026-02-13", 1, "2026-02-14"},
		{"2026 Spring Festival: jump 02-15..02-23", "2026-02-13", 2, "2026-02-24"},
		{"2026 Spring Festival: make-up Saturday 02-28", "2026-02-13", 6, "2026-02-28"},
		{"2026 Spring Festival: after 02-28", "2026-02-13", 7, "2026-03-02"},
		{"2026 start on a holiday", "2026-02-18", 1, "2026-02-24"},
		{"2026 start on a make-up day", "2026-02-14", 1, "2026-02-24"},
		{"2026 Qingming", "2026-04-03", 1, "2026-04-07"},
		{"2026 Labour Day", "2026-04-30", 1, "2026-05-06"},
		{"2026 Labour Day: make-up Saturday 05-09", "2026-04-30", 4, "2026-05-09"},
		{"2026 Labour Day: after 05-09", "2026-04-30", 5, "2026-05-11"},
		{"2026 Dragon Boat", "2026-06-18", 1, "2026-06-22"},
		{"2025→2026 New Year: make-up Sunday 01-04", "2025-12-31", 1, "2026-01-04"},
		{"2025→2026 New Year: after 01-04", "2025-12-31", 2, "2026-01-05"},
		{"2025 Spring Festival: make-up Sunday 01-26", "2025-01-24", 1, "2025-01-26"},
		{"2025 Spring Festival: jump 01-28..02-04", "2025-01-24", 3, "2025-02-05"},
		{"2025 Spring Festival: make-up Saturday 02-08", "2025-01-24", 6, "2025-02-08"},
		{"2025 Qingming", "2025-04-03", 1, "2025-04-07"},
		{"2025 Labour Day: make-up Sunday 04-27", "2025-04-25", 1, "2025-04-27"},
		{"2025 Labour Day: jump 05-01..05-05", "2025-04-25", 5, "2025-05-06"},
		{"2025 Dragon Boat", "2025-05-30", 1, "2025-06-03"},
		{"2025 National Day: make-up Sunday 09-28", "2025-09-26", 1, "2025-09-28"},
		{"2025 National Day: jump 10-01..10-08", "2025-09-26", 4, "2025-10-09"},
		{"2025 National Day: make-up Saturday 10-11", "2025-09-26", 6, "2025-10-11"},
		{"2024→2025: 12-31 is a working Tuesday", "2024-12-30", 1, "2024-12-31"},
		{"2024→2025: 01-01 is a holiday", "2024-12-30", 2, "2025-01-02"},
		{"2024 New Year", "2024-01-01", 1, "2024-01-02"},
		{"2024 Spring Festival: make-up Sunday 02-04", "2024-02-02", 1, "2024-02-04"},
		{"2024 Spring Festival: 除夕 02-09 is worked", "2024-02-02", 6, "2024-02-09"},
		{"2024 Spring Festival: make-up Sunday 02-18", "2024-02-02", 7, "2024-02-18"},
		{"2024 Spring Festival: after 02-18", "2024-02-02", 8, "2024-02-19"},
		{"2024 Qingming: make-up Sunday 04-07", "2024-04-03", 1, "2024-04-07"},
		{"2024 Qingming: after 04-07", "2024-04-03", 2, "2024-04-08"},
		{"2024 Labour Day: make-up Sunday 04-28", "2024-04-26", 1, "2024-04-28"},
		{"2024 Labour Day: jump 05-01..05-05", "2024-04-26", 4, "2024-05-06"},
		{"2024 Labour Day: make-up Saturday 05-11", "2024-04-26", 9, "2024-05-11"},
		{"2024 Dragon Boat", "2024-06-07", 1, "2024-06-11"},
		{"2024 mid-autumn: make-up Saturday 09-14", "2024-09-13", 1, "2024-09-14"},
		{"2024 mid-autumn: jump 09-15..09-17", "2024-09-13", 2, "2024-09-18"},
		{"2024 National Day: make-up Sunday 09-29", "2024-09-27", 1, "2024-09-29"},
		{"2024 National Day: jump 10-01..10-07", "2024-09-27", 3, "2024-10-08"},
		{"2024 National Day: make-up Saturday 10-12", "2024-09-27", 7, "2024-10-12"},
		{"zero: end of the same day", "2026-10-03", 0, "2026-10-03"},
		{"backwards over National Day", "2026-10-08", -1, "2026-09-30"},
		{"backwards onto make-up Saturday", "2026-10-12", -1, "2026-10-10"},
		{"backwards two", "2026-10-12", -2, "2026-10-09"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddWorkdays(at(tt.start), tt.n)
			require.NoError(t, err)
			assert.True(t, d(tt.want).End().Equal(got.Time), "got %s", got.Time)
			assert.Equal(t, workday.Location(), got.Time.Location())
			assert.Equal(t, workday.Official, got.Certainty)
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-09-28", "2026-10-16", 10},
		{"2026-10-16", "2026-09-28", -10},
		{"2026-09-30", "2026-10-08", 1},
		{"2026-09-30", "2026-10-07", 0},
		{"2026-10-08", "2026-10-08", 0},
		{"2026-02-13", "2026-02-28", 6},
		{"2024-02-03", "2024-02-18", 7}, // 02-04, 02-05..02-09, 02-18
		{"2024-12-30", "2025-01-02", 2}, // 12-31 and 01-02
		{"2023-12-31", "2024-12-31", 251},
		{"2024-12-31", "2025-12-31", 248},
		{"2025-12-31", "2026-12-31", 248},
		{"2023-12-31", "2026-12-31", 251 + 248 + 248},
	}
	for _, tt := range tests {
		t.Run(tt.from+"→"+tt.to, func(t *testing.T) {
			got, err := c.WorkdaysBetween(at(tt.from), at(tt.to))
			require.NoError(t, err)
			assert.Equal(t, workday.Count{N: tt.want, Certainty: workday.Official}, got)
		})
	}
}

func TestNextWorkday(t *testing.T) {
	c := newCal(t)
	tests := []struct{ from, want string }{
		{"2026-09-30", "2026-10-08"},
		{"2026-10-09", "2026-10-10"},
		{"2026-02-13", "2026-02-14"},
		{"2026-02-14", "2026-02-24"},
		{"2024-12-30", "2024-12-31"},
		{"2024-12-31", "2025-01-02"},
		{"2025-12-31", "2026-01-04"},
	}
	for _, tt := range tests {
		got, err := c.NextWorkday(at(tt.from))
		require.NoError(t, err)
		assert.True(t, d(tt.want).Start().Equal(got.Time), "%s: got %s", tt.from, got.Time)
	}
}

func TestAddMonths(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
	}{
		{"Jan 31 + 1 in a leap year: Feb 29", "2024-01-31", 1, "2024-02-29"},
		{"Jan 31 + 1: Feb 28", "2025-01-31", 1, "2025-02-28"},
		{"Jan 31 + 1 lands on make-up Saturday 2026-02-28: stays", "2026-01-31", 1, "2026-02-28"},
		{"Feb 29 + 1", "2024-02-29", 1, "2024-03-29"},
		{"Feb 29 + 12: Feb 28", "2024-02-29", 12, "2025-02-28"},
		{"Feb 29 + 24: make-up Saturday 2026-02-28", "2024-02-29", 24, "2026-02-28"},
		{"Mar 31 + 1: Apr 30", "2024-03-31", 1, "2024-04-30"},
		{"Aug 31 + 3: Sat Nov 30 → Mon Dec 2", "2024-08-31", 3, "2024-12-02"},
		{"Aug 31 + 3: Sun Nov 30 → Mon Dec 1", "2025-08-31", 3, "2025-12-01"},
		{"Aug 31 + 3: Mon Nov 30", "2026-08-31", 3, "2026-11-30"},
		{"into Spring Festival 2026 → first day after", "2026-01-15", 1, "2026-02-24"},
		{"into Spring Festival 2024 → make-up Sunday 02-18", "2024-01-14", 1, "2024-02-18"},
		{"into National Day 2025 → 10-09", "2025-09-01", 1, "2025-10-09"},
		{"into National Day 2026 → 10-08", "2026-08-01", 2, "2026-10-08"},
		{"across the year", "2024-12-15", 1, "2025-01-15"},
		{"zero months on a holiday moves", "2026-10-03", 0, "2026-10-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.AddMonths(at(tt.start), tt.n)
			require.NoError(t, err)
			assert.True(t, d(tt.want).End().Equal(got.Time), "got %s", got.Time)
		})
	}
}

func TestAddDays(t *testing.T) {
	c := newCal(t)
	tests := []struct {
		start string
		n     int
		want  string
	}{
		{"2026-09-21", 10, "2026-10-08"}, // 10-01 holiday → 10-08
		{"2026-02-04", 10, "2026-02-14"}, // make-up Saturday is a working day
		{"2026-02-05", 10, "2026-02-24"}, // 02-15 holiday → 02-24
		{"2024-09-29", 15, "2024-10-14"},
		{"2025-09-20", 8, "2025-09-28"}, // make-up Sunday
		{"2024-12-28", 3, "2024-12-31"}, // ordinary Tuesday
		{"2024-12-29", 3, "2025-01-02"}, // New Year's Day → 01-02
		{"2026-11-28", 0, "2026-11-30"}, // Saturday → Monday
	}
	for _, tt := range tests {
		got, err := c.AddDays(at(tt.start), tt.n)
		require.NoError(t, err)
		assert.True(t, d(tt.want).End().Equal(got.Time), "%s+%d: got %s", tt.start, tt.n, got.Time)
	}
}

// Instants given in other zones are read in CST.
func TestTimeZones(t *testing.T) {
	c := newCal(t)
	ny := time.FixedZone("EST", -5*3600)
	nyDST := time.FixedZone("EDT", -4*3600)
	tests := []struct {
		name string
		in   time.Time
		date string
		kind workday.Kind
	}{
		{"20:00Z on 09-30 is 10-01 in CST", time.Date(2026, 9, 30, 20, 0, 0, 0, time.UTC), "2026-10-01", workday.Holiday},
		{"last instant of 09-30 CST", time.Date(2026, 9, 30, 15, 59, 59, 999999999, time.UTC), "2026-09-30", workday.Workday},
		{"first instant of 10-01 CST", time.Date(2026, 9, 30, 16, 0, 0, 0, time.UTC), "2026-10-01", workday.Holiday},
		{"New York winter offset", time.Date(2026, 9, 30, 11, 0, 0, 0, ny), "2026-10-01", workday.Holiday},
		{"New York summer offset", time.Date(2026, 9, 30, 11, 59, 0, 0, nyDST), "2026-09-30", workday.Workday},
		{"New York evening is next CST morning", time.Date(2026, 10, 9, 12, 0, 0, 0, nyDST), "2026-10-10", workday.MakeupWorkday},
		{"UTC+14 is still the previous CST day", time.Date(2026, 2, 15, 5, 0, 0, 0, time.FixedZone("LINT", 14*3600)), "2026-02-14", workday.MakeupWorkday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Day(tt.in)
			require.NoError(t, err)
			assert.Equal(t, d(tt.date), got.Date)
			assert.Equal(t, tt.kind, got.Kind)
			assert.Equal(t, d(tt.date), workday.DateOf(tt.in))
		})
	}

	// A deadline counted from an instant given in UTC.
	r, err := c.AddWorkdays(time.Date(2026, 9, 27, 16, 30, 0, 0, time.UTC), 10) // 09-28 00:30 CST
	require.NoError(t, err)
	assert.True(t, d("2026-10-16").End().Equal(r.Time))
	r, err = c.AddWorkdays(time.Date(2026, 9, 27, 15, 59, 59, 0, time.UTC), 10) // 09-27 23:59:59 CST
	require.NoError(t, err)
	assert.True(t, d("2026-10-15").End().Equal(r.Time))

	// The deadline is 24:00 CST: an act meets it iff !x.After(deadline).
	deadline := r.Time
	assert.False(t, time.Date(2026, 10, 15, 15, 59, 59, 999999999, time.UTC).After(deadline))
	assert.True(t, time.Date(2026, 10, 15, 16, 0, 0, 0, time.UTC).After(deadline))

	loc := workday.Location()
	assert.Equal(t, "CST", loc.String())
	name, off := time.Date(1900, 6, 1, 0, 0, 0, 0, loc).Zone()
	assert.Equal(t, "CST", name)
	assert.Equal(t, 8*3600, off)
	assert.Same(t, loc, workday.Location())
}

func TestNoData(t *testing.T) {
	c := newCal(t, workday.WithoutReportedYears()) // official data only: 2024–2026
	tests := []struct {
		name string
		call func() error
		date string
	}{
		{"Day 2027", func() error { _, err := c.Day(at("2027-01-01")); return err }, "2027-01-01"},
		{"Day 2023", func() error { _, err := c.Day(at("2023-12-31")); return err }, "2023-12-31"},
		{"IsWorkday 2027", func() error { _, err := c.IsWorkday(at("2027-03-01")); return err }, "2027-03-01"},
		{"AddWorkdays into 2027", func() error { _, err := c.AddWorkdays(at("2026-12-30"), 2); return err }, "2027-01-01"},
		{"AddWorkdays back into 2023", func() error { _, err := c.AddWorkdays(at("2024-01-02"), -1); return err }, "2023-12-31"},
		{"WorkdaysBetween from 2023", func() error { _, err := c.WorkdaysBetween(at("2023-12-01"), at("2024-01-05")); return err }, "2023-12-02"},
		{"WorkdaysBetween reversed", func() error { _, err := c.WorkdaysBetween(at("2027-01-05"), at("2026-12-01")); return err }, "2027-01-01"},
		{"NextWorkday into 2027", func() error { _, err := c.NextWorkday(at("2026-12-31")); return err }, "2027-01-01"},
		{"AddMonths into 2027", func() error { _, err := c.AddMonths(at("2026-12-01"), 1); return err }, "2027-01-01"},
		{"AddDays rolls into 2027", func() error { _, err := c.AddDays(at("2026-12-01"), 31); return err }, "2027-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.ErrorIs(t, err, workday.ErrNoData)
			var nd *workday.NoDataError
			require.ErrorAs(t, err, &nd)
			assert.Equal(t, d(tt.date), nd.Date)
			assert.Contains(t, err.Error(), tt.date)
			assert.Contains(t, err.Error(), "workday: ")
		})
	}

	// The last covered days still answer.
	r, err := c.AddWorkdays(at("2026-12-30"), 1)
	require.NoError(t, err)
	assert.True(t, d("2026-12-31").End().Equal(r.Time))
	// A gap inside the range is a gap too.
	y, err := workday.EmbeddedYears()
	require.NoError(t, err)
	gappy := newCal(t, workday.WithoutEmbeddedData(), workday.WithYears(y[0], y[2]))
	_, err = gappy.WorkdaysBetween(at("2024-12-30"), at("2026-01-05"))
	var nd *workday.NoDataError
	require.ErrorAs(t, err, &nd)
	assert.Equal(t, d("2025-01-01"), nd.Date)
	// The zero Calendar covers nothing.
	var zero workday.Calendar
	_, err = zero.AddWorkdays(at("2026-01-05"), 1)
	assert.ErrorIs(t, err, workday.ErrNoData)
	_, err = zero.Day(at("2026-01-05"))
	assert.ErrorIs(t, err, workday.ErrNoData)
}

func TestWeekendFallback(t *testing.T) {
	c := newCal(t, workday.WithWeekendFallback(), workday.WithoutReportedYears())

	day, err := c.Day(at("2027-01-01"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2027-01-01"), Kind: workday.Workday, Certainty: workday.WeekendsOnly}, day)
	day, err = c.Day(at("2027-01-02"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2027-01-02"), Kind: workday.RestDay, Certainty: workday.WeekendsOnly}, day)
	day, err = c.Day(at("2026-10-01"))
	require.NoError(t, err)
	assert.Equal(t, workday.Official, day.Certainty)

	r, err := c.AddWorkdays(at("2026-12-30"), 3) // 12-31, 2027-01-01 (Fri), 01-04 (Mon)
	require.NoError(t, err)
	assert.Equal(t, workday.Result{Time: d("2027-01-04").End(), Certainty: workday.WeekendsOnly}, r)
	r, err = c.AddWorkdays(at("2026-12-30"), 1)
	require.NoError(t, err)
	assert.Equal(t, workday.Official, r.Certainty)
	r, err = c.AddWorkdays(at("2024-01-02"), -1) // before 01-02: 01-01 holiday, 2023-12-29 Fri (fallback)
	require.NoError(t, err)
	assert.Equal(t, workday.Result{Time: d("2023-12-29").End(), Certainty: workday.WeekendsOnly}, r)

	n, err := c.WorkdaysBetween(at("2026-12-25"), at("2027-01-08"))
	require.NoError(t, err)
	assert.Equal(t, workday.Count{N: 10, Certainty: workday.WeekendsOnly}, n)
	n, err = c.WorkdaysBetween(at("2023-12-25"), at("2024-01-08")) // 12-26..12-29, 01-02..01-05, 01-08
	require.NoError(t, err)
	assert.Equal(t, workday.Count{N: 9, Certainty: workday.WeekendsOnly}, n)
	n, err = c.WorkdaysBetween(at("2026-09-28"), at("2026-10-16"))
	require.NoError(t, err)
	assert.Equal(t, workday.Count{N: 10, Certainty: workday.Official}, n)

	m, err := c.AddMonths(at("2026-12-31"), 2) // 2027-02-28 is a Sunday
	require.NoError(t, err)
	assert.Equal(t, workday.Result{Time: d("2027-03-01").End(), Certainty: workday.WeekendsOnly}, m)
	nx, err := c.NextWorkday(at("2027-01-01"))
	require.NoError(t, err)
	assert.Equal(t, workday.Result{Time: d("2027-01-04").Start(), Certainty: workday.WeekendsOnly}, nx)

	// Far outside the data, with only weekends known.
	far, err := c.AddWorkdays(at("1999-12-31"), 1)
	require.NoError(t, err)
	assert.Equal(t, workday.Result{Time: d("2000-01-03").End(), Certainty: workday.WeekendsOnly}, far)
}

func TestOutOfRange(t *testing.T) {
	c := newCal(t, workday.WithWeekendFallback())
	huge := time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC)
	calls := []func() error{
		func() error { _, err := c.Day(huge); return err },
		func() error { _, err := c.AddWorkdays(at("2026-01-05"), 5_000_000); return err },
		func() error { _, err := c.AddWorkdays(at("9999-12-30"), 5); return err },
		func() error { _, err := c.AddWorkdays(at("0001-01-02"), -5); return err },
		func() error { _, err := c.WorkdaysBetween(time.Time{}.Add(-9*time.Hour), at("2026-01-01")); return err },
		func() error { _, err := c.AddMonths(at("2026-01-05"), -1); return err },
		func() error { _, err := c.AddMonths(at("9999-01-05"), 12); return err },
		func() error { _, err := c.AddDays(at("2026-01-05"), -1); return err },
		func() error { _, err := c.AddDays(at("9999-12-31"), 1); return err },
		func() error { _, err := c.NextWorkday(at("9999-12-31")); return err },
	}
	for i, call := range calls {
		err := call()
		assert.ErrorIs(t, err, workday.ErrOutOfRange, "call %d", i)
		var re *workday.RangeError
		assert.ErrorAs(t, err, &re, "call %d", i)
	}
	// Extreme instants do not panic.
	for _, tm := range []time.Time{time.Time{}.Add(-9 * time.Hour), time.Unix(1<<62, 0), time.Unix(-1<<62, 0)} {
		_, err := c.WorkdaysBetween(tm, tm)
		assert.ErrorIs(t, err, workday.ErrOutOfRange)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := newCal(t)
	want, err := c.AddWorkdays(at("2026-09-28"), 10)
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				got, err := c.AddWorkdays(at("2026-09-28"), 10)
				if err != nil || !got.Time.Equal(want.Time) {
					errs <- fmt.Errorf("got %v, %v", got, err)
					return
				}
				if _, err := c.WorkdaysBetween(at("2024-01-01"), at("2026-12-31")); err != nil {
					errs <- err
					return
				}
				if _, err := c.Day(at("2025-10-08")); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestZeroAllocations(t *testing.T) {
	c := newCal(t)
	start, end := at("2024-03-01"), at("2025-11-20")
	var sink workday.Result
	var cnt workday.Count
	var day workday.Day
	var err error
	allocs := map[string]float64{
		"AddWorkdays":     testing.AllocsPerRun(200, func() { sink, err = c.AddWorkdays(start, 250) }),
		"WorkdaysBetween": testing.AllocsPerRun(200, func() { cnt, err = c.WorkdaysBetween(start, end) }),
		"NextWorkday":     testing.AllocsPerRun(200, func() { sink, err = c.NextWorkday(start) }),
		"AddMonths":       testing.AllocsPerRun(200, func() { sink, err = c.AddMonths(start, 3) }),
		"AddDays":         testing.AllocsPerRun(200, func() { sink, err = c.AddDays(start, 30) }),
		"Day":             testing.AllocsPerRun(200, func() { day, err = c.Day(at("2026-02-16")) }),
	}
	require.NoError(t, err)
	_, _, _ = sink, cnt, day
	for name, a := range allocs {
		assert.Zero(t, a, name)
	}
}

func TestErrorsAreDistinct(t *testing.T) {
	assert.False(t, errors.Is(workday.ErrNoData, workday.ErrInvalidData))
	assert.False(t, errors.Is(workday.ErrOutOfRange, workday.ErrNoData))
}
