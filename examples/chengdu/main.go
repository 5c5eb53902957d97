// Command chengdu runs the 成都 mechanism of seed 002 (纪检监察监督与出资人监督贯通协同) on the
// embedded reference rules: the SOE owner (出资人) finds a clue of a suspected duty crime with a
// risk of evidence being destroyed on the eve of National Day 2026 and transfers it to the
// discipline commission at once (第一时间); a clue that only concerns irregular business
// investment (违规经营投资) carries no such duty. The commission and the owner then propose
// differing measures for the same matter and the same person, and the resolver merges them
// (能合并处理的则合并) and applies the heavier, never twice (从重但不重复).
//
//	go run ./examples/chengdu
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "chengdu:", err)
		os.Exit(1)
	}
}

func at(m time.Month, d, h int) time.Time {
	return time.Date(2026, m, d, h, 0, 0, 0, workday.Location())
}

func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }

var (
	ownerID      = uuid.MustParse("00000000-0000-0000-0000-0000000050e1")
	commissionID = uuid.MustParse("00000000-0000-0000-0000-00000000c0d1")
	personID     = uuid.MustParse("00000000-0000-0000-0000-0000000000a1")
	clueID       = uuid.MustParse("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c")
)

func run(w io.Writer) error {
	ctx := context.Background()
	cal, err := workday.New()
	if err != nil {
		return err
	}
	bundle, err := policies.Bundle(cal)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "成都 (seed 002): SOE owner and discipline commission, reference bundle %s\n", bundle.Version())
	deadlines := domain.Clue(bundle)

	owner := clue.Agency{ID: ownerID, Kind: clue.KindSOEOwner, Name: "成都市国资委", Level: clue.LevelMunicipal, Region: "四川省成都市"}
	commission := clue.Agency{ID: commissionID, Kind: clue.KindDisciplineCommission, Name: "成都市纪委监委", Level: clue.LevelMunicipal, Region: "四川省成都市"}
	zhang := clue.Person{ID: personID, Name: "张某", Organization: "某市属国有集团", Position: "副总经理", PartyMember: true}
	evidence := []clue.Evidence{{Name: "会商研判纪要", Kind: clue.EvidenceDocument, Hash: "sha256:3c0a"}}

	// 1. Wednesday 30 September: the owner's joint assessment (会商研判) finds a suspected duty
	// crime with a risk that evidence is destroyed. 第一时间 is read as the end of the day of
	// discovery, a working day: Wednesday 30 September, the eve of National Day (1–7 October).
	fmt.Fprintln(w, "\n1. 第一时间移送")
	c, ev, err := clue.Draft(ctx, clueID, clue.Command{Actor: clue.Actor{Agency: owner.ID, Person: "责任追究处"}, At: at(9, 30, 15),
		Package: &clue.Package{
			Number: "成国资移〔2026〕9号", Source: owner, Receiver: commission, Subjects: []clue.Person{zhang},
			Matter: "涉嫌利用职务便利在工程分包中为他人谋利", Domain: "国有资产监管",
			Loss:         decimal.RequireFromString("6800000"),
			Evidence:     evidence,
			Flags:        clue.Flags{SuspectedDutyCrime: true, EvidenceLossRisk: true},
			DiscoveredAt: at(9, 30, 10),
		}}, deadlines)
	if err != nil {
		return err
	}
	show(w, ev)
	ev, err = c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: owner.ID}, At: at(9, 30, 17), Reason: "第一时间移送，防止证据灭失"}, deadlines)
	if err != nil {
		return err
	}
	show(w, ev)
	fmt.Fprintf(w, "    transfer met on time: %v\n", c.Obligations[0].OnTime())

	// A second clue of the same day concerns only irregular business investment: the owner
	// pursues it under its own accountability rules; no at-once duty arises.
	other, _, err := clue.Draft(ctx, uuid.MustParse("00000000-0000-0000-0000-00000000c1d1"), clue.Command{Actor: clue.Actor{Agency: owner.ID}, At: at(9, 30, 15),
		Package: &clue.Package{
			Source: owner, Receiver: commission, Subjects: []clue.Person{{Name: "李某", Organization: "某市属国有集团"}},
			Matter: "未经集体决策对外投资造成损失", Evidence: evidence,
			Flags:        clue.Flags{SuspectedDisciplineBreach: true, IrregularBusinessInvestment: true},
			DiscoveredAt: at(9, 30, 10),
		}}, deadlines)
	if err != nil {
		return err
	}
	d, err := bundle.Check(ctx, other, at(10, 9, 9))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "    违规经营投资 only: %d obligations, %d violations on %s (handled by the owner's accountability procedure)\n",
		len(d.Obligations), len(d.Violations), stamp(d.At))

	ev, err = c.Do(ctx, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: commission.ID, Person: "案件监督管理室"}, At: at(10, 8, 9)}, deadlines)
	if err != nil {
		return err
	}
	show(w, ev)

	// 2. The handling opinions: the commission and the owner, same matter, same person.
	fmt.Fprintln(w, "\n2. 处分处理意见：能合并处理的则合并，从重但不重复")
	sc := sanction.Agency{ID: commission.ID, Kind: sanction.AgencyDisciplineCommission, Name: commission.Name}
	so := sanction.Agency{ID: owner.ID, Kind: sanction.AgencySOEOwner, Name: owner.Name}
	person := sanction.Person{ID: zhang.ID, Name: zhang.Name, PartyMember: true}
	percent := func(v string) sanction.Measure {
		return sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionPercent, Value: decimal.RequireFromString(v)}}
	}
	proposals := []sanction.Proposal{
		{ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b1"), Agency: sc, Person: person, Matter: c.ID, Measure: sanction.Measure{Kind: sanction.KindGovernmentDemerit}},
		{ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b2"), Agency: sc, Person: person, Matter: c.ID, Measure: percent("50")},
		{ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b3"), Agency: so, Person: person, Matter: c.ID, Measure: sanction.Measure{Kind: sanction.KindAdmonishment}},
		{ID: uuid.MustParse("00000000-0000-0000-0000-0000000000b4"), Agency: so, Person: person, Matter: c.ID, Measure: percent("30"),
			Standard: "《市属国有企业违规经营投资责任追究实施办法》"},
	}
	for _, p := range proposals {
		fmt.Fprintf(w, "  proposed by %s: %s\n", p.Agency.Name, measure(p.Measure))
	}
	byID := map[uuid.UUID]sanction.Proposal{}
	for _, p := range proposals {
		byID[p.ID] = p
	}
	decided := at(12, 10, 15)
	// The grouping key, comparable classes, severity and the pay-deduction rule are the
	// reference CEL policies (rules/policies/sanction), evaluated once per proposal.
	res, err := sanction.New(sanction.WithPolicy(domain.Sanction(bundle))).Resolve(ctx, proposals, decided)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "resolved on %s:\n", res.DecidedOn)
	for _, pr := range res.Persons {
		for _, a := range pr.Applied {
			fmt.Fprintf(w, "  apply %s (%s), proposed by %s\n", measure(a.Measure), a.Rule, a.Proposals[0].Agency.Name)
			if a.Period.Months > 0 {
				fmt.Fprintf(w, "    period %d months: %s – %s, lifted on %s\n", a.Period.Months, a.Period.Start, a.Period.End, a.Period.LiftedOn)
			}
			for _, e := range a.Effects {
				fmt.Fprintf(w, "    %s until %s (%s)\n", e.Text, e.Until, e.Citation)
			}
			for _, b := range a.Basis {
				fmt.Fprintf(w, "    basis: %s\n", b)
			}
			for _, id := range a.Absorbed {
				p := byID[id]
				fmt.Fprintf(w, "    absorbs: %s, proposed by %s\n", measure(p.Measure), p.Agency.Name)
			}
			fmt.Fprintf(w, "    %s\n", a.Explanation)
		}
		for _, s := range pr.Subsumed {
			fmt.Fprintf(w, "  not applied: %s, proposed by %s — %s (%s)\n", measure(s.Measure), s.Agency.Name, s.Reason, s.Citation)
			fmt.Fprintf(w, "    %s\n", s.Explanation)
		}
		seen := len(pr.Subsumed)
		for _, a := range pr.Applied {
			seen += len(a.Proposals)
		}
		fmt.Fprintf(w, "%s: %d measures applied, %d subsumed; %d of %d proposals accounted for\n", pr.Person.Name, len(pr.Applied), len(pr.Subsumed), seen, len(proposals))
	}
	return nil
}

// measure names a measure in Chinese, with its percentage for a pay deduction.
func measure(m sanction.Measure) string {
	if m.Kind == sanction.KindPayDeduction && m.Deduction.Basis == sanction.DeductionPercent {
		return m.Kind.Name() + m.Deduction.Value.String() + "%"
	}
	return m.Kind.Name()
}

func show(w io.Writer, ev clue.Event) {
	from := string(ev.From)
	if ev.From == clue.StateNone {
		from = "(new)"
	}
	fmt.Fprintf(w, "%s  %-9s %s -> %s\n", stamp(ev.At), ev.Step, from, ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(w, "    + %s due %s (%s)\n", o.Kind, o.Due.Format(time.DateOnly), o.PolicyID)
	}
}
