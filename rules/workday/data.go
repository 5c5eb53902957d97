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

// Data file formats read by ParseYears. FormatV2 is written by MarshalYears.
const (
	FormatV1 = "guantong.workday/v1" // one notice per year
	FormatV2 = "guantong.workday/v2" // one or more sources per year (notices, amending notices, reported data)
)

const (
	minDataYear = 1949
	maxDataYear = 2199
	maxBlockLen = 31
	maxSources  = 16
)

// embeddedData is data/cn.json: the arrangements shipped with this release. A
// string, so it cannot be modified.
//
//go:embed data/cn.json
var embeddedData string

// SourceKind says where an arrangement comes from.
type SourceKind string

// Source kinds.
const (
	// SourceNotice is a State Council notice (国务院办公厅关于…部分节假日安排的通知)
	// or an amending notice: official data.
	SourceNotice SourceKind = "notice"
	// SourceReported is a named secondary source that published the year's
	// arrangement before this release could check it against the notice
	// text, such as a calendar library's holiday table: reported data.
	SourceReported SourceKind = "reported"
)

// Source cites where (part of) a year's arrangement comes from, with the
// holiday blocks it fixes. A year's sources are applied in order of issue: a
// later source overrides earlier ones day by day (an amending notice that
// extends the Spring Festival turns the extra days into holidays and leaves
// every other day as the first notice set it).
type Source struct {
	Kind SourceKind `json:"kind"`
	// Number is the notice's document number (国办发明电〔2025〕7号); required
	// for a notice, empty for reported data.
	Number string `json:"number,omitempty"`
	// Title is the notice's title, or the name of the secondary source (for
	// example "6tail/lunar-go HolidayUtil").
	Title string `json:"title"`
	// Date is the notice's date of issue, or the date the secondary source
	// was released; in the year or the year before.
	Date Date `json:"date"`
	// Version is the secondary source's version (v1.4.7); required for
	// reported data, empty for a notice.
	Version string `json:"version,omitempty"`
	URL     string `json:"url,omitempty"`  // where it was read, optional
	Note    string `json:"note,omitempty"` // free text, e.g. how reported data was read
	// Festivals are the holiday blocks and make-up days this source fixes.
	Festivals []Festival `json:"festivals"`
}

// Festival is one holiday block: the consecutive days off From..To (both
// included) and the weekend days worked in exchange (调休上班).
type Festival struct {
	Name   string `json:"name"`             // as in the notice, e.g. "春节", "国庆节、中秋节"
	From   Date   `json:"from"`             // first day off
	To     Date   `json:"to"`               // last day off (equal to From for a single day)
	Makeup []Date `json:"makeup,omitempty"` // make-up working days, each a Saturday or Sunday
	Note   string `json:"note,omitempty"`   // the notice's further sentences on the festival, verbatim
}

// Year is the arrangement of one calendar year: its sources, applied in order.
// Days no source lists are ordinary: Monday–Friday working days,
// Saturday–Sunday rest days.
type Year struct {
	Year    int      `json:"year"`
	Sources []Source `json:"sources"`
}

// Certainty is Official when every source of the year is a notice, and
// Reported when any is reported data.
func (y Year) Certainty() Certainty {
	for _, s := range y.Sources {
		if s.Kind != SourceNotice {
			return Reported
		}
	}
	return Official
}

// Notices returns the document numbers of the year's notices, in order.
func (y Year) Notices() []string {
	var out []string
	for _, s := range y.Sources {
		if s.Kind == SourceNotice {
			out = append(out, s.Number)
		}
	}
	return out
}

// Festivals returns the holiday blocks of every source, in order.
func (y Year) Festivals() []Festival {
	var out []Festival
	for _, s := range y.Sources {
		out = append(out, s.Festivals...)
	}
	return out
}

// ---- JSON ----

type fileJSON struct {
	Format string            `json:"format"`
	Years  []json.RawMessage `json:"years"`
}

type yearV1 struct {
	Year      int            `json:"year"`
	Notice    sourceJSON     `json:"notice"`
	Festivals []festivalJSON `json:"festivals"`
}

type yearV2 struct {
	Year    int          `json:"year"`
	Sources []sourceJSON `json:"sources"`
}

