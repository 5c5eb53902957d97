// Command zhengzhou runs the 郑州 mechanism of seed 003 (专项监督提质增效) on the embedded
// reference rules: a special supervision of the business environment (优化营商环境专项监督)
// run in the seed's four stages 明确监督工作重点—全面掌握政策落实情况—深入企业开展走访调研—
// 推动整改落实取得实效, each after the one before, owned by the supervision office, a stationed
// discipline group, the office again (visiting enterprises with the line department: 室组+职能部门)
// and the 党风政风 office. Each stage reports progress and is shown with its part of the loop
// 监督检查—问题反馈—整改落实—深化治理; the visits cannot close before the policy ledger they are
// checked against. The visits find 221 problems; the last stage feeds them back to five units
// as 纪检监察建议 with deadlines, has them rectified with evidence and signed off, measures them
// by field, and sees 62 rules built. Then
// seed 000's four-party chain 审计查证—财政核策—行业研判—纪委追责 (铁锋), whose stages belong
// to the audit office, the finance bureau, the line department and the commission.
//
//	go run ./examples/zhengzhou
package main

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
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

// project performs steps on a staged project and prints them.
type project struct {
	w      io.Writer
	p      *rectification.Project
	owner  map[uuid.UUID]string
	events []rectification.ProjectEvent
}

// The four stages of seed 003's business-environment supervision (惠企利企政策落实情况).
const (
	stageFocus    = "明确监督工作重点"
	stagePolicies = "全面掌握政策落实情况"
	stageVisits   = "深入企业开展走访调研"
	stageResults  = "推动整改落实取得实效"
)

func (pr *project) do(cmd rectification.ProjectCommand) error {
	ev, err := pr.p.Do(cmd)
	if err != nil {
		return fmt.Errorf("%s %s at %s: %w", cmd.Step, cmd.Stage, stamp(cmd.At), err)
	}
	pr.events = append(pr.events, ev)
	s := pr.p.Stage(cmd.Stage)
	line := fmt.Sprintf("%s  %-15s %s", stamp(ev.At), ev.Step, cmd.Stage)
	switch cmd.Step {
	case rectification.StepStartStage:
		line += " -> " + string(s.State) + " (" + pr.owner[cmd.Actor.Agency] + ")"
	case rectification.StepProgress:
		line += fmt.Sprintf(" %d/%d = %s  %s", cmd.Report.Done, cmd.Report.Total, s.Progress(), cmd.Report.Note)
	case rectification.StepCloseStage:
		line += fmt.Sprintf(" -> %s: %s; project %s of stages closed", s.State, cmd.Outcome, pr.p.Progress())
	}
	fmt.Fprintln(pr.w, line)
	return nil
}

// refused tries a step that must fail and prints the typed error.
func (pr *project) refused(cmd rectification.ProjectCommand) error {
	_, err := pr.p.Do(cmd)
	var de *rectification.DependencyError
	var fe *rectification.FieldError
	switch {
	case errors.As(err, &de):
		fmt.Fprintf(pr.w, "%s  %-15s %s REFUSED: *DependencyError stage=%s waiting=%v (errors.Is ErrStageOrder: %v)\n    %v\n",
			stamp(cmd.At), cmd.Step, cmd.Stage, de.Stage, de.Waiting, errors.Is(err, rectification.ErrStageOrder), err)
	case errors.As(err, &fe):
		fmt.Fprintf(pr.w, "%s  %-15s %s by %s REFUSED: *FieldError field=%s (errors.Is ErrInvalid: %v)\n    %v\n",
			stamp(cmd.At), cmd.Step, cmd.Stage, pr.owner[cmd.Actor.Agency], fe.Field, errors.Is(err, rectification.ErrInvalid), err)
	default:
		return fmt.Errorf("%s %s: want a refusal, got %v", cmd.Step, cmd.Stage, err)
	}
	return nil
}

