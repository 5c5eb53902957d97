package rectification_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
)

func guardOf(t *testing.T, err error) rectification.Guard {
	t.Helper()
	var ge *rectification.GuardError
	require.ErrorAs(t, err, &ge)
	return ge.Guard
}

func fieldOf(t *testing.T, err error) string {
	t.Helper()
	var fe *rectification.FieldError
	require.ErrorAs(t, err, &fe)
	return fe.Field
}

// A rejection supersedes the evidence of its round: claiming again with the
// rejected evidence is paper rectification (纸面整改), refused by the claim and
// by replay alike; only evidence submitted after the rejection is verified.
func TestRejectedEvidenceDoesNotCount(t *testing.T) {
	rc := claimed(t, newSeedPolicy(t))
	rc.do(rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Reason: "台账未更新", Verifier: &tCheck})
	p := rc.r.Problem(tPID)
	require.Len(t, p.Evidence, 1)
	assert.True(t, p.Evidence[0].Superseded, "the rejected round's evidence")

	claim := rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 5, 7, 9, 0), ProblemID: tPID}
	_, err := rc.r.Do(ctx, claim, rc.p)
	assert.ErrorIs(t, err, rectification.ErrGuard)
	assert.Equal(t, rectification.GuardEvidencePresent, guardOf(t, err))

	// A recorded claim without new evidence does not replay either.
	forged := rectification.Event{RectificationID: rc.r.ID, Seq: rc.r.Seq + 1, From: rectification.StateInProgress, To: rectification.StateClaimed, Command: claim}
	_, err = rectification.Replay(append(append([]rectification.Event(nil), rc.events...), forged))
	assert.Equal(t, rectification.GuardEvidencePresent, guardOf(t, err))

	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 5, 7, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "更新后的资产台账", Hash: hash("ledger"), By: tOwner}})
	rc.do(claim)
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 8, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	p = rc.r.Problem(tPID)
	assert.True(t, p.Evidence[0].VerifiedAt.IsZero(), "rejected evidence is never verified")
	assert.Equal(t, at(2026, 5, 8, 10, 0), p.Evidence[1].VerifiedAt)
	assert.Equal(t, tCheck, p.Evidence[1].VerifiedBy)
	l := rectification.Lists([]*rectification.Rectification{rc.r}, rectification.Scope{}, at(2026, 5, 9, 9, 0))
	require.Len(t, l.Results, 1)
	assert.Equal(t, 1, l.Results[0].Evidence, "only the verified round counts")
	requireReplays(t, rc.r, rc.events)
}

// Evidence names its submitter, and the verifier is none of the submitters
// (of any round), none of the claimants and not of the recipient unit.
func TestVerifierIndependence(t *testing.T) {
	ev := func(by clue.Person) rectification.Command {
		return rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 5, 6, 9, 0), ProblemID: tPID,
			Evidence: &rectification.Evidence{Summary: "照片", Hash: hash("photo"), By: by}}
	}
	for _, tc := range []struct {
		name string
		by   clue.Person
	}{
		{"no submitter", clue.Person{}},
		{"submitter without id", clue.Person{Name: "钱某"}},
		{"submitter without name", clue.Person{ID: id("person/x")}},
	} {
		rc := claimed(t, nil)
		_, err := rc.r.Do(ctx, ev(tc.by), nil)
		assert.ErrorIs(t, err, rectification.ErrInvalid, tc.name)
		assert.Equal(t, rectification.GuardEvidenceValid, guardOf(t, err), tc.name)
		assert.Equal(t, "evidence.by", fieldOf(t, err), tc.name)
	}

	signOff := func(v clue.Person) rectification.Command {
		return rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 8, 9, 0), ProblemID: tPID, Verifier: &v}
	}
	inUnit := clue.Person{ID: id("person/unit-auditor"), Name: "郑某", Organization: tUnit.Name}
	claimant := clue.Person{ID: id("person/claimant"), Name: "冯某", Organization: "某市纪委监委"}
	earlier := clue.Person{ID: id("person/earlier"), Name: "陈某", Organization: "某市纪委监委"}
	for _, tc := range []struct {
		name     string
		setup    func(rc *recorder)
		verifier clue.Person
		field    string
	}{
		{"verifier of the recipient unit", func(*recorder) {}, inUnit, "verifier.organization"},
		{"verifier made the claim", func(rc *recorder) {
			rc.do(rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Reason: "补充材料"})
			rc.do(ev(tOwner))
			rc.do(rectification.Command{Step: rectification.StepClaim, Actor: clue.Actor{Agency: tUnit.ID, Person: claimant.Name}, At: at(2026, 5, 7, 9, 0), ProblemID: tPID})
		}, claimant, "verifier"},
		{"verifier submitted evidence of a rejected round", func(rc *recorder) {
			rc.do(ev(earlier))
			rc.do(rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Reason: "补充材料"})
			rc.do(ev(tOwner))
			rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 5, 7, 9, 0), ProblemID: tPID})
		}, earlier, "verifier"},
	} {
		rc := claimed(t, nil)
		tc.setup(rc)
		_, err := rc.r.Do(ctx, signOff(tc.verifier), nil)
		assert.Equal(t, rectification.GuardVerifierIndependent, guardOf(t, err), tc.name)
		assert.Equal(t, tc.field, fieldOf(t, err), tc.name)
		assert.Equal(t, rectification.StateClaimed, rc.r.Problem(tPID).State, tc.name)
	}
	rc := claimed(t, nil)
	rc.do(signOff(tCheck))
	assert.Equal(t, rectification.StateSignedOff, rc.r.Problem(tPID).State, "an independent verifier")
}

