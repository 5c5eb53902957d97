package domain

import (
	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules"
)

// Size bounds of the domain's lists, used by the load-time cost estimate. They are generous
// for real cases; an input beyond them is still evaluated safely under the runtime limit.
const (
	maxSubjectsPerClue = 200
	maxListPerClue     = 1000
)

// ClueSubject is the subject "clue": a [clue.Clue], with size bounds for its lists.
func ClueSubject() rules.Subject {
	return rules.MustSubject[clue.Clue]("clue",
		rules.SizeBound("clue.subjects", maxSubjectsPerClue),
		rules.SizeBound("clue.evidence", maxListPerClue),
		rules.SizeBound("clue.reporters", maxListPerClue),
		rules.SizeBound("clue.feedback", maxListPerClue),
		rules.SizeBound("clue.evaluations", maxListPerClue),
		rules.SizeBound("clue.obligations", maxListPerClue),
		rules.SizeBound("clue.merged", maxListPerClue),
		rules.SizeBound("clue.reminders", maxListPerClue),
		rules.SizeBound("clue.returns", maxListPerClue),
		rules.SizeBound("clue.notices", maxListPerClue),
		rules.SizeBound("clue.past_disposals", maxListPerClue),
		// Reporter identity and investigation detail are never quoted in words.
		rules.Confidential("clue.reporters", "clue.investigation_detail"),
	)
}

// Clue adapts a bundle to [clue.Policy]: a lifecycle step asks it for the duties that apply
// to the clue at the step's instant, and records the new ones with their policy id, bundle
// version and calendar. Only the clue policies' obligations are evaluated (a step records
// duties; a clue's compliance is a [rules.Bundle.Check]), so the Assessment has no findings.
// An evaluation error in any clue policy's obligations fails the step: a deadline is never
// silently missing. The policy is safe for concurrent use.
// A refix asks only the policies whose dues it counts again (clue.FocusedPolicy).
func Clue(b *rules.Bundle) clue.FocusedPolicy {
	return newAdapter(b, "clue obligations", func(_ *clue.Clue, d *rules.Decision) (clue.Assessment, error) {
		return clue.Assessment{Obligations: obligations(d, func(o *rules.Obligation) clue.Obligation {
			return clue.Obligation{Kind: clue.ObligationKind(o.Kind), Due: o.Due, PolicyID: o.PolicyID,
				BundleVersion: o.BundleVersion, Calendar: o.Calendar, Certainty: o.Certainty, PendingYear: o.PendingYear}
		})}, nil
	}, rules.ObligationsOnly())
}
