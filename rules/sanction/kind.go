package sanction

// Family is the body of law a measure belongs to. Merging several violations
// follows each family's own law (see Resolver).
type Family string

// The families of measures.
const (
	// FamilyParty: 党纪处分, 《中国共产党纪律处分条例》 (2023) art. 8.
	FamilyParty Family = "party"
	// FamilyGovernment: 政务处分 given by the supervision organ (or 处分 by the
	// appointing body) to a public official, 《公职人员政务处分法》 art. 7.
	FamilyGovernment Family = "government"
	// FamilyEnterprise: 处分 given by a state-owned enterprise to one of its
	// managers, 《国有企业管理人员处分条例》 (2024) arts. 7–9; same kinds,
	// periods and merge rule as FamilyGovernment.
	FamilyEnterprise Family = "enterprise"
	// FamilyOrganizational: 组织处理 and the lighter 问责 forms (谈话提醒,
	// 批评教育, 诫勉, 调离, 免职, 降职 …).
	FamilyOrganizational Family = "organizational"
	// FamilyAccountability: the SOE accountability measures of SASAC order
	// no. 46 that are not sanctions or organizational handling: 扣减薪酬,
	// 禁入限制, 移送.
	FamilyAccountability Family = "accountability"
)

// Name returns the Chinese name of the family ("党纪处分", "政务处分" …), or ""
// for an unknown family.
func (f Family) Name() string {
	switch f {
	case FamilyParty:
		return "党纪处分"
	case FamilyGovernment:
		return "政务处分"
	case FamilyEnterprise:
		return "国有企业管理人员处分"
	case FamilyOrganizational:
		return "组织处理"
	case FamilyAccountability:
		return "责任追究措施"
	}
	return ""
}

// rank orders families for deterministic output and for breaking ties between
// equally severe measures of different families: a 政务处分 of the supervision
// organ prevails over an enterprise's 处分 of the same grade.
func (f Family) rank() int {
	switch f {
	case FamilyParty:
		return 1
	case FamilyGovernment:
		return 2
	case FamilyEnterprise:
		return 3
	case FamilyOrganizational:
		return 4
	case FamilyAccountability:
		return 5
	}
	return 6
}

// isSanction reports whether measures of the family are sanctions in the
// sense of 政务处分法 art. 16 (decided by exactly one organ for one act).
func (f Family) isSanction() bool { return f == FamilyGovernment || f == FamilyEnterprise }

// Kind names one measure, e.g. KindGovernmentDemerit (政务记过). Kinds are
// strings so that hosts and CEL policies can use them as data; the values are
// stable.
type Kind string

// Party sanctions, lightest first (纪律处分条例 art. 8).
const (
	KindPartyWarning         Kind = "party_warning"           // 警告
	KindPartySeriousWarning  Kind = "party_serious_warning"   // 严重警告
	KindPartyRemovalFromPost Kind = "party_removal_from_post" // 撤销党内职务
	KindPartyProbation       Kind = "party_probation"         // 留党察看 (Months 12 or 24)
	KindPartyExpulsion       Kind = "party_expulsion"         // 开除党籍
)

// Government sanctions, lightest first (政务处分法 art. 7).
const (
	KindGovernmentWarning      Kind = "government_warning"       // 警告, 6 months
	KindGovernmentDemerit      Kind = "government_demerit"       // 记过, 12 months
	KindGovernmentMajorDemerit Kind = "government_major_demerit" // 记大过, 18 months
	KindGovernmentDemotion     Kind = "government_demotion"      // 降级, 24 months
	KindGovernmentDismissal    Kind = "government_dismissal"     // 撤职, 24 months
	KindGovernmentExpulsion    Kind = "government_expulsion"     // 开除, no period
)

// Sanctions of SOE managers by the enterprise, lightest first (国有企业管理人员
// 处分条例 arts. 7–8).
const (
	KindEnterpriseWarning      Kind = "enterprise_warning"       // 警告, 6 months
	KindEnterpriseDemerit      Kind = "enterprise_demerit"       // 记过, 12 months
	KindEnterpriseMajorDemerit Kind = "enterprise_major_demerit" // 记大过, 18 months
	KindEnterpriseDemotion     Kind = "enterprise_demotion"      // 降级, 24 months
	KindEnterpriseDismissal    Kind = "enterprise_dismissal"     // 撤职, 24 months
	KindEnterpriseExpulsion    Kind = "enterprise_expulsion"     // 开除, no period
)

