package workday

import "fmt"

// Kind classifies a civil day. The zero Kind is not a valid kind.
type Kind uint8

// Kinds of day.
const (
	// Workday is an ordinary working day: Monday to Friday, not a holiday.
	Workday Kind = iota + 1
	// RestDay is an ordinary rest day: Saturday or Sunday, not a make-up day.
	RestDay
	// Holiday is a day off of a statutory holiday block (法定节假日), as listed
	// in the year's notice, weekend days of the block included.
	Holiday
	// MakeupWorkday is a Saturday or Sunday worked in exchange for a holiday
	// (调休上班). It is a working day.
	MakeupWorkday
)

// String returns "workday", "rest_day", "holiday" or "makeup_workday"
// ("unknown" for an invalid Kind).
func (k Kind) String() string {
	switch k {
	case Workday:
		return "workday"
	case RestDay:
		return "rest_day"
	case Holiday:
		return "holiday"
	case MakeupWorkday:
		return "makeup_workday"
	}
	return "unknown"
}

// IsWorking reports whether the kind is a working day (Workday or
// MakeupWorkday).
func (k Kind) IsWorking() bool { return k == Workday || k == MakeupWorkday }

// Certainty says how sure an answer of the calendar is. Every day the
// calendar classifies has one; every Result and Count carries the weakest
// certainty of the days it used. The levels, surest first:
//
//   - Official: the day's year comes from the State Council's notices.
//   - Reported: the year's arrangement comes from a named secondary source
//     (for example a well-kept calendar library that published the year
//     before this release could check it against the notice text). It can
//     change when the notice is imported; the statutory days themselves
//     cannot.
//   - Provisional: the year has no arrangement at all; with
//     [WithProvisionalYears] the statutory days of the holiday law are days
//     off and every other day is classified by its weekday. Only the 调休
//     shifts are unknown: which weekend days become make-up working days,
//     which weekdays join a holiday block, and on which working day a
//     statutory day that falls on a weekend is made up (补假, art. 6).
//   - WeekendsOnly: the opt-in [WithWeekendFallback]: Monday to Friday worked,
//     nothing else known, statutory days included.
//
// The zero Certainty is not a level: a value the calendar computed always has
// one. Certainty is text in JSON ("official", "reported", "provisional",
// "weekends_only"); any other text is an error.
type Certainty string

// Certainty levels, surest first.
const (
	Official     Certainty = "official"
	Reported     Certainty = "reported"
	Provisional  Certainty = "provisional"
	WeekendsOnly Certainty = "weekends_only"
)

// rank orders the levels: 0 for Official up to 3 for WeekendsOnly, -1 for
// an unknown value.
func (c Certainty) rank() int {
	switch c {
	case Official:
		return 0
	case Reported:
		return 1
	case Provisional:
		return 2
	case WeekendsOnly:
		return 3
	}
	return -1
}

// Valid reports whether c is one of the four levels.
func (c Certainty) Valid() bool { return c.rank() >= 0 }

// IsOfficial reports whether c is Official.
func (c Certainty) IsOfficial() bool { return c == Official }

// Weaker returns the less sure of c and d. An invalid value (the zero
// Certainty among them) counts as surer than every level, so that
// Certainty("").Weaker(x) is x.
func (c Certainty) Weaker(d Certainty) Certainty {
	if c == d || d == "" {
		return c
	}
	if c.rank() >= d.rank() {
		return c
	}
	return d
}

// MarshalText encodes the level; the zero Certainty and unknown values are
// errors.
func (c Certainty) MarshalText() ([]byte, error) {
	if !c.Valid() {
		return nil, fmt.Errorf("workday: unknown certainty %q", string(c))
	}
	return []byte(c), nil
}

// UnmarshalText decodes "official", "reported", "provisional" or
// "weekends_only"; anything else is an error.
func (c *Certainty) UnmarshalText(b []byte) error {
	v := Certainty(b)
	if !v.Valid() {
		return fmt.Errorf("workday: unknown certainty %q (known: official, reported, provisional, weekends_only)", string(b))
	}
	*c = v
	return nil
}
