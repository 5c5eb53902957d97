package rectification

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
)

// ObligationKind is the kind of duty an obligation records.
type ObligationKind string

// Obligation kinds. The step that meets each kind is in the transition table
// ([Transition.Meets]).
const (
	// ObligationReply: the recipient replies in writing on adoption and
	// rectification (书面回复); met by the reply step.
	ObligationReply ObligationKind = "reply"
	// ObligationRectify: the recipient rectifies a problem; met when the
	// problem is signed off (销号), not when a rectification is claimed — a
	// claim is not a rectification until verified (纸面整改).
	ObligationRectify ObligationKind = "rectification"
	// ObligationLookBack: the issuer (or a supervisor) looks back at a
	// signed-off problem (回头看); met by the look-back step.
	ObligationLookBack ObligationKind = "look_back"
)

// Valid reports whether k is a declared kind.
func (k ObligationKind) Valid() bool {
	return k == ObligationReply || k == ObligationRectify || k == ObligationLookBack
}

// perProblem reports whether a duty of this kind belongs to one problem.
func (k ObligationKind) perProblem() bool { return k != ObligationReply }

// Subject is what a policy is asked about: the recommendation and, for a step
// on one problem, that problem as it would stand after the step (zero for a
// step on the recommendation). Policies see it under the subject name
// "rectification", with the JSON field names: rectification.recommendation.deadline,
// rectification.problem.evidence.
type Subject struct {
	Recommendation Recommendation `json:"recommendation"`
	Problem        Problem        `json:"problem,omitzero"`
	Campaign       uuid.UUID      `json:"campaign,omitzero"`
}

// Finding is a policy rule that the subject breaks. A Blocking finding (severity error in
// the rules package) refuses the step that caused it.
type Finding struct {
	PolicyID      string `json:"policy_id"`
	Reason        string `json:"reason"`
	Severity      string `json:"severity,omitempty"` // "error", "warning" or "info"
	Message       string `json:"message,omitempty"`
	BundleVersion string `json:"bundle_version,omitempty"`
	Blocking      bool   `json:"blocking,omitempty"`
}

// Assessment is a policy's answer about a subject: the obligations that apply
// (new or already recorded; the lifecycle keeps only the new ones) and the
// rules it breaks.
type Assessment struct {
	Obligations []Obligation `json:"obligations,omitempty"`
	Findings    []Finding    `json:"findings,omitempty"`
}

// Policy answers, at each lifecycle step, which obligations apply to the
// subject at the step's instant and which rules it breaks. The rules/domain package
// implements it with CEL policies (domain.Rectification); tests and hosts
// may use [PolicyFunc]. Every domain package asks the same question in its
// own vocabulary (clue.Policy, meeting.Policy, sanction.Policy).
//
// Obligations returned for a step on the recommendation that are per-problem
// (rectification, look-back) are ignored; a zero Obligor is filled in with the
// recipient (reply, rectification) or the issuer (look-back).
type Policy interface {
	Assess(ctx context.Context, s *Subject, at time.Time) (Assessment, error)
}

// FocusedPolicy is a [Policy] that can answer for some of its rules only:
// [Rectification.Refix] and [RefixAll] ask it about the policies whose dues they count
// again, instead of all. Its answer must be the obligations Assess gives that come from
// those policies. The rules/domain policy implements it.
type FocusedPolicy interface {
	Policy
	AssessPolicies(ctx context.Context, s *Subject, at time.Time, policyIDs []string) (Assessment, error)
}

// PolicyFunc adapts a function to [Policy].
type PolicyFunc func(ctx context.Context, s *Subject, at time.Time) (Assessment, error)

// Assess calls f.
func (f PolicyFunc) Assess(ctx context.Context, s *Subject, at time.Time) (Assessment, error) {
	return f(ctx, s, at)
}

