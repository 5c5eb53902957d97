package rules

import (
	"time"
)

// Severity ranks a violation. The zero value is treated as [SeverityError].
type Severity string

// Severities, most serious first.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

func (s Severity) valid() bool {
	switch s {
	case SeverityError, SeverityWarning, SeverityInfo:
		return true
	}
	return false
}

// Policy is one rule file document: a subject, an optional match condition, named variables,
// validations and obligations, the period in which it is in force, and its own test cases.
//
// Policies are usually loaded from YAML or JSON with [Parse] or [LoadFS]; they can also be
// built in Go and compiled with [Engine.Compile]. A Policy is plain data; compile it before
// use. Expressions are CEL (cel.dev/cel-go) over the subject variable (named after the
// subject, for example clue), the evaluation instant now, and variables.<name>.
type Policy struct {
	// ID is the stable, unique identifier, for example "clue.audit-transfer".
	ID string `json:"id" yaml:"id"`
	// Title is a one-line human title; Chinese welcome.
	Title string `json:"title,omitempty" yaml:"title,omitempty"`
	// Description says what the rule is and why.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	// Source cites where the rule comes from: regulation and article, or seed article.
	Source string `json:"source,omitempty" yaml:"source,omitempty"`
	// Subject names the registered subject the policy applies to (clue, rectification...).
	Subject string `json:"subject" yaml:"subject"`
	// Effective is the period in which the policy is in force.
	Effective Effective `json:"effective,omitzero" yaml:"effective,omitempty"`
	// Match is an optional boolean expression; when false the policy does not apply.
	Match string `json:"match,omitempty" yaml:"match,omitempty"`
	// Variables are evaluated lazily, at most once per call, and are visible to later
	// variables and to every expression as variables.<name>.
	Variables []Variable `json:"variables,omitempty" yaml:"variables,omitempty"`
	// Validations are boolean expressions that must hold; each false one is a violation.
	Validations []Validation `json:"validations,omitempty" yaml:"validations,omitempty"`
	// Obligations are duties with a due instant computed by the policy.
	Obligations []ObligationRule `json:"obligations,omitempty" yaml:"obligations,omitempty"`
	// Outputs are named values the policy computes for the host, for example the grouping
	// key of a sanction proposal. The subject declares which outputs exist and their types
	// (see [DeclareOutput]).
	Outputs []Output `json:"outputs,omitempty" yaml:"outputs,omitempty"`
	// Tests are the policy's own test cases, run by [RunTests] and `guantong test`.
	Tests []TestCase `json:"tests,omitempty" yaml:"tests,omitempty"`

	src    *policySource // where the policy was read from; nil for policies built in Go
	broken bool          // the document had structural problems (reported by Parse)
}

// Position returns where the policy's id is written in its file, or where the policy's
// document starts when it has no id; the zero Position for a policy built in Go.
func (p Policy) Position() Position { return p.src.fieldPosition("id") }

// Effective is a half-open period [From, Until) in which a policy is in force. A zero From
// means "since always", a zero Until "until further notice". In files, dates are written
// 2006-01-02 (00:00 China Standard Time) or as RFC 3339 instants.
type Effective struct {
	From  time.Time `json:"from,omitzero" yaml:"from,omitempty"`
	Until time.Time `json:"until,omitzero" yaml:"until,omitempty"`
}

// Contains reports whether the instant t is inside the period.
func (e Effective) Contains(t time.Time) bool {
	if !e.From.IsZero() && t.Before(e.From) {
		return false
	}
	if !e.Until.IsZero() && !t.Before(e.Until) {
		return false
	}
	return true
}

// Variable is a named expression.
type Variable struct {
	Name       string `json:"name" yaml:"name"`
	Expression string `json:"expression" yaml:"expression"`
}

// Validation is a boolean expression that must be true for the subject to comply.
type Validation struct {
	// Expression must evaluate to bool; false is a violation.
	Expression string `json:"expression" yaml:"expression"`
	// Message is the fixed message of the violation.
	Message string `json:"message,omitempty" yaml:"message,omitempty"`
	// MessageExpression, when set, is a string expression that builds the message; if it
	// fails at run time, Message is used and the failure is reported as an evaluation error.
	MessageExpression string `json:"messageExpression,omitempty" yaml:"messageExpression,omitempty"`
	// Severity defaults to error.
	Severity Severity `json:"severity,omitempty" yaml:"severity,omitempty"`
	// Reason is a stable, machine-readable code such as AUDIT_TRANSFER_LATE.
	Reason string `json:"reason" yaml:"reason"`
}

// ObligationRule produces a duty with a due instant.
type ObligationRule struct {
	// Kind names the duty, for example transfer or progress_feedback. The domain packages
	// define the kinds they accept.
	Kind string `json:"kind" yaml:"kind"`
	// When is an optional boolean expression; the duty arises only when it is true.
	When string `json:"when,omitempty" yaml:"when,omitempty"`
	// Due is a timestamp expression, for example workday.add(clue.conclusive_opinion_at, 10).
	Due string `json:"due" yaml:"due"`
	// Description explains the duty; Chinese welcome.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
}

// Output is a named value a policy computes, of the type the subject declares for the name.
type Output struct {
	Name       string `json:"name" yaml:"name"`
	Expression string `json:"expression" yaml:"expression"`
	// Description explains the value; Chinese welcome.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
}

// TestCase is an input with its expected decision, kept beside the policy it tests.
type TestCase struct {
	Name string `json:"name" yaml:"name"`
	// At is the evaluation instant.
	At time.Time `json:"at" yaml:"at"`
	// Subject is the subject value as JSON (in YAML files: a mapping, converted to JSON).
	Subject []byte `json:"subject" yaml:"subject"`
	// Expect is the expected outcome for this policy.
	Expect Expectation `json:"expect" yaml:"expect"`
}

// Expectation is the part of a decision a test case checks, for the policy under test only.
type Expectation struct {
	// Match, when set, is whether the policy must apply.
	Match *bool `json:"match,omitempty" yaml:"match,omitempty"`
	// Violations are the expected reason codes, in any order; empty means none.
	Violations []string `json:"violations,omitempty" yaml:"violations,omitempty"`
	// Obligations are the expected duties, in any order; empty means none.
	Obligations []ExpectedObligation `json:"obligations,omitempty" yaml:"obligations,omitempty"`
	// Outputs are the expected output values by name, written as text: a string as is, an
	// int or decimal as a number (decimals compare numerically, so 50 equals 50.00), a bool
	// as true or false, a timestamp as a date (the end of that day in China Standard Time) or
	// an RFC 3339 instant. Outputs not named are not checked.
	Outputs map[string]string `json:"outputs,omitempty" yaml:"outputs,omitempty"`
	// Errors, when true, expects at least one evaluation error.
	Errors bool `json:"errors,omitempty" yaml:"errors,omitempty"`
}

// ExpectedObligation is a duty a test expects. Due written as a date (2006-01-02) means
// the end of that day in China Standard Time (23:59:59.999999999), the library's deadline
// convention.
type ExpectedObligation struct {
	Kind string    `json:"kind" yaml:"kind"`
	Due  time.Time `json:"due" yaml:"due"`
}
