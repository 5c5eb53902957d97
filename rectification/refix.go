package rectification

import (
	"context"
	"iter"
	"slices"
	"strconv"
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
	if r.State != StateIssued {
		return Event{}, false, nil
	}
	cmd.Step = StepRefix
	type key struct {
		problem uuid.UUID
		at      time.Time
	}
	asked := map[key][]Obligation{}
	var fixes []Refix
	scan := func(pid uuid.UUID, os []Obligation) error {
		for i := range os {
			o := &os[i]
			if !o.deadline().Refixable() {
				continue
			}
			k := key{pid, o.ArisenAt}
			now, ok := asked[k]
			if !ok {
				a, err := p.Assess(ctx, subjectOf(r, pid), o.ArisenAt)
				if err != nil {
					return &PolicyError{Err: err}
				}
				for _, n := range a.Obligations {
					if err := n.check(); err != nil {
						return &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind, Err: err}
					}
					if n.Kind.perProblem() != (pid != uuid.Nil) {
						continue
					}
					n.Problem = pid
					n.Obligor = orID(n.Obligor, r.defaultObligor(n.Kind))
					now = append(now, n)
				}
				asked[k] = now
			}
			j := slices.IndexFunc(now, func(n Obligation) bool {
				return n.Kind == o.Kind && n.PolicyID == o.PolicyID && n.Obligor == o.Obligor
			})
			if j < 0 {
				continue
			}
			n := now[j]
			if n.Calendar != cal.Version() {
				return &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind,
					Err: invalid("calendar", "counted on calendar %q, not on the calendar given (%s)", n.Calendar, cal.Version())}
			}
			if n.deadline().Same(o.deadline()) {
				continue
			}
			fixes = append(fixes, Refix{
				Problem: pid, Index: i, Kind: o.Kind, PolicyID: o.PolicyID, Obligor: o.Obligor,
				OldDue: o.Due, OldCertainty: o.Certainty, OldPendingYear: o.PendingYear, OldCalendar: o.Calendar,
				Due: n.Due, Certainty: n.Certainty, PendingYear: n.PendingYear, Calendar: n.Calendar, BundleVersion: n.BundleVersion,
				Notices: duty.Notices(cal, n.Due), Rejudged: duty.Rejudge(o.deadline(), n.deadline()),
			})
		}
		return nil
	}
	if err := scan(uuid.Nil, r.Obligations); err != nil {
		return Event{}, false, err
	}
	for i := range r.Problems {
		if err := scan(r.Problems[i].ID, r.Problems[i].Obligations); err != nil {
			return Event{}, false, err
		}
	}
	if len(fixes) == 0 {
		return Event{}, false, nil
	}
	cmd.Refixes = fixes
	if e, err = r.Do(ctx, cmd, nil); err != nil {
		return Event{}, false, err
	}
	return e, true, nil
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
// stops at the first error, returning the events so far.
func RefixAll(ctx context.Context, rs iter.Seq[*Rectification], cmd Command, p Policy, cal *workday.Calendar) ([]Event, error) {
	var out events
	for r := range rs {
		e, changed, err := r.Refix(ctx, cmd, p, cal)
		if err != nil {
			return out.all(), err
		}
		if changed {
			out.add(e)
		}
	}
	return out.all(), nil
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
	seen := map[key]bool{}
	for k := range e.Refixes {
		x := &e.Refixes[k]
		field := "refixes[" + strconv.Itoa(k) + "]"
		os, ok := r.obligationsOf(x.Problem)
		if !ok {
			return &UnknownProblemError{Field: field + ".problem", ID: x.Problem}
		}
		if x.Index < 0 || x.Index >= len(os) || seen[key{x.Problem, x.Index}] {
			return invalid(field+".index", "%d is not an obligation of the rectification or its problem, or is named twice", x.Index)
		}
		seen[key{x.Problem, x.Index}] = true
		o := &os[x.Index]
		switch {
		case o.Kind != x.Kind || o.PolicyID != x.PolicyID || o.Obligor != x.Obligor:
			return invalid(field, "does not name obligation %d (%s of %s)", x.Index, o.Kind, o.PolicyID)
		case !o.deadline().Refixable():
			return invalid(field, "obligation %d was counted on official data: its due is a fact", x.Index)
		case !o.Due.Equal(x.OldDue) || o.Certainty != x.OldCertainty || o.PendingYear != x.OldPendingYear:
			return invalid(field+".old_due", "does not match obligation %d as it stands", x.Index)
		case x.Calendar == "":
			return invalid(field+".calendar", "required")
		}
		if p := (duty.Deadline{Due: x.Due, Certainty: x.Certainty, PendingYear: x.PendingYear}).Check(); p != nil {
			return dutyProblem(field+".", p)
		}
		if p := duty.CheckRejudged(x.Rejudged, o.Met); p != nil {
			return dutyProblem(field+".", p)
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

// events collects events in chunks and copies them once: an event is large,
// and growing one slice would move each about twice.
type events struct {
	chunks [][]Event
	n      int
}

func (es *events) add(e Event) {
	if k := len(es.chunks); k == 0 || len(es.chunks[k-1]) == cap(es.chunks[k-1]) {
		es.chunks = append(es.chunks, make([]Event, 0, 1024))
	}
	k := len(es.chunks) - 1
	es.chunks[k] = append(es.chunks[k], e)
	es.n++
}

func (es *events) all() []Event {
	if len(es.chunks) == 1 {
		return es.chunks[0]
	}
	out := make([]Event, 0, es.n)
	for _, c := range es.chunks {
		out = append(out, c...)
	}
	return out
}