// subjectOf builds the policy subject of r for problem id (nil: none).
func subjectOf(r *Rectification, id uuid.UUID) *Subject {
	s := &Subject{Recommendation: r.Recommendation, Campaign: r.Campaign}
	if id != uuid.Nil {
		if p := r.Problem(id); p != nil {
			s.Problem = *p
		}
	}
	return s
}

// assess asks p about next (r after event e) and returns the new obligations,
// or a *RefusedError for blocking violations the step caused: those not
// already present on r before the step, so that a deadline already missed
// never blocks the late work.
func assess(ctx context.Context, p Policy, r, next *Rectification, e *Event) ([]Obligation, error) {
	pid := uuid.Nil
	if e.Step.onProblem() {
		pid = e.ProblemID
	}
	after, err := p.Assess(ctx, subjectOf(next, pid), e.At)
	if err != nil {
		return nil, &PolicyError{Err: err}
	}
	var blocking []Finding
	for _, v := range after.Findings {
		if v.Blocking {
			blocking = append(blocking, v)
		}
	}
	if len(blocking) > 0 && e.Step != StepIssue {
		before, err := p.Assess(ctx, subjectOf(r, pid), e.At)
		if err != nil {
			return nil, &PolicyError{Err: err}
		}
		blocking = newFindings(blocking, before.Findings)
	}
	if len(blocking) > 0 {
		return nil, &RefusedError{Step: e.Step, Problem: pid, Findings: blocking}
	}
	var out []Obligation
	for _, o := range after.Obligations {
		if err := o.check(); err != nil {
			return nil, &PolicyError{PolicyID: o.PolicyID, Kind: o.Kind, Err: err}
		}
		if o.Kind.perProblem() {
			if pid == uuid.Nil {
				continue
			}
			o.Problem = pid
			if o.Kind == ObligationLookBack {
				o.Obligor = orID(o.Obligor, next.Recommendation.Issuer.ID)
			} else {
				o.Obligor = orID(o.Obligor, next.Recommendation.Recipient.ID)
			}
		} else {
			o.Problem = uuid.Nil
			o.Obligor = orID(o.Obligor, next.Recommendation.Recipient.ID)
		}
		o.Met, o.ArisenAt = time.Time{}, e.At
		recorded := next.Obligations
		if o.Problem != uuid.Nil {
			recorded = next.Problem(pid).Obligations
		}
		if !known(recorded, &o) && !known(out, &o) {
			out = append(out, o)
		}
	}
	return out, nil
}

func newFindings(after, before []Finding) []Finding {
	var out []Finding
	for _, v := range after {
		old := false
		for _, w := range before {
			if w.Blocking && w.PolicyID == v.PolicyID && w.Reason == v.Reason {
				old = true
				break
			}
		}
		if !old {
			out = append(out, v)
		}
	}
	return out
}

// known reports whether o is already recorded: an unmet obligation of the same
// kind, policy and obligor, or a met one with the same due.
func known(recorded []Obligation, o *Obligation) bool {
	for i := range recorded {
		x := &recorded[i]
		if x.Kind == o.Kind && x.PolicyID == o.PolicyID && x.Obligor == o.Obligor && x.Problem == o.Problem &&
			(x.Met.IsZero() || x.Due.Equal(o.Due)) {
			return true
		}
	}
	return false
}

func orID(id, def uuid.UUID) uuid.UUID {
	if id == uuid.Nil {
		return def
	}
	return id
}

// check validates an obligation as a policy returned it or an event recorded it.
func (o *Obligation) check() error {
	return fault("", duty.CheckRecord(string(o.Kind), o.Kind.Valid(), o.PolicyID, o.deadline()))
}

// meet marks as met at t the unmet obligations of the given kinds in os.
func meet(os []Obligation, kinds []ObligationKind, t time.Time) {
	for i := range os {
		o := &os[i]
		if o.Met.IsZero() && slices.Contains(kinds, o.Kind) {
			o.Met = t
		}
	}
}
