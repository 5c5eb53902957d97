package clue

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/lifecycle"
)

// Role is a role the host gives its users (e.g. "case_handler"); the package
// gives roles no meaning except through [Grants].
type Role string

// Actor is who performs a step.
type Actor struct {
	Agency uuid.UUID `json:"agency"`           // the acting agency (guards check it)
	Person string    `json:"person,omitempty"` // the host's user id or name
	Role   Role      `json:"role,omitempty"`
}

// Command asks for a lifecycle step: who, when, why, and the data the step
// needs. Fields a step does not use must be left zero.
type Command struct {
	Step   Step      `json:"step"`
	Actor  Actor     `json:"actor"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason,omitempty"`

	Package    *Package    `json:"package,omitempty"`    // draft (content); transfer, resubmit (optional supplement)
	Required   []Element   `json:"required,omitempty"`   // transfer, resubmit: empty means DefaultRequired(source kind)
	Missing    []Element   `json:"missing,omitempty"`    // return
	Office     *Agency     `json:"office,omitempty"`     // assign
	Disposal   *Disposal   `json:"disposal,omitempty"`   // decide_disposal; shelve (optional)
	Result     string      `json:"result,omitempty"`     // conclude: the result shared with senders
	Detail     string      `json:"detail,omitempty"`     // decide_disposal, conclude: confidential, appended to the investigation detail
	Feedback   *Feedback   `json:"feedback,omitempty"`   // progress_feedback, result_feedback (To is required)
	Evaluation *Evaluation `json:"evaluation,omitempty"` // evaluate
	Reminder   *Reminder   `json:"reminder,omitempty"`   // remind
	Target     uuid.UUID   `json:"target,omitzero"`      // merge: the surviving clue; absorb: the merged clue
	Absorbed   *Clue       `json:"absorbed,omitempty"`   // absorb: the merged clue as it stood after its merge event
	// Duty is the duty record_duty records: decided outside the clue (a
	// meeting's decision, named by PolicyID), of any kind, due not before it
	// arose (ArisenAt, zero meaning the step's instant, not after the step),
	// owed by a party of the clue (Obligor, zero meaning the source for a
	// transfer and the receiver otherwise); a feedback duty names the sender
	// it is owed to (Beneficiary). Met and Origin are left zero.
	Duty *Obligation `json:"duty,omitempty"`
	// Refixes are the dues a refix step counts again ([Clue.Refix] fills
	// them in).
	Refixes []Refix `json:"refixes,omitempty"`
}

// Event is an applied step, the record the host persists. Replaying a clue's
// events in order with [Replay] rebuilds it exactly; Apply never consults a
// policy: obligations that arose are in the event.
type Event struct {
	ClueID uuid.UUID `json:"clue_id"`
	Seq    uint64    `json:"seq"` // 1 for the draft, then +1 per event
	From   State     `json:"from"`
	To     State     `json:"to"`
	Command
	// Obligations arisen with this step, with their due instants fixed.
	Obligations []Obligation `json:"obligations,omitempty"`
}

// Draft creates a clue with the given id from a draft command (Step may be
// left empty) and returns it with its first event.
func Draft(ctx context.Context, id uuid.UUID, cmd Command, p Policy) (*Clue, Event, error) {
	if id == uuid.Nil {
		return nil, Event{}, invalid("id", "a clue id is required")
	}
	if cmd.Step == "" {
		cmd.Step = StepDraft
	}
	c := &Clue{ID: id}
	e, err := c.Do(ctx, cmd, p)
	if err != nil {
		return nil, Event{}, err
	}
	return c, e, nil
}

