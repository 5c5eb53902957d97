package rectification

// Declared values of the package's enumerated types. Decoders (the rules package's strict
// subject decoding, the service's OpenAPI document) read them from Values; the zero value
// "" means absent and is not listed.

// Values returns the declared recommendation kinds.
func (RecommendationKind) Values() []RecommendationKind {
	return []RecommendationKind{KindDisciplineInspection, KindSupervision, KindTourFeedback, KindAuditRequirement}
}

// Values returns the declared severities.
func (Severity) Values() []Severity {
	return []Severity{SeverityGeneral, SeveritySerious, SeverityMajor}
}

// Values returns the declared source kinds.
func (SourceKind) Values() []SourceKind {
	return []SourceKind{SourceClue, SourceAudit, SourceTour, SourceSupervision, SourceMeeting, SourceSelf}
}

// Values returns the declared states of recommendations, problems and stages (StateNone excluded).
func (State) Values() []State {
	return []State{StagePending, StageActive, StageClosed, StateIssued, StateOpen, StateInProgress, StateClaimed, StateSignedOff}
}

// Values returns the declared look-back findings.
func (ReviewFinding) Values() []ReviewFinding {
	return []ReviewFinding{FindingHolds, FindingRelapsed}
}

// Values returns the declared institution kinds.
func (InstitutionKind) Values() []InstitutionKind {
	return []InstitutionKind{InstitutionNew, InstitutionRevised}
}

// Values returns the declared obligation kinds.
func (ObligationKind) Values() []ObligationKind {
	return []ObligationKind{ObligationReply, ObligationRectify, ObligationLookBack}
}

// Values returns the declared lifecycle steps.
func (Step) Values() []Step {
	return []Step{StepIssue, StepReply, StepAccountability, StepInstitution, StepEducation, StepSurvey, StepRefix, StepAddProblem, StepAssignTask, StepStart, StepCompleteTask, StepAddEvidence, StepClaim, StepSignOff, StepReject, StepLookBack}
}

// Values returns the declared project steps.
func (ProjectStep) Values() []ProjectStep {
	return []ProjectStep{StepPlan, StepStartStage, StepProgress, StepCloseStage}
}
