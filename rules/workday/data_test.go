package workday_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// fixture is a made-up year for loader tests. It is NOT an official
// arrangement; 2137 is chosen so that it cannot be mistaken for one (and lies outside the lunar table, so the holiday-law check does not apply).
// 2137-02-01 is a Friday.
const fixture = `{
  "format": "guantong.workday/v1",
  "years": [{
    "year": 2137,
    "notice": {"number": "TEST-1", "title": "test fixture, not an official notice", "date": "2136-11-01"},
    "festivals": [
      {"name": "A", "from": "2137-02-01", "to": "2137-02-03", "makeup": ["2137-02-09"]},
      {"name": "B", "from": "2137-10-01", "to": "2137-10-07"}
    ]
  }]
}`

func TestParseYearsAndWithYears(t *testing.T) {
	years, err := workday.ParseYears([]byte(fixture))
	require.NoError(t, err)
	require.Len(t, years, 1)
	c := newCal(t, workday.WithYears(years...))
	day, err := c.Day(at("2137-02-09"))
	require.NoError(t, err)
	assert.Equal(t, workday.Day{Date: d("2137-02-09"), Kind: workday.MakeupWorkday, Festival: "A", Certainty: workday.Official}, day)
	// Embedded years are still there; the gap 2028–2136 is not covered.
	_, err = c.Day(at("2026-10-01"))
	require.NoError(t, err)
	_, err = c.Day(at("2028-05-05"))
	assert.ErrorIs(t, err, workday.ErrNoData)

	// Host data replaces an embedded year of the same number.
	emb, err := workday.EmbeddedYears()
	require.NoError(t, err)
	fresh, err := workday.EmbeddedYears()
	require.NoError(t, err)
	y26 := fresh[2]
	fs := y26.Sources[0].Festivals
	last := len(fs) - 1
	require.Equal(t, "国庆节", fs[last].Name)
	fs[last].To, fs[last].Makeup = d("2026-10-03"), nil // only the statutory days
	c = newCal(t, workday.WithYears(y26))
	day, err = c.Day(at("2026-10-05"))
	require.NoError(t, err)
	assert.Equal(t, workday.Workday, day.Kind)
	assert.NotEqual(t, newCal(t).Version(), c.Version(), "a changed year changes the calendar's version")

	// The embedded file round-trips through MarshalYears.
	raw, err := os.ReadFile("data/cn.json")
	require.NoError(t, err)
	parsed, err := workday.ParseYears(raw)
	require.NoError(t, err)
	out, err := workday.MarshalYears(parsed)
	require.NoError(t, err)
	again, err := workday.ParseYears(out)
	require.NoError(t, err)
	assert.Equal(t, parsed, again)
	assert.Equal(t, emb, parsed)
}