// Do performs a step on c: it checks the transition table and its guards,
// applies the step, asks p (which may be nil) for the obligations that apply
// to the clue as it now stands, records the new ones in the event, and
// returns the event for the host to persist. On error c is unchanged.
func (c *Clue) Do(ctx context.Context, cmd Command, p Policy) (Event, error) {
	e := Event{ClueID: c.ID, Seq: c.Seq + 1, From: c.State, Command: cmd}
	if (e.Step == StepTransfer || e.Step == StepResubmit) && len(e.Required) == 0 {
		e.Required = DefaultRequired(c.Source.Kind) // recorded: the event says what was required
	}
	if err := c.precheck(c.ID, &e); err != nil {
		return Event{}, err
	}
	t, to, err := route(c, &e)
	if err != nil {
		return Event{}, err
	}
	e.To = to
	if p != nil {
		next := c.Clone()
		next.effect(&e, t)
		if e.Obligations, err = arising(ctx, p, next, e.At); err != nil {
			return Event{}, err
		}
	}
	if err := Apply(c, e); err != nil { // cannot fail: checked above
		return Event{}, err
	}
	return e, nil
}

// Merge merges clue from into clue into (并案): from moves to state merged
// (event one), and into absorbs it keeping every source, subject, attachment,
// reporter, feedback record and obligation (event two, which carries a
// snapshot of from). Both clues must be open with the same receiver. On error
// neither clue changes.
func Merge(ctx context.Context, into, from *Clue, cmd Command, p Policy) (merged, absorbed Event, err error) {
	f := from.Clone()
	cmd.Step, cmd.Target, cmd.Absorbed = StepMerge, into.ID, nil
	if merged, err = f.Do(ctx, cmd, p); err != nil {
		return Event{}, Event{}, err
	}
	i := into.Clone()
	cmd.Step, cmd.Target, cmd.Absorbed = StepAbsorb, from.ID, f.Clone()
	if absorbed, err = i.Do(ctx, cmd, p); err != nil {
		return Event{}, Event{}, err
	}
	*from, *into = *f, *i
	return merged, absorbed, nil
}

// Apply applies a recorded event to c, checking its sequence, the transition
// table and every guard again. On error c is unchanged.
func Apply(c *Clue, e Event) error {
	want := c.ID
	if c.Seq == 0 && want == uuid.Nil { // replaying from an empty clue
		want = e.ClueID
	}
	if err := c.precheck(want, &e); err != nil {
		return err
	}
	if err := fault("", lifecycle.State("from", c.State, e.From)); err != nil {
		return err
	}
	t, to, err := route(c, &e)
	if err != nil {
		return err
	}
	if err := fault("", lifecycle.State("to", to, e.To)); err != nil {
		return err
	}
	for i := range e.Obligations {
		if err := e.Obligations[i].check(nil); err != nil {
			return &PolicyError{PolicyID: e.Obligations[i].PolicyID, Kind: e.Obligations[i].Kind, Err: err}
		}
	}
	c.effect(&e, t)
	return nil
}

// precheck validates what every event needs: clue id, sequence, instant, actor (the
// check shared with rectification and meeting).
func (c *Clue) precheck(id uuid.UUID, e *Event) error {
	h := lifecycle.Head{IDField: "clue_id", Want: id, Got: e.ClueID, Last: c.Seq, Seq: e.Seq,
		Updated: c.UpdatedAt, At: e.At, Actor: e.Actor.Agency}
	return fault("", h.Check())
}

