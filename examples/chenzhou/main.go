// Command chenzhou runs the 郴州 mechanism of seed 002 (纪检监察监督、巡察监督与审计监督贯通协同)
// on the embedded reference rules: an audit clue whose conclusive opinion (结论性意见) comes the
// day before the Dragon Boat holiday 2026 is transferred within 10 working days, registered
// in one place by the case-management office, answered with written progress feedback within
// 3 months, and disposed of late, so that a reminder letter (工作提示函) goes out and then
// supervised handling (督办); the ledger is reviewed every quarter (一季一梳理).
//
//	go run ./examples/chenzhou
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
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
		fmt.Fprintln(os.Stderr, "chenzhou:", err)
		os.Exit(1)
	}
}

func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, workday.Location())
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
	fmt.Fprintf(w, "郴州 (seed 002): audit clue across 端午 2026, reference bundle %s\n\n", bundle.Version())
	deadlines := domain.Clue(bundle)

	audit := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-0000000a0d17"), Kind: clue.KindAudit, Name: "郴州市审计局", Level: clue.LevelMunicipal, Region: "湖南省郴州市"}
	commission := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000c0c1"), Kind: clue.KindDisciplineCommission, Name: "郴州市纪委监委", Level: clue.LevelMunicipal, Region: "湖南省郴州市"}
	office := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000c0c2"), Kind: clue.KindSupervisionOffice, Name: "第二监督检查室", Parent: commission.ID}
	name := map[uuid.UUID]string{audit.ID: audit.Name, commission.ID: commission.Name, office.ID: office.Name}
	asAudit := clue.Actor{Agency: audit.ID, Person: "审计执行科"}
	asCMO := clue.Actor{Agency: commission.ID, Person: "案件监督管理室"}

	// Thursday 18 June: the audit office reaches its conclusive opinion on the eve of the
	// Dragon Boat holiday (19–21 June). 10 working days: 22–26 June, 29 June – 3 July.
	c, ev, err := clue.Draft(ctx, uuid.MustParse("00000000-0000-0000-0000-00000000c2e0"), clue.Command{
		Actor: asAudit, At: at(6, 18, 17, 0),
		Package: &clue.Package{
			Number: "郴审移〔2026〕7号", Source: audit, Receiver: commission,
			Subjects:            []clue.Person{{Name: "某县水利局原局长", Organization: "某县水利局", PartyMember: true, PublicOfficial: true}},
			Matter:              "经济责任审计发现违规发放津补贴、虚列工程支出",
			Domain:              "水利工程",
			Amount:              decimal.RequireFromString("1860000.00"),
			Evidence:            []clue.Evidence{{Name: "经济责任审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:9b2e"}, {Name: "审计取证单", Kind: clue.EvidenceAuditWork, Hash: "sha256:77c1"}},
			ConclusiveOpinionAt: at(6, 18, 16, 0),
		},
	}, deadlines)
	if err != nil {
		return err
	}
	show(w, ev)

	steps := []clue.Command{
		{Step: clue.StepTransfer, Actor: asAudit, At: at(7, 2, 10, 0), Reason: "结论性意见之日起10个工作日内移送"},
		{Step: clue.StepRegister, Actor: asCMO, At: at(7, 6, 9, 30), Reason: "归口接收，建立专门台账"},
		{Step: clue.StepAssign, Actor: asCMO, At: at(7, 7, 9, 0), Office: &office},
		{Step: clue.StepDecide, Actor: clue.Actor{Agency: office.ID}, At: at(7, 30, 15, 0), Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "优先办理，初步核实"}},
		{Step: clue.StepProgressFeedback, Actor: asCMO, At: at(9, 29, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackProgress, To: audit.ID, Summary: "已初步核实，正在调取工程结算资料", Document: "郴纪反馈〔2026〕41号"}},
	}
	for _, cmd := range steps {
		ev, err := c.Do(ctx, cmd, deadlines)
		if err != nil {
			return err
		}
		show(w, ev)
	}

	// 一季一梳理: the third-quarter review on 30 September.
	if err := review(w, c, 3, at(9, 30, 17, 0), cal, name); err != nil {
		return err
	}

	// The disposal limit (3 months from registration: 6 October is National Day, so 8
	// October) passes with the clue still open.
	d, err := bundle.Check(ctx, c, at(10, 9, 9, 0))
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\ncheck at %s: compliant=%v\n", stamp(d.At), d.Compliant())
	for _, v := range d.Violations {
		fmt.Fprintf(w, "  %s %s: %s (%s)\n", v.Severity, v.Reason, v.Message, v.PolicyID)
	}
	if err := remind(ctx, w, c, at(10, 9, 9, 30), "郴纪提示〔2026〕12号", deadlines); err != nil {
		return err
	}
	if err := remind(ctx, w, c, at(10, 20, 9, 0), "郴纪督〔2026〕3号", deadlines); err != nil {
		return err
	}

	for _, cmd := range []clue.Command{
		{Step: clue.StepConclude, Actor: clue.Actor{Agency: office.ID}, At: at(10, 23, 17, 0), Result: "立案审查，给予政务记过处分，收缴违规发放津补贴"},
		{Step: clue.StepResultFeedback, Actor: asCMO, At: at(10, 26, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackResult, To: audit.ID, Summary: "已办结", Document: "郴纪反馈〔2026〕58号"}},
		{Step: clue.StepEvaluate, Actor: asAudit, At: at(10, 28, 16, 0), Evaluation: &clue.Evaluation{By: audit.ID, Rating: clue.RatingSatisfied, UseOfResults: "纳入下年度经济责任审计重点"}},
	} {
		ev, err := c.Do(ctx, cmd, deadlines)
		if err != nil {
			return err
		}
		show(w, ev)
	}

	// 一季一梳理 again, for the fourth quarter, in mid-December.
	if err := review(w, c, 4, at(12, 15, 17, 0), cal, name); err != nil {
		return err
	}

	fmt.Fprintln(w, "\nobligations of the clue:")
	for _, o := range c.Obligations {
		status := "open"
		switch {
		case o.OnTime():
			status = "met on time " + stamp(o.Met)
		case !o.Met.IsZero():
			status = "met LATE " + stamp(o.Met)
		}
		fmt.Fprintf(w, "  %-17s due %s  %-28s %s\n", o.Kind, o.Due.Format(time.DateOnly), status, o.PolicyID)
	}
	return nil
}

