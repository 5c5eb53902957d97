package meeting

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

// ActCommand asks to carry out one decision of a meeting in the clue or
// rectification model.
type ActCommand struct {
	Decision uuid.UUID     `json:"decision"`
	Actor    clue.Actor    `json:"actor"` // acts in both models: the clue's source (transfer) or receiver (others)
	At       time.Time     `json:"at"`
	Reason   string        `json:"reason,omitempty"`   // recorded in the clue events and as the outcome
	Package  *clue.Package `json:"package,omitempty"`  // transfer: an optional supplement
	Document string        `json:"document,omitempty"` // reminder_letter: the letter's reference (文号)
	// Responsible is the person answerable for the task an assign decision
	// creates in the rectification model (责任人).
	Responsible clue.Person `json:"responsible,omitzero"`
}

// Acted is what carrying out a decision produced: the clue or rectification
// events to persist, in the order applied, and the meeting's carry_out event.
type Acted struct {
	ClueEvents          []clue.Event          `json:"clue_events,omitempty"`
	RectificationEvents []rectification.Event `json:"rectification_events,omitempty"`
	Event               Event                 `json:"event"`
}

// DecisionPolicyID is the policy id under which a decision's duty is recorded
// in a clue: "meeting/<meeting id>/decision/<decision id>".
func DecisionPolicyID(meeting, decision uuid.UUID) string {
	return "meeting/" + meeting.String() + "/decision/" + decision.String()
}

// ClueDutyKind is the clue obligation kind under which a decision of kind k
// is recorded on the clues it is about: transfer for transfer_clue, assign,
// merge and reminder for assign, merge_clues and reminder_letter (kinds the
// clue package keeps for duties decided outside the clue, met by its assign,
// merge/absorb and remind steps). Other decisions (joint inspection,
// sanction opinion) have no clue duty: false.
func ClueDutyKind(k DecisionKind) (clue.ObligationKind, bool) {
	switch k {
	case DecisionTransfer:
		return clue.ObligationTransfer, true
	case DecisionAssign:
		return clue.ObligationAssign, true
	case DecisionMerge:
		return clue.ObligationMerge, true
	case DecisionReminderLetter:
		return clue.ObligationReminder, true
	}
	return "", false
}

// clueDuty is the duty decision d of m puts on a clue.
func (m *Meeting) clueDuty(d *Decision) (clue.Obligation, bool) {
	k, ok := ClueDutyKind(d.Kind)
	return clue.Obligation{Kind: k, Due: d.Due, ArisenAt: m.HeldAt, PolicyID: DecisionPolicyID(m.ID, d.ID), BundleVersion: d.Version}, ok
}

// hasDuty reports whether c already carries the duty o (met or not) — the
// decision's own, or, for a transfer, the clue's own unmet time limit with
// the same due instant, which the decision adopted at the hold.
func hasDuty(c *clue.Clue, o *clue.Obligation) bool {
	for i := range c.Obligations {
		x := &c.Obligations[i]
		if x.Kind != o.Kind {
			continue
		}
		if x.PolicyID == o.PolicyID || (x.Met.IsZero() && x.Due.Equal(o.Due)) {
			return true
		}
	}
	return false
}

