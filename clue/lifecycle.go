package clue

import (
	"slices"

	"github.com/guantong/guantong/internal/lifecycle"
)

// State is where a clue stands in its lifecycle.
type State string

// States. StateNone is the state before the first event.
const (
	StateNone          State = ""
	StateDrafted       State = "drafted"        // 起草
	StateTransferred   State = "transferred"    // 已移送
	StateReturned      State = "returned"       // 退回补充要件
	StateRegistered    State = "registered"     // 归口接收、登记
	StateAssigned      State = "assigned"       // 已分办
	StateUnderDisposal State = "under_disposal" // 处置中
	StateShelved       State = "shelved"        // 暂存待查
	StateDisposed      State = "disposed"       // 已办结
	StateFeedbackGiven State = "feedback_given" // 已结果反馈 (every sender)
	StateEvaluated     State = "evaluated"      // 已评估 (every sender): the loop is closed
	StateMerged        State = "merged"         // 已并入另一线索
)

// Step is a lifecycle step; each applied step is an [Event].
type Step string

// Steps.
const (
	StepDraft            Step = "draft"
	StepTransfer         Step = "transfer"
	StepReturn           Step = "return"
	StepResubmit         Step = "resubmit"
	StepRegister         Step = "register"
	StepAssign           Step = "assign"
	StepDecide           Step = "decide_disposal"
	StepShelve           Step = "shelve"
	StepReactivate       Step = "reactivate"
	StepDeliverLetter    Step = "deliver_letter" // the subject received the inquiry letter
	StepReceiveReply     Step = "receive_reply"  // the subject's written answer came back
	StepConclude         Step = "conclude"
	StepProgressFeedback Step = "progress_feedback"
	StepResultFeedback   Step = "result_feedback"
	StepEvaluate         Step = "evaluate"
	StepMerge            Step = "merge"  // this clue is merged into another (Command.Target)
	StepAbsorb           Step = "absorb" // another clue (Command.Absorbed) is merged into this one
	StepNotifyAcceptance Step = "notify_acceptance"
	StepNotifyResult     Step = "notify_result"
	StepRemind           Step = "remind"
	// StepRecordDuty records on the clue a duty decided outside it (a joint
	// meeting's decision, Command.Duty); the step of the duty's kind meets it.
	StepRecordDuty Step = "record_duty"
	// StepRefix records dues counted again on a newer calendar (Command.Refixes;
	// see [Clue.Refix]).
	StepRefix Step = "refix"
)

// Guard names a side-effect-free condition on a clue and an event.
type Guard string

// Guards.
const (
	GuardActorIsSource    Guard = "actor_is_source"
	GuardActorIsReceiver  Guard = "actor_is_receiver"
	GuardActorIsSender    Guard = "actor_is_sender"
	GuardPackageValid     Guard = "package_valid"
	GuardSupplementFits   Guard = "supplement_fits"
	GuardElementsComplete Guard = "elements_complete"
	GuardMissingListed    Guard = "missing_listed"
	GuardOfficeSet        Guard = "office_set"
	GuardDisposalValid    Guard = "disposal_valid"
	GuardLetterInquiry    Guard = "letter_inquiry"
	GuardLetterDelivered  Guard = "letter_delivered"
	GuardResultStated     Guard = "result_stated"
	GuardFeedbackToSender Guard = "feedback_to_sender"
	GuardResultPending    Guard = "result_pending"
	GuardLastResult       Guard = "last_result"
	GuardResultsOwed      Guard = "results_owed"
	GuardEvaluationValid  Guard = "evaluation_valid"
	GuardLastEvaluation   Guard = "last_evaluation"
	GuardEvaluationsOwed  Guard = "evaluations_owed"
	GuardMergeTarget      Guard = "merge_target"
	GuardAbsorbable       Guard = "absorbable"
	GuardNamedReporter    Guard = "named_reporter"
	GuardReminderValid    Guard = "reminder_valid"
	GuardDutyValid        Guard = "duty_valid"
	GuardRefixValid       Guard = "refix_valid"
)

// Transition is one row of the lifecycle table: in any of the From states,
// Step leads to To when every guard holds, and meets the obligations of the
// Meets kinds. A zero To means the state does not change. Rows with the same
// state and step are tried in order; the first whose guards hold applies.
type Transition struct {
	From   []State
	Step   Step
	To     State
	Guards []Guard
	Meets  []ObligationKind
}

func (t *Transition) next(from State) State {
	if t.To == StateNone {
		return from
	}
	return t.To
}

// active are the states in which a receiver holds an open clue.
var active = []State{StateRegistered, StateAssigned, StateUnderDisposal, StateShelved}

// unfinished are the states that are neither merged nor evaluated (final).
var unfinished = []State{StateDrafted, StateTransferred, StateReturned, StateRegistered, StateAssigned,
	StateUnderDisposal, StateShelved, StateDisposed, StateFeedbackGiven}

