package sanction_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

var decided = cst(2026, 3, 10, 15)

func TestChengduStory(t *testing.T) {
	in := []sanction.Proposal{
		prop("c-demerit", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit)),
		prop("c-pay", commission, zhang, "clue-1", percent("50")),
		prop("o-admonish", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-pay", owner, zhang, "clue-1", percent("30")),
	}
	in[3].Standard = "《市属国有企业违规经营投资责任追究实施办法》"
	res, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	assertComplete(t, in, res)
	require.Len(t, res.Persons, 1)
	pr := res.Persons[0]
	require.Len(t, pr.Applied, 3)
	require.Len(t, pr.Subsumed, 1)

	demerit := appliedKind(t, pr, sanction.KindGovernmentDemerit)
	assert.Equal(t, []uuid.UUID{id("c-demerit")}, supporters(demerit))
	assert.Equal(t, sanction.RuleProposed, demerit.Rule)
	assert.Equal(t, 12, demerit.Period.Months)
	assert.Equal(t, date(2026, 3, 10), demerit.Period.Start)
	assert.Equal(t, date(2027, 3, 10), demerit.Period.End)
	assert.Equal(t, date(2027, 3, 11), demerit.Period.LiftedOn)

	admonish := appliedKind(t, pr, sanction.KindAdmonishment)
	assert.Equal(t, []uuid.UUID{id("o-admonish")}, supporters(admonish))
	assert.Equal(t, owner, admonish.Proposals[0].Agency)
	require.Len(t, admonish.Effects, 1)
	assert.Equal(t, sanction.EffectNoPromotion, admonish.Effects[0].Kind)
	assert.Equal(t, date(2026, 9, 10), admonish.Effects[0].Until)
	assert.Contains(t, admonish.Basis, sanction.Citation{Source: "公职人员政务处分法", Article: "第十七条"}, "art. 17: stands beside the sanction")

	pay := appliedKind(t, pr, sanction.KindPayDeduction)
	assert.Equal(t, []uuid.UUID{id("c-pay")}, supporters(pay))
	assert.True(t, pay.Measure.Deduction.Value.Equal(dec("50")))
	assert.Equal(t, []uuid.UUID{id("o-pay")}, pay.Absorbed)

	sub := pr.Subsumed[0]
	assert.Equal(t, id("o-pay"), sub.Proposal)
	assert.Equal(t, id("c-pay"), sub.ByProposal)
	assert.Equal(t, pay.ID, sub.ByMeasure)
	assert.Equal(t, sanction.ReasonHeavierPrevails, sub.Reason)
	assert.Equal(t, "002", sub.Citation.Seed)
	assert.Contains(t, sub.Explanation, "从重但不重复")
	assert.Contains(t, sub.Explanation, "扣减薪酬30%")
	assert.Contains(t, sub.Explanation, "依《市属国有企业违规经营投资责任追究实施办法》提出的扣减薪酬30%")
}

func TestMergeIdenticalAcrossAgencies(t *testing.T) {
	in := []sanction.Proposal{
		prop("c-admonish", commission, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-admonish", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-talk", owner, zhang, "clue-1", kind(sanction.KindTalkReminder)),
		prop("c-pay", commission, zhang, "clue-1", percent("50.0")),
		prop("o-pay", owner, zhang, "clue-1", percent("50")),
	}
	res, err := sanction.Resolve(in, time.Time{})
	require.NoError(t, err)
	assertComplete(t, in, res)
	pr := res.Persons[0]
	require.Len(t, pr.Applied, 2)

	admonish := appliedKind(t, pr, sanction.KindAdmonishment)
	assert.Equal(t, sanction.RuleMerged, admonish.Rule)
	assert.ElementsMatch(t, []uuid.UUID{id("c-admonish"), id("o-admonish")}, supporters(admonish))
	assert.Equal(t, []uuid.UUID{id("o-talk")}, admonish.Absorbed)
	assert.Contains(t, admonish.Explanation, "合并处理")
	assert.Zero(t, admonish.Effects[0].Until, "no decision date, no dates")
	assert.Zero(t, res.DecidedOn)

	pay := appliedKind(t, pr, sanction.KindPayDeduction)
	assert.Equal(t, sanction.RuleMerged, pay.Rule, "50 and 50.0 are the same deduction")
	assert.Len(t, pay.Proposals, 2)
}

