package sanction

import (
	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/clue"
)

// AgencyKind is the kind of body proposing a measure: one of the bodies with
// power to decide one (纪委监委, 出资人, 任免机关, 企业, 党组织). It is a subset of
// the bodies of supervision coordination, not a second enum of them: the kinds
// the clue package knows (the commission, the SOE owner) have clue's values,
// by definition (AgencyKind(clue.KindSOEOwner)); the three deciding bodies
// clue has no role for are declared here only.
type AgencyKind string

// The agency kinds Resolve accepts; any other is a *ProposalError matching
// ErrUnknownAgencyKind.
const (
	AgencyDisciplineCommission            = AgencyKind(clue.KindDisciplineCommission) // 纪委监委, also the supervision organ (监察机关)
	AgencySOEOwner                        = AgencyKind(clue.KindSOEOwner)             // 出资人 / 国资委
	AgencyAppointingBody       AgencyKind = "appointing_body"                         // 任免机关、单位
	AgencyEnterprise           AgencyKind = "enterprise"                              // the state-owned enterprise as employer
	AgencyPartyOrganization    AgencyKind = "party_organization"                      // 党委(党组)
)

// Name returns the Chinese name of the agency kind, or "" if unknown.
func (k AgencyKind) Name() string {
	switch k {
	case AgencyDisciplineCommission:
		return "纪委监委"
	case AgencySOEOwner:
		return "出资人"
	case AgencyAppointingBody:
		return "任免机关"
	case AgencyEnterprise:
		return "企业"
	case AgencyPartyOrganization:
		return "党组织"
	}
	return ""
}

// Agency is the body that proposes a measure.
type Agency struct {
	ID   uuid.UUID  `json:"id"`
	Kind AgencyKind `json:"kind"`
	Name string     `json:"name,omitempty"` // for explanations; the kind's name is used when empty
}

// Person is the one a measure is proposed for. Two proposals naming the same
// ID must agree on every field (otherwise *ProposalError, ErrPersonConflict).
type Person struct {
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name,omitempty"`
	PartyMember bool      `json:"party_member,omitempty"` // required for any party sanction
	PartyPost   bool      `json:"party_post,omitempty"`   // holds a post in the party; required for 撤销党内职务
}

// DeductionBasis says how a pay deduction is expressed.
type DeductionBasis string

// Deduction bases.
const (
	DeductionPercent DeductionBasis = "percent" // Value is a percentage, 0 < Value <= 100
	DeductionAmount  DeductionBasis = "amount"  // Value is an amount in yuan, > 0
)

// Deduction is a pay deduction (扣减薪酬). Base, when given, is the pay the
// percentage applies to (yuan); it lets the national rule compare a
// percentage with an amount.
type Deduction struct {
	Basis DeductionBasis  `json:"basis"`
	Value decimal.Decimal `json:"value"`
	Base  decimal.Decimal `json:"base,omitzero"`
}

// IsZero reports whether d is the zero Deduction (no deduction).
func (d Deduction) IsZero() bool {
	return d.Basis == "" && d.Value.IsZero() && d.Base.IsZero()
}

// Equal reports whether d and e are the same deduction (decimal values
// compared numerically, so 50 equals 50.0).
func (d Deduction) Equal(e Deduction) bool {
	return d.Basis == e.Basis && d.Value.Equal(e.Value) && d.Base.Equal(e.Base)
}

// Measure is one measure of any family.
//
// Months and Permanent depend on the kind:
//   - 留党察看: Months is the probation, 12 or 24;
//   - 禁入限制: Months > 0 (at most 1200), or Permanent for 终身禁入;
//   - government and enterprise sanctions below 开除: Months is 0 (the period
//     of art. 8 applies) or, between the statutory period and 48, the period
//     the proposer asks for should the sanction be combined with identical
//     ones under art. 15; it is not used for a sanction executed alone;
//   - every other kind: 0 and false.
//
// Deduction is set for KindPayDeduction only.
type Measure struct {
	Kind      Kind      `json:"kind"`
	Months    int       `json:"months,omitempty"`
	Permanent bool      `json:"permanent,omitempty"`
	Deduction Deduction `json:"deduction,omitzero"`
}

