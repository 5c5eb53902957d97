package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Categories of load and compile problems, matchable with errors.Is on a [*Problem] or on the
// error returned by [Parse], [LoadFS] and [Engine.Compile].
var (
	ErrSyntax            = errors.New("rules: malformed policy document")
	ErrUnknownField      = errors.New("rules: unknown field")
	ErrMissingField      = errors.New("rules: missing required field")
	ErrInvalidValue      = errors.New("rules: invalid value")
	ErrDuplicateID       = errors.New("rules: duplicate policy id")
	ErrUnknownSubject    = errors.New("rules: unknown subject")
	ErrCompile           = errors.New("rules: expression does not compile")
	ErrUndefinedVariable = errors.New("rules: variable used before it is defined")
	ErrResultType        = errors.New("rules: expression has the wrong result type")
	ErrTooExpensive      = errors.New("rules: expression exceeds the cost ceiling")
	ErrEmptyBundle       = errors.New("rules: bundle has no policies")
	// ErrUnguarded (a warning, see [Bundle.Warnings]): an expression reads a field that may
	// be absent without a has() guard on its path.
	ErrUnguarded = errors.New("rules: optional field read without a has() guard")
	// ErrUnknownValue: a value of an enumerated type (an agency kind, a disposal method…)
	// that the type does not declare.
	ErrUnknownValue = errors.New("rules: unknown value")
	// ErrInvalidSubject: subject JSON that does not decode (see [SubjectError]).
	ErrInvalidSubject = errors.New("rules: invalid subject")
	// ErrValidation is a subject that decodes but fails its own validation ([Validate]): a
	// [SubjectProblem] of this kind also matches ErrInvalidValue.
	ErrValidation = fmt.Errorf("%w: the subject's own validation failed", ErrInvalidValue)
	// ErrTooLarge: a file, document, bundle, policy or expression beyond one of the engine's
	// [Limits]; the problem's Kind is a [*LimitError] naming the limit.
	ErrTooLarge = errors.New("rules: beyond a limit")
	// ErrNotRegular: a policy path that is not a regular file (a device, a FIFO, a socket, a
	// link to one, or a link LoadFS cannot resolve).
	ErrNotRegular = errors.New("rules: not a regular file")
	// ErrOutsideRoot: a symbolic link that leads out of the directory LoadFS reads.
	ErrOutsideRoot = errors.New("rules: link leads out of the policy directory")
)

// Categories of evaluation problems.
var (
	// ErrNilContext: Check was given a nil context.
	ErrNilContext = errors.New("rules: nil context")
	// ErrWrongSubject: Check was given a value whose type is not a registered subject.
	ErrWrongSubject = errors.New("rules: value is not a registered subject")
	// ErrEvaluation: an expression failed at run time (division by zero, absent field...).
	ErrEvaluation = errors.New("rules: evaluation failed")
	// ErrCostLimit: an expression exceeded the runtime cost limit.
	ErrCostLimit = errors.New("rules: runtime cost limit exceeded")
	// ErrBudget: the check's budget ([Limits].CheckBudget) is spent; the expression that
	// spent it and every one after it are not evaluated.
	ErrBudget = errors.New("rules: check budget exhausted")
	// ErrAbsent: an expression read a field that is absent — a zero time, uuid or decimal —
	// without testing it with has() first (see [AbsentError]).
	ErrAbsent = errors.New("rules: field is absent")
	// ErrCanceled: the caller's context was cancelled or its deadline passed.
	ErrCanceled = errors.New("rules: evaluation cancelled")
	// ErrPending: an expression needs a calendar year without data, so it cannot be decided
	// yet (EvalError.PendingYear names the year). An obligation whose due needs such a year
	// is not an error but a pending obligation ([Obligation.PendingYear]).
	ErrPending = errors.New("rules: undecided until the calendar covers the year")
	// ErrNoOutput: no applicable policy computed an output a host asked for.
	ErrNoOutput = errors.New("rules: output not computed")
	// ErrOutputConflict: more than one applicable policy computed the same output.
	ErrOutputConflict = errors.New("rules: output computed by more than one policy")
)

// Position is a place in a policy file. Line and Column are 1-based; a zero Line means the
// policy was built in Go, and Column is then relative to the expression.
type Position struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func (p Position) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	}
}

