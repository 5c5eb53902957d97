package workday

import (
	"fmt"
	"strconv"
	"time"
)

// Unit is the length of a calendar period. Weeks begin on Monday; months on
// day 1; quarters on 1 January, 1 April, 1 July and 1 October; half years on
// 1 January and 1 July; years on 1 January. Every period is made of whole
// China Standard Time days, its first and last day both included. This is the
// one period arithmetic of the module: the meeting cadences, the clue
// ledger's reviews and the CEL functions period.start and period.end use it.
type Unit string

// Units.
const (
	UnitWeek     Unit = "week"
	UnitMonth    Unit = "month"
	UnitQuarter  Unit = "quarter"
	UnitHalfYear Unit = "half_year"
	UnitYear     Unit = "year"
)

// Values returns the declared units.
func (Unit) Values() []Unit {
	return []Unit{UnitWeek, UnitMonth, UnitQuarter, UnitHalfYear, UnitYear}
}

// Valid reports whether u is a declared unit.
func (u Unit) Valid() bool { return u == UnitWeek || u.Months() > 0 }

// Months is the length of a month-based unit in months: 1, 3, 6 or 12; 0 for
// weeks and for unknown units.
func (u Unit) Months() int {
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

// Period is one calendar period: its unit and its first and last CST dates,
// both included. The zero Period is not a period; build one with PeriodOf,
// Date.Period, QuarterOf or HalfYearOf.
type Period struct {
	Unit  Unit `json:"unit"`
	First Date `json:"first"`
	Last  Date `json:"last"`
}

// PeriodOf returns the period of unit u containing the instant t (its CST
// date). An unknown unit is an error matching ErrUnknownUnit.
func PeriodOf(t time.Time, u Unit) (Period, error) { return DateOf(t).Period(u) }

// Period returns the period of unit u containing d. An unknown unit is an
// error matching ErrUnknownUnit.
func (d Date) Period(u Unit) (Period, error) {
	if u == UnitWeek {
		first := d.AddDays(-(int(d.Weekday()+6) % 7)) // Monday
		return Period{Unit: u, First: first, Last: first.AddDays(6)}, nil
	}
	n := u.Months()
	if n == 0 {
		return Period{}, fmt.Errorf("%w %q (week, month, quarter, half_year or year)", ErrUnknownUnit, u)
	}
	first := Date{Year: d.Year, Month: time.Month((int(d.Month)-1)/n*n + 1), Day: 1}
	return Period{Unit: u, First: first, Last: first.AddMonths(n).AddDays(-1)}, nil
}

// QuarterOf returns quarter q (1–4) of year: the period of the quarterly
// review (一季一梳理). q outside 1–4 is a *RangeError.
func QuarterOf(year, q int) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, &RangeError{Op: "QuarterOf", Arg: "q", Reason: "must be 1 to 4, got " + strconv.Itoa(q)}
	}
	return Date{Year: year, Month: time.Month(3*q - 2), Day: 1}.Period(UnitQuarter)
}

// HalfYearOf returns half h (1 or 2) of year: the period of the half-yearly
// dispatch (半年一调度). h other than 1 or 2 is a *RangeError.
func HalfYearOf(year, h int) (Period, error) {
	if h < 1 || h > 2 {
		return Period{}, &RangeError{Op: "HalfYearOf", Arg: "h", Reason: "must be 1 or 2, got " + strconv.Itoa(h)}
	}
	return Date{Year: year, Month: time.Month(6*h - 5), Day: 1}.Period(UnitHalfYear)
}

// Start returns 00:00 CST of the period's first day.
func (p Period) Start() time.Time { return p.First.Start() }

// End returns the last nanosecond of the period's last day
// (23:59:59.999999999 CST): an instant x is in the period iff
// !x.Before(p.Start()) && !x.After(p.End()).
func (p Period) End() time.Time { return p.Last.End() }

// Contains reports whether the instant t lies in p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start()) && !t.After(p.End()) }

// Next returns the period following p.
func (p Period) Next() Period {
	n, _ := p.Last.AddDays(1).Period(p.Unit)
	return n
}

// String names the period: 2026-W03 (the ISO week of its Monday), 2026-03,
// 2026-Q1, 2026-H1 or 2026.
func (p Period) String() string {
	y := strconv.Itoa(p.First.Year)
	switch p.Unit {
	case UnitWeek:
		iy, iw := p.First.Start().ISOWeek()
		return fmt.Sprintf("%d-W%02d", iy, iw)
	case UnitMonth:
		return fmt.Sprintf("%s-%02d", y, int(p.First.Month))
	case UnitQuarter:
		return y + "-Q" + strconv.Itoa((int(p.First.Month)+2)/3)
	case UnitHalfYear:
		return y + "-H" + strconv.Itoa((int(p.First.Month)+5)/6)
	case UnitYear:
		return y
	}
	return p.First.String() + "/" + p.Last.String()
}

// AddMonths returns the date n months after d by the Civil Code's month
// count (arts. 201–202): the day of the n-th following month with d's day
// number, or that month's last day when it has none (2024-01-31 + 1 month is
// 2024-02-29). n may be negative. Unlike Calendar.AddMonths it does not move
// a rest day and needs no calendar data.
func (d Date) AddMonths(n int) Date {
	m := int64(d.Year)*12 + int64(d.Month) - 1 + int64(n)
	y := floorDiv(m, 12)
	mon := time.Month(m - 12*y + 1)
	return Date{Year: int(y), Month: mon, Day: min(d.Day, daysIn(int(y), mon))}
}

// DaysSince returns the number of days from e to d: 1 from yesterday to today,
// negative when d is before e.
func (d Date) DaysSince(e Date) int { return int(d.number() - e.number()) }