// A step carrying data it does not use is refused, naming the field, on Do
// and on replay.
func TestUnusedFields(t *testing.T) {
	survey := &rectification.Survey{At: at(2026, 5, 1, 9, 0), Responses: 10, Satisfied: 9}
	for _, tc := range []struct {
		name  string
		cmd   rectification.Command
		field string
	}{
		{"sign-off with survey, reply and campaign", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: tPID, Verifier: &tCheck,
			Survey: survey, Reply: "回复", Campaign: id("campaign")}, "campaign"},
		{"sign-off with a survey", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: tPID, Verifier: &tCheck, Survey: survey}, "survey"},
		{"sign-off with a reply", rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), ProblemID: tPID, Verifier: &tCheck, Reply: "回复"}, "reply"},
		{"reject with a review", rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), ProblemID: tPID, Reason: "r",
			Review: &rectification.Review{Finding: rectification.FindingHolds}}, "review"},
		{"evidence with an outcome", rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), ProblemID: tPID, Outcome: "完成",
			Evidence: &rectification.Evidence{Summary: "s", Hash: hash("s"), By: tOwner}}, "outcome"},
		{"evidence with a task id", rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), ProblemID: tPID, TaskID: tTask,
			Evidence: &rectification.Evidence{Summary: "s", Hash: hash("s"), By: tOwner}}, "task_id"},
		{"reply with a verifier", rectification.Command{Step: rectification.StepReply, Actor: actor(tUnit), Reply: "回复", Verifier: &tCheck}, "verifier"},
		{"survey with a problem", rectification.Command{Step: rectification.StepSurvey, Actor: actor(tCW), Survey: survey,
			Problem: &rectification.Problem{Description: "x"}}, "problem"},
		{"education with a recommendation", rectification.Command{Step: rectification.StepEducation, Actor: actor(tUnit),
			Education: &rectification.Education{Title: "e", At: at(2026, 5, 1, 9, 0), Audience: 1, Reached: 1}, Recommendation: &rectification.Recommendation{}}, "recommendation"},
	} {
		rc := claimed(t, nil)
		before := rc.r.Clone()
		tc.cmd.At = at(2026, 5, 6, 9, 0)
		_, err := rc.r.Do(ctx, tc.cmd, nil)
		assert.ErrorIs(t, err, rectification.ErrInvalid, tc.name)
		assert.Equal(t, tc.field, fieldOf(t, err), tc.name)
		assert.Equal(t, before, rc.r, tc.name)
	}
	// Replay checks it too.
	rc := claimed(t, nil)
	evs := append([]rectification.Event(nil), rc.events...)
	evs[len(evs)-1].Survey = survey
	_, err := rectification.Replay(evs)
	assert.Equal(t, "survey", fieldOf(t, err))
}

