// Package projectlog performs the steps of a staged project (rectification.Project) for the
// examples and prints each one as a line of the story: the step and its stage with what it did
// (the owner a stage starts under, the progress reported, the outcome a stage closes with), or,
// for a step that must be refused, the typed error it returns. It keeps the project's events so
// that an example can show they replay to the same project.
package projectlog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

// Log performs the steps of one project and prints them to its writer.
type Log struct {
	w      io.Writer
	p      *rectification.Project
	owner  map[uuid.UUID]string
	events []rectification.ProjectEvent
}

// New starts the log of p, which planned emitted, naming the agencies given (the lead and the
// stages' owners) in the lines it prints.
func New(w io.Writer, p *rectification.Project, planned rectification.ProjectEvent, agencies ...clue.Agency) *Log {
	l := &Log{w: w, p: p, owner: map[uuid.UUID]string{}, events: []rectification.ProjectEvent{planned}}
	for _, a := range agencies {
		l.owner[a.ID] = a.Name
	}
	return l
}

// Start is the command by which a starts stage at t.
func Start(stage string, a clue.Agency, t time.Time) rectification.ProjectCommand {
	return rectification.ProjectCommand{Step: rectification.StepStartStage, Actor: clue.Actor{Agency: a.ID}, At: t, Stage: stage}
}

// Report is the command by which a reports done of total on stage at t.
func Report(stage string, a clue.Agency, t time.Time, done, total int, note string) rectification.ProjectCommand {
	return rectification.ProjectCommand{Step: rectification.StepProgress, Actor: clue.Actor{Agency: a.ID}, At: t, Stage: stage,
		Report: &rectification.ProgressReport{Done: done, Total: total, Note: note}}
}

// Close is the command by which a closes stage at t with outcome.
func Close(stage string, a clue.Agency, t time.Time, outcome string) rectification.ProjectCommand {
	return rectification.ProjectCommand{Step: rectification.StepCloseStage, Actor: clue.Actor{Agency: a.ID}, At: t, Stage: stage, Outcome: outcome}
}

// Do performs cmds in order and prints a line for each; it stops at the first that fails.
func (l *Log) Do(cmds ...rectification.ProjectCommand) error {
	for _, cmd := range cmds {
		if err := l.do(cmd); err != nil {
			return err
		}
	}
	return nil
}

func (l *Log) do(cmd rectification.ProjectCommand) error {
	ev, err := l.p.Do(cmd)
	if err != nil {
		return fmt.Errorf("%s %s at %s: %w", cmd.Step, cmd.Stage, stamp(cmd.At), err)
	}
	l.events = append(l.events, ev)
	s := l.p.Stage(cmd.Stage)
	line := fmt.Sprintf("%s  %-15s %s", stamp(ev.At), ev.Step, cmd.Stage)
	switch cmd.Step {
	case rectification.StepStartStage:
		line += " -> " + string(s.State) + " (" + l.owner[cmd.Actor.Agency] + ")"
	case rectification.StepProgress:
		line += fmt.Sprintf(" %d/%d = %s  %s", cmd.Report.Done, cmd.Report.Total, s.Progress(), cmd.Report.Note)
	case rectification.StepCloseStage:
		line += fmt.Sprintf(" -> %s: %s; project %s of stages closed", s.State, cmd.Outcome, l.p.Progress())
	}
	fmt.Fprintln(l.w, line)
	return nil
}

// Refused tries a step that must fail and prints the typed error: a *DependencyError for a
// stage out of order, a *FieldError for an agency acting on a stage it does not own. Any other
// result, success included, is an error.
func (l *Log) Refused(cmd rectification.ProjectCommand) error {
	_, err := l.p.Do(cmd)
	var de *rectification.DependencyError
	var fe *rectification.FieldError
	switch {
	case errors.As(err, &de):
		fmt.Fprintf(l.w, "%s  %-15s %s REFUSED: *DependencyError stage=%s waiting=%v (errors.Is ErrStageOrder: %v)\n    %v\n",
			stamp(cmd.At), cmd.Step, cmd.Stage, de.Stage, de.Waiting, errors.Is(err, rectification.ErrStageOrder), err)
	case errors.As(err, &fe):
		fmt.Fprintf(l.w, "%s  %-15s %s by %s REFUSED: *FieldError field=%s (errors.Is ErrInvalid: %v)\n    %v\n",
			stamp(cmd.At), cmd.Step, cmd.Stage, l.owner[cmd.Actor.Agency], fe.Field, errors.Is(err, rectification.ErrInvalid), err)
	default:
		return fmt.Errorf("%s %s: want a refusal, got %v", cmd.Step, cmd.Stage, err)
	}
	return nil
}

// Summary prints the project and every stage: state, dates, last progress and owner.
func (l *Log) Summary() {
	p := l.p
	fmt.Fprintf(l.w, "%s (%s), led by %s: %s of stages closed\n", p.Name, p.Field, p.Lead.Name, p.Progress())
	for i := range p.Stages {
		s := &p.Stages[i]
		dates := "not started"
		if !s.StartedAt.IsZero() {
			dates = day(s.StartedAt) + " … "
		}
		if !s.ClosedAt.IsZero() {
			dates += day(s.ClosedAt)
		}
		fmt.Fprintf(l.w, "  %d. %s %-6s %-23s progress %s (reports: %d), owned by %s\n", i+1, s.Name, s.State, dates, s.Progress(), len(s.Reports), s.Agency.Name)
	}
}

// Replayed prints how many events the project has and whether replaying them
// (rectification.ReplayProject) rebuilds it exactly.
func (l *Log) Replayed() error {
	back, err := rectification.ReplayProject(l.events)
	if err != nil {
		return err
	}
	a, err := json.Marshal(l.p)
	if err != nil {
		return err
	}
	b, err := json.Marshal(back)
	if err != nil {
		return err
	}
	fmt.Fprintf(l.w, "  %d project events; replayed, identical: %v\n", len(l.events), string(a) == string(b))
	return nil
}

// stamp prints an instant in China Standard Time to the minute.
func stamp(t time.Time) string { return t.In(workday.Location()).Format("2006-01-02 15:04") }

// day prints the calendar day of an instant in China Standard Time.
func day(t time.Time) string { return workday.DateOf(t).String() }
