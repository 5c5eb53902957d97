// Command tiefeng runs the 铁锋 joint meeting mechanism of seed 000 (黑龙江省齐齐哈尔市铁锋区:
// 联席会议制度, 每季度召开由区纪委监委牵头, 区审计、财政、统计等部门参与的协作会议) through 2026
// on the embedded reference rules.
//
// The first quarter's meeting is held with every member present; the second quarter's is never
// held; at the third, which the statistics bureau misses, the meeting decides to transfer an
// audit clue (its deadline is the clue's own: 10 working days from the audit's conclusive
// opinion, across the Mid-Autumn holiday), to hand the finance bureau a task in the audit
// rectification (审计查证—财政核策—行业研判—纪委追责) and to run a joint inspection, which is
// carried out late. The clue then goes round the loop 移送—处置—反馈—评估, the fourth quarter's
// meeting is held, and the year's compliance report is printed.
//
//	go run ./examples/tiefeng
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tiefeng:", err)
		os.Exit(1)
	}
}

func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, workday.Location())
}

// id is a fixed identifier derived from a name, so that every run prints the same.
func id(name string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tiefeng/"+name)) }

func agency(name string, kind clue.AgencyKind) clue.Agency {
	return clue.Agency{ID: id(name), Kind: kind, Name: name, Level: clue.LevelCounty, Region: "黑龙江省齐齐哈尔市铁锋区"}
}

// printer writes the story, naming agencies.
type printer struct {
	w        io.Writer
	names    map[uuid.UUID]string
	policies map[string]string // policy ids of meeting decisions, by what they are
}

// policy names a policy id: a reference policy by its id, a meeting decision by its meeting.
func (pr *printer) policy(id string) string {
	if s, ok := pr.policies[id]; ok {
		return s
	}
	return id
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
	commission := agency("区纪委监委", clue.KindDisciplineCommission)
	audit := agency("区审计局", clue.KindAudit)
	finance := agency("区财政局", clue.KindFinance)
	statistics := agency("区统计局", clue.KindStatistics)
	agri := agency("区农业农村局", clue.KindLineDepartment)
	office := clue.Agency{ID: id("第二监督检查室"), Kind: clue.KindSupervisionOffice, Name: "第二监督检查室", Parent: commission.ID, Level: clue.LevelCounty}
	pr := &printer{w: w, names: map[uuid.UUID]string{}, policies: map[string]string{}}
	for _, a := range []clue.Agency{commission, audit, finance, statistics, agri, office} {
		pr.names[a.ID] = a.Name
	}

	fmt.Fprintf(w, "铁锋 (seed 000): the district joint meeting through 2026, reference bundle %s\n\n", bundle.Version())
	cluePolicy := domain.Clue(bundle)
	env := meeting.Env{Policy: domain.Meeting(bundle), ClueObligations: cluePolicy}
	recPolicy := domain.Rectification(bundle)

	mech := meeting.Mechanism{
		ID: id("mechanism"), Name: "铁锋区监督贯通协调联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelCounty, Region: "黑龙江省齐齐哈尔市铁锋区",
		Lead: commission, Members: []clue.Agency{audit, finance, statistics},
		Required: []uuid.UUID{commission.ID, audit.ID, finance.ID, statistics.ID},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitQuarter, Note: "每季度召开"}},
		Topics:   []string{"跨领域监督难题", "线索移送、证据调取、成果运用"},
	}
	fmt.Fprintf(w, "mechanism %s: lead %s, members %s; %s (%s); required at every meeting: %s\n",
		mech.Name, mech.Lead.Name, pr.agencyNames(ids(mech.Members)), mech.Cadences[0].Note, mech.Cadences[0].Unit, pr.agencyNames(mech.Required))
	var meetings []*meeting.Meeting
	series := func() *meeting.Series {
		s := &meeting.Series{Mechanism: mech}
		for _, m := range meetings {
			s.Meetings = append(s.Meetings, *m)
		}
		return s
	}
	asCW := clue.Actor{Agency: commission.ID, Person: "党风政风监督室"}
	asAudit := clue.Actor{Agency: audit.ID, Person: "经济责任审计科"}
	asStat := clue.Actor{Agency: statistics.ID, Person: "执法监督科"}
	all := []clue.Agency{commission, audit, finance, statistics}

	// Q1: Friday 20 March, everybody there, nothing decided.
	fmt.Fprintln(w, "\n== 2026 Q1")
	q1, err := pr.hold(ctx, &mech, "q1", meeting.Record{Number: "2026年第1次", Kind: meeting.MeetingRegular,
		HeldAt: at(3, 20, 9, 30), Place: "区纪委监委三楼会议室", Convener: commission.ID, Attendees: attend(all...),
		Agenda:  []meeting.AgendaItem{{Kind: meeting.ItemTopic, Topic: "监督数据共享清单", Presenter: commission.ID}},
		Minutes: "铁锋联席纪要〔2026〕1号"}, asCW, at(3, 20, 17, 0), env)
	if err != nil {
		return err
	}
	meetings = append(meetings, q1)

	// Q2: no meeting. On 1 July the compliance check shows it.
	fmt.Fprintln(w, "\n== 2026 Q2: no meeting is held")
	r, err := series().Compliance(cal, at(1, 1, 0, 0), at(7, 1, 0, 0), at(7, 1, 9, 0))
	if err != nil {
		return err
	}
	q2 := r.Cadences[0].Periods[1]
	fmt.Fprintf(w, "%s  check: %s %s (due %s); next meeting owed: %s by %s\n", stamp(r.At), q2.Period.Label, q2.Status,
		day(q2.Due.At), r.Cadences[0].Next.Period.Label, day(r.Cadences[0].Next.Due))
	for _, o := range q1.Obligations {
		kept := "not kept, no meeting held by then"
		for _, m := range meetings {
			if m.HeldAt.After(q1.HeldAt) && !m.HeldAt.After(o.Due) {
				kept = "kept by the meeting of " + stamp(m.HeldAt)
			}
		}
		fmt.Fprintf(w, "  %s duty fixed at %s, due %s: %s\n", o.Kind, q1.Number, day(o.Due), kept)
	}

	// Q3, first the matters the meeting takes up. The audit bureau's special audit of the
	// subsidies (审计查证) requires the agriculture bureau to rectify; the commission supervises.
	fmt.Fprintln(w, "\n== 2026 Q3")
	problem := id("耕地地力保护补贴重复发放")
	rec, ev, err := rectification.Issue(ctx, id("rectification"), rectification.Command{Actor: asAudit, At: at(8, 14, 10, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindAuditRequirement, Number: "铁审整改〔2026〕3号",
			Issuer: audit, Recipient: agri, Supervisors: []clue.Agency{commission}, IssuedAt: at(8, 14, 10, 0),
			Deadline: workday.Date{Year: 2026, Month: time.December, Day: 15}.End(), Summary: "惠民补贴专项审计整改要求"}}, recPolicy)
	if err != nil {
		return err
	}
	pr.showRec(ev, rec.Recommendation.Number)
	ev, err = rec.Do(ctx, rectification.OpenProblem(asAudit, at(8, 14, 10, 30), rectification.Problem{ID: problem,
		Description: "耕地地力保护补贴重复发放", Field: "惠民资金", Severity: rectification.SeveritySerious, Key: true,
		Source: rectification.Source{Kind: rectification.SourceAudit, Reference: "铁审报〔2026〕12号"}}), recPolicy)
	if err != nil {
		return err
	}
	pr.showRec(ev, "耕地地力保护补贴重复发放")

	// The conclusive opinion on Monday 14 September also finds a clue: 10 working days run
	// 15–18 September, Sunday 20 September (worked), 21–24 September, then the Mid-Autumn
	// holiday (25–27 September) puts the tenth on Monday 28 September.
	c, cev, err := clue.Draft(ctx, id("clue"), clue.Command{Actor: asAudit, At: at(9, 15, 11, 0), Package: &clue.Package{
		Number: "铁审移〔2026〕5号", Source: audit, Receiver: commission,
		Subjects: []clue.Person{{Name: "某村党支部书记", Organization: "某镇某村", PartyMember: true}},
		Matter:   "虚报耕地面积冒领耕地地力保护补贴", Domain: "惠民资金", Amount: decimal.RequireFromString("286400.00"),
		Evidence:            []clue.Evidence{{Name: "专项审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:4e1a"}, {Name: "补贴发放明细比对表", Kind: clue.EvidenceAuditWork, Hash: "sha256:c93d"}},
		ConclusiveOpinionAt: at(9, 14, 16, 0),
	}}, cluePolicy)
	if err != nil {
		return err
	}
	pr.showClue(cev)

	// Friday 18 September: the statistics bureau stays away. Three decisions: the audit bureau
	// transfers the clue (no date in the minutes: the clue's own time limit applies), the
	// finance bureau reviews how the subsidy policy was applied (财政核策), the statistics
	// bureau checks the subsidy statistics against the registers.
	transfer, review, inspect := id("d-transfer"), id("d-review"), id("d-inspect")
	clues := meeting.ClueMap{c.ID: c}
	env3 := env
	env3.Clues = clues
	q3, err := pr.hold(ctx, &mech, "q3", meeting.Record{Number: "2026年第3次", Kind: meeting.MeetingRegular,
		HeldAt: at(9, 18, 9, 30), Place: "区纪委监委三楼会议室", Convener: commission.ID, Attendees: attend(commission, audit, finance),
		Agenda: []meeting.AgendaItem{
			{Kind: meeting.ItemClue, ID: c.ID, Title: "某村冒领耕地地力保护补贴问题线索", Presenter: audit.ID, Assessment: "涉嫌违纪，按期移送区纪委监委"},
			{Kind: meeting.ItemProblem, ID: problem, Title: "耕地地力保护补贴重复发放", Presenter: audit.ID, Assessment: "财政复核政策执行，行业部门溯源整改"},
			{Kind: meeting.ItemTopic, Topic: "惠民补贴统计数据核查", Presenter: commission.ID},
		},
		Decisions: []meeting.Decision{
			{ID: transfer, Kind: meeting.DecisionTransfer, Owner: audit.ID, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}},
				Due: workday.Date{Year: 2026, Month: time.September, Day: 25}.End(), Summary: "9月25日前移送问题线索（早于审计移送时限）"},
			{ID: review, Kind: meeting.DecisionAssign, Owner: finance.ID, Items: []meeting.Ref{{Kind: meeting.ItemProblem, ID: problem}},
				Due: workday.Date{Year: 2026, Month: time.November, Day: 13}.End(), Summary: "复核耕地地力保护补贴发放政策执行"},
			{ID: inspect, Kind: meeting.DecisionJointInspection, Owner: statistics.ID, Topic: "惠民补贴统计数据核查",
				Items: []meeting.Ref{{Kind: meeting.ItemTopic, Topic: "惠民补贴统计数据核查"}},
				Due:   workday.Date{Year: 2026, Month: time.October, Day: 30}.End(), Summary: "核查补贴统计数据"},
		},
		Minutes: "铁锋联席纪要〔2026〕3号"}, asCW, at(9, 18, 17, 0), env3)
	if err != nil {
		return err
	}
	meetings = append(meetings, q3)
	pr.policies[meeting.DecisionPolicyID(q3.ID, transfer)] = "decision of " + q3.Number
	// The decision's duty goes on the clue at once, so the clue ledger shows it even if
	// nobody acts (spec: a decision creates the duty it names).
	duties, err := q3.RecordDuties(ctx, asCW, at(9, 18, 17, 0), clues, cluePolicy)
	if err != nil {
		return err
	}
	for _, e := range duties {
		pr.showClue(e)
	}
	pr.record(q3, at(9, 18, 17, 0))

	// Tuesday 22 September: the commission hands the finance bureau its task in the
	// rectification; the decision is done, the task is tracked there.
	acted, err := q3.ActOnRectification(ctx, meeting.ActCommand{Decision: review, Actor: asCW, At: at(9, 22, 10, 0),
		Responsible: clue.Person{ID: id("财政局农业股"), Name: "农业股负责人", Organization: finance.Name}},
		meeting.RectificationMap{rec}, recPolicy)
	if err != nil {
		return err
	}
	for _, e := range acted.RectificationEvents {
		pr.showRec(e, "耕地地力保护补贴重复发放")
	}
	for _, t := range rec.Problem(problem).Tasks {
		fmt.Fprintf(w, "    task %q: %s, due %s\n", t.Measure, t.ResponsibleUnit.Name, day(t.Due))
	}
	pr.showMeeting(acted.Event, q3)
	ev, err = rec.Do(ctx, rectification.Command{Step: rectification.StepStart, Actor: clue.Actor{Agency: agri.ID, Person: "计划财务科"},
		At: at(9, 23, 9, 0), ProblemID: problem}, recPolicy)
	if err != nil {
		return err
	}
	pr.showRec(ev, "耕地地力保护补贴重复发放")

	// Thursday 24 September: the audit bureau transfers the clue, through the clue lifecycle.
	acted, err = q3.ActOnClues(ctx, meeting.ActCommand{Decision: transfer, Actor: asAudit, At: at(9, 24, 15, 0)}, clues, cluePolicy)
	if err != nil {
		return err
	}
	for _, e := range acted.ClueEvents {
		pr.showClue(e)
	}
	pr.showMeeting(acted.Event, q3)

	// 移送—处置: the commission receives it after the holiday and disposes of it.
	asCMO := clue.Actor{Agency: commission.ID, Person: "案件监督管理室"}
	asOffice := clue.Actor{Agency: office.ID, Person: "第二监督检查室"}
	for _, cmd := range []clue.Command{
		{Step: clue.StepRegister, Actor: asCMO, At: at(9, 28, 9, 30), Reason: "归口接收"},
		{Step: clue.StepAssign, Actor: asCMO, At: at(9, 29, 9, 0), Office: &office},
		{Step: clue.StepDecide, Actor: asOffice, At: at(10, 23, 15, 0), Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "初步核实，调取补贴发放资料"}},
	} {
		e, err := c.Do(ctx, cmd, cluePolicy)
		if err != nil {
			return err
		}
		pr.showClue(e)
	}

	// Monday 2 November: the joint inspection, due 30 October, is overdue.
	fmt.Fprintln(w)
	pr.record(q3, at(11, 2, 9, 0))
	for _, it := range meeting.Overdue(meeting.Each(series().Meetings), at(11, 2, 9, 0)) {
		fmt.Fprintf(w, "  overdue across the series: %s %s, owed by %s since %s\n", it.Number, it.Decision.Kind, pr.names[it.Decision.Owner], day(it.Decision.Due))
	}
	e, err := q3.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: asStat, At: at(11, 6, 16, 0), Decision: inspect,
		Outcome: "核查完成，发现重复统计补贴面积1处，移交区农业农村局"}, meeting.Env{})
	if err != nil {
		return err
	}
	pr.showMeeting(e, q3)

	// Wednesday 11 November: the finance bureau, the task's responsible unit though not the
	// rectification's recipient, reports its own task done.
	ev, err = rec.Do(ctx, rectification.Command{Step: rectification.StepCompleteTask, Actor: clue.Actor{Agency: finance.ID, Person: "农业股"},
		At: at(11, 11, 16, 0), ProblemID: problem, TaskID: meeting.TaskID(review, problem), Outcome: "复核完成，政策执行口径已统一"}, recPolicy)
	if err != nil {
		return err
	}
	pr.showRec(ev, "耕地地力保护补贴重复发放")

	// 反馈—评估: written feedback to the audit bureau, the conclusion, the result, the evaluation.
	for _, cmd := range []clue.Command{
		{Step: clue.StepProgressFeedback, Actor: asCMO, At: at(11, 20, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackProgress, To: audit.ID, Summary: "初步核实中", Document: "铁纪反馈〔2026〕17号"}},
		{Step: clue.StepConclude, Actor: asOffice, At: at(12, 10, 17, 0), Result: "给予党内严重警告处分，追缴冒领补贴"},
		{Step: clue.StepResultFeedback, Actor: asCMO, At: at(12, 14, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackResult, To: audit.ID, Summary: "已办结", Document: "铁纪反馈〔2026〕21号"}},
		{Step: clue.StepEvaluate, Actor: asAudit, At: at(12, 16, 16, 0), Evaluation: &clue.Evaluation{By: audit.ID, Rating: clue.RatingSatisfied, UseOfResults: "纳入下年度惠民资金审计重点"}},
	} {
		e, err := c.Do(ctx, cmd, cluePolicy)
		if err != nil {
			return err
		}
		pr.showClue(e)
	}

	// Q4: Friday 18 December, everybody there.
	fmt.Fprintln(w, "\n== 2026 Q4")
	q4, err := pr.hold(ctx, &mech, "q4", meeting.Record{Number: "2026年第4次", Kind: meeting.MeetingRegular,
		HeldAt: at(12, 18, 9, 30), Place: "区纪委监委三楼会议室", Convener: commission.ID, Attendees: attend(all...),
		Agenda:  []meeting.AgendaItem{{Kind: meeting.ItemTopic, Topic: "年度监督贯通协调工作总结", Presenter: commission.ID}},
		Minutes: "铁锋联席纪要〔2026〕4号"}, asCW, at(12, 18, 17, 0), env)
	if err != nil {
		return err
	}
	meetings = append(meetings, q4)

	return pr.report(cal, series(), q3, c, rec, problem, at(12, 31, 18, 0))
}