func TestPartyEscalation(t *testing.T) {
	tests := []struct {
		name   string
		person sanction.Person
		kinds  []sanction.Kind
		opts   []sanction.Option
		want   sanction.Kind
		months int
		rng    sanction.MonthRange
		cites  []string
	}{
		{name: "two serious warnings", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartySeriousWarning, sanction.KindPartySeriousWarning},
			want:  sanction.KindPartyRemovalFromPost, cites: []string{"第二十四条"}},
		{name: "warning and serious warning", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartySeriousWarning},
			want:  sanction.KindPartyRemovalFromPost},
		{name: "removal raised to probation, upper end by default", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyRemovalFromPost, sanction.KindPartyWarning},
			want:  sanction.KindPartyProbation, months: 24, rng: sanction.MonthRange{Min: 12, Max: 24}},
		{name: "shortest periods option", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyRemovalFromPost, sanction.KindPartyWarning},
			opts:  []sanction.Option{sanction.WithShortestPeriods()},
			want:  sanction.KindPartyProbation, months: 12, rng: sanction.MonthRange{Min: 12, Max: 24}},
		{name: "no party post skips removal (art. 11)", person: li,
			kinds: []sanction.Kind{sanction.KindPartySeriousWarning, sanction.KindPartySeriousWarning},
			want:  sanction.KindPartyProbation, months: 24, rng: sanction.MonthRange{Min: 12, Max: 24},
			cites: []string{"第二十四条", "第十一条"}},
		{name: "no party post, warnings", person: li,
			kinds: []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartyWarning},
			want:  sanction.KindPartySeriousWarning},
		{name: "probation raised to expulsion", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartyProbation},
			want:  sanction.KindPartyExpulsion},
		{name: "any expulsion gives expulsion", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyExpulsion, sanction.KindPartyWarning, sanction.KindPartyWarning},
			want:  sanction.KindPartyExpulsion},
		{name: "three violations still one grade", person: zhang,
			kinds: []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartyWarning, sanction.KindPartyWarning},
			want:  sanction.KindPartySeriousWarning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []sanction.Proposal
			for i, k := range tt.kinds {
				m := kind(k)
				if k == sanction.KindPartyProbation {
					m.Months = 12
				}
				n := string(rune('a' + i))
				in = append(in, prop(tt.name+n, commission, tt.person, "clue-"+n, m))
			}
			res, err := sanction.New(tt.opts...).Resolve(context.Background(), in, decided)
			require.NoError(t, err)
			assertComplete(t, in, res)
			pr := res.Persons[0]
			require.Len(t, pr.Applied, 1)
			a := pr.Applied[0]
			assert.Equal(t, tt.want, a.Measure.Kind)
			assert.Equal(t, sanction.RulePartyEscalation, a.Rule)
			assert.Equal(t, tt.months, a.Measure.Months)
			assert.Equal(t, tt.rng, a.Period.Range)
			assert.Len(t, a.Proposals, len(tt.kinds), "every violation supports the escalated sanction")
			assert.Empty(t, pr.Subsumed)
			for _, c := range tt.cites {
				assert.Contains(t, a.Basis, sanction.Citation{Source: "中国共产党纪律处分条例", Article: c})
			}
		})
	}
}

func TestPartyEffects(t *testing.T) {
	in := []sanction.Proposal{
		prop("p1", commission, zhang, "clue-1", kind(sanction.KindPartySeriousWarning)),
		prop("p2", commission, zhang, "clue-2", kind(sanction.KindPartySeriousWarning)),
	}
	res, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	a := res.Persons[0].Applied[0]
	require.Len(t, a.Effects, 1)
	assert.Equal(t, sanction.EffectNoEquivalentPost, a.Effects[0].Kind)
	assert.Equal(t, date(2028, 3, 10), a.Effects[0].Until)

	single := []sanction.Proposal{prop("p3", commission, zhang, "clue-1", sanction.Measure{Kind: sanction.KindPartyProbation, Months: 24})}
	res, err = sanction.Resolve(single, decided)
	require.NoError(t, err)
	a = res.Persons[0].Applied[0]
	assert.Equal(t, sanction.RuleProposed, a.Rule)
	assert.Equal(t, 24, a.Period.Months)
	assert.Equal(t, date(2028, 3, 10), a.Period.End, "察看期")
	assert.Zero(t, a.Period.LiftedOn, "restoration of rights is decided, not automatic")
	assert.Equal(t, date(2030, 3, 10), a.Effects[0].Until, "two years after the probation")

	exp := []sanction.Proposal{prop("p4", commission, zhang, "clue-1", kind(sanction.KindPartyExpulsion))}
	res, err = sanction.Resolve(exp, decided)
	require.NoError(t, err)
	a = res.Persons[0].Applied[0]
	assert.True(t, a.Period.Permanent)
	assert.Equal(t, sanction.EffectNoRejoin, a.Effects[0].Kind)
	assert.Equal(t, date(2031, 3, 10), a.Effects[0].Until)
}

