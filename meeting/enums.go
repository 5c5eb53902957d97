package meeting

// Declared values of the package's enumerated types. Decoders (the rules package's strict
// subject decoding, the service's OpenAPI document) read them from Values; the zero value
// "" means absent and is not listed.

// Values returns the declared cadence units.
func (Unit) Values() []Unit {
	return []Unit{UnitWeek, UnitMonth, UnitQuarter, UnitHalfYear, UnitYear}
}

// Values returns the declared mechanism kinds.
func (MechanismKind) Values() []MechanismKind {
	return []MechanismKind{KindJointMeeting, KindConsultation, KindTaskForce, KindCaseBriefing, KindLedgerReview, KindPreTourLiaison}
}

// Values returns the declared meeting kinds.
func (MeetingKind) Values() []MeetingKind {
	return []MeetingKind{MeetingRegular, MeetingSpecial, MeetingPreTour}
}

// Values returns the declared agenda item kinds.
func (ItemKind) Values() []ItemKind {
	return []ItemKind{ItemClue, ItemProblem, ItemTopic}
}

// Values returns the declared decision kinds.
func (DecisionKind) Values() []DecisionKind {
	return []DecisionKind{DecisionTransfer, DecisionMerge, DecisionAssign, DecisionJointInspection, DecisionReminderLetter, DecisionSanctionOpinion}
}

// Values returns the declared states (StateNone excluded).
func (State) Values() []State {
	return []State{StateHeld, StateClosed}
}

// Values returns the declared obligation kinds: next_meeting and every decision kind.
func (ObligationKind) Values() []ObligationKind {
	return []ObligationKind{ObligationNextMeeting, ObligationKind(DecisionTransfer), ObligationKind(DecisionMerge), ObligationKind(DecisionAssign), ObligationKind(DecisionJointInspection), ObligationKind(DecisionReminderLetter), ObligationKind(DecisionSanctionOpinion)}
}

// Values returns the declared lifecycle steps.
func (Step) Values() []Step {
	return []Step{StepHold, StepCarryOut, StepWithdraw, StepRefix}
}

// Values returns the declared period statuses.
func (PeriodStatus) Values() []PeriodStatus {
	return []PeriodStatus{PeriodHeld, PeriodLate, PeriodMissed, PeriodPending, PeriodExempt, PeriodUnknown}
}

// Values returns the declared target statuses.
func (TargetStatus) Values() []TargetStatus {
	return []TargetStatus{TargetMet, TargetBelow, TargetAbove, TargetPending}
}

// Values returns the declared decision statuses.
func (DecisionStatus) Values() []DecisionStatus {
	return []DecisionStatus{DecisionDone, DecisionWithdrawn, DecisionPending, DecisionOverdue}
}
