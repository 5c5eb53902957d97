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

func TestRateRounding(t *testing.T) {
	for _, tc := range []struct {
		num, den int64
		want     string
	}{
		{45, 48, "93.75%"},
		{2, 3, "66.67%"},  // 66.666… rounds up
		{1, 3, "33.33%"},  // 33.333… rounds down
		{1, 8, "12.50%"},  // exact
		{1, 200, "0.50%"}, // exact
		{1, 600, "0.17%"}, // 0.1666…
		{1, 400, "0.25%"},
		{1, 1600, "0.06%"},  // 0.0625: the dropped 0.0025 is under half, rounds down
		{1, 800, "0.13%"},   // 0.125: exactly half, away from zero
		{-1, 800, "-0.13%"}, // −0.125: exactly half, away from zero
		{0, 5, "0.00%"},
		{5, 5, "100.00%"},
		{3, 0, "—"},
	} {
		r := rectification.Rate{Num: tc.num, Den: tc.den}
		assert.Equal(t, tc.want, r.String(), "%d/%d", tc.num, tc.den)
	}
	p, ok := rectification.Rate{Num: 1, Den: 3}.PercentRound(4)
	require.True(t, ok)
	assert.Equal(t, "33.3333", p.String())
	_, ok = rectification.Rate{}.Percent()
	assert.False(t, ok)
}

// corpus builds n rectifications of per problems each, issued across 2026,
// to five recipients, in four fields; a third signed off (half of them late),
// a third claimed, a third in progress.
func corpus(n, per int) []*rectification.Rectification {
	fields := []string{"医保基金", "工程建设", "校园餐", "三资管理"}
	var units []clue.Agency
	for i := range 5 {
		units = append(units, agency(fmt.Sprintf("单位%d", i), clue.KindLineDepartment))
	}
	out := make([]*rectification.Rectification, n)
	for i := range n {
		issued := at(2026, time.Month(i%12+1), 10, 9, 0)
		r := &rectification.Rectification{ID: uuid.New(), State: rectification.StateIssued,
			Recommendation: rectification.Recommendation{Kind: rectification.KindDisciplineInspection, Recipient: units[i%5],
				IssuedAt: issued, Deadline: issued.AddDate(0, 3, 0)}}
		r.Problems = make([]rectification.Problem, per)
		for j := range per {
			p := &r.Problems[j]
			p.ID, p.Field, p.Gap = uuid.New(), fields[j%4], j%10 == 0
			switch j % 3 {
			case 0:
				p.State, p.SignedOffAt = rectification.StateSignedOff, issued.AddDate(0, 2+j%2*2, 0)
			case 1:
				p.State = rectification.StateClaimed
			default:
				p.State = rectification.StateInProgress
			}
		}
		r.Institutions = []rectification.Institution{{Title: "制度", Problems: []uuid.UUID{r.Problems[0].ID}}}
		r.Education = []rectification.Education{{Audience: 10, Reached: 9}}
		r.Surveys = []rectification.Survey{{Responses: 100, Satisfied: 95}}
		out[i] = r
	}
	return out
}

