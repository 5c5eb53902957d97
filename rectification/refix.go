package rectification

import (
	"context"
	"iter"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// Refix is one obligation's due counted again on a newer calendar, as a refix
// event records it: which obligation (of the recommendation, or of a
// problem), its due before and after, how sure each is, the calendar and the
// notices of the due's year that now answer, and the policy and bundle
// version that counted it. A duty already met is judged again (Rejudged).
type Refix struct {
	Problem  uuid.UUID      `json:"problem,omitzero"` // nil: an obligation of the recommendation
	Index    int            `json:"index"`            // in the obligations of the recommendation or the problem
	Kind     ObligationKind `json:"kind"`
	PolicyID string         `json:"policy_id"`
	Obligor  uuid.UUID      `json:"obligor,omitzero"`

	OldDue         time.Time         `json:"old_due,omitzero"`
	OldCertainty   workday.Certainty `json:"old_certainty,omitempty"`
	OldPendingYear int               `json:"old_pending_year,omitempty"`
	OldCalendar    string            `json:"old_calendar,omitempty"`

	Due           time.Time         `json:"due,omitzero"`
	Certainty     workday.Certainty `json:"certainty,omitempty"`
	PendingYear   int               `json:"pending_year,omitempty"`
	Calendar      string            `json:"calendar"`
	BundleVersion string            `json:"bundle_version"`
	Notices       []string          `json:"notices,omitempty"`
	Rejudged      *Rejudgment       `json:"rejudged,omitempty"`
}

// Rejudgment is a met duty judged again against its re-fixed due.
type Rejudgment = duty.Rejudgment

// Refix counts again, on the policy p and its calendar cal, the dues of r's
// obligations (the recommendation's and every problem's) that are pending or
// were counted on reported, provisional or weekends-only days — typically
// once the host has loaded a year's notice and built a new bundle on it. For
// each it asks p about the subject as it stands (the recommendation, and the
// obligation's problem) at the instant the duty arose, and records every due
// that changes in one refix event with the old and new due, the calendar's
// content hash and notices, and the policy id and bundle version. Met duties
// are judged again against the new due. Dues counted on official data are
// never touched; problem dues set as data (Problem.Due, the recommendation's
// Deadline) are not the calendar's and stay as they are.
//
// cmd names who re-fixes and when (Actor.Agency and At are required); its
// Step is set to StepRefix. When no due changes, Refix returns changed=false
// and no event. An obligation the policy no longer yields keeps its due and
// certainty. cal must be the calendar p counts on. On error r is unchanged.
func (r *Rectification) Refix(ctx context.Context, cmd Command, p Policy, cal *workday.Calendar) (e Event, changed bool, err error) {
	if p == nil || cal == nil {
		return Event{}, false, invalid("policy", "a policy and its calendar are required")
	}
	fixes, err := r.refixes(ctx, p, cal)
	if err != nil || len(fixes) == 0 {
		return Event{}, false, err
	}
	return r.applyRefixes(ctx, cmd, fixes)
}

// applyRefixes records fixes as a refix event.
func (r *Rectification) applyRefixes(ctx context.Context, cmd Command, fixes []Refix) (Event, bool, error) {
	cmd.Step, cmd.Refixes = StepRefix, fixes
	e, err := r.Do(ctx, cmd, nil)
	if err != nil {
		return Event{}, false, err
	}
	return e, true, nil
}

// refixes counts r's dues again without changing r: the refixes of the dues that change.
func (r *Rectification) refixes(ctx context.Context, p Policy, cal *workday.Calendar) ([]Refix, error) {
	if r.State != StateIssued {
		return nil, nil
	}
	var fixes []Refix
	scan := func(pid uuid.UUID, os []Obligation) error {
		assess := p.Assess
		if f, ok := p.(FocusedPolicy); ok {
			ids := duty.RefixablePolicies(os, (*Obligation).deadline, func(o *Obligation) string { return o.PolicyID })
			if len(ids) == 0 {
				return nil
			}
			assess = func(ctx context.Context, s *Subject, at time.Time) (Assessment, error) {
				return f.AssessPolicies(ctx, s, at, ids)
			}
		}
		recounted, err := duty.Recount(os, (*Obligation).deadline, func(o *Obligation) time.Time { return o.ArisenAt },
			func(at time.Time) ([]Obligation, error) {
				a, err := assess(ctx, subjectOf(r, pid), at)
				if err != nil {
					return nil, &PolicyError{Err: err}
				}
				var now []Obligation
				for _, n := range a.Obligations {
					if err := n.check(); err != nil {
						return nil, &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind, Err: err}
					}
					if n.Kind.perProblem() != (pid != uuid.Nil) {
						continue
					}
					n.Problem = pid
					n.Obligor = orID(n.Obligor, r.defaultObligor(n.Kind))
					now = append(now, n)
				}
				return now, nil
			},
			func(n, o *Obligation) bool {
				return n.Kind == o.Kind && n.PolicyID == o.PolicyID && n.Obligor == o.Obligor
			},
			cal.Version(), func(n *Obligation) error { return foreignCalendar(n.PolicyID, n.Kind, n.Calendar, cal) })
		if err != nil {
			return err
		}
		for _, x := range recounted {
			o, n := &os[x.Index], x.Now
			fixes = append(fixes, Refix{
				Problem: pid, Index: x.Index, Kind: o.Kind, PolicyID: o.PolicyID, Obligor: o.Obligor,
				OldDue: o.Due, OldCertainty: o.Certainty, OldPendingYear: o.PendingYear, OldCalendar: o.Calendar,
				Due: n.Due, Certainty: n.Certainty, PendingYear: n.PendingYear, Calendar: n.Calendar, BundleVersion: n.BundleVersion,
				Notices: duty.Notices(cal, n.Due), Rejudged: duty.Rejudge(o.deadline(), n.deadline()),
			})
		}
		return nil
	}
	if err := scan(uuid.Nil, r.Obligations); err != nil {
		return nil, err
	}
	for i := range r.Problems {
		if err := scan(r.Problems[i].ID, r.Problems[i].Obligations); err != nil {
			return nil, err
		}
	}
	return fixes, nil
}

