// Command ningde runs the 宁德 mechanism of seed 001 (巡察整改日常监督) on the embedded
// reference rules: the municipal tour's feedback (巡察反馈意见) to the disabled persons'
// federation lists 48 problems, each with its measure and responsible person (问题清单、任务
// 清单、责任清单); the stationed discipline group verifies every claim against evidence and
// signs off (销号) — never the person responsible; 45 problems are rectified and 15 rules built
// (建章立制); the 3 unfinished ones are tracked to the 再巡察 standard; six months after each
// sign-off comes a look-back (回头看), and one finds a relapse (反弹) that reopens its problem.
// The metrics and the four lists (seed 004) close the report.
//
//	go run ./examples/ningde
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ningde:", err)
		os.Exit(1)
	}
}

func at(m time.Month, d, h, min int) time.Time {
	return time.Date(2026, m, d, h, min, 0, 0, workday.Location())
}

// endOf is the last instant of a day in 2026, the way deadlines end.
func endOf(m time.Month, d int) time.Time { return workday.Date{Year: 2026, Month: m, Day: d}.End() }

// id derives a stable id from a name, so that the output never changes between runs.
func id(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("guantong.example/ningde/"+name))
}

// docHash stands for the SHA-256 of a document the host stores; the library keeps only the hash.
func docHash(doc string) string {
	h := sha256.Sum256([]byte(doc))
	return "sha256:" + hex.EncodeToString(h[:])
}

func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }
func day(t time.Time) string   { return workday.DateOf(t).String() }

// problemSpec is one row of the tour's problem list with its measures.
type problemSpec struct {
	description string
	field       string
	key, gap    bool
	measures    []string
}

var fields = [3]string{"项目资金管理", "廉政风险防控", "补助签批"}

// problemList returns the 48 problems of the tour's feedback. The first six are the key
// problems (重点问题); the last three are the ones still unfinished at the half-year report.
// The others are numbered problems of the same three fields.
func problemList() []problemSpec {
	named := map[int]problemSpec{
		0:  {description: "扶持残疾人就业创业项目资金审核把关不严", key: true, gap: true, measures: []string{"建立项目资金审核把关制度，逐笔复核2017—2019年资金拨付"}},
		1:  {description: "未制定廉政风险防控方案", key: true, gap: true, measures: []string{"制定廉政风险防控工作方案，督促县市残联结合实际制定"}},
		2:  {description: "“福乐种养基地”申报材料未按市级标准核实归档", key: true, gap: true, measures: []string{"按市级标准及当年实际情况重新核实申报材料并归档"}},
		3:  {description: "扶持资金未及时足额发放到位", key: true, gap: true, measures: []string{"核对发放名册，补发未足额发放的扶持资金"}},
		4:  {description: "县级残联项目监管责任落实不到位", key: true, gap: true, measures: []string{"制定县级残联项目监管责任清单"}},
		5:  {description: "项目补助材料签批不规范", key: true, gap: true, measures: []string{"规范补助签批流程，补齐签批手续"}},
		45: {description: "寿宁县残联扶持资金拨付台账不完整", measures: []string{"补齐2017—2019年资金拨付台账和凭证"}},
		46: {description: "周宁县残联廉政风险点排查未覆盖项目评审环节", measures: []string{"补充排查项目评审环节廉政风险点"}},
		47: {description: "福安市残联项目补助资金未实行专户管理", key: true, gap: true, measures: []string{"开设项目补助资金专户", "制定专户管理办法并报市残联备案"}},
	}
	generic := [3]string{"逐笔复核项目资金拨付，追回或补发差额", "排查岗位廉政风险点，落实防控措施", "规范补助签批流程，补齐签批手续"}
	out := make([]problemSpec, 48)
	for i := range out {
		f := fields[i%3]
		s, ok := named[i]
		if !ok {
			// ND-07 … ND-15 also expose an institutional gap: 16 gaps in all, with ND-01 … ND-06 and ND-48.
			s = problemSpec{description: fmt.Sprintf("%s方面问题（第%d项）", f, i+1), gap: i < 15, measures: []string{generic[i%3]}}
		}
		s.field = f
		out[i] = s
	}
	return out
}

var institutions = []string{
	"宁德市残联扶持残疾人就业创业项目资金管理办法", "宁德市残联廉政风险防控工作方案", "项目补助申报材料核实归档规定",
	"扶持资金发放名册核对制度", "县级残联项目监管责任清单", "项目补助签批流程规范",
	"项目资金审核“双签”制度", "残疾人就业创业项目评审规程", "种养基地年度核查制度",
	"财务报销审批管理规定", "政府采购内部控制制度", "重大事项集体决策规则",
	"项目绩效评价办法", "项目资金使用情况公示制度", "廉政谈话提醒制度",
}

// cast is who takes part in seed 001: the tour, the federation's party group, the stationed
// group and the fifth supervision office; the federation's responsible persons (责任人), the
// group's verifier and the office's reviewer; and the actors they act as.
type cast struct {
	tour, cdpf, group, office         clue.Agency
	owners                            []clue.Person
	verifier, reviewer                clue.Person
	asTour, asUnit, asGroup, asOffice clue.Actor
}

