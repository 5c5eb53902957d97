package meeting

import (
	"context"
	"iter"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
)

// DueByMinutes is Decision.DueBy for a due instant the minutes gave.
const DueByMinutes = "minutes"

// resolve completes a hold event: decisions about clues must be about clues
// env.Clues knows, decisions about problems about problems
// env.Rectifications knows (when it is set); the meeting policy's
// obligations and findings are recorded; decisions
// without a due instant take the clue's own time limit for the duty (a
// transfer's) or else the meeting policy's limit for their kind.
func (m *Meeting) resolve(ctx context.Context, e *Event, env Env) error {
	r := e.Record
	for i := range r.Decisions {
		d := &r.Decisions[i]
		for j, x := range d.Items {
			f := idx(idx("record.decisions", i)+".items", j)
			switch x.Kind {
			case ItemClue:
				if env.Clues == nil {
					return invalid("clues", "required: %s refers to clue %s", f, x.ID)
				}
				if c, ok := env.Clues.Clue(x.ID); !ok || c == nil {
					return &ItemError{Field: f, Kind: ItemClue, ID: x.ID}
				}
			case ItemProblem:
				if env.Rectifications == nil {
					continue // optional: problems are checked when the host gives a source
				}
				if r, ok := env.Rectifications.RectificationOf(x.ID); !ok || r == nil {
					return &ItemError{Field: f, Kind: ItemProblem, ID: x.ID}
				}
			}
		}
		if !d.Due.IsZero() {
			d.DueBy, d.Version = DueByMinutes, ""
		}
	}
	if env.Policy != nil {
		probe := m.Clone()
		probe.effect(e)
		got, err := env.Policy.Assess(ctx, probe, e.At)
		if err != nil {
			return &PolicyError{Err: err}
		}
		for _, f := range got.Findings {
			if err := f.check(); err != nil {
				return &PolicyError{Err: err}
			}
			e.Findings = append(e.Findings, f)
		}
		for _, o := range got.Obligations {
			if err := o.check(); err != nil {
				return &PolicyError{PolicyID: o.PolicyID, Kind: o.Kind, Err: err}
			}
			o.ArisenAt = e.At
			e.Obligations = append(e.Obligations, o)
		}
	}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		if !d.Due.IsZero() {
			continue
		}
		if d.Kind == DecisionTransfer {
			o, err := clueDuty(ctx, d, env, e.At)
			if err != nil {
				return err
			}
			if o != nil {
				d.Due, d.DueBy, d.Version = o.Due, o.PolicyID, o.BundleVersion
				continue
			}
		}
		for _, o := range e.Obligations {
			switch {
			case o.Kind != ObligationKind(d.Kind):
			case o.Pending():
				if d.Due.IsZero() && d.PendingYear == 0 {
					d.PendingYear, d.DueBy, d.Version = o.PendingYear, o.PolicyID, o.BundleVersion
				}
			case d.Due.IsZero() || o.Due.Before(d.Due):
				d.Due, d.DueBy, d.Version, d.PendingYear = o.Due, o.PolicyID, o.BundleVersion, 0
			}
		}
	}
	return nil
}

// clueDuty returns the earliest transfer duty of the clues d refers to: an
// unmet one the clue has recorded, or one the clue policy gives now.
func clueDuty(ctx context.Context, d *Decision, env Env, at time.Time) (*clue.Obligation, error) {
	var best *clue.Obligation
	consider := func(o clue.Obligation) {
		if o.Kind == clue.ObligationTransfer && o.Met.IsZero() && !o.Due.IsZero() && (best == nil || o.Due.Before(best.Due)) {
			best = &o
		}
	}
	for _, x := range d.Items {
		if x.Kind != ItemClue {
			continue
		}
		c, _ := env.Clues.Clue(x.ID)
		for _, o := range c.Obligations {
			consider(o)
		}
		if env.ClueObligations != nil {
			got, err := env.ClueObligations.Assess(ctx, c.Clone(), at)
			if err != nil {
				return nil, &PolicyError{Kind: ObligationKind(d.Kind), Err: err}
			}
			for _, o := range got.Obligations {
				if o.PolicyID != "" && !o.Due.IsZero() {
					consider(o)
				}
			}
		}
	}
	return best, nil
}

// Progress counts a meeting's decisions by status at an instant.
type Progress struct {
	Done      int            `json:"done"`
	Pending   int            `json:"pending"`
	Overdue   int            `json:"overdue"`
	Withdrawn int            `json:"withdrawn"`
	Items     []DecisionItem `json:"items,omitempty"`
}

// DecisionItem is one decision of one meeting with its status at an instant.
type DecisionItem struct {
	Meeting  uuid.UUID      `json:"meeting"`
	Number   string         `json:"number,omitempty"`
	HeldAt   time.Time      `json:"held_at"`
	Decision Decision       `json:"decision"`
	Status   DecisionStatus `json:"status"`
}

// Progress returns the status of every decision of m at now, derived, never
// stored: done and withdrawn as recorded by now, overdue when past due,
// pending otherwise.
func (m *Meeting) Progress(now time.Time) Progress {
	p := Progress{Items: make([]DecisionItem, 0, len(m.Decisions))}
	for i := range m.Decisions {
		d := &m.Decisions[i]
		s := d.Status(now)
		switch s {
		case DecisionDone:
			p.Done++
		case DecisionWithdrawn:
			p.Withdrawn++
		case DecisionOverdue:
			p.Overdue++
		default:
			p.Pending++
		}
		p.Items = append(p.Items, DecisionItem{Meeting: m.ID, Number: m.Number, HeldAt: m.HeldAt, Decision: d.clone(), Status: s})
	}
	return p
}

// Each yields a pointer to each meeting of ms, for the ledger functions.
func Each(ms []Meeting) iter.Seq[*Meeting] {
	return func(yield func(*Meeting) bool) {
		for i := range ms {
			if !yield(&ms[i]) {
				return
			}
		}
	}
}

// Overdue returns every decision of the given meetings that is overdue at
// now, in meeting order then decision order.
func Overdue(meetings iter.Seq[*Meeting], now time.Time) []DecisionItem {
	var out []DecisionItem
	for m := range meetings {
		for i := range m.Decisions {
			d := &m.Decisions[i]
			if d.Status(now) == DecisionOverdue {
				out = append(out, DecisionItem{Meeting: m.ID, Number: m.Number, HeldAt: m.HeldAt, Decision: d.clone(), Status: DecisionOverdue})
			}
		}
	}
	return out
}