// defaultObligor is who owes a duty of kind k when the policy names nobody:
// the issuer for a look-back, the recipient otherwise.
func (r *Rectification) defaultObligor(k ObligationKind) uuid.UUID {
	if k == ObligationLookBack {
		return r.Recommendation.Issuer.ID
	}
	return r.Recommendation.Recipient.ID
}

// RefixAll calls [Rectification.Refix] for every rectification of rs and
// returns the events of those whose dues changed, each already applied. It
// stops at the first error, returning the events so far. The dues are counted
// on up to GOMAXPROCS goroutines and the events applied in order: p must be
// safe for concurrent use (the rules/domain policies are).
func RefixAll(ctx context.Context, rs iter.Seq[*Rectification], cmd Command, p Policy, cal *workday.Calendar) ([]Event, error) {
	if p == nil || cal == nil {
		return nil, invalid("policy", "a policy and its calendar are required")
	}
	return duty.RefixAll(rs,
		func(r *Rectification) ([]Refix, bool, error) {
			fixes, err := r.refixes(ctx, p, cal)
			return fixes, len(fixes) > 0, err
		},
		func(r *Rectification, fixes []Refix) (Event, error) {
			e, _, err := r.applyRefixes(ctx, cmd, fixes)
			return e, err
		})
}

// obligationsOf returns the obligations a refix names: the recommendation's
// or a problem's.
func (r *Rectification) obligationsOf(pid uuid.UUID) ([]Obligation, bool) {
	if pid == uuid.Nil {
		return r.Obligations, true
	}
	p := r.Problem(pid)
	if p == nil {
		return nil, false
	}
	return p.Obligations, true
}

// checkRefixes is the guard refix_valid.
func (r *Rectification) checkRefixes(e *Event) error {
	if len(e.Refixes) == 0 {
		return invalid("refixes", "required")
	}
	type key struct {
		problem uuid.UUID
		index   int
	}
	var seen duty.Repeats[key]
	for k := range e.Refixes {
		x := &e.Refixes[k]
		os, ok := r.obligationsOf(x.Problem)
		if !ok {
			return &UnknownProblemError{Field: duty.RefixField(k) + ".problem", ID: x.Problem}
		}
		if x.Index < 0 || x.Index >= len(os) || seen.Add(key{x.Problem, x.Index}) {
			return invalid(duty.RefixField(k)+".index", "%d is not an obligation of the rectification or its problem, or is named twice", x.Index)
		}
		o := &os[x.Index]
		claim := duty.Claim{OldDue: x.OldDue, OldCertainty: x.OldCertainty, OldPendingYear: x.OldPendingYear, Rejudged: x.Rejudged,
			New: duty.Deadline{Due: x.Due, Certainty: x.Certainty, PendingYear: x.PendingYear, Calendar: x.Calendar}}
		names := o.Kind == x.Kind && o.PolicyID == x.PolicyID && o.Obligor == x.Obligor
		if p := duty.CheckClaim(x.Index, string(o.Kind), o.PolicyID, names, o.deadline(), claim); p != nil {
			return fault(duty.RefixField(k), p)
		}
	}
	return nil
}

// refix applies the refixes of e, keeping each earlier due.
func (r *Rectification) refix(e *Event) {
	for _, x := range e.Refixes {
		os, _ := r.obligationsOf(x.Problem)
		o := &os[x.Index]
		o.Refixed = append(o.Refixed, o.deadline().Prior(e.At, e.Seq))
		o.Due, o.Certainty, o.PendingYear, o.Calendar, o.BundleVersion = x.Due, x.Certainty, x.PendingYear, x.Calendar, x.BundleVersion
	}
}