// newCast casts seed 001: the agencies and persons, with ids stable between runs.
func newCast() cast {
	c := cast{
		tour:   clue.Agency{ID: id("agency/tour"), Kind: clue.KindInspectionTour, Name: "宁德市委第一巡察组", Level: clue.LevelMunicipal, Region: "福建省宁德市"},
		cdpf:   clue.Agency{ID: id("agency/cdpf"), Kind: clue.KindLineDepartment, Name: "宁德市残联党组", Level: clue.LevelMunicipal, Region: "福建省宁德市"},
		group:  clue.Agency{ID: id("agency/group"), Kind: clue.KindStationedGroup, Name: "驻宁德市人社局纪检监察组", Level: clue.LevelMunicipal, Region: "福建省宁德市"},
		office: clue.Agency{ID: id("agency/office"), Kind: clue.KindSupervisionOffice, Name: "宁德市纪委监委第五监督检查室", Level: clue.LevelMunicipal, Region: "福建省宁德市"},
		owners: []clue.Person{
			{ID: id("person/chen"), Name: "陈某", Organization: "宁德市残联", Position: "计划财务科科长"},
			{ID: id("person/lin"), Name: "林某", Organization: "宁德市残联", Position: "就业服务指导中心主任"},
			{ID: id("person/huang"), Name: "黄某", Organization: "宁德市残联", Position: "办公室主任"},
			{ID: id("person/wu"), Name: "吴某", Organization: "宁德市残联", Position: "康复部部长"},
		},
	}
	c.verifier = clue.Person{ID: id("person/li"), Name: "李某", Organization: c.group.Name, Position: "副组长"}
	c.reviewer = clue.Person{ID: id("person/zhang"), Name: "张某", Organization: c.office.Name, Position: "副主任"}
	c.asTour, c.asUnit = clue.Actor{Agency: c.tour.ID, Person: "巡察组组长"}, clue.Actor{Agency: c.cdpf.ID, Person: "整改办"}
	c.asGroup, c.asOffice = clue.Actor{Agency: c.group.ID, Person: c.verifier.Name}, clue.Actor{Agency: c.office.ID, Person: c.reviewer.Name}
	return c
}

// owner is the person responsible (责任人) for problem i's measures.
func (c *cast) owner(i int) clue.Person { return c.owners[i%len(c.owners)] }

// story performs the steps of one rectification on the reference policies and keeps the events.
// The phases of run share it: who takes part, and the problem list with its ids.
type story struct {
	ctx    context.Context
	w      io.Writer
	cal    *workday.Calendar
	bundle *rules.Bundle
	policy rectification.Policy
	r      *rectification.Rectification
	events []rectification.Event

	cast
	specs []problemSpec // the tour's problem list
	pids  []uuid.UUID   // the problems' ids, in the list's order
	tasks [][]uuid.UUID // each problem's task ids, in its measures' order
}

// do performs cmd; with print, it shows the event and detail.
func (s *story) do(cmd rectification.Command, print bool, detail string) error {
	ev, err := s.r.Do(s.ctx, cmd, s.policy)
	if err != nil {
		return fmt.Errorf("%s %s at %s: %w", cmd.Step, s.number(cmd.ProblemID), stamp(cmd.At), err)
	}
	s.events = append(s.events, ev)
	if print {
		s.show(ev, detail)
	}
	return nil
}

func (s *story) number(pid uuid.UUID) string {
	if p := s.r.Problem(pid); p != nil {
		return p.Number
	}
	return ""
}

func (s *story) show(ev rectification.Event, detail string) {
	from := string(ev.From)
	if ev.From == rectification.StateNone {
		from = "(new)"
	}
	line := fmt.Sprintf("%s  %-5s %-21s %s -> %s", stamp(ev.At), s.number(ev.ProblemID), ev.Step, from, ev.To)
	if detail != "" {
		line += "  " + detail
	}
	fmt.Fprintln(s.w, line)
	for _, o := range ev.Obligations {
		fmt.Fprintf(s.w, "    + %s due %s (%s)%s\n", o.Kind, day(o.Due), o.PolicyID, s.moved(ev, o))
	}
}

// moved explains a look-back due that the calendar moved off a rest day or holiday.
func (s *story) moved(ev rectification.Event, o rectification.Obligation) string {
	if o.Kind != rectification.ObligationLookBack {
		return ""
	}
	raw := sixMonths(workday.DateOf(ev.At))
	if raw.Equal(workday.DateOf(o.Due)) {
		return ""
	}
	return ": 6 months after " + day(ev.At) + " is " + raw.String() + ", " + s.dayOff(raw)
}

// dayOff names why d is not a working day.
func (s *story) dayOff(d workday.Date) string {
	x, err := s.cal.Day(d.Start())
	if err != nil || x.Festival == "" {
		return d.Weekday().String()
	}
	return x.Festival + " holiday"
}

// sixMonths is the same day number six months later (the month's last day when it has none):
// the last day of the Civil Code period before the calendar moves it to a working day.
func sixMonths(d workday.Date) workday.Date {
	first := time.Date(d.Year, d.Month+6, 1, 0, 0, 0, 0, workday.Location())
	last := first.AddDate(0, 1, -1).Day()
	return workday.Date{Year: first.Year(), Month: first.Month(), Day: min(d.Day, last)}
}

// run tells seed 001 step by step, in the seed's order.
func run(w io.Writer) error {
	s, err := newStory(w)
	if err != nil {
		return err
	}
	for _, phase := range []func() error{
		s.issueFeedback,       // 巡察反馈意见
		s.listProblems,        // 问题清单
		s.assignTasks,         // 任务清单、责任清单
		s.replyPlan,           // 整改方案
		s.rectifyAndSignOff,   // 整改、佐证材料、销号
		s.groupRecommendation, // 纪律检查建议
		s.trackUnfinished,     // 未完成整改事项的跟踪督办
		s.signOffLate,         // 逾期销号
		s.buildRules,          // 建章立制
		s.holdAccountable,     // 问责、警示教育、满意度测评
		s.halfYearReport,      // 半年整改报告、四张清单
		s.lookBack,            // 回头看
		s.rectifyRelapse,      // 反弹问题再整改
		s.reportAfterLookBack, // 回头看后的整改成效
		s.replayRecord,        // 事件记录
	} {
		if err := phase(); err != nil {
			return err
		}
	}
	return nil
}

