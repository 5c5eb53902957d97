package rectification

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
)

// ErrStageOrder: a stage cannot close before the stages it depends on (see [DependencyError]).
var ErrStageOrder = errors.New("rectification: stage depends on an unclosed stage")

// DependencyError reports a stage closed before the stages it depends on.
type DependencyError struct {
	Stage   string
	Waiting []string // the stages it depends on that are not closed
}

// Error implements error.
func (e *DependencyError) Error() string {
	return fmt.Sprintf("rectification: stage %q cannot close before %s", e.Stage, strings.Join(e.Waiting, ", "))
}

// Unwrap returns ErrStageOrder.
func (e *DependencyError) Unwrap() error { return ErrStageOrder }

// Stage states.
const (
	StagePending State = "pending"
	StageActive  State = "active"
	StageClosed  State = "closed"
)

// ProjectStep is a step of a staged project.
type ProjectStep string

// Project steps.
const (
	StepPlan       ProjectStep = "plan"            // create the project with its stages
	StepStartStage ProjectStep = "start_stage"     // a stage begins
	StepProgress   ProjectStep = "report_progress" // a stage reports progress
	StepCloseStage ProjectStep = "close_stage"     // a stage closes, after the stages it depends on
)

// StagePlan names a stage, the agency that owns it and the stages (listed
// before it) that must close first.
type StagePlan struct {
	Name      string      `json:"name"`
	Agency    clue.Agency `json:"agency"`
	DependsOn []string    `json:"depends_on,omitempty"`
}

// ProjectPlan is the content of a plan step.
type ProjectPlan struct {
	Name   string      `json:"name"`
	Field  string      `json:"field,omitempty"`
	Lead   clue.Agency `json:"lead"` // 牵头单位, usually the discipline commission
	Stages []StagePlan `json:"stages"`
}

// ProgressReport is one progress report of a stage: Done of Total items.
type ProgressReport struct {
	At    time.Time `json:"at"`
	Done  int       `json:"done"`
	Total int       `json:"total"`
	Note  string    `json:"note,omitempty"`
}

// Stage is a named stage of a project with its progress.
type Stage struct {
	StagePlan
	State     State            `json:"state"`
	StartedAt time.Time        `json:"started_at,omitzero"`
	ClosedAt  time.Time        `json:"closed_at,omitzero"`
	Reports   []ProgressReport `json:"reports,omitempty"`
	Outcome   string           `json:"outcome,omitempty"`
}

// Progress is the stage's last reported progress (zero before any report).
func (s *Stage) Progress() Rate {
	if len(s.Reports) == 0 {
		return Rate{}
	}
	r := s.Reports[len(s.Reports)-1]
	return Rate{Num: int64(r.Done), Den: int64(r.Total)}
}

// Project is a special supervision (专项监督) run in named stages, such as
// seed 003's (郑州) 明确监督工作重点—全面掌握政策落实情况—深入企业开展走访调研—
// 推动整改落实取得实效, which together run the loop 监督检查—问题反馈—整改落实—
// 深化治理, or the four-party chain
// 审计查证—财政核策—行业研判—纪委追责 (seed 000, 铁锋) whose stages belong to
// different agencies. Change it only through [PlanProject] and [Project.Do].
type Project struct {
	ID        uuid.UUID   `json:"id"`
	Seq       uint64      `json:"seq"`
	UpdatedAt time.Time   `json:"updated_at,omitzero"`
	Name      string      `json:"name"`
	Field     string      `json:"field,omitempty"`
	Lead      clue.Agency `json:"lead"`
	PlannedAt time.Time   `json:"planned_at"`
	Stages    []Stage     `json:"stages"`
}

// ProjectCommand asks for a project step.
type ProjectCommand struct {
	Step    ProjectStep     `json:"step"`
	Actor   clue.Actor      `json:"actor"`
	At      time.Time       `json:"at"`
	Reason  string          `json:"reason,omitempty"`
	Plan    *ProjectPlan    `json:"plan,omitempty"`    // plan
	Stage   string          `json:"stage,omitempty"`   // start_stage, report_progress, close_stage
	Report  *ProgressReport `json:"report,omitempty"`  // report_progress (At is set by the step)
	Outcome string          `json:"outcome,omitempty"` // close_stage
}

// ProjectEvent is an applied project step; [ReplayProject] rebuilds a project
// from its events exactly.
type ProjectEvent struct {
	ProjectID uuid.UUID `json:"project_id"`
	Seq       uint64    `json:"seq"`
	ProjectCommand
}

// PlanProject creates a project with the given id from a plan command (Step
// may be left empty) and returns it with its first event.
func PlanProject(id uuid.UUID, cmd ProjectCommand) (*Project, ProjectEvent, error) {
	if id == uuid.Nil {
		return nil, ProjectEvent{}, invalid("id", "a project id is required")
	}
	if cmd.Step == "" {
		cmd.Step = StepPlan
	}
	p := &Project{ID: id}
	e, err := p.Do(cmd)
	if err != nil {
		return nil, ProjectEvent{}, err
	}
	return p, e, nil
}

// Do performs a step on p and returns its event. On error p is unchanged.
func (p *Project) Do(cmd ProjectCommand) (ProjectEvent, error) {
	e := ProjectEvent{ProjectID: p.ID, Seq: p.Seq + 1, ProjectCommand: cmd}
	if err := ApplyProject(p, e); err != nil {
		return ProjectEvent{}, err
	}
	return e, nil
}