// Equal reports whether m and n are the same measure.
func (m Measure) Equal(n Measure) bool {
	return m.Kind == n.Kind && m.Months == n.Months && m.Permanent == n.Permanent && m.Deduction.Equal(n.Deduction)
}

// Fact is a violation fact a proposal rests on.
type Fact struct {
	ID          uuid.UUID       `json:"id,omitzero"`
	Description string          `json:"description,omitempty"`
	Loss        decimal.Decimal `json:"loss,omitzero"` // loss of state assets caused, yuan; not negative
}

// CircumstanceKind classifies a circumstance (纪律处分条例 art. 23 and
// 政务处分法 arts. 11–12 use the same four words).
type CircumstanceKind string

// Circumstance kinds.
const (
	CircumstanceLighter    CircumstanceKind = "lighter"    // 从轻: lighter within the range
	CircumstanceMitigated  CircumstanceKind = "mitigated"  // 减轻: one grade below the range
	CircumstanceHeavier    CircumstanceKind = "heavier"    // 从重: heavier within the range
	CircumstanceAggravated CircumstanceKind = "aggravated" // 加重: one grade above the range
)

// Circumstance is a mitigating or aggravating circumstance. The proposed
// measure already reflects it: Resolve carries circumstances into the result
// and never applies them a second time (从重但不重复).
type Circumstance struct {
	Kind        CircumstanceKind `json:"kind"`
	Description string           `json:"description,omitempty"`
}

// Proposal is a measure proposed by an agency for a person and a matter (a
// clue or act), with the facts it rests on.
type Proposal struct {
	ID uuid.UUID `json:"id"`
	// Case is the case (案件) the proposal belongs to. A case concerns one
	// person (一人一案): proposals with the same non-nil Case must name the
	// same person. uuid.Nil means no case is given.
	Case          uuid.UUID      `json:"case_id,omitzero"`
	Agency        Agency         `json:"agency"`
	Person        Person         `json:"person"`
	Matter        uuid.UUID      `json:"matter_id"` // the clue / act
	Measure       Measure        `json:"measure"`
	Standard      string         `json:"standard,omitempty"` // the agency's standard or rule, as it names it
	Facts         []Fact         `json:"facts,omitempty"`
	Circumstances []Circumstance `json:"circumstances,omitempty"`
}

// Loss returns the sum of the losses of the proposal's facts.
func (p Proposal) Loss() decimal.Decimal {
	sum := decimal.Zero
	for _, f := range p.Facts {
		sum = sum.Add(f.Loss)
	}
	return sum
}

// LossTier is the tier of a loss of state assets under SASAC order no. 46.
type LossTier string

// Loss tiers.
const (
	LossOrdinary LossTier = "ordinary" // 一般损失: below 5 million yuan
	LossLarger   LossTier = "larger"   // 较大损失: 5 million to below 50 million
	LossMajor    LossTier = "major"    // 重大损失: 50 million or more
)

// ClassifyLoss returns the tier of a loss in yuan (SASAC order no. 46): below
// 5,000,000 ordinary, from 5,000,000 to below 50,000,000 larger, from
// 50,000,000 major. A negative loss, or one with more than 40 digits or an
// exponent beyond ±30, is a *FieldError matching ErrInvalidLoss.
func ClassifyLoss(loss decimal.Decimal) (LossTier, error) {
	switch {
	case !saneDecimal(loss):
		return "", &FieldError{Field: "loss", Err: errorf(ErrInvalidLoss, "loss out of range (at most %d digits, exponent within ±%d)", maxDigits, maxExponent)}
	case loss.IsNegative():
		return "", &FieldError{Field: "loss", Err: errorf(ErrInvalidLoss, "loss %s is negative", loss)}
	case loss.LessThan(decimal.New(5, 6)):
		return LossOrdinary, nil
	case loss.LessThan(decimal.New(5, 7)):
		return LossLarger, nil
	}
	return LossMajor, nil
}