// remind sends the reminder the ledger says is owed at t and records it on the clue.
func remind(ctx context.Context, w io.Writer, c *clue.Clue, t time.Time, doc string, p clue.Policy) error {
	due := clue.RemindersDue(clue.Each([]clue.Clue{*c}), t)
	if len(due) != 1 {
		return fmt.Errorf("%d reminders due at %s, want 1", len(due), stamp(t))
	}
	r := due[0]
	fmt.Fprintf(w, "%s  reminder owed: %s (%s due %s, %d sent before)\n", stamp(t), r.Level, r.Obligation.Kind, r.Obligation.Due.Format(time.DateOnly), r.Sent)
	ev, err := c.Do(ctx, clue.Command{Step: clue.StepRemind, Actor: clue.Actor{Agency: c.Receiver.ID}, At: t,
		Reminder: &clue.Reminder{Kind: r.Obligation.Kind, Beneficiary: r.Obligation.Beneficiary, Level: r.Level, At: t, Document: doc}}, p)
	if err != nil {
		return err
	}
	show(w, ev)
	return nil
}

// review prints the quarterly ledger review (一季一梳理) of quarter q as it stands at t,
// with the obligations due within the next 5 working days.
func review(w io.Writer, c *clue.Clue, q int, t time.Time, cal *workday.Calendar, name map[uuid.UUID]string) error {
	p, err := clue.Quarter(2026, q)
	if err != nil {
		return err
	}
	r, err := clue.Review(clue.Each([]clue.Clue{*c}), p, t, 5, cal)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n一季一梳理 2026 Q%d, reviewed %s: received %d, concluded %d\n", q, stamp(t), r.Received, r.Concluded)
	fmt.Fprintf(w, "  duties due in the quarter: %d (on time %d, late %d, overdue %d, pending %d), on-time rate %s\n",
		r.Duties.Due, r.Duties.OnTime, r.Duties.Late, r.Duties.Overdue, r.Duties.Pending, r.Duties.OnTimeRate.StringFixed(2))
	kinds := make([]clue.ObligationKind, 0, len(r.ByKind))
	for k := range r.ByKind {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		x := r.ByKind[k]
		fmt.Fprintf(w, "    %-17s due %d, on time %d, late %d\n", k, x.Due, x.OnTime, x.Late)
	}
	obligors := make([]uuid.UUID, 0, len(r.ByObligor))
	for id := range r.ByObligor {
		obligors = append(obligors, id)
	}
	slices.SortFunc(obligors, func(a, b uuid.UUID) int { return strings.Compare(name[a], name[b]) })
	for _, id := range obligors {
		x := r.ByObligor[id]
		fmt.Fprintf(w, "    owed by %s: %d due, %d on time\n", name[id], x.Due, x.OnTime)
	}
	for _, it := range r.DueSoon {
		fmt.Fprintf(w, "  due within 5 working days: %s due %s\n", it.Obligation.Kind, it.Obligation.Due.Format(time.DateOnly))
	}
	for _, it := range r.Overdue {
		fmt.Fprintf(w, "  overdue: %s due %s\n", it.Obligation.Kind, it.Obligation.Due.Format(time.DateOnly))
	}
	return nil
}

func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }

func show(w io.Writer, ev clue.Event) {
	from := string(ev.From)
	if ev.From == clue.StateNone {
		from = "(new)"
	}
	fmt.Fprintf(w, "%s  %-17s %s -> %s\n", stamp(ev.At), ev.Step, from, ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(w, "    + %s due %s (%s)\n", o.Kind, o.Due.Format(time.DateOnly), o.PolicyID)
	}
}
