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
// Last, the seed's four-party chain (四方联动) in the special campaign on 惠民资金: 审计查证—
// 财政核策—行业研判—纪委追责 as a staged project led by the commission, whose stages belong to
// the audit bureau, the finance bureau, the agriculture bureau and the commission, each after
// the one before.
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
	"github.com/guantong/guantong/examples/internal/projectlog"
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

// run tells the year phase by phase, in the order of the meeting's rhythm.
func run(w io.Writer) error {
	y, err := newYear(w)
	if err != nil {
		return err
	}
	for _, phase := range []func() error{
		y.establish,      // 联席会议制度: the mechanism and its quarterly cadence
		y.firstQuarter,   // Q1: 每季度召开, everybody there
		y.missedQuarter,  // Q2: no meeting, the duty not kept
		y.auditFindings,  // Q3's matters: 审计查证 finds a problem and a clue
		y.thirdQuarter,   // Q3: the meeting decides
		y.assignReview,   // a decision acts on the rectification: 财政核策
		y.transferClue,   // a decision acts on the clue: 线索移送
		y.disposeClue,    // 移送—处置
		y.inspectLate,    // the joint inspection, overdue, then done
		y.reviewDone,     // the finance bureau's task done
		y.feedBack,       // 反馈—评估
		y.fourthQuarter,  // Q4: everybody there
		y.report,         // the year's report
		y.fourPartyChain, // 四方联动: 审计查证—财政核策—行业研判—纪委追责
	} {
		if err := phase(); err != nil {
			return err
		}
	}
	return nil
}

func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, workday.Location())
}

// endOf is the last instant of a day in 2026, the way deadlines end.
func endOf(m time.Month, d int) time.Time { return workday.Date{Year: 2026, Month: m, Day: d}.End() }

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

// year is what the phases share: the rules, the agencies and who acts for them, the joint
// meeting and its meetings, and the matters the third quarter's meeting takes up (the audit
// rectification and its problem, the clue) with the ids of its three decisions.
type year struct {
	*printer
	ctx        context.Context
	cal        *workday.Calendar
	env        meeting.Env
	cluePolicy clue.Policy
	recPolicy  rectification.Policy

	commission, audit, finance, statistics, agri, office clue.Agency
	asCW, asAudit, asStat, asCMO, asOffice               clue.Actor

	mech     meeting.Mechanism
	meetings []*meeting.Meeting
	q1, q3   *meeting.Meeting
	rec      *rectification.Rectification
	problem  uuid.UUID
	c        *clue.Clue
	clues    meeting.ClueMap
	transfer uuid.UUID // Q3: the audit bureau transfers the clue
	review   uuid.UUID // Q3: the finance bureau reviews the subsidy policy (财政核策)
	inspect  uuid.UUID // Q3: the statistics bureau checks the subsidy statistics
}

// subsidyProblem is the audit's problem, the one the rectification lines name.
const subsidyProblem = "耕地地力保护补贴重复发放"