// table is the lifecycle. It is read-only; Transitions returns a copy.
var table = []Transition{
	{[]State{StateNone}, StepDraft, StateDrafted, []Guard{GuardPackageValid, GuardActorIsSource}, nil},
	{[]State{StateDrafted}, StepTransfer, StateTransferred, []Guard{GuardActorIsSource, GuardSupplementFits, GuardElementsComplete}, []ObligationKind{ObligationTransfer}},
	{[]State{StateTransferred}, StepReturn, StateReturned, []Guard{GuardActorIsReceiver, GuardMissingListed}, nil},
	{[]State{StateReturned}, StepResubmit, StateTransferred, []Guard{GuardActorIsSource, GuardSupplementFits, GuardElementsComplete}, []ObligationKind{ObligationTransfer}},
	{[]State{StateTransferred}, StepRegister, StateRegistered, []Guard{GuardActorIsReceiver}, nil},
	{[]State{StateRegistered}, StepAssign, StateAssigned, []Guard{GuardActorIsReceiver, GuardOfficeSet}, []ObligationKind{ObligationAssign}},
	{[]State{StateAssigned}, StepDecide, StateUnderDisposal, []Guard{GuardActorIsReceiver, GuardDisposalValid}, []ObligationKind{ObligationDisposalOpinion}},
	{[]State{StateAssigned, StateUnderDisposal}, StepShelve, StateShelved, []Guard{GuardActorIsReceiver}, []ObligationKind{ObligationDisposalOpinion}},
	{[]State{StateShelved}, StepReactivate, StateAssigned, []Guard{GuardActorIsReceiver}, nil},
	{[]State{StateUnderDisposal}, StepDeliverLetter, StateNone, []Guard{GuardActorIsReceiver, GuardLetterInquiry}, nil},
	{[]State{StateUnderDisposal}, StepReceiveReply, StateNone, []Guard{GuardActorIsReceiver, GuardLetterDelivered}, []ObligationKind{ObligationLetterReply}},
	{[]State{StateUnderDisposal}, StepConclude, StateDisposed, []Guard{GuardActorIsReceiver, GuardResultStated}, []ObligationKind{ObligationDisposal}},
	{active, StepProgressFeedback, StateNone, []Guard{GuardActorIsReceiver, GuardFeedbackToSender}, []ObligationKind{ObligationProgress}},
	{[]State{StateDisposed}, StepResultFeedback, StateFeedbackGiven, []Guard{GuardActorIsReceiver, GuardFeedbackToSender, GuardResultPending, GuardLastResult}, []ObligationKind{ObligationResult, ObligationProgress}},
	{[]State{StateDisposed}, StepResultFeedback, StateNone, []Guard{GuardActorIsReceiver, GuardFeedbackToSender, GuardResultPending, GuardResultsOwed}, []ObligationKind{ObligationResult, ObligationProgress}},
	{[]State{StateFeedbackGiven}, StepEvaluate, StateEvaluated, []Guard{GuardActorIsSender, GuardEvaluationValid, GuardLastEvaluation}, []ObligationKind{ObligationEvaluation}},
	{[]State{StateFeedbackGiven}, StepEvaluate, StateNone, []Guard{GuardActorIsSender, GuardEvaluationValid, GuardEvaluationsOwed}, []ObligationKind{ObligationEvaluation}},
	{active, StepMerge, StateMerged, []Guard{GuardActorIsReceiver, GuardMergeTarget}, []ObligationKind{ObligationMerge}},
	{active, StepAbsorb, StateNone, []Guard{GuardActorIsReceiver, GuardAbsorbable}, []ObligationKind{ObligationMerge}},
	{[]State{StateRegistered, StateAssigned, StateUnderDisposal, StateShelved, StateDisposed, StateFeedbackGiven, StateEvaluated}, StepNotifyAcceptance, StateNone, []Guard{GuardActorIsReceiver, GuardNamedReporter}, []ObligationKind{ObligationComplainant}},
	{[]State{StateDisposed, StateFeedbackGiven, StateEvaluated}, StepNotifyResult, StateNone, []Guard{GuardActorIsReceiver, GuardNamedReporter}, []ObligationKind{ObligationComplainantEnd}},
	{[]State{StateRegistered, StateAssigned, StateUnderDisposal, StateShelved, StateDisposed}, StepRemind, StateNone, []Guard{GuardActorIsReceiver, GuardReminderValid}, []ObligationKind{ObligationReminder}},
	{unfinished, StepRecordDuty, StateNone, []Guard{GuardDutyValid}, nil},
	{[]State{StateDrafted, StateTransferred, StateReturned, StateRegistered, StateAssigned, StateUnderDisposal,
		StateShelved, StateDisposed, StateFeedbackGiven, StateEvaluated}, StepRefix, StateNone, []Guard{GuardRefixValid}, nil},
}

// Transitions returns a copy of the lifecycle table.
func Transitions() []Transition {
	out := make([]Transition, len(table))
	for i, t := range table {
		out[i] = Transition{slices.Clone(t.From), t.Step, t.To, slices.Clone(t.Guards), slices.Clone(t.Meets)}
	}
	return out
}

// String renders a row, e.g. "drafted --transfer[actor_is_source elements_complete]--> transferred meets transfer".
func (t Transition) String() string {
	return lifecycle.Row("", t.From, t.Step, t.To, t.Guards, t.Meets)
}

// route finds the row that applies to e in c's state and the state it leads to.
func route(c *Clue, e *Event) (*Transition, State, error) {
	i, found, err := lifecycle.Route(len(table),
		func(i int) bool { return table[i].Step == e.Step && slices.Contains(table[i].From, c.State) },
		func(i int) error { return table[i].check(c, e) })
	switch {
	case !found:
		return nil, "", &TransitionError{State: c.State, Step: e.Step}
	case err != nil:
		return nil, "", err
	}
	return &table[i], table[i].next(c.State), nil
}

func (t *Transition) check(c *Clue, e *Event) error {
	for _, g := range t.Guards {
		if err := g.check(c, e); err != nil {
			return &GuardError{State: c.State, Step: t.Step, Guard: g, Err: err}
		}
	}
	return nil
}
