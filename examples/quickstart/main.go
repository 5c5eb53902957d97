// Command quickstart walks one audit clue (seed 002, 郴州) through the whole loop
// 移送—处置—反馈—评估 on the embedded reference rules, across the Dragon Boat holiday and National Day 2026, and prints
// every obligation the rules fix and every decision they make.
//
//	go run ./examples/quickstart
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
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

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
	fmt.Fprintf(w, "reference bundle %s: %d policies\n", bundle.Version(), len(bundle.Policies()))
	deadlines := domain.Clue(bundle)

	cst := workday.Location()
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, cst) }
	audit := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000a0d1"), Kind: clue.KindAudit, Name: "郴州市审计局", Level: clue.LevelMunicipal}
	commission := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-0000000c0111"), Kind: clue.KindDisciplineCommission, Name: "郴州市纪委监委", Level: clue.LevelMunicipal}
	office := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-0000000c0112"), Kind: clue.KindSupervisionOffice, Name: "第三监督检查室", Parent: commission.ID}
	asAudit := clue.Actor{Agency: audit.ID, Person: "审计执行科"}
	asCommission := clue.Actor{Agency: commission.ID, Person: "案件监督管理室"}

	c, ev, err := clue.Draft(ctx, uuid.MustParse("00000000-0000-0000-0000-00000000c1e0"), clue.Command{
		Actor: asAudit, At: at(6, 15, 17),
		Package: &clue.Package{
			Number: "郴审移〔2026〕12号", Source: audit, Receiver: commission,
			Subjects: []clue.Person{{Name: "某局原局长", PartyMember: true, PublicOfficial: true}},
			Matter:   "专项资金管理使用审计发现违规拨付", Domain: "专项资金",
			Amount:              decimal.RequireFromString("3200000.00"),
			Evidence:            []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:4f1c"}},
			ConclusiveOpinionAt: at(6, 15, 16),
		},
	}, deadlines)
	if err != nil {
		return err
	}
	show(w, c, ev)
	steps := []clue.Command{
		{Step: clue.StepTransfer, Actor: asAudit, At: at(6, 30, 10), Reason: "结论性意见之日起10个工作日内移送（跨端午假期）"},
		{Step: clue.StepRegister, Actor: asCommission, At: at(7, 7, 15)},
		{Step: clue.StepAssign, Actor: asCommission, At: at(7, 8, 9), Office: &office},
		{Step: clue.StepDecide, Actor: clue.Actor{Agency: office.ID}, At: at(7, 30, 10), Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "初步核实"}},
		{Step: clue.StepProgressFeedback, Actor: asCommission, At: at(9, 30, 10), Feedback: &clue.Feedback{Kind: clue.FeedbackProgress, To: audit.ID, Summary: "已初步核实，正在查办"}},
		{Step: clue.StepConclude, Actor: clue.Actor{Agency: office.ID}, At: at(10, 8, 17), Result: "立案审查，给予记过处分"},
		{Step: clue.StepResultFeedback, Actor: asCommission, At: at(10, 9, 10), Feedback: &clue.Feedback{Kind: clue.FeedbackResult, To: audit.ID, Summary: "已办结"}},
		{Step: clue.StepEvaluate, Actor: asAudit, At: at(10, 12, 16), Evaluation: &clue.Evaluation{By: audit.ID, Rating: clue.RatingSatisfied, UseOfResults: "纳入下年度审计计划"}},
	}
	for _, cmd := range steps {
		ev, err := c.Do(ctx, cmd, deadlines)
		if err != nil {
			return err
		}
		show(w, c, ev)
	}
	d, err := bundle.Check(ctx, c, at(10, 12, 17))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\ndecision at 2026-10-12 17:00 (bundle %s): %d policies matched, %d violations, compliant=%v\n",
		d.BundleVersion, len(d.Matched), len(d.Violations), d.Compliant())
	for _, v := range d.Violations {
		fmt.Fprintf(w, "  %s %s: %s\n", v.Severity, v.Reason, v.Message)
	}
	fmt.Fprintln(w, "\nobligations of the clue:")
	for _, o := range c.Obligations {
		status := "open"
		switch {
		case o.OnTime():
			status = "met on time " + o.Met.Format("2006-01-02 15:04")
		case !o.Met.IsZero():
			status = "met late " + o.Met.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "  %-18s due %s  %-32s (%s)\n", o.Kind, o.Due.Format("2006-01-02"), status, o.PolicyID)
	}
	return nil
}

func show(w io.Writer, c *clue.Clue, ev clue.Event) {
	fmt.Fprintf(w, "%s  %-17s %s -> %s\n", ev.At.Format("2006-01-02 15:04"), ev.Step, ev.From, ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(w, "    + obligation %s due %s (%s)\n", o.Kind, o.Due.Format("2006-01-02"), o.PolicyID)
	}
}