// report prints the year's compliance, the Q3 meeting's record, the rectification task it
// handed over and the clue's duties, as they stand at now.
func (pr *printer) report(cal *workday.Calendar, s *meeting.Series, q3 *meeting.Meeting, c *clue.Clue,
	rec *rectification.Rectification, problem uuid.UUID, now time.Time) error {
	r, err := s.Compliance(cal, at(1, 1, 0, 0), time.Date(2027, 1, 1, 0, 0, 0, 0, workday.Location()), now)
	if err != nil {
		return err
	}
	fmt.Fprintf(pr.w, "\n== compliance 2026, as of %s\n", stamp(r.At))
	for _, cr := range r.Cadences {
		fmt.Fprintf(pr.w, "cadence %s (%s): held %d, late %d, missed %d, pending %d, exempt %d\n",
			cr.Cadence.Unit, cr.Cadence.Note, cr.Held, cr.Late, cr.Missed, cr.Pending, cr.Exempt)
		for _, p := range cr.Periods {
			line := fmt.Sprintf("  %s  due %s  %-6s", p.Period.Label, day(p.Due.At), p.Status)
			if !p.HeldAt.IsZero() {
				line += " held " + stamp(p.HeldAt)
			}
			fmt.Fprintln(pr.w, strings.TrimRight(line, " "))
		}
		if cr.NextUnknown {
			_, err := s.NextDue(cal, now)
			fmt.Fprintf(pr.w, "  next meeting: unknown (%v)\n", err)
			if !errors.Is(err, workday.ErrNoData) {
				return fmt.Errorf("next meeting: want a no-data error, got %w", err)
			}
			// The policy's duty is a calendar period's end, which needs no working-day data.
			if n := len(s.Meetings); n > 0 {
				last := &s.Meetings[n-1]
				for _, o := range last.Obligations {
					fmt.Fprintf(pr.w, "  %s duty fixed at %s: due %s (%s)\n", o.Kind, last.Number, day(o.Due), o.PolicyID)
				}
			}
		} else {
			sure := ""
			if cr.Next.Certainty != workday.Official {
				sure = " (" + string(cr.Next.Certainty) + ": 2027 is not yet confirmed by the State Council notice)"
			}
			fmt.Fprintf(pr.w, "  next meeting: %s by %s%s\n", cr.Next.Period.Label, day(cr.Next.Due), sure)
		}
	}
	for _, g := range r.Attendance {
		fmt.Fprintf(pr.w, "attendance gap: meeting of %s, absent %s\n", day(g.HeldAt), pr.agencyNames(g.Absent))
	}
	fmt.Fprintf(pr.w, "compliant: %v\n", r.Compliant())

	fmt.Fprintf(pr.w, "\nrecord of %s at year end:\n", q3.Number)
	for _, d := range q3.Decisions {
		done := ""
		if !d.DoneAt.IsZero() {
			done = "on time"
			if !d.OnTime() {
				done = "LATE"
			}
			done = fmt.Sprintf("%s %s", stamp(d.DoneAt), done)
		}
		fmt.Fprintf(pr.w, "  %-16s %-4s due %s (%s)  %s\n", d.Kind, pr.names[d.Owner], day(d.Due), d.DueBy, done)
		for _, x := range d.Effects {
			fmt.Fprintf(pr.w, "      effect: %s #%d %s\n", x.Model, x.Seq, x.Step)
		}
	}

	p := rec.Problem(problem)
	fmt.Fprintf(pr.w, "  the assign decision is done once handed over; %s tracks the rest: %s %s, due %s, overdue %v\n",
		rec.Recommendation.Number, p.Description, p.State, day(rec.DueAt(p)), rec.Overdue(p, now))
	for _, t := range p.Tasks {
		status := "not done"
		if !t.DoneAt.IsZero() {
			status = "done " + stamp(t.DoneAt)
		}
		fmt.Fprintf(pr.w, "      task %q (%s) due %s: %s\n", t.Measure, t.ResponsibleUnit.Name, day(t.Due), status)
	}

	fmt.Fprintln(pr.w, "\nthe clue's duties (移送—处置—反馈—评估):")
	for _, o := range c.Obligations {
		status := "open"
		switch {
		case o.OnTime():
			status = "met on time " + stamp(o.Met)
		case !o.Met.IsZero():
			status = "met LATE " + stamp(o.Met)
		}
		fmt.Fprintf(pr.w, "  %-17s due %s  %-28s %s\n", o.Kind, day(o.Due), status, pr.policy(o.PolicyID))
	}
	fmt.Fprintf(pr.w, "clue state: %s\n", c.State)
	return nil
}

