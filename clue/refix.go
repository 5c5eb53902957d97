package clue

import (
	"context"
	"iter"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// Refix is one obligation's due counted again on a newer calendar, as a refix
// event records it: which obligation, its due before and after, how sure each
// is, the calendar and the notices of the due's year that now answer, and the
// policy and bundle version that counted it. A duty already met is judged
// again against the new due (Rejudged).
type Refix struct {
	Index       int            `json:"index"` // in Clue.Obligations
	Kind        ObligationKind `json:"kind"`
	PolicyID    string         `json:"policy_id"`
	Obligor     uuid.UUID      `json:"obligor,omitzero"`
	Beneficiary uuid.UUID      `json:"beneficiary,omitzero"`

	OldDue         time.Time         `json:"old_due,omitzero"`
	OldCertainty   workday.Certainty `json:"old_certainty,omitempty"`
	OldPendingYear int               `json:"old_pending_year,omitempty"`
	OldCalendar    string            `json:"old_calendar,omitempty"`

	Due           time.Time         `json:"due,omitzero"`
	Certainty     workday.Certainty `json:"certainty,omitempty"`
	PendingYear   int               `json:"pending_year,omitempty"`
	Calendar      string            `json:"calendar"`
	BundleVersion string            `json:"bundle_version"`
	// Notices are the document numbers of the notices the calendar holds for
	// the due's year (empty when that year is reported or provisional).
	Notices []string `json:"notices,omitempty"`
	// Rejudged is set for a duty already met: on time against the old due,
	// and against the new one.
	Rejudged *Rejudgment `json:"rejudged,omitempty"`
}

// Rejudgment is a met duty judged again against its re-fixed due.
type Rejudgment = duty.Rejudgment

// Refix counts again, on the policy p and its calendar cal, the dues of c's
// obligations that are pending or were counted on reported, provisional or
// weekends-only days — typically once the host has loaded a year's notice
// (workday.ParseNotice, workday.WithYears) and built a new bundle on it. For
// each such obligation it asks p about the clue as it stands at the instant
// the duty arose, and records every due that changes (in its instant, its
// certainty or from pending to counted) in one refix event, with the old and
// new due, the calendar's content hash and notices, and the policy id and
// bundle version. Met duties are judged again against the new due. Dues
// counted on official data are never touched. Reminders already sent stay on
// the clue whatever the new due.
//
// cmd names who re-fixes and when (Actor.Agency and At are required; At may
// not be before the clue's last event); its Step is set to StepRefix. When no
// due changes, Refix returns changed=false and no event. An obligation the
// policy no longer yields for the clue as it stands keeps its due and its
// certainty, so that the ledger keeps listing it as provisional ([Provisional]).
// cal must be the calendar p counts on: an obligation counted on another
// calendar is a *PolicyError. On error c is unchanged. A merged clue is not
// re-fixed: its duties live on in the clue it was merged into.
func (c *Clue) Refix(ctx context.Context, cmd Command, p Policy, cal *workday.Calendar) (e Event, changed bool, err error) {
	if p == nil || cal == nil {
		return Event{}, false, invalid("policy", "a policy and its calendar are required")
	}
	fixes, err := c.refixes(ctx, p, cal)
	if err != nil || len(fixes) == 0 {
		return Event{}, false, err
	}
	return c.applyRefixes(ctx, cmd, fixes)
}

// applyRefixes records fixes as a refix event.
func (c *Clue) applyRefixes(ctx context.Context, cmd Command, fixes []Refix) (Event, bool, error) {
	cmd.Step, cmd.Refixes = StepRefix, fixes
	e, err := c.Do(ctx, cmd, nil)
	if err != nil {
		return Event{}, false, err
	}
	return e, true, nil
}

// refixes counts c's dues again without changing c: the refixes of the dues that change.
func (c *Clue) refixes(ctx context.Context, p Policy, cal *workday.Calendar) ([]Refix, error) {
	if c.State == StateMerged || c.State == StateNone {
		return nil, nil
	}
	assess := p.Assess
	if f, ok := p.(FocusedPolicy); ok {
		ids := duty.RefixablePolicies(c.Obligations, (*Obligation).deadline, func(o *Obligation) string { return o.PolicyID })
		if len(ids) == 0 {
			return nil, nil
		}
		assess = func(ctx context.Context, c *Clue, at time.Time) (Assessment, error) {
			return f.AssessPolicies(ctx, c, at, ids)
		}
	}
	recounted, err := duty.Recount(c.Obligations, (*Obligation).deadline, func(o *Obligation) time.Time { return o.ArisenAt },
		func(at time.Time) ([]Obligation, error) {
			a, err := assess(ctx, c, at)
			if err != nil {
				return nil, &PolicyError{Err: err}
			}
			return normalize(c, a.Obligations, at, false)
		},
		(*Obligation).same, cal.Version(), func(n *Obligation) error { return foreignCalendar(n.PolicyID, n.Kind, n.Calendar, cal) })
	if err != nil || len(recounted) == 0 {
		return nil, err
	}
	fixes := make([]Refix, 0, len(recounted))
	for _, r := range recounted {
		fixes = append(fixes, newRefix(r.Index, &c.Obligations[r.Index], r.Now, cal))
	}
	return fixes, nil
}

func newRefix(i int, o, n *Obligation, cal *workday.Calendar) Refix {
	return Refix{
		Index: i, Kind: o.Kind, PolicyID: o.PolicyID, Obligor: o.Obligor, Beneficiary: o.Beneficiary,
		OldDue: o.Due, OldCertainty: o.Certainty, OldPendingYear: o.PendingYear, OldCalendar: o.Calendar,
		Due: n.Due, Certainty: n.Certainty, PendingYear: n.PendingYear, Calendar: n.Calendar, BundleVersion: n.BundleVersion,
		Notices: duty.Notices(cal, n.Due), Rejudged: duty.Rejudge(o.deadline(), n.deadline()),
	}
}

// RefixAll calls [Clue.Refix] for every clue of clues with the same command,
// policy and calendar, and returns the events of the clues whose dues
// changed, in order (each already applied to its clue). It stops at the first
// error, returning the events so far: those clues are changed, the rest not.
// The dues are counted on up to GOMAXPROCS goroutines, finished before it
// returns, and the events applied in order: p must be safe for concurrent use
// (the rules/domain policies are). The clues must be distinct.
func RefixAll(ctx context.Context, clues iter.Seq[*Clue], cmd Command, p Policy, cal *workday.Calendar) ([]Event, error) {
	if p == nil || cal == nil {
		return nil, invalid("policy", "a policy and its calendar are required")
	}
	return duty.RefixAll(clues,
		func(c *Clue) ([]Refix, bool, error) {
			fixes, err := c.refixes(ctx, p, cal)
			return fixes, len(fixes) > 0, err
		},
		func(c *Clue, fixes []Refix) (Event, error) {
			e, _, err := c.applyRefixes(ctx, cmd, fixes)
			return e, err
		})
}

// checkRefixes is the guard refix_valid: every refix of the event names an
// obligation of c as it stands, which is refixable, and the new due is well
// formed.
func (c *Clue) checkRefixes(e *Event) error {
	if len(e.Refixes) == 0 {
		return invalid("refixes", "required")
	}
	var seen duty.Repeats[int]
	for k := range e.Refixes {
		r := &e.Refixes[k]
		if r.Index < 0 || r.Index >= len(c.Obligations) || seen.Add(r.Index) {
			return invalid(duty.RefixField(k)+".index", "%d is not an obligation of the clue, or is named twice", r.Index)
		}
		o := &c.Obligations[r.Index]
		names := o.Kind == r.Kind && o.PolicyID == r.PolicyID && o.Obligor == r.Obligor && o.Beneficiary == r.Beneficiary
		if p := duty.CheckClaim(r.Index, string(o.Kind), o.PolicyID, names, o.deadline(), r.claim()); p != nil {
			return fault(duty.RefixField(k), p)
		}
	}
	return nil
}

// refix applies the refixes of e to c, keeping each earlier due.
func (c *Clue) refix(e *Event) {
	for _, r := range e.Refixes {
		o := &c.Obligations[r.Index]
		o.Refixed = append(o.Refixed, o.deadline().Prior(e.At, e.Seq))
		o.Due, o.Certainty, o.PendingYear, o.Calendar, o.BundleVersion = r.Due, r.Certainty, r.PendingYear, r.Calendar, r.BundleVersion
	}
}

// claim is what r says of its obligation, for the shared check.
func (r *Refix) claim() duty.Claim {
	return duty.Claim{OldDue: r.OldDue, OldCertainty: r.OldCertainty, OldPendingYear: r.OldPendingYear, Rejudged: r.Rejudged,
		New: duty.Deadline{Due: r.Due, Certainty: r.Certainty, PendingYear: r.PendingYear, Calendar: r.Calendar}}
}