// newStory loads the official calendar and the reference bundle and prints the story's title.
func newStory(w io.Writer) (*story, error) {
	cal, err := workday.New()
	if err != nil {
		return nil, err
	}
	bundle, err := policies.Bundle(cal)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "宁德 (seed 001): tour rectification under daily supervision, reference bundle %s\n\n", bundle.Version())
	return &story{ctx: context.Background(), w: w, cal: cal, bundle: bundle, policy: domain.Rectification(bundle), cast: newCast()}, nil
}

// issueFeedback is the tour's feedback (巡察反馈意见) 宁巡反〔2026〕5号: the municipal tour
// gives the federation's party group its 48 problems to rectify by 29 May, under the
// supervision of the stationed group and the fifth supervision office.
func (s *story) issueFeedback() error {
	rec := rectification.Recommendation{
		Kind: rectification.KindTourFeedback, Number: "宁巡反〔2026〕5号",
		Issuer: s.tour, Recipient: s.cdpf, Supervisors: []clue.Agency{s.group, s.office},
		Summary:  "巡察反馈问题48个，限期整改",
		IssuedAt: at(3, 2, 10, 0), Deadline: endOf(5, 29), ReplyDue: endOf(3, 31),
	}
	r, ev, err := rectification.Issue(s.ctx, id("rectification/tour"), rectification.Command{Actor: s.asTour, At: rec.IssuedAt, Recommendation: &rec}, s.policy)
	if err != nil {
		return err
	}
	s.r, s.events = r, []rectification.Event{ev}
	s.show(ev, rec.Number+" "+s.tour.Name+" → "+s.cdpf.Name+"; supervised by "+s.group.Name+", "+s.office.Name)
	return nil
}

// listProblems is the problem list (问题清单): the tour lists its 48 problems on 3 March.
// ND-01 is shown in full.
func (s *story) listProblems() error {
	s.specs = problemList()
	s.pids = make([]uuid.UUID, len(s.specs))
	for i, sp := range s.specs {
		s.pids[i] = id(fmt.Sprintf("problem/%d", i+1))
		p := rectification.Problem{
			ID: s.pids[i], Number: fmt.Sprintf("ND-%02d", i+1), Description: sp.description, Field: sp.field,
			Severity: rectification.SeverityGeneral, Key: sp.key, Gap: sp.gap,
			Source: rectification.Source{Kind: rectification.SourceTour, Reference: s.r.Recommendation.Number},
		}
		if err := s.do(rectification.OpenProblem(s.asTour, at(3, 3, 9, 0), p), i == 0, sp.description); err != nil {
			return err
		}
	}
	return nil
}

// assignTasks is the task and responsibility lists (任务清单、责任清单): on 4 March the
// federation gives each problem its measures and a responsible person, and starts; the three
// lists are summed up.
func (s *story) assignTasks() error {
	s.tasks = make([][]uuid.UUID, len(s.specs))
	for i, sp := range s.specs {
		for j, m := range sp.measures {
			tid := id(fmt.Sprintf("task/%d/%d", i+1, j+1))
			s.tasks[i] = append(s.tasks[i], tid)
			t := rectification.Task{ID: tid, Measure: m, ResponsibleUnit: s.cdpf, ResponsiblePerson: s.owner(i)}
			if err := s.do(rectification.AssignTask(s.asUnit, at(3, 4, 9, 0), s.pids[i], t), i == 0, m+" — "+s.owner(i).Name+"（"+s.owner(i).Position+"）"); err != nil {
				return err
			}
		}
	}
	for i := range s.specs {
		if err := s.do(rectification.Command{Step: rectification.StepStart, Actor: s.asUnit, At: at(3, 4, 9, 30), ProblemID: s.pids[i]}, i == 0, ""); err != nil {
			return err
		}
	}
	summarizeLists(s.w, s.r)
	return nil
}

// replyPlan is the federation's reply with its rectification plan (整改方案) on 20 March.
func (s *story) replyPlan() error {
	return s.do(rectification.Command{Step: rectification.StepReply, Actor: s.asUnit, At: at(3, 20, 16, 0), Reply: "整改方案：48个问题逐项明确整改措施、责任人和完成时限"}, true, "整改方案")
}

// batch is the problems rectified and signed off on one day.
type batch struct {
	day      time.Time
	problems []int
}

// rectifyAndSignOff is rectification with evidence and sign-off (整改、佐证材料、销号) by the
// deadline: ND-01 … ND-42, two a working day from 3 April. ND-01 is shown in full, with a
// sign-off by its own responsible person refused first.
func (s *story) rectifyAndSignOff() error {
	fmt.Fprintln(s.w, "\nND-01 from rectification to sign-off:")
	var batches []batch
	for i := 0; i < 42; i += 2 {
		d, err := s.cal.AddWorkdays(at(3, 31, 12, 0), 3+i/2)
		if err != nil {
			return err
		}
		batches = append(batches, batch{d.Time, []int{i, i + 1}})
	}
	return s.rectifyBatches(batches)
}

// rectifyBatches rectifies and signs off each batch in turn.
func (s *story) rectifyBatches(batches []batch) error {
	for _, b := range batches {
		if err := s.rectifyBatch(b); err != nil {
			return err
		}
	}
	return nil
}

// rectifyBatch rectifies the batch's problems in the morning and has the stationed group sign
// them off in the afternoon.
func (s *story) rectifyBatch(b batch) error {
	y, m, d := b.day.Date()
	base := time.Date(y, m, d, 9, 0, 0, 0, workday.Location())
	for k, i := range b.problems {
		if err := s.rectify(i, base.Add(time.Duration(k)*30*time.Minute)); err != nil {
			return err
		}
	}
	for k, i := range b.problems {
		if err := s.signOff(i, base.Add(6*time.Hour+time.Duration(k)*30*time.Minute)); err != nil {
			return err
		}
	}
	return nil
}