// newYear loads the reference rules, names the agencies and prints the header.
func newYear(w io.Writer) (*year, error) {
	cal, err := workday.New()
	if err != nil {
		return nil, err
	}
	bundle, err := policies.Bundle(cal)
	if err != nil {
		return nil, err
	}
	y := &year{printer: &printer{w: w, names: map[uuid.UUID]string{}, policies: map[string]string{}},
		ctx: context.Background(), cal: cal, cluePolicy: domain.Clue(bundle), recPolicy: domain.Rectification(bundle),
		commission: agency("区纪委监委", clue.KindDisciplineCommission),
		audit:      agency("区审计局", clue.KindAudit),
		finance:    agency("区财政局", clue.KindFinance),
		statistics: agency("区统计局", clue.KindStatistics),
		agri:       agency("区农业农村局", clue.KindLineDepartment),
		problem:    id(subsidyProblem),
		transfer:   id("d-transfer"), review: id("d-review"), inspect: id("d-inspect"),
	}
	y.office = clue.Agency{ID: id("第二监督检查室"), Kind: clue.KindSupervisionOffice, Name: "第二监督检查室", Parent: y.commission.ID, Level: clue.LevelCounty}
	for _, a := range []clue.Agency{y.commission, y.audit, y.finance, y.statistics, y.agri, y.office} {
		y.names[a.ID] = a.Name
	}
	y.asCW = clue.Actor{Agency: y.commission.ID, Person: "党风政风监督室"}
	y.asAudit = clue.Actor{Agency: y.audit.ID, Person: "经济责任审计科"}
	y.asStat = clue.Actor{Agency: y.statistics.ID, Person: "执法监督科"}
	y.asCMO = clue.Actor{Agency: y.commission.ID, Person: "案件监督管理室"}
	y.asOffice = clue.Actor{Agency: y.office.ID, Person: "第二监督检查室"}
	y.env = meeting.Env{Policy: domain.Meeting(bundle), ClueObligations: y.cluePolicy}
	fmt.Fprintf(w, "铁锋 (seed 000): the district joint meeting through 2026, reference bundle %s\n\n", bundle.Version())
	return y, nil
}

// establish is 联席会议制度: the joint meeting the commission leads, with the audit, finance
// and statistics bureaus, 每季度召开, all four required at every meeting.
func (y *year) establish() error {
	y.mech = meeting.Mechanism{
		ID: id("mechanism"), Name: "铁锋区监督贯通协调联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelCounty, Region: "黑龙江省齐齐哈尔市铁锋区",
		Lead: y.commission, Members: []clue.Agency{y.audit, y.finance, y.statistics},
		Required: []uuid.UUID{y.commission.ID, y.audit.ID, y.finance.ID, y.statistics.ID},
		Cadences: []meeting.Cadence{{Unit: meeting.UnitQuarter, Note: "每季度召开"}},
		Topics:   []string{"跨领域监督难题", "线索移送、证据调取、成果运用"},
	}
	fmt.Fprintf(y.w, "mechanism %s: lead %s, members %s; %s (%s); required at every meeting: %s\n",
		y.mech.Name, y.mech.Lead.Name, y.agencyNames(ids(y.mech.Members)), y.mech.Cadences[0].Note, y.mech.Cadences[0].Unit, y.agencyNames(y.mech.Required))
	return nil
}

// series is the joint meeting with the meetings held so far.
func (y *year) series() *meeting.Series {
	s := &meeting.Series{Mechanism: y.mech}
	for _, m := range y.meetings {
		s.Meetings = append(s.Meetings, *m)
	}
	return s
}

// holdFull holds a regular meeting on day d of month m, 9:30, with every member present, one
// topic and no decisions, recorded at 17:00.
func (y *year) holdFull(name, number string, m time.Month, d int, topic, minutes string) (*meeting.Meeting, error) {
	mt, err := y.hold(y.ctx, &y.mech, name, meeting.Record{Number: number, Kind: meeting.MeetingRegular,
		HeldAt: at(m, d, 9, 30), Place: "区纪委监委三楼会议室", Convener: y.commission.ID, Attendees: attend(y.commission, y.audit, y.finance, y.statistics),
		Agenda:  []meeting.AgendaItem{{Kind: meeting.ItemTopic, Topic: topic, Presenter: y.commission.ID}},
		Minutes: minutes}, y.asCW, at(m, d, 17, 0), y.env)
	if err != nil {
		return nil, err
	}
	y.meetings = append(y.meetings, mt)
	return mt, nil
}

// firstQuarter is the first quarter's meeting (第1次联席会议): Friday 20 March, everybody there,
// nothing decided.
func (y *year) firstQuarter() error {
	fmt.Fprintln(y.w, "\n== 2026 Q1")
	var err error
	y.q1, err = y.holdFull("q1", "2026年第1次", 3, 20, "监督数据共享清单", "铁锋联席纪要〔2026〕1号")
	return err
}

