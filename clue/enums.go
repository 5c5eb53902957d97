package clue

// Declared values of the package's enumerated types. Decoders (the rules package's strict
// subject decoding, the service's OpenAPI document) read them from Values; the zero value
// "" means absent and is not listed.

// Values returns the declared agency kinds.
func (AgencyKind) Values() []AgencyKind {
	return []AgencyKind{KindDisciplineCommission, KindCaseManagementOffice, KindSupervisionOffice, KindStationedGroup, KindPetitionOffice, KindInspectionTour, KindAudit, KindFinance, KindStatistics, KindSOEOwner, KindPetitionBureau, KindPeoplesCongress, KindLineDepartment, KindPublic}
}

// Values returns the declared administrative levels.
func (Level) Values() []Level {
	return []Level{LevelCentral, LevelProvincial, LevelMunicipal, LevelCounty, LevelTownship, LevelEnterprise}
}

// Values returns the declared evidence kinds.
func (EvidenceKind) Values() []EvidenceKind {
	return []EvidenceKind{EvidenceDocument, EvidenceAuditWork, EvidenceRecord, EvidenceData, EvidenceReport, EvidenceOther}
}

// Values returns the declared disposal methods.
func (DisposalMethod) Values() []DisposalMethod {
	return []DisposalMethod{MethodInquiry, MethodPreliminaryVerification, MethodShelve, MethodCloseOut, MethodFileCase, MethodTransferOn, MethodAdministrativePenalty}
}

// Values returns the declared inquiry forms.
func (InquiryForm) Values() []InquiryForm {
	return []InquiryForm{FormTalk, FormLetter}
}

// Values returns the declared feedback kinds.
func (FeedbackKind) Values() []FeedbackKind {
	return []FeedbackKind{FeedbackProgress, FeedbackResult}
}

// Values returns the declared ratings.
func (Rating) Values() []Rating {
	return []Rating{RatingSatisfied, RatingPartly, RatingUnsatisfied}
}

// Values returns the declared reminder levels.
func (ReminderLevel) Values() []ReminderLevel {
	return []ReminderLevel{ReminderLetter, SupervisedHandling}
}

// Values returns the declared states (StateNone excluded).
func (State) Values() []State {
	return []State{StateDrafted, StateTransferred, StateReturned, StateRegistered, StateAssigned, StateUnderDisposal, StateShelved, StateDisposed, StateFeedbackGiven, StateEvaluated, StateMerged}
}

// Values returns the declared obligation kinds.
func (ObligationKind) Values() []ObligationKind {
	return []ObligationKind{ObligationTransfer, ObligationDisposalOpinion, ObligationDisposal, ObligationProgress, ObligationResult, ObligationLetterReply, ObligationComplainant, ObligationComplainantEnd, ObligationEvaluation, ObligationAssign, ObligationMerge, ObligationReminder}
}

// Values returns the declared required elements.
func (Element) Values() []Element {
	return []Element{ElementSource, ElementReceiver, ElementSubjects, ElementMatter, ElementDomain, ElementEvidence, ElementAmount, ElementConclusiveOpinion, ElementDiscoveredAt, ElementTourPeriod}
}

// Values returns the declared lifecycle steps.
func (Step) Values() []Step {
	return []Step{StepDraft, StepTransfer, StepReturn, StepResubmit, StepRegister, StepAssign, StepDecide, StepShelve, StepReactivate, StepDeliverLetter, StepReceiveReply, StepConclude, StepProgressFeedback, StepResultFeedback, StepEvaluate, StepMerge, StepAbsorb, StepNotifyAcceptance, StepNotifyResult, StepRemind, StepRecordDuty, StepRefix}
}
