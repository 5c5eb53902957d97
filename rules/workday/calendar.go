package workday

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// Day is the classification of one CST civil date.
type Day struct {
	Date      Date
	Kind      Kind
	Festival  string    // the holiday's name for Holiday and MakeupWorkday, "" otherwise
	Certainty Certainty // how sure the classification is
}

// Result is an instant computed by the calendar.
type Result struct {
	Time      time.Time // in Location()
	Certainty Certainty // the weakest certainty of any day the answer used
}

// Count is a number of working days.
type Count struct {
	N         int
	Certainty Certainty // the weakest certainty of any day counted
}

// Option configures New. A nil Option is ignored.
type Option func(*config)

type config struct {
	years       []Year
	fallback    bool
	noEmbedded  bool
	noReported  bool
	provisional bool
}

// WithYears adds years to the calendar, replacing embedded years of the same
// number. This is how a host adds a year the week its notice appears:
//
//	year, err := workday.ParseNotice(noticeText)   // or ParseYears(json)
//	cal, err := workday.New(workday.WithYears(year))
//
// Each year is validated as by ParseYears; a year given twice across WithYears
// options is a *DataError.
func WithYears(years ...Year) Option {
	return func(c *config) { c.years = append(c.years, years...) }
}

// WithProvisionalYears makes the calendar answer, for a year without data
// within the lunar table (2025–2100, the years under the 2024 holiday law),
// from the law itself: the statutory days (StatutoryDays) are holidays, every
// other day is an ordinary working or rest day by its weekday, and every
// result that used such a day says Certainty=Provisional. What can still
// change when the notice appears: weekend days may become make-up working
// days, weekdays next to a holiday may become days off, and a statutory day
// that falls on a Saturday or Sunday gets a weekday off in exchange (补假,
// art. 6) that the law does not name. Off by default: a year without data is
// ErrNoData.
func WithProvisionalYears() Option { return func(c *config) { c.provisional = true } }

// WithWeekendFallback makes questions about years without data (and, with
// WithProvisionalYears, outside the provisional years) answer as if every
// Monday–Friday were a working day and every Saturday–Sunday a rest day,
// with Certainty=WeekendsOnly on every result that used such a day, instead
// of returning ErrNoData. Off by default: an unknown year is an error, not a
// guess.
func WithWeekendFallback() Option { return func(c *config) { c.fallback = true } }

// WithoutEmbeddedData leaves out the data shipped with the package, so that
// the calendar covers only the years given with WithYears.
func WithoutEmbeddedData() Option { return func(c *config) { c.noEmbedded = true } }

// WithoutReportedYears leaves out the embedded years whose data is reported
// rather than official (2027 in this release), for a host that counts only on
// notices it has checked; with WithProvisionalYears such a year is then
// answered provisionally.
func WithoutReportedYears() Option { return func(c *config) { c.noReported = true } }

// Calendar answers working-day questions for the PRC from official State
// Council data, reported data and, when asked, the holiday law. It is
// immutable after New and safe for concurrent use by any number of
// goroutines. The zero Calendar covers no year and has no fallback.
type Calendar struct {
	fallback    bool
	provisional bool
	years       []Year // sorted by year, owned by the calendar
	version     string
	notices     map[int][]string // the document numbers of each year's notices

	// The table covers day numbers lo .. lo+n-1 (Jan 1 of the first year
	// with data or provisional answers to Dec 31 of the last); years in
	// between without either are filled weekends-only and marked uncovered.
	lo       int64
	n        int64
	kind     []Kind
	festival []uint8  // index+1 into names; 0 for none
	names    []string // festival names
	prefix   []int32  // prefix[i]: working days in [lo, lo+i); len n+1
	work     []int32  // offsets from lo of the working days, in order
	nextGap  []int32  // nextGap[i]: least j >= i with day lo+j uncovered, or n
	prevGap  []int32  // prevGap[i]: greatest j <= i with day lo+j uncovered, or -1
	reported []int32  // reported[i]: covered days of reported years in [lo, lo+i); len n+1
	provDays []int32  // provDays[i]: provisional days in [lo, lo+i); len n+1
}

// provisionalFirst is the first year answered provisionally: the 2024 holiday
// law applies from 2025.
const provisionalFirst = 2025