// ReplayProject rebuilds a project from its events, in order.
func ReplayProject(events []ProjectEvent) (*Project, error) {
	p := &Project{}
	for _, e := range events {
		if err := ApplyProject(p, e); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Stage returns the stage with the given name, or nil.
func (p *Project) Stage(name string) *Stage {
	for i := range p.Stages {
		if p.Stages[i].Name == name {
			return &p.Stages[i]
		}
	}
	return nil
}

// Closed reports whether every stage is closed.
func (p *Project) Closed() bool {
	for i := range p.Stages {
		if p.Stages[i].State != StageClosed {
			return false
		}
	}
	return len(p.Stages) > 0
}

// Progress is the share of closed stages.
func (p *Project) Progress() Rate {
	n := 0
	for i := range p.Stages {
		if p.Stages[i].State == StageClosed {
			n++
		}
	}
	return Rate{Num: int64(n), Den: int64(len(p.Stages))}
}

// ApplyProject applies a recorded event to p, checking its sequence and
// every rule again. On error p is unchanged.
func ApplyProject(p *Project, e ProjectEvent) error {
	want := p.ID
	if p.Seq == 0 && want == uuid.Nil {
		want = e.ProjectID
	}
	if err := checkSequence("project_id", want, e.ProjectID, p.Seq, e.Seq, p.UpdatedAt, e.At, e.Actor); err != nil {
		return err
	}
	if e.Step == StepPlan {
		if p.Seq != 0 {
			return &TransitionError{State: StateIssued, Step: Step(e.Step)}
		}
		if err := e.Plan.validate(); err != nil {
			return err
		}
		if e.Actor.Agency != e.Plan.Lead.ID {
			return invalid("actor.agency", "%s is not the lead agency", e.Actor.Agency)
		}
		p.Name, p.Field, p.Lead, p.PlannedAt = e.Plan.Name, e.Plan.Field, e.Plan.Lead, e.At
		p.Stages = make([]Stage, len(e.Plan.Stages))
		for i, s := range e.Plan.Stages {
			s.DependsOn = slices.Clone(s.DependsOn)
			p.Stages[i] = Stage{StagePlan: s, State: StagePending}
		}
		p.ID, p.Seq, p.UpdatedAt = e.ProjectID, e.Seq, e.At
		return nil
	}
	if p.Seq == 0 {
		return &TransitionError{State: StateNone, Step: Step(e.Step)}
	}
	s := p.Stage(e.Stage)
	if s == nil {
		return invalid("stage", "the project has no stage %q", e.Stage)
	}
	if e.Actor.Agency != s.Agency.ID && e.Actor.Agency != p.Lead.ID {
		return invalid("actor.agency", "%s owns neither the stage nor the project", e.Actor.Agency)
	}
	switch e.Step {
	case StepStartStage:
		if s.State != StagePending {
			return &TransitionError{State: s.State, Step: Step(e.Step)}
		}
		s.State, s.StartedAt = StageActive, e.At
	case StepProgress:
		if s.State != StageActive {
			return &TransitionError{State: s.State, Step: Step(e.Step)}
		}
		r := e.Report
		if r == nil || r.Total <= 0 || r.Done < 0 || r.Done > r.Total {
			return invalid("report", "want 0 <= done <= total, total > 0")
		}
		s.Reports = append(s.Reports, ProgressReport{At: e.At, Done: r.Done, Total: r.Total, Note: r.Note})
	case StepCloseStage:
		if s.State != StageActive {
			return &TransitionError{State: s.State, Step: Step(e.Step)}
		}
		var waiting []string
		for _, d := range s.DependsOn {
			if x := p.Stage(d); x.State != StageClosed {
				waiting = append(waiting, d)
			}
		}
		if len(waiting) > 0 {
			return &DependencyError{Stage: s.Name, Waiting: waiting}
		}
		s.State, s.ClosedAt, s.Outcome = StageClosed, e.At, e.Outcome
	default:
		return unknown("step", e.Step)
	}
	p.Seq, p.UpdatedAt = e.Seq, e.At
	return nil
}

// validate checks a plan: named, led, at least one stage, unique stage names,
// agencies known, and dependencies only on stages listed before (so the
// dependency graph has no cycle).
func (pl *ProjectPlan) validate() error {
	switch {
	case pl == nil:
		return invalid("plan", "required")
	case pl.Name == "":
		return invalid("plan.name", "required")
	case !validAgency(pl.Lead):
		return invalid("plan.lead", "id and a known kind are required")
	case len(pl.Stages) == 0:
		return invalid("plan.stages", "at least one stage")
	}
	for i, s := range pl.Stages {
		f := "plan.stages[" + strconv.Itoa(i) + "]"
		if s.Name == "" {
			return invalid(f+".name", "required")
		}
		if !validAgency(s.Agency) {
			return invalid(f+".agency", "id and a known kind are required")
		}
		for _, x := range pl.Stages[:i] {
			if x.Name == s.Name {
				return invalid(f+".name", "duplicate stage %q", s.Name)
			}
		}
		for j, d := range s.DependsOn {
			ok := false
			for _, x := range pl.Stages[:i] {
				ok = ok || x.Name == d
			}
			if !ok {
				return invalid(f+".depends_on["+strconv.Itoa(j)+"]", "%q is not a stage listed before %q", d, s.Name)
			}
		}
	}
	return nil
}