// summary prints every stage: owner, state, dates and last progress.
func (pr *project) summary() {
	p := pr.p
	fmt.Fprintf(pr.w, "%s (%s), led by %s: %s of stages closed\n", p.Name, p.Field, p.Lead.Name, p.Progress())
	for i := range p.Stages {
		s := &p.Stages[i]
		dates := "not started"
		if !s.StartedAt.IsZero() {
			dates = day(s.StartedAt) + " … "
		}
		if !s.ClosedAt.IsZero() {
			dates += day(s.ClosedAt)
		}
		fmt.Fprintf(pr.w, "  %d. %s %-6s %-23s progress %s (reports: %d), owned by %s\n", i+1, s.Name, s.State, dates, s.Progress(), len(s.Reports), s.Agency.Name)
	}
}

// replayed reports whether the project's events rebuild it exactly.
func (pr *project) replayed() (bool, error) {
	back, err := rectification.ReplayProject(pr.events)
	if err != nil {
		return false, err
	}
	a, err := json.Marshal(pr.p)
	if err != nil {
		return false, err
	}
	b, err := json.Marshal(back)
	if err != nil {
		return false, err
	}
	return string(a) == string(b), nil
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
	policy := domain.Rectification(bundle)
	fmt.Fprintf(w, "郑州 (seed 003): staged special supervision, reference bundle %s\n\n", bundle.Version())

	commission := agency("郑州市纪委监委", clue.KindDisciplineCommission)
	office := agency("市纪委监委第三监督检查室", clue.KindSupervisionOffice)
	styleOffice := agency("市纪委监委党风政风监督室", clue.KindSupervisionOffice)
	ndrc := agency("市发展改革委", clue.KindLineDepartment)
	units := []*unit{
		{agency: ndrc, group: agency("驻市发展改革委纪检监察组", clue.KindStationedGroup), code: "FG", field: "惠企政策兑现", problems: 58, byMay29: 52, deadline: endOf(5, 29), rules: 15,
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
	total, totalRules := 0, 0
	for i, u := range units {
		u.number = fmt.Sprintf("郑纪建〔2026〕%d号", 11+i)
		total += u.problems
		totalRules += u.rules
	}

	// Plan: the seed's four stages, each after the one before, and each stage's part of the
	// loop 监督检查—问题反馈—整改落实—深化治理.
	fg := units[0]
	stages := []rectification.StagePlan{
		{Name: stageFocus, Agency: office},
		{Name: stagePolicies, Agency: fg.group, DependsOn: []string{stageFocus}},
		{Name: stageVisits, Agency: office, DependsOn: []string{stagePolicies}},
		{Name: stageResults, Agency: styleOffice, DependsOn: []string{stageVisits}},
	}
	loop := map[string]string{
		stageFocus:    "监督检查（确定监督重点）",
		stagePolicies: "监督检查（掌握政策底数）",
		stageVisits:   "监督检查（走访发现问题）",
		stageResults:  "问题反馈—整改落实—深化治理",
	}
	asLead := clue.Actor{Agency: commission.ID, Person: "分管副书记"}
	p, ev, err := rectification.PlanProject(id("project/business"), rectification.ProjectCommand{Actor: asLead, At: at(1, 5, 9, 0),
		Plan: &rectification.ProjectPlan{Name: "优化营商环境专项监督", Field: "营商环境", Lead: commission, Stages: stages}})
	if err != nil {
		return err
	}
	pr := &project{w: w, p: p, events: []rectification.ProjectEvent{ev}, owner: map[uuid.UUID]string{commission.ID: commission.Name, office.ID: office.Name, styleOffice.ID: styleOffice.Name}}
	for _, u := range units {
		pr.owner[u.agency.ID], pr.owner[u.group.ID] = u.agency.Name, u.group.Name
	}
	fmt.Fprintf(w, "%s  plan            %s, led by %s:\n", stamp(ev.At), p.Name, commission.Name)
	for i, s := range p.Stages {
		after := ""
		if len(s.DependsOn) > 0 {
			after = ", after " + strings.Join(s.DependsOn, ", ")
		}
		fmt.Fprintf(w, "    %d. %s — %s%s; loop: %s\n", i+1, s.Name, s.Agency.Name, after, loop[s.Name])
	}
	as := func(a clue.Agency) clue.Actor { return clue.Actor{Agency: a.ID} }
	progress := func(stage string, a clue.Agency, t time.Time, done, of int, note string) error {
		return pr.do(rectification.ProjectCommand{Step: rectification.StepProgress, Actor: as(a), At: t, Stage: stage, Report: &rectification.ProgressReport{Done: done, Total: of, Note: note}})
	}
	start := func(stage string, a clue.Agency, t time.Time) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: as(a), At: t, Stage: stage}
	}
	report := func(stage string, a clue.Agency, t time.Time, done, of int, note string) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepProgress, Actor: as(a), At: t, Stage: stage, Report: &rectification.ProgressReport{Done: done, Total: of, Note: note}}
	}
	closeStage := func(stage string, a clue.Agency, t time.Time, outcome string) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: as(a), At: t, Stage: stage, Outcome: outcome}
	}
	fields := make([]string, len(units))
	for i, u := range units {
		fields[i] = u.field
	}
	steps := []rectification.ProjectCommand{
		// 明确监督工作重点: the office fixes one field per rectifying unit.
		start(stageFocus, office, at(1, 5, 10, 0)),
		report(stageFocus, office, at(1, 14, 17, 0), len(units), len(units), "监督重点："+strings.Join(fields, "、")),
		closeStage(stageFocus, office, at(1, 16, 17, 0), fmt.Sprintf("印发监督工作方案，明确监督重点%d个", len(units))),
		// 全面掌握政策落实情况: the stationed group builds the ledger of the 126 惠企利企
		// policies; the finance bureau's arrears ledger (清欠台账) is the last to be verified.
		start(stagePolicies, fg.group, at(1, 19, 9, 0)),
		report(stagePolicies, fg.group, at(1, 30, 17, 0), 80, 126, "梳理惠企利企政策落实台账"),
		// 深入企业开展走访调研: the office and the line department visit 400 enterprises,
		// across the Spring Festival (15–23 February off, Saturday 14 February worked).
		start(stageVisits, office, at(2, 2, 9, 0)),
		report(stageVisits, office, at(2, 13, 17, 0), 180, 400, "室组会同市发展改革委走访企业"),
		report(stagePolicies, fg.group, at(3, 6, 16, 0), 120, 126, "清欠台账6项待核实"),
		report(stageVisits, office, at(3, 6, 17, 0), 400, 400, "走访企业400家，发现问题221个"),
	}
	for _, cmd := range steps {
		if err := pr.do(cmd); err != nil {
			return err
		}
	}
	// The visits cannot close while the policy ledger they are checked against is open.
	if err := pr.refused(closeStage(stageVisits, office, at(3, 6, 17, 30), "形成问题清单221个")); err != nil {
		return err
	}
	steps = []rectification.ProjectCommand{
		report(stagePolicies, fg.group, at(3, 9, 16, 0), 126, 126, "清欠台账核实完毕"),
		closeStage(stagePolicies, fg.group, at(3, 9, 17, 0), "掌握惠企利企政策126项落实情况"),
		closeStage(stageVisits, office, at(3, 10, 17, 0), "走访企业400家，形成问题清单221个"),
		start(stageResults, styleOffice, at(3, 11, 9, 0)),
	}
	for _, cmd := range steps {
		if err := pr.do(cmd); err != nil {
			return err
		}
	}

	// 推动整改落实取得实效, 问题反馈: one 纪检监察建议 to each unit on 20 March with the reply
	// and rectification deadlines it states; key problems carry their own earlier deadline
	// (30 April).
	fmt.Fprintf(w, "\n%s · 问题反馈: 纪检监察建议 issued 2026-03-20 (FG-01 shown in full):\n", stageResults)
	rs := make([]*rectification.Rectification, len(units))
	pids := make([][]uuid.UUID, len(units))
	owners := make([]clue.Person, len(units))
	verifiers := make([]clue.Person, len(units))
	for ui, u := range units {
		owners[ui] = clue.Person{ID: id("person/owner/" + u.code), Name: u.agency.Name + "分管负责人", Organization: u.agency.Name}
		verifiers[ui] = clue.Person{ID: id("person/verifier/" + u.code), Name: u.group.Name + "组长", Organization: u.group.Name}
		rec := rectification.Recommendation{
			Kind: rectification.KindDisciplineInspection, Number: u.number, Issuer: commission, Recipient: u.agency,
			Supervisors: []clue.Agency{office, u.group}, Summary: "优化营商环境专项监督发现问题" + fmt.Sprint(u.problems) + "个",
			IssuedAt: at(3, 20, 10, 0), Deadline: u.deadline, ReplyDue: endOf(4, 20),
		}
		r, ev, err := rectification.Issue(ctx, id("rectification/"+u.code), rectification.Command{Actor: as(commission), At: rec.IssuedAt, Recommendation: &rec}, policy)
		if err != nil {
			return err
		}
		rs[ui] = r
		dues := []string{}
		for _, o := range ev.Obligations {
			dues = append(dues, fmt.Sprintf("%s due %s", o.Kind, day(o.Due)))
		}
		for j := range u.problems {
			pid := id(fmt.Sprintf("problem/%s/%d", u.code, j+1))
			pids[ui] = append(pids[ui], pid)
			desc := fmt.Sprintf("%s方面问题（第%d项）", u.field, j+1)
			pb := rectification.Problem{ID: pid, Number: fmt.Sprintf("%s-%02d", u.code, j+1), Description: desc, Field: u.field, Severity: rectification.SeverityGeneral,
				Source: rectification.Source{Kind: rectification.SourceSupervision, Reference: "优化营商环境专项监督"}}
			if j < len(u.key) {
				pb.Description, pb.Key, pb.Severity, pb.Due = u.key[j], true, rectification.SeveritySerious, endOf(4, 30)
			}
			if err := doRect(ctx, w, policy, r, rectification.OpenProblem(as(commission), at(3, 20, 10, 30), pb), ui == 0 && j == 0, pb.Description); err != nil {
				return err
			}
		}
		for j, pid := range pids[ui] {
			show := ui == 0 && j == 0
			t := rectification.Task{ID: id(fmt.Sprintf("task/%s/%d", u.code, j+1)), Measure: u.measure, ResponsibleUnit: u.agency, ResponsiblePerson: owners[ui]}
			if err := doRect(ctx, w, policy, r, rectification.AssignTask(as(u.agency), at(3, 23, 9, 0), pid, t), show, t.Measure+" — "+t.ResponsiblePerson.Name); err != nil {
				return err
			}
		}
		for j, pid := range pids[ui] {
			if err := doRect(ctx, w, policy, r, rectification.Command{Step: rectification.StepStart, Actor: as(u.agency), At: at(3, 23, 9, 30), ProblemID: pid}, ui == 0 && j == 0, ""); err != nil {
				return err
			}
		}
		fmt.Fprintf(w, "  %s → %s: %d problems (%s), %s; rectification due %s, key problems %s\n",
			u.number, u.agency.Name, u.problems, u.field, strings.Join(dues, ", "), day(u.deadline), day(endOf(4, 30)))
	}
	if err := progress(stageResults, styleOffice, at(3, 20, 17, 0), 0, total, fmt.Sprintf("问题反馈：制发纪检监察建议%d份，%d个问题逐一反馈至责任单位", len(units), total)); err != nil {
		return err
	}

	// 整改落实 and 深化治理: every problem is completed, evidenced, claimed and signed off by
	// the unit's stationed group; by 29 May as many as each unit manages, the rest in June.
	type item struct {
		unit, problem int
		day           time.Time
	}
	var items []item
	for ui, u := range units {
		for j := range u.problems {
			var d workday.Result
			if j < u.byMay29 {
				d, err = cal.AddWorkdays(at(3, 31, 12, 0), 1+j*39/u.byMay29) // 1 April … 28 May
			} else {
				d, err = cal.AddWorkdays(at(5, 29, 12, 0), 1+(j-u.byMay29)*19/(u.problems-u.byMay29)) // 1 … 26 June
			}
			if err != nil {
				return err
			}
			items = append(items, item{ui, j, workday.DateOf(d.Time).Start()})
		}
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.day.Compare(b.day) })
	// Recommendation-level steps in between, in time order: the replies (due 20 April; the
	// finance bureau answers late) and the 62 rules, one every half working day from 11 May,
	// each to the unit furthest from its count.
	type scheduled struct {
		t    time.Time
		unit int
		cmd  rectification.Command
	}
	var queue []scheduled
	for ui, u := range units {
		t := at(4, 17, 8, 30)
		if u.code == "CZ" {
			t = at(4, 24, 8, 30)
		}
		queue = append(queue, scheduled{t, ui, rectification.Command{Step: rectification.StepReply, Actor: as(u.agency), At: t, Reply: "整改方案"}})
	}
	built := make([]int, len(units))
	for i := range totalRules {
		d, err := cal.AddWorkdays(at(5, 8, 12, 0), 1+i*32/totalRules) // 11 May … 24 June
		if err != nil {
			return err
		}
		t := workday.DateOf(d.Time).Start().Add(8*time.Hour + time.Duration(i%2)*10*time.Minute)
		ui := 0
		for x := range units {
			if units[x].rules-built[x] > units[ui].rules-built[ui] {
				ui = x
			}
		}
		u := units[ui]
		built[ui]++
		in := &rectification.Institution{Title: fmt.Sprintf("%s制度（第%d项）", u.field, built[ui]), Kind: rectification.InstitutionNew,
			Problems: []uuid.UUID{pids[ui][built[ui]-1]}, IssuedAt: t, Document: docHash(fmt.Sprintf("郑州/%s/制度%d", u.code, built[ui]))}
		queue = append(queue, scheduled{t, ui, rectification.Command{Step: rectification.StepInstitution, Actor: as(u.agency), At: t, Institution: in}})
	}
	slices.SortStableFunc(queue, func(a, b scheduled) int { return a.t.Compare(b.t) })
	reports := []struct {
		t    time.Time
		note string
	}{{at(4, 30, 17, 0), "4月底"}, {at(5, 29, 17, 0), "整改期限"}, {at(6, 26, 17, 0), "6月下旬"}}
	// reportResults is the 党风政风 office's report on the last stage: problems signed off,
	// and the rules built (深化治理) in the note.
	reportResults := func(t time.Time, note string) error {
		m := rectification.Measure(rs, t)
		return progress(stageResults, styleOffice, t, m.SignedOff, m.Problems, fmt.Sprintf("截至%s已销号；完善体制机制%d/%d项", note, m.Institutions, totalRules))
	}
	june := false
	fmt.Fprintf(w, "\n%s · 整改落实—深化治理 (FG-01 shown in full):\n", stageResults)
	for k := 0; k < len(items); {
		d := items[k].day
		// Stage reports and rules due before this day.
		for len(reports) > 0 && reports[0].t.Before(d) {
			if err := reportResults(reports[0].t, reports[0].note); err != nil {
				return err
			}
			reports = reports[1:]
		}
		if !june && !d.Before(at(6, 1, 0, 0)) {
			// The first morning after the 29 May deadline: the picture by field.
			if err := byField(w, rs, at(6, 1, 9, 0)); err != nil {
				return err
			}
			june = true
		}
		for len(queue) > 0 && queue[0].t.Before(d.Add(9*time.Hour)) {
			if err := doRect(ctx, w, policy, rs[queue[0].unit], queue[0].cmd, false, ""); err != nil {
				return err
			}
			queue = queue[1:]
		}
		var today []item
		for ; k < len(items) && items[k].day.Equal(d); k++ {
			today = append(today, items[k])
		}
		for n, it := range today {
			u, r, pid := units[it.unit], rs[it.unit], pids[it.unit][it.problem]
			t := d.Add(9*time.Hour + time.Duration(n)*5*time.Minute)
			show := it.unit == 0 && it.problem == 0
			steps := []rectification.Command{
				{Step: rectification.StepCompleteTask, Actor: as(u.agency), At: t, ProblemID: pid, TaskID: id(fmt.Sprintf("task/%s/%d", u.code, it.problem+1))},
				{Step: rectification.StepAddEvidence, Actor: as(u.agency), At: t.Add(time.Minute), ProblemID: pid, Evidence: &rectification.Evidence{
					Summary: u.measure, Document: r.Problem(pid).Number + "整改佐证.pdf", Hash: docHash("郑州/" + r.Problem(pid).Number), By: owners[it.unit]}},
				{Step: rectification.StepClaim, Actor: as(u.agency), At: t.Add(2 * time.Minute), ProblemID: pid},
			}
			for _, cmd := range steps {
				detail := ""
				if cmd.Evidence != nil {
					detail = cmd.Evidence.Document + " " + cmd.Evidence.Hash[:15] + "…"
				}
				if err := doRect(ctx, w, policy, r, cmd, show, detail); err != nil {
					return err
				}
			}
		}
		for n, it := range today {
			u, r, pid := units[it.unit], rs[it.unit], pids[it.unit][it.problem]
			t := d.Add(15*time.Hour + time.Duration(n)*5*time.Minute)
			v := verifiers[it.unit]
			show := it.unit == 0 && it.problem == 0
			if err := doRect(ctx, w, policy, r, rectification.Command{Step: rectification.StepSignOff, Actor: as(u.group), At: t, ProblemID: pid, Verifier: &v, Reason: "室组联合核查"}, show, "verified by "+v.Name); err != nil {
				return err
			}
		}
	}
	for _, rp := range reports {
		if err := reportResults(rp.t, rp.note); err != nil {
			return err
		}
	}

	if len(queue) > 0 {
		return fmt.Errorf("%d steps left unscheduled", len(queue))
	}
	late := 0
	for ui, u := range units {
		if o := rs[ui].Obligations[0]; !o.OnTime() {
			late++
			fmt.Fprintf(w, "  reply of %s due %s, replied %s: late\n", u.agency.Name, day(o.Due), stamp(o.Met))
		}
	}
	fmt.Fprintf(w, "  written replies (书面回复): %d of %d on time\n", len(units)-late, len(units))

	end := at(6, 30, 17, 0)
	if err := byField(w, rs, end); err != nil {
		return err
	}
	m := rectification.Measure(rs, end)
	if err := pr.do(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: as(styleOffice), At: end, Stage: stageResults,
		Outcome: fmt.Sprintf("反馈问题%d个，整改销号%d个（按期%s），完善体制机制%d项", total, m.SignedOff, m.OnTime(), m.Institutions)}); err != nil {
		return err
	}
	fmt.Fprintln(w)
	pr.summary()
	fmt.Fprintln(w, "  the loop 监督检查—问题反馈—整改落实—深化治理, stage by stage:")
	for i := range p.Stages {
		s := &p.Stages[i]
		fmt.Fprintf(w, "    %s%s → %s: %s\n", s.Name, strings.Repeat("　", 10-len([]rune(s.Name))), loop[s.Name], s.Outcome)
	}
	ok, err := pr.replayed()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %d project events; replayed, identical: %v\n", len(pr.events), ok)

	return tiefeng(w)
}