// Organizational handling, lightest first. The order of the 组织处理 proper
// (停职检查 < 调整职务 < 责令辞职 < 免职 < 降职) is that of 《中国共产党组织处理
// 规定(试行)》 (2021), whose effect periods grow the same way; the lighter
// forms come before it.
const (
	KindTalkReminder           Kind = "org_talk_reminder"            // 谈话提醒
	KindCriticismEducation     Kind = "org_criticism_education"      // 批评教育
	KindWrittenSelfExamination Kind = "org_written_self_examination" // 责令检查
	KindCirculatedCriticism    Kind = "org_circulated_criticism"     // 通报批评
	KindAdmonishment           Kind = "org_admonishment"             // 诫勉
	KindSuspension             Kind = "org_suspension"               // 停职检查
	KindTransfer               Kind = "org_transfer"                 // 调离岗位 (调整职务)
	KindOrderedResignation     Kind = "org_ordered_resignation"      // 责令辞职
	KindRemoval                Kind = "org_removal"                  // 免职
	KindDemotion               Kind = "org_demotion"                 // 降职
)

// SOE accountability measures (SASAC order no. 46). They have no grade order
// among themselves: each kind is its own comparability class by default.
const (
	KindPayDeduction       Kind = "accountability_pay_deduction"       // 扣减薪酬 (Measure.Deduction)
	KindMarketBan          Kind = "accountability_market_ban"          // 禁入限制 (Months or Permanent)
	KindReferralDiscipline Kind = "accountability_referral_discipline" // 移送纪检监察机构
	KindReferralJudicial   Kind = "accountability_referral_judicial"   // 移送司法机关
)

// kindInfo is the static description of a kind.
type kindInfo struct {
	family    Family
	grade     int    // 1 = lightest within the family; 0 for ungraded kinds
	months    int    // statutory period (government/enterprise), 0 if none
	permanent bool   // the measure has no end (开除, 开除党籍)
	name      string // Chinese
}