// rectify is problem i's rectification (整改) at t: its measures done, the evidence (佐证材料)
// submitted, and sign-off claimed (申请销号).
func (s *story) rectify(i int, t time.Time) error {
	for _, tid := range s.tasks[i] {
		if err := s.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: s.asUnit, At: t, ProblemID: s.pids[i], TaskID: tid, Outcome: "已完成"}, i == 0, ""); err != nil {
			return err
		}
	}
	doc := s.specs[i].description + "整改报告.pdf"
	ev := &rectification.Evidence{Summary: "整改报告及附件：" + s.specs[i].measures[0], Document: doc, Hash: docHash("宁德/" + doc), By: s.owner(i)}
	if err := s.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: s.asUnit, At: t.Add(5 * time.Minute), ProblemID: s.pids[i], Evidence: ev}, i == 0, ev.Document+" "+ev.Hash[:15]+"…"); err != nil {
		return err
	}
	return s.do(rectification.Command{Step: rectification.StepClaim, Actor: s.asUnit, At: t.Add(10 * time.Minute), ProblemID: s.pids[i], Reason: "申请销号"}, i == 0, "")
}

// signOff is problem i's sign-off (销号) at t by the stationed group's verifier, never by the
// person responsible: for ND-01 that is tried first and refused.
func (s *story) signOff(i int, t time.Time) error {
	if i == 0 {
		if err := s.refusedSignOff(s.pids[i], s.owner(i), t.Add(-30*time.Minute)); err != nil {
			return err
		}
	}
	cmd := rectification.Command{Step: rectification.StepSignOff, Actor: s.asGroup, At: t, ProblemID: s.pids[i], Verifier: &s.verifier, Reason: "实地核查，佐证材料属实"}
	return s.do(cmd, i == 0, "verified by "+s.verifier.Name+"（"+s.group.Name+s.verifier.Position+"）")
}

// trackUnfinished is the tracking (跟踪督办) of the three problems not finished by the
// deadline, 20–28 May, to the 再巡察 standard: ND-48 has one of two measures done, ND-46's
// claim is rejected, and ND-47's claim without evidence is refused as paper rectification.
func (s *story) trackUnfinished() error {
	fmt.Fprintln(s.w, "\nthe three problems not finished by the deadline:")
	if err := s.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: s.asUnit, At: at(5, 20, 10, 0), ProblemID: s.pids[47], TaskID: s.tasks[47][0], Outcome: "专户已开设"}, true, s.specs[47].measures[0]+" (1 of 2 measures)"); err != nil {
		return err
	}
	if err := s.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: s.asUnit, At: at(5, 25, 9, 0), ProblemID: s.pids[45], TaskID: s.tasks[45][0]}, true, s.specs[45].measures[0]); err != nil {
		return err
	}
	ev46 := &rectification.Evidence{Summary: "补齐资金拨付台账", Document: "寿宁县残联资金拨付台账.xlsx", Hash: docHash("宁德/寿宁县残联资金拨付台账.xlsx"), By: s.owner(45)}
	if err := s.do(rectification.Command{Step: rectification.StepAddEvidence, Actor: s.asUnit, At: at(5, 25, 9, 30), ProblemID: s.pids[45], Evidence: ev46}, true, ev46.Document); err != nil {
		return err
	}
	if err := s.do(rectification.Command{Step: rectification.StepClaim, Actor: s.asUnit, At: at(5, 26, 10, 0), ProblemID: s.pids[45], Reason: "申请销号"}, true, ""); err != nil {
		return err
	}
	if err := s.do(rectification.Command{Step: rectification.StepCompleteTask, Actor: s.asUnit, At: at(5, 27, 9, 0), ProblemID: s.pids[46], TaskID: s.tasks[46][0]}, true, s.specs[46].measures[0]); err != nil {
		return err
	}
	// A claim with no evidence is paper rectification (纸面整改): the guard refuses it.
	_, err := s.r.Do(s.ctx, rectification.Command{Step: rectification.StepClaim, Actor: s.asUnit, At: at(5, 27, 9, 30), ProblemID: s.pids[46], Reason: "已排查，申请销号"}, s.policy)
	printRefusal(s.w, at(5, 27, 9, 30), "ND-47 claim", err)
	return s.do(rectification.Command{Step: rectification.StepReject, Actor: s.asGroup, At: at(5, 28, 15, 0), ProblemID: s.pids[45], Verifier: &s.verifier,
		Reason: "按照“再巡察”标准抽查，2019年资金拨付台账仍缺12笔凭证，整改不到位"}, true, "按照“再巡察”标准抽查，整改不到位")
}

// signOffLate is the sign-off (销号) after the deadline of ND-43 … ND-45, 1–3 June, and the
// summary of all sign-offs with the look-back (回头看) each one sets due.
func (s *story) signOffLate() error {
	fmt.Fprintln(s.w, "\nND-43 … ND-45 are signed off after the deadline, 1–3 June; all sign-offs:")
	late := func(m time.Month, d, i int) batch { return batch{endOf(m, d), []int{i}} }
	if err := s.rectifyBatches([]batch{late(6, 1, 42), late(6, 2, 43), late(6, 3, 44)}); err != nil {
		return err
	}
	s.summarizeSignOffs()
	return nil
}

// buildRules is rules built (建章立制): the federation records its 15 rules, 13 new and 2
// revised, each answering a problem that exposed an institutional gap (制度漏洞).
func (s *story) buildRules() error {
	for i, title := range institutions {
		issued, err := s.cal.AddWorkdays(at(4, 17, 9, 0), 1+2*i) // every other working day from 20 April
		if err != nil {
			return err
		}
		in := &rectification.Institution{Title: title, Kind: rectification.InstitutionNew, Problems: []uuid.UUID{s.pids[i]}, IssuedAt: workday.DateOf(issued.Time).Start().Add(9 * time.Hour), Document: docHash("宁德/制度/" + title)}
		if i == 9 || i == 11 {
			in.Kind = rectification.InstitutionRevised
		}
		if err := s.do(rectification.Command{Step: rectification.StepInstitution, Actor: s.asUnit, At: at(6, 5, 10, 0), Institution: in}, false, ""); err != nil {
			return err
		}
	}
	r := s.r
	fmt.Fprintf(s.w, "%s  record_institution ×%d: 建章立制 %d rules (13 new, 2 revised), issued %s … %s, each answering a problem that exposed a gap\n",
		stamp(at(6, 5, 10, 0)), len(institutions), len(r.Institutions), day(r.Institutions[0].IssuedAt), day(r.Institutions[len(r.Institutions)-1].IssuedAt))
	return nil
}