func TestGovernmentAbsorption(t *testing.T) {
	t.Run("different kinds: only the heaviest", func(t *testing.T) {
		in := []sanction.Proposal{
			prop("g1", commission, wang, "clue-1", kind(sanction.KindGovernmentDemerit)),
			prop("g2", commission, wang, "clue-2", kind(sanction.KindGovernmentMajorDemerit)),
		}
		res, err := sanction.Resolve(in, decided)
		require.NoError(t, err)
		assertComplete(t, in, res)
		pr := res.Persons[0]
		require.Len(t, pr.Applied, 1)
		a := pr.Applied[0]
		assert.Equal(t, sanction.KindGovernmentMajorDemerit, a.Measure.Kind)
		assert.Equal(t, sanction.RuleGovernmentAbsorption, a.Rule)
		assert.Equal(t, 18, a.Period.Months)
		assert.Equal(t, date(2027, 9, 10), a.Period.End)
		require.Len(t, pr.Subsumed, 1)
		s := pr.Subsumed[0]
		assert.Equal(t, id("g1"), s.Proposal)
		assert.Equal(t, id("g2"), s.ByProposal)
		assert.Equal(t, sanction.ReasonAbsorbed, s.Reason)
		assert.Equal(t, "第十五条", s.Citation.Article)
	})

	tests := []struct {
		name    string
		kinds   []sanction.Kind
		asks    []int
		opts    []sanction.Option
		want    sanction.Kind
		rng     sanction.MonthRange
		months  int
		end     workday.Date
		rule    sanction.Rule
		wantErr error
	}{
		{name: "three demerits", kinds: []sanction.Kind{sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit},
			want: sanction.KindGovernmentDemerit, rng: sanction.MonthRange{Min: 12, Max: 36}, months: 36, end: date(2029, 3, 10),
			rule: sanction.RuleGovernmentCombination},
		{name: "three demerits, shortest", kinds: []sanction.Kind{sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit},
			opts: []sanction.Option{sanction.WithShortestPeriods()},
			want: sanction.KindGovernmentDemerit, rng: sanction.MonthRange{Min: 12, Max: 36}, months: 12, end: date(2027, 3, 10),
			rule: sanction.RuleGovernmentCombination},
		{name: "three demerits, 24 months asked", kinds: []sanction.Kind{sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit},
			asks: []int{0, 24, 18},
			want: sanction.KindGovernmentDemerit, rng: sanction.MonthRange{Min: 12, Max: 36}, months: 24, end: date(2028, 3, 10),
			rule: sanction.RuleGovernmentCombination},
		{name: "asked beyond the sum", kinds: []sanction.Kind{sanction.KindGovernmentDemerit, sanction.KindGovernmentDemerit},
			asks: []int{36, 0}, wantErr: sanction.ErrInvalidPeriod},
		{name: "three dismissals capped at 48", kinds: []sanction.Kind{sanction.KindGovernmentDismissal, sanction.KindGovernmentDismissal, sanction.KindGovernmentDismissal},
			want: sanction.KindGovernmentDismissal, rng: sanction.MonthRange{Min: 24, Max: 48}, months: 48, end: date(2030, 3, 10),
			rule: sanction.RuleGovernmentCombination},
		{name: "two demerits and a warning", kinds: []sanction.Kind{sanction.KindGovernmentDemerit, sanction.KindGovernmentWarning, sanction.KindGovernmentDemerit},
			want: sanction.KindGovernmentDemerit, rng: sanction.MonthRange{Min: 12, Max: 24}, months: 24, end: date(2028, 3, 10),
			rule: sanction.RuleGovernmentCombination},
		{name: "two expulsions", kinds: []sanction.Kind{sanction.KindGovernmentExpulsion, sanction.KindGovernmentExpulsion},
			want: sanction.KindGovernmentExpulsion, rule: sanction.RuleMerged},
		{name: "enterprise sanctions absorb the same way", kinds: []sanction.Kind{sanction.KindEnterpriseWarning, sanction.KindEnterpriseDemotion},
			want: sanction.KindEnterpriseDemotion, months: 24, end: date(2028, 3, 10), rule: sanction.RuleGovernmentAbsorption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in []sanction.Proposal
			for i, k := range tt.kinds {
				m := kind(k)
				if tt.asks != nil {
					m.Months = tt.asks[i]
				}
				n := string(rune('a' + i))
				a := commission
				if k.Family() == sanction.FamilyEnterprise {
					a = enterprise
				}
				in = append(in, prop(tt.name+n, a, wang, "clue-"+n, m))
			}
			res, err := sanction.New(tt.opts...).Resolve(context.Background(), in, decided)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var pe *sanction.ProposalError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "measure.months", pe.Field)
				return
			}
			require.NoError(t, err)
			assertComplete(t, in, res)
			pr := res.Persons[0]
			require.Len(t, pr.Applied, 1)
			a := pr.Applied[0]
			assert.Equal(t, tt.want, a.Measure.Kind)
			assert.Equal(t, tt.rule, a.Rule)
			assert.Equal(t, tt.rng, a.Period.Range)
			if tt.months > 0 {
				assert.Equal(t, tt.months, a.Measure.Months)
				assert.Equal(t, tt.months, a.Period.Months)
				assert.Equal(t, tt.end, a.Period.End)
				assert.GreaterOrEqual(t, a.Period.Months, 12)
			}
		})
	}
}

