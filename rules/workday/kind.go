package workday

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