// missedQuarter is the second quarter, when no meeting is held: on 1 July the compliance check
// shows the quarter missed and the duty the first meeting fixed not kept.
func (y *year) missedQuarter() error {
	fmt.Fprintln(y.w, "\n== 2026 Q2: no meeting is held")
	r, err := y.series().Compliance(y.cal, at(1, 1, 0, 0), at(7, 1, 0, 0), at(7, 1, 9, 0))
	if err != nil {
		return err
	}
	q2 := r.Cadences[0].Periods[1]
	fmt.Fprintf(y.w, "%s  check: %s %s (due %s); next meeting owed: %s by %s\n", stamp(r.At), q2.Period.Label, q2.Status,
		day(q2.Due.At), r.Cadences[0].Next.Period.Label, day(r.Cadences[0].Next.Due))
	for _, o := range y.q1.Obligations {
		kept := "not kept, no meeting held by then"
		for _, m := range y.meetings {
			if m.HeldAt.After(y.q1.HeldAt) && !m.HeldAt.After(o.Due) {
				kept = "kept by the meeting of " + stamp(m.HeldAt)
			}
		}
		fmt.Fprintf(y.w, "  %s duty fixed at %s, due %s: %s\n", o.Kind, y.q1.Number, day(o.Due), kept)
	}
	return nil
}

// auditFindings are the matters the third quarter's meeting takes up. The audit bureau's
// special audit of the subsidies (审计查证) requires the agriculture bureau to rectify, the
// commission supervising; its conclusive opinion on Monday 14 September also finds a clue:
// 10 working days run 15–18 September, Sunday 20 September (worked), 21–24 September, then
// the Mid-Autumn holiday (25–27 September) puts the tenth on Monday 28 September.
func (y *year) auditFindings() error {
	fmt.Fprintln(y.w, "\n== 2026 Q3")
	rec, ev, err := rectification.Issue(y.ctx, id("rectification"), rectification.Command{Actor: y.asAudit, At: at(8, 14, 10, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindAuditRequirement, Number: "铁审整改〔2026〕3号",
			Issuer: y.audit, Recipient: y.agri, Supervisors: []clue.Agency{y.commission}, IssuedAt: at(8, 14, 10, 0),
			Deadline: endOf(12, 15), Summary: "惠民补贴专项审计整改要求"}}, y.recPolicy)
	if err != nil {
		return err
	}
	y.rec = rec
	y.showRec(ev, rec.Recommendation.Number)
	if err := y.doRec(rectification.OpenProblem(y.asAudit, at(8, 14, 10, 30), rectification.Problem{ID: y.problem,
		Description: subsidyProblem, Field: "惠民资金", Severity: rectification.SeveritySerious, Key: true,
		Source: rectification.Source{Kind: rectification.SourceAudit, Reference: "铁审报〔2026〕12号"}})); err != nil {
		return err
	}
	c, cev, err := clue.Draft(y.ctx, id("clue"), clue.Command{Actor: y.asAudit, At: at(9, 15, 11, 0), Package: &clue.Package{
		Number: "铁审移〔2026〕5号", Source: y.audit, Receiver: y.commission,
		Subjects: []clue.Person{{Name: "某村党支部书记", Organization: "某镇某村", PartyMember: true}},
		Matter:   "虚报耕地面积冒领耕地地力保护补贴", Domain: "惠民资金", Amount: decimal.RequireFromString("286400.00"),
		Evidence:            []clue.Evidence{{Name: "专项审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:4e1a"}, {Name: "补贴发放明细比对表", Kind: clue.EvidenceAuditWork, Hash: "sha256:c93d"}},
		ConclusiveOpinionAt: at(9, 14, 16, 0),
	}}, y.cluePolicy)
	if err != nil {
		return err
	}
	y.c, y.clues = c, meeting.ClueMap{c.ID: c}
	y.showClue(cev)
	return nil
}