func TestInvalidData(t *testing.T) {
	base := func(festivals string) string {
		return `{"format":"guantong.workday/v1","years":[{"year":2137,
		"notice":{"number":"TEST-1","title":"test fixture","date":"2136-11-01"},
		"festivals":[` + festivals + `]}]}`
	}
	tests := []struct {
		name    string
		data    string
		problem workday.Problem
		date    string // the date the error must name, "" if none
		field   string
	}{
		{"holiday and make-up", base(`{"name":"A","from":"2137-02-01","to":"2137-02-03","makeup":["2137-02-02"]}`),
			workday.ProblemHolidayAndMakeup, "2137-02-02", "years[0].festivals[0].makeup[0]"},
		{"make-up on a Monday", base(`{"name":"A","from":"2137-02-01","to":"2137-02-03","makeup":["2137-02-04"]}`),
			workday.ProblemMakeupNotWeekend, "2137-02-04", "years[0].festivals[0].makeup[0]"},
		{"holiday outside its year", base(`{"name":"A","from":"2136-12-31","to":"2137-01-01"}`),
			workday.ProblemOutsideYear, "2136-12-31", "years[0].festivals[0].from"},
		{"make-up outside its year", base(`{"name":"A","from":"2137-01-01","to":"2137-01-01","makeup":["2138-01-04"]}`),
			workday.ProblemOutsideYear, "2138-01-04", "years[0].festivals[0].makeup[0]"},
		{"overlapping blocks", base(`{"name":"A","from":"2137-02-01","to":"2137-02-03"},{"name":"B","from":"2137-02-03","to":"2137-02-04"}`),
			workday.ProblemDuplicateDate, "2137-02-03", "years[0].festivals[1]"},
		{"make-up twice", base(`{"name":"A","from":"2137-02-01","to":"2137-02-01","makeup":["2137-02-09"]},{"name":"B","from":"2137-03-01","to":"2137-03-01","makeup":["2137-02-09"]}`),
			workday.ProblemDuplicateDate, "2137-02-09", "years[0].festivals[1].makeup[0]"},
		{"reversed block", base(`{"name":"A","from":"2137-02-03","to":"2137-02-01"}`),
			workday.ProblemBlock, "2137-02-01", "years[0].festivals[0].to"},
		{"block too long", base(`{"name":"A","from":"2137-01-01","to":"2137-03-01"}`),
			workday.ProblemBlock, "2137-03-01", "years[0].festivals[0].to"},
		{"unnamed block", base(`{"name":"","from":"2137-02-01","to":"2137-02-01"}`),
			workday.ProblemBlock, "", "years[0].festivals[0].name"},
		{"no such day", base(`{"name":"A","from":"2137-02-30","to":"2137-03-01"}`),
			workday.ProblemInvalidDate, "", "years[0].festivals[0].from"},
		{"no citation number", `{"format":"guantong.workday/v1","years":[{"year":2137,"notice":{"title":"t","date":"2136-11-01"},"festivals":[]}]}`,
			workday.ProblemCitation, "", "years[0].notice.number"},
		{"no citation title", `{"format":"guantong.workday/v1","years":[{"year":2137,"notice":{"number":"n","date":"2136-11-01"}}]}`,
			workday.ProblemCitation, "", "years[0].notice.title"},
		{"no notice at all", `{"format":"guantong.workday/v1","years":[{"year":2137,"festivals":[]}]}`,
			workday.ProblemCitation, "", "years[0].notice.date"},
		{"notice dated after the year", `{"format":"guantong.workday/v1","years":[{"year":2137,"notice":{"number":"n","title":"t","date":"2138-01-01"}}]}`,
			workday.ProblemCitation, "2138-01-01", "years[0].notice.date"},
		{"year out of range", `{"format":"guantong.workday/v1","years":[{"year":1800,"notice":{"number":"n","title":"t","date":"1800-01-01"}}]}`,
			workday.ProblemYear, "", "years[0].year"},
		{"duplicate year", `{"format":"guantong.workday/v1","years":[
			{"year":2137,"notice":{"number":"n","title":"t","date":"2136-11-01"}},
			{"year":2137,"notice":{"number":"n","title":"t","date":"2136-11-01"}}]}`,
			workday.ProblemDuplicateYear, "", "years[1].year"},
		{"wrong format", `{"format":"v2","years":[]}`, workday.ProblemFormat, "", "format"},
		{"unknown member", `{"format":"guantong.workday/v1","years":[],"extra":1}`, workday.ProblemSyntax, "", ""},
		{"misspelt makeup", base(`{"name":"A","from":"2137-02-01","to":"2137-02-01","makup":["2137-02-09"]}`), workday.ProblemSyntax, "", "years[0]"},
		{"trailing data", `{"format":"guantong.workday/v1","years":[]} {}`, workday.ProblemSyntax, "", ""},
		{"not JSON", `nope`, workday.ProblemSyntax, "", ""},
		{"empty", ``, workday.ProblemSyntax, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := workday.ParseYears([]byte(tt.data))
			require.ErrorIs(t, err, workday.ErrInvalidData)
			var de *workday.DataError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.problem, de.Problem, err.Error())
			assert.Equal(t, tt.field, de.Field)
			if tt.date != "" {
				assert.Equal(t, d(tt.date), de.Date)
				assert.Contains(t, err.Error(), tt.date)
			}
			assert.True(t, strings.HasPrefix(err.Error(), "workday: "), err.Error())
		})
	}
}

