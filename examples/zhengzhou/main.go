// Command zhengzhou runs the 郑州 mechanism of seed 003 (专项监督提质增效) on the embedded
// reference rules: a special supervision of the business environment (优化营商环境专项监督)
// run in the seed's four stages 明确监督工作重点—全面掌握政策落实情况—深入企业开展走访调研—
// 推动整改落实取得实效, each after the one before, owned by the supervision office, a stationed
// discipline group, the office again (visiting enterprises with the line department: 室组+职能部门)
// and the 党风政风 office. Each stage reports progress and is shown with its part of the loop
// 监督检查—问题反馈—整改落实—深化治理; the visits cannot close before the policy ledger they are
// checked against. The visits find 221 problems; the last stage feeds them back to five units
// as 纪检监察建议 with deadlines, has them rectified with evidence and signed off, measures them
// by field, and sees 62 rules built.
//
//	go run ./examples/zhengzhou
package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/examples/internal/projectlog"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "zhengzhou:", err)
		os.Exit(1)
	}
}

// run tells the story phase by phase, in the seed's order.
func run(w io.Writer) error {
	s, err := newSupervision(w)
	if err != nil {
		return err
	}
	for _, phase := range []func() error{
		s.plan,      // 有计划有步骤: the four stages and their part of the loop
		s.focus,     // 明确监督工作重点
		s.policies,  // 全面掌握政策落实情况
		s.visits,    // 深入企业开展走访调研
		s.feedback,  // 推动整改落实取得实效 · 问题反馈
		s.rectify,   // 推动整改落实取得实效 · 整改落实—深化治理
		s.results,   // 推动整改落实取得实效 closes: the replies and the fields at 30 June
		s.closeLoop, // the project stage by stage, round the loop
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

// id derives a stable id from a name, so that the output never changes between runs.
func id(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("guantong.example/zhengzhou/"+name))
}

// docHash stands for the SHA-256 of a document the host stores; the library keeps only the hash.
func docHash(doc string) string {
	h := sha256.Sum256([]byte(doc))
	return "sha256:" + hex.EncodeToString(h[:])
}

func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }
func day(t time.Time) string   { return workday.DateOf(t).String() }

func agency(name string, kind clue.AgencyKind) clue.Agency {
	return clue.Agency{ID: id("agency/" + name), Kind: kind, Name: name, Level: clue.LevelMunicipal, Region: "河南省郑州市"}
}

func as(a clue.Agency) clue.Actor { return clue.Actor{Agency: a.ID} }

// unit is one rectifying unit of the business-environment supervision: its field, its
// stationed discipline group, how many problems were fed back to it, how many it has signed
// off by 29 May, its deadline, and the rules it builds.
type unit struct {
	agency, group clue.Agency
	code, field   string
	number        string
	problems      int
	byMay29       int
	deadline      time.Time
	rules         int
	key           []string // the key problems, listed first
	measure       string
}

// The four stages of seed 003's business-environment supervision (惠企利企政策落实情况).
const (
	stageFocus    = "明确监督工作重点"
	stagePolicies = "全面掌握政策落实情况"
	stageVisits   = "深入企业开展走访调研"
	stageResults  = "推动整改落实取得实效"
)

// loop is each stage's part of the loop 监督检查—问题反馈—整改落实—深化治理.
var loop = map[string]string{
	stageFocus:    "监督检查（确定监督重点）",
	stagePolicies: "监督检查（掌握政策底数）",
	stageVisits:   "监督检查（走访发现问题）",
	stageResults:  "问题反馈—整改落实—深化治理",
}

// supervision is what the phases share: the rules, the agencies, the five rectifying units,
// the project and, from 问题反馈 on, one rectification (纪检监察建议) per unit with its
// problems, their owners and their verifiers.
type supervision struct {
	ctx                             context.Context
	w                               io.Writer
	cal                             *workday.Calendar
	policy                          rectification.Policy
	commission, office, styleOffice clue.Agency
	units                           []*unit
	total, totalRules               int

	p   *rectification.Project
	log *projectlog.Log

	rs        []*rectification.Rectification
	pids      [][]uuid.UUID
	owners    []clue.Person
	verifiers []clue.Person
}

