package sanction

import (
	"github.com/google/uuid"

	"github.com/guantong/guantong/rules/workday"
)

// Result is the outcome of Resolve: per person, the measures to apply and
// every proposal that is not applied, with the reason. Every input proposal
// appears exactly once: in the Proposals of one Applied, or as one Subsumed.
type Result struct {
	// DecidedOn is the CST date of the decision the periods run from; zero
	// when Resolve was given the zero time (no dates are then computed).
	DecidedOn workday.Date   `json:"decided_on,omitzero"`
	Persons   []PersonResult `json:"persons"` // ordered by person ID
}

// PersonResult is the outcome for one person.
type PersonResult struct {
	Person   Person     `json:"person"`
	Applied  []Applied  `json:"applied"`  // ordered by family, class, first matter, ID
	Subsumed []Subsumed `json:"subsumed"` // ordered by family, then proposal ID
}

// Rule says how an applied measure was reached.
type Rule string

// Rules.
const (
	// RuleProposed: one proposal, applied as proposed.
	RuleProposed Rule = "proposed"
	// RuleMerged: identical measures proposed by several agencies or for
	// several matters, applied once (能合并处理的则合并).
	RuleMerged Rule = "merged"
	// RulePartyEscalation: several violations, party law: the highest
	// sanction raised one grade, 开除党籍 if any warrants it (纪律处分条例
	// art. 24).
	RulePartyEscalation Rule = "party_escalation"
	// RuleGovernmentAbsorption: several violations of different kinds: only
	// the heaviest is executed (政务处分法 art. 15; 国有企业管理人员处分条例).
	RuleGovernmentAbsorption Rule = "government_absorption"
	// RuleGovernmentCombination: several identical sanctions at 撤职 or below:
	// one sanction whose period lies between the longest single period and
	// the sum of the periods, at most 48 months (政务处分法 art. 15).
	RuleGovernmentCombination Rule = "government_combination"
	// RuleOrganizationalAbsorption: organizational handling for several
	// matters: the heaviest is applied (library default; no statute merges
	// organizational handling, 从重但不重复 is applied).
	RuleOrganizationalAbsorption Rule = "organizational_absorption"
)

// Reason says why a proposal was subsumed.
type Reason string

// Reasons.
const (
	// ReasonHeavierPrevails: a comparable, heavier measure for the same
	// matter and person prevails (从重但不重复, seed 002).
	ReasonHeavierPrevails Reason = "heavier_prevails"
	// ReasonEqualSeverity: a comparable measure of equal severity but not
	// identical prevails by the deterministic tie-break.
	ReasonEqualSeverity Reason = "equal_severity"
	// ReasonNoDuplicateSanction: for the same act, the supervision organ and
	// the appointing body must not both sanction (政务处分法 art. 16).
	ReasonNoDuplicateSanction Reason = "no_duplicate_sanction"
	// ReasonAbsorbed: several violations; only the heaviest measure of the
	// family is executed (政务处分法 art. 15 for sanctions; library default
	// for organizational handling).
	ReasonAbsorbed Reason = "absorbed"
)

// Citation names the rule a decision rests on.
type Citation struct {
	Source  string `json:"source"`            // e.g. "公职人员政务处分法"
	Article string `json:"article,omitempty"` // e.g. "第十五条"; for a local rule without numbers, the rule quoted
	Seed    string `json:"seed,omitempty"`    // the seed article of a local rule, e.g. "002"
}

// String formats the citation in Chinese: "《公职人员政务处分法》第十五条".
func (c Citation) String() string {
	s := "《" + c.Source + "》" + c.Article
	if c.Seed != "" {
		s += "(seed " + c.Seed + ")"
	}
	return s
}

// Support is a proposal an applied measure rests on.
type Support struct {
	Proposal uuid.UUID `json:"proposal_id"`
	Agency   Agency    `json:"agency"`
	Matter   uuid.UUID `json:"matter_id"`
	Measure  Measure   `json:"measure"` // as proposed
}