// hold records a meeting on the reference meeting policy and prints it with the duties the
// policy fixed and what the policy found wrong with it (the findings Hold records, never
// refusing a meeting that happened).
func (pr *printer) hold(ctx context.Context, mech *meeting.Mechanism, name string, rec meeting.Record, actor clue.Actor, recorded time.Time, env meeting.Env) (*meeting.Meeting, error) {
	m, e, err := meeting.Hold(ctx, id(name), mech, meeting.Command{Actor: actor, At: recorded, Record: &rec}, env)
	if err != nil {
		return nil, err
	}
	attended := make([]uuid.UUID, len(m.Attendees))
	for i, a := range m.Attendees {
		attended[i] = a.Agency.ID
	}
	fmt.Fprintf(pr.w, "%s  hold %s, %d decisions -> %s\n", stamp(m.HeldAt), m.Number, len(m.Decisions), m.State)
	fmt.Fprintf(pr.w, "    present: %s\n", pr.agencyNames(attended))
	if absent := m.Absent(); len(absent) > 0 {
		fmt.Fprintf(pr.w, "    absent:  %s\n", pr.agencyNames(absent))
	}
	for _, o := range e.Obligations {
		fmt.Fprintf(pr.w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), o.PolicyID)
	}
	for _, f := range e.Findings {
		fmt.Fprintf(pr.w, "    ! %s %s: %s (%s)\n", f.Severity, f.Reason, f.Message, f.PolicyID)
	}
	return m, nil
}