// newSupervision loads the reference rules, prints the header and names the agencies and units.
func newSupervision(w io.Writer) (*supervision, error) {
	cal, err := workday.New()
	if err != nil {
		return nil, err
	}
	bundle, err := policies.Bundle(cal)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "郑州 (seed 003): staged special supervision, reference bundle %s\n\n", bundle.Version())
	s := &supervision{ctx: context.Background(), w: w, cal: cal, policy: domain.Rectification(bundle),
		commission:  agency("郑州市纪委监委", clue.KindDisciplineCommission),
		office:      agency("市纪委监委第三监督检查室", clue.KindSupervisionOffice),
		styleOffice: agency("市纪委监委党风政风监督室", clue.KindSupervisionOffice),
		units:       newUnits(),
	}
	for i, u := range s.units {
		u.number = fmt.Sprintf("郑纪建〔2026〕%d号", 11+i)
		s.total += u.problems
		s.totalRules += u.rules
	}
	return s, nil
}

// newUnits lists the five rectifying units, one per field of the supervision.
func newUnits() []*unit {
	return []*unit{
		{agency: agency("市发展改革委", clue.KindLineDepartment), group: agency("驻市发展改革委纪检监察组", clue.KindStationedGroup), code: "FG", field: "惠企政策兑现", problems: 58, byMay29: 52, deadline: endOf(5, 29), rules: 15,
			key: []string{"惠企政策申报材料重复提交、兑现周期过长", "部分奖补资金未按期拨付到企业"}, measure: "梳理政策清单，推行免申即享"},
		{agency: agency("市政务服务办", clue.KindLineDepartment), group: agency("驻市政务服务办纪检监察组", clue.KindStationedGroup), code: "ZW", field: "行政审批服务", problems: 47, byMay29: 47, deadline: endOf(5, 29), rules: 12,
			key: []string{"“办不成事”反映窗口问题未及时回应"}, measure: "压缩审批时限，规范窗口受理"},
		{agency: agency("市市场监管局", clue.KindLineDepartment), group: agency("驻市市场监管局纪检监察组", clue.KindStationedGroup), code: "SJ", field: "涉企收费", problems: 39, byMay29: 35, deadline: endOf(5, 29), rules: 11,
			key: []string{"行业协会违规向企业收取评比达标费用"}, measure: "清理涉企收费目录，退还违规收费"},
		{agency: agency("市住房城乡建设局", clue.KindLineDepartment), group: agency("驻市住房城乡建设局纪检监察组", clue.KindStationedGroup), code: "ZJ", field: "工程招投标", problems: 41, byMay29: 36, deadline: endOf(5, 29), rules: 13,
			key: []string{"招标文件设置排斥外地企业的资质条件"}, measure: "修改招标文件范本，公开评标专家抽取"},
		{agency: agency("市财政局", clue.KindFinance), group: agency("驻市财政局纪检监察组", clue.KindStationedGroup), code: "CZ", field: "拖欠企业账款", problems: 36, byMay29: 20, deadline: endOf(6, 30), rules: 11,
			key: []string{"政府投资项目拖欠民营企业工程款"}, measure: "建立清欠台账，按期偿还到位"},
	}
}

