package rectification_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rectification"
)

func TestFourLists(t *testing.T) {
	rc := ningde(t, newSeedPolicy(t))
	other := claimed(t, nil)
	now := at(2026, 6, 30, 12, 0)
	rs := []*rectification.Rectification{rc.r, other.r}

	l := rectification.Lists(rs, rectification.Scope{Title: "宁德市残联巡察整改", Recipient: ndCDPF.ID}, now)
	require.Len(t, l.KeyProblems, 6, "problems 1–6 are marked key")
	assert.Equal(t, "ND-01", l.KeyProblems[0].Number)
	assert.Equal(t, rectification.StateSignedOff, l.KeyProblems[0].State)
	assert.False(t, l.KeyProblems[0].Overdue)
	require.Len(t, l.Measures, 6)
	assert.Equal(t, "宁德市残联党组", l.Measures[0].ResponsibleUnit)
	assert.Equal(t, endOf(2026, 5, 29), l.Measures[0].Due, "a task without its own due inherits the problem's")
	require.Len(t, l.Accountability, 1)
	assert.Equal(t, "ND-01", l.Accountability[0].ProblemNumber)
	assert.Len(t, l.Results, 45+15)
	assert.Equal(t, 48, l.Metrics.Problems, "only the unit in scope")
	assert.Equal(t, "93.75%", l.Indicators.Completion.String())

	md := l.Markdown()
	for _, want := range []string{
		"# 宁德市残联巡察整改",
		"## 一、重点问题清单",
		"| ND-01 | 宁德市残联党组 | 巡察反馈问题1 | 项目资金管理 | 已销号 | 2026-05-29 |",
		"## 三、问责处理清单",
		"| 赵某 | 计财科科长 | 诫勉谈话 | ND-01 | 2026-06-03 |",
		"| 建章立制 |  | 制度15 | 2026-06-03 |  |  |",
		"- 整改完成率 93.75%，按期整改率 87.50%",
	} {
		assert.Contains(t, md, want)
	}
	txt := l.Text()
	assert.Contains(t, txt, "三、问责处理清单（1）\n1. 被问责人：赵某；职务：计财科科长；处理方式：诫勉谈话；问题编号：ND-01；决定日期：2026-06-03\n")
	assert.NotContains(t, txt, "|")

	// A campaign with nothing in it renders empty lists, and rates as undefined.
	empty := rectification.Lists(rs, rectification.Scope{Campaign: id("none")}, now)
	assert.Empty(t, empty.KeyProblems)
	assert.True(t, strings.Contains(empty.Markdown(), "（无）"))
	assert.Contains(t, empty.Text(), "整改完成率 —")

	// The other unit's serious problem is not key; overdue after 6/30.
	l2 := rectification.Lists(rs, rectification.Scope{Recipient: tUnit.ID}, at(2026, 7, 1, 9, 0))
	assert.Empty(t, l2.KeyProblems)
	assert.Equal(t, 1, l2.Metrics.Overdue)
}