// record prints where the decisions of m stand at now.
func (pr *printer) record(m *meeting.Meeting, now time.Time) {
	p := m.Progress(now)
	fmt.Fprintf(pr.w, "%s  record of %s: done %d, pending %d, overdue %d\n", stamp(now), m.Number, p.Done, p.Pending, p.Overdue)
	for _, it := range p.Items {
		d := it.Decision
		fmt.Fprintf(pr.w, "    %-16s %-4s due %s (%s)  %s\n", d.Kind, pr.names[d.Owner], day(d.Due), d.DueBy, it.Status)
	}
}

func attend(as ...clue.Agency) []meeting.Attendee {
	out := make([]meeting.Attendee, len(as))
	for i, a := range as {
		out[i] = meeting.Attendee{Agency: a}
	}
	return out
}

func ids(as []clue.Agency) []uuid.UUID {
	out := make([]uuid.UUID, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func (pr *printer) agencyNames(xs []uuid.UUID) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = pr.names[x]
	}
	return strings.Join(out, "、")
}

func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }

func day(t time.Time) string { return t.In(workday.Location()).Format(time.DateOnly) }

func (pr *printer) showClue(ev clue.Event) {
	from := string(ev.From)
	if ev.From == clue.StateNone {
		from = "(new)"
	}
	fmt.Fprintf(pr.w, "%s  clue %-17s %s -> %s\n", stamp(ev.At), ev.Step, from, ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(pr.w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), pr.policy(o.PolicyID))
	}
	if o := ev.Duty; o != nil {
		fmt.Fprintf(pr.w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), pr.policy(o.PolicyID))
	}
}

func (pr *printer) showRec(ev rectification.Event, what string) {
	from := string(ev.From)
	if ev.From == rectification.StateNone {
		from = "(new)"
	}
	fmt.Fprintf(pr.w, "%s  rectification %-11s %s: %s -> %s\n", stamp(ev.At), ev.Step, what, from, ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(pr.w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), o.PolicyID)
	}
}

func (pr *printer) showMeeting(ev meeting.Event, m *meeting.Meeting) {
	d := m.Decision(ev.Decision)
	fmt.Fprintf(pr.w, "%s  meeting %s %s (%s): %s -> %s, on time %v\n", stamp(ev.At), ev.Step, d.Kind, pr.names[ev.Actor.Agency], ev.From, ev.To, d.OnTime())
}