// plan is the staged plan (将监督细化为多个阶段，有计划有步骤地开展工作): the seed's four
// stages, each after the one before, printed with each stage's part of the loop.
func (s *supervision) plan() error {
	fg := s.units[0]
	stages := []rectification.StagePlan{
		{Name: stageFocus, Agency: s.office},
		{Name: stagePolicies, Agency: fg.group, DependsOn: []string{stageFocus}},
		{Name: stageVisits, Agency: s.office, DependsOn: []string{stagePolicies}},
		{Name: stageResults, Agency: s.styleOffice, DependsOn: []string{stageVisits}},
	}
	asLead := clue.Actor{Agency: s.commission.ID, Person: "分管副书记"}
	p, ev, err := rectification.PlanProject(id("project/business"), rectification.ProjectCommand{Actor: asLead, At: at(1, 5, 9, 0),
		Plan: &rectification.ProjectPlan{Name: "优化营商环境专项监督", Field: "营商环境", Lead: s.commission, Stages: stages}})
	if err != nil {
		return err
	}
	named := []clue.Agency{s.commission, s.office, s.styleOffice}
	for _, u := range s.units {
		named = append(named, u.agency, u.group)
	}
	s.p, s.log = p, projectlog.New(s.w, p, ev, named...)
	fmt.Fprintf(s.w, "%s  plan            %s, led by %s:\n", stamp(ev.At), p.Name, s.commission.Name)
	for i, st := range p.Stages {
		after := ""
		if len(st.DependsOn) > 0 {
			after = ", after " + strings.Join(st.DependsOn, ", ")
		}
		fmt.Fprintf(s.w, "    %d. %s — %s%s; loop: %s\n", i+1, st.Name, st.Agency.Name, after, loop[st.Name])
	}
	return nil
}

// focus is 明确监督工作重点 (5–16 January): the supervision office fixes one field per
// rectifying unit.
func (s *supervision) focus() error {
	fields := make([]string, len(s.units))
	for i, u := range s.units {
		fields[i] = u.field
	}
	return s.log.Do(
		projectlog.Start(stageFocus, s.office, at(1, 5, 10, 0)),
		projectlog.Report(stageFocus, s.office, at(1, 14, 17, 0), len(s.units), len(s.units), "监督重点："+strings.Join(fields, "、")),
		projectlog.Close(stageFocus, s.office, at(1, 16, 17, 0), fmt.Sprintf("印发监督工作方案，明确监督重点%d个", len(s.units))),
	)
}

// policies is 全面掌握政策落实情况 (from 19 January): the stationed group builds the ledger of
// the 126 惠企利企 policies; the finance bureau's arrears ledger (清欠台账) is the last to be
// verified, while the visits run (see visits).
func (s *supervision) policies() error {
	group := s.units[0].group
	return s.log.Do(
		projectlog.Start(stagePolicies, group, at(1, 19, 9, 0)),
		projectlog.Report(stagePolicies, group, at(1, 30, 17, 0), 80, 126, "梳理惠企利企政策落实台账"),
	)
}

// visits is 深入企业开展走访调研 (2 February – 10 March): the office and the line department
// (室组+职能部门) visit 400 enterprises, across the Spring Festival (15–23 February off,
// Saturday 14 February worked). The visits cannot close while the policy ledger they are
// checked against is open: they close the day after 全面掌握政策落实情况 does.
func (s *supervision) visits() error {
	group := s.units[0].group
	if err := s.log.Do(
		projectlog.Start(stageVisits, s.office, at(2, 2, 9, 0)),
		projectlog.Report(stageVisits, s.office, at(2, 13, 17, 0), 180, 400, "室组会同市发展改革委走访企业"),
		projectlog.Report(stagePolicies, group, at(3, 6, 16, 0), 120, 126, "清欠台账6项待核实"),
		projectlog.Report(stageVisits, s.office, at(3, 6, 17, 0), 400, 400, "走访企业400家，发现问题221个"),
	); err != nil {
		return err
	}
	if err := s.log.Refused(projectlog.Close(stageVisits, s.office, at(3, 6, 17, 30), "形成问题清单221个")); err != nil {
		return err
	}
	return s.log.Do(
		projectlog.Report(stagePolicies, group, at(3, 9, 16, 0), 126, 126, "清欠台账核实完毕"),
		projectlog.Close(stagePolicies, group, at(3, 9, 17, 0), "掌握惠企利企政策126项落实情况"),
		projectlog.Close(stageVisits, s.office, at(3, 10, 17, 0), "走访企业400家，形成问题清单221个"),
	)
}