// doRect performs a step on a rectification; with show, it prints the event.
func doRect(ctx context.Context, w io.Writer, p rectification.Policy, r *rectification.Rectification, cmd rectification.Command, show bool, detail string) error {
	ev, err := r.Do(ctx, cmd, p)
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
	fmt.Fprintln(w, line)
	for _, o := range ev.Obligations {
		fmt.Fprintf(w, "    + %s due %s (%s)\n", o.Kind, day(o.Due), o.PolicyID)
	}
	return nil
}

// byField prints the metrics of all units by field at now.
func byField(w io.Writer, rs []*rectification.Rectification, now time.Time) error {
	groups, err := rectification.MeasureBy(rs, now, rectification.ByField)
	if err != nil {
		return err
	}
	m := rectification.Measure(rs, now)
	fmt.Fprintf(w, "\nby field as of %s: %d problems, signed off %d (%s), on time %d, late %d, overdue %d, on-time rate %s, rules built %d\n",
		stamp(now), m.Problems, m.SignedOff, m.Completion(), m.SignedOffOnTime, m.SignedOffLate, m.Overdue, m.OnTime(), m.Institutions)
	slices.SortStableFunc(groups, func(a, b rectification.Group) int { return cmp.Compare(b.Metrics.Problems, a.Metrics.Problems) })
	fmt.Fprintf(w, "  %s %8s %10s %9s %7s %8s %7s %9s %5s\n", "领域　　　　", "problems", "signed off", "complete", "on time", "late", "overdue", "on-time %", "rules")
	for _, g := range groups {
		x := g.Metrics
		if x.Problems == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s%s %8d %10d %9s %7d %8d %7d %9s %5d\n", g.Label, strings.Repeat("　", 6-len([]rune(g.Label))),
			x.Problems, x.SignedOff, x.Completion(), x.SignedOffOnTime, x.SignedOffLate, x.Overdue, x.OnTime(), x.Institutions)
	}
	return nil
}

