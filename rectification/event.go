package rectification

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/internal/lifecycle"
)

// Command asks for a lifecycle step: who, when, why, and the data the step
// needs. Fields a step does not use must be left zero: a step carrying
// another step's data is refused with a [*FieldError] naming the field.
type Command struct {
	Step   Step       `json:"step"`
	Actor  clue.Actor `json:"actor"`
	At     time.Time  `json:"at"`
	Reason string     `json:"reason,omitempty"` // reject: required; otherwise a note

	Recommendation *Recommendation `json:"recommendation,omitempty"` // issue
	Campaign       uuid.UUID       `json:"campaign,omitzero"`        // issue (optional)
	Reply          string          `json:"reply,omitempty"`          // reply

	ProblemID      uuid.UUID       `json:"problem_id,omitzero"`      // every problem step
	Problem        *Problem        `json:"problem,omitempty"`        // add_problem: the listed problem (ID = ProblemID, or zero)
	Task           *Task           `json:"task,omitempty"`           // assign_task
	TaskID         uuid.UUID       `json:"task_id,omitzero"`         // complete_task
	Outcome        string          `json:"outcome,omitempty"`        // complete_task (optional)
	Evidence       *Evidence       `json:"evidence,omitempty"`       // add_evidence
	Verifier       *clue.Person    `json:"verifier,omitempty"`       // sign_off (required), reject (optional)
	Review         *Review         `json:"review,omitempty"`         // look_back
	Accountability *Accountability `json:"accountability,omitempty"` // record_accountability
	Institution    *Institution    `json:"institution,omitempty"`    // record_institution
	Education      *Education      `json:"education,omitempty"`      // record_education
	Survey         *Survey         `json:"survey,omitempty"`         // record_survey
	Refixes        []Refix         `json:"refixes,omitempty"`        // refix ([Rectification.Refix] fills them in)
}

// Event is an applied step, the record the host persists. Replaying a
// rectification's events in order with [Replay] rebuilds it exactly; Apply
// never consults a policy: obligations that arose are in the event.
type Event struct {
	RectificationID uuid.UUID `json:"rectification_id"`
	Seq             uint64    `json:"seq"` // 1 for the issue, then +1 per event
	// From and To are states of the rectification, or of the problem for a
	// step on a problem.
	From State `json:"from"`
	To   State `json:"to"`
	Command
	// Obligations arisen with this step, with their due instants fixed.
	Obligations []Obligation `json:"obligations,omitempty"`
}

// OpenProblem is the command that lists problem p on a rectification (for
// example from a joint meeting's decision, with Source{Kind: SourceMeeting}).
func OpenProblem(actor clue.Actor, at time.Time, p Problem) Command {
	return Command{Step: StepAddProblem, Actor: actor, At: at, ProblemID: p.ID, Problem: &p}
}

// AssignTask is the command that adds task t, with its responsible unit and
// person, to problem problemID.
func AssignTask(actor clue.Actor, at time.Time, problemID uuid.UUID, t Task) Command {
	return Command{Step: StepAssignTask, Actor: actor, At: at, ProblemID: problemID, Task: &t}
}

// Issue creates the rectification with the given id from an issue command
// (Step may be left empty) and returns it with its first event.
func Issue(ctx context.Context, id uuid.UUID, cmd Command, p Policy) (*Rectification, Event, error) {
	if id == uuid.Nil {
		return nil, Event{}, invalid("id", "a rectification id is required")
	}
	if cmd.Step == "" {
		cmd.Step = StepIssue
	}
	r := &Rectification{ID: id}
	e, err := r.Do(ctx, cmd, p)
	if err != nil {
		return nil, Event{}, err
	}
	return r, e, nil
}

// Do performs a step on r: it checks the transition table and its guards
// (the hard rules no policy can loosen), applies the step to a copy, asks p
// (which may be nil) about the result, refuses the step if it causes a
// blocking violation, records the new obligations in the event, and returns
// the event for the host to persist. On error r is unchanged.
func (r *Rectification) Do(ctx context.Context, cmd Command, p Policy) (Event, error) {
	if cmd.Step == StepAddProblem && cmd.ProblemID == uuid.Nil && cmd.Problem != nil {
		cmd.ProblemID = cmd.Problem.ID
	}
	e := Event{RectificationID: r.ID, Seq: r.Seq + 1, Command: cmd}
	if err := r.precheck(r.ID, &e); err != nil {
		return Event{}, err
	}
	t, from, to, err := route(r, &e)
	if err != nil {
		return Event{}, err
	}
	e.From, e.To = from, to
	if p != nil {
		next := r.Clone()
		next.effect(&e, t)
		if e.Obligations, err = assess(ctx, p, r, next, &e); err != nil {
			return Event{}, err
		}
	}
	if err := Apply(r, e); err != nil { // cannot fail: checked above
		return Event{}, err
	}
	return e, nil
}

