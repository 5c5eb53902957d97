package rules

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/sanction"
)

// Outputs of the sanction subject, computed by the sanction policies for each proposal.
const (
	// OutputGroupKey (string): proposals of one person with equal keys are about the same
	// matter and are merged (能合并处理的则合并).
	OutputGroupKey = "group_key"
	// OutputClass (string): within a group, measures of the same class are comparable and
	// resolve to the heaviest once (从重但不重复); different classes stand together.
	OutputClass = "class"
	// OutputSeverity (int): the rank of the measure across the agencies' standards, higher
	// is heavier; compared within a class only.
	OutputSeverity = "severity"
	// OutputDeductionUnit (string) and OutputDeductionWeight (decimal): the pay-deduction
	// rule's weight of a 扣减薪酬 proposal; weights compare only within one unit.
	OutputDeductionUnit   = "deduction_unit"
	OutputDeductionWeight = "deduction_weight"
)

// SanctionSubject is the subject "sanction": one [sanction.Proposal] (a measure an agency
// proposes for a person and a matter), with the outputs group_key, class, severity,
// deduction_unit and deduction_weight that [SanctionPolicy] turns into the resolver's
// policy. uuid fields such as sanction.matter_id are bytes in CEL; uuid(...) gives their
// canonical text.
func SanctionSubject() Subject {
	return MustSubject[sanction.Proposal]("sanction",
		SizeBound("sanction.facts", maxListPerClue),
		SizeBound("sanction.circumstances", maxListPerClue),
		DeclareOutput(OutputGroupKey, OutputString),
		DeclareOutput(OutputClass, OutputString),
		DeclareOutput(OutputSeverity, OutputInt),
		DeclareOutput(OutputDeductionUnit, OutputString),
		DeclareOutput(OutputDeductionWeight, OutputDecimal),
	)
}

// SanctionPolicy adapts a bundle to [sanction.Policy]: the resolver asks it once per proposal
// (through [sanction.Policy.Assess]), and the sanction policies in force at instant at
// compute the proposal's group_key, class, severity and, for 扣减薪酬, deduction_unit and
// deduction_weight. Each output must be computed by exactly one applicable policy; a
// missing output ([ErrNoOutput]), two policies computing the same one ([ErrOutputConflict])
// or an evaluation error fails the resolution with a *sanction.PolicyError naming the
// proposal. ctx bounds every evaluation. The returned policy is safe for concurrent use.
//
// The reference policies (rules/policies, directory sanction) reproduce
// [sanction.National] and cite their articles; a jurisdiction changes them without code.
func SanctionPolicy(ctx context.Context, b *Bundle, at time.Time) sanction.Policy {
	return sanction.Policy{Assess: func(p sanction.Proposal) (sanction.Assessment, error) {
		d, err := b.decide(ctx, &p, at, "sanction policy")
		if err != nil {
			return sanction.Assessment{}, err
		}
		var a sanction.Assessment
		str := func(name string) (string, error) {
			o, err := d.Output(name)
			if err != nil {
				return "", err
			}
			return o.Value.(string), nil // typed at compile time
		}
		if a.GroupKey, err = str(OutputGroupKey); err != nil {
			return a, err
		}
		if a.Class, err = str(OutputClass); err != nil {
			return a, err
		}
		sev, err := d.Output(OutputSeverity)
		if err != nil {
			return a, err
		}
		n := sev.Value.(int64)
		if n < math.MinInt32 || n > math.MaxInt32 {
			return a, fmt.Errorf("%w: severity %d of policy %s out of range", ErrInvalidValue, n, sev.PolicyID)
		}
		a.Severity = int(n)
		if p.Measure.Kind != sanction.KindPayDeduction {
			return a, nil
		}
		if a.Weight.Unit, err = str(OutputDeductionUnit); err != nil {
			return a, err
		}
		w, err := d.Output(OutputDeductionWeight)
		if err != nil {
			return a, err
		}
		a.Weight.Value = w.Value.(decimal.Decimal)
		return a, nil
	}}
}
