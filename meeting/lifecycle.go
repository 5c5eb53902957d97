package meeting

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/internal/lifecycle"
)

// State is where a meeting stands in its lifecycle.
type State string

// States. StateNone is the state before the meeting is recorded.
const (
	StateNone   State = ""
	StateHeld   State = "held"   // recorded, some decisions still open
	StateClosed State = "closed" // every decision done or withdrawn (or none taken)
)

// Step is a lifecycle step; each applied step is an [Event].
type Step string

// Steps.
const (
	StepHold     Step = "hold"      // record the meeting as held (会议纪要)
	StepCarryOut Step = "carry_out" // a decision was carried out (落实)
	StepWithdraw Step = "withdraw"  // a decision was withdrawn or superseded, with the reason
)

// Guard names a side-effect-free condition on a meeting and an event.
type Guard string

// Guards.
const (
	GuardRecordValid      Guard = "record_valid"
	GuardWithinMechanism  Guard = "within_mechanism"
	GuardActorIsConvener  Guard = "actor_is_convener"
	GuardRecordedAfter    Guard = "recorded_after_held"
	GuardDecisionsDue     Guard = "decisions_due"
	GuardHasDecisions     Guard = "has_decisions"
	GuardNoDecisions      Guard = "no_decisions"
	GuardDecisionOpen     Guard = "decision_open"
	GuardActorIsOwner     Guard = "actor_is_owner"
	GuardActorIsLead      Guard = "actor_is_lead"
	GuardReasonGiven      Guard = "reason_given"
	GuardEffectsValid     Guard = "effects_valid"
	GuardLastOpenDecision Guard = "last_open_decision"
	GuardOtherOpen        Guard = "other_decisions_open"
)

// Transition is one row of the lifecycle table: in any of the From states,
// Step leads to To when every guard holds. A zero To means the state does
// not change. Rows with the same state and step are tried in order; the
// first whose guards hold applies.
type Transition struct {
	From   []State
	Step   Step
	To     State
	Guards []Guard
}

var holdGuards = []Guard{GuardRecordValid, GuardWithinMechanism, GuardActorIsConvener, GuardRecordedAfter, GuardDecisionsDue}

// table is the lifecycle. It is read-only; Transitions returns a copy.
var table = []Transition{
	{[]State{StateNone}, StepHold, StateHeld, append(slices.Clone(holdGuards), GuardHasDecisions)},
	{[]State{StateNone}, StepHold, StateClosed, append(slices.Clone(holdGuards), GuardNoDecisions)},
	{[]State{StateHeld}, StepCarryOut, StateClosed, []Guard{GuardDecisionOpen, GuardActorIsOwner, GuardEffectsValid, GuardLastOpenDecision}},
	{[]State{StateHeld}, StepCarryOut, StateNone, []Guard{GuardDecisionOpen, GuardActorIsOwner, GuardEffectsValid, GuardOtherOpen}},
	{[]State{StateHeld}, StepWithdraw, StateClosed, []Guard{GuardDecisionOpen, GuardActorIsLead, GuardReasonGiven, GuardLastOpenDecision}},
	{[]State{StateHeld}, StepWithdraw, StateNone, []Guard{GuardDecisionOpen, GuardActorIsLead, GuardReasonGiven, GuardOtherOpen}},
	{[]State{StateHeld, StateClosed}, StepRefix, StateNone, []Guard{GuardRefixValid}},
}

// Transitions returns a copy of the lifecycle table.
func Transitions() []Transition {
	out := make([]Transition, len(table))
	for i, t := range table {
		out[i] = Transition{slices.Clone(t.From), t.Step, t.To, slices.Clone(t.Guards)}
	}
	return out
}

// String renders a row, e.g. "held --withdraw[decision_open actor_is_lead …]--> closed".
// Meeting rows meet no obligation of the meeting's own (the next meeting's due is met by
// the next meeting, a decision's by its clue or rectification step).
func (t Transition) String() string {
	return lifecycle.Row[State, Step, Guard, ObligationKind]("", t.From, t.Step, t.To, t.Guards, nil)
}

// Command asks for a lifecycle step: who, when, why, and the data the step
// needs. Fields a step does not use must be left zero.
type Command struct {
	Step   Step       `json:"step"`
	Actor  clue.Actor `json:"actor"`
	At     time.Time  `json:"at"`
	Reason string     `json:"reason,omitempty"` // withdraw: required

	Record   *Record   `json:"record,omitempty"`  // hold
	Decision uuid.UUID `json:"decision,omitzero"` // carry_out, withdraw
	Outcome  string    `json:"outcome,omitempty"` // carry_out: what was done
	Effects  []Effect  `json:"effects,omitempty"` // carry_out: the changes made in other models
	Refixes  []Refix   `json:"refixes,omitempty"` // refix ([Meeting.Refix] fills them in)
}

