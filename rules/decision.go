package rules

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Decision is the outcome of one [Bundle.Check]: every violation, every obligation and every
// evaluation error, with the bundle version that produced them. It is plain data.
type Decision struct {
	BundleVersion string `json:"bundle_version"`
	// Calendar is the content hash of the working-day calendar that answered
	// ([workday.Calendar.Version]).
	Calendar    string        `json:"calendar"`
	Subject     string        `json:"subject"`
	At          time.Time     `json:"at"`
	Matched     []string      `json:"matched,omitempty"` // ids of the policies that applied
	Violations  []Violation   `json:"violations,omitempty"`
	Obligations []Obligation  `json:"obligations,omitempty"`
	Outputs     []OutputValue `json:"outputs,omitempty"`
	Errors      []EvalError   `json:"errors,omitempty"`
	Trace       []PolicyTrace `json:"trace,omitempty"` // with Explain only
}

// Compliant reports whether there is no violation of severity error and no evaluation error.
// A validation the calendar cannot decide yet (an error of kind [ErrPending]) is an
// evaluation error: the subject is not known to comply.
func (d Decision) Compliant() bool {
	if len(d.Errors) > 0 {
		return false
	}
	for _, v := range d.Violations {
		if v.Severity == SeverityError {
			return false
		}
	}
	return true
}

// Violation is a validation that did not hold.
type Violation struct {
	PolicyID string   `json:"policy_id"`
	Reason   string   `json:"reason"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Position Position `json:"position,omitzero"`
	// Certainty is the weakest certainty of the calendar days the validation used
	// (official when it used none): a violation judged on reported or provisional days
	// may not stand once the year's notice is loaded.
	Certainty workday.Certainty `json:"certainty,omitempty"`
}

// Obligation is a duty a policy computed, with its due instant (China Standard Time). A due
// instant is the last nanosecond of the last day of the period: an act at x meets it iff
// !x.After(Due).
//
// A duty whose due the calendar cannot count yet (it falls in a year without calendar data)
// is still an obligation: Due is zero and PendingYear names the year it waits for. The step
// that raised it happened and is recorded; the due is fixed when the year's data is loaded
// (the domain packages' Refix).
type Obligation struct {
	PolicyID      string    `json:"policy_id"`
	Kind          string    `json:"kind"`
	Due           time.Time `json:"due,omitzero"`
	Description   string    `json:"description,omitempty"`
	BundleVersion string    `json:"bundle_version"`
	// Calendar is the content hash of the calendar the due was counted on.
	Calendar string `json:"calendar,omitempty"`
	// Certainty is the weakest certainty of the calendar days the due expression used:
	// official, reported, provisional or weekends_only (official when it used none). Empty
	// while the due is pending.
	Certainty workday.Certainty `json:"certainty,omitempty"`
	// PendingYear is the year without calendar data the due waits for; 0 when Due is set.
	PendingYear int `json:"pending_year,omitempty"`
}

// Pending reports whether the due could not be counted yet.
func (o Obligation) Pending() bool { return o.PendingYear != 0 }

// Err returns the decision's evaluation errors joined into one error prefixed with what
// (each matchable with errors.As as an *EvalError), or nil when there are none. Adapters use
// it to fail a lifecycle step rather than let a deadline silently go missing. Errors of kind
// [ErrPending] (the calendar cannot answer yet) are left out: the step happened, and what
// waits for the calendar is recorded as pending, not lost.
func (d Decision) Err(what string) error {
	var errs []error
	for i := range d.Errors {
		if !errors.Is(d.Errors[i].Kind, ErrPending) {
			errs = append(errs, &d.Errors[i])
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return fmt.Errorf("rules: %s: %w", what, errors.Join(errs...))
}

// decide is Check for the domain adapters: an evaluation error in any policy fails the call
// (as [Decision.Err], prefixed with what), so a deadline is never silently missing.
func (b *Bundle) decide(ctx context.Context, subject any, at time.Time, what string, opts ...CheckOption) (Decision, error) {
	d, err := b.Check(ctx, subject, at, opts...)
	if err != nil {
		return Decision{}, err
	}
	return d, d.Err(what)
}

// OutputValue is an output a policy computed. Value's Go type follows Type: string, int64,
// bool, decimal.Decimal or time.Time (China Standard Time).
type OutputValue struct {
	PolicyID string     `json:"policy_id"`
	Name     string     `json:"name"`
	Type     OutputType `json:"type"`
	Value    any        `json:"value"`
	// Certainty is the weakest certainty of the calendar days the output used.
	Certainty workday.Certainty `json:"certainty,omitempty"`
}

// Output returns the one value computed for the output name. It is an error matching
// [ErrNoOutput] when no policy that applied computed it, and [ErrOutputConflict] when more
// than one did (policies computing the same output must have disjoint match conditions).
func (d Decision) Output(name string) (OutputValue, error) {
	var found OutputValue
	n := 0
	for _, o := range d.Outputs {
		if o.Name == name {
			found = o
			n++
		}
	}
	switch n {
	case 0:
		return OutputValue{}, fmt.Errorf("%w: no %s policy computed %q", ErrNoOutput, d.Subject, name)
	case 1:
		return found, nil
	}
	var ids []string
	for _, o := range d.Outputs {
		if o.Name == name {
			ids = append(ids, o.PolicyID)
		}
	}
	return OutputValue{}, fmt.Errorf("%w: %q computed by %s", ErrOutputConflict, name, strings.Join(ids, ", "))
}

// PolicyTrace explains one policy's part in a decision.
type PolicyTrace struct {
	PolicyID string `json:"policy_id"`
	InForce  bool   `json:"in_force"`
	Matched  bool   `json:"matched"`
	// NotApplicable says why the match index skipped the policy without evaluating its
	// match, e.g. `index: clue.source.kind is "public"`: the match is false.
	NotApplicable string            `json:"not_applicable,omitempty"`
	Variables     []VariableTrace   `json:"variables,omitempty"`
	Validations   []ValidationTrace `json:"validations,omitempty"`
	Obligations   []ObligationTrace `json:"obligations,omitempty"`
	Outputs       []OutputTrace     `json:"outputs,omitempty"`
}

// OutputTrace is one output's value (or error).
type OutputTrace struct {
	Name  string `json:"name"`
	Value any    `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

// VariableTrace is a variable's value (or error) in one call.
type VariableTrace struct {
	Name  string `json:"name"`
	Value any    `json:"value,omitempty"`
	Error string `json:"error,omitempty"`
}

// ValidationTrace is one validation's result.
type ValidationTrace struct {
	Reason string `json:"reason"`
	Passed bool   `json:"passed"`
	Error  string `json:"error,omitempty"`
}

// ObligationTrace is one obligation rule's result.
type ObligationTrace struct {
	Kind        string            `json:"kind"`
	Applies     bool              `json:"applies"`
	Due         time.Time         `json:"due,omitzero"`
	Certainty   workday.Certainty `json:"certainty,omitempty"`
	PendingYear int               `json:"pending_year,omitempty"`
	Error       string            `json:"error,omitempty"`
}
