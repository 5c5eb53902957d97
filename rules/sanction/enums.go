package sanction

// Declared values of the package's enumerated types. Decoders (the rules package's strict
// subject decoding, the service's OpenAPI document) read them from Values; the zero value
// "" means absent and is not listed.

// Values returns the declared measure families.
func (Family) Values() []Family {
	return []Family{FamilyParty, FamilyGovernment, FamilyEnterprise, FamilyOrganizational, FamilyAccountability}
}

// Values returns the declared measure kinds.
func (Kind) Values() []Kind {
	return []Kind{KindPartyWarning, KindPartySeriousWarning, KindPartyRemovalFromPost, KindPartyProbation, KindPartyExpulsion, KindGovernmentWarning, KindGovernmentDemerit, KindGovernmentMajorDemerit, KindGovernmentDemotion, KindGovernmentDismissal, KindGovernmentExpulsion, KindEnterpriseWarning, KindEnterpriseDemerit, KindEnterpriseMajorDemerit, KindEnterpriseDemotion, KindEnterpriseDismissal, KindEnterpriseExpulsion, KindTalkReminder, KindCriticismEducation, KindWrittenSelfExamination, KindCirculatedCriticism, KindAdmonishment, KindSuspension, KindTransfer, KindOrderedResignation, KindRemoval, KindDemotion, KindPayDeduction, KindMarketBan, KindReferralDiscipline, KindReferralJudicial}
}

// Values returns the declared kinds of proposing agency.
func (AgencyKind) Values() []AgencyKind {
	return []AgencyKind{AgencyDisciplineCommission, AgencySOEOwner, AgencyAppointingBody, AgencyEnterprise, AgencyPartyOrganization}
}

// Values returns the declared pay-deduction bases.
func (DeductionBasis) Values() []DeductionBasis {
	return []DeductionBasis{DeductionPercent, DeductionAmount}
}

// Values returns the declared circumstance kinds.
func (CircumstanceKind) Values() []CircumstanceKind {
	return []CircumstanceKind{CircumstanceLighter, CircumstanceMitigated, CircumstanceHeavier, CircumstanceAggravated}
}

// Values returns the declared loss tiers.
func (LossTier) Values() []LossTier {
	return []LossTier{LossOrdinary, LossLarger, LossMajor}
}

// Values returns the declared resolution rules.
func (Rule) Values() []Rule {
	return []Rule{RuleProposed, RuleMerged, RulePartyEscalation, RuleGovernmentAbsorption, RuleGovernmentCombination, RuleOrganizationalAbsorption}
}

// Values returns the declared subsumption reasons.
func (Reason) Values() []Reason {
	return []Reason{ReasonHeavierPrevails, ReasonEqualSeverity, ReasonNoDuplicateSanction, ReasonAbsorbed}
}

// Values returns the declared effect kinds.
func (EffectKind) Values() []EffectKind {
	return []EffectKind{EffectNoPromotion, EffectNoPayGradePromotion, EffectNoEquivalentPost, EffectNoLeadershipPost, EffectNoRejoin, EffectMarketBan}
}