func TestMeasureBy(t *testing.T) {
	rs := corpus(24, 12)
	now := at(2026, 12, 31, 12, 0)
	all := rectification.Measure(rs, now)
	assert.Equal(t, 288, all.Problems)
	assert.Equal(t, 96, all.SignedOff)
	assert.Equal(t, "33.33%", all.Completion().String())
	assert.Equal(t, 24, all.Institutions)
	assert.Equal(t, 48, all.GapProblems) // j = 0 and 10 of each
	assert.Equal(t, 24, all.GapsClosed)
	assert.Equal(t, "50.00%", all.Indicators().InstitutionSoundness.String())
	assert.Equal(t, "90.00%", all.Indicators().EducationCoverage.String())
	assert.Equal(t, "95.00%", all.Indicators().Satisfaction.String())

	for _, tc := range []struct {
		by   rectification.GroupBy
		keys []string
	}{
		{rectification.ByQuarter, []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"}},
		{rectification.ByYear, []string{"2026"}},
		{rectification.ByField, []string{"", "三资管理", "医保基金", "工程建设", "校园餐"}},
	} {
		gs, err := rectification.MeasureBy(rs, now, tc.by)
		require.NoError(t, err)
		var keys []string
		sum := rectification.Metrics{}
		for _, g := range gs {
			keys = append(keys, g.Key)
			sum.Problems += g.Metrics.Problems
			sum.SignedOff += g.Metrics.SignedOff
			sum.Overdue += g.Metrics.Overdue
			sum.Institutions += g.Metrics.Institutions
			sum.Rectifications += g.Metrics.Rectifications
		}
		assert.Equal(t, tc.keys, keys)
		assert.Equal(t, all.Problems, sum.Problems, "groups partition the problems")
		assert.Equal(t, all.SignedOff, sum.SignedOff)
		assert.Equal(t, all.Overdue, sum.Overdue)
		assert.Equal(t, all.Institutions, sum.Institutions)
		assert.Equal(t, all.Rectifications, sum.Rectifications)
	}
	gs, err := rectification.MeasureBy(rs, now, rectification.ByRecipient)
	require.NoError(t, err)
	require.Len(t, gs, 5)
	byName := map[string]int{}
	for _, g := range gs {
		byName[g.Label] = g.Metrics.Problems
	}
	// 24 rectifications round-robin over 5 units: 5, 5, 5, 5 and 4, of 12 problems.
	assert.Equal(t, map[string]int{"单位0": 60, "单位1": 60, "单位2": 60, "单位3": 60, "单位4": 48}, byName)
	q1, err := rectification.MeasureBy(rs, now, rectification.ByMonth)
	require.NoError(t, err)
	require.Len(t, q1, 12)
	assert.Equal(t, "2026-01", q1[0].Key)
	assert.Equal(t, 24, q1[0].Metrics.Problems)
	_, err = rectification.MeasureBy(rs, now, 0)
	assert.ErrorIs(t, err, rectification.ErrInvalid)
}

func BenchmarkMeasure100k(b *testing.B) {
	rs := corpus(1000, 100)
	now := at(2026, 12, 31, 12, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := rectification.Measure(rs, now)
		if m.Problems != 100_000 {
			b.Fatal(m.Problems)
		}
	}
}

func BenchmarkMeasureByField100k(b *testing.B) {
	rs := corpus(1000, 100)
	now := at(2026, 12, 31, 12, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := rectification.MeasureBy(rs, now, rectification.ByField); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMeasureByMonth100k(b *testing.B) {
	rs := corpus(1000, 100)
	now := at(2026, 12, 31, 12, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := rectification.MeasureBy(rs, now, rectification.ByMonth); err != nil {
			b.Fatal(err)
		}
	}
}

// Large rectifications are measured through indexes (problems by id, the
// problems institutions name): the counts equal those of the small path.
func TestMeasureLargeRectification(t *testing.T) {
	issued := at(2026, 3, 2, 10, 0)
	r := &rectification.Rectification{ID: id("large"), State: rectification.StateIssued,
		Recommendation: rectification.Recommendation{Kind: rectification.KindSupervision, Recipient: tUnit, IssuedAt: issued, Deadline: endOf(2026, 6, 30)}}
	fields := []string{"甲", "乙"}
	for i := range 40 {
		r.Problems = append(r.Problems, rectification.Problem{ID: id(fmt.Sprintf("large/%d", i)), Field: fields[i%2], Gap: i < 30, State: rectification.StateInProgress})
	}
	for i := range 20 { // institutions answer gap problems 0–19, each named twice
		ps := []uuid.UUID{r.Problems[i].ID, r.Problems[i].ID}
		r.Institutions = append(r.Institutions, rectification.Institution{Title: "制度", Problems: ps})
	}
	for i := range 25 { // 25 accountability outcomes for problems 0–24: 13 in 甲, 12 in 乙
		r.Accountability = append(r.Accountability, rectification.Accountability{Problem: r.Problems[i].ID})
	}
	m := rectification.Measure([]*rectification.Rectification{r}, at(2026, 5, 1, 9, 0))
	assert.Equal(t, 30, m.GapProblems)
	assert.Equal(t, 20, m.GapsClosed)
	groups, err := rectification.MeasureBy([]*rectification.Rectification{r}, at(2026, 5, 1, 9, 0), rectification.ByField)
	require.NoError(t, err)
	require.Len(t, groups, 3)
	assert.Equal(t, "乙", groups[1].Key)
	assert.Equal(t, 12, groups[1].Metrics.Accountability)
	assert.Equal(t, 10, groups[1].Metrics.Institutions)
	assert.Equal(t, 10, groups[1].Metrics.GapsClosed)
	assert.Equal(t, "甲", groups[2].Key)
	assert.Equal(t, 13, groups[2].Metrics.Accountability)
	assert.Equal(t, 10, groups[2].Metrics.GapsClosed)
	l := rectification.Lists([]*rectification.Rectification{r}, rectification.Scope{}, at(2026, 5, 1, 9, 0))
	require.Len(t, l.Accountability, 25)
	for i, a := range l.Accountability {
		assert.Equal(t, r.Problems[i].Number, a.ProblemNumber)
	}
}