// New builds a calendar from the embedded data (2024–2026 official, 2027
// reported) plus the years of WithYears options. It validates all data;
// invalid data is a *DataError matching ErrInvalidData. It does no I/O.
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
			if cfg.noReported && y.Certainty() != Official {
				continue
			}
			byYear[y.Year] = y
		}
	}
	host := make(map[int]bool, len(cfg.years))
	for i, y := range cfg.years {
		y = cloneYear(y)
		if err := validateYear(&y, fmt.Sprintf("WithYears[%d]", i), false); err != nil {
			return nil, err
		}
		if host[y.Year] {
			return nil, &DataError{Year: y.Year, Field: fmt.Sprintf("WithYears[%d].year", i), Problem: ProblemDuplicateYear}
		}
		host[y.Year] = true
		byYear[y.Year] = y
	}
	c := &Calendar{fallback: cfg.fallback, provisional: cfg.provisional}
	for _, y := range byYear {
		c.years = append(c.years, y)
	}
	slices.SortFunc(c.years, func(a, b Year) int { return a.Year - b.Year })
	c.build()
	c.version = c.hash()
	c.notices = make(map[int][]string, len(c.years))
	for _, y := range c.years {
		if n := y.Notices(); len(n) > 0 {
			c.notices[y.Year] = n
		}
	}
	return c, nil
}

// provisionalRange is the range of years answered provisionally, if any.
func (c *Calendar) provisionalRange() (int, int, bool) {
	if !c.provisional {
		return 0, 0, false
	}
	first, last := StatutoryYears()
	return max(first, provisionalFirst), last, true
}