func TestNoDuplicateSanction(t *testing.T) {
	tests := []struct {
		name       string
		in         []sanction.Proposal
		applied    uuid.UUID
		subsumed   uuid.UUID
		wantReason sanction.Reason
	}{
		{name: "heavier of the two organs stands",
			in: []sanction.Proposal{
				prop("sup", commission, wang, "act-1", kind(sanction.KindGovernmentMajorDemerit)),
				prop("app", appointing, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
			}, applied: id("sup"), subsumed: id("app"), wantReason: sanction.ReasonNoDuplicateSanction},
		{name: "appointing body heavier",
			in: []sanction.Proposal{
				prop("sup2", commission, wang, "act-1", kind(sanction.KindGovernmentWarning)),
				prop("app2", appointing, wang, "act-1", kind(sanction.KindGovernmentDemotion)),
			}, applied: id("app2"), subsumed: id("sup2"), wantReason: sanction.ReasonNoDuplicateSanction},
		{name: "same kind by two organs is still one sanction",
			in: []sanction.Proposal{
				prop("sup3", commission, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
				prop("app3", appointing, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
			}, applied: id("sup3"), subsumed: id("app3"), wantReason: sanction.ReasonNoDuplicateSanction},
		{name: "政务处分 prevails over the enterprise's equal 处分",
			in: []sanction.Proposal{
				prop("ent4", enterprise, wang, "act-1", kind(sanction.KindEnterpriseDemerit)),
				prop("sup4", commission, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
			}, applied: id("sup4"), subsumed: id("ent4"), wantReason: sanction.ReasonNoDuplicateSanction},
		{name: "one organ, two opinions: heavier prevails",
			in: []sanction.Proposal{
				prop("sup5a", commission, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
				prop("sup5b", commission, wang, "act-1", kind(sanction.KindGovernmentWarning)),
			}, applied: id("sup5a"), subsumed: id("sup5b"), wantReason: sanction.ReasonHeavierPrevails},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := sanction.Resolve(tt.in, decided)
			require.NoError(t, err)
			assertComplete(t, tt.in, res)
			pr := res.Persons[0]
			require.Len(t, pr.Applied, 1)
			assert.Equal(t, []uuid.UUID{tt.applied}, supporters(pr.Applied[0]))
			require.Len(t, pr.Subsumed, 1)
			s := pr.Subsumed[0]
			assert.Equal(t, tt.subsumed, s.Proposal)
			assert.Equal(t, tt.wantReason, s.Reason)
			if tt.wantReason == sanction.ReasonNoDuplicateSanction {
				assert.Equal(t, sanction.Citation{Source: "公职人员政务处分法", Article: "第十六条"}, s.Citation)
				assert.Contains(t, s.Explanation, "不得重复给予")
			}
		})
	}

	t.Run("different acts are not duplicates", func(t *testing.T) {
		in := []sanction.Proposal{
			prop("d1", commission, wang, "act-1", kind(sanction.KindGovernmentDemerit)),
			prop("d2", enterprise, wang, "act-2", kind(sanction.KindEnterpriseDemerit)),
		}
		res, err := sanction.Resolve(in, decided)
		require.NoError(t, err)
		assertComplete(t, in, res)
		assert.Len(t, res.Persons[0].Applied, 2)
	})
}

func TestOrganizationalAcrossMatters(t *testing.T) {
	in := []sanction.Proposal{
		prop("o1", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o2", owner, zhang, "clue-2", kind(sanction.KindRemoval)),
		prop("o3", commission, zhang, "clue-3", kind(sanction.KindRemoval)),
		prop("a1", owner, zhang, "clue-1", percent("20")),
		prop("a2", owner, zhang, "clue-2", percent("30")),
		prop("a3", owner, zhang, "clue-2", sanction.Measure{Kind: sanction.KindMarketBan, Months: 60}),
		prop("a4", commission, zhang, "clue-2", sanction.Measure{Kind: sanction.KindMarketBan, Permanent: true}),
	}
	res, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	assertComplete(t, in, res)
	pr := res.Persons[0]

	removal := appliedKind(t, pr, sanction.KindRemoval)
	assert.Equal(t, sanction.RuleOrganizationalAbsorption, removal.Rule)
	assert.ElementsMatch(t, []uuid.UUID{id("o2"), id("o3")}, supporters(removal))
	assert.Equal(t, []uuid.UUID{id("o1")}, removal.Absorbed)
	assert.NotContains(t, removal.Basis, sanction.Citation{Source: "公职人员政务处分法", Article: "第十七条"}, "no sanction applied")
	require.Len(t, removal.Effects, 2)
	assert.Equal(t, date(2027, 3, 10), removal.Effects[0].Until)
	assert.Equal(t, date(2028, 3, 10), removal.Effects[1].Until)

	// Pay deductions for different matters each stand.
	var pays []sanction.Applied
	for _, a := range pr.Applied {
		if a.Measure.Kind == sanction.KindPayDeduction {
			pays = append(pays, a)
		}
	}
	assert.Len(t, pays, 2)

	ban := appliedKind(t, pr, sanction.KindMarketBan)
	assert.True(t, ban.Measure.Permanent, "a permanent ban is heavier than 60 months")
	assert.Equal(t, []uuid.UUID{id("a3")}, ban.Absorbed)
	assert.True(t, ban.Period.Permanent)
}

func TestPeriodsWithCalendar(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	// 记过 decided on 2025-04-05 (清明): 12 months end on 2026-04-05, a
	// Sunday inside the 2026 清明 holiday (04-04..04-06).
	in := []sanction.Proposal{prop("g", commission, wang, "act", kind(sanction.KindGovernmentDemerit))}
	at := cst(2025, 4, 5, 10)

	res, err := sanction.Resolve(in, at)
	require.NoError(t, err)
	assert.Equal(t, date(2026, 4, 5), res.Persons[0].Applied[0].Period.End, "plain Civil Code month end")
	assert.Equal(t, date(2026, 4, 6), res.Persons[0].Applied[0].Period.LiftedOn)

	res, err = sanction.New(sanction.WithCalendar(cal)).Resolve(context.Background(), in, at)
	require.NoError(t, err)
	assert.Equal(t, date(2026, 4, 7), res.Persons[0].Applied[0].Period.End, "moved past the holiday (art. 203)")
	assert.Equal(t, date(2026, 4, 8), res.Persons[0].Applied[0].Period.LiftedOn)

	// Property: the calendar's end is the plain end when that is a working
	// day, and otherwise the next working day after it.
	warning := []sanction.Proposal{prop("w", commission, wang, "act", kind(sanction.KindGovernmentWarning))}
	withCal := sanction.New(sanction.WithCalendar(cal))
	for d := cst(2024, 1, 1, 12); d.Before(cst(2026, 7, 1, 0)); d = d.AddDate(0, 0, 1) {
		plain, err := sanction.Resolve(warning, d)
		require.NoError(t, err)
		moved, err := withCal.Resolve(context.Background(), warning, d)
		require.NoError(t, err)
		pe, me := plain.Persons[0].Applied[0].Period.End, moved.Persons[0].Applied[0].Period.End
		ok, err := cal.IsWorkday(pe.Start())
		require.NoError(t, err)
		if ok {
			require.Equal(t, pe, me, "decided %s", d)
			continue
		}
		next, err := cal.NextWorkday(pe.Start())
		require.NoError(t, err)
		require.Equal(t, workday.DateOf(next.Time), me, "decided %s", d)
	}

	official, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	_, err = sanction.New(sanction.WithCalendar(official)).Resolve(context.Background(), in, decided)
	require.ErrorIs(t, err, workday.ErrNoData, "2027 is not in the official calendar")
	var pe *sanction.PeriodError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, sanction.KindGovernmentDemerit, pe.Kind)

	// With the embedded reported 2027 (6tail/lunar-go), the end is counted and flagged.
	res, err = sanction.New(sanction.WithCalendar(cal)).Resolve(context.Background(), in, decided)
	require.NoError(t, err)
	assert.Equal(t, workday.Reported, res.Persons[0].Applied[0].Period.Certainty)
	assert.Equal(t, date(2027, 3, 10), res.Persons[0].Applied[0].Period.End, "a Wednesday")

	fb, err := workday.New(workday.WithWeekendFallback(), workday.WithoutReportedYears())
	require.NoError(t, err)
	res, err = sanction.New(sanction.WithCalendar(fb)).Resolve(context.Background(), in, decided)
	require.NoError(t, err)
	assert.Equal(t, workday.WeekendsOnly, res.Persons[0].Applied[0].Period.Certainty)
	assert.Equal(t, date(2027, 3, 10), res.Persons[0].Applied[0].Period.End, "a Wednesday")
}

func TestMonthEnds(t *testing.T) {
	tests := []struct {
		decided time.Time
		kind    sanction.Kind
		end     workday.Date
	}{
		{cst(2025, 8, 31, 9), sanction.KindGovernmentWarning, date(2026, 2, 28)},
		{cst(2023, 8, 31, 9), sanction.KindGovernmentWarning, date(2024, 2, 29)},
		{cst(2026, 1, 31, 9), sanction.KindGovernmentMajorDemerit, date(2027, 7, 31)},
		{time.Date(2026, 3, 9, 20, 0, 0, 0, time.UTC), sanction.KindGovernmentDemerit, date(2027, 3, 10)}, // 03-10 04:00 CST
	}
	for _, tt := range tests {
		t.Run(tt.end.String(), func(t *testing.T) {
			res, err := sanction.Resolve([]sanction.Proposal{prop("m", commission, wang, "act", kind(tt.kind))}, tt.decided)
			require.NoError(t, err)
			assert.Equal(t, tt.end, res.Persons[0].Applied[0].Period.End)
		})
	}
}

func TestBadInput(t *testing.T) {
	good := prop("good", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit))
	with := func(f func(p *sanction.Proposal)) []sanction.Proposal {
		p := good
		f(&p)
		return []sanction.Proposal{p}
	}
	tests := []struct {
		name  string
		in    []sanction.Proposal
		want  error
		field string
	}{
		{"unknown measure kind", with(func(p *sanction.Proposal) { p.Measure.Kind = "government_reprimand" }), sanction.ErrUnknownKind, "measure.kind"},
		{"negative percentage", with(func(p *sanction.Proposal) { p.Measure = percent("-30") }), sanction.ErrInvalidDeduction, "measure.deduction.value"},
		{"percentage above 100", with(func(p *sanction.Proposal) { p.Measure = percent("100.01") }), sanction.ErrInvalidDeduction, "measure.deduction.value"},
		{"zero amount", with(func(p *sanction.Proposal) { p.Measure = amount("0", "") }), sanction.ErrInvalidDeduction, "measure.deduction.value"},
		{"amount above base", with(func(p *sanction.Proposal) { p.Measure = amount("300000", "200000") }), sanction.ErrInvalidDeduction, "measure.deduction.value"},
		{"negative base", with(func(p *sanction.Proposal) { p.Measure = amount("3", "-1") }), sanction.ErrInvalidDeduction, "measure.deduction.base"},
		{"unknown basis", with(func(p *sanction.Proposal) {
			p.Measure = sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: "ratio", Value: dec("1")}}
		}), sanction.ErrInvalidDeduction, "measure.deduction.basis"},
		{"deduction on a sanction", with(func(p *sanction.Proposal) { p.Measure.Deduction = percent("5").Deduction }), sanction.ErrInvalidDeduction, "measure.deduction"},
		{"unknown agency kind", with(func(p *sanction.Proposal) { p.Agency.Kind = "audit" }), sanction.ErrUnknownAgencyKind, "agency.kind"},
		{"nil proposal id", with(func(p *sanction.Proposal) { p.ID = uuid.Nil }), sanction.ErrMissingID, "id"},
		{"nil matter", with(func(p *sanction.Proposal) { p.Matter = uuid.Nil }), sanction.ErrMissingID, "matter_id"},
		{"nil person", with(func(p *sanction.Proposal) { p.Person.ID = uuid.Nil }), sanction.ErrMissingID, "person.id"},
		{"nil agency", with(func(p *sanction.Proposal) { p.Agency.ID = uuid.Nil }), sanction.ErrMissingID, "agency.id"},
		{"party sanction for a non-member", with(func(p *sanction.Proposal) {
			p.Person = wang
			p.Measure = kind(sanction.KindPartyWarning)
		}), sanction.ErrNotPartyMember, "person.party_member"},
		{"removal without party post", with(func(p *sanction.Proposal) {
			p.Person = li
			p.Measure = kind(sanction.KindPartyRemovalFromPost)
		}), sanction.ErrNoPartyPost, "person.party_post"},
		{"probation of 18 months", with(func(p *sanction.Proposal) {
			p.Measure = sanction.Measure{Kind: sanction.KindPartyProbation, Months: 18}
		}), sanction.ErrInvalidPeriod, "measure.months"},
		{"combined period above 48", with(func(p *sanction.Proposal) { p.Measure.Months = 49 }), sanction.ErrInvalidPeriod, "measure.months"},
		{"combined period below the statutory one", with(func(p *sanction.Proposal) { p.Measure.Months = 6 }), sanction.ErrInvalidPeriod, "measure.months"},
		{"months on expulsion", with(func(p *sanction.Proposal) {
			p.Measure = sanction.Measure{Kind: sanction.KindGovernmentExpulsion, Months: 24}
		}), sanction.ErrInvalidPeriod, "measure.months"},
		{"months on 诫勉", with(func(p *sanction.Proposal) { p.Measure = sanction.Measure{Kind: sanction.KindAdmonishment, Months: 6} }), sanction.ErrInvalidPeriod, "measure.months"},
		{"ban without duration", with(func(p *sanction.Proposal) { p.Measure = kind(sanction.KindMarketBan) }), sanction.ErrInvalidPeriod, "measure.months"},
		{"permanent demerit", with(func(p *sanction.Proposal) { p.Measure.Permanent = true }), sanction.ErrInvalidPeriod, "measure.permanent"},
		{"absurd percentage", with(func(p *sanction.Proposal) {
			p.Measure = percent("1")
			p.Measure.Deduction.Value = decimal.New(1, 999_999_999)
		}), sanction.ErrInvalidDeduction, "measure.deduction.value"},
		{"absurd loss", with(func(p *sanction.Proposal) { p.Facts = []sanction.Fact{{Loss: decimal.New(1, -999_999_999)}} }), sanction.ErrInvalidLoss, "facts[0].loss"},
		{"negative loss", with(func(p *sanction.Proposal) { p.Facts = []sanction.Fact{{Loss: dec("-1")}} }), sanction.ErrInvalidLoss, "facts[0].loss"},
		{"unknown circumstance", with(func(p *sanction.Proposal) { p.Circumstances = []sanction.Circumstance{{Kind: "remorse"}} }), sanction.ErrInvalidCircumstance, "circumstances[0].kind"},
		{"different persons mixed as one case", func() []sanction.Proposal {
			a := prop("case-a", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit))
			b := prop("case-b", owner, li, "clue-1", kind(sanction.KindAdmonishment))
			a.Case, b.Case = id("case-1"), id("case-1")
			return []sanction.Proposal{a, b}
		}(), sanction.ErrMixedPersons, "person.id"},
		{"one person described two ways", func() []sanction.Proposal {
			other := zhang
			other.PartyMember = false
			return []sanction.Proposal{good, prop("other", owner, other, "clue-1", kind(sanction.KindAdmonishment))}
		}(), sanction.ErrPersonConflict, "person"},
		{"duplicate proposal id", []sanction.Proposal{good, good}, sanction.ErrDuplicateProposal, "id"},
		{"percentage against amount without base", []sanction.Proposal{
			prop("pct", commission, zhang, "clue-1", percent("30")),
			prop("amt", owner, zhang, "clue-1", amount("10000", "")),
		}, sanction.ErrIncomparable, "measure.deduction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sanction.Resolve(tt.in, decided)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.want)
			assert.ErrorIs(t, err, sanction.ErrInvalidProposal)
			var pe *sanction.ProposalError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.field, pe.Field)
			assert.Contains(t, err.Error(), "sanction: proposal ")
		})
	}

	t.Run("every fault is reported", func(t *testing.T) {
		a := prop("x1", commission, zhang, "clue-1", kind("nope"))
		b := prop("x2", commission, zhang, "clue-1", percent("-5"))
		_, err := sanction.Resolve([]sanction.Proposal{a, b}, decided)
		assert.ErrorIs(t, err, sanction.ErrUnknownKind)
		assert.ErrorIs(t, err, sanction.ErrInvalidDeduction)
	})

	t.Run("empty input", func(t *testing.T) {
		res, err := sanction.Resolve(nil, decided)
		require.NoError(t, err)
		assert.Empty(t, res.Persons)
		assert.Equal(t, date(2026, 3, 10), res.DecidedOn)
	})
}

