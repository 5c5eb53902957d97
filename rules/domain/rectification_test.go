package domain_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/rulestest"
	"github.com/guantong/guantong/rules/workday"
)

func rectificationBundle(t testing.TB) *rules.Bundle {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.ClueSubject(), domain.RectificationSubject()))
	require.NoError(t, err)
	ps, err := rules.LoadFS(policies.FS(), "rectification")
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	return b
}

func TestRectificationPolicies(t *testing.T) {
	rulestest.Run(t, rectificationBundle(t))
}

// The reference rectification policies drive the lifecycle: deadlines from the
// recommendation's data become obligations with policy id and bundle version,
// the look-back is due 6 months after sign-off, and a rule of severity error
// refuses the step.
func TestRectificationPolicyAdapter(t *testing.T) {
	b := rectificationBundle(t)
	pol := domain.Rectification(b)
	cst := workday.Location()
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, cst) }
	cw := clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("cw")), Kind: clue.KindDisciplineCommission, Name: "郑州市纪委监委"}
	unit := clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("unit")), Kind: clue.KindLineDepartment, Name: "郑州市供销合作社"}
	owner := clue.Person{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("owner")), Name: "钱某"}
	checker := clue.Person{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("checker")), Name: "孙某"}
	rec := rectification.Recommendation{Kind: rectification.KindSupervision, Issuer: cw, Recipient: unit,
		IssuedAt: day(3, 2, 10), Deadline: workday.Date{Year: 2026, Month: 5, Day: 29}.End()}
	ctx := context.Background()

	// A 监察建议 without a reply deadline is refused by the reference policy.
	_, _, err := rectification.Issue(ctx, uuid.New(), rectification.Command{Actor: clue.Actor{Agency: cw.ID}, At: day(3, 2, 10), Recommendation: &rec}, pol)
	var re *rectification.RefusedError
	require.ErrorAs(t, err, &re)
	require.Len(t, re.Findings, 1)
	assert.Equal(t, "REPLY_DUE_MISSING", re.Findings[0].Reason)
	assert.Equal(t, "rectification.recommendation-deadlines", re.Findings[0].PolicyID)

	rec.ReplyDue = workday.Date{Year: 2026, Month: 4, Day: 1}.End()
	r, e, err := rectification.Issue(ctx, uuid.New(), rectification.Command{Actor: clue.Actor{Agency: cw.ID}, At: day(3, 2, 10), Recommendation: &rec}, pol)
	require.NoError(t, err)
	require.Len(t, e.Obligations, 1)
	assert.Equal(t, rectification.ObligationReply, e.Obligations[0].Kind)
	assert.Equal(t, b.Version(), e.Obligations[0].BundleVersion)
	assert.Equal(t, unit.ID, e.Obligations[0].Obligor)

	pid, tid := uuid.New(), uuid.New()
	for _, cmd := range []rectification.Command{
		rectification.OpenProblem(clue.Actor{Agency: cw.ID}, day(3, 2, 11), rectification.Problem{ID: pid, Description: "三资管理混乱", Severity: rectification.SeveritySerious, Source: rectification.Source{Kind: rectification.SourceSupervision}}),
		rectification.AssignTask(clue.Actor{Agency: unit.ID}, day(3, 3, 9), pid, rectification.Task{ID: tid, Measure: "清查资产", ResponsibleUnit: unit, ResponsiblePerson: owner}),
		{Step: rectification.StepStart, Actor: clue.Actor{Agency: unit.ID}, At: day(3, 3, 9), ProblemID: pid},
		{Step: rectification.StepCompleteTask, Actor: clue.Actor{Agency: unit.ID}, At: day(6, 1, 9), ProblemID: pid, TaskID: tid},
		{Step: rectification.StepAddEvidence, Actor: clue.Actor{Agency: unit.ID}, At: day(6, 1, 9), ProblemID: pid,
			Evidence: &rectification.Evidence{Summary: "资产清查报告", Hash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", By: owner}},
		{Step: rectification.StepClaim, Actor: clue.Actor{Agency: unit.ID}, At: day(6, 1, 10), ProblemID: pid},
		// Late (due 5/29): a warning, not a refusal.
		{Step: rectification.StepSignOff, Actor: clue.Actor{Agency: cw.ID}, At: day(6, 2, 10), ProblemID: pid, Verifier: &checker},
	} {
		_, err := r.Do(ctx, cmd, pol)
		require.NoError(t, err, cmd.Step)
	}
	p := r.Problem(pid)
	require.Len(t, p.Obligations, 2)
	assert.Equal(t, "rectification.problem-deadline", p.Obligations[0].PolicyID)
	assert.Equal(t, workday.Date{Year: 2026, Month: 5, Day: 29}.End(), p.Obligations[0].Due)
	assert.False(t, p.Obligations[0].OnTime())
	assert.Equal(t, "rectification.look-back", p.Obligations[1].PolicyID)
	assert.Equal(t, workday.Date{Year: 2026, Month: 12, Day: 2}.End(), p.Obligations[1].Due, "6/2 + 6 months")
	assert.Equal(t, cw.ID, p.Obligations[1].Obligor)

	d, err := b.Check(ctx, &rectification.Subject{Recommendation: r.Recommendation, Problem: *p}, day(6, 2, 11))
	require.NoError(t, err)
	var reasons []string
	for _, v := range d.Violations {
		reasons = append(reasons, v.Reason)
	}
	assert.ElementsMatch(t, []string{"REPLY_LATE", "RECTIFICATION_LATE"}, reasons)
}

func BenchmarkRectificationPolicy(b *testing.B) {
	bundle := rectificationBundle(b)
	pol := domain.Rectification(bundle)
	cst := workday.Location()
	at := time.Date(2026, 5, 20, 10, 0, 0, 0, cst)
	owner, checker := uuid.New(), uuid.New()
	s := &rectification.Subject{
		Recommendation: rectification.Recommendation{Kind: rectification.KindSupervision, IssuedAt: at.AddDate(0, -2, 0), Deadline: at.AddDate(0, 1, 0), ReplyDue: at.AddDate(0, -1, 0), RepliedAt: at.AddDate(0, -1, -2)},
		Problem: rectification.Problem{ID: uuid.New(), State: rectification.StateSignedOff, ClaimedAt: at.Add(-time.Hour), SignedOffAt: at,
			Tasks:    []rectification.Task{{Measure: "m", ResponsiblePerson: clue.Person{ID: owner, Name: "a"}}},
			Evidence: []rectification.Evidence{{Summary: "s", Hash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", By: clue.Person{ID: owner}, VerifiedAt: at}},
			SignOffs: []rectification.SignOff{{At: at, Agency: uuid.New(), Verifier: clue.Person{ID: checker, Name: "b"}}}},
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		a, err := pol.Assess(ctx, s, at)
		if err != nil || len(a.Findings) != 0 {
			b.Fatal(err, a.Findings)
		}
	}
}
