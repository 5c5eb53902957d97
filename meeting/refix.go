package meeting

import (
	"context"
	"iter"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// StepRefix records dues counted again on a newer calendar (Command.Refixes;
// see [Meeting.Refix]).
const StepRefix Step = "refix"

// GuardRefixValid checks a refix event against the meeting as it stands.
const GuardRefixValid Guard = "refix_valid"

// Refix is one obligation's due counted again on a newer calendar, as a refix
// event records it: which obligation, its due before and after, how sure each
// is, the calendar and notices of the due's year that now answer, the policy
// and bundle version that counted it, and the decisions whose due came from
// that obligation and move with it.
type Refix struct {
	Index    int            `json:"index"` // in Meeting.Obligations
	Kind     ObligationKind `json:"kind"`
	PolicyID string         `json:"policy_id"`

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
	// Decisions are the decisions whose due this obligation set (DueBy is its
	// policy, the kind is its kind) and which take the new due.
	Decisions []uuid.UUID `json:"decisions,omitempty"`
}

// Refix counts again, on the policy p and its calendar cal, the dues of m's
// obligations that are pending or were counted on reported, provisional or
// weekends-only days — typically once the host has loaded a year's notice and
// built a new bundle on it. For each it asks p about the meeting as it stands
// at the instant the duty arose, and records every due that changes in one
// refix event with the old and new due, the calendar's content hash and
// notices, the policy id and bundle version, and the decisions that take the
// new due. Dues counted on official data, and decision dues set by the
// minutes, are never touched.
//
// cmd names who re-fixes and when (Actor.Agency and At are required); its
// Step is set to StepRefix. When no due changes, Refix returns changed=false
// and no event. An obligation the policy no longer yields keeps its due and
// certainty. cal must be the calendar p counts on. On error m is unchanged.
func (m *Meeting) Refix(ctx context.Context, cmd Command, p Policy, cal *workday.Calendar) (e Event, changed bool, err error) {
	if p == nil || cal == nil {
		return Event{}, false, invalid("policy", "a policy and its calendar are required")
	}
	fixes, err := m.refixes(ctx, p, cal)
	if err != nil || len(fixes) == 0 {
		return Event{}, false, err
	}
	return m.applyRefixes(ctx, cmd, fixes)
}

// applyRefixes records fixes as a refix event.
func (m *Meeting) applyRefixes(ctx context.Context, cmd Command, fixes []Refix) (Event, bool, error) {
	cmd.Step, cmd.Refixes = StepRefix, fixes
	e, err := m.Do(ctx, cmd, Env{})
	if err != nil {
		return Event{}, false, err
	}
	return e, true, nil
}

// refixes counts m's dues again without changing m: the refixes of the dues that change.
func (m *Meeting) refixes(ctx context.Context, p Policy, cal *workday.Calendar) ([]Refix, error) {
	if m.State == StateNone {
		return nil, nil
	}
	assess := p.Assess
	if f, ok := p.(FocusedPolicy); ok {
		ids := duty.RefixablePolicies(m.Obligations, (*Obligation).deadline, func(o *Obligation) string { return o.PolicyID })
		if len(ids) == 0 {
			return nil, nil
		}
		assess = func(ctx context.Context, m *Meeting, at time.Time) (Assessment, error) {
			return f.AssessPolicies(ctx, m, at, ids)
		}
	}
	recounted, err := duty.Recount(m.Obligations, (*Obligation).deadline, func(o *Obligation) time.Time { return o.ArisenAt },
		func(at time.Time) ([]Obligation, error) {
			a, err := assess(ctx, m.Clone(), at)
			if err != nil {
				return nil, &PolicyError{Err: err}
			}
			for _, n := range a.Obligations {
				if err := n.check(); err != nil {
					return nil, &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind, Err: err}
				}
			}
			return a.Obligations, nil
		},
		func(n, o *Obligation) bool { return n.Kind == o.Kind && n.PolicyID == o.PolicyID },
		cal.Version(), func(n *Obligation) error { return foreignCalendar(n.PolicyID, n.Kind, n.Calendar, cal) })
	if err != nil || len(recounted) == 0 {
		return nil, err
	}
	fixes := make([]Refix, 0, len(recounted))
	for _, r := range recounted {
		o, n := &m.Obligations[r.Index], r.Now
		fixes = append(fixes, Refix{
			Index: r.Index, Kind: o.Kind, PolicyID: o.PolicyID,
			OldDue: o.Due, OldCertainty: o.Certainty, OldPendingYear: o.PendingYear, OldCalendar: o.Calendar,
			Due: n.Due, Certainty: n.Certainty, PendingYear: n.PendingYear, Calendar: n.Calendar, BundleVersion: n.BundleVersion,
			Notices: duty.Notices(cal, n.Due), Decisions: m.decisionsDueFrom(o),
		})
	}
	return fixes, nil
}