type sourceJSON struct {
	Kind      SourceKind     `json:"kind,omitempty"`
	Number    string         `json:"number,omitempty"`
	Title     string         `json:"title"`
	Date      string         `json:"date"`
	Version   string         `json:"version,omitempty"`
	URL       string         `json:"url,omitempty"`
	Note      string         `json:"note,omitempty"`
	Festivals []festivalJSON `json:"festivals,omitempty"`
}

type festivalJSON struct {
	Name   string   `json:"name"`
	From   string   `json:"from"`
	To     string   `json:"to"`
	Makeup []string `json:"makeup,omitempty"`
	Note   string   `json:"note,omitempty"`
}

func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("data after the JSON document")
	}
	return nil
}

// ParseYears reads calendar data in the JSON format described in the package
// documentation (FormatV2, or the older FormatV1 with one notice a year) and
// validates every year, against the holiday law too where the lunar table
// covers it. Malformed or contradictory data is a *DataError (matching
// ErrInvalidData) naming the year, field and date. Unknown members are
// rejected so that a misspelt key cannot silently drop a make-up day.
// ParseYears never panics.
func ParseYears(data []byte) ([]Year, error) {
	var f fileJSON
	if err := strictDecode(data, &f); err != nil {
		return nil, &DataError{Problem: ProblemSyntax, Err: err}
	}
	if f.Format != FormatV1 && f.Format != FormatV2 {
		return nil, &DataError{Field: "format", Problem: ProblemFormat,
			Err: fmt.Errorf("got %q, want %q or %q", f.Format, FormatV2, FormatV1)}
	}
	years := make([]Year, 0, len(f.Years))
	seen := make(map[int]bool, len(f.Years))
	for i, raw := range f.Years {
		path := fmt.Sprintf("years[%d]", i)
		y, err := convertYear(f.Format, raw, path)
		if err != nil {
			return nil, err
		}
		if err := validateYear(&y, path, f.Format == FormatV1); err != nil {
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

func convertYear(format string, raw json.RawMessage, path string) (Year, error) {
	var sources []sourceJSON
	var year int
	if format == FormatV1 {
		var v yearV1
		if err := strictDecode(raw, &v); err != nil {
			return Year{}, &DataError{Field: path, Problem: ProblemSyntax, Err: err}
		}
		v.Notice.Kind, v.Notice.Festivals = SourceNotice, v.Festivals
		year, sources = v.Year, []sourceJSON{v.Notice}
	} else {
		var v yearV2
		if err := strictDecode(raw, &v); err != nil {
			return Year{}, &DataError{Field: path, Problem: ProblemSyntax, Err: err}
		}
		year, sources = v.Year, v.Sources
	}
	y := Year{Year: year}
	for i, sj := range sources {
		sp := fmt.Sprintf("%s.sources[%d]", path, i)
		if format == FormatV1 {
			sp = path + ".notice"
		}
		s, err := sj.convert(year, sp, format == FormatV1)
		if err != nil {
			return Year{}, err
		}
		y.Sources = append(y.Sources, s)
	}
	return y, nil
}

func parseDateField(s string, year int, field string) (Date, error) {
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, &DataError{Year: year, Field: field, Problem: ProblemInvalidDate, Err: err}
	}
	return d, nil
}

func (sj sourceJSON) convert(year int, path string, v1 bool) (Source, error) {
	s := Source{Kind: sj.Kind, Number: sj.Number, Title: sj.Title, Version: sj.Version, URL: sj.URL, Note: sj.Note}
	if sj.Date == "" {
		return Source{}, &DataError{Year: year, Field: path + ".date", Problem: ProblemCitation}
	}
	var err error
	if s.Date, err = parseDateField(sj.Date, year, path+".date"); err != nil {
		return Source{}, err
	}
	fpath := path
	if v1 {
		fpath = path[:len(path)-len(".notice")]
	}
	for i, fj := range sj.Festivals {
		fp := fmt.Sprintf("%s.festivals[%d]", fpath, i)
		f := Festival{Name: fj.Name, Note: fj.Note}
		if f.From, err = parseDateField(fj.From, year, fp+".from"); err != nil {
			return Source{}, err
		}
		if f.To, err = parseDateField(fj.To, year, fp+".to"); err != nil {
			return Source{}, err
		}
		for j, ds := range fj.Makeup {
			d, err := parseDateField(ds, year, fmt.Sprintf("%s.makeup[%d]", fp, j))
			if err != nil {
				return Source{}, err
			}
			f.Makeup = append(f.Makeup, d)
		}
		s.Festivals = append(s.Festivals, f)
	}
	return s, nil
}

// MarshalYears writes years in FormatV2 (indented JSON). It does not
// validate; ParseYears(MarshalYears(ParseYears(x))) gives back the same years.
func MarshalYears(years []Year) ([]byte, error) {
	type file struct {
		Format string   `json:"format"`
		Years  []yearV2 `json:"years"`
	}
	f := file{Format: FormatV2, Years: make([]yearV2, 0, len(years))}
	for _, y := range years {
		yj := yearV2{Year: y.Year, Sources: make([]sourceJSON, 0, len(y.Sources))}
		for _, s := range y.Sources {
			sj := sourceJSON{Kind: s.Kind, Number: s.Number, Title: s.Title, Date: s.Date.String(),
				Version: s.Version, URL: s.URL, Note: s.Note}
			for _, fe := range s.Festivals {
				fj := festivalJSON{Name: fe.Name, From: fe.From.String(), To: fe.To.String(), Note: fe.Note}
				for _, d := range fe.Makeup {
					fj.Makeup = append(fj.Makeup, d.String())
				}
				sj.Festivals = append(sj.Festivals, fj)
			}
			yj.Sources = append(yj.Sources, sj)
		}
		f.Years = append(f.Years, yj)
	}
	return json.MarshalIndent(f, "", "  ")
}

// EmbeddedYears returns a fresh copy of the data shipped with this release
// (data/cn.json): the State Council arrangements for 2024, 2025 and 2026
// (official) and the 2027 arrangement as reported by 6tail/lunar-go v1.4.7
// (reported; see the package documentation).
func EmbeddedYears() ([]Year, error) { return ParseYears([]byte(embeddedData)) }

func cloneYear(y Year) Year {
	y.Sources = append([]Source(nil), y.Sources...)
	for i := range y.Sources {
		fs := append([]Festival(nil), y.Sources[i].Festivals...)
		for j := range fs {
			fs[j].Makeup = append([]Date(nil), fs[j].Makeup...)
		}
		y.Sources[i].Festivals = fs
	}
	return y
}

// validateYear checks one year; path prefixes field names in errors, which
// follow the v1 layout (notice, festivals) when v1 is set.
func validateYear(y *Year, path string, v1 bool) error {
	if path != "" {
		path += "."
	}
	if y.Year < minDataYear || y.Year > maxDataYear {
		return &DataError{Year: y.Year, Field: path + "year", Problem: ProblemYear}
	}
	if len(y.Sources) == 0 {
		return &DataError{Year: y.Year, Field: path + "sources", Problem: ProblemCitation}
	}
	if len(y.Sources) > maxSources {
		return &DataError{Year: y.Year, Field: path + "sources", Problem: ProblemCitation,
			Err: fmt.Errorf("%d sources, at most %d", len(y.Sources), maxSources)}
	}
	for i := range y.Sources {
		sp := fmt.Sprintf("%ssources[%d]", path, i)
		cite, fest := sp+".", sp+".festivals"
		if v1 {
			cite, fest = path+"notice.", path+"festivals"
		}
		if err := validateSource(y.Year, &y.Sources[i], cite, fest); err != nil {
			return err
		}
		if i > 0 && y.Sources[i].Date.Before(y.Sources[i-1].Date) {
			return &DataError{Year: y.Year, Field: cite + "date", Date: y.Sources[i].Date, Problem: ProblemSourceOrder}
		}
	}
	return checkLaw(y, path)
}

// validateSource checks one source; cite prefixes its citation fields and
// fest names its festivals in errors.
func validateSource(year int, s *Source, cite, fest string) error {
	switch s.Kind {
	case SourceNotice:
		if s.Number == "" {
			return &DataError{Year: year, Field: cite + "number", Problem: ProblemCitation}
		}
	case SourceReported:
		if s.Version == "" {
			return &DataError{Year: year, Field: cite + "version", Problem: ProblemCitation,
				Err: errors.New("reported data names the version of its source")}
		}
	default:
		return &DataError{Year: year, Field: cite + "kind", Problem: ProblemSourceKind,
			Err: fmt.Errorf("got %q, want %q or %q", s.Kind, SourceNotice, SourceReported)}
	}
	switch {
	case s.Title == "":
		return &DataError{Year: year, Field: cite + "title", Problem: ProblemCitation}
	case !s.Date.IsValid() || s.Date.Year < year-1 || s.Date.Year > year:
		return &DataError{Year: year, Field: cite + "date", Date: s.Date, Problem: ProblemCitation}
	}
	// seen maps a day of the year to 1 (holiday) or 2 (make-up day), within
	// this source: a later source may override an earlier one.
	seen := make(map[Date]uint8)
	inYear := func(d Date, field string) error {
		if !d.IsValid() {
			return &DataError{Year: year, Field: field, Date: d, Problem: ProblemInvalidDate}
		}
		if d.Year != year {
			return &DataError{Year: year, Field: field, Date: d, Problem: ProblemOutsideYear}
		}
		return nil
	}
	for i, f := range s.Festivals {
		fp := fmt.Sprintf("%s[%d]", fest, i)
		if f.Name == "" {
			return &DataError{Year: year, Field: fp + ".name", Problem: ProblemBlock}
		}
		if err := inYear(f.From, fp+".from"); err != nil {
			return err
		}
		if err := inYear(f.To, fp+".to"); err != nil {
			return err
		}
		from, to := f.From.number(), f.To.number()
		if to < from || to-from >= maxBlockLen {
			return &DataError{Year: year, Field: fp + ".to", Date: f.To, Problem: ProblemBlock}
		}
		for z := from; z <= to; z++ {
			d := civil(z)
			if seen[d] != 0 {
				return &DataError{Year: year, Field: fp, Date: d, Problem: ProblemDuplicateDate}
			}
			seen[d] = 1
		}
	}
	for i, f := range s.Festivals {
		for j, d := range f.Makeup {
			field := fmt.Sprintf("%s[%d].makeup[%d]", fest, i, j)
			if err := inYear(d, field); err != nil {
				return err
			}
			switch seen[d] {
			case 1:
				return &DataError{Year: year, Field: field, Date: d, Problem: ProblemHolidayAndMakeup}
			case 2:
				return &DataError{Year: year, Field: field, Date: d, Problem: ProblemDuplicateDate}
			}
			if w := d.Weekday(); w != time.Saturday && w != time.Sunday {
				return &DataError{Year: year, Field: field, Date: d, Problem: ProblemMakeupNotWeekend}
			}
			seen[d] = 2
		}
	}
	return nil
}

// dayKinds applies a year's sources in order and returns the classification
// of every listed day (Holiday or MakeupWorkday) with its festival name.
func (y *Year) dayKinds() map[Date]dayInfo {
	out := make(map[Date]dayInfo)
	for _, s := range y.Sources {
		for _, f := range s.Festivals {
			for z := f.From.number(); z <= f.To.number(); z++ {
				out[civil(z)] = dayInfo{Holiday, f.Name}
			}
			for _, d := range f.Makeup {
				out[d] = dayInfo{MakeupWorkday, f.Name}
			}
		}
	}
	return out
}

type dayInfo struct {
	kind     Kind
	festival string
}

// checkLaw checks that every statutory day of the year (when the lunar table
// covers it) is a day off once the sources are applied.
func checkLaw(y *Year, path string) error {
	days, err := StatutoryDays(y.Year)
	if err != nil {
		return nil // outside the table: nothing to check against
	}
	kinds := y.dayKinds()
	for _, sd := range days {
		if kinds[sd.Date].kind != Holiday {
			return &DataError{Year: y.Year, Field: path + "sources", Date: sd.Date, Problem: ProblemStatutoryDay,
				Err: fmt.Errorf("%s (%s) is a statutory day off", sd.Festival, sd.Law)}
		}
	}
	return nil
}
