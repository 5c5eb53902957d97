package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

func (c *cli) calendar(name string, args []string) int {
	set := c.flagSet(name, "[flags] DATE N", `Calendar computes the deadline of a period of N working days (the default), N months
(--months) or N days (--days) from DATE (2026-09-28, or an instant whose CST date is taken),
on the PRC working-day calendar: the start day is not counted (Civil Code art. 201), a
month or day period whose last day is a rest day or holiday moves to the next working day
(art. 203), and the deadline is 24:00 CST of its last day. It lists the holidays and 调休
make-up working days the period crosses (every day with --all). N may be negative for
working days (counting backwards).

Example: guantong calendar 2026-09-28 10   → 2026-10-16, across 国庆节 10-01…10-07 and the
make-up Saturday 10-10.`)
	var f calendarFlags
	f.register(set)
	months := set.Bool("months", false, "N is a number of months (Civil Code period)")
	days := set.Bool("days", false, "N is a number of calendar days (Civil Code period)")
	all := set.Bool("all", false, "list every day of the period, not only holidays and make-up days")
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) != 2 {
		return c.fail(set, usagef("want DATE and N, got %d arguments", len(pos)))
	}
	if *months && *days {
		return c.fail(set, usagef("--months and --days exclude each other"))
	}
	start, err := parseInstant(pos[0])
	if err != nil {
		return c.fail(set, err)
	}
	n, err := strconv.Atoi(pos[1])
	if err != nil {
		return c.fail(set, usagef("N must be an integer, got %q", pos[1]))
	}
	cal, err := f.load()
	if err != nil {
		return c.fail(set, err)
	}
	from := workday.DateOf(start)
	var res workday.Result
	unit := "working day"
	switch {
	case *months:
		unit = "month"
		res, err = cal.AddMonths(start, n)
	case *days:
		unit = "day"
		res, err = cal.AddDays(start, n)
	default:
		res, err = cal.AddWorkdays(start, n)
	}
	if err != nil {
		if errors.Is(err, workday.ErrNoData) {
			err = fmt.Errorf("%w (here: --calendar FILE or --weekend-fallback)", err)
		}
		return c.fail(set, &inputError{err: err})
	}
	due := workday.DateOf(res.Time)
	w := c.stdout
	sign, abs := "+", n
	if n < 0 {
		sign, abs = "-", -n
	}
	fmt.Fprintf(w, "%s (%s) %s %s → due %s (%s) 24:00 CST%s\n", from, weekday(from), sign, plural(abs, unit), due, weekday(due), fallback(res.Fallback))
	if unit != "working day" {
		last := nominalLast(from, n, *months)
		if !last.Equal(due) {
			d, err := cal.Day(last.Start())
			if err == nil {
				fmt.Fprintf(w, "last day %s is %s; moved to the next working day %s (Civil Code art. 203)\n", last, describe(d), due)
			}
		}
	}
	lo, hi := from.AddDays(1), due
	if n < 0 {
		lo, hi = due, from.AddDays(-1)
	}
	if n == 0 || hi.Before(lo) {
		fmt.Fprintln(w, "the period crosses no day")
		return exitOK
	}
	if *all {
		fmt.Fprintf(w, "\ndays %s – %s:\n", lo, hi)
	} else {
		fmt.Fprintln(w, "\nholidays and 调休 make-up working days crossed:")
	}
	var count struct{ days, work, holiday, makeup, rest, unknown int }
	listed := 0
	ordinal := unit == "working day" && n > 0
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		count.days++
		day, err := cal.Day(d.Start())
		if err != nil {
			count.unknown++
			continue
		}
		note := ""
		switch day.Kind {
		case workday.Workday:
			count.work++
			if ordinal {
				note = fmt.Sprintf("working day %d", count.work)
			}
		case workday.MakeupWorkday:
			count.work++
			count.makeup++
			note = "调休上班"
			if ordinal {
				note += fmt.Sprintf(", working day %d", count.work)
			}
		case workday.Holiday:
			count.holiday++
		case workday.RestDay:
			count.rest++
		}
		if !*all && day.Kind != workday.Holiday && day.Kind != workday.MakeupWorkday {
			continue
		}
		listed++
		var rest []string
		if day.Festival != "" {
			rest = append(rest, day.Festival)
		}
		if note != "" {
			rest = append(rest, "("+note+")")
		}
		if day.Fallback {
			rest = append(rest, "(weekend fallback)")
		}
		line := fmt.Sprintf("  %s %s  %-15s %s", d, weekday(d), day.Kind, strings.Join(rest, " "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	if listed == 0 {
		fmt.Fprintln(w, "  none")
	}
	fmt.Fprintf(w, "\nperiod %s – %s: %s: %s, %s, %s, %s",
		lo, hi, plural(count.days, "day"), plural(count.work, "working day"), plural(count.holiday, "holiday"),
		plural(count.makeup, "make-up working day"), plural(count.rest, "ordinary rest day"))
	if count.unknown > 0 {
		fmt.Fprintf(w, ", %d without calendar data", count.unknown)
	}
	fmt.Fprintln(w)
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