// thirdQuarter is the third quarter's meeting (第3次联席会议), Friday 18 September: the
// statistics bureau stays away. Three decisions: the audit bureau transfers the clue (no date
// in the minutes: the clue's own time limit applies), the finance bureau reviews how the
// subsidy policy was applied (财政核策), the statistics bureau checks the subsidy statistics
// against the registers. The transfer decision's duty goes on the clue at once, so the clue
// ledger shows it even if nobody acts (spec: a decision creates the duty it names).
func (y *year) thirdQuarter() error {
	env := y.env
	env.Clues = y.clues
	q3, err := y.hold(y.ctx, &y.mech, "q3", meeting.Record{Number: "2026年第3次", Kind: meeting.MeetingRegular,
		HeldAt: at(9, 18, 9, 30), Place: "区纪委监委三楼会议室", Convener: y.commission.ID, Attendees: attend(y.commission, y.audit, y.finance),
		Agenda: []meeting.AgendaItem{
			{Kind: meeting.ItemClue, ID: y.c.ID, Title: "某村冒领耕地地力保护补贴问题线索", Presenter: y.audit.ID, Assessment: "涉嫌违纪，按期移送区纪委监委"},
			{Kind: meeting.ItemProblem, ID: y.problem, Title: subsidyProblem, Presenter: y.audit.ID, Assessment: "财政复核政策执行，行业部门溯源整改"},
			{Kind: meeting.ItemTopic, Topic: "惠民补贴统计数据核查", Presenter: y.commission.ID},
		},
		Decisions: []meeting.Decision{
			{ID: y.transfer, Kind: meeting.DecisionTransfer, Owner: y.audit.ID, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: y.c.ID}},
				Due: endOf(9, 25), Summary: "9月25日前移送问题线索（早于审计移送时限）"},
			{ID: y.review, Kind: meeting.DecisionAssign, Owner: y.finance.ID, Items: []meeting.Ref{{Kind: meeting.ItemProblem, ID: y.problem}},
				Due: endOf(11, 13), Summary: "复核耕地地力保护补贴发放政策执行"},
			{ID: y.inspect, Kind: meeting.DecisionJointInspection, Owner: y.statistics.ID, Topic: "惠民补贴统计数据核查",
				Items: []meeting.Ref{{Kind: meeting.ItemTopic, Topic: "惠民补贴统计数据核查"}},
				Due:   endOf(10, 30), Summary: "核查补贴统计数据"},
		},
		Minutes: "铁锋联席纪要〔2026〕3号"}, y.asCW, at(9, 18, 17, 0), env)
	if err != nil {
		return err
	}
	y.q3, y.meetings = q3, append(y.meetings, q3)
	y.policies[meeting.DecisionPolicyID(q3.ID, y.transfer)] = "decision of " + q3.Number
	duties, err := q3.RecordDuties(y.ctx, y.asCW, at(9, 18, 17, 0), y.clues, y.cluePolicy)
	if err != nil {
		return err
	}
	for _, e := range duties {
		y.showClue(e)
	}
	y.record(q3, at(9, 18, 17, 0))
	return nil
}

// assignReview is the assign decision acting on the rectification (财政核策), Tuesday 22
// September: the commission hands the finance bureau its task; the decision is done, the task
// is tracked there. The agriculture bureau starts rectifying the next day.
func (y *year) assignReview() error {
	acted, err := y.q3.ActOnRectification(y.ctx, meeting.ActCommand{Decision: y.review, Actor: y.asCW, At: at(9, 22, 10, 0),
		Responsible: clue.Person{ID: id("财政局农业股"), Name: "农业股负责人", Organization: y.finance.Name}},
		meeting.RectificationMap{y.rec}, y.recPolicy)
	if err != nil {
		return err
	}
	for _, e := range acted.RectificationEvents {
		y.showRec(e, subsidyProblem)
	}
	for _, t := range y.rec.Problem(y.problem).Tasks {
		fmt.Fprintf(y.w, "    task %q: %s, due %s\n", t.Measure, t.ResponsibleUnit.Name, day(t.Due))
	}
	y.showMeeting(acted.Event, y.q3)
	return y.doRec(rectification.Command{Step: rectification.StepStart, Actor: clue.Actor{Agency: y.agri.ID, Person: "计划财务科"},
		At: at(9, 23, 9, 0), ProblemID: y.problem})
}