// info returns the description of k. It is a switch rather than a map so that
// the package holds no mutable state.
func (k Kind) info() (kindInfo, bool) {
	switch k {
	case KindPartyWarning:
		return kindInfo{FamilyParty, 1, 0, false, "党内警告"}, true
	case KindPartySeriousWarning:
		return kindInfo{FamilyParty, 2, 0, false, "党内严重警告"}, true
	case KindPartyRemovalFromPost:
		return kindInfo{FamilyParty, 3, 0, false, "撤销党内职务"}, true
	case KindPartyProbation:
		return kindInfo{FamilyParty, 4, 0, false, "留党察看"}, true
	case KindPartyExpulsion:
		return kindInfo{FamilyParty, 5, 0, true, "开除党籍"}, true

	case KindGovernmentWarning:
		return kindInfo{FamilyGovernment, 1, 6, false, "政务警告"}, true
	case KindGovernmentDemerit:
		return kindInfo{FamilyGovernment, 2, 12, false, "政务记过"}, true
	case KindGovernmentMajorDemerit:
		return kindInfo{FamilyGovernment, 3, 18, false, "政务记大过"}, true
	case KindGovernmentDemotion:
		return kindInfo{FamilyGovernment, 4, 24, false, "政务降级"}, true
	case KindGovernmentDismissal:
		return kindInfo{FamilyGovernment, 5, 24, false, "政务撤职"}, true
	case KindGovernmentExpulsion:
		return kindInfo{FamilyGovernment, 6, 0, true, "开除(政务处分)"}, true

	case KindEnterpriseWarning:
		return kindInfo{FamilyEnterprise, 1, 6, false, "警告处分"}, true
	case KindEnterpriseDemerit:
		return kindInfo{FamilyEnterprise, 2, 12, false, "记过处分"}, true
	case KindEnterpriseMajorDemerit:
		return kindInfo{FamilyEnterprise, 3, 18, false, "记大过处分"}, true
	case KindEnterpriseDemotion:
		return kindInfo{FamilyEnterprise, 4, 24, false, "降级处分"}, true
	case KindEnterpriseDismissal:
		return kindInfo{FamilyEnterprise, 5, 24, false, "撤职处分"}, true
	case KindEnterpriseExpulsion:
		return kindInfo{FamilyEnterprise, 6, 0, true, "开除处分"}, true

	case KindTalkReminder:
		return kindInfo{FamilyOrganizational, 1, 0, false, "谈话提醒"}, true
	case KindCriticismEducation:
		return kindInfo{FamilyOrganizational, 2, 0, false, "批评教育"}, true
	case KindWrittenSelfExamination:
		return kindInfo{FamilyOrganizational, 3, 0, false, "责令检查"}, true
	case KindCirculatedCriticism:
		return kindInfo{FamilyOrganizational, 4, 0, false, "通报批评"}, true
	case KindAdmonishment:
		return kindInfo{FamilyOrganizational, 5, 0, false, "诫勉"}, true
	case KindSuspension:
		return kindInfo{FamilyOrganizational, 6, 0, false, "停职检查"}, true
	case KindTransfer:
		return kindInfo{FamilyOrganizational, 7, 0, false, "调离岗位"}, true
	case KindOrderedResignation:
		return kindInfo{FamilyOrganizational, 8, 0, false, "责令辞职"}, true
	case KindRemoval:
		return kindInfo{FamilyOrganizational, 9, 0, false, "免职"}, true
	case KindDemotion:
		return kindInfo{FamilyOrganizational, 10, 0, false, "降职"}, true

	case KindPayDeduction:
		return kindInfo{FamilyAccountability, 0, 0, false, "扣减薪酬"}, true
	case KindMarketBan:
		return kindInfo{FamilyAccountability, 0, 0, false, "禁入限制"}, true
	case KindReferralDiscipline:
		return kindInfo{FamilyAccountability, 0, 0, false, "移送纪检监察机构"}, true
	case KindReferralJudicial:
		return kindInfo{FamilyAccountability, 0, 0, false, "移送司法机关"}, true
	}
	return kindInfo{}, false
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { _, ok := k.info(); return ok }

// Family returns the family of k, or "" for an unknown kind.
func (k Kind) Family() Family { i, _ := k.info(); return i.family }

// Grade returns the position of k in its family's order, 1 for the lightest;
// 0 for an unknown kind and for the accountability measures, which have no
// order among themselves.
func (k Kind) Grade() int { i, _ := k.info(); return i.grade }

// Name returns the Chinese name of k ("政务记过", "诫勉" …), or "" for an
// unknown kind.
func (k Kind) Name() string { i, _ := k.info(); return i.name }

// StatutoryPeriod returns the period fixed by law for a government or
// enterprise sanction (政务处分法 art. 8: 警告 6, 记过 12, 记大过 18, 降级 and
// 撤职 24 months) and whether the measure is permanent (开除, 开除党籍). Other
// kinds return 0, false or, for 开除党籍, 0, true; their durations are given
// as effects (see Effect) or by the measure (留党察看, 禁入限制).
func (k Kind) StatutoryPeriod() (months int, permanent bool) {
	i, _ := k.info()
	return i.months, i.permanent
}

// Kinds returns the kinds of a family, lightest first, in a new slice; nil for
// an unknown family.
func Kinds(f Family) []Kind {
	switch f {
	case FamilyParty:
		return []Kind{KindPartyWarning, KindPartySeriousWarning, KindPartyRemovalFromPost, KindPartyProbation, KindPartyExpulsion}
	case FamilyGovernment:
		return []Kind{KindGovernmentWarning, KindGovernmentDemerit, KindGovernmentMajorDemerit, KindGovernmentDemotion, KindGovernmentDismissal, KindGovernmentExpulsion}
	case FamilyEnterprise:
		return []Kind{KindEnterpriseWarning, KindEnterpriseDemerit, KindEnterpriseMajorDemerit, KindEnterpriseDemotion, KindEnterpriseDismissal, KindEnterpriseExpulsion}
	case FamilyOrganizational:
		return []Kind{KindTalkReminder, KindCriticismEducation, KindWrittenSelfExamination, KindCirculatedCriticism, KindAdmonishment, KindSuspension, KindTransfer, KindOrderedResignation, KindRemoval, KindDemotion}
	case FamilyAccountability:
		return []Kind{KindPayDeduction, KindMarketBan, KindReferralDiscipline, KindReferralJudicial}
	}
	return nil
}

// kindAt returns the kind of family f at grade g (1-based), "" if none.
func kindAt(f Family, g int) Kind {
	ks := Kinds(f)
	if g < 1 || g > len(ks) {
		return ""
	}
	return ks[g-1]
}
