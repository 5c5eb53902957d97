package domain

import (
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules"
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
func RectificationSubject() rules.Subject {
	return rules.MustSubject[rectification.Subject]("rectification",
		rules.SizeBound("rectification.recommendation.supervisors", maxSubjectsPerClue),
		rules.SizeBound("rectification.problem.tasks", maxTasksPerProblem),
		rules.SizeBound("rectification.problem.evidence", maxEvidencePerProblem),
		rules.SizeBound("rectification.problem.evidence.@items.hash", maxHashLength),
		rules.SizeBound("rectification.problem.claims", maxRoundsPerProblem),
		rules.SizeBound("rectification.problem.sign_offs", maxRoundsPerProblem),
		rules.SizeBound("rectification.problem.rejections", maxRoundsPerProblem),
		rules.SizeBound("rectification.problem.reviews", maxRoundsPerProblem),
		rules.SizeBound("rectification.problem.obligations", maxListPerClue),
		rules.SizeBound("rectification.problem.tasks.@items.responsible_person.name", maxNameLength),
		rules.SizeBound("rectification.problem.evidence.@items.by.name", maxNameLength),
		rules.SizeBound("rectification.problem.sign_offs.@items.verifier.name", maxNameLength),
		// What the sign-off and look-back steps always record.
		rules.Required("rectification.problem.sign_offs.@items.agency", "rectification.problem.sign_offs.@items.at",
			"rectification.problem.reviews.@items.at"),
	)
}

// Rectification adapts a bundle to [rectification.Policy]: a lifecycle step asks it, with
// the subject as it would stand after the step, for the obligations that apply (recorded with
// their policy id, bundle version and calendar) and the rules broken. A finding of severity
// error is Blocking: it refuses the step that caused it. An evaluation error in any
// rectification policy fails the step (a deadline or a sign-off rule is never silently
// skipped). The policy is safe for concurrent use.
// A refix asks only the policies whose dues it counts again (rectification.FocusedPolicy).
func Rectification(b *rules.Bundle) rectification.FocusedPolicy {
	return newAdapter(b, "rectification policy", func(_ *rectification.Subject, d *rules.Decision) (rectification.Assessment, error) {
		return rectification.Assessment{
			Obligations: obligations(d, func(o *rules.Obligation) rectification.Obligation {
				return rectification.Obligation{Kind: rectification.ObligationKind(o.Kind), Due: o.Due, PolicyID: o.PolicyID,
					BundleVersion: o.BundleVersion, Calendar: o.Calendar, Certainty: o.Certainty, PendingYear: o.PendingYear}
			}),
			Findings: findings(d, func(v *rules.Violation) rectification.Finding {
				return rectification.Finding{PolicyID: v.PolicyID, Reason: v.Reason, Severity: string(v.Severity),
					Message: v.Message, BundleVersion: d.BundleVersion, Blocking: v.Severity == rules.SeverityError}
			}),
		}, nil
	})
}
