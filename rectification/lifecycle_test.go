package rectification_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

var (
	tCW    = agency("某市纪委监委", clue.KindDisciplineCommission)
	tUnit  = agency("某市供销合作社", clue.KindLineDepartment)
	tOwner = person("钱某", "某市供销合作社")
	tCheck = person("孙某", "某市纪委监委")
	tPID   = id("p1")
	tTask  = id("t1")
)

// claimed returns a rectification with one problem claimed rectified with
// one piece of evidence.
func claimed(t testing.TB, p rectification.Policy) *recorder {
	t.Helper()
	rc := issue(t, p, id("r1"), rectification.Command{Actor: actor(tCW), At: at(2026, 3, 2, 10, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindDisciplineInspection, Issuer: tCW, Recipient: tUnit,
			IssuedAt: at(2026, 3, 2, 10, 0), Deadline: endOf(2026, 6, 30), ReplyDue: endOf(2026, 4, 1)}})
	rc.do(rectification.OpenProblem(actor(tCW), at(2026, 3, 2, 11, 0), rectification.Problem{ID: tPID, Description: "三资管理混乱",
		Field: "供销系统", Severity: rectification.SeveritySerious, Source: rectification.Source{Kind: rectification.SourceClue, Clue: id("clue-1")}}))
	rc.do(rectification.AssignTask(actor(tUnit), at(2026, 3, 3, 9, 0), tPID, rectification.Task{ID: tTask, Measure: "清查资产", ResponsibleUnit: tUnit, ResponsiblePerson: tOwner, Due: endOf(2026, 5, 29)}))
	rc.do(rectification.Command{Step: rectification.StepStart, Actor: actor(tUnit), At: at(2026, 3, 3, 9, 0), ProblemID: tPID})
	rc.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(tUnit), At: at(2026, 4, 30, 9, 0), ProblemID: tPID, TaskID: tTask})
	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 4, 30, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "资产清查报告", Hash: hash("report"), By: tOwner}})
	rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 4, 30, 10, 0), ProblemID: tPID})
	return rc
}