// feedback is 推动整改落实取得实效 · 问题反馈: the 党风政风 office starts the last stage on 11
// March, and on 20 March one 纪检监察建议 goes to each unit with the reply and rectification
// deadlines it states; key problems carry their own earlier deadline (30 April).
func (s *supervision) feedback() error {
	if err := s.log.Do(projectlog.Start(stageResults, s.styleOffice, at(3, 11, 9, 0))); err != nil {
		return err
	}
	fmt.Fprintf(s.w, "\n%s · 问题反馈: 纪检监察建议 issued 2026-03-20 (FG-01 shown in full):\n", stageResults)
	n := len(s.units)
	s.rs, s.pids = make([]*rectification.Rectification, n), make([][]uuid.UUID, n)
	s.owners, s.verifiers = make([]clue.Person, n), make([]clue.Person, n)
	for ui := range s.units {
		if err := s.recommend(ui); err != nil {
			return err
		}
	}
	return s.log.Do(projectlog.Report(stageResults, s.styleOffice, at(3, 20, 17, 0), 0, s.total,
		fmt.Sprintf("问题反馈：制发纪检监察建议%d份，%d个问题逐一反馈至责任单位", n, s.total)))
}

// recommend issues unit ui's 纪检监察建议 and feeds back its problems, each with a task for the
// unit's responsible person, started at once.
func (s *supervision) recommend(ui int) error {
	u := s.units[ui]
	s.owners[ui] = clue.Person{ID: id("person/owner/" + u.code), Name: u.agency.Name + "分管负责人", Organization: u.agency.Name}
	s.verifiers[ui] = clue.Person{ID: id("person/verifier/" + u.code), Name: u.group.Name + "组长", Organization: u.group.Name}
	rec := rectification.Recommendation{
		Kind: rectification.KindDisciplineInspection, Number: u.number, Issuer: s.commission, Recipient: u.agency,
		Supervisors: []clue.Agency{s.office, u.group}, Summary: "优化营商环境专项监督发现问题" + fmt.Sprint(u.problems) + "个",
		IssuedAt: at(3, 20, 10, 0), Deadline: u.deadline, ReplyDue: endOf(4, 20),
	}
	r, ev, err := rectification.Issue(s.ctx, id("rectification/"+u.code), rectification.Command{Actor: as(s.commission), At: rec.IssuedAt, Recommendation: &rec}, s.policy)
	if err != nil {
		return err
	}
	s.rs[ui] = r
	dues := []string{}
	for _, o := range ev.Obligations {
		dues = append(dues, fmt.Sprintf("%s due %s", o.Kind, day(o.Due)))
	}
	for j := range u.problems {
		pid := id(fmt.Sprintf("problem/%s/%d", u.code, j+1))
		s.pids[ui] = append(s.pids[ui], pid)
		pb := rectification.Problem{ID: pid, Number: fmt.Sprintf("%s-%02d", u.code, j+1), Description: fmt.Sprintf("%s方面问题（第%d项）", u.field, j+1),
			Field: u.field, Severity: rectification.SeverityGeneral, Source: rectification.Source{Kind: rectification.SourceSupervision, Reference: "优化营商环境专项监督"}}
		if j < len(u.key) {
			pb.Description, pb.Key, pb.Severity, pb.Due = u.key[j], true, rectification.SeveritySerious, endOf(4, 30)
		}
		if err := s.doRect(r, rectification.OpenProblem(as(s.commission), at(3, 20, 10, 30), pb), ui == 0 && j == 0, pb.Description); err != nil {
			return err
		}
	}
	for j, pid := range s.pids[ui] {
		t := rectification.Task{ID: id(fmt.Sprintf("task/%s/%d", u.code, j+1)), Measure: u.measure, ResponsibleUnit: u.agency, ResponsiblePerson: s.owners[ui]}
		if err := s.doRect(r, rectification.AssignTask(as(u.agency), at(3, 23, 9, 0), pid, t), ui == 0 && j == 0, t.Measure+" — "+t.ResponsiblePerson.Name); err != nil {
			return err
		}
	}
	for j, pid := range s.pids[ui] {
		if err := s.doRect(r, rectification.Command{Step: rectification.StepStart, Actor: as(u.agency), At: at(3, 23, 9, 30), ProblemID: pid}, ui == 0 && j == 0, ""); err != nil {
			return err
		}
	}
	fmt.Fprintf(s.w, "  %s → %s: %d problems (%s), %s; rectification due %s, key problems %s\n",
		u.number, u.agency.Name, u.problems, u.field, strings.Join(dues, ", "), day(u.deadline), day(endOf(4, 30)))
	return nil
}

