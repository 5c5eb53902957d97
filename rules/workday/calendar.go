package workday

import (
	"fmt"
	"slices"
	"time"
)

// Day is the classification of one CST civil date.
type Day struct {
	Date     Date
	Kind     Kind
	Festival string // the holiday's name for Holiday and MakeupWorkday, "" otherwise
	Fallback bool   // true when the day's year has no data and the weekend fallback answered
}

// Result is an instant computed by the calendar.
type Result struct {
	Time     time.Time // in Location()
	Fallback bool      // some day used came from the opt-in weekends-only fallback
}

// Count is a number of working days.
type Count struct {
	N        int
	Fallback bool // some day counted came from the opt-in weekends-only fallback
}

// Option configures New.
type Option func(*config)

type config struct {
	years      []Year
	fallback   bool
	noEmbedded bool
}

// WithYears adds years to the calendar, replacing embedded years of the same
// number. This is how a host adds a year the week its notice appears:
//
//	years, err := workday.ParseYears(jsonFromHost)
//	cal, err := workday.New(workday.WithYears(years...))
//
// Each year is validated as by ParseYears; a year given twice across WithYears
// options is a *DataError.
func WithYears(years ...Year) Option {
	return func(c *config) { c.years = append(c.years, years...) }
}

// WithWeekendFallback makes questions about years without data answer as if
// every Monday–Friday were a working day and every Saturday–Sunday a rest day,
// with Fallback=true on every result that used such a day, instead of
// returning ErrNoData. Off by default: an unknown year is an error, not a
// guess.
func WithWeekendFallback() Option { return func(c *config) { c.fallback = true } }

// WithoutEmbeddedData leaves out the data shipped with the package, so that
// the calendar covers only the years given with WithYears.
func WithoutEmbeddedData() Option { return func(c *config) { c.noEmbedded = true } }

// Calendar answers working-day questions for the PRC from official State
// Council data. It is immutable after New and safe for concurrent use by any
// number of goroutines. The zero Calendar covers no year and has no fallback.
type Calendar struct {
	fallback bool
	years    []Year // sorted by year, owned by the calendar

	// The table covers day numbers lo .. lo+n-1 (Jan 1 of the first loaded
	// year to Dec 31 of the last); years in between without data are filled
	// weekends-only and marked uncovered.
	lo       int64
	n        int64
	kind     []Kind
	festival []uint8  // index+1 into names; 0 for none
	names    []string // festival names
	prefix   []int32  // prefix[i]: working days in [lo, lo+i); len n+1
	work     []int32  // offsets from lo of the working days, in order
	nextGap  []int32  // nextGap[i]: least j >= i with day lo+j uncovered, or n
	prevGap  []int32  // prevGap[i]: greatest j <= i with day lo+j uncovered, or -1
}

// New builds a calendar from the embedded official data (2024–2026) plus the
// years of WithYears options. It validates all data; invalid data is a
// *DataError matching ErrInvalidData. It does no I/O.
func New(opts ...Option) (*Calendar, error) {
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	byYear := make(map[int]Year)
	if !cfg.noEmbedded {
		emb, err := EmbeddedYears()
		if err != nil {
			return nil, err
		}
		for _, y := range emb {
			byYear[y.Year] = y
		}
	}
	host := make(map[int]bool, len(cfg.years))
	for i, y := range cfg.years {
		y = cloneYear(y)
		if err := validateYear(&y, fmt.Sprintf("WithYears[%d]", i)); err != nil {
			return nil, err
		}
		if host[y.Year] {
			return nil, &DataError{Year: y.Year, Field: fmt.Sprintf("WithYears[%d].year", i), Problem: ProblemDuplicateYear}
		}
		host[y.Year] = true
		byYear[y.Year] = y
	}
	c := &Calendar{fallback: cfg.fallback}
	for _, y := range byYear {
		c.years = append(c.years, y)
	}
	slices.SortFunc(c.years, func(a, b Year) int { return a.Year - b.Year })
	c.build()
	return c, nil
}

func cloneYear(y Year) Year {
	y.Festivals = slices.Clone(y.Festivals)
	for i := range y.Festivals {
		y.Festivals[i].Makeup = slices.Clone(y.Festivals[i].Makeup)
	}
	return y
}

