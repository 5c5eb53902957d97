package meeting

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
	if m.State == StateNone {
		return Event{}, false, nil
	}
	cmd.Step = StepRefix
	asked := map[time.Time][]Obligation{}
	var fixes []Refix
	for i := range m.Obligations {
		o := &m.Obligations[i]
		if !o.deadline().Refixable() {
			continue
		}
		now, ok := asked[o.ArisenAt]
		if !ok {
			a, err := p.Assess(ctx, m.Clone(), o.ArisenAt)
			if err != nil {
				return Event{}, false, &PolicyError{Err: err}
			}
			got := a.Obligations
			for _, n := range got {
				if err := n.check(); err != nil {
					return Event{}, false, &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind, Err: err}
				}
			}
			asked[o.ArisenAt], now = got, got
		}
		j := slices.IndexFunc(now, func(n Obligation) bool { return n.Kind == o.Kind && n.PolicyID == o.PolicyID })
		if j < 0 {
			continue
		}
		n := now[j]
		if n.Calendar != cal.Version() {
			return Event{}, false, &PolicyError{PolicyID: n.PolicyID, Kind: n.Kind,
				Err: invalid("calendar", "counted on calendar %q, not on the calendar given (%s)", n.Calendar, cal.Version())}
		}
		if n.deadline().Same(o.deadline()) {
			continue
		}
		fixes = append(fixes, Refix{
			Index: i, Kind: o.Kind, PolicyID: o.PolicyID,
			OldDue: o.Due, OldCertainty: o.Certainty, OldPendingYear: o.PendingYear, OldCalendar: o.Calendar,
			Due: n.Due, Certainty: n.Certainty, PendingYear: n.PendingYear, Calendar: n.Calendar, BundleVersion: n.BundleVersion,
			Notices: duty.Notices(cal, n.Due), Decisions: m.decisionsDueFrom(o),
		})
	}
	if len(fixes) == 0 {
		return Event{}, false, nil
	}
	cmd.Refixes = fixes
	if e, err = m.Do(ctx, cmd, Env{}); err != nil {
		return Event{}, false, err
	}
	return e, true, nil
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
// first error, returning the events so far.
func RefixAll(ctx context.Context, ms iter.Seq[*Meeting], cmd Command, p Policy, cal *workday.Calendar) ([]Event, error) {
	var out events
	for m := range ms {
		e, changed, err := m.Refix(ctx, cmd, p, cal)
		if err != nil {
			return out.all(), err
		}
		if changed {
			out.add(e)
		}
	}
	return out.all(), nil
}

// checkRefixes is the guard refix_valid.
func (m *Meeting) checkRefixes(e *Event) error {
	if len(e.Refixes) == 0 {
		return invalid("refixes", "required")
	}
	seen := map[int]bool{}
	for k := range e.Refixes {
		x := &e.Refixes[k]
		field := "refixes[" + strconv.Itoa(k) + "]"
		if x.Index < 0 || x.Index >= len(m.Obligations) || seen[x.Index] {
			return invalid(field+".index", "%d is not an obligation of the meeting, or is named twice", x.Index)
		}
		seen[x.Index] = true
		o := &m.Obligations[x.Index]
		switch {
		case o.Kind != x.Kind || o.PolicyID != x.PolicyID:
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
		want := m.decisionsDueFrom(o)
		if !slices.Equal(want, x.Decisions) {
			return invalid(field+".decisions", "want the decisions whose due the obligation set: %v", want)
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
