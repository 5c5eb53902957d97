// Package duty holds what the obligations of clue, rectification and meeting
// share: the record of a due counted on the working-day calendar, how sure it
// is, and how it is fixed again when the calendar improves. Each domain
// package keeps its own Obligation type (its vocabulary) and aliases the
// record types defined here, so that one mechanism serves all three.
//
// The package is internal; its types reach users through the aliases
// clue.PriorDue, clue.Rejudgment, rectification.PriorDue … It has no state
// and does no I/O.
package duty

import (
	"fmt"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// PriorDue is an earlier due of an obligation, replaced by a refix event.
type PriorDue struct {
	Due           time.Time         `json:"due,omitzero"`
	Certainty     workday.Certainty `json:"certainty,omitempty"`
	PendingYear   int               `json:"pending_year,omitempty"`
	Calendar      string            `json:"calendar,omitempty"`
	BundleVersion string            `json:"bundle_version,omitempty"`
	// Until is the instant of the refix event that replaced it, and Seq its
	// sequence number.
	Until time.Time `json:"until"`
	Seq   uint64    `json:"seq"`
}

// Rejudgment is a met duty judged again against its re-fixed due.
type Rejudgment struct {
	Met          time.Time `json:"met"`
	OnTimeBefore bool      `json:"on_time_before"`
	OnTime       bool      `json:"on_time"`
}

// Changed reports whether the on-time verdict changed.
func (r *Rejudgment) Changed() bool { return r != nil && r.OnTimeBefore != r.OnTime }

// Deadline is the deadline part of an obligation, copied out of a domain
// obligation for the shared checks.
type Deadline struct {
	Due           time.Time
	Met           time.Time
	Certainty     workday.Certainty
	PendingYear   int
	Calendar      string
	BundleVersion string
}

// Pending reports whether the due could not be counted yet.
func (d Deadline) Pending() bool { return d.PendingYear != 0 }

// Provisional reports whether the due was counted on days the calendar is
// not sure of: reported, provisional or weekends-only data.
func (d Deadline) Provisional() bool { return d.Certainty != "" && d.Certainty != workday.Official }

// Refixable reports whether the due may be counted again: pending, or
// counted on days the calendar was not sure of. A due counted on official
// data is a fact; a due set by hand (no certainty) is the host's.
func (d Deadline) Refixable() bool { return d.Pending() || d.Provisional() }

// Overdue reports whether the duty is unmet and past its due at t; a pending
// duty is never overdue.
func (d Deadline) Overdue(t time.Time) bool {
	return d.Met.IsZero() && !d.Due.IsZero() && t.After(d.Due)
}

// OnTime reports whether the duty was met no later than its due.
func (d Deadline) OnTime() bool { return !d.Met.IsZero() && !d.Due.IsZero() && !d.Met.After(d.Due) }

// Same reports whether e gives the same due as d, equally sure.
func (d Deadline) Same(e Deadline) bool {
	return d.Due.Equal(e.Due) && d.Certainty == e.Certainty && d.PendingYear == e.PendingYear
}

// Problem is what a shared check found wrong: the JSON field and the reason,
// for the domain package to wrap in its own field or sequence error.
type Problem struct {
	Field   string
	Reason  string
	Unknown bool // an unknown enum value rather than an invalid one
	// Sequence marks an event out of sequence (a SequenceError in the domain package):
	// Field holds Want and got Got, and Reason is empty.
	Sequence  bool
	Want, Got string
}

// Check validates the deadline fields of an obligation as a policy returned
// it or an event recorded it: a due is either counted (Due set, with or
// without certainty) or pending (PendingYear set, Due zero, no certainty).
func (d Deadline) Check() *Problem {
	switch {
	case d.Certainty != "" && !d.Certainty.Valid():
		return &Problem{Field: "certainty", Reason: fmt.Sprintf("unknown value %q", d.Certainty), Unknown: true}
	case d.PendingYear < 0:
		return &Problem{Field: "pending_year", Reason: "negative"}
	case d.PendingYear != 0 && !d.Due.IsZero():
		return &Problem{Field: "due", Reason: "set while pending_year is set: a due is either counted or waits for its year"}
	case d.PendingYear != 0 && d.Certainty != "":
		return &Problem{Field: "certainty", Reason: "set while the due is pending"}
	case d.PendingYear == 0 && d.Due.IsZero():
		return &Problem{Field: "due", Reason: "zero instant (a due the calendar cannot count yet names its pending_year)"}
	}
	return nil
}

// Prior is the record of d kept when a refix event at, number seq, replaces it.
func (d Deadline) Prior(at time.Time, seq uint64) PriorDue {
	return PriorDue{Due: d.Due, Certainty: d.Certainty, PendingYear: d.PendingYear,
		Calendar: d.Calendar, BundleVersion: d.BundleVersion, Until: at, Seq: seq}
}

// Rejudge judges a met duty against its new due; nil for an unmet one.
func Rejudge(old, now Deadline) *Rejudgment {
	if old.Met.IsZero() {
		return nil
	}
	return &Rejudgment{Met: old.Met, OnTimeBefore: old.OnTime(), OnTime: !now.Due.IsZero() && !old.Met.After(now.Due)}
}

// CheckRejudged checks the re-judgment a refix event records for a duty met
// at met (zero: unmet).
func CheckRejudged(r *Rejudgment, met time.Time) *Problem {
	switch {
	case r != nil && (met.IsZero() || !r.Met.Equal(met)):
		return &Problem{Field: "rejudged", Reason: "the duty was not met at " + r.Met.Format(time.RFC3339)}
	case r == nil && !met.IsZero():
		return &Problem{Field: "rejudged", Reason: "required: the duty was met"}
	}
	return nil
}

// Notices returns the document numbers of the notices cal holds for the year
// of due (nil for a zero due, or a year that is reported or provisional).
func Notices(cal *workday.Calendar, due time.Time) []string {
	if due.IsZero() {
		return nil
	}
	return cal.Notices(workday.DateOf(due).Year)
}

// CheckRecord validates an obligation record as a policy returned it or an
// event recorded it, the same in every domain package: a declared kind, a
// policy id, a well-formed deadline.
func CheckRecord(kind string, kindValid bool, policyID string, d Deadline) *Problem {
	switch {
	case !kindValid:
		return &Problem{Field: "kind", Reason: fmt.Sprintf("unknown value %q", kind), Unknown: true}
	case policyID == "":
		return &Problem{Field: "policy_id", Reason: "empty"}
	}
	return d.Check()
}