// Problem is one thing wrong with a policy document: where, in which policy and field, what
// kind (Unwrap gives the category sentinel such as [ErrCompile]) and a human message with a
// caret line under the offending column.
type Problem struct {
	Position Position
	PolicyID string // empty when the document has no id yet
	Field    string // e.g. validations[1].expression
	Kind     error  // category sentinel, or a *LimitError (matching ErrTooLarge)
	Message  string
	Snippet  string // the source line and a caret, when known
}

func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString("rules: ")
	if s := p.Position.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if p.PolicyID != "" {
		fmt.Fprintf(&b, "policy %s: ", p.PolicyID)
	}
	if p.Field != "" {
		b.WriteString(p.Field)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Snippet != "" {
		b.WriteString("\n")
		b.WriteString(p.Snippet)
	}
	return b.String()
}

// Unwrap returns the category sentinel.
func (p *Problem) Unwrap() error { return p.Kind }

// LoadError collects every problem found in a set of documents; nothing stops at the first.
// Warnings are the load-time warnings found on the way (see [Bundle.Warnings]); they do not
// make the load fail.
type LoadError struct {
	Problems []*Problem
	Warnings []*Problem
}

func (e *LoadError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return fmt.Sprintf("rules: %d problem(s):\n%s", len(e.Problems), strings.Join(parts, "\n"))
}

// Unwrap exposes every problem to errors.Is and errors.As.
func (e *LoadError) Unwrap() []error {
	out := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		out[i] = p
	}
	return out
}

func asLoadError(ps []*Problem) error {
	if len(ps) == 0 {
		return nil
	}
	return &LoadError{Problems: ps}
}

// EvalError is a run-time failure of one expression of one policy. It is reported in the
// [Decision]; the other policies still run.
type EvalError struct {
	PolicyID string   `json:"policy_id"`
	Field    string   `json:"field"`
	Position Position `json:"position,omitzero"`
	Kind     error    `json:"-"` // ErrEvaluation, ErrCostLimit, ErrCanceled or ErrPending
	Err      error    `json:"-"`
	Message  string   `json:"message"`
	// PendingYear is the calendar year the expression waits for (Kind ErrPending).
	PendingYear int `json:"pending_year,omitempty"`
}

func (e *EvalError) Error() string {
	pos := e.Position.String()
	if pos != "" {
		pos += ": "
	}
	return fmt.Sprintf("rules: %spolicy %s: %s: %s", pos, e.PolicyID, e.Field, e.Message)
}

// Unwrap returns the category sentinel and the underlying error.
func (e *EvalError) Unwrap() []error { return []error{e.Kind, e.Err} }

// SubjectProblem is one thing wrong with subject JSON: where (JSON path, line and column),
// what kind (Kind is ErrSyntax, ErrUnknownField, ErrUnknownValue or ErrInvalidValue), and for
// an unknown name or value the known ones and the closest of them.
type SubjectProblem struct {
	Path    string   `json:"path"` // e.g. "source.kind"; "" for the document as a whole
	Line    int      `json:"line,omitempty"`
	Column  int      `json:"column,omitempty"`
	Kind    error    `json:"-"`
	Message string   `json:"message"`
	Value   string   `json:"value,omitempty"`
	Known   []string `json:"known,omitempty"`
	Suggest string   `json:"suggest,omitempty"`
}

func (p SubjectProblem) String() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Line > 0 {
		fmt.Fprintf(&b, " (line %d, column %d)", p.Line, p.Column)
	}
	return b.String()
}

// SubjectError reports subject JSON that does not decode, with every problem found. It
// matches ErrInvalidSubject and each problem's Kind with errors.Is.
type SubjectError struct {
	Subject  string // the subject name, e.g. "clue"
	Problems []SubjectProblem
}

func (e *SubjectError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return fmt.Sprintf("rules: %s subject: %s", e.Subject, strings.Join(parts, "; "))
}

// Unwrap returns ErrInvalidSubject and the kinds of the problems.
func (e *SubjectError) Unwrap() []error {
	out := []error{ErrInvalidSubject}
	for _, p := range e.Problems {
		if p.Kind != nil && !slices.Contains(out, p.Kind) {
			out = append(out, p.Kind)
		}
	}
	return out
}