// Event is an applied step, the record the host persists. Replaying a
// meeting's events in order with [Replay] rebuilds it exactly; Apply never
// consults a policy or the clue store: due instants and obligations that
// arose are in the event.
type Event struct {
	MeetingID uuid.UUID `json:"meeting_id"`
	Seq       uint64    `json:"seq"` // 1 for the hold, then +1 per event
	From      State     `json:"from"`
	To        State     `json:"to"`
	Command
	// Obligations arisen with this step, with their due instants fixed.
	Obligations []Obligation `json:"obligations,omitempty"`
	// Findings the meeting policy reported when the meeting was recorded
	// (hold only); see [Finding].
	Findings []Finding `json:"findings,omitempty"`
}

// Hold records a meeting of mech with the given id: the record's mechanism
// is set to a snapshot of mech, the record is checked against it, decisions
// about clues are checked against env.Clues, decisions without a due
// instant take one from the clue or meeting policy, and the meeting policy's
// duties and findings are recorded (findings never refuse the hold: see
// [Finding]). It returns the meeting with its first event.
func Hold(ctx context.Context, id uuid.UUID, mech *Mechanism, cmd Command, env Env) (*Meeting, Event, error) {
	if id == uuid.Nil {
		return nil, Event{}, invalid("id", "a meeting id is required")
	}
	if mech == nil {
		return nil, Event{}, invalid("mechanism", "required")
	}
	if cmd.Step == "" {
		cmd.Step = StepHold
	}
	if cmd.Record != nil {
		r := cmd.Record.clone()
		r.Mechanism = mech.clone()
		cmd.Record = &r
	}
	m := &Meeting{ID: id}
	e, err := m.Do(ctx, cmd, env)
	if err != nil {
		return nil, Event{}, err
	}
	return m, e, nil
}

// Do performs a step on m: it checks the transition table and its guards,
// and for a hold resolves due instants and obligations through env, applies
// the step and returns the event for the host to persist. On error m is
// unchanged.
func (m *Meeting) Do(ctx context.Context, cmd Command, env Env) (Event, error) {
	e := Event{MeetingID: m.ID, Seq: m.Seq + 1, From: m.State, Command: cmd}
	if e.Record != nil {
		r := e.Record.clone() // the event owns its record
		e.Record = &r
	}
	e.Effects = slices.Clone(e.Effects)
	if err := m.precheck(m.ID, &e); err != nil {
		return Event{}, err
	}
	if e.Step == StepHold {
		if _, _, err := route(m, &e, GuardDecisionsDue); err != nil {
			return Event{}, err
		}
		if err := m.resolve(ctx, &e, env); err != nil {
			return Event{}, err
		}
	}
	_, to, err := route(m, &e, "")
	if err != nil {
		return Event{}, err
	}
	e.To = to
	if err := Apply(m, e); err != nil { // cannot fail: checked above
		return Event{}, err
	}
	return e, nil
}

// Apply applies a recorded event to m, checking its sequence, the transition
// table and every guard again. On error m is unchanged.
func Apply(m *Meeting, e Event) error {
	want := m.ID
	if m.Seq == 0 && want == uuid.Nil { // replaying from an empty meeting
		want = e.MeetingID
	}
	if err := m.precheck(want, &e); err != nil {
		return err
	}
	if err := fault("", lifecycle.State("from", m.State, e.From)); err != nil {
		return err
	}
	_, to, err := route(m, &e, "")
	if err != nil {
		return err
	}
	if err := fault("", lifecycle.State("to", to, e.To)); err != nil {
		return err
	}
	for i := range e.Obligations {
		if err := e.Obligations[i].check(); err != nil {
			return &PolicyError{PolicyID: e.Obligations[i].PolicyID, Kind: e.Obligations[i].Kind, Err: err}
		}
	}
	if len(e.Findings) > 0 && e.Step != StepHold {
		return invalid("findings", "only a hold records findings")
	}
	for i := range e.Findings {
		if err := e.Findings[i].check(); err != nil {
			return &PolicyError{Err: err}
		}
	}
	m.effect(&e)
	return nil
}

