package rules

import (
	"context"
	"time"

	"github.com/guantong/guantong/rectification"
)

// Size bounds of a rectification subject's lists, for the load-time cost estimate.
const (
	maxTasksPerProblem    = 100
	maxEvidencePerProblem = 200
	maxRoundsPerProblem   = 100 // claims, sign-offs, rejections, reviews
	maxHashLength         = 80  // "sha256:" and 64 hex digits, with room
	maxNameLength         = 200 // a person's name
)

// RectificationSubject is the subject "rectification": a [rectification.Subject], the
// recommendation and, for a step on one problem, that problem as it would stand after the
// step (rectification.recommendation.deadline, rectification.problem.evidence).
func RectificationSubject() Subject {
	return MustSubject[rectification.Subject]("rectification",
		SizeBound("rectification.recommendation.supervisors", maxSubjectsPerClue),
		SizeBound("rectification.problem.tasks", maxTasksPerProblem),
		SizeBound("rectification.problem.evidence", maxEvidencePerProblem),
		SizeBound("rectification.problem.evidence.@items.hash", maxHashLength),
		SizeBound("rectification.problem.claims", maxRoundsPerProblem),
		SizeBound("rectification.problem.sign_offs", maxRoundsPerProblem),
		SizeBound("rectification.problem.rejections", maxRoundsPerProblem),
		SizeBound("rectification.problem.reviews", maxRoundsPerProblem),
		SizeBound("rectification.problem.obligations", maxListPerClue),
		SizeBound("rectification.problem.tasks.@items.responsible_person.name", maxNameLength),
		SizeBound("rectification.problem.evidence.@items.by.name", maxNameLength),
		SizeBound("rectification.problem.sign_offs.@items.verifier.name", maxNameLength),
		// What the sign-off and look-back steps always record.
		Required("rectification.problem.sign_offs.@items.agency", "rectification.problem.sign_offs.@items.at",
			"rectification.problem.reviews.@items.at"),
	)
}

// RectificationPolicy adapts a bundle to [rectification.Policy]: a lifecycle step asks it,
// with the subject as it would stand after the step, for the obligations that apply (recorded
// with their policy id and bundle version) and the validations broken. A violation of
// severity error is Blocking: it refuses the step that caused it. An evaluation error in any
// rectification policy fails the step (a deadline or a sign-off rule is never silently
// skipped).
func RectificationPolicy(b *Bundle) rectification.Policy {
	return rectification.PolicyFunc(func(ctx context.Context, s *rectification.Subject, at time.Time) (rectification.Assessment, error) {
		d, err := b.decide(ctx, s, at, "rectification policy")
		if err != nil {
			return rectification.Assessment{}, err
		}
		var a rectification.Assessment
		if len(d.Obligations) > 0 {
			a.Obligations = make([]rectification.Obligation, 0, len(d.Obligations))
		}
		for _, o := range d.Obligations {
			a.Obligations = append(a.Obligations, rectification.Obligation{
				Kind:          rectification.ObligationKind(o.Kind),
				Due:           o.Due,
				PolicyID:      o.PolicyID,
				BundleVersion: o.BundleVersion,
				Calendar:      o.Calendar,
				Certainty:     o.Certainty,
				PendingYear:   o.PendingYear,
			})
		}
		if len(d.Violations) > 0 {
			a.Violations = make([]rectification.Violation, 0, len(d.Violations))
		}
		for _, v := range d.Violations {
			a.Violations = append(a.Violations, rectification.Violation{
				PolicyID: v.PolicyID,
				Reason:   v.Reason,
				Message:  v.Message,
				Blocking: v.Severity == SeverityError,
			})
		}
		return a, nil
	})
}