// decisionsDueFrom returns the decisions whose due o set.
func (m *Meeting) decisionsDueFrom(o *Obligation) []uuid.UUID {
	var out []uuid.UUID
	for i := range m.Decisions {
		d := &m.Decisions[i]
		if d.DueBy == o.PolicyID && ObligationKind(d.Kind) == o.Kind && d.Due.Equal(o.Due) && d.PendingYear == o.PendingYear {
			out = append(out, d.ID)
		}
	}
	return out
}

// RefixAll calls [Meeting.Refix] for every meeting of ms and returns the
// events of those whose dues changed, each already applied. It stops at the
// first error, returning the events so far. The dues are counted on up to
// GOMAXPROCS goroutines and the events applied in order: p must be safe for
// concurrent use (the rules/domain policies are).
func RefixAll(ctx context.Context, ms iter.Seq[*Meeting], cmd Command, p Policy, cal *workday.Calendar) ([]Event, error) {
	if p == nil || cal == nil {
		return nil, invalid("policy", "a policy and its calendar are required")
	}
	return duty.RefixAll(ms,
		func(m *Meeting) ([]Refix, bool, error) {
			fixes, err := m.refixes(ctx, p, cal)
			return fixes, len(fixes) > 0, err
		},
		func(m *Meeting, fixes []Refix) (Event, error) {
			e, _, err := m.applyRefixes(ctx, cmd, fixes)
			return e, err
		})
}

// checkRefixes is the guard refix_valid.
func (m *Meeting) checkRefixes(e *Event) error {
	if len(e.Refixes) == 0 {
		return invalid("refixes", "required")
	}
	var seen duty.Repeats[int]
	for k := range e.Refixes {
		x := &e.Refixes[k]
		if x.Index < 0 || x.Index >= len(m.Obligations) || seen.Add(x.Index) {
			return invalid(duty.RefixField(k)+".index", "%d is not an obligation of the meeting, or is named twice", x.Index)
		}
		o := &m.Obligations[x.Index]
		claim := duty.Claim{OldDue: x.OldDue, OldCertainty: x.OldCertainty, OldPendingYear: x.OldPendingYear,
			New: duty.Deadline{Due: x.Due, Certainty: x.Certainty, PendingYear: x.PendingYear, Calendar: x.Calendar}}
		names := o.Kind == x.Kind && o.PolicyID == x.PolicyID
		if p := duty.CheckClaim(x.Index, string(o.Kind), o.PolicyID, names, o.deadline(), claim); p != nil {
			return fault(duty.RefixField(k), p)
		}
		want := m.decisionsDueFrom(o)
		if !slices.Equal(want, x.Decisions) {
			return invalid(duty.RefixField(k)+".decisions", "want the decisions whose due the obligation set: %v", want)
		}
	}
	return nil
}

// refix applies the refixes of e, keeping each earlier due; the decisions
// named take the new due.
func (m *Meeting) refix(e *Event) {
	for _, x := range e.Refixes {
		o := &m.Obligations[x.Index]
		o.Refixed = append(o.Refixed, o.deadline().Prior(e.At, e.Seq))
		o.Due, o.Certainty, o.PendingYear, o.Calendar, o.BundleVersion = x.Due, x.Certainty, x.PendingYear, x.Calendar, x.BundleVersion
		for _, id := range x.Decisions {
			if d := m.Decision(id); d != nil {
				d.Due, d.PendingYear, d.Version = x.Due, x.PendingYear, x.BundleVersion
			}
		}
	}
}