// signOff is one problem's day of rectification: completed, evidenced and claimed in the
// morning, signed off in the afternoon.
type signOff struct {
	unit, problem int
	day           time.Time
}

// unitStep is a recommendation-level step at its time: a written reply or a rule built.
type unitStep struct {
	t    time.Time
	unit int
	cmd  rectification.Command
}

// stageReport is one of the 党风政风 office's progress reports on the last stage.
type stageReport struct {
	t    time.Time
	note string
}

// rectify is 推动整改落实取得实效 · 整改落实—深化治理 (1 April – 26 June): every problem is
// completed, evidenced, claimed and signed off by the unit's stationed group, by 29 May as
// many as each unit manages, the rest in June; in between, in time order, the units' replies
// and the 62 rules, and the stage's progress reports, with the picture by field on the first
// morning after the 29 May deadline.
func (s *supervision) rectify() error {
	days, err := s.signOffDays()
	if err != nil {
		return err
	}
	queue, err := s.unitSteps()
	if err != nil {
		return err
	}
	reports := []stageReport{{at(4, 30, 17, 0), "4月底"}, {at(5, 29, 17, 0), "整改期限"}, {at(6, 26, 17, 0), "6月下旬"}}
	june := false
	fmt.Fprintf(s.w, "\n%s · 整改落实—深化治理 (FG-01 shown in full):\n", stageResults)
	for k := 0; k < len(days); {
		d := days[k].day
		for len(reports) > 0 && reports[0].t.Before(d) {
			if err := s.reportResults(reports[0]); err != nil {
				return err
			}
			reports = reports[1:]
		}
		if !june && !d.Before(at(6, 1, 0, 0)) {
			if err := s.byField(at(6, 1, 9, 0)); err != nil {
				return err
			}
			june = true
		}
		for len(queue) > 0 && queue[0].t.Before(d.Add(9*time.Hour)) {
			if err := s.doRect(s.rs[queue[0].unit], queue[0].cmd, false, ""); err != nil {
				return err
			}
			queue = queue[1:]
		}
		var today []signOff
		for ; k < len(days) && days[k].day.Equal(d); k++ {
			today = append(today, days[k])
		}
		if err := s.rectifyDay(d, today); err != nil {
			return err
		}
	}
	for _, rp := range reports {
		if err := s.reportResults(rp); err != nil {
			return err
		}
	}
	if len(queue) > 0 {
		return fmt.Errorf("%d steps left unscheduled", len(queue))
	}
	return nil
}

// signOffDays schedules every problem's day: the first byMay29 of a unit between 1 April and
// 28 May, the rest between 1 and 26 June, in day order.
func (s *supervision) signOffDays() ([]signOff, error) {
	var days []signOff
	for ui, u := range s.units {
		for j := range u.problems {
			var d workday.Result
			var err error
			if j < u.byMay29 {
				d, err = s.cal.AddWorkdays(at(3, 31, 12, 0), 1+j*39/u.byMay29) // 1 April … 28 May
			} else {
				d, err = s.cal.AddWorkdays(at(5, 29, 12, 0), 1+(j-u.byMay29)*19/(u.problems-u.byMay29)) // 1 … 26 June
			}
			if err != nil {
				return nil, err
			}
			days = append(days, signOff{ui, j, workday.DateOf(d.Time).Start()})
		}
	}
	slices.SortStableFunc(days, func(a, b signOff) int { return a.day.Compare(b.day) })
	return days, nil
}

