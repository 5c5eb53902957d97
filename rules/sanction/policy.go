package sanction

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Policy is what resolution asks of the rules, once per proposal, with the
// instant whose rules apply: the proposal's grouping key, comparability
// class, severity rank and, for pay deductions, weight. Every domain package
// asks its policies the same question in its own vocabulary (clue.Policy,
// rectification.Policy, meeting.Policy). The rules/domain package
// implements it with CEL policies (domain.Sanction); [Hooks] implements it
// with four Go functions and [National] with national law. A Policy must be
// safe for concurrent use when the Resolver is shared; an Assess error makes
// Resolve fail with a *PolicyError naming the proposal.
type Policy interface {
	Assess(ctx context.Context, p *Proposal, at time.Time) (Assessment, error)
}

// PolicyFunc adapts a function to [Policy].
type PolicyFunc func(ctx context.Context, p *Proposal, at time.Time) (Assessment, error)

// Assess calls f.
func (f PolicyFunc) Assess(ctx context.Context, p *Proposal, at time.Time) (Assessment, error) {
	return f(ctx, p, at)
}

// Hooks is a [Policy] of four pure functions, one per part of the
// assessment; a nil hook is the national rule (the National* function of the
// same name), so the zero Hooks is national law. Hooks must be safe for
// concurrent use when the Resolver is shared. A hook's error makes Resolve
// fail with a *PolicyError naming the proposal and the hook.
type Hooks struct {
	// GroupKey returns the key of the matter a proposal is about: proposals
	// of one person with equal keys are about the same act and are merged
	// (能合并处理的则合并). Proposals of different persons are never merged,
	// whatever the key. Distinct keys are distinct violations when a
	// family's law combines several violations. An empty key is an error.
	GroupKey func(Proposal) (string, error)

	// Class returns the comparability class of a proposal's measure: within
	// one group, measures of the same class are comparable and resolve to
	// the heaviest once (从重但不重复); measures of different classes stand
	// together (政务处分法 art. 17). A class string, rather than a pairwise
	// predicate, keeps comparability an equivalence, which is what makes the
	// result independent of input order. An empty class is an error.
	Class func(Proposal) (string, error)

	// Severity ranks a measure across the agencies' standards: higher is
	// heavier. Only ranks within one class are compared.
	Severity func(Proposal) (int, error)

	// DeductionWeight is the pay-deduction rule (扣减薪酬): the weight by
	// which comparable pay deductions of equal Severity are ranked, the
	// heaviest prevailing. It is called for KindPayDeduction proposals only.
	// Weights compared must have the same Unit (else ErrIncomparable). A
	// jurisdiction caps deductions by returning an error above its cap.
	DeductionWeight func(Proposal) (Weight, error)
}

// hookError is a Hooks function's failure, naming the hook for PolicyError.
type hookError struct {
	hook string
	err  error
}

func (e *hookError) Error() string { return e.hook + ": " + e.err.Error() }
func (e *hookError) Unwrap() error { return e.err }

// Assess implements [Policy]: each hook (or its national rule) once, the
// deduction weight for KindPayDeduction proposals only. at is not used: Go
// hooks are the rules of their build.
func (h Hooks) Assess(ctx context.Context, p *Proposal, _ time.Time) (Assessment, error) {
	var a Assessment
	if err := ctx.Err(); err != nil {
		return a, err
	}
	h = h.withDefaults()
	var err error
	if a.GroupKey, err = h.GroupKey(*p); err != nil {
		return a, &hookError{"group_key", err}
	}
	if a.Class, err = h.Class(*p); err != nil {
		return a, &hookError{"class", err}
	}
	if a.Severity, err = h.Severity(*p); err != nil {
		return a, &hookError{"severity", err}
	}
	if p.Measure.Kind == KindPayDeduction {
		if a.Weight, err = h.DeductionWeight(*p); err != nil {
			return a, &hookError{"deduction_weight", err}
		}
	}
	return a, nil
}

// Assessment is what a policy says about one proposal. Weight is read for
// KindPayDeduction proposals only.
type Assessment struct {
	GroupKey string `json:"group_key"`
	Class    string `json:"class"`
	Severity int    `json:"severity"`
	Weight   Weight `json:"weight,omitzero"`
}