func TestBadInput(t *testing.T) {
	rec := func(f func(*rectification.Recommendation)) *rectification.Recommendation {
		r := &rectification.Recommendation{Kind: rectification.KindSupervision, Issuer: tCW, Recipient: tUnit,
			IssuedAt: at(2026, 3, 2, 10, 0), Deadline: endOf(2026, 6, 30)}
		f(r)
		return r
	}
	t.Run("issue", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			rec   *rectification.Recommendation
			field string
		}{
			{"deadline before the issue date", rec(func(r *rectification.Recommendation) { r.Deadline = endOf(2026, 2, 27) }), "recommendation.deadline"},
			{"reply due before the issue date", rec(func(r *rectification.Recommendation) { r.ReplyDue = endOf(2026, 3, 1) }), "recommendation.reply_due"},
			{"reply due after the deadline", rec(func(r *rectification.Recommendation) { r.ReplyDue = endOf(2026, 7, 1) }), "recommendation.reply_due"},
			{"issued after the issue step", rec(func(r *rectification.Recommendation) { r.IssuedAt = at(2026, 3, 2, 10, 1) }), "recommendation.issued_at"},
			{"no deadline", rec(func(r *rectification.Recommendation) { r.Deadline = time.Time{} }), "recommendation.deadline"},
			{"unknown kind", rec(func(r *rectification.Recommendation) { r.Kind = "advice" }), "recommendation.kind"},
			{"recipient is issuer", rec(func(r *rectification.Recommendation) { r.Recipient = tCW }), "recommendation.recipient"},
			{"reply recorded up front", rec(func(r *rectification.Recommendation) { r.RepliedAt = at(2026, 3, 3, 9, 0) }), "recommendation.replied_at"},
			{"recipient as supervisor", rec(func(r *rectification.Recommendation) { r.Supervisors = []clue.Agency{tUnit} }), "recommendation.supervisors[0]"},
		} {
			_, _, err := rectification.Issue(ctx, id("x"), rectification.Command{Actor: actor(tCW), At: at(2026, 3, 2, 10, 0), Recommendation: tc.rec}, nil)
			var ge *rectification.GuardError
			if assert.ErrorAs(t, err, &ge, tc.name) {
				assert.Equal(t, rectification.GuardRecommendationValid, ge.Guard, tc.name)
				var fe *rectification.FieldError
				require.ErrorAs(t, err, &fe, tc.name)
				assert.Equal(t, tc.field, fe.Field, tc.name)
			}
		}
	})

	t.Run("steps", func(t *testing.T) {
		other := person("周某", "某市纪委监委")
		for _, tc := range []struct {
			name  string
			cmd   rectification.Command
			is    error
			guard rectification.Guard
		}{
			{"sign-off by the responsible person", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: tPID, Verifier: &tOwner},
				rectification.ErrGuard, rectification.GuardVerifierIndependent},
			{"sign-off without a verifier", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: tPID},
				rectification.ErrGuard, rectification.GuardVerifierIndependent},
			{"sign-off by the recipient unit", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tUnit), ProblemID: tPID, Verifier: &other},
				rectification.ErrGuard, rectification.GuardActorIsSupervisor},
			{"unknown problem id", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: id("nope"), Verifier: &tCheck},
				rectification.ErrUnknownProblem, ""},
			{"no problem id", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), Verifier: &tCheck},
				rectification.ErrInvalid, ""},
			{"institution for an unknown problem", rectification.Command{Step: rectification.StepInstitution, Actor: actor(tUnit),
				Institution: &rectification.Institution{Title: "资产管理办法", Kind: rectification.InstitutionNew, IssuedAt: at(2026, 5, 1, 9, 0), Problems: []uuid.UUID{tPID, id("nope")}}},
				rectification.ErrUnknownProblem, rectification.GuardInstitutionValid},
			{"accountability for an unknown problem", rectification.Command{Step: rectification.StepAccountability, Actor: actor(tCW),
				Accountability: &rectification.Accountability{Person: clue.Person{Name: "吴某"}, Measure: "诫勉谈话", Problem: id("nope"), DecidedBy: tCW.ID, DecidedAt: at(2026, 5, 1, 9, 0)}},
				rectification.ErrUnknownProblem, rectification.GuardAccountabilityValid},
			{"problem listed twice", rectification.OpenProblem(actor(tCW), time.Time{}, rectification.Problem{ID: tPID, Description: "重复", Severity: rectification.SeverityGeneral, Source: rectification.Source{Kind: rectification.SourceTour}}),
				rectification.ErrInvalid, ""},
			{"claim again", rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), ProblemID: tPID},
				rectification.ErrIllegalStep, ""},
			{"rejection without a reason", rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), ProblemID: tPID},
				rectification.ErrGuard, rectification.GuardReasonGiven},
			{"evidence without a hash", rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), ProblemID: tPID, Evidence: &rectification.Evidence{Summary: "说明", Hash: "sha256:XYZ"}},
				rectification.ErrInvalid, rectification.GuardEvidenceValid},
			{"survey with more satisfied than responses", rectification.Command{Step: rectification.StepSurvey, Actor: actor(tCW), Survey: &rectification.Survey{At: at(2026, 5, 1, 9, 0), Responses: 10, Satisfied: 11}},
				rectification.ErrInvalid, rectification.GuardSurveyValid},
			{"problem id on a recommendation step", rectification.Command{Step: rectification.StepReply, Actor: actor(tUnit), ProblemID: tPID, Reply: "x"},
				rectification.ErrInvalid, ""},
		} {
			rc := claimed(t, nil)
			before := rc.r.Clone()
			tc.cmd.At = at(2026, 5, 6, 9, 0)
			_, err := rc.r.Do(ctx, tc.cmd, nil)
			require.Error(t, err, tc.name)
			assert.ErrorIs(t, err, tc.is, tc.name)
			assert.True(t, strings.HasPrefix(err.Error(), "rectification: "), tc.name)
			if tc.guard != "" {
				var ge *rectification.GuardError
				if assert.ErrorAs(t, err, &ge, tc.name) {
					assert.Equal(t, tc.guard, ge.Guard, tc.name)
				}
			}
			assert.Equal(t, before, rc.r, "%s: unchanged on error", tc.name)
		}
	})

	t.Run("evidence-less claim and sign-off", func(t *testing.T) {
		rc := issue(t, nil, id("r2"), rectification.Command{Actor: actor(tCW), At: at(2026, 3, 2, 10, 0),
			Recommendation: rec(func(*rectification.Recommendation) {})})
		rc.do(rectification.OpenProblem(actor(tCW), at(2026, 3, 2, 11, 0), rectification.Problem{ID: tPID, Description: "d", Severity: rectification.SeverityGeneral, Source: rectification.Source{Kind: rectification.SourceAudit}}))
		_, err := rc.r.Do(ctx, rectification.Command{Step: rectification.StepStart, Actor: actor(tUnit), At: at(2026, 3, 3, 9, 0), ProblemID: tPID}, nil)
		var ge *rectification.GuardError
		require.ErrorAs(t, err, &ge)
		assert.Equal(t, rectification.GuardHasTask, ge.Guard, "no rectification without a responsible person")
		rc.do(rectification.AssignTask(actor(tUnit), at(2026, 3, 3, 9, 0), tPID, rectification.Task{ID: tTask, Measure: "m", ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}))
		rc.do(rectification.Command{Step: rectification.StepStart, Actor: actor(tUnit), At: at(2026, 3, 3, 9, 0), ProblemID: tPID})
		rc.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(tUnit), At: at(2026, 3, 4, 9, 0), ProblemID: tPID, TaskID: tTask})
		_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 3, 4, 9, 0), ProblemID: tPID}, nil)
		require.ErrorAs(t, err, &ge)
		assert.Equal(t, rectification.GuardEvidencePresent, ge.Guard)
		_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 3, 4, 9, 0), ProblemID: tPID, Verifier: &tCheck}, nil)
		assert.ErrorIs(t, err, rectification.ErrIllegalStep, "a problem never claimed cannot be signed off")
	})
}

