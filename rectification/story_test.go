package rectification_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
)

var (
	ndTour   = agency("宁德市委巡察办", clue.KindInspectionTour)
	ndCDPF   = agency("宁德市残联党组", clue.KindLineDepartment)
	ndGroup  = agency("驻宁德市人社局纪检监察组", clue.KindStationedGroup)
	ndLi     = person("李某", "驻宁德市人社局纪检监察组") // verifier
	ndFields = []string{"项目资金管理", "廉政风险防控", "补助签批"}
)

// ningde drives seed 001 (宁德): the municipal tour's feedback to the
// disabled persons' federation lists 48 problems; the stationed discipline
// group supervises; 45 are rectified and signed off (42 on time, 3 late), 3
// are still being rectified, and 15 rules are built.
func ningde(t testing.TB, p rectification.Policy) *recorder {
	rc := issue(t, p, id("ningde"), rectification.Command{
		Actor: actor(ndTour), At: at(2026, 3, 2, 10, 0), Reason: "巡察反馈",
		Recommendation: &rectification.Recommendation{
			Kind: rectification.KindTourFeedback, Number: "宁巡反〔2026〕5号",
			Issuer: ndTour, Recipient: ndCDPF, Supervisors: []clue.Agency{ndGroup},
			IssuedAt: at(2026, 3, 2, 10, 0), Deadline: endOf(2026, 5, 29), ReplyDue: endOf(2026, 3, 31),
		},
	})
	for i := range 48 {
		pid := id(fmt.Sprintf("ningde/problem/%d", i))
		owner := person(fmt.Sprintf("责任人%d", i%4), "宁德市残联")
		rc.do(rectification.OpenProblem(actor(ndTour), at(2026, 3, 3, 10, 0), rectification.Problem{
			ID: pid, Number: fmt.Sprintf("ND-%02d", i+1), Description: fmt.Sprintf("巡察反馈问题%d", i+1),
			Field: ndFields[i%3], Severity: rectification.SeverityGeneral, Key: i < 6, Gap: i < 16,
			Source: rectification.Source{Kind: rectification.SourceTour, Reference: "宁巡反〔2026〕5号"},
		}))
		rc.do(rectification.AssignTask(actor(ndCDPF), at(2026, 3, 3, 10, 0), pid, rectification.Task{
			ID: id(fmt.Sprintf("ningde/task/%d", i)), Measure: "制定廉政风险防控方案并落实", ResponsibleUnit: ndCDPF, ResponsiblePerson: owner,
		}))
		rc.do(rectification.Command{Step: rectification.StepStart, Actor: actor(ndCDPF), At: at(2026, 3, 3, 10, 0), ProblemID: pid})
	}
	for i := range 45 { // 3 are still being rectified
		pid := id(fmt.Sprintf("ningde/problem/%d", i))
		owner := person(fmt.Sprintf("责任人%d", i%4), "宁德市残联")
		done := at(2026, 4, 7, 9, 0).Add(time.Duration(i) * 10 * time.Minute)
		if i >= 42 { // rectified after the deadline
			done = at(2026, 6, 2, 9, 0).Add(time.Duration(i-42) * 10 * time.Minute)
		}
		rc.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: actor(ndCDPF), At: done, ProblemID: pid, TaskID: id(fmt.Sprintf("ningde/task/%d", i))})
		rc.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: actor(ndCDPF), At: done, ProblemID: pid,
			Evidence: &rectification.Evidence{Summary: "重新核实申报材料并归档", Document: "整改报告.pdf", Hash: hash(pid.String()), By: owner}})
		rc.do(rectification.Command{Step: rectification.StepClaim, Actor: actor(ndCDPF), At: done, ProblemID: pid})
		rc.do(rectification.Command{Step: rectification.StepSignOff, Actor: actor(ndGroup), At: done.Add(5 * time.Minute), ProblemID: pid, Verifier: &ndLi, Reason: "实地核查"})
	}
	rc.do(rectification.Command{Step: rectification.StepReply, Actor: actor(ndCDPF), At: at(2026, 6, 2, 16, 0), Reply: "整改情况报告"})
	for i := range 15 {
		rc.do(rectification.Command{Step: rectification.StepInstitution, Actor: actor(ndCDPF), At: at(2026, 6, 3, 9, 0),
			Institution: &rectification.Institution{Title: fmt.Sprintf("制度%d", i+1), Kind: rectification.InstitutionNew,
				Problems: []uuid.UUID{id(fmt.Sprintf("ningde/problem/%d", i))}, IssuedAt: at(2026, 6, 3, 9, 0)}})
	}
	rc.do(rectification.Command{Step: rectification.StepAccountability, Actor: actor(ndGroup), At: at(2026, 6, 3, 10, 0),
		Accountability: &rectification.Accountability{Person: clue.Person{Name: "赵某", Position: "计财科科长"}, Measure: "诫勉谈话",
			Problem: id("ningde/problem/0"), DecidedBy: ndGroup.ID, DecidedAt: at(2026, 6, 3, 10, 0)}})
	rc.do(rectification.Command{Step: rectification.StepEducation, Actor: actor(ndCDPF), At: at(2026, 6, 4, 9, 0),
		Education: &rectification.Education{Title: "以案促改警示教育会", At: at(2026, 6, 4, 9, 0), Audience: 120, Reached: 114}})
	rc.do(rectification.Command{Step: rectification.StepEducation, Actor: actor(ndCDPF), At: at(2026, 6, 5, 9, 0),
		Education: &rectification.Education{Title: "县级残联警示教育", At: at(2026, 6, 5, 9, 0), Audience: 60, Reached: 60}})
	rc.do(rectification.Command{Step: rectification.StepSurvey, Actor: actor(ndGroup), At: at(2026, 6, 10, 9, 0),
		Survey: &rectification.Survey{At: at(2026, 6, 10, 9, 0), Responses: 200, Satisfied: 193}})
	return rc
}

