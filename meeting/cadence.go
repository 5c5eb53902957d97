package meeting

import (
	"fmt"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Unit is the length of a cadence's period.
type Unit string

// Units. Weeks begin on Monday; quarters on 1 January, 1 April, 1 July and
// 1 October; half-years on 1 January and 1 July. Days are China Standard
// Time days.
// The values are the calendar's (workday.Unit).
const (
	UnitWeek     = Unit(workday.UnitWeek)
	UnitMonth    = Unit(workday.UnitMonth)
	UnitQuarter  = Unit(workday.UnitQuarter)
	UnitHalfYear = Unit(workday.UnitHalfYear)
	UnitYear     = Unit(workday.UnitYear)
)

// months is the length of a month-based unit in months; 0 for weeks and
// unknown units (the calendar's period arithmetic, workday.Unit).
func (u Unit) months() int { return workday.Unit(u).Months() }

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
	n      int          // days per period (weeks) or months per period
	anchor workday.Date // the first day of a period (of period 0)
	plain  bool         // calendar periods (workday.Period): labelled 2026-Q1 etc.
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
		s.anchor = workday.Date{Year: 2024, Month: time.January, Day: 1}
	} else {
		a := c.Anchor.In(workday.Location())
		if a.Year() < minAnchorYear || a.Year() > maxAnchorYear {
			return bad("anchor", "year %d outside %d–%d", a.Year(), minAnchorYear, maxAnchorYear)
		}
		if !s.weeks && a.Day() > 28 {
			return bad("anchor", "day %d: a month-based cadence must start on day 1–28", a.Day())
		}
		s.anchor = workday.DateOf(a)
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
// (Monday), month, quarter, half-year or year containing t: the calendar's
// periods (workday.PeriodOf), the same as the rules library's period.start.
func PeriodStart(t time.Time, u Unit) (time.Time, error) {
	if !u.Valid() {
		return time.Time{}, &CadenceError{Field: "unit", Reason: fmt.Sprintf("unknown unit %q (week, month, quarter, half_year or year)", u)}
	}
	p, err := workday.PeriodOf(t, workday.Unit(u))
	return p.Start(), err
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// index is the number of the period containing t, 0 being the anchor's.
func (s *spec) index(t time.Time) int64 {
	d := workday.DateOf(t)
	if s.weeks {
		return floorDiv(int64(d.DaysSince(s.anchor)), int64(s.n))
	}
	mt := int64(d.Year-s.anchor.Year)*12 + int64(d.Month-s.anchor.Month)
	if d.Day < s.anchor.Day {
		mt--
	}
	return floorDiv(mt, int64(s.n))
}

func (s *spec) start(i int64) workday.Date {
	if s.weeks {
		return s.anchor.AddDays(int(i * int64(s.n)))
	}
	return s.anchor.AddMonths(int(i * int64(s.n))) // anchors are on day 1–28: never clamped
}

func (s *spec) period(i int64) Period {
	first, last := s.start(i), s.start(i+1).AddDays(-1)
	p := Period{Start: first.Start(), End: last.End()}
	if s.plain {
		p.Label = workday.Period{Unit: workday.Unit(s.unit), First: first, Last: last}.String()
	} else {
		p.Label = first.String() + "/" + last.String()
	}
	return p
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
