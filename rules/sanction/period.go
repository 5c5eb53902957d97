package sanction

import (
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/rules/workday"
)

// addMonths returns the last day of a period of n months from start (Civil
// Code arts. 201–202), moved off rest days by the calendar when there is one
// (art. 203), with the calendar's certainty ("" without a calendar: no rest
// day was consulted).
func (r Resolver) addMonths(start time.Time, n int) (workday.Date, workday.Certainty, error) {
	if r.cal != nil {
		res, err := r.cal.AddMonths(start, n)
		if err != nil {
			return workday.Date{}, "", err
		}
		return workday.DateOf(res.Time), res.Certainty, nil
	}
	last := workday.DateOf(start).AddMonths(n)
	if last.Year > 9999 {
		return workday.Date{}, "", errorf(ErrInvalidPeriod, "period ends after the year 9999")
	}
	return last, "", nil
}

// effectSpec is an effect before dates are computed.
type effectSpec struct {
	kind      EffectKind
	months    int
	permanent bool
	cite      Citation
	text      string
}

// periodOf computes the period and effects of a final measure.
func (r Resolver) periodOf(f *final, id uuid.UUID, decided time.Time, hasDate bool) (Period, []Effect, error) {
	m := f.measure
	var (
		p       Period
		specs   []effectSpec
		months  int  // the period's length; 0 when the measure has no period
		lift    bool // the measure lapses of itself after the period
		hasSpan bool
	)
	switch m.Kind.Family() {
	case FamilyParty:
		switch m.Kind {
		case KindPartyWarning:
			specs = append(specs, effectSpec{EffectNoPromotion, 12, false, citeParty("第十条"),
				"一年内不得在党内提升职务和向党外组织推荐担任高于其原任职务的党外职务"})
		case KindPartySeriousWarning:
			specs = append(specs, effectSpec{EffectNoPromotion, 18, false, citeParty("第十条"),
				"一年半内不得在党内提升职务和向党外组织推荐担任高于其原任职务的党外职务"})
		case KindPartyRemovalFromPost:
			specs = append(specs, effectSpec{EffectNoEquivalentPost, 24, false, citeParty("第十一条"),
				"二年内不得在党内担任和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务"})
		case KindPartyProbation:
			months, hasSpan = m.Months, true
			specs = append(specs, effectSpec{EffectNoEquivalentPost, m.Months + 24, false, citeParty("第十二条"),
				"察看期满恢复党员权利后二年内不得在党内和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务"})
		case KindPartyExpulsion:
			p.Permanent = true
			specs = append(specs, effectSpec{EffectNoRejoin, 60, false, citeParty("第十三条"), "五年内不得重新入党"})
		}
	case FamilyGovernment, FamilyEnterprise:
		if m.Kind.Grade() == KindGovernmentExpulsion.Grade() {
			p.Permanent = true
			break
		}
		months, hasSpan, lift = m.Months, true, true
		cite, text := citeGov("第十九条"), "政务处分期内不得晋升职务、职级、衔级和级别"
		payText := "不得晋升工资档次"
		if f.family == FamilyEnterprise {
			cite, text = citeGov("第二十一条"), "处分期内不得晋升职务、岗位等级和职称"
			payText = "不得晋升薪酬待遇等级"
		}
		specs = append(specs, effectSpec{EffectNoPromotion, months, false, cite, text})
		if m.Kind.Grade() >= KindGovernmentDemerit.Grade() {
			specs = append(specs, effectSpec{EffectNoPayGradePromotion, months, false, cite, "处分期内" + payText})
		}
	case FamilyOrganizational:
		org := Citation{Source: srcOrg}
		switch m.Kind {
		case KindAdmonishment:
			specs = append(specs, effectSpec{EffectNoPromotion, 6, false, Citation{Source: srcAdmonish}, "六个月内不得提拔或者重用"})
		case KindTransfer:
			specs = append(specs, effectSpec{EffectNoPromotion, 12, false, org, "一年内不得提拔"})
		case KindOrderedResignation, KindRemoval:
			specs = append(specs,
				effectSpec{EffectNoLeadershipPost, 12, false, org, "一年内不得安排领导职务"},
				effectSpec{EffectNoPromotion, 24, false, org, "二年内不得担任高于原任职务层级的领导职务"})
		case KindDemotion:
			specs = append(specs, effectSpec{EffectNoPromotion, 24, false, org, "二年内不得提拔"})
		}
	case FamilyAccountability:
		if m.Kind == KindMarketBan {
			text := "不得担任国有企业董事、监事、高级管理人员"
			if m.Permanent {
				p.Permanent = true
				specs = append(specs, effectSpec{EffectMarketBan, 0, true, citeSASAC(), "终身" + text})
			} else {
				months, hasSpan = m.Months, true
				specs = append(specs, effectSpec{EffectMarketBan, m.Months, false, citeSASAC(), text})
			}
		}
	}
	if hasSpan {
		p.Months = months
		p.Range = f.rng
	}
	start := workday.Date{}
	if hasDate {
		start = workday.DateOf(decided)
	}
	if hasDate && hasSpan {
		p.Start = start
		end, fb, err := r.addMonths(decided, months)
		if err != nil {
			return Period{}, nil, &PeriodError{Measure: id, Kind: m.Kind, Err: err}
		}
		p.End, p.Certainty = end, fb
		if lift {
			p.LiftedOn = end.AddDays(1)
		}
	}
	var effects []Effect
	for _, s := range specs {
		e := Effect{Kind: s.kind, Months: s.months, Permanent: s.permanent, Citation: s.cite, Text: s.text}
		if hasDate && !s.permanent {
			until, fb, err := r.addMonths(decided, s.months)
			if err != nil {
				return Period{}, nil, &PeriodError{Measure: id, Kind: m.Kind, Err: err}
			}
			e.Until = until
			p.Certainty = p.Certainty.Weaker(fb)
		}
		effects = append(effects, e)
	}
	return p, effects, nil
}
