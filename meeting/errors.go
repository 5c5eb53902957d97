package meeting

import (
	"errors"
	"fmt"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/internal/lifecycle"
	"github.com/guantong/guantong/rules/workday"
)

// Categories of errors, matchable with errors.Is.
var (
	// ErrIllegalStep: the step is not allowed in the meeting's state (see [TransitionError]).
	ErrIllegalStep = errors.New("meeting: step not allowed in this state")
	// ErrGuard: a guard of the transition refused the step (see [GuardError]).
	ErrGuard = errors.New("meeting: guard refused the step")
	// ErrSequence: an event does not follow the meeting's last event (see [SequenceError]).
	ErrSequence = errors.New("meeting: event out of sequence")
	// ErrInvalid: a command, event or record has a missing or bad field (see [FieldError]).
	ErrInvalid = errors.New("meeting: invalid field")
	// ErrUnknownKind: an enum value (unit, decision kind, item kind…) is not declared.
	ErrUnknownKind = errors.New("meeting: unknown kind")
	// ErrCadence: a cadence definition makes no sense (see [CadenceError]).
	ErrCadence = errors.New("meeting: invalid cadence")
	// ErrOutsideMechanism: a meeting does not belong to its mechanism — another
	// mechanism's id, a convener or attendee who is not a party, a purpose the
	// mechanism has no cadence for (see [MechanismError]).
	ErrOutsideMechanism = errors.New("meeting: outside its mechanism")
	// ErrUnknownItem: a decision refers to a clue or problem that is not on the
	// agenda or that the host does not know — clues through Env.Clues,
	// problems through Env.Rectifications when it is set (see [ItemError]).
	ErrUnknownItem = errors.New("meeting: unknown item")
	// ErrPolicy: a policy failed or returned an unusable obligation or finding (see [PolicyError]).
	ErrPolicy = errors.New("meeting: policy")
	// ErrAct: carrying out a decision in the clue or rectification model failed (see [ActError]).
	ErrAct = errors.New("meeting: carrying out a decision")
)

// TransitionError reports a step that the transition table has no row for.
type TransitionError struct {
	State State
	Step  Step
}

// Error implements error.
func (e *TransitionError) Error() string {
	return fmt.Sprintf("meeting: step %q is not allowed in state %q", e.Step, e.State)
}

// Unwrap returns ErrIllegalStep.
func (e *TransitionError) Unwrap() error { return ErrIllegalStep }

// GuardError reports the guard that refused a step, and why.
type GuardError struct {
	State State
	Step  Step
	Guard Guard
	Err   error // the reason; wraps ErrInvalid, ErrOutsideMechanism, ErrUnknownItem or ErrCadence
}

// Error implements error.
func (e *GuardError) Error() string {
	return fmt.Sprintf("meeting: step %q in state %q refused by guard %q: %v", e.Step, e.State, e.Guard, e.Err)
}

// Unwrap returns ErrGuard and the reason.
func (e *GuardError) Unwrap() []error { return []error{ErrGuard, e.Err} }

// SequenceError reports an event applied out of order or to the wrong meeting.
type SequenceError struct {
	Field string // "seq", "meeting_id", "from", "to" or "at"
	Want  string
	Got   string
}

// Error implements error.
func (e *SequenceError) Error() string {
	return fmt.Sprintf("meeting: event %s is %s, want %s", e.Field, e.Got, e.Want)
}

// Unwrap returns ErrSequence.
func (e *SequenceError) Unwrap() error { return ErrSequence }

// FieldError reports a missing or bad field.
type FieldError struct {
	Field  string // JSON name, dotted and indexed for nested fields
	Reason string
	Err    error // ErrInvalid or ErrUnknownKind
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("meeting: field %s: %s", e.Field, e.Reason)
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
	return &lifecycle.NotTaken{Package: "meeting", Field: field, Category: ErrInvalid}
}

func unknown(field string, v any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf("unknown value %q", v), Err: ErrUnknownKind}
}

// CadenceError reports a cadence definition that makes no sense.
type CadenceError struct {
	Field  string // e.g. "cadences[1].every"
	Reason string
}

// Error implements error.
func (e *CadenceError) Error() string {
	return fmt.Sprintf("meeting: cadence field %s: %s", e.Field, e.Reason)
}

// Unwrap returns ErrCadence.
func (e *CadenceError) Unwrap() error { return ErrCadence }

// MechanismError reports a meeting that does not fit its mechanism.
type MechanismError struct {
	Field  string    // the meeting's field, e.g. "attendees[2].agency"
	Agency uuid.UUID // the agency concerned, when there is one
	Reason string
}

// Error implements error.
func (e *MechanismError) Error() string {
	return fmt.Sprintf("meeting: field %s: %s", e.Field, e.Reason)
}

// Unwrap returns ErrOutsideMechanism.
func (e *MechanismError) Unwrap() error { return ErrOutsideMechanism }

// ItemError reports a decision about an item that is not on the agenda or
// that the host does not know.
type ItemError struct {
	Field string // e.g. "decisions[0].items[1]"
	Kind  ItemKind
	ID    uuid.UUID
	Err   error // the host's lookup error, if any
}

// Error implements error.
func (e *ItemError) Error() string {
	s := fmt.Sprintf("meeting: field %s: unknown %s %s", e.Field, e.Kind, e.ID)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns ErrUnknownItem and the lookup error.
func (e *ItemError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrUnknownItem}
	}
	return []error{ErrUnknownItem, e.Err}
}

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
		return fmt.Sprintf("meeting: policy: %v", e.Err)
	}
	return fmt.Sprintf("meeting: policy %q (kind %q): %v", e.PolicyID, e.Kind, e.Err)
}

// Unwrap returns ErrPolicy and the cause.
func (e *PolicyError) Unwrap() []error { return []error{ErrPolicy, e.Err} }

// ActError reports a decision that could not be carried out in the clue or
// rectification model; Err is that package's error (matchable with its own
// sentinels, e.g. clue.ErrGuard).
type ActError struct {
	Decision uuid.UUID
	Kind     DecisionKind
	Item     uuid.UUID // the clue or problem concerned, when there is one
	Err      error
}

// Error implements error.
func (e *ActError) Error() string {
	if e.Item == uuid.Nil {
		return fmt.Sprintf("meeting: carrying out decision %s (%s): %v", e.Decision, e.Kind, e.Err)
	}
	return fmt.Sprintf("meeting: carrying out decision %s (%s) on %s: %v", e.Decision, e.Kind, e.Item, e.Err)
}

// Unwrap returns ErrAct and the cause.
func (e *ActError) Unwrap() []error { return []error{ErrAct, e.Err} }