// A rejected claim goes back to in_progress; a look-back finds a relapse and
// reopens the problem, keeping all history; old evidence no longer counts.
func TestRejectAndRelapse(t *testing.T) {
	rc := claimed(t, newSeedPolicy(t))
	rc.do(rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Reason: "台账未更新", Verifier: &tCheck})
	p := rc.r.Problem(tPID)
	assert.Equal(t, rectification.StateInProgress, p.State)
	assert.True(t, p.ClaimedAt.IsZero())
	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 5, 7, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "更新后的资产台账", Hash: hash("ledger"), By: tOwner}})
	rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 5, 7, 10, 0), ProblemID: tPID})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 8, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	p = rc.r.Problem(tPID)
	require.Len(t, p.Obligations, 2)
	assert.Equal(t, endOf(2026, 6, 30), p.Obligations[0].Due)
	assert.Equal(t, at(2026, 5, 8, 10, 0), p.Obligations[0].Met)
	assert.Equal(t, endOf(2026, 11, 9), p.Obligations[1].Due, "5/8 + 6 months = 11/8, a Sunday → Monday 11/9")

	_, err := rc.r.Do(ctx, rectification.Command{Step: rectification.StepLookBack, Actor: actor(tCW), At: at(2026, 11, 2, 9, 0), ProblemID: tPID,
		Review: &rectification.Review{Finding: rectification.FindingRelapsed}}, rc.p)
	var ge *rectification.GuardError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, rectification.GuardFindingRelapsed, ge.Guard, "a relapse needs a new deadline")

	rc.do(rectification.Command{Step: rectification.StepLookBack, Actor: actor(tCW), At: at(2026, 11, 2, 9, 0), ProblemID: tPID,
		Review: &rectification.Review{Finding: rectification.FindingRelapsed, Note: "资产出租又未公开", NewDue: endOf(2026, 12, 31), Reviewer: tCheck}})
	p = rc.r.Problem(tPID)
	assert.Equal(t, rectification.StateInProgress, p.State)
	assert.Len(t, p.SignOffs, 1, "history kept")
	assert.Len(t, p.Claims, 2)
	assert.Len(t, p.Rejections, 1)
	assert.Len(t, p.Reviews, 1)
	assert.Equal(t, at(2026, 11, 2, 9, 0), p.Obligations[1].Met, "the look-back is met")
	require.Len(t, p.Obligations, 3, "a new rectification duty with the new deadline")
	assert.Equal(t, endOf(2026, 12, 31), p.Obligations[2].Due)
	assert.Equal(t, endOf(2026, 12, 31), rc.r.DueAt(p))
	for _, v := range p.Evidence {
		assert.True(t, v.Superseded)
	}
	assert.Equal(t, endOf(2026, 6, 30), p.Reviews[0].PreviousDue, "the due of the round the relapse ended")
	// A relapse needs a new measure: the old task's completion does not answer it.
	_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 11, 3, 9, 0), ProblemID: tPID}, rc.p)
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, rectification.GuardNewMeasure, ge.Guard)
	task2 := id("t2")
	rc.do(rectification.AssignTask(actor(tUnit), at(2026, 11, 3, 9, 0), tPID, rectification.Task{ID: task2, Measure: "出租资产一律公开招租", ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}))
	p = rc.r.Problem(tPID)
	assert.Equal(t, 0, p.Tasks[0].Round)
	assert.Equal(t, 1, p.Tasks[1].Round)
	_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 11, 3, 9, 0), ProblemID: tPID}, rc.p)
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, rectification.GuardTasksDone, ge.Guard)
	rc.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(tUnit), At: at(2026, 11, 3, 9, 0), ProblemID: tPID, TaskID: task2})
	// Old evidence does not count for the new round.
	_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 11, 3, 9, 0), ProblemID: tPID}, rc.p)
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, rectification.GuardEvidencePresent, ge.Guard)

	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 11, 20, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "出租资产公开公示", Hash: hash("publicity"), By: tOwner}})
	rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 11, 20, 10, 0), ProblemID: tPID})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 11, 27, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	p = rc.r.Problem(tPID)
	require.Len(t, p.Obligations, 4)
	assert.Equal(t, endOf(2027, 5, 27), p.Obligations[3].Due, "second look-back, from the new sign-off")
	assert.True(t, p.Obligations[3].Provisional(), "2027 is beyond the official calendar data")
	assert.Equal(t, workday.Reported, p.Obligations[3].Certainty, "2027 is reported data (6tail/lunar-go)")
	requireReplays(t, rc.r, rc.events)

	m := rectification.Measure([]*rectification.Rectification{rc.r}, at(2026, 12, 1, 9, 0))
	assert.Equal(t, 1, m.Relapses)
	assert.Equal(t, 1, m.Rejections)
	assert.Equal(t, 1, m.SignedOffOnTime)
}