// RecordDuties records, at once, the duty of every open decision of m on the
// clues it is about (spec 7.3: a decision creates the duty it names, with a
// due date, in the clue model), so that a decision nobody carries out shows
// in the clue ledger (clue.Overdue) as well as in [Overdue]. Call it right
// after [Hold], with the hold's actor and instant; it is idempotent.
//
// Each clue gets a record_duty step (clue.StepRecordDuty) with the duty of
// kind [ClueDutyKind], due at the decision's due instant, arisen when the
// meeting was held, owed by the clue's source (transfer) or receiver
// (others), under [DecisionPolicyID]; carrying the decision out
// ([Meeting.ActOnClues]) meets it. Skipped: decisions that are settled or
// have no clue duty, clues that already carry the duty (or, for a transfer,
// an unmet time limit of their own with the same due instant, which the
// decision adopted) and clues that are merged or evaluated (their life in the
// clue model is over). The clue policy p (may be nil) is asked as at any
// clue step.
//
// Clues are looked up in clues by id (see [ClueSource] on identity); an
// unknown clue is an *ItemError. All or nothing: a refused step (e.g. a
// decision due before the meeting, adopted from a clue limit that had already
// passed) is an *ActError wrapping the clue package's error and no clue
// changes. The clue events to persist are returned in the order applied; m
// itself does not change.
func (m *Meeting) RecordDuties(ctx context.Context, actor clue.Actor, at time.Time, clues ClueSource, p clue.Policy) ([]clue.Event, error) {
	if clues == nil {
		return nil, invalid("clues", "required")
	}
	work := map[uuid.UUID]*clue.Clue{}
	first := map[uuid.UUID]*clue.Clue{}
	var order []uuid.UUID
	var evs []clue.Event
	for i := range m.Decisions {
		d := &m.Decisions[i]
		duty, ok := m.clueDuty(d)
		if !ok || d.Settled() {
			continue
		}
		for j, x := range d.Items {
			if x.Kind != ItemClue {
				continue
			}
			c, seen := work[x.ID]
			if !seen {
				orig, ok := clues.Clue(x.ID)
				if !ok || orig == nil {
					return nil, &ItemError{Field: idx(idx("decisions", i)+".items", j), Kind: ItemClue, ID: x.ID}
				}
				c = orig.Clone()
				work[x.ID], first[x.ID] = c, orig
				order = append(order, x.ID)
			}
			if c.State == clue.StateMerged || c.State == clue.StateEvaluated || hasDuty(c, &duty) {
				continue
			}
			o := duty
			e, err := c.Do(ctx, clue.Command{Step: clue.StepRecordDuty, Actor: actor, At: at, Reason: m.reason(""), Duty: &o}, p)
			if err != nil {
				return nil, &ActError{Decision: d.ID, Kind: d.Kind, Item: x.ID, Err: err}
			}
			evs = append(evs, e)
		}
	}
	for _, cid := range order {
		*first[cid] = *work[cid]
	}
	return evs, nil
}

// reason is the reason recorded in clue events: the given one, or the
// meeting's name and date.
func (m *Meeting) reason(r string) string {
	if r != "" {
		return r
	}
	return fmt.Sprintf("%s %s 决定", m.Mechanism.Name, m.HeldAt.In(workday.Location()).Format(time.DateOnly))
}