// transferClue is the transfer decision acting on the clue (线索移送), Thursday 24 September:
// the audit bureau transfers it, through the clue lifecycle.
func (y *year) transferClue() error {
	acted, err := y.q3.ActOnClues(y.ctx, meeting.ActCommand{Decision: y.transfer, Actor: y.asAudit, At: at(9, 24, 15, 0)}, y.clues, y.cluePolicy)
	if err != nil {
		return err
	}
	for _, e := range acted.ClueEvents {
		y.showClue(e)
	}
	y.showMeeting(acted.Event, y.q3)
	return nil
}

// disposeClue is 移送—处置: the commission receives the clue after the holiday and disposes
// of it.
func (y *year) disposeClue() error {
	return y.doClue(
		clue.Command{Step: clue.StepRegister, Actor: y.asCMO, At: at(9, 28, 9, 30), Reason: "归口接收"},
		clue.Command{Step: clue.StepAssign, Actor: y.asCMO, At: at(9, 29, 9, 0), Office: &y.office},
		clue.Command{Step: clue.StepDecide, Actor: y.asOffice, At: at(10, 23, 15, 0), Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "初步核实，调取补贴发放资料"}},
	)
}

// inspectLate is the joint inspection decision (联合核查): on Monday 2 November, due 30
// October, it is overdue; the statistics bureau carries it out on 6 November.
func (y *year) inspectLate() error {
	fmt.Fprintln(y.w)
	y.record(y.q3, at(11, 2, 9, 0))
	for _, it := range meeting.Overdue(meeting.Each(y.series().Meetings), at(11, 2, 9, 0)) {
		fmt.Fprintf(y.w, "  overdue across the series: %s %s, owed by %s since %s\n", it.Number, it.Decision.Kind, y.names[it.Decision.Owner], day(it.Decision.Due))
	}
	e, err := y.q3.Do(y.ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: y.asStat, At: at(11, 6, 16, 0), Decision: y.inspect,
		Outcome: "核查完成，发现重复统计补贴面积1处，移交区农业农村局"}, meeting.Env{})
	if err != nil {
		return err
	}
	y.showMeeting(e, y.q3)
	return nil
}

// reviewDone is 财政核策 done, Wednesday 11 November: the finance bureau, the task's
// responsible unit though not the rectification's recipient, reports its own task done.
func (y *year) reviewDone() error {
	return y.doRec(rectification.Command{Step: rectification.StepCompleteTask, Actor: clue.Actor{Agency: y.finance.ID, Person: "农业股"},
		At: at(11, 11, 16, 0), ProblemID: y.problem, TaskID: meeting.TaskID(y.review, y.problem), Outcome: "复核完成，政策执行口径已统一"})
}

// feedBack is 反馈—评估: written feedback to the audit bureau, the conclusion, the result, the
// evaluation.
func (y *year) feedBack() error {
	return y.doClue(
		clue.Command{Step: clue.StepProgressFeedback, Actor: y.asCMO, At: at(11, 20, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackProgress, To: y.audit.ID, Summary: "初步核实中", Document: "铁纪反馈〔2026〕17号"}},
		clue.Command{Step: clue.StepConclude, Actor: y.asOffice, At: at(12, 10, 17, 0), Result: "给予党内严重警告处分，追缴冒领补贴"},
		clue.Command{Step: clue.StepResultFeedback, Actor: y.asCMO, At: at(12, 14, 10, 0), Feedback: &clue.Feedback{Kind: clue.FeedbackResult, To: y.audit.ID, Summary: "已办结", Document: "铁纪反馈〔2026〕21号"}},
		clue.Command{Step: clue.StepEvaluate, Actor: y.asAudit, At: at(12, 16, 16, 0), Evaluation: &clue.Evaluation{By: y.audit.ID, Rating: clue.RatingSatisfied, UseOfResults: "纳入下年度惠民资金审计重点"}},
	)
}

