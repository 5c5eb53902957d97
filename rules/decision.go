package rules

import "time"

// Decision is the outcome of one [Bundle.Check]: every violation, every obligation and every
// evaluation error, with the bundle version that produced them. It is plain data.
type Decision struct {
	BundleVersion string        `json:"bundle_version"`
	Subject       string        `json:"subject"`
	At            time.Time     `json:"at"`
	Matched       []string      `json:"matched,omitempty"` // ids of the policies that applied
	Violations    []Violation   `json:"violations,omitempty"`
	Obligations   []Obligation  `json:"obligations,omitempty"`
	Errors        []EvalError   `json:"errors,omitempty"`
	Trace         []PolicyTrace `json:"trace,omitempty"` // with Explain only
}

// Compliant reports whether there is no violation of severity error and no evaluation error.
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
}

// Obligation is a duty a policy computed, with its due instant (China Standard Time). A due
// instant is the last nanosecond of the last day of the period: an act at x meets it iff
// !x.After(Due).
type Obligation struct {
	PolicyID      string    `json:"policy_id"`
	Kind          string    `json:"kind"`
	Due           time.Time `json:"due"`
	Description   string    `json:"description,omitempty"`
	BundleVersion string    `json:"bundle_version"`
	// Fallback is true when the due day lies beyond the calendar's official data and was
	// computed with the opt-in weekends-only fallback.
	Fallback bool `json:"fallback,omitempty"`
}

// PolicyTrace explains one policy's part in a decision.
type PolicyTrace struct {
	PolicyID    string            `json:"policy_id"`
	InForce     bool              `json:"in_force"`
	Matched     bool              `json:"matched"`
	Variables   []VariableTrace   `json:"variables,omitempty"`
	Validations []ValidationTrace `json:"validations,omitempty"`
	Obligations []ObligationTrace `json:"obligations,omitempty"`
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
	Kind    string    `json:"kind"`
	Applies bool      `json:"applies"`
	Due     time.Time `json:"due,omitzero"`
	Error   string    `json:"error,omitempty"`
}