// A task a joint meeting assigned to a third party (the finance bureau, in a
// rectification addressed to the agriculture bureau) is completed by that
// party; the recipient may record it too; nobody else may.
func TestThirdPartyTask(t *testing.T) {
	finance := agency("某市财政局", clue.KindFinance)
	stranger := agency("某市住建局", clue.KindLineDepartment)
	rc := claimed(t, nil)
	rc.do(rectification.Command{Step: rectification.StepReject, Actor: actor(tCW), At: at(2026, 5, 6, 9, 0), ProblemID: tPID, Reason: "资金未追回"})
	fin, own := id("t-finance"), id("t-own")
	rc.do(rectification.AssignTask(actor(tCW), at(2026, 5, 6, 10, 0), tPID, rectification.Task{ID: fin, Measure: "追回违规拨付资金",
		ResponsibleUnit: finance, ResponsiblePerson: person("褚某", "某市财政局")}))
	rc.do(rectification.AssignTask(actor(tCW), at(2026, 5, 6, 10, 0), tPID, rectification.Task{ID: own, Measure: "修订资金拨付流程",
		ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}))
	done := func(a clue.Agency, task uuid.UUID) rectification.Command {
		return rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(a), At: at(2026, 5, 20, 9, 0), ProblemID: tPID, TaskID: task, Outcome: "已完成"}
	}
	for _, tc := range []struct {
		name  string
		actor clue.Agency
		task  uuid.UUID
	}{
		{"a stranger", stranger, fin},
		{"the finance bureau on the recipient's own task", finance, own},
		{"the issuer", tCW, fin},
	} {
		_, err := rc.r.Do(ctx, done(tc.actor, tc.task), nil)
		assert.Equal(t, rectification.GuardActorIsResponsible, guardOf(t, err), tc.name)
		assert.Equal(t, "actor.agency", fieldOf(t, err), tc.name)
	}
	rc.do(done(finance, fin))
	rc.do(done(tUnit, own))
	p := rc.r.Problem(tPID)
	assert.Equal(t, at(2026, 5, 20, 9, 0), p.Tasks[1].DoneAt)
	assert.Equal(t, "已完成", p.Tasks[1].Outcome)
	requireReplays(t, rc.r, rc.events)
}

// After a relapse the earlier tasks keep their completion and, in the
// measure list, the due of their round; the problem needs a new measure.
func TestRelapseMeasures(t *testing.T) {
	rc := issue(t, newSeedPolicy(t), id("r-relapse"), rectification.Command{Actor: actor(tCW), At: at(2026, 3, 2, 10, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindDisciplineInspection, Issuer: tCW, Recipient: tUnit,
			IssuedAt: at(2026, 3, 2, 10, 0), Deadline: endOf(2026, 6, 30), ReplyDue: endOf(2026, 4, 1)}})
	rc.do(rectification.OpenProblem(actor(tCW), at(2026, 3, 2, 11, 0), rectification.Problem{ID: tPID, Number: "GX-01", Description: "资产出租未公开",
		Key: true, Severity: rectification.SeveritySerious, Source: rectification.Source{Kind: rectification.SourceAudit}}))
	rc.do(rectification.AssignTask(actor(tUnit), at(2026, 3, 3, 9, 0), tPID, rectification.Task{ID: tTask, Measure: "清理出租合同", ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}))
	rc.do(rectification.Command{Step: rectification.StepStart, Actor: actor(tUnit), At: at(2026, 3, 3, 9, 0), ProblemID: tPID})
	rc.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(tUnit), At: at(2026, 4, 30, 9, 0), ProblemID: tPID, TaskID: tTask})
	rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(tUnit), At: at(2026, 4, 30, 9, 0), ProblemID: tPID,
		Evidence: &rectification.Evidence{Summary: "合同清理台账", Hash: hash("contracts"), By: tOwner}})
	rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 4, 30, 10, 0), ProblemID: tPID})
	rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 8, 10, 0), ProblemID: tPID, Verifier: &tCheck})
	rc.do(rectification.Command{Step: rectification.StepLookBack, Actor: actor(tCW), At: at(2026, 11, 2, 9, 0), ProblemID: tPID,
		Review: &rectification.Review{Finding: rectification.FindingRelapsed, NewDue: endOf(2026, 12, 31), Reviewer: tCheck}})

	p := rc.r.Problem(tPID)
	assert.Equal(t, at(2026, 4, 30, 9, 0), p.Tasks[0].DoneAt, "the old task keeps its completion")
	l := rectification.Lists([]*rectification.Rectification{rc.r}, rectification.Scope{}, at(2026, 11, 3, 9, 0))
	require.Len(t, l.Measures, 1)
	assert.Equal(t, endOf(2026, 6, 30), l.Measures[0].Due, "the first round's due, not the relapse's")
	assert.Equal(t, endOf(2026, 12, 31), l.KeyProblems[0].Due)

	_, err := rc.r.Do(ctx, rectification.Command{Step: rectification.StepClaim, Actor: actor(tUnit), At: at(2026, 11, 3, 9, 0), ProblemID: tPID}, rc.p)
	assert.Equal(t, rectification.GuardNewMeasure, guardOf(t, err))
	assert.Equal(t, "tasks", fieldOf(t, err))
	// A task of the first round is not answered by setting its round.
	_, err = rc.r.Do(ctx, rectification.AssignTask(actor(tUnit), at(2026, 11, 3, 9, 0), tPID, rectification.Task{ID: id("t-forged"), Measure: "m",
		ResponsibleUnit: tUnit, ResponsiblePerson: tOwner, Round: 1}), rc.p)
	assert.Equal(t, "task.round", fieldOf(t, err))

	rc.do(rectification.AssignTask(actor(tUnit), at(2026, 11, 3, 9, 0), tPID, rectification.Task{ID: id("t2"), Measure: "出租资产一律公开招租", ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}))
	l = rectification.Lists([]*rectification.Rectification{rc.r}, rectification.Scope{}, at(2026, 11, 3, 9, 0))
	require.Len(t, l.Measures, 2)
	assert.Equal(t, endOf(2026, 6, 30), l.Measures[0].Due)
	assert.Equal(t, 0, l.Measures[0].Round)
	assert.Equal(t, endOf(2026, 12, 31), l.Measures[1].Due, "the new measure takes the new due")
	assert.Equal(t, 1, l.Measures[1].Round)
	requireReplays(t, rc.r, rc.events)
}

