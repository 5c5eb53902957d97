package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

const calendarHelp = `Calendar answers working-day questions on the PRC calendar and says how sure each answer is.

  guantong calendar DATE PERIOD     the deadline of a period from DATE
  guantong calendar FROM TO         every day from FROM to TO (both included)
  guantong calendar import NOTICE [AMENDMENT ...]
                                    read the text of a State Council holiday notice (and notices
                                    amending it) and print the calendar data file (guantong.workday/v2)

PERIOD is N working days (10, 10wd; negative counts backwards), N months (3m) or N days (30d);
--months and --days make a bare N months or days. The start day is not counted (Civil Code art.
201); a month or day period whose last day is a rest day or holiday moves to the next working day
(art. 203); the deadline is 24:00 CST of its last day. The holidays and 调休 make-up working days
the period crosses are listed (every day with --all).

Every day is official (a State Council notice), reported (a named secondary source, not yet
checked against the notice: 2027 in this release), provisional (with --provisional: the
statutory days of the holiday law, 调休 unknown) or unknown (no data); an answer is as sure as
the least sure day it used.

Examples:
  guantong calendar 2026-09-28 10            → 2026-10-16, across 国庆节 and the make-up Saturday 10-10
  guantong calendar 2026-12-02 3m            → 2027-03-02, reported
  guantong calendar 2027-01-25 2027-02-20    → the 2027 Spring Festival, day by day
  guantong calendar import notice-2027.txt > 2027.json`

func (c *cli) calendar(name string, args []string) int {
	set := c.flagSet(name, "[flags] DATE PERIOD | FROM TO | import NOTICE...", calendarHelp)
	var f calendarFlags
	f.register(set)
	months := set.Bool("months", false, "a bare N is a number of months (Civil Code period)")
	days := set.Bool("days", false, "a bare N is a number of calendar days (Civil Code period)")
	all := set.Bool("all", false, "list every day of the period, not only holidays and make-up days")
	out := set.String("o", "", "import: write the data file to `FILE` instead of standard output")
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) > 0 && pos[0] == "import" {
		return c.calendarImport(set, pos[1:], *out)
	}
	if len(pos) != 2 {
		return c.fail(set, usagef("want DATE PERIOD or FROM TO, got %s", plural(len(pos), "argument")))
	}
	if *months && *days {
		return c.fail(set, usagef("--months and --days exclude each other"))
	}
	start, err := parseInstant(pos[0])
	if err != nil {
		return c.fail(set, err)
	}
	cal, err := f.load()
	if err != nil {
		return c.fail(set, err)
	}
	if to, err := workday.ParseDate(pos[1]); err == nil {
		return c.calendarRange(set, cal, workday.DateOf(start), to)
	}
	unit, n, err := parsePeriod(pos[1], *months, *days)
	if err != nil {
		return c.fail(set, err)
	}
	return c.calendarPeriod(set, cal, start, unit, n, *all)
}

// Period units of the calendar command.
const (
	unitWorkday = "working day"
	unitMonth   = "month"
	unitDay     = "day"
)

// parsePeriod reads N, Nwd, Nm or Nd.
func parsePeriod(s string, months, days bool) (string, int, error) {
	unit, num := unitWorkday, s
	switch {
	case strings.HasSuffix(s, "wd"):
		num = strings.TrimSuffix(s, "wd")
	case strings.HasSuffix(s, "m"):
		unit, num = unitMonth, strings.TrimSuffix(s, "m")
	case strings.HasSuffix(s, "d"):
		unit, num = unitDay, strings.TrimSuffix(s, "d")
	case months:
		unit = unitMonth
	case days:
		unit = unitDay
	}
	if num != s && (months || days) {
		return "", 0, usagef("--months and --days apply to a bare number, not to %q", s)
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return "", 0, usagef("PERIOD must be N working days (10, 10wd), N months (3m), N days (30d) or a date, got %q", s)
	}
	return unit, n, nil
}

