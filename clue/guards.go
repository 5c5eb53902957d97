package clue

import (
	"strconv"

	"github.com/google/uuid"
)

// check evaluates g for event e on clue c; nil means the guard holds.
func (g Guard) check(c *Clue, e *Event) error {
	actor := e.Actor.Agency
	switch g {
	case GuardActorIsSource:
		src := c.Source.ID
		if e.Step == StepDraft && e.Package != nil {
			src = e.Package.Source.ID
		}
		if actor == uuid.Nil || actor != src {
			return invalid("actor.agency", "%s is not the source agency", actor)
		}
	case GuardActorIsReceiver:
		if actor == uuid.Nil || (actor != c.Receiver.ID && actor != c.AssignedTo.ID) {
			return invalid("actor.agency", "%s is neither the receiver nor the assigned office", actor)
		}
	case GuardActorIsSender:
		if !c.isSender(actor) {
			return invalid("actor.agency", "%s is not a sender of the clue", actor)
		}
	case GuardPackageValid:
		if e.Package == nil {
			return invalid("package", "required")
		}
		if e.Package.Source.ID == uuid.Nil || !e.Package.Source.Kind.Valid() {
			return invalid("package.source", "id and a known kind are required")
		}
		return e.Package.validate()
	case GuardSupplementFits:
		if e.Package == nil {
			return nil
		}
		if err := e.Package.validate(); err != nil {
			return err
		}
		return c.conflict(e.Package)
	case GuardElementsComplete:
		req := e.Required
		if len(req) == 0 {
			req = DefaultRequired(c.Source.Kind)
		}
		for i, el := range req {
			if !el.Valid() {
				return unknown("required["+strconv.Itoa(i)+"]", el)
			}
		}
		probe := c
		if e.Package != nil { // a resubmission is checked with its supplement
			probe = c.Clone()
			probe.add(e.Package)
		}
		if m := probe.Missing(req); len(m) > 0 {
			return &IncompleteError{Missing: m}
		}
	case GuardMissingListed:
		if len(e.Missing) == 0 {
			return invalid("missing", "a return must list the missing elements")
		}
		for i, el := range e.Missing {
			if !el.Valid() {
				return unknown("missing["+strconv.Itoa(i)+"]", el)
			}
		}
	case GuardOfficeSet:
		if e.Office == nil || e.Office.ID == uuid.Nil || !e.Office.Kind.Valid() {
			return invalid("office", "an office with id and a known kind is required")
		}
	case GuardDisposalValid:
		return e.Disposal.validate(c)
	case GuardLetterInquiry:
		if c.Disposal.Method != MethodInquiry || c.Disposal.Form != FormLetter {
			return invalid("disposal.form", "the disposal is not a letter inquiry")
		}
	case GuardLetterDelivered:
		if c.LetterReceivedAt.IsZero() {
			return invalid("letter_received_at", "the letter has not been delivered")
		}
	case GuardResultStated:
		if e.Result == "" {
			return invalid("result", "required")
		}
	case GuardFeedbackToSender:
		if e.Feedback == nil {
			return invalid("feedback", "required")
		}
		if !c.isSender(e.Feedback.To) {
			return invalid("feedback.to", "%s is not a sender of the clue", e.Feedback.To)
		}
	case GuardResultPending:
		if c.hasResultFeedback(e.Feedback.To) {
			return invalid("feedback.to", "%s already has result feedback", e.Feedback.To)
		}
	case GuardLastResult, GuardResultsOwed:
		last := true
		for _, s := range c.Senders() {
			if s != e.Feedback.To && !c.hasResultFeedback(s) {
				last = false
			}
		}
		if last != (g == GuardLastResult) {
			return notTaken("feedback.to")
		}
	case GuardEvaluationValid:
		if e.Evaluation == nil {
			return invalid("evaluation", "required")
		}
		switch e.Evaluation.Rating {
		case RatingSatisfied, RatingPartly, RatingUnsatisfied:
		default:
			return unknown("evaluation.rating", e.Evaluation.Rating)
		}
		if c.hasEvaluation(actor) {
			return invalid("actor.agency", "%s has already evaluated", actor)
		}
	case GuardLastEvaluation, GuardEvaluationsOwed:
		last := true
		for _, s := range c.Senders() {
			if s != actor && !c.hasEvaluation(s) {
				last = false
			}
		}
		if last != (g == GuardLastEvaluation) {
			return notTaken("actor.agency")
		}
	case GuardMergeTarget:
		if e.Target == uuid.Nil || e.Target == c.ID {
			return invalid("target", "another clue is required")
		}
	case GuardAbsorbable:
		a := e.Absorbed
		switch {
		case a == nil:
			return invalid("absorbed", "required")
		case a.ID != e.Target || a.ID == c.ID || a.ID == uuid.Nil:
			return invalid("absorbed.id", "must be the target and another clue")
		case a.State != StateMerged || a.MergedInto != c.ID:
			return invalid("absorbed.state", "the absorbed clue must be merged into this one")
		case a.Receiver.ID != c.Receiver.ID:
			return invalid("absorbed.receiver", "clues of different receivers cannot be merged")
		}
		for _, m := range c.Merged {
			if m.ClueID == a.ID {
				return invalid("absorbed.id", "already merged")
			}
		}
	case GuardNamedReporter:
		for _, r := range c.Reporters {
			if r.Named {
				return nil
			}
		}
		return invalid("reporters", "no named reporter")
	case GuardReminderValid:
		r := e.Reminder
		if r == nil {
			return invalid("reminder", "required")
		}
		if r.Level != ReminderLetter && r.Level != SupervisedHandling {
			return unknown("reminder.level", r.Level)
		}
		for i := range c.Obligations {
			o := &c.Obligations[i]
			if o.Kind == r.Kind && o.Beneficiary == r.Beneficiary && o.Met.IsZero() {
				return nil
			}
		}
		return invalid("reminder.kind", "no unmet %q obligation", r.Kind)
	case GuardRefixValid:
		return c.checkRefixes(e)
	case GuardDutyValid:
		return c.checkDuty(e)
	default:
		return unknown("guard", g)
	}
	return nil
}