// Replay rebuilds a clue from its events, in order.
func Replay(events []Event) (*Clue, error) {
	c := &Clue{}
	for _, e := range events {
		if err := Apply(c, e); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// effect changes c as e says; e has passed every check.
func (c *Clue) effect(e *Event, t *Transition) {
	at := e.At
	party := e.Actor.Agency
	switch e.Step {
	case StepDraft:
		c.add(e.Package)
	case StepTransfer:
		if e.Package != nil {
			c.add(e.Package)
		}
		c.TransferredAt = at
	case StepReturn:
		c.Returns = append(c.Returns, Return{At: at, Missing: slices.Clone(e.Missing), Reason: e.Reason})
	case StepResubmit:
		if e.Package != nil {
			c.add(e.Package)
		}
		c.ResubmittedAt = at
	case StepRegister:
		c.ReceivedAt = at
	case StepAssign:
		c.AssignedTo, c.AssignedAt = *e.Office, at
	case StepDecide:
		d := *e.Disposal
		d.DecidedAt = at
		c.setDisposal(d)
		c.DisposalDecidedAt = at
		c.addDetail(e.Detail)
	case StepShelve:
		d := Disposal{Method: MethodShelve, DecidedAt: at}
		if e.Disposal != nil {
			d.Opinion = e.Disposal.Opinion
		}
		c.setDisposal(d)
		c.ShelvedAt = at
		if c.DisposalDecidedAt.IsZero() {
			c.DisposalDecidedAt = at
		}
	case StepReactivate:
		c.setDisposal(Disposal{})
		c.ReactivatedAt = at
	case StepDeliverLetter:
		c.LetterReceivedAt = at
	case StepReceiveReply:
		c.ReplyReceivedAt = at
	case StepConclude:
		c.ConcludedAt, c.Result = at, e.Result
		c.addDetail(e.Detail)
	case StepProgressFeedback, StepResultFeedback:
		f := *e.Feedback
		f.Kind, f.At, party = FeedbackProgress, at, f.To
		if e.Step == StepResultFeedback {
			f.Kind = FeedbackResult
		}
		c.Feedback = append(c.Feedback, f)
	case StepEvaluate:
		v := *e.Evaluation
		v.By, v.At = party, at
		c.Evaluations = append(c.Evaluations, v)
		if e.To == StateEvaluated {
			c.EvaluatedAt = at
		}
	case StepMerge:
		c.MergedInto, c.MergedAt = e.Target, at
	case StepAbsorb:
		c.absorb(e.Absorbed, at)
	case StepNotifyAcceptance, StepNotifyResult:
		c.Notices = append(c.Notices, Notice{Result: e.Step == StepNotifyResult, At: at})
	case StepRemind:
		r := *e.Reminder
		r.At = at
		c.Reminders = append(c.Reminders, r)
	case StepRecordDuty:
		c.Obligations = append(c.Obligations, c.recordedDuty(e))
	case StepRefix:
		c.refix(e)
	}
	c.Obligations = append(c.Obligations, e.Obligations...)
	c.meet(t.Meets, party, at)
	c.ID, c.State, c.Seq, c.UpdatedAt = e.ClueID, e.To, e.Seq, at
}

// setDisposal makes d the current disposal, keeping the previous one.
func (c *Clue) setDisposal(d Disposal) {
	if c.Disposal.Method != "" {
		c.PastDisposals = append(c.PastDisposals, c.Disposal)
	}
	c.Disposal = d
}

func (c *Clue) addDetail(s string) {
	switch {
	case s == "":
	case c.InvestigationDetail == "":
		c.InvestigationDetail = s
	default:
		c.InvestigationDetail += "\n" + s
	}
}

// absorb takes in a clue merged into c, losing nothing.
func (c *Clue) absorb(a *Clue, at time.Time) {
	c.Merged = append(c.Merged, MergedClue{
		ClueID: a.ID, Number: a.Number, Source: a.Source, Matter: a.Matter, Amount: a.Amount,
		Loss: a.Loss, TransferredAt: a.TransferredAt, ReceivedAt: a.ReceivedAt, MergedAt: at,
	})
	c.Merged = append(c.Merged, a.Merged...)
	c.Subjects = appendPeople(c.Subjects, a.Subjects...)
	c.Evidence = append(c.Evidence, a.Evidence...)
	c.Reporters = append(c.Reporters, a.Reporters...)
	c.Flags = c.Flags.or(a.Flags)
	c.Feedback = append(c.Feedback, a.Feedback...)
	c.Reminders = append(c.Reminders, a.Reminders...)
	c.Notices = append(c.Notices, a.Notices...)
	for _, o := range a.Obligations {
		o.Origin = orID(o.Origin, a.ID)
		c.Obligations = append(c.Obligations, o)
	}
	c.addDetail(a.InvestigationDetail)
}
