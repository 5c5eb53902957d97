package rectification_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
)

func requireProjectReplays(t *testing.T, p *rectification.Project, evs []rectification.ProjectEvent) {
	t.Helper()
	want, err := json.Marshal(p)
	require.NoError(t, err)
	raw, err := json.Marshal(evs)
	require.NoError(t, err)
	var back []rectification.ProjectEvent
	require.NoError(t, json.Unmarshal(raw, &back))
	got, err := rectification.ReplayProject(back)
	require.NoError(t, err)
	js, err := json.Marshal(got)
	require.NoError(t, err)
	require.Equal(t, string(want), string(js))
}

// 郑州 (seed 003): a special supervision of the business environment in the
// four stages 监督检查—问题反馈—整改落实—深化治理, each reporting progress;
// 221 problems found and resolved, 62 mechanisms improved.
func TestStoryZhengzhouStages(t *testing.T) {
	zz := agency("郑州市纪委监委", clue.KindDisciplineCommission)
	office := agency("郑州市纪委监委党风政风监督室", clue.KindSupervisionOffice)
	stages := []string{"监督检查", "问题反馈", "整改落实", "深化治理"}
	plan := &rectification.ProjectPlan{Name: "优化营商环境专项监督", Field: "营商环境", Lead: zz}
	for i, s := range stages {
		sp := rectification.StagePlan{Name: s, Agency: office}
		if i > 0 {
			sp.DependsOn = []string{stages[i-1]}
		}
		plan.Stages = append(plan.Stages, sp)
	}
	p, e, err := rectification.PlanProject(id("zz"), rectification.ProjectCommand{Actor: actor(zz), At: at(2026, 3, 2, 9, 0), Plan: plan})
	require.NoError(t, err)
	evs := []rectification.ProjectEvent{e}
	do := func(cmd rectification.ProjectCommand) error {
		e, err := p.Do(cmd)
		if err == nil {
			evs = append(evs, e)
		}
		return err
	}
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(office), At: at(2026, 3, 2, 10, 0), Stage: "监督检查"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(office), At: at(2026, 3, 16, 10, 0), Stage: "问题反馈"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(office), At: at(2026, 3, 31, 17, 0), Stage: "问题反馈",
		Report: &rectification.ProgressReport{Done: 150, Total: 221, Note: "已反馈150个问题"}}))
	// 问题反馈 cannot close before 监督检查.
	err = do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(office), At: at(2026, 4, 1, 9, 0), Stage: "问题反馈"})
	var de *rectification.DependencyError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, []string{"监督检查"}, de.Waiting)
	assert.ErrorIs(t, err, rectification.ErrStageOrder)

	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(office), At: at(2026, 4, 1, 9, 0), Stage: "监督检查", Outcome: "全面掌握政策落实情况"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(office), At: at(2026, 4, 10, 17, 0), Stage: "问题反馈",
		Report: &rectification.ProgressReport{Done: 221, Total: 221}}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(office), At: at(2026, 4, 10, 17, 0), Stage: "问题反馈"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(office), At: at(2026, 4, 13, 9, 0), Stage: "整改落实"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(office), At: at(2026, 6, 30, 17, 0), Stage: "整改落实",
		Report: &rectification.ProgressReport{Done: 200, Total: 221}}))
	assert.Equal(t, "90.50%", p.Stage("整改落实").Progress().String()) // 200/221 = 90.497…
	assert.Equal(t, "50.00%", p.Progress().String())
	assert.False(t, p.Closed())
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(office), At: at(2026, 7, 31, 17, 0), Stage: "整改落实",
		Report: &rectification.ProgressReport{Done: 221, Total: 221}}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(office), At: at(2026, 7, 31, 17, 0), Stage: "整改落实"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(zz), At: at(2026, 8, 3, 9, 0), Stage: "深化治理"}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(office), At: at(2026, 9, 30, 17, 0), Stage: "深化治理",
		Report: &rectification.ProgressReport{Done: 62, Total: 62, Note: "完善体制机制62项"}}))
	require.NoError(t, do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(office), At: at(2026, 9, 30, 17, 0), Stage: "深化治理"}))
	assert.True(t, p.Closed())
	assert.Equal(t, "100.00%", p.Progress().String())
	assert.Equal(t, at(2026, 4, 10, 17, 0), p.Stage("问题反馈").ClosedAt)
	requireProjectReplays(t, p, evs)
}