// holdAccountable is accountability (问责), warning education (以案促改警示教育) and the
// satisfaction survey (群众满意度测评), 8–18 June.
func (s *story) holdAccountable() error {
	for _, cmd := range []rectification.Command{
		{Step: rectification.StepAccountability, Actor: s.asGroup, At: at(6, 8, 10, 0), Accountability: &rectification.Accountability{
			Person: clue.Person{Name: "赵某", Organization: "宁德市残联", Position: "原计划财务科科长"}, Measure: "诫勉谈话",
			Problem: s.pids[0], DecidedBy: s.group.ID, DecidedAt: at(6, 8, 10, 0), Document: "驻人社纪诫〔2026〕1号"}},
		{Step: rectification.StepAccountability, Actor: s.asGroup, At: at(6, 8, 10, 30), Accountability: &rectification.Accountability{
			Person: clue.Person{Name: "钱某", Organization: "寿宁县残联", Position: "理事长"}, Measure: "批评教育",
			Problem: s.pids[45], DecidedBy: s.group.ID, DecidedAt: at(6, 8, 10, 30)}},
		{Step: rectification.StepEducation, Actor: s.asUnit, At: at(6, 10, 9, 0), Education: &rectification.Education{Title: "以案促改警示教育大会", At: at(6, 10, 9, 0), Audience: 120, Reached: 114}},
		{Step: rectification.StepEducation, Actor: s.asUnit, At: at(6, 12, 9, 0), Education: &rectification.Education{Title: "县级残联警示教育专题会", At: at(6, 12, 9, 0), Audience: 60, Reached: 60}},
		{Step: rectification.StepSurvey, Actor: s.asGroup, At: at(6, 18, 17, 0), Survey: &rectification.Survey{Title: "残疾人就业创业扶持满意度测评", At: at(6, 18, 17, 0), Responses: 200, Satisfied: 193}},
	} {
		detail := ""
		switch {
		case cmd.Accountability != nil:
			detail = cmd.Accountability.Person.Name + "（" + cmd.Accountability.Person.Organization + cmd.Accountability.Person.Position + "）" + cmd.Accountability.Measure
		case cmd.Education != nil:
			detail = fmt.Sprintf("%s %d/%d", cmd.Education.Title, cmd.Education.Reached, cmd.Education.Audience)
		case cmd.Survey != nil:
			detail = fmt.Sprintf("%s %d/%d satisfied", cmd.Survey.Title, cmd.Survey.Satisfied, cmd.Survey.Responses)
		}
		if err := s.do(cmd, true, detail); err != nil {
			return err
		}
	}
	return nil
}

// lookBack is the look-back (回头看) in September, ahead of the due dates: the fifth supervision
// office looks back at the 45 signed-off problems and finds that the “福乐种养基地” files
// (ND-03) have relapsed (反弹), which reopens the problem with its history kept.
func (s *story) lookBack() error {
	fmt.Fprintln(s.w, "\n回头看 (look-back) by "+s.office.Name+", 14–18 September:")
	looked := 0
	for i := range 45 {
		t := at(9, 14, 9, 0).AddDate(0, 0, i/10).Add(time.Duration(i%10) * 30 * time.Minute) // ten a day, Monday to Friday
		rv := &rectification.Review{Reviewer: s.reviewer, Finding: rectification.FindingHolds, Note: "实地回访，整改成效巩固"}
		detail := "holds: " + rv.Note
		if i == 2 {
			rv = &rectification.Review{Reviewer: s.reviewer, Finding: rectification.FindingRelapsed, NewDue: endOf(11, 30),
				Note: "抽查发现2026年新申报的2个种养基地材料仍未按市级标准核实"}
			detail = "RELAPSE (反弹): " + rv.Note + "; new due " + day(rv.NewDue)
		}
		if err := s.do(rectification.Command{Step: rectification.StepLookBack, Actor: s.asOffice, At: t, ProblemID: s.pids[i], Review: rv}, i == 1 || i == 2, detail); err != nil {
			return err
		}
		looked++
	}
	fmt.Fprintf(s.w, "  %d looked back: %d hold, %d relapsed\n",
		looked, looked-countRelapses(s.r), countRelapses(s.r))
	lookBackMet(s.w, s.r)
	history(s.w, s.r.Problem(s.pids[2]))
	return nil
}

// rectifyRelapse is the relapsed problem's rectification again (反弹问题再整改): ND-03 gets a
// further measure; the earlier one stays done, in its history.
func (s *story) rectifyRelapse() error {
	again := rectification.Task{ID: id("task/3/2"), Measure: "对2026年新申报的种养基地材料逐一按市级标准核实", ResponsibleUnit: s.cdpf, ResponsiblePerson: s.owner(2), Due: endOf(11, 20)}
	return s.do(rectification.AssignTask(s.asUnit, at(9, 21, 9, 0), s.pids[2], again), true, again.Measure+" — "+s.owner(2).Name+", due "+day(again.Due))
}