// ResultsSince trims the results list to a period; the metrics are not trimmed.
func TestListsResultsSince(t *testing.T) {
	rc := ningde(t, nil)
	rs := []*rectification.Rectification{rc.r}
	now := at(2026, 6, 30, 12, 0)
	all := rectification.Lists(rs, rectification.Scope{}, now)
	require.Len(t, all.Results, 45+15)
	// Problems 43–45 were signed off on 6/2; the 15 institutions are of 6/3.
	since := rectification.Lists(rs, rectification.Scope{ResultsSince: at(2026, 6, 1, 0, 0)}, now)
	assert.Len(t, since.Results, 3+15)
	assert.Equal(t, "ND-43", since.Results[0].Number)
	assert.Equal(t, all.Metrics, since.Metrics)
	assert.Equal(t, all.Measures, since.Measures)
}

// Replay indexes problems and tasks by id and still refuses duplicates and
// unknown ids.
func TestReplayIndex(t *testing.T) {
	rc := claimed(t, nil)
	last := rc.events[len(rc.events)-1]
	next := func(cmd rectification.Command, from, to rectification.State) rectification.Event {
		cmd.At = at(2026, 5, 6, 9, 0)
		return rectification.Event{RectificationID: last.RectificationID, Seq: last.Seq + 1, From: from, To: to, Command: cmd}
	}
	// In place of the claim, a task with an id already used.
	dup := next(rectification.AssignTask(actor(tUnit), time.Time{}, tPID, rectification.Task{ID: tTask, Measure: "重复",
		ResponsibleUnit: tUnit, ResponsiblePerson: tOwner}), rectification.StateInProgress, rectification.StateInProgress)
	dup.Seq = last.Seq
	_, err := rectification.Replay(append(append([]rectification.Event(nil), rc.events[:len(rc.events)-1]...), dup))
	assert.Equal(t, "task.id", fieldOf(t, err), "a task id already used")

	again := next(rectification.OpenProblem(actor(tCW), time.Time{}, rectification.Problem{ID: tPID, Description: "重复",
		Severity: rectification.SeverityGeneral, Source: rectification.Source{Kind: rectification.SourceTour}}), rectification.StateNone, rectification.StateOpen)
	_, err = rectification.Replay(append(append([]rectification.Event(nil), rc.events...), again))
	assert.Equal(t, "problem_id", fieldOf(t, err), "a problem listed twice")

	unknown := next(rectification.Command{Step: rectification.StepStart, Actor: actor(tUnit), ProblemID: id("nope")}, rectification.StateOpen, rectification.StateInProgress)
	_, err = rectification.Replay(append(append([]rectification.Event(nil), rc.events...), unknown))
	assert.ErrorIs(t, err, rectification.ErrUnknownProblem)

	r, err := rectification.Replay(rc.events)
	require.NoError(t, err)
	assert.Equal(t, rc.r, r, "the value replayed carries no index")
}
