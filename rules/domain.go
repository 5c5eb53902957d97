package rules

import (
	"context"
	"time"

	"github.com/guantong/guantong/clue"
)

// Size bounds of the domain's lists, used by the load-time cost estimate. They are generous
// for real cases; an input beyond them is still evaluated safely under the runtime limit.
const (
	maxSubjectsPerClue = 200
	maxListPerClue     = 1000
)

// ClueSubject is the subject "clue": a [clue.Clue], with size bounds for its lists.
func ClueSubject() Subject {
	return MustSubject[clue.Clue]("clue",
		SizeBound("clue.subjects", maxSubjectsPerClue),
		SizeBound("clue.evidence", maxListPerClue),
		SizeBound("clue.reporters", maxListPerClue),
		SizeBound("clue.feedback", maxListPerClue),
		SizeBound("clue.evaluations", maxListPerClue),
		SizeBound("clue.obligations", maxListPerClue),
		SizeBound("clue.merged", maxListPerClue),
		SizeBound("clue.reminders", maxListPerClue),
		SizeBound("clue.returns", maxListPerClue),
		SizeBound("clue.notices", maxListPerClue),
		SizeBound("clue.past_disposals", maxListPerClue),
	)
}

// DomainSubjects returns the subjects of guantong's domain packages, for [WithSubjects].
func DomainSubjects() []Subject {
	return []Subject{ClueSubject(), RectificationSubject(), MeetingSubject(), MeetingSeriesSubject(), SanctionSubject()}
}

// ClueObligations adapts a bundle to [clue.ObligationPolicy]: a lifecycle step asks it for
// the duties that apply to the clue at the step's instant, and records the new ones with
// their policy id and bundle version. An evaluation error in any clue policy's obligations
// fails the step (a deadline is never silently missing); the policies' validations are not
// evaluated (Check judges them).
func ClueObligations(b *Bundle) clue.ObligationPolicy {
	return clue.PolicyFunc(func(ctx context.Context, c *clue.Clue, at time.Time) ([]clue.Obligation, error) {
		d, err := b.decide(ctx, c, at, "clue obligations", ObligationsOnly())
		if err != nil {
			return nil, err
		}
		out := make([]clue.Obligation, 0, len(d.Obligations))
		for _, o := range d.Obligations {
			out = append(out, clue.Obligation{
				Kind:          clue.ObligationKind(o.Kind),
				Due:           o.Due,
				PolicyID:      o.PolicyID,
				BundleVersion: o.BundleVersion,
				Calendar:      o.Calendar,
				Certainty:     o.Certainty,
				PendingYear:   o.PendingYear,
			})
		}
		return out, nil
	})
}