// Weight is the size of a pay deduction as the pay-deduction rule sees it.
type Weight struct {
	Unit  string          `json:"unit"` // "percent" or "yuan" under the national rule
	Value decimal.Decimal `json:"value"`
}

// National returns the policy of national law: Hooks with every hook set to
// the National* functions. The zero Hooks, and a Resolver without a policy,
// behave the same.
func National() Hooks {
	return Hooks{
		GroupKey:        NationalGroupKey,
		Class:           NationalClass,
		Severity:        NationalSeverity,
		DeductionWeight: NationalDeductionWeight,
	}
}

// NationalGroupKey groups by matter: the key is the proposal's Matter ID in
// its canonical text form (the person is always part of the grouping).
// Seed 002 (成都): "针对同一问题线索的处分处理意见……能合并处理的则合并".
func NationalGroupKey(p Proposal) (string, error) {
	return p.Matter.String(), nil
}

// NationalClass returns the comparability class under national law:
//   - "party_sanction" for party sanctions;
//   - "public_sanction" for government sanctions and enterprise sanctions of
//     SOE managers alike: for the same act the supervision organ and the
//     appointing body (or enterprise) must not both sanction (政务处分法
//     art. 16; 国有企业管理人员处分条例);
//   - "organizational_handling" for organizational handling, which stands
//     beside a sanction (政务处分法 art. 17);
//   - the kind itself for the accountability measures (SASAC order no. 46:
//     扣减薪酬, 禁入限制 and 移送 may be imposed alone or together).
//
// Unknown kinds are refused by validation before any hook is called.
func NationalClass(p Proposal) (string, error) {
	switch p.Measure.Kind.Family() {
	case FamilyParty:
		return "party_sanction", nil
	case FamilyGovernment, FamilyEnterprise:
		return "public_sanction", nil
	case FamilyOrganizational:
		return "organizational_handling", nil
	}
	return string(p.Measure.Kind), nil
}

// permanentSeverity ranks a permanent market ban above any ban in months.
const permanentSeverity = 1_000_000

// NationalSeverity ranks by the national grade order: the kind's Grade
// (纪律处分条例 art. 8, 政务处分法 art. 7, 国有企业管理人员处分条例 art. 7, the
// order of organizational handling documented at KindTalkReminder); a market
// ban by its months, a permanent one above all; pay deductions and referrals
// rank 1 (deductions are then ranked by DeductionWeight).
func NationalSeverity(p Proposal) (int, error) {
	m := p.Measure
	switch m.Kind {
	case KindMarketBan:
		if m.Permanent {
			return permanentSeverity, nil
		}
		return m.Months, nil
	case KindPayDeduction, KindReferralDiscipline, KindReferralJudicial:
		return 1, nil
	}
	return m.Kind.Grade(), nil
}

// NationalDeductionWeight is the national pay-deduction rule: the heavier
// deduction prevails (从重但不重复). A percentage weighs as itself (unit
// "percent"); an amount with a Base weighs as the percentage of the base it
// is (rounded to 6 places); an amount without a base weighs as yuan (unit
// "yuan"), comparable only with other amounts. SASAC order no. 46 leaves the
// percentages to each policy, so no cap beyond 100 percent is applied here.
func NationalDeductionWeight(p Proposal) (Weight, error) {
	d := p.Measure.Deduction
	switch {
	case d.Basis == DeductionPercent:
		return Weight{Unit: "percent", Value: d.Value}, nil
	case d.Base.IsPositive():
		return Weight{Unit: "percent", Value: d.Value.Mul(decimal.New(100, 0)).DivRound(d.Base, 6)}, nil
	}
	return Weight{Unit: "yuan", Value: d.Value}, nil
}

func (p Hooks) withDefaults() Hooks {
	if p.GroupKey == nil {
		p.GroupKey = NationalGroupKey
	}
	if p.Class == nil {
		p.Class = NationalClass
	}
	if p.Severity == nil {
		p.Severity = NationalSeverity
	}
	if p.DeductionWeight == nil {
		p.DeductionWeight = NationalDeductionWeight
	}
	return p
}