// Apply applies a recorded event to r, checking its sequence, the transition
// table and every guard again. On error r is unchanged.
func Apply(r *Rectification, e Event) error {
	want := r.ID
	if r.Seq == 0 && want == uuid.Nil { // replaying from an empty rectification
		want = e.RectificationID
	}
	if err := r.precheck(want, &e); err != nil {
		return err
	}
	from, _, err := r.scope(&e)
	if err != nil {
		return err
	}
	if err := fault("", lifecycle.State("from", from, e.From)); err != nil {
		return err
	}
	t, _, to, err := route(r, &e)
	if err != nil {
		return err
	}
	if err := fault("", lifecycle.State("to", to, e.To)); err != nil {
		return err
	}
	for i := range e.Obligations {
		o := &e.Obligations[i]
		if err := o.check(); err != nil {
			return &PolicyError{PolicyID: o.PolicyID, Kind: o.Kind, Err: err}
		}
		if o.Kind.perProblem() != (o.Problem != uuid.Nil) || (o.Problem != uuid.Nil && o.Problem != e.ProblemID) {
			return &PolicyError{PolicyID: o.PolicyID, Kind: o.Kind, Err: invalid("problem", "does not match the step's problem")}
		}
	}
	r.effect(&e, t)
	return nil
}

// Replay rebuilds a rectification from its events, in order. While it owns
// the value it indexes problems and tasks by id, so that finding an event's
// problem or checking a new task id does not scan every problem; the value
// returned carries no index.
func Replay(events []Event) (*Rectification, error) {
	r := &Rectification{ix: &index{problems: map[uuid.UUID]int{}, tasks: map[uuid.UUID]struct{}{}}}
	for _, e := range events {
		if err := Apply(r, e); err != nil {
			return nil, err
		}
	}
	r.ix = nil
	return r, nil
}

// unused refuses data the step does not use (Reason is a note on any step).
// An undeclared step passes: the transition table refuses it.
func (c *Command) unused() error {
	if c.Step != StepIssue && !c.Step.onProblem() && c.Step != StepReply && c.Step != StepAccountability &&
		c.Step != StepInstitution && c.Step != StepEducation && c.Step != StepSurvey && c.Step != StepRefix {
		return nil
	}
	var field string
	switch {
	case c.Recommendation != nil && c.Step != StepIssue:
		field = "recommendation"
	case c.Campaign != uuid.Nil && c.Step != StepIssue:
		field = "campaign"
	case c.Reply != "" && c.Step != StepReply:
		field = "reply"
	case c.Problem != nil && c.Step != StepAddProblem:
		field = "problem"
	case c.Task != nil && c.Step != StepAssignTask:
		field = "task"
	case c.TaskID != uuid.Nil && c.Step != StepCompleteTask:
		field = "task_id"
	case c.Outcome != "" && c.Step != StepCompleteTask:
		field = "outcome"
	case c.Evidence != nil && c.Step != StepAddEvidence:
		field = "evidence"
	case c.Verifier != nil && c.Step != StepSignOff && c.Step != StepReject:
		field = "verifier"
	case c.Review != nil && c.Step != StepLookBack:
		field = "review"
	case c.Accountability != nil && c.Step != StepAccountability:
		field = "accountability"
	case c.Institution != nil && c.Step != StepInstitution:
		field = "institution"
	case c.Education != nil && c.Step != StepEducation:
		field = "education"
	case c.Survey != nil && c.Step != StepSurvey:
		field = "survey"
	case c.Refixes != nil && c.Step != StepRefix:
		field = "refixes"
	default:
		return nil
	}
	return invalid(field, "not used by step %q: leave it empty", c.Step)
}

// precheck validates what every event needs: rectification id, sequence, instant, actor
// (the check shared with clue and meeting).
func (r *Rectification) precheck(id uuid.UUID, e *Event) error {
	return checkSequence("rectification_id", id, e.RectificationID, r.Seq, e.Seq, r.UpdatedAt, e.At, e.Actor)
}

// checkSequence validates what every event of a rectification or a project needs: the id it
// must carry (field names it), the next sequence number, an instant not before the last
// event's, and an acting agency.
func checkSequence(field string, want, got uuid.UUID, last, seq uint64, updated, at time.Time, actor clue.Actor) error {
	h := lifecycle.Head{IDField: field, Want: want, Got: got, Last: last, Seq: seq, Updated: updated, At: at, Actor: actor.Agency}
	return fault("", h.Check())
}