// unitSteps schedules the recommendation-level steps in time order: the replies (due 20
// April; the finance bureau answers late) and the 62 rules, one every half working day from
// 11 May, each to the unit furthest from its count.
func (s *supervision) unitSteps() ([]unitStep, error) {
	var queue []unitStep
	for ui, u := range s.units {
		t := at(4, 17, 8, 30)
		if u.code == "CZ" {
			t = at(4, 24, 8, 30)
		}
		queue = append(queue, unitStep{t, ui, rectification.Command{Step: rectification.StepReply, Actor: as(u.agency), At: t, Reply: "整改方案"}})
	}
	built := make([]int, len(s.units))
	for i := range s.totalRules {
		d, err := s.cal.AddWorkdays(at(5, 8, 12, 0), 1+i*32/s.totalRules) // 11 May … 24 June
		if err != nil {
			return nil, err
		}
		t := workday.DateOf(d.Time).Start().Add(8*time.Hour + time.Duration(i%2)*10*time.Minute)
		ui := 0
		for x := range s.units {
			if s.units[x].rules-built[x] > s.units[ui].rules-built[ui] {
				ui = x
			}
		}
		u := s.units[ui]
		built[ui]++
		in := &rectification.Institution{Title: fmt.Sprintf("%s制度（第%d项）", u.field, built[ui]), Kind: rectification.InstitutionNew,
			Problems: []uuid.UUID{s.pids[ui][built[ui]-1]}, IssuedAt: t, Document: docHash(fmt.Sprintf("郑州/%s/制度%d", u.code, built[ui]))}
		queue = append(queue, unitStep{t, ui, rectification.Command{Step: rectification.StepInstitution, Actor: as(u.agency), At: t, Institution: in}})
	}
	slices.SortStableFunc(queue, func(a, b unitStep) int { return a.t.Compare(b.t) })
	return queue, nil
}

// rectifyDay is one day of 整改落实: the morning's completions, evidence and claims, five
// minutes apart, then the afternoon's sign-offs by each unit's stationed group (室组联合核查).
func (s *supervision) rectifyDay(d time.Time, today []signOff) error {
	for n, it := range today {
		u, r, pid := s.units[it.unit], s.rs[it.unit], s.pids[it.unit][it.problem]
		t := d.Add(9*time.Hour + time.Duration(n)*5*time.Minute)
		show := it.unit == 0 && it.problem == 0
		steps := []rectification.Command{
			{Step: rectification.StepCompleteTask, Actor: as(u.agency), At: t, ProblemID: pid, TaskID: id(fmt.Sprintf("task/%s/%d", u.code, it.problem+1))},
			{Step: rectification.StepAddEvidence, Actor: as(u.agency), At: t.Add(time.Minute), ProblemID: pid, Evidence: &rectification.Evidence{
				Summary: u.measure, Document: r.Problem(pid).Number + "整改佐证.pdf", Hash: docHash("郑州/" + r.Problem(pid).Number), By: s.owners[it.unit]}},
			{Step: rectification.StepClaim, Actor: as(u.agency), At: t.Add(2 * time.Minute), ProblemID: pid},
		}
		for _, cmd := range steps {
			detail := ""
			if cmd.Evidence != nil {
				detail = cmd.Evidence.Document + " " + cmd.Evidence.Hash[:15] + "…"
			}
			if err := s.doRect(r, cmd, show, detail); err != nil {
				return err
			}
		}
	}
	for n, it := range today {
		u, r, pid := s.units[it.unit], s.rs[it.unit], s.pids[it.unit][it.problem]
		t := d.Add(15*time.Hour + time.Duration(n)*5*time.Minute)
		v := s.verifiers[it.unit]
		show := it.unit == 0 && it.problem == 0
		if err := s.doRect(r, rectification.Command{Step: rectification.StepSignOff, Actor: as(u.group), At: t, ProblemID: pid, Verifier: &v, Reason: "室组联合核查"}, show, "verified by "+v.Name); err != nil {
			return err
		}
	}
	return nil
}

// reportResults is the 党风政风 office's report on the last stage: problems signed off, and
// the rules built (深化治理) in the note.
func (s *supervision) reportResults(rp stageReport) error {
	m := rectification.Measure(s.rs, rp.t)
	return s.log.Do(projectlog.Report(stageResults, s.styleOffice, rp.t, m.SignedOff, m.Problems,
		fmt.Sprintf("截至%s已销号；完善体制机制%d/%d项", rp.note, m.Institutions, s.totalRules)))
}

