package rectification

import (
	"slices"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/lifecycle"
)

// Step is a lifecycle step; each applied step is an [Event].
type Step string

// Steps on the recommendation as a whole.
const (
	StepIssue          Step = "issue"                 // 制发建议 / 反馈意见
	StepReply          Step = "reply"                 // 书面回复
	StepAccountability Step = "record_accountability" // 问责处理
	StepInstitution    Step = "record_institution"    // 建章立制
	StepEducation      Step = "record_education"      // 警示教育
	StepSurvey         Step = "record_survey"         // 群众满意度测评
	// StepRefix records dues counted again on a newer calendar
	// (Command.Refixes; see [Rectification.Refix]).
	StepRefix Step = "refix"
)

// Steps on one problem (Command.ProblemID).
const (
	StepAddProblem   Step = "add_problem"   // list a problem (问题清单)
	StepAssignTask   Step = "assign_task"   // add a measure with its responsible unit and person
	StepStart        Step = "start"         // rectification begins
	StepCompleteTask Step = "complete_task" // a measure is done
	StepAddEvidence  Step = "add_evidence"  // proof of what was done
	StepClaim        Step = "claim"         // the recipient reports the problem rectified (申请销号)
	StepSignOff      Step = "sign_off"      // verified and closed (销号)
	StepReject       Step = "reject"        // the claim is refused: back to in_progress
	StepLookBack     Step = "look_back"     // 回头看: holds, or relapse reopens the problem
)

func (s Step) onProblem() bool {
	switch s {
	case StepAddProblem, StepAssignTask, StepStart, StepCompleteTask, StepAddEvidence,
		StepClaim, StepSignOff, StepReject, StepLookBack:
		return true
	}
	return false
}

// Guard names a side-effect-free condition on a rectification and an event.
type Guard string

// Guards.
const (
	GuardActorIsIssuer       Guard = "actor_is_issuer"
	GuardActorIsRecipient    Guard = "actor_is_recipient"
	GuardActorIsSupervisor   Guard = "actor_is_supervisor"  // the issuer or a listed supervisor
	GuardActorIsParty        Guard = "actor_is_party"       // issuer, supervisor or recipient
	GuardActorIsResponsible  Guard = "actor_is_responsible" // the recipient or the task's responsible unit
	GuardRecommendationValid Guard = "recommendation_valid"
	GuardReplyValid          Guard = "reply_valid"
	GuardProblemValid        Guard = "problem_valid"
	GuardTaskValid           Guard = "task_valid"
	GuardHasTask             Guard = "has_task"
	GuardTaskOpen            Guard = "task_open"
	GuardEvidenceValid       Guard = "evidence_valid"
	GuardTasksDone           Guard = "tasks_done"
	GuardNewMeasure          Guard = "new_measure_after_relapse" // a relapsed problem has a task of the new round
	GuardEvidencePresent     Guard = "evidence_present"          // current-round evidence, each with a SHA-256 hash
	GuardVerifierIndependent Guard = "verifier_independent"      // not a task owner, evidence submitter or claimant (Actor.Person is the id or name), nor of the recipient (Organization is its name)
	GuardReasonGiven         Guard = "reason_given"
	GuardReviewValid         Guard = "review_valid"
	GuardFindingHolds        Guard = "finding_holds"
	GuardFindingRelapsed     Guard = "finding_relapsed"
	GuardAccountabilityValid Guard = "accountability_valid"
	GuardInstitutionValid    Guard = "institution_valid"
	GuardEducationValid      Guard = "education_valid"
	GuardSurveyValid         Guard = "survey_valid"
	GuardRefixValid          Guard = "refix_valid"
)

// Transition is one row of the lifecycle table. For a step on the
// recommendation, From and To are states of the rectification; for a step on
// a problem (Problem true), states of that problem, StateNone meaning the
// problem is not listed yet. Step leads from any of the From states to To
// when every guard holds, and meets the obligations of the Meets kinds. A
// zero To means the state does not change. Rows with the same state and step
// are tried in order; the first whose guards hold applies.
type Transition struct {
	Problem bool
	From    []State
	Step    Step
	To      State
	Guards  []Guard
	Meets   []ObligationKind
}

var (
	working = []State{StateOpen, StateInProgress}
	issued  = []State{StateIssued}
)