// fourthQuarter is the fourth quarter's meeting (第4次联席会议): Friday 18 December,
// everybody there.
func (y *year) fourthQuarter() error {
	fmt.Fprintln(y.w, "\n== 2026 Q4")
	_, err := y.holdFull("q4", "2026年第4次", 12, 18, "年度监督贯通协调工作总结", "铁锋联席纪要〔2026〕4号")
	return err
}

// doRec performs a step on the audit rectification and prints it.
func (y *year) doRec(cmd rectification.Command) error {
	ev, err := y.rec.Do(y.ctx, cmd, y.recPolicy)
	if err != nil {
		return err
	}
	y.showRec(ev, subsidyProblem)
	return nil
}

// doClue performs steps on the clue in order and prints each.
func (y *year) doClue(cmds ...clue.Command) error {
	for _, cmd := range cmds {
		e, err := y.c.Do(y.ctx, cmd, y.cluePolicy)
		if err != nil {
			return err
		}
		y.showClue(e)
	}
	return nil
}

// report is the year's report, as of 31 December 18:00: the meeting's compliance with its
// cadence, the third meeting's record of decisions and the rectification task it handed
// over, and the clue's duties round 移送—处置—反馈—评估.
func (y *year) report() error {
	now := at(12, 31, 18, 0)
	if err := y.compliance(now); err != nil {
		return err
	}
	y.decisions(now)
	y.clueDuties()
	return nil
}

// compliance prints the year's compliance: each quarter held or missed, the next meeting
// owed, the attendance gaps.
func (y *year) compliance(now time.Time) error {
	s := y.series()
	r, err := s.Compliance(y.cal, at(1, 1, 0, 0), time.Date(2027, 1, 1, 0, 0, 0, 0, workday.Location()), now)
	if err != nil {
		return err
	}
	fmt.Fprintf(y.w, "\n== compliance 2026, as of %s\n", stamp(r.At))
	for _, cr := range r.Cadences {
		fmt.Fprintf(y.w, "cadence %s (%s): held %d, late %d, missed %d, pending %d, exempt %d\n",
			cr.Cadence.Unit, cr.Cadence.Note, cr.Held, cr.Late, cr.Missed, cr.Pending, cr.Exempt)
		for _, p := range cr.Periods {
			line := fmt.Sprintf("  %s  due %s  %-6s", p.Period.Label, day(p.Due.At), p.Status)
			if !p.HeldAt.IsZero() {
				line += " held " + stamp(p.HeldAt)
			}
			fmt.Fprintln(y.w, strings.TrimRight(line, " "))
		}
		if !cr.NextUnknown {
			sure := ""
			if cr.Next.Certainty != workday.Official {
				sure = " (" + string(cr.Next.Certainty) + ": 2027 is not yet confirmed by the State Council notice)"
			}
			fmt.Fprintf(y.w, "  next meeting: %s by %s%s\n", cr.Next.Period.Label, day(cr.Next.Due), sure)
			continue
		}
		_, err := s.NextDue(y.cal, now)
		fmt.Fprintf(y.w, "  next meeting: unknown (%v)\n", err)
		if !errors.Is(err, workday.ErrNoData) {
			return fmt.Errorf("next meeting: want a no-data error, got %w", err)
		}
		// The policy's duty is a calendar period's end, which needs no working-day data.
		if n := len(s.Meetings); n > 0 {
			last := &s.Meetings[n-1]
			for _, o := range last.Obligations {
				fmt.Fprintf(y.w, "  %s duty fixed at %s: due %s (%s)\n", o.Kind, last.Number, day(o.Due), o.PolicyID)
			}
		}
	}
	for _, g := range r.Attendance {
		fmt.Fprintf(y.w, "attendance gap: meeting of %s, absent %s\n", day(g.HeldAt), y.agencyNames(g.Absent))
	}
	fmt.Fprintf(y.w, "compliant: %v\n", r.Compliant())
	return nil
}

