package workday_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// randomInstant returns an instant whose CST date lies in [first, last], at a
// random time of day and in a random zone.
func randomInstant(r *rand.Rand, first, last workday.Date) time.Time {
	span := int(last.Start().Sub(first.Start()).Hours()/24) + 1
	day := first.AddDays(r.IntN(span))
	t := day.Start().Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
	zones := []*time.Location{time.UTC, workday.Location(), time.FixedZone("EST", -5*3600), time.FixedZone("X", 13*3600)}
	return t.In(zones[r.IntN(len(zones))])
}

// Round trip: WorkdaysBetween(t, AddWorkdays(t, n).Time).N == n, and add is
// monotonic in n and in t.
func TestAddBetweenProperties(t *testing.T) {
	c := newCal(t)
	r := rand.New(rand.NewPCG(1, 2))
	first, last := d("2024-03-01"), d("2025-09-30")
	for i := 0; i < 3000; i++ {
		tm := randomInstant(r, first, last)
		n := r.IntN(300)
		res, err := c.AddWorkdays(tm, n)
		require.NoError(t, err)
		cnt, err := c.WorkdaysBetween(tm, res.Time)
		require.NoError(t, err)
		require.Equal(t, n, cnt.N, "t=%s n=%d", tm, n)
		if n > 0 {
			ok, err := c.IsWorkday(res.Time)
			require.NoError(t, err)
			require.True(t, ok, "the n-th working day is a working day")
		}

		next, err := c.AddWorkdays(tm, n+1)
		require.NoError(t, err)
		require.True(t, next.Time.After(res.Time), "monotonic in n")

		later := tm.Add(time.Duration(r.Int64N(int64(30 * 24 * time.Hour))))
		res2, err := c.AddWorkdays(later, n)
		require.NoError(t, err)
		require.False(t, res2.Time.Before(res.Time), "monotonic in t")

		// Backwards: exact round trip when t's date is a working day.
		if ok, _ := c.IsWorkday(tm); ok && n > 0 {
			back, err := c.AddWorkdays(tm, -(n % 40))
			n %= 40
			require.NoError(t, err)
			cnt, err := c.WorkdaysBetween(tm, back.Time)
			require.NoError(t, err)
			require.Equal(t, -n, cnt.N)
		}
		// NextWorkday is the start of the first working day.
		nx, err := c.NextWorkday(tm)
		require.NoError(t, err)
		one, err := c.AddWorkdays(tm, 1)
		require.NoError(t, err)
		require.Equal(t, workday.DateOf(one.Time), workday.DateOf(nx.Time))
		require.True(t, nx.Time.Equal(workday.DateOf(nx.Time).Start()))
	}
}

// The fast implementation agrees with the obvious day-by-day loop.
func TestFastAgreesWithNaive(t *testing.T) {
	c := newCal(t)
	r := rand.New(rand.NewPCG(3, 4))
	first, last := d("2024-01-01"), d("2026-12-31")
	for i := 0; i < 1500; i++ {
		a, b := randomInstant(r, first, last), randomInstant(r, first, last)
		got, err := c.WorkdaysBetween(a, b)
		require.NoError(t, err)
		want, err := naiveBetween(c, a, b)
		require.NoError(t, err)
		require.Equal(t, want, got.N, "%s → %s", a, b)

		n := r.IntN(260)
		fast, ferr := c.AddWorkdays(a, n)
		slow, serr := naiveAdd(c, a, n)
		require.Equal(t, serr == nil, ferr == nil, "%s + %d: %v / %v", a, n, ferr, serr)
		if ferr == nil {
			require.True(t, slow.Equal(fast.Time), "%s + %d: fast %s, naive %s", a, n, fast.Time, slow)
		} else {
			assert.ErrorIs(t, ferr, workday.ErrNoData)
		}
	}
}

// With the fallback, fast and naive agree far outside the data, too.
func TestFastAgreesWithNaiveFallback(t *testing.T) {
	c := newCal(t, workday.WithWeekendFallback())
	r := rand.New(rand.NewPCG(5, 6))
	first, last := d("2020-01-01"), d("2030-12-31")
	for i := 0; i < 1000; i++ {
		a, b := randomInstant(r, first, last), randomInstant(r, first, last)
		if b.Sub(a) > 400*24*time.Hour || a.Sub(b) > 400*24*time.Hour {
			b = a.Add(time.Duration(r.Int64N(int64(400*24*time.Hour))) - 200*24*time.Hour)
		}
		got, err := c.WorkdaysBetween(a, b)
		require.NoError(t, err)
		want, err := naiveBetween(c, a, b)
		require.NoError(t, err)
		require.Equal(t, want, got.N, "%s → %s", a, b)
		n := r.IntN(260)
		fast, err := c.AddWorkdays(a, n)
		require.NoError(t, err)
		slow, err := naiveAdd(c, a, n)
		require.NoError(t, err)
		require.True(t, slow.Equal(fast.Time), "%s + %d", a, n)
	}
}

func FuzzAddWorkdays(f *testing.F) {
	f.Add(int64(0), 10, int64(100))
	f.Add(int64(1000), 250, int64(-50))
	f.Add(int64(-500), -7, int64(3))
	c, err := workday.New(workday.WithWeekendFallback())
	require.NoError(f, err)
	base := d("2025-06-30").Start()
	f.Fuzz(func(t *testing.T, off int64, n int, span int64) {
		tm := base.Add(time.Duration(off%2000) * 17 * time.Hour)
		n %= 400
		res, err := c.AddWorkdays(tm, n)
		require.NoError(t, err)
		if n >= 0 {
			slow, err := naiveAdd(c, tm, n)
			require.NoError(t, err)
			require.True(t, slow.Equal(res.Time))
		}
		cnt, err := c.WorkdaysBetween(tm, res.Time)
		require.NoError(t, err)
		if ok, _ := c.IsWorkday(tm); n >= 0 || ok {
			require.Equal(t, n, cnt.N)
		}
		to := tm.Add(time.Duration(span%800) * 24 * time.Hour)
		got, err := c.WorkdaysBetween(tm, to)
		require.NoError(t, err)
		want, err := naiveBetween(c, tm, to)
		require.NoError(t, err)
		require.Equal(t, want, got.N)
	})
}
