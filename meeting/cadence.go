package meeting

import (
	"fmt"
	"strconv"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Unit is the length of a cadence's period.
type Unit string

// Units. Weeks begin on Monday; quarters on 1 January, 1 April, 1 July and
// 1 October; half-years on 1 January and 1 July. Days are China Standard
// Time days.
const (
	UnitWeek     Unit = "week"
	UnitMonth    Unit = "month"
	UnitQuarter  Unit = "quarter"
	UnitHalfYear Unit = "half_year"
	UnitYear     Unit = "year"
)

// months is the length of a month-based unit in months; 0 for weeks and
// unknown units.
func (u Unit) months() int {
	switch u {
	case UnitMonth:
		return 1
	case UnitQuarter:
		return 3
	case UnitHalfYear:
		return 6
	case UnitYear:
		return 12
	}
	return 0
}

// Valid reports whether u is a declared unit.
func (u Unit) Valid() bool { return u == UnitWeek || u.months() > 0 }

// Limits of a cadence: a cycle of at most ten years.
const (
	maxCycleWeeks  = 520
	maxCycleMonths = 120
	minAnchorYear  = 1949
	maxAnchorYear  = 2199
)

// Cadence is a rhythm a mechanism keeps: one meeting in every period.
//
// A plain cadence (Every 0 or 1, no Anchor) has calendar periods: weeks
// from Monday, months, quarters, half-years, years. A custom cadence meets
// every Every weeks or months (or quarters, half-years, years) counted from
// Anchor, whose CST date is the first day of a period: every 2 weeks from
// Wednesday 2026-01-07 has periods 01-07..01-20, 01-21..02-03, and so on;
// every 2 months from 2026-01-15 has 01-15..03-14, 03-15..05-14. An anchor of
// a month-based custom cadence is on day 1–28, so that every period starts on
// the same day of the month.
//
// # When a meeting is late
//
// A period's meeting is due by the end of its DueBy-th working day (counting
// the period's first day when it is one), or, with DueBy 0, by the end of the
// period. When the period has fewer working days than DueBy, it is due by the
// end of its last working day. Only the days needed are looked up: a period
// that reaches into a year without calendar data (the week 2026-12-28 to
// 2027-01-03) still has a due instant when its DueBy-th (or, with DueBy 0,
// its first) working day lies in a year with data. A period without any working day (a week of
// the Spring Festival holiday) owes no meeting: it is exempt. A meeting
// counts for the period of its HeldAt, or of its For when it was held later
// for an earlier period (补开); the period is held when its first counting
// meeting is no later than the due instant, late when it is after it, missed
// when the due instant has passed without one, pending before.
type Cadence struct {
	// Purpose names what the meetings of this rhythm are for (e.g. analysis
	// 分析研判, supervision 督查督办); meetings count towards it when they list
	// it in Purposes. Empty: every regular or special meeting counts.
	Purpose string    `json:"purpose,omitempty"`
	Unit    Unit      `json:"unit"`
	Every   int       `json:"every,omitempty"`  // units per period; 0 means 1
	Anchor  time.Time `json:"anchor,omitzero"`  // first day of a period (custom cadences)
	DueBy   int       `json:"due_by,omitempty"` // the meeting is due by this working day of the period; 0: by its end
	Note    string    `json:"note,omitempty"`   // e.g. 每季度召开
}

// spec is a validated cadence in day or month arithmetic.
type spec struct {
	weeks  bool
	n      int   // days per period (weeks) or months per period
	anchor int64 // weeks: day number of a period's first day
	ay, am int   // months: year and month of a period's first day
	ad     int   // months: day of month of every period's first day
	plain  bool  // calendar periods: labelled 2026-Q1 etc.
	unit   Unit
}

// Validate reports a cadence that makes no sense as a *CadenceError naming
// the field: an unknown unit, a negative or over-ten-year Every, a custom
// Every without an Anchor, an anchor outside 1949–2199 or (for month-based
// units) on day 29–31, a negative DueBy or one beyond the days of a period.
func (c Cadence) Validate() error {
	_, err := c.spec("")
	return err
}

func (c Cadence) spec(field string) (spec, error) {
	bad := func(f, format string, args ...any) (spec, error) {
		return spec{}, &CadenceError{Field: join(field, f), Reason: fmt.Sprintf(format, args...)}
	}
	if !c.Unit.Valid() {
		return bad("unit", "unknown unit %q (week, month, quarter, half_year or year)", c.Unit)
	}
	every := c.Every
	if every < 0 {
		return bad("every", "must not be negative, got %d", every)
	}
	if every == 0 {
		every = 1
	}
	s := spec{weeks: c.Unit == UnitWeek, unit: c.Unit}
	if s.weeks {
		if every > maxCycleWeeks {
			return bad("every", "%d weeks is more than ten years", every)
		}
		s.n = 7 * every
	} else {
		s.n = every * c.Unit.months()
		if s.n > maxCycleMonths {
			return bad("every", "%d months is more than ten years", s.n)
		}
	}
	if c.Anchor.IsZero() {
		if every > 1 {
			return bad("anchor", "a cadence of every %d %ss needs an anchor date for its first period", every, c.Unit)
		}
		s.plain = true
		// 2024-01-01 is a Monday and the first day of a year, quarter, half-year and month.
		s.anchor = dayNumber(time.Date(2024, 1, 1, 0, 0, 0, 0, workday.Location()))
		s.ay, s.am, s.ad = 2024, 1, 1
	} else {
		a := c.Anchor.In(workday.Location())
		if a.Year() < minAnchorYear || a.Year() > maxAnchorYear {
			return bad("anchor", "year %d outside %d–%d", a.Year(), minAnchorYear, maxAnchorYear)
		}
		if !s.weeks && a.Day() > 28 {
			return bad("anchor", "day %d: a month-based cadence must start on day 1–28", a.Day())
		}
		s.anchor = dayNumber(a)
		s.ay, s.am, s.ad = a.Year(), int(a.Month()), a.Day()
	}
	minDays := s.n
	if !s.weeks {
		minDays = 28 * s.n
	}
	if c.DueBy < 0 {
		return bad("due_by", "must not be negative, got %d", c.DueBy)
	}
	if c.DueBy > minDays {
		return bad("due_by", "working day %d of a period of %d days or fewer", c.DueBy, minDays)
	}
	return s, nil
}

// Period is one period of a cadence: from 00:00 CST of its first day to the
// last nanosecond of its last day, both included.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Label names it: 2026-W03, 2026-03, 2026-Q1, 2026-H1, 2026 for plain
	// cadences, first/last date for custom ones (2026-01-15/2026-03-14).
	Label string `json:"label"`
}