// tiefeng runs seed 000's four-party chain (铁锋区): the audit office screens abnormal fund
// flows, the finance bureau re-checks the subsidy payments, the line department traces the
// problems to their source, and the commission holds people to account. Each agency acts on
// its own stage only; the lead may act on any.
func tiefeng(w io.Writer) error {
	fmt.Fprintln(w, "\n铁锋 (seed 000): four-party chain 审计查证—财政核策—行业研判—纪委追责")
	ag := func(name string, kind clue.AgencyKind) clue.Agency {
		return clue.Agency{ID: id("agency/tiefeng/" + name), Kind: kind, Name: name, Level: clue.LevelCounty, Region: "黑龙江省齐齐哈尔市铁锋区"}
	}
	commission := ag("铁锋区纪委监委", clue.KindDisciplineCommission)
	audit := ag("铁锋区审计局", clue.KindAudit)
	finance := ag("铁锋区财政局", clue.KindFinance)
	agri := ag("铁锋区农业农村局", clue.KindLineDepartment)
	as := func(a clue.Agency) clue.Actor { return clue.Actor{Agency: a.ID} }
	p, ev, err := rectification.PlanProject(id("project/tiefeng"), rectification.ProjectCommand{Actor: as(commission), At: at(7, 1, 9, 0),
		Plan: &rectification.ProjectPlan{Name: "惠民资金专项整治", Field: "惠民资金", Lead: commission, Stages: []rectification.StagePlan{
			{Name: "审计查证", Agency: audit},
			{Name: "财政核策", Agency: finance, DependsOn: []string{"审计查证"}},
			{Name: "行业研判", Agency: agri, DependsOn: []string{"财政核策"}},
			{Name: "纪委追责", Agency: commission, DependsOn: []string{"行业研判"}},
		}}})
	if err != nil {
		return err
	}
	pr := &project{w: w, p: p, events: []rectification.ProjectEvent{ev}, owner: map[uuid.UUID]string{
		commission.ID: commission.Name, audit.ID: audit.Name, finance.ID: finance.Name, agri.ID: agri.Name}}
	fmt.Fprintf(w, "%s  plan            %s, led by %s; stages owned by %s, %s, %s, %s\n", stamp(ev.At), p.Name, commission.Name, audit.Name, finance.Name, agri.Name, commission.Name)
	report := func(a clue.Agency, t time.Time, stage string, done, of int, note string) rectification.ProjectCommand {
		return rectification.ProjectCommand{Step: rectification.StepProgress, Actor: as(a), At: t, Stage: stage, Report: &rectification.ProgressReport{Done: done, Total: of, Note: note}}
	}
	steps := []rectification.ProjectCommand{
		{Step: rectification.StepStartStage, Actor: as(audit), At: at(7, 1, 10, 0), Stage: "审计查证"},
		report(audit, at(7, 17, 17, 0), "审计查证", 1260, 1260, "筛查惠民资金流水，资金异常流动37笔"),
		{Step: rectification.StepCloseStage, Actor: as(audit), At: at(7, 24, 17, 0), Stage: "审计查证", Outcome: "移交异常指标37项"},
		{Step: rectification.StepStartStage, Actor: as(finance), At: at(7, 27, 9, 0), Stage: "财政核策"},
	}
	for _, cmd := range steps {
		if err := pr.do(cmd); err != nil {
			return err
		}
	}
	// The line department may not report on the finance bureau's stage.
	if err := pr.refused(report(agri, at(8, 3, 10, 0), "财政核策", 10, 37, "")); err != nil {
		return err
	}
	steps = []rectification.ProjectCommand{
		report(finance, at(8, 7, 17, 0), "财政核策", 20, 37, "复核补贴发放环节"),
		report(finance, at(8, 14, 17, 0), "财政核策", 37, 37, "复核补贴发放环节，确认违规发放12项"),
		{Step: rectification.StepCloseStage, Actor: as(finance), At: at(8, 14, 17, 30), Stage: "财政核策", Outcome: "确认违规发放补贴12项"},
		{Step: rectification.StepStartStage, Actor: as(agri), At: at(8, 17, 9, 0), Stage: "行业研判"},
		{Step: rectification.StepStartStage, Actor: as(commission), At: at(9, 1, 9, 0), Stage: "纪委追责"},
	}
	for _, cmd := range steps {
		if err := pr.do(cmd); err != nil {
			return err
		}
	}
	// The commission, which leads, may act on any stage, but not out of order.
	if err := pr.refused(rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: as(commission), At: at(9, 11, 17, 0), Stage: "纪委追责", Outcome: "问责12人"}); err != nil {
		return err
	}
	steps = []rectification.ProjectCommand{
		report(agri, at(9, 18, 16, 0), "行业研判", 12, 12, "问题溯源：补贴审核把关不严、村级公示不到位"),
		{Step: rectification.StepCloseStage, Actor: as(agri), At: at(9, 18, 17, 0), Stage: "行业研判", Outcome: "溯源12项，建立惠民资金动态监管制度"},
		report(commission, at(10, 30, 16, 0), "纪委追责", 12, 12, "问责12人，立案3件"),
		{Step: rectification.StepCloseStage, Actor: as(commission), At: at(10, 30, 17, 0), Stage: "纪委追责", Outcome: "问责12人，立案3件"},
	}
	for _, cmd := range steps {
		if err := pr.do(cmd); err != nil {
			return err
		}
	}
	fmt.Fprintln(w)
	pr.summary()
	ok, err := pr.replayed()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  %d project events; replayed, identical: %v\n", len(pr.events), ok)
	return nil
}
