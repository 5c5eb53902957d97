package rectification

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/internal/lifecycle"
	"github.com/guantong/guantong/rules/workday"
)

// Categories of errors, matchable with errors.Is.
var (
	// ErrIllegalStep: the step is not allowed in the current state (see [TransitionError]).
	ErrIllegalStep = errors.New("rectification: step not allowed in this state")
	// ErrGuard: a guard of the transition refused the step (see [GuardError]).
	ErrGuard = errors.New("rectification: guard refused the step")
	// ErrRefused: a policy rule of severity error refused the step (see [RefusedError]).
	ErrRefused = errors.New("rectification: refused by policy")
	// ErrSequence: an event does not follow the last event (see [SequenceError]).
	ErrSequence = errors.New("rectification: event out of sequence")
	// ErrInvalid: a command, event or record has a missing or bad field (see [FieldError]).
	ErrInvalid = errors.New("rectification: invalid field")
	// ErrUnknownProblem: a command names a problem the rectification does not have (see [UnknownProblemError]).
	ErrUnknownProblem = errors.New("rectification: unknown problem")
	// ErrPolicy: a policy failed or returned an unusable obligation or finding (see [PolicyError]).
	ErrPolicy = errors.New("rectification: policy")
	// ErrUnknownKind: an enum value (recommendation kind, severity, finding…) is not declared.
	ErrUnknownKind = errors.New("rectification: unknown kind")
)

// TransitionError reports a step that the transition table has no row for.
type TransitionError struct {
	State State
	Step  Step
}

// Error implements error.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("rectification: step %q is not allowed in state %q", e.Step, e.State)
}

// Unwrap returns ErrIllegalStep.
func (e *TransitionError) Unwrap() error { return ErrIllegalStep }

// GuardError reports the guard that refused a step, and why.
type GuardError struct {
	State   State
	Step    Step
	Problem uuid.UUID // the problem the step was on; nil for steps on the recommendation
	Guard   Guard
	Err     error // the reason; wraps ErrInvalid, ErrUnknownKind or ErrUnknownProblem
}

// Error implements error.
func (e *GuardError) Error() string {
	return fmt.Sprintf("rectification: step %q in state %q refused by guard %q: %v", e.Step, e.State, e.Guard, e.Err)
}

// Unwrap returns ErrGuard and the reason.
func (e *GuardError) Unwrap() []error { return []error{ErrGuard, e.Err} }

// RefusedError lists the blocking findings (severity error) that a step
// would have caused.
type RefusedError struct {
	Step     Step
	Problem  uuid.UUID
	Findings []Finding
}

// Error implements error.
func (e *RefusedError) Error() string {
	parts := make([]string, len(e.Findings))
	for i, v := range e.Findings {
		parts[i] = fmt.Sprintf("%s/%s: %s", v.PolicyID, v.Reason, v.Message)
	}
	return fmt.Sprintf("rectification: step %q refused by policy: %s", e.Step, strings.Join(parts, "; "))
}

// Unwrap returns ErrRefused.
func (e *RefusedError) Unwrap() error { return ErrRefused }

// SequenceError reports an event applied out of order or to the wrong rectification.
type SequenceError struct {
	Field string // "seq", "rectification_id", "from", "to" or "at"
	Want  string
	Got   string
}

// Error implements error.
func (e *SequenceError) Error() string {
	return fmt.Sprintf("rectification: event %s is %s, want %s", e.Field, e.Got, e.Want)
}

// Unwrap returns ErrSequence.
func (e *SequenceError) Unwrap() error { return ErrSequence }

// FieldError reports a missing or bad field.
type FieldError struct {
	Field  string // JSON name, dotted for nested fields
	Reason string
	Err    error // ErrInvalid or ErrUnknownKind
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("rectification: field %s: %s", e.Field, e.Reason)
}

// Unwrap returns the category.
func (e *FieldError) Unwrap() error { return e.Err }

// FieldName is the JSON path of the field, for decoders that report problems by path.
func (e *FieldError) FieldName() string { return e.Field }

func invalid(field, reason string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(reason, args...), Err: ErrInvalid}
}

// fault turns what a shared check found (internal/duty, internal/lifecycle) into this
// package's typed error, its field under prefix; nil for nil.
func fault(prefix string, p *duty.Problem) error {
	switch {
	case p == nil:
		return nil
	case p.Sequence:
		return &SequenceError{Field: prefix + p.Field, Want: p.Want, Got: p.Got}
	case p.Unknown:
		return &FieldError{Field: prefix + p.Field, Reason: p.Reason, Err: ErrUnknownKind}
	}
	return &FieldError{Field: prefix + p.Field, Reason: p.Reason, Err: ErrInvalid}
}

// foreignCalendar is the policy error of an obligation counted on another calendar than
// the one a refix is given.
func foreignCalendar(policy string, kind ObligationKind, counted string, cal *workday.Calendar) error {
	return &PolicyError{PolicyID: policy, Kind: kind,
		Err: invalid("calendar", "counted on calendar %q, not on the calendar given (%s)", counted, cal.Version())}
}

// notTaken is the reason of a guard that only chooses between rows.
func notTaken(field string) error {
	return &lifecycle.NotTaken{Package: "rectification", Field: field, Category: ErrInvalid}
}

func unknown(field string, v any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf("unknown value %q", v), Err: ErrUnknownKind}
}

// UnknownProblemError reports a problem id that the rectification does not have.
type UnknownProblemError struct {
	Field string // where the id was given, e.g. "problem_id" or "institution.problems[1]"
	ID    uuid.UUID
}

// Error implements error.
func (e *UnknownProblemError) Error() string {
	return fmt.Sprintf("rectification: field %s: no problem %s", e.Field, e.ID)
}

// Unwrap returns ErrUnknownProblem.
func (e *UnknownProblemError) Unwrap() error { return ErrUnknownProblem }

// PolicyError reports a policy that failed or returned an unusable
// obligation or finding.
type PolicyError struct {
	PolicyID string // empty when the policy call itself failed
	Kind     ObligationKind
	Err      error
}

// Error implements error.
func (e *PolicyError) Error() string {
	if e.PolicyID == "" {
		return fmt.Sprintf("rectification: policy: %v", e.Err)
	}
	return fmt.Sprintf("rectification: policy %q (kind %q): %v", e.PolicyID, e.Kind, e.Err)
}

// Unwrap returns ErrPolicy and the cause.
func (e *PolicyError) Unwrap() []error { return []error{ErrPolicy, e.Err} }