func TestPolicyHooks(t *testing.T) {
	in := []sanction.Proposal{
		prop("h1", commission, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("h2", owner, zhang, "clue-2", kind(sanction.KindAdmonishment)),
		prop("h3", owner, li, "clue-1", kind(sanction.KindTalkReminder)),
		prop("h4", commission, zhang, "clue-1", percent("40")),
		prop("h5", owner, zhang, "clue-2", amount("30000", "50000")),
	}

	t.Run("a key shared by different persons never merges them", func(t *testing.T) {
		pol := sanction.Hooks{GroupKey: func(sanction.Proposal) (string, error) { return "everything", nil }}
		res, err := sanction.New(sanction.WithPolicy(pol)).Resolve(context.Background(), in, decided)
		require.NoError(t, err)
		assertComplete(t, in, res)
		require.Len(t, res.Persons, 2)
		z := person(t, res, zhang)
		// One group: the two 诫勉 merge, and 60% (30000 of 50000) beats 40%.
		assert.Len(t, z.Applied, 2)
		pay := appliedKind(t, z, sanction.KindPayDeduction)
		assert.Equal(t, []uuid.UUID{id("h5")}, supporters(pay))
		assert.Len(t, person(t, res, li).Applied, 1)
	})

	t.Run("severity across standards", func(t *testing.T) {
		// A jurisdiction ranks the owner's 谈话提醒 above the commission's 诫勉.
		pol := sanction.Hooks{Severity: func(p sanction.Proposal) (int, error) {
			if p.Agency.Kind == sanction.AgencySOEOwner {
				return 100, nil
			}
			return sanction.NationalSeverity(p)
		}}
		x := []sanction.Proposal{
			prop("s1", commission, zhang, "clue-1", kind(sanction.KindAdmonishment)),
			prop("s2", owner, zhang, "clue-1", kind(sanction.KindTalkReminder)),
		}
		res, err := sanction.New(sanction.WithPolicy(pol)).Resolve(context.Background(), x, decided)
		require.NoError(t, err)
		pr := res.Persons[0]
		assert.Equal(t, []uuid.UUID{id("s2")}, supporters(pr.Applied[0]))
		assert.Equal(t, sanction.ReasonHeavierPrevails, pr.Subsumed[0].Reason)
	})

	t.Run("comparability", func(t *testing.T) {
		// Everything in its own class: nothing is subsumed within the matter.
		pol := sanction.Hooks{Class: func(p sanction.Proposal) (string, error) { return p.ID.String(), nil }}
		x := []sanction.Proposal{
			prop("c1", commission, zhang, "clue-1", percent("50")),
			prop("c2", owner, zhang, "clue-1", percent("30")),
		}
		res, err := sanction.New(sanction.WithPolicy(pol)).Resolve(context.Background(), x, decided)
		require.NoError(t, err)
		assert.Len(t, res.Persons[0].Applied, 2)
		assert.Empty(t, res.Persons[0].Subsumed)
	})

	t.Run("deduction rule with a cap", func(t *testing.T) {
		capErr := errors.New("above the 40% cap")
		pol := sanction.Hooks{DeductionWeight: func(p sanction.Proposal) (sanction.Weight, error) {
			w, err := sanction.NationalDeductionWeight(p)
			if err == nil && w.Unit == "percent" && w.Value.GreaterThan(dec("40")) {
				return w, capErr
			}
			return w, err
		}}
		_, err := sanction.New(sanction.WithPolicy(pol)).Resolve(context.Background(), in, decided)
		require.ErrorIs(t, err, sanction.ErrPolicy)
		require.ErrorIs(t, err, capErr)
		var pe *sanction.PolicyError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, id("h5"), pe.Proposal)
		assert.Equal(t, "deduction_weight", pe.Hook)
	})

	t.Run("hook errors name the proposal", func(t *testing.T) {
		boom := errors.New("cel: no such key")
		for _, tt := range []struct {
			hook string
			pol  sanction.Policy
		}{
			{"group_key", sanction.Hooks{GroupKey: func(sanction.Proposal) (string, error) { return "", boom }}},
			{"class", sanction.Hooks{Class: func(sanction.Proposal) (string, error) { return "", boom }}},
			{"severity", sanction.Hooks{Severity: func(sanction.Proposal) (int, error) { return 0, boom }}},
			{"group_key", sanction.Hooks{GroupKey: func(sanction.Proposal) (string, error) { return "", nil }}},
			{"class", sanction.Hooks{Class: func(sanction.Proposal) (string, error) { return "", nil }}},
			{"deduction_weight", sanction.Hooks{DeductionWeight: func(sanction.Proposal) (sanction.Weight, error) { return sanction.Weight{}, nil }}},
		} {
			_, err := sanction.New(sanction.WithPolicy(tt.pol)).Resolve(context.Background(), in[3:4], decided)
			var pe *sanction.PolicyError
			require.ErrorAs(t, err, &pe, tt.hook)
			assert.Equal(t, tt.hook, pe.Hook)
			assert.Equal(t, id("h4"), pe.Proposal)
		}
	})

	t.Run("National equals the zero policy", func(t *testing.T) {
		a, err := sanction.New(sanction.WithPolicy(sanction.National())).Resolve(context.Background(), in, decided)
		require.NoError(t, err)
		b, err := sanction.New().Resolve(context.Background(), in, decided)
		require.NoError(t, err)
		assert.Equal(t, a, b)
	})
}