// Replay rebuilds a meeting from its events, in order.
func Replay(events []Event) (*Meeting, error) {
	m := &Meeting{}
	for _, e := range events {
		if err := Apply(m, e); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// precheck validates what every event needs: meeting id, sequence, instant, actor (the
// check shared with clue and rectification).
func (m *Meeting) precheck(id uuid.UUID, e *Event) error {
	h := lifecycle.Head{IDField: "meeting_id", Want: id, Got: e.MeetingID, Last: m.Seq, Seq: e.Seq,
		Updated: m.UpdatedAt, At: e.At, Actor: e.Actor.Agency}
	return fault("", h.Check())
}

// route finds the row that applies to e in m's state and the state it leads
// to; the guard skip (if any) is not checked.
func route(m *Meeting, e *Event, skip Guard) (*Transition, State, error) {
	i, found, err := lifecycle.Route(len(table),
		func(i int) bool { return table[i].Step == e.Step && slices.Contains(table[i].From, m.State) },
		func(i int) error { return table[i].check(m, e, skip) })
	switch {
	case !found:
		return nil, "", &TransitionError{State: m.State, Step: e.Step}
	case err != nil:
		return nil, "", err
	}
	t := &table[i]
	to := t.To
	if to == StateNone {
		to = m.State
	}
	return t, to, nil
}

func (t *Transition) check(m *Meeting, e *Event, skip Guard) error {
	for _, g := range t.Guards {
		if g == skip {
			continue
		}
		if err := g.check(m, e); err != nil {
			return &GuardError{State: m.State, Step: t.Step, Guard: g, Err: err}
		}
	}
	return nil
}

// check evaluates g for event e on meeting m; nil means the guard holds.
func (g Guard) check(m *Meeting, e *Event) error {
	actor := e.Actor.Agency
	r := e.Record
	switch g {
	case GuardRecordValid:
		if r == nil {
			return invalid("record", "required")
		}
		if err := r.Mechanism.Validate(); err != nil {
			return err
		}
		return r.validate()
	case GuardWithinMechanism:
		return r.within()
	case GuardActorIsConvener:
		if actor != r.Convener && actor != r.Mechanism.Lead.ID {
			return invalid("actor.agency", "%s is neither the convener nor the lead", actor)
		}
	case GuardRecordedAfter:
		if r.HeldAt.After(e.At) {
			return invalid("record.held_at", "after the instant it is recorded (%s)", e.At.Format(time.RFC3339))
		}
	case GuardDecisionsDue:
		for i := range r.Decisions {
			d := &r.Decisions[i]
			switch {
			case d.Due.IsZero() && d.PendingYear == 0:
				return invalid(idx("record.decisions", i)+".due", "no due instant: the minutes give none and no policy sets one")
			case !d.Due.IsZero() && d.PendingYear != 0:
				return invalid(idx("record.decisions", i)+".pending_year", "set with a due instant")
			case d.PendingYear != 0 && (d.DueBy == "" || d.DueBy == DueByMinutes):
				return invalid(idx("record.decisions", i)+".pending_year", "only a policy's due can wait for its calendar year")
			}
		}
	case GuardHasDecisions, GuardNoDecisions:
		if (len(r.Decisions) > 0) != (g == GuardHasDecisions) {
			return notTaken("record.decisions")
		}
	case GuardDecisionOpen:
		d := m.Decision(e.Decision)
		switch {
		case e.Decision == uuid.Nil:
			return invalid("decision", "required")
		case d == nil:
			return invalid("decision", "%s is not a decision of this meeting", e.Decision)
		case d.Settled():
			return invalid("decision", "%s is already done or withdrawn", e.Decision)
		}
	case GuardActorIsOwner:
		if d := m.Decision(e.Decision); actor != d.Owner && actor != m.Mechanism.Lead.ID {
			return invalid("actor.agency", "%s is neither the decision's owner nor the lead", actor)
		}
	case GuardActorIsLead:
		if actor != m.Mechanism.Lead.ID && actor != m.Convener {
			return invalid("actor.agency", "%s is neither the lead nor the convener", actor)
		}
	case GuardReasonGiven:
		if e.Reason == "" {
			return invalid("reason", "a withdrawal states its reason")
		}
	case GuardEffectsValid:
		for i, x := range e.Effects {
			f := idx("effects", i)
			if x.Model != "clue" && x.Model != "rectification" {
				return unknown(f+".model", x.Model)
			}
			if x.ID == uuid.Nil {
				return invalid(f+".id", "required")
			}
		}
	case GuardLastOpenDecision, GuardOtherOpen:
		last := true
		for i := range m.Decisions {
			d := &m.Decisions[i]
			if d.ID != e.Decision && !d.Settled() {
				last = false
			}
		}
		if last != (g == GuardLastOpenDecision) {
			return notTaken("decision")
		}
	case GuardRefixValid:
		return m.checkRefixes(e)
	default:
		return unknown("guard", g)
	}
	return nil
}

// effect changes m as e says; e has passed every check.
func (m *Meeting) effect(e *Event) {
	switch e.Step {
	case StepHold:
		r := e.Record.clone()
		m.Number, m.Mechanism, m.Kind, m.Purposes, m.For = r.Number, r.Mechanism, r.Kind, r.Purposes, r.For
		m.HeldAt, m.Place, m.Convener, m.Attendees = r.HeldAt, r.Place, r.Convener, r.Attendees
		m.Agenda, m.Decisions, m.Minutes, m.Tour = r.Agenda, r.Decisions, r.Minutes, r.Tour
	case StepCarryOut:
		d := m.Decision(e.Decision)
		d.DoneAt, d.Outcome = e.At, e.Outcome
		d.Effects = append(d.Effects, e.Effects...)
	case StepWithdraw:
		d := m.Decision(e.Decision)
		d.WithdrawnAt, d.Withdrawal = e.At, e.Reason
	case StepRefix:
		m.refix(e)
	}
	m.Obligations = append(m.Obligations, e.Obligations...)
	m.Findings = append(m.Findings, e.Findings...)
	m.ID, m.State, m.Seq, m.UpdatedAt = e.MeetingID, e.To, e.Seq, e.At
}
