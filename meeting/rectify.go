package meeting

import (
	"context"

	"github.com/google/uuid"

	"github.com/guantong/guantong/rectification"
)

// RectificationSource finds the rectification that lists a problem. The host
// implements it over its store; [RectificationMap] is a slice-based one.
//
// Identity: a rectification is identified by its ID, not by the pointer
// returned. A source may return the same object for every problem it lists
// (an in-memory store) or a fresh one on every call (a database-backed
// store): [Meeting.ActOnRectification] works on one copy per rectification ID,
// so that two problems of one rectification get consecutive events, and on
// success writes the result back into the first object the source returned
// for that ID. The events it returns are the record to persist either way.
type RectificationSource interface {
	// RectificationOf returns the rectification listing the problem, or false.
	RectificationOf(problem uuid.UUID) (*rectification.Rectification, bool)
}

// RectificationMap is a [RectificationSource] over a slice of rectifications.
type RectificationMap []*rectification.Rectification

// RectificationOf implements [RectificationSource].
func (rs RectificationMap) RectificationOf(problem uuid.UUID) (*rectification.Rectification, bool) {
	for _, r := range rs {
		if r != nil && r.Problem(problem) != nil {
			return r, true
		}
	}
	return nil, false
}

// TaskID is the id of the task an assign decision creates for a problem:
// derived from both, so that it is the same on every replay.
func TaskID(decision, problem uuid.UUID) uuid.UUID {
	return uuid.NewSHA1(decision, problem[:])
}

// ActOnRectification carries out an assign decision (交办) about problems in
// the rectification model: for each problem it refers to, the rectification
// listing it gets a task (rectification.AssignTask) — measure the decision's
// summary, responsible unit the decision's office or else its owner,
// responsible person cmd.Responsible, due the decision's due instant, id
// [TaskID] — so that the duty is tracked, and made overdue, where the
// problem's rectification is. The decision is then marked done (its duty
// handed over) with the rectification events as effects. Problems of one
// rectification are assigned in turn on one working copy (see
// [RectificationSource] on identity), so their events follow each other. All
// or nothing: a refused step is an *ActError wrapping the rectification package's error
// and nothing changes; an unknown problem is an *ItemError.
func (m *Meeting) ActOnRectification(ctx context.Context, cmd ActCommand, recs RectificationSource, p rectification.Policy) (Acted, error) {
	d := m.Decision(cmd.Decision)
	if d == nil {
		return Acted{}, invalid("decision", "%s is not a decision of this meeting", cmd.Decision)
	}
	fail := func(item uuid.UUID, err error) (Acted, error) {
		return Acted{}, &ActError{Decision: d.ID, Kind: d.Kind, Item: item, Err: err}
	}
	if d.Kind != DecisionAssign {
		return fail(uuid.Nil, invalid("kind", "a %s decision has no rectification action", d.Kind))
	}
	if recs == nil {
		return Acted{}, invalid("rectifications", "required")
	}
	if d.Settled() {
		return Acted{}, invalid("decision", "%s is already done or withdrawn", d.ID)
	}
	unit := d.Office
	if unit.ID == uuid.Nil {
		a, ok := m.Mechanism.Agency(d.Owner)
		if !ok {
			for _, x := range m.Attendees {
				if x.Agency.ID == d.Owner {
					a, ok = x.Agency, true
				}
			}
		}
		if !ok {
			return fail(uuid.Nil, invalid("owner", "%s is not an agency of the meeting", d.Owner))
		}
		unit = a
	}
	measure := d.Summary
	if measure == "" {
		measure = m.Mechanism.Name + "交办"
	}
	// Working copies are keyed by rectification ID: a host's source may return
	// a fresh object for every lookup.
	work := map[uuid.UUID]*rectification.Rectification{}
	first := map[uuid.UUID]*rectification.Rectification{}
	var order []uuid.UUID
	var evs []rectification.Event
	for j, x := range d.Items {
		switch x.Kind {
		case ItemTopic:
			continue
		case ItemClue:
			return fail(x.ID, invalid(idx("items", j), "a decision about clues is carried out in the clue model"))
		}
		r, ok := recs.RectificationOf(x.ID)
		if !ok || r == nil {
			return Acted{}, &ItemError{Field: idx("decision.items", j), Kind: ItemProblem, ID: x.ID}
		}
		w, seen := work[r.ID]
		if !seen {
			w = r.Clone()
			work[r.ID], first[r.ID] = w, r
			order = append(order, r.ID)
		}
		k := rectification.AssignTask(cmd.Actor, cmd.At, x.ID, rectification.Task{
			ID: TaskID(d.ID, x.ID), Measure: measure, ResponsibleUnit: unit, ResponsiblePerson: cmd.Responsible, Due: d.Due,
		})
		k.Reason = cmd.Reason
		e, err := w.Do(ctx, k, p)
		if err != nil {
			return fail(x.ID, err)
		}
		evs = append(evs, e)
	}
	if len(evs) == 0 {
		return fail(uuid.Nil, invalid("items", "the decision refers to no problem"))
	}
	effects := make([]Effect, len(evs))
	for i, e := range evs {
		effects[i] = Effect{Model: "rectification", ID: e.RectificationID, Seq: e.Seq, Step: string(e.Step)}
	}
	outcome := cmd.Reason
	if outcome == "" {
		outcome = "已交办整改任务"
	}
	mm := m.Clone()
	me, err := mm.Do(ctx, Command{Step: StepCarryOut, Actor: cmd.Actor, At: cmd.At, Decision: d.ID, Outcome: outcome, Effects: effects}, Env{})
	if err != nil {
		return Acted{}, err
	}
	for _, rid := range order {
		*first[rid] = *work[rid]
	}
	*m = *mm
	return Acted{RectificationEvents: evs, Event: me}, nil
}