// Applied is a measure to apply.
type Applied struct {
	// ID is derived from the kind and the supporting proposals' IDs
	// (UUID version 5), so equal inputs give equal IDs.
	ID      uuid.UUID   `json:"id"`
	Measure Measure     `json:"measure"`
	Family  Family      `json:"family"`
	Class   string      `json:"class"`
	Rule    Rule        `json:"rule"`
	Matters []uuid.UUID `json:"matters"` // ordered
	// Proposals are the proposals the measure rests on, ordered by ID.
	Proposals []Support `json:"proposals"`
	// Absorbed are the IDs of the proposals subsumed by this measure,
	// ordered; each appears in PersonResult.Subsumed with the reason.
	Absorbed []uuid.UUID `json:"absorbed,omitempty"`
	// Circumstances of the supporting proposals (already reflected in the
	// measure; not applied again).
	Circumstances []Circumstance `json:"circumstances,omitempty"`
	Period        Period         `json:"period,omitzero"`
	Effects       []Effect       `json:"effects,omitempty"`
	Basis         []Citation     `json:"basis"`
	Explanation   string         `json:"explanation"` // Chinese, for the case officer
}

// Subsumed is a proposal that is not applied because another measure covers
// it.
type Subsumed struct {
	Proposal uuid.UUID `json:"proposal_id"`
	Agency   Agency    `json:"agency"`
	Matter   uuid.UUID `json:"matter_id"`
	Measure  Measure   `json:"measure"`
	// ByMeasure is the Applied.ID of the measure that covers it.
	ByMeasure uuid.UUID `json:"by_measure"`
	// ByProposal is the proposal that prevailed over it directly.
	ByProposal  uuid.UUID `json:"by_proposal"`
	Reason      Reason    `json:"reason"`
	Citation    Citation  `json:"citation"`
	Explanation string    `json:"explanation"` // Chinese
}

// MonthRange is a range of months, both ends included.
type MonthRange struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Period is the period of an applied measure (处分期, 察看期, 禁入期).
//
// The period runs from the decision date (政务处分法 art. 8: from the day the
// decision takes effect, which is the day it is made). Its last day follows
// the Civil Code (arts. 201–202): the start day is not counted and a period
// of months ends on the corresponding day of the last month, or that month's
// last day when it has none. By default the last day is not moved off rest
// days: a sanction period is a state that lapses, not a time limit within
// which an act must be done, so art. 203's extension does not lengthen it.
// With WithCalendar the last day is moved as for a deadline.
type Period struct {
	Months    int          `json:"months,omitempty"`
	Permanent bool         `json:"permanent,omitempty"`
	Range     MonthRange   `json:"range,omitzero"` // set when the law leaves the length to the decision
	Start     workday.Date `json:"start,omitzero"`
	End       workday.Date `json:"end,omitzero"` // last day
	// LiftedOn is the day after End, when a government or enterprise
	// sanction lapses of itself if no new violation occurred in the period.
	LiftedOn workday.Date `json:"lifted_on,omitzero"`
	// Certainty is the calendar's certainty of the dates (reported, provisional or
	// weekends_only when they lie beyond its official data); empty without a calendar.
	Certainty workday.Certainty `json:"certainty,omitempty"`
}

// EffectKind names an effect of a measure.
type EffectKind string

// Effect kinds.
const (
	EffectNoPromotion         EffectKind = "no_promotion"           // 不得晋升/提拔
	EffectNoPayGradePromotion EffectKind = "no_pay_grade_promotion" // 不得晋升工资档次/薪酬待遇等级
	EffectNoEquivalentPost    EffectKind = "no_equivalent_post"     // 不得担任相当或更高的职务
	EffectNoLeadershipPost    EffectKind = "no_leadership_post"     // 不得安排领导职务
	EffectNoRejoin            EffectKind = "no_rejoin"              // 不得重新入党
	EffectMarketBan           EffectKind = "market_ban"             // 不得担任国有企业董事、监事、高级管理人员
)

// Effect is a consequence of an applied measure lasting a number of months
// from the decision date.
type Effect struct {
	Kind      EffectKind   `json:"kind"`
	Months    int          `json:"months,omitempty"`
	Permanent bool         `json:"permanent,omitempty"`
	Until     workday.Date `json:"until,omitzero"` // last day of the effect
	Citation  Citation     `json:"citation"`
	Text      string       `json:"text"` // Chinese
}