// decisions prints the third meeting's decisions at year end with their effects, and where
// the rectification task the assign decision handed over stands at now.
func (y *year) decisions(now time.Time) {
	fmt.Fprintf(y.w, "\nrecord of %s at year end:\n", y.q3.Number)
	for _, d := range y.q3.Decisions {
		done := ""
		if !d.DoneAt.IsZero() {
			done = "on time"
			if !d.OnTime() {
				done = "LATE"
			}
			done = fmt.Sprintf("%s %s", stamp(d.DoneAt), done)
		}
		fmt.Fprintf(y.w, "  %-16s %-4s due %s (%s)  %s\n", d.Kind, y.names[d.Owner], day(d.Due), d.DueBy, done)
		for _, x := range d.Effects {
			fmt.Fprintf(y.w, "      effect: %s #%d %s\n", x.Model, x.Seq, x.Step)
		}
	}
	p := y.rec.Problem(y.problem)
	fmt.Fprintf(y.w, "  the assign decision is done once handed over; %s tracks the rest: %s %s, due %s, overdue %v\n",
		y.rec.Recommendation.Number, p.Description, p.State, day(y.rec.DueAt(p)), y.rec.Overdue(p, now))
	for _, t := range p.Tasks {
		status := "not done"
		if !t.DoneAt.IsZero() {
			status = "done " + stamp(t.DoneAt)
		}
		fmt.Fprintf(y.w, "      task %q (%s) due %s: %s\n", t.Measure, t.ResponsibleUnit.Name, day(t.Due), status)
	}
}

// clueDuties prints the clue's duties (移送—处置—反馈—评估), each with whether and when it was
// met, and the clue's state.
func (y *year) clueDuties() {
	fmt.Fprintln(y.w, "\nthe clue's duties (移送—处置—反馈—评估):")
	for _, o := range y.c.Obligations {
		status := "open"
		switch {
		case o.OnTime():
			status = "met on time " + stamp(o.Met)
		case !o.Met.IsZero():
			status = "met LATE " + stamp(o.Met)
		}
		fmt.Fprintf(y.w, "  %-17s due %s  %-28s %s\n", o.Kind, day(o.Due), status, y.policy(o.PolicyID))
	}
	fmt.Fprintf(y.w, "clue state: %s\n", y.c.State)
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

// The stages of the four-party chain (四方联动), each after the one before.
const (
	stageAudit   = "审计查证"
	stageFinance = "财政核策"
	stageTrace   = "行业研判"
	stageAccount = "纪委追责"
)

// fourParties are the four parties of the chain, as the district's own bodies, and the log of
// their staged project.
type fourParties struct {
	commission, audit, finance, agri clue.Agency
	log                              *projectlog.Log
}

// chainID derives the chain's ids. They keep the namespace the chain was first written under,
// when it ran at the end of examples/zhengzhou, so that the agency id its refusal prints, and
// with it the golden output, is unchanged.
func chainID(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("guantong.example/zhengzhou/"+name))
}

// chainAgency is a district body of the chain, with its chainID.
func chainAgency(name string, kind clue.AgencyKind) clue.Agency {
	a := agency(name, kind)
	a.ID = chainID("agency/tiefeng/" + name)
	return a
}