func (c *Calendar) build() {
	if len(c.years) == 0 {
		return // an empty table: every day is outside it
	}
	first, last := c.years[0].Year, c.years[len(c.years)-1].Year
	c.lo = dayNumber(first, time.January, 1)
	c.n = dayNumber(last+1, time.January, 1) - c.lo
	c.kind = make([]Kind, c.n)
	c.festival = make([]uint8, c.n)
	covered := make([]bool, c.n)
	for i := range c.kind {
		if isWeekend(c.lo + int64(i)) {
			c.kind[i] = RestDay
		} else {
			c.kind[i] = Workday
		}
	}
	nameIdx := map[string]uint8{}
	name := func(s string) uint8 {
		if k, ok := nameIdx[s]; ok {
			return k
		}
		if len(c.names) >= 255 {
			return 0 // more than 255 distinct names: classification kept, name dropped
		}
		c.names = append(c.names, s)
		nameIdx[s] = uint8(len(c.names))
		return uint8(len(c.names))
	}
	for _, y := range c.years {
		start := dayNumber(y.Year, time.January, 1) - c.lo
		end := dayNumber(y.Year+1, time.January, 1) - c.lo
		for i := start; i < end; i++ {
			covered[i] = true
		}
		for _, f := range y.Festivals {
			k := name(f.Name)
			for z := dayNumber(f.From.Year, f.From.Month, f.From.Day); z <= dayNumber(f.To.Year, f.To.Month, f.To.Day); z++ {
				c.kind[z-c.lo] = Holiday
				c.festival[z-c.lo] = k
			}
			for _, d := range f.Makeup {
				i := dayNumber(d.Year, d.Month, d.Day) - c.lo
				c.kind[i] = MakeupWorkday
				c.festival[i] = k
			}
		}
	}
	c.prefix = make([]int32, c.n+1)
	for i, k := range c.kind {
		c.prefix[i+1] = c.prefix[i]
		if k == Workday || k == MakeupWorkday {
			c.prefix[i+1]++
			c.work = append(c.work, int32(i))
		}
	}
	c.nextGap = make([]int32, c.n)
	c.prevGap = make([]int32, c.n)
	next, prev := int32(c.n), int32(-1)
	for i := c.n - 1; i >= 0; i-- {
		if !covered[i] {
			next = int32(i)
		}
		c.nextGap[i] = next
	}
	for i := range c.prevGap {
		if !covered[i] {
			prev = int32(i)
		}
		c.prevGap[i] = prev
	}
}

// Years returns a copy of the data the calendar was built from, sorted by
// year, each with its notice citation.
func (c *Calendar) Years() []Year {
	if c == nil {
		return nil
	}
	out := make([]Year, len(c.years))
	for i, y := range c.years {
		out[i] = cloneYear(y)
	}
	return out
}

// ---- O(1) primitives over day numbers ----

// cnt returns the number of working days in [lo, x) (negative for x < lo:
// minus the working days in [x, lo)). Outside the table every weekday counts.
func (c *Calendar) cnt(x int64) int64 {
	hi := c.lo + c.n
	switch {
	case c.n == 0:
		return weekdaysBefore(x) - weekdaysBefore(c.lo)
	case x < c.lo:
		return weekdaysBefore(x) - weekdaysBefore(c.lo)
	case x > hi:
		return int64(c.prefix[c.n]) + weekdaysBefore(x) - weekdaysBefore(hi)
	}
	return int64(c.prefix[x-c.lo])
}

// pos returns the working day x with cnt(x) == j: the inverse of cnt.
func (c *Calendar) pos(j int64) int64 {
	if c.n == 0 {
		return nthWeekday(weekdaysBefore(c.lo) + j)
	}
	total := int64(c.prefix[c.n])
	switch {
	case j < 0:
		return nthWeekday(weekdaysBefore(c.lo) + j)
	case j >= total:
		return nthWeekday(weekdaysBefore(c.lo+c.n) + j - total)
	}
	return c.lo + int64(c.work[j])
}

// gap returns the first day in [a, b] without data (the last one when
// backward), and whether there is one.
func (c *Calendar) gap(a, b int64, backward bool) (int64, bool) {
	if a > b {
		return 0, false
	}
	if backward {
		if b < c.lo || b >= c.lo+c.n {
			return b, true
		}
		g := c.lo + int64(c.prevGap[b-c.lo])
		return g, g >= a
	}
	if a < c.lo || a >= c.lo+c.n {
		return a, true
	}
	g := c.lo + int64(c.nextGap[a-c.lo])
	return g, g <= b
}