// 铁锋 (seed 000): the four-party chain 审计查证—财政核策—行业研判—纪委追责,
// each stage owned by a different agency.
func TestFourPartyChain(t *testing.T) {
	cw := agency("铁锋区纪委监委", clue.KindDisciplineCommission)
	audit := agency("铁锋区审计局", clue.KindAudit)
	fin := agency("铁锋区财政局", clue.KindFinance)
	line := agency("铁锋区农业农村局", clue.KindLineDepartment)
	plan := &rectification.ProjectPlan{Name: "惠民资金专项整治", Lead: cw, Stages: []rectification.StagePlan{
		{Name: "审计查证", Agency: audit},
		{Name: "财政核策", Agency: fin, DependsOn: []string{"审计查证"}},
		{Name: "行业研判", Agency: line, DependsOn: []string{"财政核策"}},
		{Name: "纪委追责", Agency: cw, DependsOn: []string{"审计查证", "行业研判"}},
	}}
	p, _, err := rectification.PlanProject(id("tf"), rectification.ProjectCommand{Actor: actor(cw), At: at(2026, 4, 1, 9, 0), Plan: plan})
	require.NoError(t, err)
	for _, s := range []string{"审计查证", "财政核策", "行业研判", "纪委追责"} {
		require.NoError(t, func() error {
			_, err := p.Do(rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(p.Stage(s).Agency), At: at(2026, 4, 2, 9, 0), Stage: s})
			return err
		}())
	}
	for _, tc := range []struct {
		name string
		cmd  rectification.ProjectCommand
		is   error
	}{
		{"finance cannot close audit's stage", rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(fin), Stage: "审计查证"}, rectification.ErrInvalid},
		{"accountability before the line department's assessment", rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(cw), Stage: "纪委追责"}, rectification.ErrStageOrder},
		{"unknown stage", rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(cw), Stage: "统计核查"}, rectification.ErrInvalid},
		{"progress over 100%", rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(audit), Stage: "审计查证", Report: &rectification.ProgressReport{Done: 3, Total: 2}}, rectification.ErrInvalid},
		{"start twice", rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(audit), Stage: "审计查证"}, rectification.ErrIllegalStep},
		{"plan twice", rectification.ProjectCommand{Step: rectification.StepPlan, Actor: actor(cw), Plan: plan}, rectification.ErrIllegalStep},
	} {
		tc.cmd.At = at(2026, 4, 3, 9, 0)
		_, err := p.Do(tc.cmd)
		assert.ErrorIs(t, err, tc.is, tc.name)
	}
	// The lead closes in order; the commission's stage closes last.
	for _, s := range []string{"审计查证", "财政核策", "行业研判", "纪委追责"} {
		_, err := p.Do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(cw), At: at(2026, 6, 1, 9, 0), Stage: s})
		require.NoError(t, err, s)
	}
	assert.True(t, p.Closed())
}

func TestPlanValidation(t *testing.T) {
	cw := agency("纪委监委", clue.KindDisciplineCommission)
	for _, tc := range []struct {
		name   string
		stages []rectification.StagePlan
		field  string
	}{
		{"no stages", nil, "plan.stages"},
		{"duplicate name", []rectification.StagePlan{{Name: "a", Agency: cw}, {Name: "a", Agency: cw}}, "plan.stages[1].name"},
		{"depends on a later stage (no cycles)", []rectification.StagePlan{{Name: "a", Agency: cw, DependsOn: []string{"b"}}, {Name: "b", Agency: cw}}, "plan.stages[0].depends_on[0]"},
		{"agency without kind", []rectification.StagePlan{{Name: "a", Agency: clue.Agency{ID: id("x")}}}, "plan.stages[0].agency"},
	} {
		_, _, err := rectification.PlanProject(id("p"), rectification.ProjectCommand{Actor: actor(cw), At: at(2026, 4, 1, 9, 0),
			Plan: &rectification.ProjectPlan{Name: "n", Lead: cw, Stages: tc.stages}})
		var fe *rectification.FieldError
		if assert.ErrorAs(t, err, &fe, tc.name) {
			assert.Equal(t, tc.field, fe.Field, tc.name)
		}
	}
}
