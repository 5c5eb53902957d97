package workday

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrNoData is the errors.Is target for a question about a date in a year
	// with no loaded calendar data, when the weekend fallback is off. The
	// concrete error is a *NoDataError naming the first such date.
	ErrNoData = errors.New("workday: no calendar data")

	// ErrInvalidData is the errors.Is target for malformed or contradictory
	// calendar data (ParseYears, New with WithYears). The concrete error is a
	// *DataError naming the year, field and date.
	ErrInvalidData = errors.New("workday: invalid calendar data")

	// ErrOutOfRange is the errors.Is target for an argument the calendar
	// cannot compute with: an instant outside the years 1–9999, a count too
	// large, a negative period. The concrete error is a *RangeError.
	ErrOutOfRange = errors.New("workday: argument out of range")

	// ErrUnknownUnit is the errors.Is target for a period unit that is not
	// one of week, month, quarter, half_year and year (see Unit).
	ErrUnknownUnit = errors.New("workday: unknown period unit")
)

// NoDataError reports that an answer needs a day of a year the calendar has no
// data for. It matches ErrNoData.
type NoDataError struct {
	Op   string // the method, e.g. "AddWorkdays"
	Date Date   // the first day needed that is not covered
	// Provisional is true when the calendar was built WithProvisionalYears
	// and the year lies outside the range it can answer provisionally.
	Provisional bool
}

// Year is the year the answer waits for.
func (e *NoDataError) Year() int { return e.Date.Year }

// Error implements error.
func (e *NoDataError) Error() string {
	if e.Provisional {
		first, last := StatutoryYears()
		return fmt.Sprintf("workday: %s: no calendar data for %s (year %d not loaded, and outside the provisional years %d–%d; load its arrangement with workday.ParseYears or workday.ParseNotice and workday.WithYears)",
			e.Op, e.Date, e.Date.Year, max(first, provisionalFirst), last)
	}
	return fmt.Sprintf("workday: %s: no calendar data for %s (year %d not loaded; load its arrangement with workday.ParseYears or workday.ParseNotice and workday.WithYears, or opt in to workday.WithProvisionalYears)",
		e.Op, e.Date, e.Date.Year)
}

// Unwrap returns ErrNoData.
func (e *NoDataError) Unwrap() error { return ErrNoData }

// RangeError reports an argument the calendar cannot compute with. It matches
// ErrOutOfRange.
type RangeError struct {
	Op     string // the method
	Arg    string // the argument's name: "t", "from", "to", "n"
	Reason string
}

// Error implements error.
func (e *RangeError) Error() string {
	return fmt.Sprintf("workday: %s: %s: %s", e.Op, e.Arg, e.Reason)
}

// Unwrap returns ErrOutOfRange.
func (e *RangeError) Unwrap() error { return ErrOutOfRange }

// Problem classifies a DataError.
type Problem uint8

// Problems found in calendar data.
const (
	ProblemSyntax           Problem = iota + 1 // not JSON of the documented shape
	ProblemFormat                              // missing or unknown "format"
	ProblemYear                                // year outside 1949–2199
	ProblemDuplicateYear                       // the same year twice
	ProblemCitation                            // source missing, or its number, title, version or date missing or implausible
	ProblemInvalidDate                         // not a real "2006-01-02" date
	ProblemOutsideYear                         // a date outside the year it is listed under
	ProblemBlock                               // holiday block empty, reversed, longer than 31 days, or unnamed
	ProblemDuplicateDate                       // the same day listed twice
	ProblemHolidayAndMakeup                    // a day both a holiday and a make-up working day
	ProblemMakeupNotWeekend                    // a make-up working day that is not a Saturday or Sunday
	ProblemSourceKind                          // a source that is neither a notice nor reported data
	ProblemSourceOrder                         // sources not in order of issue
	ProblemStatutoryDay                        // a statutory day off (holiday law art. 2) that the arrangement does not give off
)

// String describes the problem in English.
func (p Problem) String() string {
	switch p {
	case ProblemSyntax:
		return "malformed JSON"
	case ProblemFormat:
		return `missing or unsupported "format"`
	case ProblemYear:
		return "year outside 1949–2199"
	case ProblemDuplicateYear:
		return "year given more than once"
	case ProblemCitation:
		return "citation missing or invalid (a notice needs number, title and date of issue in the year or the year before; reported data its title, version and date)"
	case ProblemInvalidDate:
		return "invalid date"
	case ProblemOutsideYear:
		return "date outside its year"
	case ProblemBlock:
		return "holiday block unnamed, reversed or longer than 31 days"
	case ProblemDuplicateDate:
		return "date listed more than once"
	case ProblemHolidayAndMakeup:
		return "date is both a holiday and a make-up working day"
	case ProblemMakeupNotWeekend:
		return "make-up working day is not a Saturday or Sunday"
	case ProblemSourceKind:
		return `source kind is not "notice" or "reported"`
	case ProblemSourceOrder:
		return "sources are not in order of issue (a later source overrides an earlier one)"
	case ProblemStatutoryDay:
		return "a statutory day off is not a holiday"
	}
	return "unknown problem"
}

// DataError reports malformed or contradictory calendar data. It matches
// ErrInvalidData and, for syntax errors, the underlying JSON error.
type DataError struct {
	Year    int     // the year concerned; 0 if not known
	Field   string  // path of the offending field, e.g. "years[0].festivals[1].makeup[0]"
	Date    Date    // the offending date; zero if the problem is not about a date
	Problem Problem // what is wrong
	Err     error   // underlying error (JSON syntax, date parsing), may be nil
}

// Error implements error.
func (e *DataError) Error() string {
	var b strings.Builder
	b.WriteString("workday: invalid calendar data")
	if e.Year != 0 {
		fmt.Fprintf(&b, ": year %d", e.Year)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	if e.Date != (Date{}) {
		b.WriteString(": ")
		b.WriteString(e.Date.String())
	}
	b.WriteString(": ")
	b.WriteString(e.Problem.String())
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns ErrInvalidData and the underlying error, if any.
func (e *DataError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalidData, e.Err}
	}
	return []error{ErrInvalidData}
}
