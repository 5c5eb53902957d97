// Package domain wires guantong's domain packages to the rules engine: the subjects clue,
// rectification, meeting, meeting_series and sanction (the Go types of the clue,
// rectification, meeting and rules/sanction packages, with the size bounds their lists get
// in the load-time cost estimate), and one adapter per domain package implementing its
// Policy interface with a [rules.Bundle].
//
// Every domain package asks its policies the same question in its own vocabulary —
// Assess(ctx, subject, at) (Assessment, error): which obligations apply to the subject at
// the step's instant, what the rules find wrong and, for sanctions, the outputs the resolver
// needs. This package answers it once, generically: [Clue], [Rectification], [Meeting] and
// [Sanction] are one adapter over [rules.Bundle.Check] with a conversion of the decision
// into the package's Assessment. A context is never stored: each call brings its own.
//
// The layers, bottom up: rules/workday (the calendar) is imported by everything; the domain
// packages (clue, rectification, meeting, rules/sanction) know the calendar and their own
// vocabulary; the rules root package knows policies, subjects, bundles, decisions and the CEL
// library and nothing of the domain; this package imports both sides; rules/policies (the
// reference policies) and hosts import this package.
//
// Everything here is safe for concurrent use: the subjects are values, and the adapters
// hold only their bundle (immutable) and are safe for concurrent use as the bundle is.
package domain

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/guantong/guantong/rules"
)

// Subjects returns the subjects of guantong's domain packages, for [rules.WithSubjects]:
// clue, rectification, meeting, meeting_series and sanction.
func Subjects() []rules.Subject {
	return []rules.Subject{ClueSubject(), RectificationSubject(), MeetingSubject(), MeetingSeriesSubject(), SanctionSubject()}
}

// adapter is a bundle asked a domain package's question about subjects of Go type T and
// answering in that package's assessment A. It is the one implementation behind every
// domain package's Policy.
type adapter[T, A any] struct {
	b      *rules.Bundle
	what   string // for errors: "clue obligations", "sanction policy", …
	opts   []rules.CheckOption
	answer func(x *T, d *rules.Decision) (A, error) // copies what it keeps: d is reused
	// decisions are reused by the checks (rules.Bundle.CheckInto), one per concurrent call.
	decisions *sync.Pool
}

func newAdapter[T, A any](b *rules.Bundle, what string, answer func(*T, *rules.Decision) (A, error), opts ...rules.CheckOption) adapter[T, A] {
	return adapter[T, A]{b: b, what: what, opts: opts, answer: answer,
		decisions: &sync.Pool{New: func() any { return new(rules.Decision) }}}
}

// Assess checks x at instant at and converts the decision. An evaluation error in any
// policy of the subject fails the call (a deadline or a sign-off rule is never silently
// missing): the error lists every failed expression ([rules.Decision.Err]).
func (a adapter[T, A]) Assess(ctx context.Context, x *T, at time.Time) (A, error) {
	return a.assess(ctx, x, at, a.opts)
}

// AssessPolicies is Assess asking only the policies named ([rules.OnlyPolicies]): what a
// lifecycle re-counting the dues of those policies needs (the domain packages'
// FocusedPolicy).
func (a adapter[T, A]) AssessPolicies(ctx context.Context, x *T, at time.Time, policyIDs []string) (A, error) {
	return a.assess(ctx, x, at, append(a.opts[:len(a.opts):len(a.opts)], rules.OnlyPolicies(policyIDs...)))
}

func (a adapter[T, A]) assess(ctx context.Context, x *T, at time.Time, opts []rules.CheckOption) (A, error) {
	var zero A
	d := a.decisions.Get().(*rules.Decision)
	defer a.decisions.Put(d)
	if err := a.b.CheckInto(ctx, x, at, d, opts...); err != nil {
		return zero, fmt.Errorf("rules: %s: %w", a.what, err)
	}
	if err := d.Err(a.what); err != nil {
		return zero, err
	}
	return a.answer(x, d)
}

// obligations converts the decision's obligations with mk, which sets the package's own
// kind type; the common fields are copied here.
func obligations[O any](d *rules.Decision, mk func(o *rules.Obligation) O) []O {
	if len(d.Obligations) == 0 {
		return nil
	}
	out := make([]O, 0, len(d.Obligations))
	for i := range d.Obligations {
		out = append(out, mk(&d.Obligations[i]))
	}
	return out
}

// findings converts the decision's violations with mk.
func findings[F any](d *rules.Decision, mk func(v *rules.Violation) F) []F {
	if len(d.Violations) == 0 {
		return nil
	}
	out := make([]F, 0, len(d.Violations))
	for i := range d.Violations {
		out = append(out, mk(&d.Violations[i]))
	}
	return out
}
