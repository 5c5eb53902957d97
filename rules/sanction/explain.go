package sanction

import (
	"strconv"
	"strings"

	"github.com/google/uuid"
)

func personName(p Person) string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID.String()
}

func agencyName(a Agency) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Kind.Name()
}

func matterName(id uuid.UUID) string {
	return "问题线索" + id.String()[:8]
}

// standardText names the standard a proposal applied, if given.
func standardText(p *Proposal) string {
	if p.Standard == "" {
		return ""
	}
	return "依" + p.Standard
}

// measureText describes a measure in Chinese: "扣减薪酬50%", "留党察看二年".
func measureText(m Measure) string {
	switch m.Kind {
	case KindPayDeduction:
		if m.Deduction.Basis == DeductionPercent {
			return "扣减薪酬" + m.Deduction.Value.String() + "%"
		}
		return "扣减薪酬" + m.Deduction.Value.String() + "元"
	case KindMarketBan:
		if m.Permanent {
			return "终身禁入限制"
		}
		return "禁入限制" + strconv.Itoa(m.Months) + "个月"
	case KindPartyProbation:
		switch m.Months {
		case 12:
			return "留党察看一年"
		case 24:
			return "留党察看二年"
		}
	}
	return m.Kind.Name()
}

func joinKinds(ks []Kind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.Name()
	}
	return strings.Join(names, "、")
}

// agencies lists the distinct proposing agencies of es, in order.
func agencies(es []*entry) string {
	var names []string
	seen := map[uuid.UUID]bool{}
	for _, e := range es {
		if !seen[e.p.Agency.ID] {
			seen[e.p.Agency.ID] = true
			names = append(names, agencyName(e.p.Agency))
		}
	}
	return strings.Join(names, "、")
}

func matters(es []*entry) string {
	var names []string
	seen := map[uuid.UUID]bool{}
	for _, e := range es {
		if !seen[e.p.Matter] {
			seen[e.p.Matter] = true
			names = append(names, matterName(e.p.Matter))
		}
	}
	return strings.Join(names, "、")
}