func TestStoryNingde(t *testing.T) {
	rc := ningde(t, newSeedPolicy(t))
	r := rc.r
	now := at(2026, 6, 30, 12, 0)

	m := rectification.Measure([]*rectification.Rectification{r}, now)
	assert.Equal(t, 48, m.Problems)
	assert.Equal(t, 45, m.SignedOff)
	assert.Equal(t, 3, m.InProgress)
	assert.Equal(t, 42, m.SignedOffOnTime)
	assert.Equal(t, 3, m.SignedOffLate)
	assert.Equal(t, 3, m.Overdue)
	assert.Equal(t, 15, m.Institutions)
	ind := m.Indicators()
	assert.Equal(t, "93.75%", ind.Completion.String())           // 45/48
	assert.Equal(t, "87.50%", m.OnTime().String())               // 42/48
	assert.Equal(t, "93.75%", ind.InstitutionSoundness.String()) // 15 of 16 gaps
	assert.Equal(t, "96.67%", ind.EducationCoverage.String())    // 174/180 = 96.666…
	assert.Equal(t, "96.50%", ind.Satisfaction.String())         // 193/200
	pct, ok := ind.Completion.Percent()
	require.True(t, ok)
	assert.Equal(t, "93.75", pct.String())

	// Obligations: the reply (met late: due 3/31, replied 6/2), each
	// problem's rectification due 5/29, and a look-back 6 months after each
	// sign-off: 4/7 + 6 months = 10/7, in the National Day holiday → 10/8.
	require.Len(t, r.Obligations, 1)
	reply := r.Obligations[0]
	assert.Equal(t, rectification.ObligationReply, reply.Kind)
	assert.Equal(t, endOf(2026, 3, 31), reply.Due)
	assert.Equal(t, at(2026, 6, 2, 16, 0), reply.Met)
	assert.False(t, reply.OnTime())
	p0 := r.Problem(id("ningde/problem/0"))
	require.Len(t, p0.Obligations, 2)
	assert.Equal(t, rectification.ObligationRectify, p0.Obligations[0].Kind)
	assert.Equal(t, endOf(2026, 5, 29), p0.Obligations[0].Due)
	assert.True(t, p0.Obligations[0].OnTime())
	assert.Equal(t, "test-bundle-1", p0.Obligations[0].BundleVersion)
	assert.Equal(t, ndCDPF.ID, p0.Obligations[0].Obligor)
	assert.Equal(t, rectification.ObligationLookBack, p0.Obligations[1].Kind)
	assert.Equal(t, endOf(2026, 10, 8), p0.Obligations[1].Due)
	assert.Equal(t, ndTour.ID, p0.Obligations[1].Obligor)
	late := r.Problem(id("ningde/problem/44"))
	assert.False(t, late.Obligations[0].OnTime())
	open := r.Problem(id("ningde/problem/47"))
	assert.True(t, r.Overdue(open, now))
	assert.False(t, r.Overdue(open, at(2026, 5, 29, 23, 0)), "overdue is derived from now")
	assert.Equal(t, ndLi, p0.Evidence[0].VerifiedBy)

	// By field: 16 problems each; the three still open are problems 46–48.
	groups, err := rectification.MeasureBy([]*rectification.Rectification{r}, now, rectification.ByField)
	require.NoError(t, err)
	require.Len(t, groups, 4)
	assert.Equal(t, "", groups[0].Key)
	assert.Equal(t, 174, groups[0].Metrics.EducationReached) // 114 + 60, all in the unclassified group
	assert.Equal(t, 180, groups[0].Metrics.EducationAudience)
	got := map[string][2]int{}
	for _, g := range groups[1:] {
		got[g.Key] = [2]int{g.Metrics.Problems, g.Metrics.SignedOff}
	}
	assert.Equal(t, map[string][2]int{"项目资金管理": {16, 15}, "廉政风险防控": {16, 15}, "补助签批": {16, 15}}, got)

	requireReplays(t, r, rc.events)
}