// reportAfterLookBack is the rectification's results (整改成效) after the look-back, on 20
// October: the metrics with the relapse counted, and the four lists (四张清单, seed 004).
func (s *story) reportAfterLookBack() error {
	final := at(10, 20, 17, 0)
	m := rectification.Measure([]*rectification.Rectification{s.r}, final)
	fmt.Fprintf(s.w, "\nas of %s: %d of %d signed off, completion %s (was 93.75%% before the relapse), on-time %s, overdue %d, relapses %d\n",
		stamp(final), m.SignedOff, m.Problems, m.Completion(), m.OnTime(), m.Overdue, m.Relapses)
	l := rectification.Lists([]*rectification.Rectification{s.r}, rectification.Scope{Title: "宁德市残联巡察整改四张清单（回头看后）", Recipient: s.cdpf.ID}, final)
	l.Results = keyResults(l, s.r) // the host decides what to print: here only the key problems' rows
	fmt.Fprint(s.w, "\n", l.Text())
	return nil
}

// replayRecord is the record (事件记录): the events are the record, and replaying them rebuilds
// the rectification exactly, without asking the policies again.
func (s *story) replayRecord() error {
	back, err := rectification.Replay(s.events)
	if err != nil {
		return err
	}
	a, err := json.Marshal(s.r)
	if err != nil {
		return err
	}
	b, err := json.Marshal(back)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.w, "\nevent log: %d events; replayed without the policies, identical: %v\n", len(s.events), string(a) == string(b))
	return nil
}

// refusedSignOff tries to have the problem's own responsible person verify it, prints the typed
// error, and shows what the reference policy says about the same sign-off, in Chinese.
func (s *story) refusedSignOff(pid uuid.UUID, self clue.Person, t time.Time) error {
	_, err := s.r.Do(s.ctx, rectification.Command{Step: rectification.StepSignOff, Actor: s.asGroup, At: t, ProblemID: pid, Verifier: &self}, s.policy)
	printRefusal(s.w, t, s.number(pid)+" sign_off by "+self.Name, err)
	if err == nil {
		return errors.New("a sign-off by the responsible person was accepted")
	}
	// The subject as the sign-off would have left it, asked of the reference policy.
	p := s.r.Clone().Problem(pid)
	p.State, p.SignedOffAt = rectification.StateSignedOff, t
	p.SignOffs = append(p.SignOffs, rectification.SignOff{At: t, Agency: s.asGroup.Agency, Verifier: self})
	for i := range p.Evidence {
		p.Evidence[i].VerifiedBy, p.Evidence[i].VerifiedAt = self, t
	}
	d, err := s.bundle.Check(s.ctx, &rectification.Subject{Recommendation: s.r.Recommendation, Problem: *p, Campaign: s.r.Campaign}, t)
	if err != nil {
		return err
	}
	for _, v := range d.Violations {
		fmt.Fprintf(s.w, "    reference policy: %s (%s %s)\n", v.Message, v.PolicyID, v.Reason)
	}
	return nil
}

// printRefusal prints a refused step's typed error.
func printRefusal(w io.Writer, t time.Time, what string, err error) {
	var ge *rectification.GuardError
	var re *rectification.RefusedError
	var fe *rectification.FieldError
	switch {
	case errors.As(err, &ge) && errors.As(err, &fe):
		fmt.Fprintf(w, "%s  %s REFUSED: *GuardError guard=%s field=%s: %s (errors.Is ErrGuard: %v)\n",
			stamp(t), what, ge.Guard, fe.Field, fe.Reason, errors.Is(err, rectification.ErrGuard))
	case errors.As(err, &re):
		fmt.Fprintf(w, "%s  %s REFUSED: *RefusedError (errors.Is ErrRefused: %v)\n", stamp(t), what, errors.Is(err, rectification.ErrRefused))
		for _, v := range re.Findings {
			fmt.Fprintf(w, "    %s: %s (%s)\n", v.Reason, v.Message, v.PolicyID)
		}
	default:
		fmt.Fprintf(w, "%s  %s: unexpected result %v\n", stamp(t), what, err)
	}
}

// groupRecommendation is the stationed group's discipline inspection recommendation (纪律检查建议,
// seed 001: 6 problems found in its special inspection of 13–21 April): a recommendation of
// that kind must state its reply deadline, which the reference policy enforces in Chinese; so it
// is refused without one, then issued with one and answered in time.
func (s *story) groupRecommendation() error {
	w, p, group, cdpf := s.w, s.policy, s.group, s.cdpf
	fmt.Fprintln(w, "\nmeanwhile, "+group.Name+"'s special inspection (13–21 April) of the federation's project funds:")
	rec := rectification.Recommendation{
		Kind: rectification.KindDisciplineInspection, Number: "驻人社纪建〔2026〕2号", Issuer: group, Recipient: cdpf,
		Summary:  "对发现的6个问题提出纪律检查建议：制定廉政风险防控方案，加强项目资金审核把关，确保资金及时足额发放到位",
		IssuedAt: at(4, 22, 10, 0), Deadline: endOf(6, 30),
	}
	rid := id("rectification/group")
	_, _, err := rectification.Issue(s.ctx, rid, rectification.Command{Actor: s.asGroup, At: rec.IssuedAt, Recommendation: &rec}, p)
	printRefusal(w, rec.IssuedAt, "issue "+rec.Number+" without a reply deadline", err)
	if err == nil {
		return errors.New("a recommendation without a reply deadline was accepted")
	}
	rec.ReplyDue = endOf(5, 22)
	r, ev, err := rectification.Issue(s.ctx, rid, rectification.Command{Actor: s.asGroup, At: at(4, 22, 11, 0), Recommendation: &rec}, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s  issue %s again with reply due %s: %s -> %s\n", stamp(ev.At), rec.Number, day(rec.ReplyDue), "(new)", ev.To)
	for _, o := range ev.Obligations {
		fmt.Fprintf(w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), o.PolicyID)
	}
	ev, err = r.Do(s.ctx, rectification.Command{Step: rectification.StepReply, Actor: clue.Actor{Agency: cdpf.ID}, At: at(5, 20, 16, 0),
		Reply: "已制定廉政风险防控工作方案，重新核实“福乐种养基地”申报材料并归档，规范项目补助材料签批"}, p)
	if err != nil {
		return err
	}
	o := r.Obligations[0]
	fmt.Fprintf(w, "%s  reply: %s due %s met on time: %v\n", stamp(ev.At), o.Kind, day(o.Due), o.OnTime())
	return nil
}