// effect changes r as e says; e has passed every check.
func (r *Rectification) effect(e *Event, t *Transition) {
	at := e.At
	var p *Problem
	if e.Step.onProblem() && e.Step != StepAddProblem {
		p = r.Problem(e.ProblemID)
	}
	switch e.Step {
	case StepIssue:
		r.Recommendation = *e.Recommendation
		r.Recommendation.Supervisors = slices.Clone(e.Recommendation.Supervisors)
		r.Recommendation.RepliedAt, r.Recommendation.Reply = time.Time{}, ""
		r.Campaign = e.Campaign
	case StepReply:
		r.Recommendation.RepliedAt, r.Recommendation.Reply = at, e.Reply
	case StepAccountability:
		r.Accountability = append(r.Accountability, *e.Accountability)
	case StepInstitution:
		in := *e.Institution
		in.Problems = slices.Clone(in.Problems)
		r.Institutions = append(r.Institutions, in)
	case StepEducation:
		r.Education = append(r.Education, *e.Education)
	case StepSurvey:
		r.Surveys = append(r.Surveys, *e.Survey)
	case StepRefix:
		r.refix(e)
	case StepAddProblem:
		n := Problem{
			ID: e.ProblemID, Number: e.Problem.Number, Description: e.Problem.Description,
			Field: e.Problem.Field, Severity: e.Problem.Severity, Source: e.Problem.Source,
			Key: e.Problem.Key, Gap: e.Problem.Gap, Due: e.Problem.Due, OpenedAt: at,
		}
		r.Problems = append(r.Problems, n)
		p = &r.Problems[len(r.Problems)-1]
		if r.ix != nil {
			r.ix.problems[n.ID] = len(r.Problems) - 1
		}
	case StepAssignTask:
		k := *e.Task
		k.AssignedAt, k.DoneAt, k.Round = at, time.Time{}, p.relapses()
		p.Tasks = append(p.Tasks, k)
		if r.ix != nil {
			r.ix.tasks[k.ID] = struct{}{}
		}
	case StepStart:
		p.StartedAt = at
	case StepCompleteTask:
		for i := range p.Tasks {
			if p.Tasks[i].ID == e.TaskID {
				p.Tasks[i].DoneAt, p.Tasks[i].Outcome = at, e.Outcome
			}
		}
	case StepAddEvidence:
		v := *e.Evidence
		v.At, v.VerifiedBy, v.VerifiedAt, v.Superseded = at, clue.Person{}, time.Time{}, false
		p.Evidence = append(p.Evidence, v)
	case StepClaim:
		p.ClaimedAt = at
		p.Claims = append(p.Claims, Claim{At: at, By: e.Actor, Summary: e.Reason})
	case StepSignOff:
		p.SignedOffAt = at
		p.SignOffs = append(p.SignOffs, SignOff{At: at, Agency: e.Actor.Agency, Verifier: *e.Verifier, Opinion: e.Reason})
		for i := range p.Evidence {
			if v := &p.Evidence[i]; !v.Superseded && v.VerifiedAt.IsZero() {
				v.VerifiedBy, v.VerifiedAt = *e.Verifier, at
			}
		}
	case StepReject:
		j := Rejection{At: at, Agency: e.Actor.Agency, Reason: e.Reason}
		if e.Verifier != nil {
			j.Verifier = *e.Verifier
		}
		p.Rejections = append(p.Rejections, j)
		p.ClaimedAt = time.Time{}
		for i := range p.Evidence { // the rejected round's evidence no longer counts
			p.Evidence[i].Superseded = true
		}
	case StepLookBack:
		v := *e.Review
		v.At, v.Agency, v.PreviousDue = at, e.Actor.Agency, time.Time{}
		if v.Finding != FindingRelapsed {
			v.NewDue = time.Time{}
		} else {
			v.PreviousDue = r.DueAt(p)
		}
		p.Reviews = append(p.Reviews, v)
		if v.Finding == FindingRelapsed {
			p.ReopenedAt, p.Due = at, v.NewDue
			p.ClaimedAt, p.SignedOffAt = time.Time{}, time.Time{}
			for i := range p.Evidence {
				p.Evidence[i].Superseded = true
			}
		}
	}
	for _, o := range e.Obligations {
		if o.Problem == uuid.Nil {
			r.Obligations = append(r.Obligations, o)
		} else {
			p.Obligations = append(p.Obligations, o)
		}
	}
	if t.Problem {
		meet(p.Obligations, t.Meets, at)
		p.State = e.To
	} else {
		meet(r.Obligations, t.Meets, at)
		r.State = e.To
	}
	r.ID, r.Seq, r.UpdatedAt = e.RectificationID, e.Seq, at
}