// storyMix is a case with every rule at work, for order and JSON tests.
func storyMix() []sanction.Proposal {
	return []sanction.Proposal{
		prop("m1", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit)),
		prop("m2", commission, zhang, "clue-1", percent("50")),
		prop("m3", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("m4", owner, zhang, "clue-1", percent("30")),
		prop("m5", appointing, zhang, "clue-1", kind(sanction.KindGovernmentWarning)),
		prop("m6", commission, zhang, "clue-2", kind(sanction.KindGovernmentDemerit)),
		prop("m7", commission, zhang, "clue-2", kind(sanction.KindPartySeriousWarning)),
		prop("m8", commission, zhang, "clue-3", kind(sanction.KindPartySeriousWarning)),
		prop("m9", owner, zhang, "clue-3", kind(sanction.KindAdmonishment)),
		prop("m10", owner, li, "clue-3", kind(sanction.KindTransfer)),
		prop("m11", commission, li, "clue-3", kind(sanction.KindPartyWarning)),
		prop("m12", owner, li, "clue-4", sanction.Measure{Kind: sanction.KindMarketBan, Months: 60}),
		prop("m13", commission, wang, "clue-5", kind(sanction.KindGovernmentDemerit)),
		prop("m14", appointing, wang, "clue-5", kind(sanction.KindGovernmentDemerit)),
		prop("m15", commission, wang, "clue-6", kind(sanction.KindGovernmentDemerit)),
		prop("m16", owner, wang, "clue-5", amount("20000", "")),
		prop("m17", commission, wang, "clue-5", amount("20000", "")),
	}
}