// summarizeLists prints the problem, task and responsibility lists in one paragraph.
func summarizeLists(w io.Writer, r *rectification.Rectification) {
	byField := map[string]int{}
	key, gap, tasks := 0, 0, 0
	persons := map[string]bool{}
	dues := map[string]int{}
	for i := range r.Problems {
		p := &r.Problems[i]
		byField[p.Field]++
		if p.Key {
			key++
		}
		if p.Gap {
			gap++
		}
		tasks += len(p.Tasks)
		for _, t := range p.Tasks {
			persons[t.ResponsiblePerson.Name] = true
		}
		for _, o := range p.Obligations {
			dues[day(o.Due)+" ("+o.PolicyID+")"]++
		}
	}
	parts := make([]string, 0, len(fields))
	for _, f := range fields {
		parts = append(parts, fmt.Sprintf("%s %d", f, byField[f]))
	}
	fmt.Fprintf(w, "  problem list (问题清单): %d problems — %s; %d key (重点问题), %d exposing an institutional gap (制度漏洞)\n",
		len(r.Problems), strings.Join(parts, ", "), key, gap)
	fmt.Fprintf(w, "  task and responsibility lists (任务清单、责任清单): %d measures, %d responsible persons of %s\n", tasks, len(persons), r.Recommendation.Recipient.Name)
	keys := make([]string, 0, len(dues))
	for k := range dues {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  rectification obligations: %d due %s\n", dues[k], k)
	}
}

// summarizeSignOffs prints the sign-offs and the look-back due dates the reference policy set.
func (s *story) summarizeSignOffs() {
	signed := s.signedOff()
	var first, last time.Time
	onTime, self := 0, 0
	verifiers := map[string]bool{}
	for _, p := range signed {
		if first.IsZero() || p.SignedOffAt.Before(first) {
			first = p.SignedOffAt
		}
		if p.SignedOffAt.After(last) {
			last = p.SignedOffAt
		}
		if s.r.OnTime(p) {
			onTime++
		}
		for _, so := range p.SignOffs {
			verifiers[so.Verifier.Name] = true
			self += selfVerified(p, so.Verifier)
		}
	}
	names := slices.Sorted(maps.Keys(verifiers))
	fmt.Fprintf(s.w, "  %d problems signed off %s … %s: %d by the 29 May deadline, %d after it; verified by %s (by a responsible person or evidence submitter: %d)\n",
		len(signed), day(first), day(last), onTime, len(signed)-onTime, strings.Join(names, ", "), self)
	stays, moves := s.lookBackDues(signed)
	fmt.Fprintf(s.w, "  look-back (回头看) due 6 months after each sign-off (rectification.look-back): %d on the same day number, %d moved off a rest day or holiday:\n", stays, len(signed)-stays)
	for _, mv := range moves {
		fmt.Fprintf(s.w, "    signed off %s → 6 months is %s → due %s\n", mv.from, mv.raw, mv.due)
	}
}

// signedOff returns the signed-off problems, in the list's order.
func (s *story) signedOff() []*rectification.Problem {
	var out []*rectification.Problem
	for _, pid := range s.pids {
		if p := s.r.Problem(pid); p.State == rectification.StateSignedOff {
			out = append(out, p)
		}
	}
	return out
}

// selfVerified counts how often v is also responsible for one of p's measures or submitted
// one of its pieces of evidence.
func selfVerified(p *rectification.Problem, v clue.Person) int {
	n := 0
	for _, t := range p.Tasks {
		if t.ResponsiblePerson.ID == v.ID {
			n++
		}
	}
	for _, e := range p.Evidence {
		if e.By.ID == v.ID {
			n++
		}
	}
	return n
}

// lookBackMove is a look-back due that the calendar moved: the sign-off day, the raw six months
// with why it is not a working day, and the due day.
type lookBackMove struct{ from, raw, due string }

// lookBackDues counts the look-back dues on the same day number six months after the sign-off,
// and lists once each distinct move off a rest day or holiday.
func (s *story) lookBackDues(signed []*rectification.Problem) (stays int, moves []lookBackMove) {
	for _, p := range signed {
		for _, o := range p.Obligations {
			if o.Kind != rectification.ObligationLookBack {
				continue
			}
			raw := sixMonths(workday.DateOf(p.SignedOffAt))
			if raw.Equal(workday.DateOf(o.Due)) {
				stays++
				continue
			}
			mv := lookBackMove{day(p.SignedOffAt), raw.String() + " " + s.dayOff(raw), day(o.Due)}
			if !slices.Contains(moves, mv) {
				moves = append(moves, mv)
			}
		}
	}
	return stays, moves
}

