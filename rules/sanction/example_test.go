package sanction_test

import (
	"context"
	"fmt"

	"github.com/guantong/guantong/rules/sanction"
)

// The 成都 story: for the same act, the commission proposes 记过 with a 50%
// pay deduction; the SOE owner proposes 诫勉 with a 30% pay deduction.
func ExampleResolve() {
	proposals := []sanction.Proposal{
		prop("c-demerit", commission, zhang, "clue-1", kind(sanction.KindGovernmentDemerit)),
		prop("c-pay", commission, zhang, "clue-1", percent("50")),
		prop("o-admonish", owner, zhang, "clue-1", kind(sanction.KindAdmonishment)),
		prop("o-pay", owner, zhang, "clue-1", percent("30")),
	}
	res, err := sanction.Resolve(proposals, cst(2026, 3, 10, 9))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range res.Persons[0].Applied {
		fmt.Println("applied:", measureLabel(a.Measure), "proposed by", a.Proposals[0].Agency.Name)
		if a.Period.Months > 0 {
			fmt.Println("  period:", a.Period.Start, "to", a.Period.End, "lifted on", a.Period.LiftedOn)
		}
		for _, e := range a.Effects {
			fmt.Println("  effect:", e.Kind, "until", e.Until)
		}
	}
	for _, s := range res.Persons[0].Subsumed {
		fmt.Println("subsumed:", measureLabel(s.Measure), s.Reason, s.Citation.Seed)
		fmt.Println(" ", s.Explanation)
	}
	// Output:
	// applied: government_demerit proposed by 市纪委监委
	//   period: 2026-03-10 to 2027-03-10 lifted on 2027-03-11
	//   effect: no_promotion until 2027-03-10
	//   effect: no_pay_grade_promotion until 2027-03-10
	// applied: org_admonishment proposed by 市国资委
	//   effect: no_promotion until 2026-09-10
	// applied: accountability_pay_deduction 50% proposed by 市纪委监委
	// subsumed: accountability_pay_deduction 30% heavier_prevails 002
	//   市国资委就问题线索4aba0503提出的扣减薪酬30%与市纪委监委提出的扣减薪酬50%针对同一事项、同一责任人,处理标准不一致;依《成都市纪检监察监督与出资人监督贯通协同工作办法(试行)》“从重但不重复”(seed 002),执行较重的扣减薪酬50%,本项不再执行。
}

// Two violations each warranting 严重警告 escalate one grade to 撤销党内职务
// (纪律处分条例 art. 24).
func ExampleResolver_Resolve_partyEscalation() {
	r := sanction.New()
	res, err := r.Resolve(context.Background(), []sanction.Proposal{
		prop("p1", commission, zhang, "clue-1", kind(sanction.KindPartySeriousWarning)),
		prop("p2", commission, zhang, "clue-2", kind(sanction.KindPartySeriousWarning)),
	}, cst(2026, 3, 10, 9))
	if err != nil {
		fmt.Println(err)
		return
	}
	a := res.Persons[0].Applied[0]
	fmt.Println(a.Measure.Kind, a.Rule, len(a.Proposals))
	fmt.Println(a.Explanation)
	// Output:
	// party_removal_from_post party_escalation 2
	// 张某有2项违纪行为,应受处分分别为党内严重警告、党内严重警告。依《中国共产党纪律处分条例》第二十四条,按其中最高的党内严重警告加重一档,给予撤销党内职务处分。
}

func measureLabel(m sanction.Measure) string {
	if m.Kind == sanction.KindPayDeduction {
		return string(m.Kind) + " " + m.Deduction.Value.String() + "%"
	}
	return string(m.Kind)
}