// explainApplied explains an applied measure in Chinese.
func explainApplied(f *final, person Person, sup []*entry, losses []loss, hasSanction bool) string {
	var b strings.Builder
	mt := measureText(f.measure)
	switch f.rule {
	case RuleProposed:
		b.WriteString(agencyName(sup[0].p.Agency) + "就" + matterName(sup[0].p.Matter) + "提出" + mt + ",予以执行。")
	case RuleMerged:
		if len(f.units) > 1 {
			b.WriteString(personName(person) + "的" + matters(sup) + "均应给予" + mt + ",合并处理,只执行一次" + mt + "。")
		} else {
			b.WriteString(agencies(sup) + "就" + matters(sup) + "均提出" + mt + ",依" + citeMerge().String() +
				"合并处理,只执行一次。")
		}
	case RulePartyEscalation:
		b.WriteString(personName(person) + "有" + strconv.Itoa(len(f.from)) + "项违纪行为,应受处分分别为" + joinKinds(f.from) + "。")
		top := KindPartyWarning
		for _, k := range f.from {
			if k.Grade() > top.Grade() {
				top = k
			}
		}
		if top == KindPartyExpulsion {
			b.WriteString("其中一项应当给予开除党籍处分,依" + citeParty("第二十四条").String() + "给予开除党籍处分。")
		} else {
			b.WriteString("依" + citeParty("第二十四条").String() + ",按其中最高的" + top.Name() + "加重一档,给予" +
				f.measure.Kind.Name() + "处分。")
			if f.skippedRemoval() {
				b.WriteString("本人未担任党内职务,不适用撤销党内职务(" + citeParty("第十一条").String() + "),加重一档为留党察看。")
			}
		}
		if f.rng.Max > 0 {
			b.WriteString("察看期可为一年或二年,本结果取" + strconv.Itoa(f.measure.Months) + "个月。")
		}
	case RuleGovernmentAbsorption:
		b.WriteString(personName(person) + "有" + strconv.Itoa(len(f.from)) + "项违法行为,应给予的" + f.family.Name() + "分别为" +
			joinKinds(f.from) + ";种类不同,依" + combinationCitation(f.family).String() + "执行其中最重的" + mt + "。")
	case RuleGovernmentCombination:
		heavy := 0
		for _, k := range f.from {
			if k == f.measure.Kind {
				heavy++
			}
		}
		b.WriteString(personName(person) + "有" + strconv.Itoa(len(f.from)) + "项违法行为,应给予的" + f.family.Name() + "分别为" +
			joinKinds(f.from) + ";其中" + strconv.Itoa(heavy) + "项为" + mt + ",依" + combinationCitation(f.family).String() +
			"合并执行一个" + mt + ",处分期在" + strconv.Itoa(f.rng.Min) + "个月以上、" + strconv.Itoa(f.rng.Max) +
			"个月以下确定(最长不超过48个月),本结果取" + strconv.Itoa(f.measure.Months) + "个月。")
	case RuleOrganizationalAbsorption:
		b.WriteString(personName(person) + "的" + strconv.Itoa(len(f.from)) + "项问题分别提出" + joinKinds(f.from) +
			",依从重但不重复原则执行其中最重的" + mt + "(" + citeLibrary(artLibOrg).String() + ")。")
	}
	for _, l := range losses {
		why := ""
		switch l.reason {
		case ReasonHeavierPrevails:
			why = "(从重但不重复)"
		case ReasonNoDuplicateSanction:
			why = "(不得重复处分)"
		case ReasonEqualSeverity:
			why = "(同一事项只执行一项)"
		default:
			continue
		}
		b.WriteString("同一事项中" + agencyName(l.e.p.Agency) + "提出的" + measureText(l.e.p.Measure) + "不再执行" + why + "。")
	}
	if f.family == FamilyOrganizational && hasSanction {
		b.WriteString("依" + citeGov("第十七条").String() + ",组织处理可以与政务处分同时给予。")
	}
	for _, e := range sup {
		if len(e.p.Circumstances) > 0 {
			b.WriteString("提出时所认定的从轻、从重等情节已在所提措施中体现,不再重复适用。")
			break
		}
	}
	return b.String()
}

// explainLoss explains why a proposal is subsumed, in Chinese.
func explainLoss(l loss, f *final, person Person) string {
	own := agencyName(l.e.p.Agency) + "就" + matterName(l.e.p.Matter) + standardText(l.e.p) + "提出的" + measureText(l.e.p.Measure)
	by := agencyName(l.by.p.Agency) + standardText(l.by.p) + "提出的" + measureText(l.by.p.Measure)
	switch l.reason {
	case ReasonHeavierPrevails:
		return own + "与" + by + "针对同一事项、同一责任人,处理标准不一致;依" + l.cite.String() +
			",执行较重的" + measureText(l.by.p.Measure) + ",本项不再执行。"
	case ReasonEqualSeverity:
		return own + "与" + by + "针对同一事项、同一责任人,轻重相当;同一事项只执行一项(" + l.cite.String() +
			"),执行" + measureText(l.by.p.Measure) + ",本项不再执行。"
	case ReasonNoDuplicateSanction:
		cmpText := "(轻重相同,按确定次序择一)"
		if heavier(l.by, l.e) > 0 {
			cmpText = "(较重)"
		}
		return "对同一违法行为,监察机关和任免机关、单位不得重复给予政务处分和处分(" + l.cite.String() + ");" +
			by + cmpText + "予以执行," + own + "不再给予。"
	case ReasonAbsorbed:
		if f.family.isSanction() {
			return personName(person) + "有数项违法行为,应给予的处分种类不同,依" + l.cite.String() + "只执行其中最重的" +
				measureText(f.measure) + ";" + own + "不再单独执行。"
		}
		return personName(person) + "数项问题的组织处理依从重但不重复只执行最重的" + measureText(f.measure) + "(" +
			l.cite.String() + ");" + own + "不再单独执行。"
	}
	return own + "不再执行。"
}
