package rectification

import (
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/rules/workday"
)

// Scope selects the rectifications the four lists cover: those of one
// recipient unit, of one campaign, or (both zero) all given.
type Scope struct {
	Title     string    `json:"title,omitempty"`
	Recipient uuid.UUID `json:"recipient,omitzero"`
	Campaign  uuid.UUID `json:"campaign,omitzero"`
	// ResultsSince, when set, trims the results list (整改成效) to sign-offs
	// and institutions dated at or after it, e.g. a quarter's results. The
	// other lists and the metrics are not trimmed.
	ResultsSince time.Time `json:"results_since,omitzero"`
}

func (s Scope) covers(r *Rectification) bool {
	return r != nil && (s.Recipient == uuid.Nil || r.Recommendation.Recipient.ID == s.Recipient) &&
		(s.Campaign == uuid.Nil || r.Campaign == s.Campaign)
}

// KeyProblem is a row of the key-problem list (重点问题清单).
type KeyProblem struct {
	Rectification uuid.UUID `json:"rectification"`
	Problem       uuid.UUID `json:"problem"`
	Number        string    `json:"number,omitempty"`
	Recipient     string    `json:"recipient"`
	Description   string    `json:"description"`
	Field         string    `json:"field,omitempty"`
	Severity      Severity  `json:"severity"`
	Source        Source    `json:"source"`
	State         State     `json:"state"`
	Due           time.Time `json:"due,omitzero"`
	Overdue       bool      `json:"overdue,omitempty"`
}

// MeasureRow is a row of the measure list (整改措施清单): a task with its
// responsible unit and person.
type MeasureRow struct {
	Problem           uuid.UUID `json:"problem"`
	ProblemNumber     string    `json:"problem_number,omitempty"`
	Measure           string    `json:"measure"`
	ResponsibleUnit   string    `json:"responsible_unit"`
	ResponsiblePerson string    `json:"responsible_person"`
	// Due is the task's own due, otherwise the problem's due in the task's
	// round: a task of a round before a relapse keeps that round's due.
	Due    time.Time `json:"due,omitzero"`
	DoneAt time.Time `json:"done_at,omitzero"`
	Round  int       `json:"round,omitempty"` // see [Task.Round]
}

// AccountabilityRow is a row of the accountability list (问责处理清单).
type AccountabilityRow struct {
	Person        string    `json:"person"`
	Position      string    `json:"position,omitempty"`
	Measure       string    `json:"measure"`
	ProblemNumber string    `json:"problem_number,omitempty"`
	DecidedAt     time.Time `json:"decided_at"`
}

// ResultRow is a row of the results list (整改成效清单): a signed-off problem
// or an institution built.
type ResultRow struct {
	Kind        string    `json:"kind"` // "signed_off" or "institution"
	Number      string    `json:"number,omitempty"`
	Description string    `json:"description"`
	At          time.Time `json:"at"`
	Verifier    string    `json:"verifier,omitempty"` // for a sign-off
	Evidence    int       `json:"evidence,omitempty"` // pieces of evidence verified
}

// FourLists are the four lists of seed 004 (贺州): 重点问题、整改措施、问责处理、
// 整改成效, for a unit or a campaign, as data a host renders as it likes.
type FourLists struct {
	Scope          Scope               `json:"scope"`
	At             time.Time           `json:"at"`
	KeyProblems    []KeyProblem        `json:"key_problems"`
	Measures       []MeasureRow        `json:"measures"`
	Accountability []AccountabilityRow `json:"accountability"`
	Results        []ResultRow         `json:"results"`
	Metrics        Metrics             `json:"metrics"`
	Indicators     Indicators          `json:"indicators"`
}

// Lists builds the four lists of the rectifications in scope at now. Key
// problems are the problems marked Key or of severity major; measures are the
// tasks of those problems (of every round: a relapse adds measures and keeps
// the earlier ones with their due); accountability and results cover every
// problem.
// Rows keep the order of rs and of each rectification's records.
func Lists(rs []*Rectification, scope Scope, now time.Time) FourLists {
	l := FourLists{Scope: scope, At: now}
	var in []*Rectification
	for _, r := range rs {
		if !scope.covers(r) {
			continue
		}
		in = append(in, r)
		rec := &r.Recommendation
		lk := newLookup(r)
		for i := range r.Problems {
			p := &r.Problems[i]
			if p.Key || p.Severity == SeverityMajor {
				l.KeyProblems = append(l.KeyProblems, KeyProblem{
					Rectification: r.ID, Problem: p.ID, Number: p.Number, Recipient: rec.Recipient.Name,
					Description: p.Description, Field: p.Field, Severity: p.Severity, Source: p.Source,
					State: p.State, Due: r.DueAt(p), Overdue: r.Overdue(p, now),
				})
				for _, t := range p.Tasks {
					due := t.Due
					if due.IsZero() {
						due = r.roundDue(p, t.Round)
					}
					l.Measures = append(l.Measures, MeasureRow{
						Problem: p.ID, ProblemNumber: p.Number, Measure: t.Measure,
						ResponsibleUnit: t.ResponsibleUnit.Name, ResponsiblePerson: t.ResponsiblePerson.Name,
						Due: due, DoneAt: t.DoneAt, Round: t.Round,
					})
				}
			}
			if p.State == StateSignedOff && len(p.SignOffs) > 0 && !p.SignOffs[len(p.SignOffs)-1].At.Before(scope.ResultsSince) {
				so := p.SignOffs[len(p.SignOffs)-1]
				n := 0
				for _, v := range p.Evidence {
					if !v.Superseded {
						n++
					}
				}
				l.Results = append(l.Results, ResultRow{Kind: "signed_off", Number: p.Number, Description: p.Description,
					At: so.At, Verifier: so.Verifier.Name, Evidence: n})
			}
		}
		for _, a := range r.Accountability {
			row := AccountabilityRow{Person: a.Person.Name, Position: a.Person.Position, Measure: a.Measure, DecidedAt: a.DecidedAt}
			if p := lk.problem(a.Problem); p != nil {
				row.ProblemNumber = p.Number
			}
			l.Accountability = append(l.Accountability, row)
		}
		for _, x := range r.Institutions {
			if x.IssuedAt.Before(scope.ResultsSince) {
				continue
			}
			d := x.Title
			if x.Kind == InstitutionRevised {
				d += "（修订）"
			}
			l.Results = append(l.Results, ResultRow{Kind: "institution", Description: d, At: x.IssuedAt})
		}
	}
	l.Metrics = Measure(in, now)
	l.Indicators = l.Metrics.Indicators()
	return l
}

