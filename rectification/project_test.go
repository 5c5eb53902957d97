package rectification_test

import (
	"encoding/json"
	"testing"
	"time"

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

// 郑州 (seed 003): the business-environment supervision (优化营商环境专项监督) in
// the seed's four stages 明确监督工作重点—全面掌握政策落实情况—深入企业开展走访调研—
// 推动整改落实取得实效, each after the one before and owned by the supervision
// office, the stationed group, the office again (visiting with the line
// department) and the 党风政风 office. The visits reach 400/400 on Friday 6
// March, but cannot close while the stationed group's ledger of the 126
// policies stands at 120/126 (a *DependencyError, the project unchanged); the
// ledger closes on Monday 9 March, the visits on 10 March with 221 problems;
// the last stage reports 190/221 signed off on 29 May (85.97%) and closes on 30
// June with all 221 signed off and 62 mechanisms improved.
func TestStoryZhengzhouStages(t *testing.T) {
	zz := agency("郑州市纪委监委", clue.KindDisciplineCommission)
	office := agency("市纪委监委第三监督检查室", clue.KindSupervisionOffice)
	group := agency("驻市发展改革委纪检监察组", clue.KindStationedGroup)
	style := agency("市纪委监委党风政风监督室", clue.KindSupervisionOffice)
	const (
		focus    = "明确监督工作重点"
		policies = "全面掌握政策落实情况"
		visits   = "深入企业开展走访调研"
		results  = "推动整改落实取得实效"
	)
	plan := &rectification.ProjectPlan{Name: "优化营商环境专项监督", Field: "营商环境", Lead: zz, Stages: []rectification.StagePlan{
		{Name: focus, Agency: office},
		{Name: policies, Agency: group, DependsOn: []string{focus}},
		{Name: visits, Agency: office, DependsOn: []string{policies}},
		{Name: results, Agency: style, DependsOn: []string{visits}},
	}}
	p, e, err := rectification.PlanProject(id("zz"), rectification.ProjectCommand{Actor: actor(zz), At: at(2026, 1, 5, 9, 0), Plan: plan})
	require.NoError(t, err)
	evs := []rectification.ProjectEvent{e}
	do := func(cmd rectification.ProjectCommand) error {
		e, err := p.Do(cmd)
		if err == nil {
			evs = append(evs, e)
		}
		return err
	}
	start := func(stage string, a clue.Agency, t time.Time) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: actor(a), At: t, Stage: stage}
	}
	report := func(stage string, a clue.Agency, t time.Time, done, total int, note string) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepProgress, Actor: actor(a), At: t, Stage: stage,
			Report: &rectification.ProgressReport{Done: done, Total: total, Note: note}}
	}
	closeStage := func(stage string, a clue.Agency, t time.Time, outcome string) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: actor(a), At: t, Stage: stage, Outcome: outcome}
	}
	for _, cmd := range []rectification.ProjectCommand{
		start(focus, office, at(2026, 1, 5, 10, 0)),
		report(focus, office, at(2026, 1, 14, 17, 0), 5, 5, "确定监督重点5个"),
		closeStage(focus, office, at(2026, 1, 16, 17, 0), "印发监督工作方案"),
		start(policies, group, at(2026, 1, 19, 9, 0)),
		report(policies, group, at(2026, 1, 30, 17, 0), 80, 126, "梳理惠企利企政策落实台账"),
		start(visits, office, at(2026, 2, 2, 9, 0)), // starts while the ledger is open
		report(visits, office, at(2026, 2, 13, 17, 0), 180, 400, "室组会同市发展改革委走访企业"),
		report(policies, group, at(2026, 3, 6, 16, 0), 120, 126, "清欠台账6项待核实"),
		report(visits, office, at(2026, 3, 6, 17, 0), 400, 400, "走访企业400家，发现问题221个"),
	} {
		require.NoError(t, do(cmd), "%s %s", cmd.Step, cmd.Stage)
	}
	assert.Equal(t, "25.00%", p.Progress().String())
	assert.Equal(t, "95.24%", p.Stage(policies).Progress().String()) // 120/126 = 95.238…

	// 深入企业开展走访调研 cannot close before 全面掌握政策落实情况.
	seq := p.Seq
	err = do(closeStage(visits, office, at(2026, 3, 6, 17, 30), "形成问题清单221个"))
	var de *rectification.DependencyError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, visits, de.Stage)
	assert.Equal(t, []string{policies}, de.Waiting)
	assert.ErrorIs(t, err, rectification.ErrStageOrder)
	assert.Equal(t, seq, p.Seq)
	assert.Equal(t, rectification.StageActive, p.Stage(visits).State)
	assert.Empty(t, p.Stage(visits).Outcome)

	for _, cmd := range []rectification.ProjectCommand{
		report(policies, group, at(2026, 3, 9, 16, 0), 126, 126, "清欠台账核实完毕"),
		closeStage(policies, group, at(2026, 3, 9, 17, 0), "掌握惠企利企政策126项落实情况"),
		closeStage(visits, office, at(2026, 3, 10, 17, 0), "走访企业400家，形成问题清单221个"),
		start(results, style, at(2026, 3, 11, 9, 0)),
		report(results, style, at(2026, 3, 20, 17, 0), 0, 221, "制发纪检监察建议5份，221个问题逐一反馈"),
		report(results, style, at(2026, 5, 29, 17, 0), 190, 221, "完善体制机制30项"),
	} {
		require.NoError(t, do(cmd), "%s %s", cmd.Step, cmd.Stage)
	}
	assert.Equal(t, "85.97%", p.Stage(results).Progress().String()) // 190/221 = 85.972…
	assert.Equal(t, "75.00%", p.Progress().String())
	assert.False(t, p.Closed())
	for _, cmd := range []rectification.ProjectCommand{
		report(results, style, at(2026, 6, 26, 17, 0), 221, 221, "完善体制机制62项"),
		closeStage(results, style, at(2026, 6, 30, 17, 0), "整改销号221个，完善体制机制62项"),
	} {
		require.NoError(t, do(cmd), "%s %s", cmd.Step, cmd.Stage)
	}
	assert.True(t, p.Closed())
	assert.Equal(t, "100.00%", p.Progress().String())
	for _, tc := range []struct {
		stage           string
		owner           clue.Agency
		started, closed time.Time
		reports         int
	}{
		{focus, office, at(2026, 1, 5, 10, 0), at(2026, 1, 16, 17, 0), 1},
		{policies, group, at(2026, 1, 19, 9, 0), at(2026, 3, 9, 17, 0), 3},
		{visits, office, at(2026, 2, 2, 9, 0), at(2026, 3, 10, 17, 0), 2},
		{results, style, at(2026, 3, 11, 9, 0), at(2026, 6, 30, 17, 0), 3},
	} {
		s := p.Stage(tc.stage)
		require.NotNil(t, s, tc.stage)
		assert.Equal(t, tc.owner.ID, s.Agency.ID, tc.stage)
		assert.Equal(t, rectification.StageClosed, s.State, tc.stage)
		assert.Equal(t, tc.started, s.StartedAt, tc.stage)
		assert.Equal(t, tc.closed, s.ClosedAt, tc.stage)
		assert.Len(t, s.Reports, tc.reports, tc.stage)
		assert.Equal(t, "100.00%", s.Progress().String(), tc.stage)
	}
	assert.Equal(t, "整改销号221个，完善体制机制62项", p.Stage(results).Outcome)
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