// Contains reports whether t lies in p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && !t.After(p.End) }

// PeriodOf returns the period of c that contains t.
func (c Cadence) PeriodOf(t time.Time) (Period, error) {
	s, err := c.spec("")
	if err != nil {
		return Period{}, err
	}
	return s.period(s.index(t)), nil
}

// PeriodStart returns 00:00 CST of the first day of the calendar week
// (Monday), month, quarter, half-year or year containing t: the same
// periods as the rules library's period.start.
func PeriodStart(t time.Time, u Unit) (time.Time, error) {
	p, err := Cadence{Unit: u}.PeriodOf(t)
	return p.Start, err
}

const secsPerDay = 86400

// dayNumber is the CST day number of t (days since 1970-01-01 CST).
func dayNumber(t time.Time) int64 {
	return floorDiv(t.Unix()+8*3600, secsPerDay)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func dayStart(z int64) time.Time { return time.Unix(z*secsPerDay-8*3600, 0).In(workday.Location()) }

// index is the number of the period containing t, 0 being the anchor's.
func (s *spec) index(t time.Time) int64 {
	if s.weeks {
		return floorDiv(dayNumber(t)-s.anchor, int64(s.n))
	}
	l := t.In(workday.Location())
	mt := int64(l.Year()-s.ay)*12 + int64(int(l.Month())-s.am)
	if l.Day() < s.ad {
		mt--
	}
	return floorDiv(mt, int64(s.n))
}

func (s *spec) start(i int64) time.Time {
	if s.weeks {
		return dayStart(s.anchor + i*int64(s.n))
	}
	m := int64(s.am-1) + i*int64(s.n)
	y := int64(s.ay) + floorDiv(m, 12)
	mon := m - floorDiv(m, 12)*12 + 1
	return time.Date(int(y), time.Month(mon), s.ad, 0, 0, 0, 0, workday.Location())
}

func (s *spec) period(i int64) Period {
	st, next := s.start(i), s.start(i+1)
	p := Period{Start: st, End: next.Add(-time.Nanosecond)}
	p.Label = s.label(p)
	return p
}

func (s *spec) label(p Period) string {
	if !s.plain {
		return p.Start.Format(time.DateOnly) + "/" + p.End.Format(time.DateOnly)
	}
	y := strconv.Itoa(p.Start.Year())
	switch s.unit {
	case UnitWeek:
		iy, iw := p.Start.ISOWeek()
		return fmt.Sprintf("%d-W%02d", iy, iw)
	case UnitMonth:
		return p.Start.Format("2006-01")
	case UnitQuarter:
		return y + "-Q" + strconv.Itoa((int(p.Start.Month())+2)/3)
	case UnitHalfYear:
		return y + "-H" + strconv.Itoa((int(p.Start.Month())+5)/6)
	}
	return y
}

// Due is when a period's meeting is due.
type Due struct {
	At     time.Time `json:"at,omitzero"` // zero when exempt
	Exempt bool      `json:"exempt,omitempty"`
	// Certainty is the calendar's certainty of the due (reported, provisional or
	// weekends_only beyond its official data).
	Certainty workday.Certainty `json:"certainty,omitempty"`
}

// DueIn returns when the meeting of period p (a period of c) is due on the
// calendar cal; see [Cadence] for the rule. Errors are the calendar's (a
// period in a year without data is a *workday.NoDataError).
func (c Cadence) DueIn(cal *workday.Calendar, p Period) (Due, error) {
	if err := c.Validate(); err != nil {
		return Due{}, err
	}
	return due(cal, c.DueBy, p)
}

func due(cal *workday.Calendar, by int, p Period) (Due, error) {
	if cal == nil {
		return Due{}, invalid("calendar", "required")
	}
	before := p.Start.AddDate(0, 0, -1)
	// The by-th working day from the period's start (the first one for a due
	// at the period's end): when it lies in the period it settles the due
	// without looking at the rest of the period, which may reach into a year
	// the calendar has no data for (the week 2026-12-28 to 2027-01-03).
	r, err := cal.AddWorkdays(before, max(by, 1))
	if err == nil && !r.Time.After(p.End) {
		if by == 0 {
			return Due{At: p.End, Certainty: r.Certainty}, nil
		}
		return Due{At: r.Time, Certainty: r.Certainty}, nil
	}
	// Fewer working days in the period than by (or none): count them all.
	n, err := cal.WorkdaysBetween(before, p.End)
	if err != nil {
		return Due{}, err
	}
	if n.N == 0 {
		return Due{Exempt: true, Certainty: n.Certainty}, nil
	}
	if r, err = cal.AddWorkdays(before, n.N); err != nil {
		return Due{}, err
	}
	return Due{At: r.Time, Certainty: n.Certainty.Weaker(r.Certainty)}, nil
}

func join(prefix, field string) string {
	switch {
	case prefix == "":
		return field
	case field == "":
		return prefix
	}
	return prefix + "." + field
}