// fourPartyChain is the seed's 四方联动 in the special campaign on 惠民资金 (专项整治), the
// chain 审计查证—财政核策—行业研判—纪委追责 as a staged project the commission leads (纪委监委
// 牵头统筹): the audit bureau screens abnormal fund flows, the finance bureau re-checks the
// subsidy payments, the line department traces the problems to their source, and the
// commission holds people to account. Each agency acts on its own stage only; the lead may act
// on any, but not out of order.
func (y *year) fourPartyChain() error {
	fmt.Fprintln(y.w, "\n铁锋 (seed 000): four-party chain 审计查证—财政核策—行业研判—纪委追责")
	f := &fourParties{
		commission: chainAgency("铁锋区纪委监委", clue.KindDisciplineCommission),
		audit:      chainAgency("铁锋区审计局", clue.KindAudit),
		finance:    chainAgency("铁锋区财政局", clue.KindFinance),
		agri:       chainAgency("铁锋区农业农村局", clue.KindLineDepartment),
	}
	p, ev, err := rectification.PlanProject(chainID("project/tiefeng"), rectification.ProjectCommand{Actor: clue.Actor{Agency: f.commission.ID}, At: at(7, 1, 9, 0),
		Plan: &rectification.ProjectPlan{Name: "惠民资金专项整治", Field: "惠民资金", Lead: f.commission, Stages: []rectification.StagePlan{
			{Name: stageAudit, Agency: f.audit},
			{Name: stageFinance, Agency: f.finance, DependsOn: []string{stageAudit}},
			{Name: stageTrace, Agency: f.agri, DependsOn: []string{stageFinance}},
			{Name: stageAccount, Agency: f.commission, DependsOn: []string{stageTrace}},
		}}})
	if err != nil {
		return err
	}
	f.log = projectlog.New(y.w, p, ev, f.commission, f.audit, f.finance, f.agri)
	fmt.Fprintf(y.w, "%s  plan            %s, led by %s; stages owned by %s, %s, %s, %s\n", stamp(ev.At), p.Name, f.commission.Name, f.audit.Name, f.finance.Name, f.agri.Name, f.commission.Name)
	if err := f.stages(); err != nil {
		return err
	}
	fmt.Fprintln(y.w)
	f.log.Summary()
	return f.log.Replayed()
}

// stages runs the chain from 1 July to 30 October, with the two steps it refuses: the line
// department reporting on the finance bureau's stage, and the commission closing 纪委追责
// before 行业研判.
func (f *fourParties) stages() error {
	if err := f.log.Do(
		projectlog.Start(stageAudit, f.audit, at(7, 1, 10, 0)),
		projectlog.Report(stageAudit, f.audit, at(7, 17, 17, 0), 1260, 1260, "筛查惠民资金流水，资金异常流动37笔"),
		projectlog.Close(stageAudit, f.audit, at(7, 24, 17, 0), "移交异常指标37项"),
		projectlog.Start(stageFinance, f.finance, at(7, 27, 9, 0)),
	); err != nil {
		return err
	}
	// The line department may not report on the finance bureau's stage.
	if err := f.log.Refused(projectlog.Report(stageFinance, f.agri, at(8, 3, 10, 0), 10, 37, "")); err != nil {
		return err
	}
	if err := f.log.Do(
		projectlog.Report(stageFinance, f.finance, at(8, 7, 17, 0), 20, 37, "复核补贴发放环节"),
		projectlog.Report(stageFinance, f.finance, at(8, 14, 17, 0), 37, 37, "复核补贴发放环节，确认违规发放12项"),
		projectlog.Close(stageFinance, f.finance, at(8, 14, 17, 30), "确认违规发放补贴12项"),
		projectlog.Start(stageTrace, f.agri, at(8, 17, 9, 0)),
		projectlog.Start(stageAccount, f.commission, at(9, 1, 9, 0)),
	); err != nil {
		return err
	}
	// The commission, which leads, may act on any stage, but not out of order.
	if err := f.log.Refused(projectlog.Close(stageAccount, f.commission, at(9, 11, 17, 0), "问责12人")); err != nil {
		return err
	}
	return f.log.Do(
		projectlog.Report(stageTrace, f.agri, at(9, 18, 16, 0), 12, 12, "问题溯源：补贴审核把关不严、村级公示不到位"),
		projectlog.Close(stageTrace, f.agri, at(9, 18, 17, 0), "溯源12项，建立惠民资金动态监管制度"),
		projectlog.Report(stageAccount, f.commission, at(10, 30, 16, 0), 12, 12, "问责12人，立案3件"),
		projectlog.Close(stageAccount, f.commission, at(10, 30, 17, 0), "问责12人，立案3件"),
	)
}