func (c *Calendar) build() {
	first, last := 0, -1
	if len(c.years) > 0 {
		first, last = c.years[0].Year, c.years[len(c.years)-1].Year
	}
	if pf, pl, ok := c.provisionalRange(); ok {
		if last < first {
			first, last = pf, pl
		} else {
			first, last = min(first, pf), max(last, pl)
		}
	}
	if last < first {
		return // an empty table: every day is outside it
	}
	c.lo = dayNumber(first, time.January, 1)
	c.n = dayNumber(last+1, time.January, 1) - c.lo
	c.kind = make([]Kind, c.n)
	c.festival = make([]uint8, c.n)
	covered := make([]bool, c.n)
	level := make([]uint8, c.n) // 0 official, 1 reported, 2 provisional
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
	mark := func(year int, lv uint8) {
		start := dayNumber(year, time.January, 1) - c.lo
		end := dayNumber(year+1, time.January, 1) - c.lo
		for i := start; i < end; i++ {
			covered[i], level[i] = true, lv
		}
	}
	hasData := make(map[int]bool, len(c.years))
	for i := range c.years {
		y := &c.years[i]
		hasData[y.Year] = true
		lv := uint8(0)
		if y.Certainty() != Official {
			lv = 1
		}
		mark(y.Year, lv)
		for d, info := range y.dayKinds() {
			z := d.number() - c.lo
			c.kind[z], c.festival[z] = info.kind, name(info.festival)
		}
	}
	if pf, pl, ok := c.provisionalRange(); ok {
		for year := pf; year <= pl; year++ {
			if hasData[year] {
				continue
			}
			mark(year, 2)
			days, _ := StatutoryDays(year) // in range by construction
			for i, sd := range days {
				z := sd.Date.number() - c.lo
				f := sd.Festival
				if i > 0 && days[i-1].Date == sd.Date && days[i-1].Festival != f {
					f = days[i-1].Festival + "、" + f // 中秋 on 1–3 October
				}
				c.kind[z], c.festival[z] = Holiday, name(f)
			}
		}
	}
	c.prefix = make([]int32, c.n+1)
	c.reported = make([]int32, c.n+1)
	c.provDays = make([]int32, c.n+1)
	for i, k := range c.kind {
		c.prefix[i+1], c.reported[i+1], c.provDays[i+1] = c.prefix[i], c.reported[i], c.provDays[i]
		if k == Workday || k == MakeupWorkday {
			c.prefix[i+1]++
			c.work = append(c.work, int32(i))
		}
		if covered[i] {
			switch level[i] {
			case 1:
				c.reported[i+1]++
			case 2:
				c.provDays[i+1]++
			}
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

// hash is the calendar's content hash: the data of every year, whether
// provisional years come from the lunar table (and which table), and whether
// the weekend fallback is on.
func (c *Calendar) hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "guantong.workday calendar\nfallback=%v\n", c.fallback)
	if pf, pl, ok := c.provisionalRange(); ok {
		fmt.Fprintf(h, "provisional=%d-%d law=%s table=", pf, pl, Law2024)
		for _, r := range lunarTable {
			fmt.Fprintf(h, "%d,%d,%d,%d;", r[0], r[1], r[2], r[3])
		}
		h.Write([]byte{'\n'})
	}
	data, _ := MarshalYears(c.years) // plain data: cannot fail
	h.Write(data)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

// Version is the calendar's content hash ("sha256:" and 16 hex digits): two
// calendars with the same data and options answer every question alike and
// have the same version; loading a changed year changes it. Obligations
// record it beside the policy id and bundle version, so that a deadline says
// which calendar it was counted on. The zero Calendar's version is "".
func (c *Calendar) Version() string {
	if c == nil {
		return ""
	}
	return c.version
}

// ProvisionalYears returns the range of years the calendar answers
// provisionally from the holiday law when they have no data, and whether it
// does (WithProvisionalYears).
func (c *Calendar) ProvisionalYears() (first, last int, ok bool) {
	if c == nil {
		return 0, 0, false
	}
	return c.provisionalRange()
}

// YearCertainty returns how sure the calendar is about the days of year: the
// certainty of its data, Provisional for a year answered from the law,
// WeekendsOnly with the fallback, or a *NoDataError.
func (c *Calendar) YearCertainty(year int) (Certainty, error) {
	if c == nil {
		c = &Calendar{}
	}
	for _, y := range c.years {
		if y.Year == year {
			return y.Certainty(), nil
		}
	}
	if pf, pl, ok := c.provisionalRange(); ok && year >= pf && year <= pl {
		return Provisional, nil
	}
	if c.fallback {
		return WeekendsOnly, nil
	}
	if year < minYear || year > maxYear {
		return "", &RangeError{Op: "YearCertainty", Arg: "year", Reason: "outside the years 1–9999"}
	}
	return "", &NoDataError{Op: "YearCertainty", Date: Date{year, time.January, 1}, Provisional: c.provisional}
}

// Notices returns the document numbers of the State Council notices the
// calendar holds for year, in order of issue (nil for a year without a
// notice: reported, provisional or without data). The slice is the caller's.
func (c *Calendar) Notices(year int) []string {
	if c == nil {
		return nil
	}
	return slices.Clone(c.notices[year])
}

// Years returns a copy of the data the calendar was built from, sorted by
// year, each with its sources.
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

// check returns the weakest certainty of the days [a, b], or a *NoDataError
// naming the first day without data in the direction of counting. An empty
// span is Official.
func (c *Calendar) check(op string, a, b int64, backward bool) (Certainty, error) {
	if a > b {
		return Official, nil
	}
	if g, ok := c.gap(a, b, backward); ok {
		if !c.fallback {
			return "", &NoDataError{Op: op, Date: civil(g), Provisional: c.provisional}
		}
		return WeekendsOnly, nil
	}
	i, j := a-c.lo, b-c.lo+1 // within the table: gap found none
	switch {
	case c.provDays[j] > c.provDays[i]:
		return Provisional, nil
	case c.reported[j] > c.reported[i]:
		return Reported, nil
	}
	return Official, nil
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
// Certainty=WeekendsOnly. Provisional days name the statutory festival.
func (c *Calendar) Day(t time.Time) (Day, error) {
	if c == nil {
		c = &Calendar{}
	}
	z, err := dayOf("Day", "t", t)
	if err != nil {
		return Day{}, err
	}
	cert, err := c.check("Day", z, z, false)
	if err != nil {
		return Day{}, err
	}
	d := Day{Date: civil(z), Kind: c.kindOf(z), Certainty: cert}
	if cert != WeekendsOnly {
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
// first uncovered day (or Certainty=WeekendsOnly with WithWeekendFallback). |n| above
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
		return Result{Time: endOf(s), Certainty: Official}, nil
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
	cert, err := c.check(op, a, b, n < 0)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: endOf(d), Certainty: cert}, nil
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
	cert, err := c.check(op, a+1, b, false)
	if err != nil {
		return Count{}, err
	}
	return Count{N: int(sign * (c.cnt(b+1) - c.cnt(a+1))), Certainty: cert}, nil
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
	cert, err := c.check(op, s+1, d, false)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: startOf(d), Certainty: cert}, nil
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
	cert, err := c.check(op, last, d, false)
	if err != nil {
		return Result{}, err
	}
	return Result{Time: endOf(d), Certainty: cert}, nil
}