// check returns whether [a, b] used fallback days, or a *NoDataError naming
// the first day without data in the direction of counting.
func (c *Calendar) check(op string, a, b int64, backward bool) (bool, error) {
	g, ok := c.gap(a, b, backward)
	if !ok {
		return false, nil
	}
	if !c.fallback {
		return true, &NoDataError{Op: op, Date: civil(g)}
	}
	return true, nil
}

func (c *Calendar) kindOf(z int64) Kind {
	if z >= c.lo && z < c.lo+c.n {
		return c.kind[z-c.lo]
	}
	if isWeekend(z) {
		return RestDay
	}
	return Workday
}

func dayOf(op, arg string, t time.Time) (int64, error) {
	u := t.Unix()
	if u < minUnix || u > maxUnix {
		return 0, &RangeError{Op: op, Arg: arg, Reason: "instant outside the years 1–9999 (CST)"}
	}
	return floorDiv(u+cstOffset, secsPerDay), nil
}

func inRange(op string, z int64) error {
	if z < minDay || z > maxDay {
		return &RangeError{Op: op, Arg: "n", Reason: "result outside the years 1–9999"}
	}
	return nil
}

// maxSpan bounds day counts so that no arithmetic can overflow.
const maxSpan = 4_000_000

// ---- public methods ----

// Day classifies the CST date of t. A date in a year without data is a
// *NoDataError (ErrNoData), or with WithWeekendFallback a Workday/RestDay with
// Fallback=true.
func (c *Calendar) Day(t time.Time) (Day, error) {
	if c == nil {
		c = &Calendar{}
	}
	z, err := dayOf("Day", "t", t)
	if err != nil {
		return Day{}, err
	}
	fb, err := c.check("Day", z, z, false)
	if err != nil {
		return Day{}, err
	}
	d := Day{Date: civil(z), Kind: c.kindOf(z), Fallback: fb}
	if !fb {
		if k := c.festival[z-c.lo]; k != 0 {
			d.Festival = c.names[k-1]
		}
	}
	return d, nil
}

// IsWorkday reports whether the CST date of t is a working day: a Workday or
// a MakeupWorkday. Errors as for Day.
func (c *Calendar) IsWorkday(t time.Time) (bool, error) {
	d, err := c.Day(t)
	if err != nil {
		return false, err
	}
	return d.Kind == Workday || d.Kind == MakeupWorkday, nil
}

// AddWorkdays returns the end (23:59:59.999999999 CST) of the n-th working
// day counted from the day after t's CST date: the deadline of "within n
// working days from t". The day of t itself is never counted, whatever its
// kind or hour.
//
// n == 0 returns the end of t's own date and needs no data. n < 0 counts
// backwards: the end of the |n|-th working day strictly before t's date.
//
// Every day in the span must be covered by data, else *NoDataError naming the
// first uncovered day (or Fallback=true with WithWeekendFallback). |n| above
// 4,000,000 is a *RangeError. O(1), no allocation.
func (c *Calendar) AddWorkdays(t time.Time, n int) (Result, error) {
	if c == nil {
		c = &Calendar{}
	}
	const op = "AddWorkdays"
	s, err := dayOf(op, "t", t)
	if err != nil {
		return Result{}, err
	}
	if n > maxSpan || n < -maxSpan {
		return Result{}, &RangeError{Op: op, Arg: "n", Reason: "more than 4000000 working days"}
	}
	if n == 0 {
		return Result{Time: endOf(s)}, nil
	}
	var d, a, b int64
	if n > 0 {
		d = c.pos(c.cnt(s+1) + int64(n) - 1)
		a, b = s+1, d
	} else {
		d = c.pos(c.cnt(s) + int64(n))
		a, b = d, s-1
	}
	if err := inRange(op, d); err != nil {
		return Result{}, err
	}
	fb, err := c.check(op, a, b, n < 0)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: endOf(d), Fallback: fb}, nil
}

