package sanction

import (
	"errors"
	"fmt"

	"github.com/google/uuid"
)

// Sentinel errors: match them with errors.Is. The concrete errors are
// *ProposalError, *PolicyError, *PeriodError and *FieldError, which name the
// proposal and the field.
var (
	// ErrInvalidProposal matches every *ProposalError.
	ErrInvalidProposal = errors.New("sanction: invalid proposal")
	// ErrMissingID: a proposal, agency, person or matter ID is uuid.Nil.
	ErrMissingID = errors.New("sanction: missing id")
	// ErrDuplicateProposal: two proposals have the same ID.
	ErrDuplicateProposal = errors.New("sanction: duplicate proposal id")
	// ErrUnknownKind: the measure kind is not one of the Kind constants.
	ErrUnknownKind = errors.New("sanction: unknown measure kind")
	// ErrUnknownAgencyKind: the agency kind is not one of the AgencyKind constants.
	ErrUnknownAgencyKind = errors.New("sanction: unknown agency kind")
	// ErrInvalidDeduction: a pay deduction is missing, negative, zero, above
	// 100 percent or above its base, or given for another kind.
	ErrInvalidDeduction = errors.New("sanction: invalid pay deduction")
	// ErrInvalidPeriod: Months or Permanent do not fit the kind, or a period
	// asked for lies outside the range the law allows.
	ErrInvalidPeriod = errors.New("sanction: invalid period")
	// ErrInvalidLoss: a loss is negative.
	ErrInvalidLoss = errors.New("sanction: invalid loss")
	// ErrInvalidCircumstance: a circumstance kind is unknown.
	ErrInvalidCircumstance = errors.New("sanction: invalid circumstance")
	// ErrNotPartyMember: a party sanction for a person who is not a party member.
	ErrNotPartyMember = errors.New("sanction: party sanction for a non-member")
	// ErrNoPartyPost: 撤销党内职务 for a person who holds no party post; the
	// proposer gives 严重警告 instead (纪律处分条例 art. 11).
	ErrNoPartyPost = errors.New("sanction: removal from party post for a person without one")
	// ErrPersonConflict: two proposals name the same person ID with different
	// person data.
	ErrPersonConflict = errors.New("sanction: conflicting person data")
	// ErrMixedPersons: proposals of one case name different persons.
	ErrMixedPersons = errors.New("sanction: different persons in one case")
	// ErrIncomparable: two comparable pay deductions whose weights have
	// different units (a percentage without base against an amount).
	ErrIncomparable = errors.New("sanction: incomparable measures")
	// ErrNilContext is returned by Resolver.Resolve for a nil context.
	ErrNilContext = errors.New("sanction: nil context")
	// ErrPolicy matches every *PolicyError: a policy hook failed.
	ErrPolicy = errors.New("sanction: policy failed")
)

func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{sentinel}, args...)...)
}

// ProposalError reports a proposal that cannot be resolved. It matches
// ErrInvalidProposal and its cause (one of the sentinels above).
type ProposalError struct {
	Proposal uuid.UUID // the proposal's ID (may be uuid.Nil when that is the fault)
	Index    int       // its index in the input slice
	Field    string    // the field at fault, e.g. "measure.deduction.value"
	Other    uuid.UUID // the other proposal involved, for conflicts; uuid.Nil otherwise
	Err      error
}

// Error implements error.
func (e *ProposalError) Error() string {
	s := fmt.Sprintf("sanction: proposal %s (index %d): field %s: %v", e.Proposal, e.Index, e.Field, e.Err)
	if e.Other != uuid.Nil {
		s += fmt.Sprintf(" (other proposal %s)", e.Other)
	}
	return s
}

// Unwrap returns ErrInvalidProposal and the cause.
func (e *ProposalError) Unwrap() []error { return []error{ErrInvalidProposal, e.Err} }

// PolicyError reports a policy hook that failed (or returned an unusable
// value) for a proposal. It matches ErrPolicy and the hook's error.
type PolicyError struct {
	Proposal uuid.UUID
	Index    int
	Hook     string // "group_key", "class", "severity", "deduction_weight" or "assess"
	Err      error
}

// Error implements error.
func (e *PolicyError) Error() string {
	return fmt.Sprintf("sanction: policy hook %s failed for proposal %s (index %d): %v", e.Hook, e.Proposal, e.Index, e.Err)
}

// Unwrap returns ErrPolicy and the hook's error.
func (e *PolicyError) Unwrap() []error { return []error{ErrPolicy, e.Err} }

// PeriodError reports a period of an applied measure that could not be
// computed (for example a calendar without data for its last day). It
// matches its cause, e.g. workday.ErrNoData.
type PeriodError struct {
	Measure uuid.UUID // Applied.ID
	Kind    Kind
	Err     error
}

// Error implements error.
func (e *PeriodError) Error() string {
	return fmt.Sprintf("sanction: period of applied measure %s (%s): %v", e.Measure, e.Kind, e.Err)
}

// Unwrap returns the cause.
func (e *PeriodError) Unwrap() error { return e.Err }

// FieldError reports a bad argument outside a proposal (ClassifyLoss).
type FieldError struct {
	Field string
	Err   error
}

// Error implements error.
func (e *FieldError) Error() string { return fmt.Sprintf("sanction: field %s: %v", e.Field, e.Err) }

// Unwrap returns the cause.
func (e *FieldError) Unwrap() error { return e.Err }