// Policy rules of severity error refuse the step that causes them, but not
// one whose violation was there before (a deadline already missed).
func TestPolicyRefusal(t *testing.T) {
	var calls int
	p := rectification.PolicyFunc(func(_ context.Context, s *rectification.Subject, now time.Time) (rectification.Assessment, error) {
		calls++
		var a rectification.Assessment
		if s.Problem.State == rectification.StateSignedOff && len(s.Problem.Evidence) < 2 {
			a.Findings = append(a.Findings, rectification.Finding{PolicyID: "local.two-pieces", Reason: "EVIDENCE_TOO_THIN", Blocking: true})
		}
		if !s.Recommendation.ReplyDue.IsZero() && s.Recommendation.RepliedAt.IsZero() && now.After(s.Recommendation.ReplyDue) {
			a.Findings = append(a.Findings, rectification.Finding{PolicyID: "local.reply", Reason: "REPLY_LATE", Blocking: true})
		}
		return a, nil
	})
	rc := claimed(t, p)
	_, err := rc.r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Verifier: &tCheck}, p)
	var re *rectification.RefusedError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, rectification.ErrRefused)
	require.Len(t, re.Findings, 1)
	assert.Equal(t, "EVIDENCE_TOO_THIN", re.Findings[0].Reason)
	assert.Equal(t, tPID, re.Problem)
	assert.Equal(t, rectification.StateClaimed, rc.r.Problem(tPID).State)

	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 5, 6, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "现场照片", Hash: hash("photo"), By: tOwner}})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Verifier: &tCheck})
	// The reply is late (due 4/1) but the late reply itself is not refused.
	rc.do(rectification.Command{Step: rectification.StepReply, Actor: actor(tUnit), At: at(2026, 5, 7, 9, 0), Reply: "整改报告"})
	assert.Positive(t, calls)

	failing := rectification.PolicyFunc(func(context.Context, *rectification.Subject, time.Time) (rectification.Assessment, error) {
		return rectification.Assessment{}, errors.New("boom")
	})
	_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepSurvey, Actor: actor(tCW), At: at(2026, 5, 8, 9, 0), Survey: &rectification.Survey{At: at(2026, 5, 8, 9, 0), Responses: 1, Satisfied: 1}}, failing)
	assert.ErrorIs(t, err, rectification.ErrPolicy)
	bad := rectification.PolicyFunc(func(context.Context, *rectification.Subject, time.Time) (rectification.Assessment, error) {
		return rectification.Assessment{Obligations: []rectification.Obligation{{Kind: "nap", Due: at(2026, 6, 1, 0, 0), PolicyID: "x"}}}, nil
	})
	_, err = rc.r.Do(ctx, rectification.Command{Step: rectification.StepSurvey, Actor: actor(tCW), At: at(2026, 5, 8, 9, 0), Survey: &rectification.Survey{At: at(2026, 5, 8, 9, 0), Responses: 1, Satisfied: 1}}, bad)
	assert.ErrorIs(t, err, rectification.ErrUnknownKind)
	requireReplays(t, rc.r, rc.events)
}

