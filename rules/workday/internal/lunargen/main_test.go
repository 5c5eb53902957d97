package main

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// The committed table is what lunar-go computes.
func TestCommittedTableIsGenerated(t *testing.T) {
	committed, err := os.ReadFile("../../lunar_table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, source()) {
		t.Fatal("rules/workday/lunar_table.go is not what lunar-go gives: run `go run . > ../../lunar_table.go`")
	}
}

// The embedded 2027 reported year is lunar-go's HolidayUtil data for 2027,
// day by day: every day off and every make-up working day.
func TestEmbedded2027IsHolidayUtil(t *testing.T) {
	raw, err := os.ReadFile("../../data/cn.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Years []struct {
			Year    int `json:"year"`
			Sources []struct {
				Kind      string `json:"kind"`
				Version   string `json:"version"`
				Festivals []struct {
					From, To string
					Makeup   []string
				} `json:"festivals"`
			} `json:"sources"`
		} `json:"years"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var off, work []string
	found := false
	for _, y := range f.Years {
		if y.Year != 2027 {
			continue
		}
		found = true
		for _, s := range y.Sources {
			if s.Kind != "reported" || s.Version != "v1.4.7" {
				t.Fatalf("2027 source %q %q, want reported v1.4.7", s.Kind, s.Version)
			}
			for _, fe := range s.Festivals {
				for d := date(t, fe.From); d <= fe.To; d = next(t, d) {
					off = append(off, d)
				}
				work = append(work, fe.Makeup...)
			}
		}
	}
	if !found {
		t.Fatal("no 2027 in the embedded data")
	}
	var wantOff, wantWork []string
	l := HolidayUtil.GetHolidaysByYear(2027)
	for e := l.Front(); e != nil; e = e.Next() {
		h := e.Value.(*HolidayUtil.Holiday)
		if h.IsWork() {
			wantWork = append(wantWork, h.GetDay())
		} else {
			wantOff = append(wantOff, h.GetDay())
		}
	}
	for _, s := range [][]string{off, work, wantOff, wantWork} {
		sort.Strings(s)
	}
	if len(wantOff) == 0 || !equal(off, wantOff) || !equal(work, wantWork) {
		t.Fatalf("embedded 2027\n off  %v\n work %v\nlunar-go\n off  %v\n work %v", off, work, wantOff, wantWork)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func date(t *testing.T, s string) string {
	t.Helper()
	if len(s) != 10 {
		t.Fatalf("bad date %q", s)
	}
	return s
}

// next returns the ISO date after d.
func next(t *testing.T, d string) string {
	t.Helper()
	tm, err := timeParse(d)
	if err != nil {
		t.Fatal(err)
	}
	return tm.AddDate(0, 0, 1).Format("2006-01-02")
}

func timeParse(d string) (time.Time, error) { return time.Parse("2006-01-02", d) }