// Years built in Go and passed to WithYears are validated like parsed ones.
func TestWithYearsValidates(t *testing.T) {
	good := workday.Year{Year: 2137, Sources: []workday.Source{{Kind: workday.SourceNotice, Number: "TEST", Title: "fixture", Date: d("2136-11-01"),
		Festivals: []workday.Festival{{Name: "A", From: d("2137-02-01"), To: d("2137-02-03"), Makeup: []workday.Date{d("2137-02-09")}}}}}}
	_, err := workday.New(workday.WithYears(good))
	require.NoError(t, err)
	withFestivals := func(fs ...workday.Festival) workday.Year {
		y := good
		y.Sources = []workday.Source{good.Sources[0]}
		y.Sources[0].Festivals = fs
		return y
	}

	bad := withFestivals(workday.Festival{Name: "A", From: d("2137-02-01"), To: d("2137-02-03"), Makeup: []workday.Date{d("2137-02-05")}})
	_, err = workday.New(workday.WithYears(bad))
	var de *workday.DataError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, workday.ProblemMakeupNotWeekend, de.Problem)
	assert.Equal(t, d("2137-02-05"), de.Date)
	assert.Equal(t, "WithYears[0].sources[0].festivals[0].makeup[0]", de.Field)

	_, err = workday.New(workday.WithYears(good), workday.WithYears(good))
	require.ErrorAs(t, err, &de)
	assert.Equal(t, workday.ProblemDuplicateYear, de.Problem)

	bad = withFestivals(workday.Festival{Name: "A", From: workday.Date{Year: 2137, Month: 2, Day: 30}, To: d("2137-03-01")})
	_, err = workday.New(workday.WithYears(bad))
	require.ErrorAs(t, err, &de)
	assert.Equal(t, workday.ProblemInvalidDate, de.Problem)
	assert.Contains(t, err.Error(), "2137-02-30")

	bad = withFestivals(good.Sources[0].Festivals...)
	bad.Sources[0].Number = ""
	_, err = workday.New(workday.WithYears(bad))
	require.ErrorAs(t, err, &de)
	assert.Equal(t, workday.ProblemCitation, de.Problem)
	assert.Equal(t, "WithYears[0].sources[0].number", de.Field)

	// The calendar keeps its own copy: mutating the caller's slice later
	// changes nothing.
	y := withFestivals(workday.Festival{Name: "A", From: d("2137-02-01"), To: d("2137-02-03"), Makeup: []workday.Date{d("2137-02-09")}})
	c := newCal(t, workday.WithYears(y))
	y.Sources[0].Festivals[0].Makeup[0] = d("2137-02-16")
	day, err := c.Day(at("2137-02-09"))
	require.NoError(t, err)
	assert.Equal(t, workday.MakeupWorkday, day.Kind)
}

func TestDateText(t *testing.T) {
	var x workday.Date
	require.NoError(t, json.Unmarshal([]byte(`"2026-10-10"`), &x))
	assert.Equal(t, workday.Date{Year: 2026, Month: 10, Day: 10}, x)
	b, err := json.Marshal(x)
	require.NoError(t, err)
	assert.Equal(t, `"2026-10-10"`, string(b))
	assert.Error(t, json.Unmarshal([]byte(`"2026-02-30"`), &x))
	assert.True(t, d("2024-02-29").IsValid())
	assert.False(t, workday.Date{Year: 2025, Month: 2, Day: 29}.IsValid())
	assert.False(t, workday.Date{}.IsValid())
	assert.True(t, d("2024-02-29").Before(d("2024-03-01")))
	assert.True(t, d("2024-03-01").After(d("2024-02-29")))
	assert.True(t, workday.Date{Year: 2024, Month: 2, Day: 30}.Equal(d("2024-03-01")))
	assert.Equal(t, d("2025-01-01"), d("2024-12-31").AddDays(1))
	assert.Equal(t, "2024-12-31", d("2024-12-31").String())
	assert.Equal(t, "2026-10-10 00:00:00 +0800 CST", d("2026-10-10").Start().String())
	assert.Equal(t, "2026-10-10 23:59:59.999999999 +0800 CST", d("2026-10-10").End().String())
}

func FuzzParseYears(f *testing.F) {
	raw, err := os.ReadFile("data/cn.json")
	require.NoError(f, err)
	f.Add(raw)
	f.Add([]byte(fixture))
	f.Add([]byte(`{"format":"guantong.workday/v1","years":[]}`))
	f.Add([]byte(`{"format":"guantong.workday/v1","years":[{"year":2137,"notice":{"number":"n","title":"t","date":"2136-11-01"},"festivals":[{"name":"A","from":"2137-02-01","to":"2137-02-03","makeup":["2137-02-02"]}]}]}`))
	f.Add([]byte(`{"format":"guantong.workday/v1","years":[{"year":2199,"notice":{"number":"n","title":"t","date":"2199-01-01"},"festivals":[{"name":"A","from":"2199-12-01","to":"2199-12-31"}]}]}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"years":[{"year":1e400}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		years, err := workday.ParseYears(data)
		if err != nil {
			var de *workday.DataError
			require.ErrorAs(t, err, &de)
			require.ErrorIs(t, err, workday.ErrInvalidData)
			return
		}
		out, err := workday.MarshalYears(years)
		require.NoError(t, err)
		again, err := workday.ParseYears(out)
		require.NoError(t, err)
		require.Equal(t, years, again)
		c, err := workday.New(workday.WithoutEmbeddedData(), workday.WithYears(years...))
		require.NoError(t, err)
		for _, y := range years {
			_, err := c.WorkdaysBetween(workday.Date{Year: y.Year, Month: 1, Day: 1}.Start(), workday.Date{Year: y.Year, Month: 12, Day: 31}.Start())
			require.NoError(t, err)
		}
	})
}
