package workday_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// benchStarts are start instants spread over 2024 so that 250 working days
// stay within the embedded data.
func benchStarts() []time.Time {
	var s []time.Time
	for day := d("2024-01-03"); day.Before(d("2024-12-20")); day = day.AddDays(11) {
		s = append(s, day.Start().Add(9*time.Hour))
	}
	return s
}

// provisionalStarts are start instants spread over 2028, a provisional year.
func provisionalStarts() []time.Time {
	var s []time.Time
	for day := d("2028-01-03"); day.Before(d("2028-12-20")); day = day.AddDays(11) {
		s = append(s, day.Start().Add(9*time.Hour))
	}
	return s
}

// BenchmarkAdd: official spans (2024), and provisional spans (2028, answered
// from the holiday law) which must stay O(1) and allocation-free alike.
func BenchmarkAdd(b *testing.B) {
	c := newCal(b)
	starts := benchStarts()
	prov := newCal(b, workday.WithProvisionalYears())
	pstarts := provisionalStarts()
	for _, n := range []int{10, 250} {
		b.Run(fmt.Sprintf("provisional/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r, err := prov.AddWorkdays(pstarts[i%len(pstarts)], n)
				if err != nil || r.Certainty != workday.Provisional {
					b.Fatal(err, r.Certainty)
				}
			}
		})
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.Run("fast", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := c.AddWorkdays(starts[i%len(starts)], n); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("naive", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := naiveAdd(c, starts[i%len(starts)], n); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkBetween(b *testing.B) {
	c := newCal(b)
	starts := benchStarts()
	prov := newCal(b, workday.WithProvisionalYears())
	pstarts := provisionalStarts()
	b.Run("provisional/250", func(b *testing.B) {
		ends := make([]time.Time, len(pstarts))
		for i, s := range pstarts {
			ends[i] = s.AddDate(1, 0, 0)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			k := i % len(pstarts)
			if _, err := prov.WorkdaysBetween(pstarts[k], ends[k]); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, n := range []int{10, 250} {
		ends := make([]time.Time, len(starts))
		for i, s := range starts {
			r, err := c.AddWorkdays(s, n)
			if err != nil {
				b.Fatal(err)
			}
			ends[i] = r.Time
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.Run("fast", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					j := i % len(starts)
					if _, err := c.WorkdaysBetween(starts[j], ends[j]); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("naive", func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					j := i % len(starts)
					if _, err := naiveBetween(c, starts[j], ends[j]); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

func BenchmarkDay(b *testing.B) {
	c := newCal(b)
	t := d("2026-02-16").Start()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.Day(t); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddMonths(b *testing.B) {
	c := newCal(b)
	t := d("2024-08-31").Start()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := c.AddMonths(t, 3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := workday.New(); err != nil {
			b.Fatal(err)
		}
	}
}