func TestOrderIndependence(t *testing.T) {
	in := storyMix()
	want, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	assertComplete(t, in, want)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)

	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		perm := append([]sanction.Proposal(nil), in...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		got, err := sanction.Resolve(perm, decided)
		require.NoError(t, err)
		gotJSON, err := json.Marshal(got)
		require.NoError(t, err)
		require.JSONEq(t, string(wantJSON), string(gotJSON))
	}
}

func TestStoryMixOutcome(t *testing.T) {
	in := storyMix()
	res, err := sanction.Resolve(in, decided)
	require.NoError(t, err)
	require.Len(t, res.Persons, 3)

	z := person(t, res, zhang)
	// Two acts with 记过 (clue-1 after art. 16 against the appointing body's
	// 警告, clue-2): combined under art. 15.
	g := appliedKind(t, z, sanction.KindGovernmentDemerit)
	assert.Equal(t, sanction.RuleGovernmentCombination, g.Rule)
	assert.Equal(t, sanction.MonthRange{Min: 12, Max: 24}, g.Period.Range)
	assert.Equal(t, []uuid.UUID{id("m5")}, g.Absorbed)
	// Two acts with 严重警告: escalated.
	assert.Equal(t, sanction.RulePartyEscalation, appliedKind(t, z, sanction.KindPartyRemovalFromPost).Rule)
	// 诫勉 for two acts: one 诫勉.
	adm := appliedKind(t, z, sanction.KindAdmonishment)
	assert.Equal(t, sanction.RuleMerged, adm.Rule)
	assert.Len(t, adm.Matters, 2)

	w := person(t, res, wang)
	wg := appliedKind(t, w, sanction.KindGovernmentDemerit)
	assert.Len(t, wg.Proposals, 2, "m13 and m15; m14 subsumed by art. 16")
	pay := appliedKind(t, w, sanction.KindPayDeduction)
	assert.Equal(t, sanction.RuleMerged, pay.Rule)
}