func TestReplayRejectsTampering(t *testing.T) {
	rc := claimed(t, newSeedPolicy(t))
	evs := append([]rectification.Event(nil), rc.events...)
	evs[3].Seq = 9
	_, err := rectification.Replay(evs)
	assert.ErrorIs(t, err, rectification.ErrSequence)

	evs = append([]rectification.Event(nil), rc.events...)
	evs[len(evs)-1].To = rectification.StateSignedOff
	_, err = rectification.Replay(evs)
	assert.ErrorIs(t, err, rectification.ErrSequence)

	evs = append([]rectification.Event(nil), rc.events...)
	evs[1].Obligations = []rectification.Obligation{{Kind: rectification.ObligationReply, Due: at(2026, 1, 1, 0, 0), PolicyID: "x", Problem: tPID}}
	_, err = rectification.Replay(evs)
	assert.ErrorIs(t, err, rectification.ErrPolicy)
}

func TestTransitions(t *testing.T) {
	rows := rectification.Transitions()
	var s []string
	for _, r := range rows {
		s = append(s, r.String())
	}
	assert.Contains(t, s, "problem claimed_rectified --sign_off[actor_is_supervisor evidence_present verifier_independent]--> signed_off meets rectification")
	rows[0].Guards[0] = "tampered"
	assert.Equal(t, rectification.GuardRecommendationValid, rectification.Transitions()[0].Guards[0], "a copy")
}