// Markdown renders the four lists as Markdown tables (dates in China Standard
// Time), in Chinese.
func (l FourLists) Markdown() string { return l.render(true) }

// Text renders the four lists as plain text, one item a line.
func (l FourLists) Text() string { return l.render(false) }

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return workday.DateOf(t).String()
}

func stateName(s State) string {
	switch s {
	case StateOpen:
		return "未启动"
	case StateInProgress:
		return "整改中"
	case StateClaimed:
		return "待核实销号"
	case StateSignedOff:
		return "已销号"
	}
	return string(s)
}

func (l FourLists) render(md bool) string {
	var b strings.Builder
	title := l.Scope.Title
	if title == "" {
		title = "整改四张清单"
	}
	cell := func(s string) string {
		if md {
			s = strings.ReplaceAll(s, "|", `\|`)
		}
		return strings.ReplaceAll(s, "\n", " ")
	}
	table := func(heading string, head []string, rows [][]string) {
		if md {
			b.WriteString("\n## " + heading + "\n\n")
		} else {
			b.WriteString("\n" + heading + "（" + strconv.Itoa(len(rows)) + "）\n")
		}
		if len(rows) == 0 {
			b.WriteString("（无）\n")
			return
		}
		if md {
			b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
			for range head {
				b.WriteString(" --- |")
			}
			b.WriteString("\n")
		}
		for i, r := range rows {
			for j := range r {
				r[j] = cell(r[j])
			}
			if md {
				b.WriteString("| " + strings.Join(r, " | ") + " |\n")
				continue
			}
			parts := make([]string, 0, len(r))
			for j, c := range r {
				if c != "" {
					parts = append(parts, head[j]+"："+c)
				}
			}
			b.WriteString(strconv.Itoa(i+1) + ". " + strings.Join(parts, "；") + "\n")
		}
	}
	if md {
		b.WriteString("# " + cell(title) + "\n\n截至 " + day(l.At) + "\n")
	} else {
		b.WriteString(title + "（截至 " + day(l.At) + "）\n")
	}
	var rows [][]string
	for _, p := range l.KeyProblems {
		st := stateName(p.State)
		if p.Overdue {
			st += "（逾期）"
		}
		rows = append(rows, []string{p.Number, p.Recipient, p.Description, p.Field, st, day(p.Due)})
	}
	table("一、重点问题清单", []string{"编号", "单位", "问题", "领域", "状态", "整改期限"}, rows)
	rows = nil
	for _, m := range l.Measures {
		rows = append(rows, []string{m.ProblemNumber, m.Measure, m.ResponsibleUnit, m.ResponsiblePerson, day(m.Due), day(m.DoneAt)})
	}
	table("二、整改措施清单", []string{"问题编号", "整改措施", "责任单位", "责任人", "完成时限", "完成日期"}, rows)
	rows = nil
	for _, a := range l.Accountability {
		rows = append(rows, []string{a.Person, a.Position, a.Measure, a.ProblemNumber, day(a.DecidedAt)})
	}
	table("三、问责处理清单", []string{"被问责人", "职务", "处理方式", "问题编号", "决定日期"}, rows)
	rows = nil
	for _, x := range l.Results {
		kind, n := "销号", ""
		if x.Kind == "institution" {
			kind = "建章立制"
		} else {
			n = strconv.Itoa(x.Evidence)
		}
		rows = append(rows, []string{kind, x.Number, x.Description, day(x.At), x.Verifier, n})
	}
	table("四、整改成效清单", []string{"类别", "编号", "内容", "日期", "核实人", "佐证材料"}, rows)
	m, ind := l.Metrics, l.Indicators
	sum := []string{
		"问题总数 " + strconv.Itoa(m.Problems) + "，已销号 " + strconv.Itoa(m.SignedOff) + "，逾期 " + strconv.Itoa(m.Overdue) +
			"，建章立制 " + strconv.Itoa(m.Institutions) + " 项，问责 " + strconv.Itoa(m.Accountability) + " 人次",
		"整改完成率 " + ind.Completion.String() + "，按期整改率 " + m.OnTime().String(),
		"制度健全度 " + ind.InstitutionSoundness.String() + "，警示教育覆盖率 " + ind.EducationCoverage.String() +
			"，群众满意度 " + ind.Satisfaction.String(),
	}
	if md {
		b.WriteString("\n## 指标\n\n")
		for _, s := range sum {
			b.WriteString("- " + s + "\n")
		}
	} else {
		b.WriteString("\n指标\n")
		for _, s := range sum {
			b.WriteString(s + "\n")
		}
	}
	return b.String()
}