func TestJSON(t *testing.T) {
	res, err := sanction.Resolve(storyMix(), decided)
	require.NoError(t, err)
	b, err := json.Marshal(res)
	require.NoError(t, err)
	s := string(b)
	for _, key := range []string{`"decided_on":"2026-03-10"`, `"persons"`, `"proposal_id"`, `"by_measure"`, `"by_proposal"`,
		`"reason":"heavier_prevails"`, `"reason":"no_duplicate_sanction"`, `"lifted_on":"2028-03-11"`, `"matter_id"`,
		`"deduction":{"basis":"percent","value":"50"}`, `"seed":"002"`} {
		assert.Contains(t, s, key)
	}
	var back sanction.Result
	require.NoError(t, json.Unmarshal(b, &back))
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, s, string(b2))

	var p sanction.Proposal
	require.NoError(t, json.Unmarshal([]byte(`{"id":"`+id("j").String()+`","agency":{"id":"`+id("a").String()+
		`","kind":"soe_owner"},"person":{"id":"`+id("z").String()+`"},"matter_id":"`+id("c").String()+
		`","measure":{"kind":"accountability_pay_deduction","deduction":{"basis":"percent","value":"12.5"}}}`), &p))
	assert.True(t, p.Measure.Deduction.Value.Equal(dec("12.5")))
}

func TestClassifyLoss(t *testing.T) {
	tests := []struct {
		loss string
		want sanction.LossTier
	}{
		{"0", sanction.LossOrdinary},
		{"4999999.99", sanction.LossOrdinary},
		{"5000000", sanction.LossLarger},
		{"49999999.99", sanction.LossLarger},
		{"50000000", sanction.LossMajor},
		{"1e12", sanction.LossMajor},
	}
	for _, tt := range tests {
		got, err := sanction.ClassifyLoss(dec(tt.loss))
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, tt.loss)
	}
	_, err := sanction.ClassifyLoss(dec("-0.01"))
	assert.ErrorIs(t, err, sanction.ErrInvalidLoss)
	_, err = sanction.ClassifyLoss(decimal.New(1, 2_000_000_000))
	assert.ErrorIs(t, err, sanction.ErrInvalidLoss)
	var fe *sanction.FieldError
	assert.ErrorAs(t, err, &fe)

	p := sanction.Proposal{Facts: []sanction.Fact{{Loss: dec("3000000")}, {Loss: dec("2500000")}}}
	assert.True(t, p.Loss().Equal(dec("5500000")))
}

func TestKinds(t *testing.T) {
	for _, f := range []sanction.Family{sanction.FamilyParty, sanction.FamilyGovernment, sanction.FamilyEnterprise,
		sanction.FamilyOrganizational, sanction.FamilyAccountability} {
		assert.NotEmpty(t, f.Name())
		for i, k := range sanction.Kinds(f) {
			assert.True(t, k.Valid(), k)
			assert.Equal(t, f, k.Family())
			assert.NotEmpty(t, k.Name())
			if f != sanction.FamilyAccountability {
				assert.Equal(t, i+1, k.Grade(), k)
			}
		}
	}
	months := map[sanction.Kind]int{}
	for _, k := range sanction.Kinds(sanction.FamilyGovernment) {
		months[k], _ = k.StatutoryPeriod()
	}
	assert.Equal(t, map[sanction.Kind]int{sanction.KindGovernmentWarning: 6, sanction.KindGovernmentDemerit: 12,
		sanction.KindGovernmentMajorDemerit: 18, sanction.KindGovernmentDemotion: 24, sanction.KindGovernmentDismissal: 24,
		sanction.KindGovernmentExpulsion: 0}, months)
	_, perm := sanction.KindGovernmentExpulsion.StatutoryPeriod()
	assert.True(t, perm)
	assert.False(t, sanction.Kind("x").Valid())
	assert.Empty(t, sanction.Kind("x").Name())
	assert.Nil(t, sanction.Kinds("x"))
	assert.Equal(t, "《公职人员政务处分法》第十五条", sanction.Citation{Source: "公职人员政务处分法", Article: "第十五条"}.String())
}

// One vocabulary of bodies: the sanction kinds that clue also knows carry clue's values;
// the deciding bodies clue has no role for are not clue kinds.
func TestAgencyVocabulary(t *testing.T) {
	shared := map[sanction.AgencyKind]clue.AgencyKind{
		sanction.AgencyDisciplineCommission: clue.KindDisciplineCommission,
		sanction.AgencySOEOwner:             clue.KindSOEOwner,
	}
	for _, k := range sanction.AgencyKind("").Values() {
		if c, ok := shared[k]; ok {
			assert.Equal(t, string(c), string(k))
			continue
		}
		assert.False(t, clue.AgencyKind(k).Valid(), "%s is declared by clue: use its value", k)
		assert.NotEmpty(t, k.Name())
	}
	for _, c := range clue.AgencyKind("").Values() {
		if sanction.AgencyKind(c).Name() != "" {
			assert.Contains(t, shared, sanction.AgencyKind(c), "%s: a clue kind redeclared by sanction", c)
		}
	}
}
