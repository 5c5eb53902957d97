package domain

import (
	"fmt"
	"math"

	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/sanction"
)

// Names of the outputs of the sanction subject, computed by the sanction policies for each
// proposal.
const (
	// SanctionGroupKey (string): proposals of one person with equal keys are about the same
	// matter and are merged (能合并处理的则合并).
	SanctionGroupKey = "group_key"
	// SanctionClass (string): within a group, measures of the same class are comparable and
	// resolve to the heaviest once (从重但不重复); different classes stand together.
	SanctionClass = "class"
	// SanctionSeverity (int): the rank of the measure across the agencies' standards, higher
	// is heavier; compared within a class only.
	SanctionSeverity = "severity"
	// SanctionDeductionUnit (string) and SanctionDeductionWeight (decimal): the
	// pay-deduction rule's weight of a 扣减薪酬 proposal; weights compare only within one
	// unit.
	SanctionDeductionUnit   = "deduction_unit"
	SanctionDeductionWeight = "deduction_weight"
)

// SanctionSubject is the subject "sanction": one [sanction.Proposal] (a measure an agency
// proposes for a person and a matter), with the outputs group_key, class, severity,
// deduction_unit and deduction_weight that [Sanction] turns into the resolver's assessment.
// uuid fields such as sanction.matter_id are bytes in CEL; uuid(...) gives their canonical
// text.
func SanctionSubject() rules.Subject {
	return rules.MustSubject[sanction.Proposal]("sanction",
		rules.SizeBound("sanction.facts", maxListPerClue),
		rules.SizeBound("sanction.circumstances", maxListPerClue),
		rules.DeclareOutput(SanctionGroupKey, rules.OutputString),
		rules.DeclareOutput(SanctionClass, rules.OutputString),
		rules.DeclareOutput(SanctionSeverity, rules.OutputInt),
		rules.DeclareOutput(SanctionDeductionUnit, rules.OutputString),
		rules.DeclareOutput(SanctionDeductionWeight, rules.OutputDecimal),
	)
}

// Sanction adapts a bundle to [sanction.Policy]: the resolver asks it once per proposal, with
// its context and the decision instant, and the sanction policies in force at that instant
// compute the proposal's group_key, class, severity and, for 扣减薪酬, deduction_unit and
// deduction_weight. Each output must be computed by exactly one applicable policy; a missing
// output ([rules.ErrNoOutput]), two policies computing the same one
// ([rules.ErrOutputConflict]) or an evaluation error fails the resolution with a
// *sanction.PolicyError naming the proposal. The policy is safe for concurrent use.
//
// Resolving proposals is the batch the memo of the rules engine is for: the policy remembers
// each sanction policy's outcome by the proposal fields it reads ([rules.Memo], at most
// rules.DefaultMemoSize outcomes), so that ten thousand proposals of a few dozen measure
// kinds evaluate each policy once per kind; the answers are the same as without it.
//
// The reference policies (rules/policies, directory sanction) reproduce [sanction.National]
// and cite their articles; a jurisdiction changes them without code.
func Sanction(b *rules.Bundle) sanction.Policy {
	return newAdapter(b, "sanction policy", sanctionAnswer, rules.WithMemo(b.NewMemo(0)))
}

func sanctionAnswer(p *sanction.Proposal, d *rules.Decision) (sanction.Assessment, error) {
	var a sanction.Assessment
	str := func(name string) (string, error) {
		o, err := d.Output(name)
		if err != nil {
			return "", err
		}
		return o.Value.(string), nil // typed at compile time
	}
	var err error
	if a.GroupKey, err = str(SanctionGroupKey); err != nil {
		return a, err
	}
	if a.Class, err = str(SanctionClass); err != nil {
		return a, err
	}
	sev, err := d.Output(SanctionSeverity)
	if err != nil {
		return a, err
	}
	n := sev.Value.(int64)
	if n < math.MinInt32 || n > math.MaxInt32 {
		return a, fmt.Errorf("%w: severity %d of policy %s out of range", rules.ErrInvalidValue, n, sev.PolicyID)
	}
	a.Severity = int(n)
	if p.Measure.Kind != sanction.KindPayDeduction {
		return a, nil
	}
	if a.Weight.Unit, err = str(SanctionDeductionUnit); err != nil {
		return a, err
	}
	w, err := d.Output(SanctionDeductionWeight)
	if err != nil {
		return a, err
	}
	a.Weight.Value = w.Value.(decimal.Decimal)
	return a, nil
}
