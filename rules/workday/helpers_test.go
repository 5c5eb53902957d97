package workday_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// d parses "2006-01-02" as a CST date; it panics on a typo in a test literal.
func d(s string) workday.Date {
	v, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// at returns noon CST of a date written "2006-01-02".
func at(s string) time.Time { return d(s).Start().Add(12 * time.Hour) }

func newCal(t testing.TB, opts ...workday.Option) *workday.Calendar {
	t.Helper()
	c, err := workday.New(opts...)
	require.NoError(t, err)
	return c
}

// naiveAdd is the obvious loop: step one day at a time, counting working days.
func naiveAdd(c *workday.Calendar, t time.Time, n int) (time.Time, error) {
	day := workday.DateOf(t)
	for n > 0 {
		day = day.AddDays(1)
		ok, err := c.IsWorkday(day.Start())
		if err != nil {
			return time.Time{}, err
		}
		if ok {
			n--
		}
	}
	return day.End(), nil
}

// naiveBetween counts working days one day at a time in (date(from), date(to)].
func naiveBetween(c *workday.Calendar, from, to time.Time) (int, error) {
	a, b, sign := workday.DateOf(from), workday.DateOf(to), 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for day := a.AddDays(1); !day.After(b); day = day.AddDays(1) {
		ok, err := c.IsWorkday(day.Start())
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return sign * n, nil
}