func (c *Clue) hasResultFeedback(to uuid.UUID) bool {
	for _, f := range c.Feedback {
		if f.Kind == FeedbackResult && f.To == to {
			return true
		}
	}
	return false
}

func (c *Clue) hasEvaluation(by uuid.UUID) bool {
	for _, v := range c.Evaluations {
		if v.By == by {
			return true
		}
	}
	return false
}

// validate checks a disposal decision against the receiver.
func (d *Disposal) validate(c *Clue) error {
	if d == nil {
		return invalid("disposal", "required")
	}
	commission := c.Receiver.Kind.Commission()
	switch d.Method {
	case MethodInquiry:
		if d.Form != FormTalk && d.Form != FormLetter {
			return unknown("disposal.form", d.Form)
		}
	case MethodPreliminaryVerification, MethodFileCase:
	case MethodCloseOut:
		return nil
	case MethodTransferOn:
		if d.TransferTo.ID == uuid.Nil || !d.TransferTo.Kind.Valid() {
			return invalid("disposal.transfer_to", "an agency with id and a known kind is required")
		}
		return nil
	case MethodAdministrativePenalty:
		if commission {
			return invalid("disposal.method", "a discipline commission does not impose administrative penalties")
		}
		return nil
	case MethodShelve:
		return invalid("disposal.method", "use the shelve step")
	default:
		return unknown("disposal.method", d.Method)
	}
	if !commission {
		return invalid("disposal.method", "%q is a discipline-inspection method; the receiver is %q", d.Method, c.Receiver.Kind)
	}
	return nil
}