// halfYearReport is the half-year report (半年整改报告) on 30 June: the metrics, by field, the
// unfinished problems tracked to the 再巡察 standard, and the four lists (四张清单, seed 004).
func (s *story) halfYearReport() error {
	w, r, now := s.w, s.r, at(6, 30, 17, 0)
	rs := []*rectification.Rectification{r}
	m := rectification.Measure(rs, now)
	ind := m.Indicators()
	fmt.Fprintf(w, "\nhalf-year report, as of %s:\n", stamp(now))
	fmt.Fprintf(w, "  problems %d: signed off %d (on time %d, late %d), in progress %d, overdue %d; claims rejected %d\n",
		m.Problems, m.SignedOff, m.SignedOffOnTime, m.SignedOffLate, m.InProgress, m.Overdue, m.Rejections)
	fmt.Fprintf(w, "  整改完成率 %s (%d/%d), 按期整改率 %s (%d/%d)\n", ind.Completion, ind.Completion.Num, ind.Completion.Den, m.OnTime(), m.OnTime().Num, m.OnTime().Den)
	fmt.Fprintf(w, "  建章立制 %d, 制度健全度 %s (%d/%d gaps closed), 问责 %d, 警示教育覆盖率 %s (%d/%d), 群众满意度 %s (%d/%d)\n",
		m.Institutions, ind.InstitutionSoundness, ind.InstitutionSoundness.Num, ind.InstitutionSoundness.Den, m.Accountability,
		ind.EducationCoverage, ind.EducationCoverage.Num, ind.EducationCoverage.Den, ind.Satisfaction, ind.Satisfaction.Num, ind.Satisfaction.Den)
	groups, err := rectification.MeasureBy(rs, now, rectification.ByField)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if g.Metrics.Problems == 0 {
			continue
		}
		fmt.Fprintf(w, "  by field %s: %d problems, %d signed off (%s), overdue %d, rules built %d\n",
			g.Label, g.Metrics.Problems, g.Metrics.SignedOff, g.Metrics.Completion(), g.Metrics.Overdue, g.Metrics.Institutions)
	}

	unfinished := s.pids[45:]
	if err := s.reportUnfinished(now, unfinished); err != nil {
		return err
	}
	p := r.Problem(unfinished[1])
	fmt.Fprintf(w, "  overdue is derived from now, never stored: %s at %s %v, at %s %v\n",
		p.Number, stamp(at(5, 29, 18, 0)), r.Overdue(p, at(5, 29, 18, 0)), stamp(at(6, 1, 9, 0)), r.Overdue(p, at(6, 1, 9, 0)))

	l := rectification.Lists(rs, rectification.Scope{Title: "宁德市残联巡察整改四张清单", Recipient: r.Recommendation.Recipient.ID}, now)
	all := len(l.Results)
	l.Results = keyResults(l, r)
	fmt.Fprint(w, "\n", l.Markdown())
	fmt.Fprintf(w, "\n（整改成效清单 lists the key problems' sign-offs and the rules built: %d of %d rows）\n", len(l.Results), all)
	return nil
}

// reportUnfinished prints, at now, each unfinished problem as the supervisor tracks it to the
// 再巡察 standard: how overdue, its open measures, its rejected claims and the policy's findings.
func (s *story) reportUnfinished(now time.Time, unfinished []uuid.UUID) error {
	w, r := s.w, s.r
	fmt.Fprintf(w, "\n  unfinished, tracked by %s to the 再巡察 standard:\n", r.Recommendation.Supervisors[0].Name)
	for _, pid := range unfinished {
		p := r.Problem(pid)
		due := r.DueAt(p)
		late, err := s.cal.WorkdaysBetween(due, now)
		if err != nil {
			return err
		}
		done := 0
		for _, t := range p.Tasks {
			if !t.DoneAt.IsZero() {
				done++
			}
		}
		fmt.Fprintf(w, "  %s %s — %s, due %s, overdue %v (%d working days), measures done %d/%d, evidence %d\n",
			p.Number, p.Description, p.State, day(due), r.Overdue(p, now), late.N, done, len(p.Tasks), len(p.Evidence))
		for _, t := range p.Tasks {
			if t.DoneAt.IsZero() {
				fmt.Fprintf(w, "      open measure: %s — %s（%s）\n", t.Measure, t.ResponsiblePerson.Name, t.ResponsiblePerson.Position)
			}
		}
		for _, j := range p.Rejections {
			fmt.Fprintf(w, "      claim rejected %s by %s: %s\n", stamp(j.At), j.Verifier.Name, j.Reason)
		}
		d, err := s.bundle.Check(s.ctx, &rectification.Subject{Recommendation: r.Recommendation, Problem: *p, Campaign: r.Campaign}, now)
		if err != nil {
			return err
		}
		for _, v := range d.Violations {
			fmt.Fprintf(w, "      %s %s: %s\n", v.Severity, v.Reason, v.Message)
		}
	}
	return nil
}

// keyResults keeps the results rows of the key problems and the institutions.
func keyResults(l rectification.FourLists, r *rectification.Rectification) []rectification.ResultRow {
	key := map[string]bool{}
	for _, k := range l.KeyProblems {
		key[k.Number] = true
	}
	var out []rectification.ResultRow
	for _, x := range l.Results {
		if x.Kind == "institution" || key[x.Number] {
			out = append(out, x)
		}
	}
	return out
}

func countRelapses(r *rectification.Rectification) int {
	return rectification.Measure([]*rectification.Rectification{r}, r.UpdatedAt).Relapses
}

// lookBackMet counts the look-back obligations and how they were met.
func lookBackMet(w io.Writer, r *rectification.Rectification) {
	n, onTime := 0, 0
	for i := range r.Problems {
		for _, o := range r.Problems[i].Obligations {
			if o.Kind == rectification.ObligationLookBack {
				n++
				if o.OnTime() {
					onTime++
				}
			}
		}
	}
	fmt.Fprintf(w, "  look-back obligations: %d, met on time %d\n", n, onTime)
}

// history prints a problem's kept history: claims, sign-offs, reviews, evidence and obligations.
func history(w io.Writer, p *rectification.Problem) {
	fmt.Fprintf(w, "  %s history kept after the relapse: state %s, reopened %s, claims %d, sign-offs %d, reviews %d\n",
		p.Number, p.State, stamp(p.ReopenedAt), len(p.Claims), len(p.SignOffs), len(p.Reviews))
	for _, v := range p.Evidence {
		fmt.Fprintf(w, "    evidence %s verified by %s %s, superseded %v\n", v.Document, v.VerifiedBy.Name, day(v.VerifiedAt), v.Superseded)
	}
	for _, o := range p.Obligations {
		met := "open"
		if !o.Met.IsZero() {
			met = "met " + stamp(o.Met)
		}
		fmt.Fprintf(w, "    %-13s due %s  %s\n", o.Kind, day(o.Due), met)
	}
}