// results closes 推动整改落实取得实效 on 30 June: the written replies (书面回复) on time, the
// picture by field, and the stage's outcome.
func (s *supervision) results() error {
	late := 0
	for ui, u := range s.units {
		if o := s.rs[ui].Obligations[0]; !o.OnTime() {
			late++
			fmt.Fprintf(s.w, "  reply of %s due %s, replied %s: late\n", u.agency.Name, day(o.Due), stamp(o.Met))
		}
	}
	fmt.Fprintf(s.w, "  written replies (书面回复): %d of %d on time\n", len(s.units)-late, len(s.units))

	end := at(6, 30, 17, 0)
	if err := s.byField(end); err != nil {
		return err
	}
	m := rectification.Measure(s.rs, end)
	return s.log.Do(projectlog.Close(stageResults, s.styleOffice, end,
		fmt.Sprintf("反馈问题%d个，整改销号%d个（按期%s），完善体制机制%d项", s.total, m.SignedOff, m.OnTime(), m.Institutions)))
}

// closeLoop prints the project and then each stage with its part of the loop
// 监督检查—问题反馈—整改落实—深化治理 and its outcome, and checks the events replay.
func (s *supervision) closeLoop() error {
	fmt.Fprintln(s.w)
	s.log.Summary()
	fmt.Fprintln(s.w, "  the loop 监督检查—问题反馈—整改落实—深化治理, stage by stage:")
	for i := range s.p.Stages {
		st := &s.p.Stages[i]
		fmt.Fprintf(s.w, "    %s%s → %s: %s\n", st.Name, strings.Repeat("　", 10-len([]rune(st.Name))), loop[st.Name], st.Outcome)
	}
	return s.log.Replayed()
}

// doRect performs a step on a rectification; with show, it prints the event.
func (s *supervision) doRect(r *rectification.Rectification, cmd rectification.Command, show bool, detail string) error {
	ev, err := r.Do(s.ctx, cmd, s.policy)
	if err != nil {
		return fmt.Errorf("%s %s at %s: %w", r.Recommendation.Number, cmd.Step, stamp(cmd.At), err)
	}
	if !show {
		return nil
	}
	from := string(ev.From)
	if ev.From == rectification.StateNone {
		from = "(new)"
	}
	line := fmt.Sprintf("%s  %-5s %-13s %s -> %s", stamp(ev.At), r.Problem(ev.ProblemID).Number, ev.Step, from, ev.To)
	if detail != "" {
		line += "  " + detail
	}
	fmt.Fprintln(s.w, line)
	for _, o := range ev.Obligations {
		fmt.Fprintf(s.w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), o.PolicyID)
	}
	return nil
}

// byField prints the metrics of all units by field at now.
func (s *supervision) byField(now time.Time) error {
	groups, err := rectification.MeasureBy(s.rs, now, rectification.ByField)
	if err != nil {
		return err
	}
	m := rectification.Measure(s.rs, now)
	fmt.Fprintf(s.w, "\nby field as of %s: %d problems, signed off %d (%s), on time %d, late %d, overdue %d, on-time rate %s, rules built %d\n",
		stamp(now), m.Problems, m.SignedOff, m.Completion(), m.SignedOffOnTime, m.SignedOffLate, m.Overdue, m.OnTime(), m.Institutions)
	slices.SortStableFunc(groups, func(a, b rectification.Group) int { return cmp.Compare(b.Metrics.Problems, a.Metrics.Problems) })
	fmt.Fprintf(s.w, "  %s %8s %10s %9s %7s %8s %7s %9s %5s\n", "领域　　　　", "problems", "signed off", "complete", "on time", "late", "overdue", "on-time %", "rules")
	for _, g := range groups {
		x := g.Metrics
		if x.Problems == 0 {
			continue
		}
		fmt.Fprintf(s.w, "  %s%s %8d %10d %9s %7d %8d %7d %9s %5d\n", g.Label, strings.Repeat("　", 6-len([]rune(g.Label))),
			x.Problems, x.SignedOff, x.Completion(), x.SignedOffOnTime, x.SignedOffLate, x.Overdue, x.OnTime(), x.Institutions)
	}
	return nil
}
