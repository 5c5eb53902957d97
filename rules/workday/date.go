package workday

import (
	"fmt"
	"time"
)

// cst is China Standard Time as a fixed zone. It is never modified and needs
// no tzdata.
var cst = time.FixedZone("CST", cstOffset)

const (
	cstOffset  = 8 * 60 * 60 // seconds east of UTC
	secsPerDay = 24 * 60 * 60
)

// Location returns China Standard Time: a fixed zone UTC+8 named "CST". It
// works without tzdata (no time.LoadLocation) and every day boundary of this
// package is taken in it. Every call returns the same value.
func Location() *time.Location { return cst }

// Date is a civil date in China Standard Time. The zero Date is not a valid
// date; use IsValid to check values built by hand.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the CST civil date of the instant t, whatever t's location:
// 2026-09-30T20:00:00Z is 2026-10-01 in CST.
func DateOf(t time.Time) Date {
	y, m, d := t.In(cst).Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate parses "2006-01-02" as a CST civil date.
func ParseDate(s string) (Date, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, cst)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// IsValid reports whether d names a real calendar day (month 1–12, day within
// the month) in the years 1 to 9999.
func (d Date) IsValid() bool {
	if d.Year < minYear || d.Year > maxYear || d.Month < time.January || d.Month > time.December {
		return false
	}
	return d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// String formats the date as "2006-01-02". It does not normalise: an invalid
// date such as 2030-02-30 prints as written.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText encodes the date as "2006-01-02".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes "2006-01-02".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Start returns 00:00 CST of the date.
func (d Date) Start() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, cst) }

// End returns 23:59:59.999999999 CST of the date, the last representable
// instant before 24:00 (the Civil Code's end of a day).
func (d Date) End() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 999999999, cst)
}

// Weekday returns the day of the week of the date.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.number()) }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return civil(d.number() + int64(n)) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.Start().Compare(e.Start()) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// number is the day number of a valid date (days since 1970-01-01).
func (d Date) number() int64 { return dayNumber(d.Year, d.Month, d.Day) }

// Equal reports whether d and e are the same day (after normalisation, so
// 2024-02-30 equals 2024-03-01).
func (d Date) Equal(e Date) bool { return d.Compare(e) == 0 }

// ---- day numbers: days since 1970-01-01, pure integer arithmetic ----

const (
	minYear = 1
	maxYear = 9999
	minDay  = -719162 // 0001-01-01
	maxDay  = 2932896 // 9999-12-31
	// minUnix and maxUnix bound the instants whose CST date lies in years 1–9999.
	minUnix = minDay*secsPerDay - cstOffset
	maxUnix = (maxDay+1)*secsPerDay - cstOffset - 1
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// dayNumber returns the day number of a (valid) civil date (H. Hinnant's
// days_from_civil).
func dayNumber(y int, m time.Month, d int) int64 {
	yy := int64(y)
	mm := int64(m)
	if mm <= 2 {
		yy--
	}
	era := floorDiv(yy, 400)
	yoe := yy - era*400
	var mp int64
	if mm > 2 {
		mp = mm - 3
	} else {
		mp = mm + 9
	}
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil returns the civil date of a day number (days_from_civil inverse).
func civil(z int64) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return Date{Year: int(y), Month: time.Month(m), Day: int(d)}
}

// weekday of a day number; 1970-01-01 was a Thursday.
func weekdayOf(z int64) time.Weekday {
	return time.Weekday(z - 7*floorDiv(z+4, 7) + 4)
}

func isWeekend(z int64) bool {
	w := weekdayOf(z)
	return w == time.Saturday || w == time.Sunday
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// startOf and endOf give 00:00 and 23:59:59.999999999 CST of a day number.
func startOf(z int64) time.Time { return time.Unix(z*secsPerDay-cstOffset, 0).In(cst) }

func endOf(z int64) time.Time {
	return time.Unix((z+1)*secsPerDay-cstOffset-1, 999999999).In(cst)
}

// weekdaysBefore returns the number of Monday–Friday days in [0, x) (negative
// for x < 0), counting from day 0 (a Thursday).
func weekdaysBefore(x int64) int64 {
	q := floorDiv(x, 7)
	return 5*q + [7]int64{0, 1, 2, 2, 2, 3, 4}[x-7*q]
}

// nthWeekday returns the weekday x with weekdaysBefore(x) == k: the inverse of
// weekdaysBefore on Monday–Friday.
func nthWeekday(k int64) int64 {
	q := floorDiv(k, 5)
	return 7*q + [5]int64{0, 1, 4, 5, 6}[k-5*q]
}