// WorkdaysBetween counts the working days d with date(from) < d <= date(to),
// dates taken in CST: the start day is not counted, the end day is. When to's
// date is before from's it returns minus the working days d with
// date(to) < d <= date(from). Equal dates give 0. Every counted day must be
// covered by data (or fallback). O(1), no allocation.
func (c *Calendar) WorkdaysBetween(from, to time.Time) (Count, error) {
	if c == nil {
		c = &Calendar{}
	}
	const op = "WorkdaysBetween"
	a, err := dayOf(op, "from", from)
	if err != nil {
		return Count{}, err
	}
	b, err := dayOf(op, "to", to)
	if err != nil {
		return Count{}, err
	}
	sign := int64(1)
	if b < a {
		a, b, sign = b, a, -1
	}
	fb, err := c.check(op, a+1, b, false)
	if err != nil {
		return Count{}, err
	}
	return Count{N: int(sign * (c.cnt(b+1) - c.cnt(a+1))), Fallback: fb}, nil
}

// NextWorkday returns the start (00:00 CST) of the first working day strictly
// after t's CST date. O(1), no allocation.
func (c *Calendar) NextWorkday(t time.Time) (Result, error) {
	if c == nil {
		c = &Calendar{}
	}
	const op = "NextWorkday"
	s, err := dayOf(op, "t", t)
	if err != nil {
		return Result{}, err
	}
	d := c.pos(c.cnt(s + 1))
	if err := inRange(op, d); err != nil {
		return Result{}, err
	}
	fb, err := c.check(op, s+1, d, false)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: startOf(d), Fallback: fb}, nil
}

// AddMonths returns the end of a Civil Code period of n months from t (arts.
// 201–203): t's CST date is not counted; the last day is the day of the n-th
// following month with the same day number as t's date, or that month's last
// day when it has none (2024-01-31 + 1 month → 2024-02-29); a last day that is
// a rest day or statutory holiday moves to the next working day (a 调休
// make-up Saturday is a working day and does not move); the period ends at
// 24:00 of that day, returned as 23:59:59.999999999 CST.
//
// n == 0 gives t's own date, moved the same way. n < 0 or n > 120000 is a
// *RangeError. Only the last day and the days it moves over need data.
func (c *Calendar) AddMonths(t time.Time, n int) (Result, error) {
	if c == nil {
		c = &Calendar{}
	}
	const op = "AddMonths"
	s, err := dayOf(op, "t", t)
	if err != nil {
		return Result{}, err
	}
	if n < 0 || n > 120000 {
		return Result{}, &RangeError{Op: op, Arg: "n", Reason: "months must be between 0 and 120000"}
	}
	d := civil(s)
	m0 := int64(d.Month) - 1 + int64(n)
	y := int64(d.Year) + m0/12
	if y > maxYear {
		return Result{}, &RangeError{Op: op, Arg: "n", Reason: "result outside the years 1–9999"}
	}
	m := time.Month(m0%12 + 1)
	day := min(d.Day, daysIn(int(y), m))
	return c.period(op, dayNumber(int(y), m, day))
}

// AddDays returns the end of a Civil Code period of n days from t: the last
// day is t's CST date plus n (the start day not counted), moved to the next
// working day when it is a rest day or statutory holiday, ending at
// 23:59:59.999999999 CST. n == 0 gives t's own date, moved the same way.
// n < 0 or n > 4,000,000 is a *RangeError.
func (c *Calendar) AddDays(t time.Time, n int) (Result, error) {
	if c == nil {
		c = &Calendar{}
	}
	const op = "AddDays"
	s, err := dayOf(op, "t", t)
	if err != nil {
		return Result{}, err
	}
	if n < 0 || n > maxSpan {
		return Result{}, &RangeError{Op: op, Arg: "n", Reason: "days must be between 0 and 4000000"}
	}
	return c.period(op, s+int64(n))
}

// period moves the last day of a period to a working day (Civil Code art.
// 203) and returns its end.
func (c *Calendar) period(op string, last int64) (Result, error) {
	if err := inRange(op, last); err != nil {
		return Result{}, err
	}
	d := c.pos(c.cnt(last)) // first working day on or after last
	if err := inRange(op, d); err != nil {
		return Result{}, err
	}
	fb, err := c.check(op, last, d, false)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: endOf(d), Fallback: fb}, nil
}
