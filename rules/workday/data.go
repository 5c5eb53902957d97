package workday

import (
	"bytes"
	_ "embed" // the official data file
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// FormatV1 is the value of the "format" member of a calendar data file.
const FormatV1 = "guantong.workday/v1"

const (
	minDataYear = 1949
	maxDataYear = 2199
	maxBlockLen = 31
)

// embeddedData is data/cn.json: the State Council arrangements shipped with
// this release. A string, so it cannot be modified.
//
//go:embed data/cn.json
var embeddedData string

// Notice cites the State Council notice that fixes a year's arrangement.
type Notice struct {
	Number string `json:"number"`        // document number, e.g. "国办发明电〔2025〕7号"
	Title  string `json:"title"`         // e.g. "国务院办公厅关于2026年部分节假日安排的通知"
	Date   Date   `json:"date"`          // date of issue, in the year or the year before
	URL    string `json:"url,omitempty"` // where it was read, optional
}

// Festival is one holiday block of a year: the consecutive days off From..To
// (both included) and the weekend days worked in exchange (调休上班).
type Festival struct {
	Name   string `json:"name"`             // as in the notice, e.g. "春节", "国庆节、中秋节"
	From   Date   `json:"from"`             // first day off
	To     Date   `json:"to"`               // last day off (equal to From for a single day)
	Makeup []Date `json:"makeup,omitempty"` // make-up working days, each a Saturday or Sunday
	Note   string `json:"note,omitempty"`   // free text, e.g. a recommendation in the notice
}

// Year is the official arrangement of one calendar year. Days of the year not
// listed are ordinary: Monday–Friday working days, Saturday–Sunday rest days.
type Year struct {
	Year      int        `json:"year"`
	Notice    Notice     `json:"notice"`
	Festivals []Festival `json:"festivals"`
}

// file is the JSON document read by ParseYears.
type file struct {
	Format string     `json:"format"`
	Years  []yearJSON `json:"years"`
}

type yearJSON struct {
	Year      int            `json:"year"`
	Notice    noticeJSON     `json:"notice"`
	Festivals []festivalJSON `json:"festivals"`
}

type noticeJSON struct {
	Number string `json:"number"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	URL    string `json:"url,omitempty"`
}

type festivalJSON struct {
	Name   string   `json:"name"`
	From   string   `json:"from"`
	To     string   `json:"to"`
	Makeup []string `json:"makeup,omitempty"`
	Note   string   `json:"note,omitempty"`
}

// ParseYears reads calendar data in the JSON format described in the package
// documentation and validates every year. Malformed or contradictory data is a
// *DataError (matching ErrInvalidData) naming the year, field and date.
// Unknown members are rejected so that a misspelt key cannot silently drop a
// make-up day. ParseYears never panics.
func ParseYears(data []byte) ([]Year, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, &DataError{Problem: ProblemSyntax, Err: err}
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, &DataError{Problem: ProblemSyntax, Err: errors.New("data after the JSON document")}
	}
	if f.Format != FormatV1 {
		return nil, &DataError{Field: "format", Problem: ProblemFormat,
			Err: fmt.Errorf("got %q, want %q", f.Format, FormatV1)}
	}
	years := make([]Year, 0, len(f.Years))
	seen := make(map[int]bool, len(f.Years))
	for i, yj := range f.Years {
		path := fmt.Sprintf("years[%d]", i)
		y, err := yj.convert(path)
		if err != nil {
			return nil, err
		}
		if err := validateYear(&y, path); err != nil {
			return nil, err
		}
		if seen[y.Year] {
			return nil, &DataError{Year: y.Year, Field: path + ".year", Problem: ProblemDuplicateYear}
		}
		seen[y.Year] = true
		years = append(years, y)
	}
	return years, nil
}

func parseDateField(s string, year int, field string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, &DataError{Year: year, Field: field, Problem: ProblemInvalidDate, Err: err}
	}
	return d, nil
}

func (yj yearJSON) convert(path string) (Year, error) {
	y := Year{Year: yj.Year, Notice: Notice{Number: yj.Notice.Number, Title: yj.Notice.Title, URL: yj.Notice.URL}}
	if yj.Notice.Date == "" {
		return Year{}, &DataError{Year: yj.Year, Field: path + ".notice.date", Problem: ProblemCitation}
	}
	var err error
	if y.Notice.Date, err = parseDateField(yj.Notice.Date, yj.Year, path+".notice.date"); err != nil {
		return Year{}, err
	}
	for i, fj := range yj.Festivals {
		fp := fmt.Sprintf("%s.festivals[%d]", path, i)
		f := Festival{Name: fj.Name, Note: fj.Note}
		if f.From, err = parseDateField(fj.From, yj.Year, fp+".from"); err != nil {
			return Year{}, err
		}
		if f.To, err = parseDateField(fj.To, yj.Year, fp+".to"); err != nil {
			return Year{}, err
		}
		for j, s := range fj.Makeup {
			d, err := parseDateField(s, yj.Year, fmt.Sprintf("%s.makeup[%d]", fp, j))
			if err != nil {
				return Year{}, err
			}
			f.Makeup = append(f.Makeup, d)
		}
		y.Festivals = append(y.Festivals, f)
	}
	return y, nil
}

// MarshalYears writes years in the format read by ParseYears (indented JSON).
// It does not validate; ParseYears(MarshalYears(ParseYears(x))) gives back the
// same years.
func MarshalYears(years []Year) ([]byte, error) {
	f := file{Format: FormatV1, Years: make([]yearJSON, 0, len(years))}
	for _, y := range years {
		yj := yearJSON{Year: y.Year, Notice: noticeJSON{
			Number: y.Notice.Number, Title: y.Notice.Title, Date: y.Notice.Date.String(), URL: y.Notice.URL,
		}}
		for _, fe := range y.Festivals {
			fj := festivalJSON{Name: fe.Name, From: fe.From.String(), To: fe.To.String(), Note: fe.Note}
			for _, d := range fe.Makeup {
				fj.Makeup = append(fj.Makeup, d.String())
			}
			yj.Festivals = append(yj.Festivals, fj)
		}
		f.Years = append(f.Years, yj)
	}
	return json.MarshalIndent(f, "", "  ")
}

// EmbeddedYears returns a fresh copy of the official data shipped with this
// release (data/cn.json): the State Council arrangements for 2024, 2025 and
// 2026.
func EmbeddedYears() ([]Year, error) { return ParseYears([]byte(embeddedData)) }

// validateYear checks one year; path prefixes field names in errors.
func validateYear(y *Year, path string) error {
	if path != "" {
		path += "."
	}
	if y.Year < minDataYear || y.Year > maxDataYear {
		return &DataError{Year: y.Year, Field: path + "year", Problem: ProblemYear}
	}
	n := y.Notice
	switch {
	case n.Number == "":
		return &DataError{Year: y.Year, Field: path + "notice.number", Problem: ProblemCitation}
	case n.Title == "":
		return &DataError{Year: y.Year, Field: path + "notice.title", Problem: ProblemCitation}
	case !n.Date.IsValid() || n.Date.Year < y.Year-1 || n.Date.Year > y.Year:
		return &DataError{Year: y.Year, Field: path + "notice.date", Date: n.Date, Problem: ProblemCitation}
	}
	// seen maps a day of the year to 1 (holiday) or 2 (make-up day).
	seen := make(map[Date]uint8)
	inYear := func(d Date, field string) error {
		if !d.IsValid() {
			return &DataError{Year: y.Year, Field: field, Date: d, Problem: ProblemInvalidDate}
		}
		if d.Year != y.Year {
			return &DataError{Year: y.Year, Field: field, Date: d, Problem: ProblemOutsideYear}
		}
		return nil
	}
	for i, f := range y.Festivals {
		fp := fmt.Sprintf("%sfestivals[%d]", path, i)
		if f.Name == "" {
			return &DataError{Year: y.Year, Field: fp + ".name", Problem: ProblemBlock}
		}
		if err := inYear(f.From, fp+".from"); err != nil {
			return err
		}
		if err := inYear(f.To, fp+".to"); err != nil {
			return err
		}
		from := dayNumber(f.From.Year, f.From.Month, f.From.Day)
		to := dayNumber(f.To.Year, f.To.Month, f.To.Day)
		if to < from || to-from >= maxBlockLen {
			return &DataError{Year: y.Year, Field: fp + ".to", Date: f.To, Problem: ProblemBlock}
		}
		for z := from; z <= to; z++ {
			d := civil(z)
			if seen[d] != 0 {
				return &DataError{Year: y.Year, Field: fp, Date: d, Problem: ProblemDuplicateDate}
			}
			seen[d] = 1
		}
	}
	for i, f := range y.Festivals {
		for j, d := range f.Makeup {
			field := fmt.Sprintf("%sfestivals[%d].makeup[%d]", path, i, j)
			if err := inYear(d, field); err != nil {
				return err
			}
			switch seen[d] {
			case 1:
				return &DataError{Year: y.Year, Field: field, Date: d, Problem: ProblemHolidayAndMakeup}
			case 2:
				return &DataError{Year: y.Year, Field: field, Date: d, Problem: ProblemDuplicateDate}
			}
			if w := d.Weekday(); w != time.Saturday && w != time.Sunday {
				return &DataError{Year: y.Year, Field: field, Date: d, Problem: ProblemMakeupNotWeekend}
			}
			seen[d] = 2
		}
	}
	return nil
}