// table is the lifecycle. It is read-only; Transitions returns a copy.
var table = []Transition{
	{false, []State{StateNone}, StepIssue, StateIssued, []Guard{GuardRecommendationValid, GuardActorIsIssuer}, nil},
	{false, issued, StepReply, StateNone, []Guard{GuardActorIsRecipient, GuardReplyValid}, []ObligationKind{ObligationReply}},
	{false, issued, StepAccountability, StateNone, []Guard{GuardActorIsParty, GuardAccountabilityValid}, nil},
	{false, issued, StepInstitution, StateNone, []Guard{GuardActorIsParty, GuardInstitutionValid}, nil},
	{false, issued, StepEducation, StateNone, []Guard{GuardActorIsParty, GuardEducationValid}, nil},
	{false, issued, StepSurvey, StateNone, []Guard{GuardActorIsSupervisor, GuardSurveyValid}, nil},
	{false, issued, StepRefix, StateNone, []Guard{GuardRefixValid}, nil},

	{true, []State{StateNone}, StepAddProblem, StateOpen, []Guard{GuardActorIsParty, GuardProblemValid}, nil},
	{true, working, StepAssignTask, StateNone, []Guard{GuardActorIsParty, GuardTaskValid}, nil},
	{true, []State{StateOpen}, StepStart, StateInProgress, []Guard{GuardActorIsRecipient, GuardHasTask}, nil},
	{true, working, StepCompleteTask, StateNone, []Guard{GuardActorIsResponsible, GuardTaskOpen}, nil},
	{true, []State{StateInProgress, StateClaimed}, StepAddEvidence, StateNone, []Guard{GuardActorIsRecipient, GuardEvidenceValid}, nil},
	{true, []State{StateInProgress}, StepClaim, StateClaimed, []Guard{GuardActorIsRecipient, GuardTasksDone, GuardNewMeasure, GuardEvidencePresent}, nil},
	{true, []State{StateClaimed}, StepSignOff, StateSignedOff, []Guard{GuardActorIsSupervisor, GuardEvidencePresent, GuardVerifierIndependent}, []ObligationKind{ObligationRectify}},
	{true, []State{StateClaimed}, StepReject, StateInProgress, []Guard{GuardActorIsSupervisor, GuardReasonGiven}, nil},
	{true, []State{StateSignedOff}, StepLookBack, StateNone, []Guard{GuardActorIsSupervisor, GuardReviewValid, GuardFindingHolds}, []ObligationKind{ObligationLookBack}},
	{true, []State{StateSignedOff}, StepLookBack, StateInProgress, []Guard{GuardActorIsSupervisor, GuardReviewValid, GuardFindingRelapsed}, []ObligationKind{ObligationLookBack}},
}

// Transitions returns a copy of the lifecycle table.
func Transitions() []Transition {
	out := make([]Transition, len(table))
	for i, t := range table {
		out[i] = Transition{t.Problem, slices.Clone(t.From), t.Step, t.To, slices.Clone(t.Guards), slices.Clone(t.Meets)}
	}
	return out
}

// String renders a row, e.g.
// "problem claimed_rectified --sign_off[actor_is_supervisor evidence_present verifier_independent]--> signed_off meets rectification".
func (t Transition) String() string {
	scope := "rectification "
	if t.Problem {
		scope = "problem "
	}
	return lifecycle.Row(scope, t.From, t.Step, t.To, t.Guards, t.Meets)
}

func (t *Transition) next(from State) State {
	if t.To == StateNone {
		return from
	}
	return t.To
}

// scope returns the state a step on r starts from — the rectification's, or the problem's
// for problem steps (StateNone for a problem being added) — and that problem.
func (r *Rectification) scope(e *Event) (State, *Problem, error) {
	if !e.Step.onProblem() {
		if e.ProblemID != uuid.Nil {
			return "", nil, invalid("problem_id", "must be empty for step %q", e.Step)
		}
		return r.State, nil, nil
	}
	if r.State != StateIssued {
		return "", nil, &TransitionError{State: r.State, Step: e.Step}
	}
	if e.ProblemID == uuid.Nil {
		return "", nil, invalid("problem_id", "required")
	}
	p := r.Problem(e.ProblemID)
	switch {
	case e.Step == StepAddProblem && p != nil:
		return "", nil, invalid("problem_id", "problem %s is already listed", e.ProblemID)
	case e.Step != StepAddProblem && p == nil:
		return "", nil, &UnknownProblemError{Field: "problem_id", ID: e.ProblemID}
	case p != nil:
		return p.State, p, nil
	}
	return StateNone, nil, nil
}

// route finds the row that applies to e, the state it starts from (of the
// rectification, or of the problem for problem steps) and the state it leads to.
func route(r *Rectification, e *Event) (*Transition, State, State, error) {
	cur, p, err := r.scope(e)
	if err != nil {
		return nil, "", "", err
	}
	if err := e.Command.unused(); err != nil {
		return nil, "", "", err
	}
	i, found, err := lifecycle.Route(len(table),
		func(i int) bool {
			t := &table[i]
			return t.Step == e.Step && t.Problem == e.Step.onProblem() && slices.Contains(t.From, cur)
		},
		func(i int) error { return table[i].check(r, p, e, cur) })
	switch {
	case !found:
		return nil, "", "", &TransitionError{State: cur, Step: e.Step}
	case err != nil:
		return nil, "", "", err
	}
	return &table[i], cur, table[i].next(cur), nil
}

func (t *Transition) check(r *Rectification, p *Problem, e *Event, cur State) error {
	for _, g := range t.Guards {
		if err := g.check(r, p, e); err != nil {
			return &GuardError{State: cur, Step: t.Step, Problem: e.ProblemID, Guard: g, Err: err}
		}
	}
	return nil
}