func (c *cli) calendarPeriod(set *flag.FlagSet, cal *workday.Calendar, start time.Time, unit string, n int, all bool) int {
	from := workday.DateOf(start)
	var res workday.Result
	var err error
	switch unit {
	case unitMonth:
		res, err = cal.AddMonths(start, n)
	case unitDay:
		res, err = cal.AddDays(start, n)
	default:
		res, err = cal.AddWorkdays(start, n)
	}
	if err != nil {
		return c.fail(set, calendarError(err))
	}
	due := workday.DateOf(res.Time)
	w := c.stdout
	sign, abs := "+", n
	if n < 0 {
		sign, abs = "-", -n
	}
	fmt.Fprintf(w, "%s (%s) %s %s → due %s (%s) 24:00 CST%s\n", from, weekday(from), sign, plural(abs, unit), due, weekday(due), certaintyNote(res.Certainty))
	if unit != unitWorkday {
		last := nominalLast(from, n, unit == unitMonth)
		if !last.Equal(due) {
			if d, err := cal.Day(last.Start()); err == nil {
				fmt.Fprintf(w, "last day %s is %s; moved to the next working day %s (Civil Code art. 203)\n", last, describe(d), due)
			}
		}
	}
	lo, hi := from.AddDays(1), due
	if n < 0 {
		lo, hi = due, from.AddDays(-1)
	}
	if unit != unitWorkday && n >= 0 {
		lo = from.AddDays(1)
	}
	writeCertainty(w, cal, lo, hi, res.Certainty)
	if n == 0 || hi.Before(lo) {
		fmt.Fprintln(w, "the period crosses no day")
		return exitOK
	}
	if all {
		fmt.Fprintf(w, "\ndays %s – %s:\n", lo, hi)
	} else {
		fmt.Fprintln(w, "\nholidays and 调休 make-up working days crossed:")
	}
	var t tally
	listed := 0
	ordinal := unit == unitWorkday && n > 0
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		day, err := cal.Day(d.Start())
		t.add(day, err)
		if err != nil || (!all && day.Kind != workday.Holiday && day.Kind != workday.MakeupWorkday) {
			continue
		}
		note := ""
		if day.Kind == workday.MakeupWorkday {
			note = "调休上班"
		}
		if ordinal && day.Kind.IsWorking() {
			if note != "" {
				note += ", "
			}
			note += fmt.Sprintf("working day %d", t.work)
		}
		listed++
		fmt.Fprintln(w, dayLine(day, note))
	}
	if listed == 0 {
		fmt.Fprintln(w, "  none")
	}
	fmt.Fprintf(w, "\nperiod %s – %s: %s\n", lo, hi, t.summary())
	return exitOK
}