// ActOnClues carries out decision cmd.Decision of m in the clue model through
// the clue lifecycle, with the clue policy p (may be nil):
//
//   - transfer_clue: each clue is transferred (or resubmitted after a
//     return) by its source;
//   - merge_clues: every further clue is merged into the first (clue.Merge);
//   - assign: each clue is assigned to the decision's office;
//   - reminder_letter: a reminder letter (工作提示函) is recorded on each
//     clue for its unmet duty of kind Decision.Duty (default disposal).
//
// The decision's duty ([ClueDutyKind], due at the decision's due instant,
// under [DecisionPolicyID]) is met by that step — recorded by it first when
// [Meeting.RecordDuties] has not recorded it already — so the clue's history
// shows whether the meeting's deadline was kept.
//
// Clues are looked up in clues; an unknown clue is an *ItemError. Then the
// decision is marked done with a carry_out event listing the clue events as
// effects. Either everything succeeds — the clues in clues are updated in
// place and m records the event — or nothing changes: a refused clue step is
// an *ActError wrapping the clue package's error (e.g. clue.ErrGuard).
// Decisions of other kinds, or about problems, are carried out with
// [Meeting.Do] (StepCarryOut) or the rectification adapter.
func (m *Meeting) ActOnClues(ctx context.Context, cmd ActCommand, clues ClueSource, p clue.Policy) (Acted, error) {
	d := m.Decision(cmd.Decision)
	if d == nil {
		return Acted{}, invalid("decision", "%s is not a decision of this meeting", cmd.Decision)
	}
	fail := func(item uuid.UUID, err error) (Acted, error) {
		return Acted{}, &ActError{Decision: d.ID, Kind: d.Kind, Item: item, Err: err}
	}
	switch d.Kind {
	case DecisionTransfer, DecisionMerge, DecisionAssign, DecisionReminderLetter:
	default:
		return fail(uuid.Nil, invalid("kind", "a %s decision has no clue action", d.Kind))
	}
	if clues == nil {
		return Acted{}, invalid("clues", "required")
	}
	if d.Settled() {
		return Acted{}, invalid("decision", "%s is already done or withdrawn", d.ID)
	}
	// Working copies are keyed by clue ID (the first object the source
	// returns for an ID is the one updated): a host's source may return a
	// fresh object for every lookup.
	var ids []uuid.UUID
	orig := map[uuid.UUID]*clue.Clue{}
	work := map[uuid.UUID]*clue.Clue{}
	for j, x := range d.Items {
		switch x.Kind {
		case ItemTopic:
			continue
		case ItemProblem:
			return fail(x.ID, invalid(idx("items", j), "a decision about problems is carried out in the rectification model"))
		}
		c, ok := clues.Clue(x.ID)
		if !ok || c == nil {
			return Acted{}, &ItemError{Field: idx("decision.items", j), Kind: ItemClue, ID: x.ID}
		}
		if _, dup := orig[x.ID]; !dup {
			ids = append(ids, x.ID)
			orig[x.ID], work[x.ID] = c, c.Clone()
		}
	}
	reason := m.reason(cmd.Reason)
	base := clue.Command{Actor: cmd.Actor, At: cmd.At, Reason: reason}
	duty, _ := m.clueDuty(d)
	duty.ArisenAt = time.Time{} // a duty the step itself records arises with it
	pol := withDuty(p, duty)
	var evs []clue.Event
	switch d.Kind {
	case DecisionTransfer:
		for _, id := range ids {
			c := work[id]
			k := base
			k.Step, k.Package = clue.StepTransfer, cmd.Package
			if c.State == clue.StateReturned {
				k.Step = clue.StepResubmit
			}
			e, err := c.Do(ctx, k, pol)
			if err != nil {
				return fail(id, err)
			}
			evs = append(evs, e)
		}
	case DecisionMerge:
		into := work[ids[0]]
		for _, id := range ids[1:] {
			e1, e2, err := clue.Merge(ctx, into, work[id], base, pol)
			if err != nil {
				return fail(id, err)
			}
			evs = append(evs, e1, e2)
		}
	case DecisionAssign:
		for _, id := range ids {
			k := base
			office := d.Office
			k.Step, k.Office = clue.StepAssign, &office
			e, err := work[id].Do(ctx, k, pol)
			if err != nil {
				return fail(id, err)
			}
			evs = append(evs, e)
		}
	case DecisionReminderLetter:
		kind := d.Duty
		if kind == "" {
			kind = clue.ObligationDisposal
		}
		for _, id := range ids {
			c := work[id]
			r := &clue.Reminder{Kind: kind, Level: clue.ReminderLetter, Document: cmd.Document}
			for _, o := range c.Obligations {
				if o.Kind == kind && o.Met.IsZero() {
					r.Beneficiary = o.Beneficiary
					break
				}
			}
			k := base
			k.Step, k.Reminder = clue.StepRemind, r
			e, err := c.Do(ctx, k, pol)
			if err != nil {
				return fail(id, err)
			}
			evs = append(evs, e)
		}
	}
	effects := make([]Effect, len(evs))
	for i, e := range evs {
		effects[i] = Effect{Model: "clue", ID: e.ClueID, Seq: e.Seq, Step: string(e.Step)}
	}
	mm := m.Clone()
	me, err := mm.Do(ctx, Command{Step: StepCarryOut, Actor: cmd.Actor, At: cmd.At, Decision: d.ID, Outcome: reason, Effects: effects}, Env{})
	if err != nil {
		return Acted{}, err
	}
	for _, id := range ids {
		*orig[id] = *work[id]
	}
	*m = *mm
	return Acted{ClueEvents: evs, Event: me}, nil
}

// withDuty adds the duty o to what the clue policy p gives.
func withDuty(p clue.Policy, o clue.Obligation) clue.Policy {
	return clue.PolicyFunc(func(ctx context.Context, c *clue.Clue, at time.Time) (clue.Assessment, error) {
		var got clue.Assessment
		if p != nil {
			var err error
			if got, err = p.Assess(ctx, c, at); err != nil {
				return clue.Assessment{}, err
			}
		}
		got.Obligations = append(got.Obligations, o)
		return got, nil
	})
}