func (c *cli) calendarRange(set *flag.FlagSet, cal *workday.Calendar, from, to workday.Date) int {
	if to.Before(from) {
		return c.fail(set, usagef("TO %s is before FROM %s", to, from))
	}
	if n := to.Compare(from.AddDays(3660)); n > 0 {
		return c.fail(set, usagef("a range of at most ten years, please"))
	}
	w := c.stdout
	var t tally
	for d := from; !d.After(to); d = d.AddDays(1) {
		day, err := cal.Day(d.Start())
		t.add(day, err)
		if err != nil {
			fmt.Fprintf(w, "  %s %s  %-15s %-14s no calendar data\n", d, weekday(d), "unknown", "unknown")
			continue
		}
		note := ""
		if day.Kind == workday.MakeupWorkday {
			note = "调休上班"
		}
		line := fmt.Sprintf("  %s %s  %-15s %-14s %s", d, weekday(d), day.Kind, day.Certainty, festivalNote(day.Festival, note))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintf(w, "\n%s – %s: %s\n", from, to, t.summary())
	fmt.Fprintf(w, "certainty: %s\n", t.certainties())
	weakest := workday.Official
	for _, k := range []workday.Certainty{workday.Reported, workday.Provisional, workday.WeekendsOnly} {
		if t.byCert[k] > 0 {
			weakest = k
		}
	}
	writeCertainty(w, cal, from, to, weakest)
	return exitOK
}

func festivalNote(festival, note string) string {
	switch {
	case festival == "":
		return note
	case note == "":
		return festival
	}
	return festival + " (" + note + ")"
}

func dayLine(day workday.Day, note string) string {
	rest := []string{}
	if day.Festival != "" {
		rest = append(rest, day.Festival)
	}
	if note != "" {
		rest = append(rest, "("+note+")")
	}
	if day.Certainty != workday.Official {
		rest = append(rest, "["+string(day.Certainty)+"]")
	}
	line := fmt.Sprintf("  %s %s  %-15s %s", day.Date, weekday(day.Date), day.Kind, strings.Join(rest, " "))
	return strings.TrimRight(line, " ")
}

// tally counts the days of a span. Working days include the make-up days; the kinds add up
// to the days.
type tally struct {
	days, work, makeup, holiday, rest, unknown int
	byCert                                     map[workday.Certainty]int
}

func (t *tally) add(d workday.Day, err error) {
	if t.byCert == nil {
		t.byCert = map[workday.Certainty]int{}
	}
	t.days++
	if err != nil {
		t.unknown++
		return
	}
	t.byCert[d.Certainty]++
	switch d.Kind {
	case workday.Workday:
		t.work++
	case workday.MakeupWorkday:
		t.work++
		t.makeup++
	case workday.Holiday:
		t.holiday++
	case workday.RestDay:
		t.rest++
	}
}

func (t *tally) summary() string {
	s := fmt.Sprintf("%s: %s", plural(t.days, "day"), plural(t.work, "working day"))
	if t.makeup > 0 {
		s += fmt.Sprintf(" (%s among them)", plural(t.makeup, "调休 make-up day"))
	}
	s += fmt.Sprintf(", %s, %s", plural(t.holiday, "holiday"), plural(t.rest, "ordinary rest day"))
	if t.unknown > 0 {
		s += fmt.Sprintf(", %d without calendar data", t.unknown)
	}
	return s
}

func (t *tally) certainties() string {
	var parts []string
	for _, k := range []workday.Certainty{workday.Official, workday.Reported, workday.Provisional, workday.WeekendsOnly} {
		if n := t.byCert[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	if t.unknown > 0 {
		parts = append(parts, fmt.Sprintf("%d unknown", t.unknown))
	}
	return strings.Join(parts, ", ")
}

// writeCertainty explains, for an answer that is not official, where each year of the span
// lo..hi that is not official comes from and what may still change.
func writeCertainty(w io.Writer, cal *workday.Calendar, lo, hi workday.Date, cert workday.Certainty) {
	if cert == workday.Official || cert == "" {
		return
	}
	if hi.Before(lo) {
		lo, hi = hi, lo
	}
	for y := lo.Year; y <= hi.Year; y++ {
		yc, err := cal.YearCertainty(y)
		if err != nil || yc == workday.Official {
			continue
		}
		switch yc {
		case workday.Reported:
			for _, year := range cal.Years() {
				if year.Year != y {
					continue
				}
				for _, s := range year.Sources {
					if s.Kind == workday.SourceReported {
						fmt.Fprintf(w, "certainty: %d is reported: %s %s (%s), not yet checked against the State Council notice; the statutory days are fixed by law, the 调休 days may still change\n",
							y, s.Title, s.Version, s.Date)
					}
				}
			}
		case workday.Provisional:
			fmt.Fprintf(w, "certainty: %d is provisional: its statutory days off (全国年节及纪念日放假办法 第二条) are known; which weekend days are worked and which weekdays are off (调休, 补假) is not\n", y)
		case workday.WeekendsOnly:
			fmt.Fprintf(w, "certainty: %d has no calendar data: Monday to Friday counted as working days, holidays unknown\n", y)
		}
	}
}

// calendarError turns a calendar error into what the user can do on the command line.
func calendarError(err error) error {
	var nd *workday.NoDataError
	if errors.As(err, &nd) {
		return &inputError{err: noDataHint(nd)}
	}
	return &inputError{err: err}
}

// noDataHint is the command line's message for a year without calendar data: what is
// missing and the flags that supply it (the library's own message names its Go options).
func noDataHint(nd *workday.NoDataError) error {
	if nd.Provisional {
		first, last := workday.StatutoryYears()
		return fmt.Errorf("no calendar data for %s: year %d is not loaded and lies outside the provisional years %d–%d; load it with --calendar FILE (the year's notice text or guantong.workday JSON), or use --weekend-fallback",
			nd.Date, nd.Year(), max(first, 2025), last)
	}
	return fmt.Errorf("no calendar data for %s: year %d is not loaded; load it with --calendar FILE (the year's notice text or guantong.workday JSON), or answer from the holiday law with --provisional, or weekends-only with --weekend-fallback",
		nd.Date, nd.Year())
}

func (c *cli) calendarImport(set *flag.FlagSet, files []string, out string) int {
	if len(files) == 0 {
		return c.fail(set, usagef("import: want a notice file (and any amending notices), got none"))
	}
	var y workday.Year
	for i, name := range files {
		data, err := readLimited(name)
		if err != nil {
			return c.fail(set, inputf("import: %w", err))
		}
		if i == 0 {
			y, err = workday.ParseNotice(data)
		} else {
			y, err = workday.ParseAmendment(y, data)
		}
		if err != nil {
			return c.fail(set, inputf("import %s: %w", name, err))
		}
	}
	data, err := workday.MarshalYears([]workday.Year{y})
	if err != nil {
		return c.fail(set, inputf("import: %w", err))
	}
	data = append(data, '\n')
	if out == "" {
		if _, err := c.stdout.Write(data); err != nil {
			return exitUsage
		}
	} else if err := os.WriteFile(out, data, 0o644); err != nil {
		return c.fail(set, inputf("import: %w", err))
	}
	off, makeup := 0, 0
	cal, err := workday.New(workday.WithoutEmbeddedData(), workday.WithYears(y))
	if err != nil {
		return c.fail(set, inputf("import: %w", err))
	}
	for d := (workday.Date{Year: y.Year, Month: time.January, Day: 1}); d.Year == y.Year; d = d.AddDays(1) {
		day, _ := cal.Day(d.Start())
		switch day.Kind {
		case workday.Holiday:
			off++
		case workday.MakeupWorkday:
			makeup++
		}
	}
	fmt.Fprintf(c.stderr, "%d: %s; %s, %d days off, %s; every statutory day of 全国年节及纪念日放假办法 第二条 is off\n",
		y.Year, strings.Join(y.Notices(), " + "), plural(len(y.Festivals()), "festival"), off, plural(makeup, "make-up working day"))
	return exitOK
}

// nominalLast is the last day of a month or day period before the Civil Code art. 203 move.
func nominalLast(from workday.Date, n int, months bool) workday.Date {
	if !months {
		return from.AddDays(n)
	}
	first := time.Date(from.Year, from.Month+time.Month(n), 1, 0, 0, 0, 0, workday.Location())
	last := time.Date(first.Year(), first.Month()+1, 0, 0, 0, 0, 0, workday.Location()).Day()
	return workday.Date{Year: first.Year(), Month: first.Month(), Day: min(from.Day, last)}
}

func weekday(d workday.Date) string { return d.Weekday().String()[:3] }

func describe(d workday.Day) string {
	switch d.Kind {
	case workday.Holiday:
		return "a holiday (" + d.Festival + ")"
	case workday.RestDay:
		return "a rest day (" + weekday(d.Date) + ")"
	}
	return d.Kind.String()
}
