package meeting_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rectification"
)

// 铁锋 (seed 000): the joint meeting hands a problem of the special rectification
// (审计查证—财政核策—行业研判—纪委追责) to finance, due 4/30; the duty becomes a
// task of the problem's rectification.
func TestActOnRectification(t *testing.T) {
	problem := id("惠民资金发放不规范")
	r, _, err := rectification.Issue(ctx, id("rect"), rectification.Command{Actor: actor(tfCW), At: at(2026, 3, 2, 9, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindDisciplineInspection, Number: "铁纪建〔2026〕1号",
			Issuer: tfCW, Recipient: tfFin, IssuedAt: at(2026, 3, 2, 9, 0), Deadline: endOf(2026, 6, 30)}}, nil)
	require.NoError(t, err)
	_, err = r.Do(ctx, rectification.OpenProblem(actor(tfCW), at(2026, 3, 2, 10, 0), rectification.Problem{ID: problem,
		Description: "惠民补贴发放不规范", Severity: rectification.SeverityGeneral,
		Source: rectification.Source{Kind: rectification.SourceAudit, Reference: "审计报告"}}), nil)
	require.NoError(t, err)
	recs := meeting.RectificationMap{r}

	mech := tiefeng()
	rec := tfRecord()
	rec.Agenda[1].ID, rec.Decisions[0].Items[0].ID = problem, problem
	rec.Decisions[0].Summary = "财政局复核补贴发放政策执行"
	m, _, err := meeting.Hold(ctx, id("tf-q1"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &rec}, meeting.Env{})
	require.NoError(t, err)
	dec := rec.Decisions[0].ID
	clerk := clue.Person{ID: id("王某"), Name: "王某", Organization: tfFin.Name}

	// An unknown problem, a wrong actor: nothing changes.
	_, err = m.ActOnRectification(ctx, meeting.ActCommand{Decision: dec, Actor: actor(tfCW), At: at(2026, 3, 23, 9, 0), Responsible: clerk}, meeting.RectificationMap{}, nil)
	assert.ErrorIs(t, err, meeting.ErrUnknownItem)
	_, err = m.ActOnRectification(ctx, meeting.ActCommand{Decision: dec, Actor: actor(tfStat), At: at(2026, 3, 23, 9, 0), Responsible: clerk}, recs, nil)
	assert.ErrorIs(t, err, meeting.ErrAct)
	assert.ErrorIs(t, err, rectification.ErrGuard)
	assert.Empty(t, r.Problem(problem).Tasks)
	assert.Equal(t, meeting.StateHeld, m.State)

	acted, err := m.ActOnRectification(ctx, meeting.ActCommand{Decision: dec, Actor: actor(tfCW), At: at(2026, 3, 23, 9, 0), Responsible: clerk}, recs, nil)
	require.NoError(t, err)
	require.Len(t, acted.RectificationEvents, 1)
	tasks := r.Problem(problem).Tasks
	require.Len(t, tasks, 1)
	assert.Equal(t, meeting.TaskID(dec, problem), tasks[0].ID)
	assert.Equal(t, tfFin.ID, tasks[0].ResponsibleUnit.ID)
	assert.True(t, endOf(2026, 4, 30).Equal(tasks[0].Due))
	assert.Equal(t, "财政局复核补贴发放政策执行", tasks[0].Measure)
	assert.Equal(t, []meeting.Effect{{Model: "rectification", ID: r.ID, Seq: 3, Step: "assign_task"}}, m.Decision(dec).Effects)
	assert.Equal(t, meeting.StateClosed, m.State)

	// Clue decisions are not carried out here.
	mj := m.Clone()
	mj.Decisions = append(mj.Decisions, meeting.Decision{ID: uuid.New(), Kind: meeting.DecisionTransfer, Due: endOf(2026, 5, 1)})
	_, err = mj.ActOnRectification(ctx, meeting.ActCommand{Decision: mj.Decisions[1].ID, Actor: actor(tfCW), At: at(2026, 3, 24, 9, 0)}, recs, nil)
	assert.ErrorIs(t, err, meeting.ErrAct)
}

// freshSource is a database-backed RectificationSource: every lookup returns a
// fresh copy of the stored rectification.
type freshSource struct{ stored *rectification.Rectification }

func (s freshSource) RectificationOf(problem uuid.UUID) (*rectification.Rectification, bool) {
	if s.stored.Problem(problem) == nil {
		return nil, false
	}
	return s.stored.Clone(), true
}

// One assign decision about two problems of one rectification, through a
// source that returns a fresh object per lookup: the two tasks are assigned
// on one working copy, their events follow each other (3, 4) and replay.
func TestActOnRectificationFreshLookups(t *testing.T) {
	p1, p2 := id("补贴发放不规范"), id("台账不全")
	r, e1, err := rectification.Issue(ctx, id("rect2"), rectification.Command{Actor: actor(tfCW), At: at(2026, 3, 2, 9, 0),
		Recommendation: &rectification.Recommendation{Kind: rectification.KindDisciplineInspection, Number: "铁纪建〔2026〕2号",
			Issuer: tfCW, Recipient: tfFin, IssuedAt: at(2026, 3, 2, 9, 0), Deadline: endOf(2026, 6, 30)}}, nil)
	require.NoError(t, err)
	evs := []rectification.Event{e1}
	for i, p := range []uuid.UUID{p1, p2} {
		e, err := r.Do(ctx, rectification.OpenProblem(actor(tfCW), at(2026, 3, 2, 10+i, 0), rectification.Problem{ID: p,
			Description: "问题", Severity: rectification.SeverityGeneral,
			Source: rectification.Source{Kind: rectification.SourceAudit, Reference: "审计报告"}}), nil)
		require.NoError(t, err)
		evs = append(evs, e)
	}
	mech := tiefeng()
	rec := tfRecord()
	rec.Agenda = append(rec.Agenda[:1], meeting.AgendaItem{Kind: meeting.ItemProblem, ID: p1}, meeting.AgendaItem{Kind: meeting.ItemProblem, ID: p2})
	rec.Decisions[0].Items = []meeting.Ref{{Kind: meeting.ItemProblem, ID: p1}, {Kind: meeting.ItemProblem, ID: p2}}
	src := freshSource{r}
	m, _, err := meeting.Hold(ctx, id("tf-q1b"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &rec},
		meeting.Env{Rectifications: src})
	require.NoError(t, err)
	acted, err := m.ActOnRectification(ctx, meeting.ActCommand{Decision: rec.Decisions[0].ID, Actor: actor(tfCW), At: at(2026, 3, 23, 9, 0),
		Responsible: clue.Person{ID: id("王某"), Name: "王某"}}, src, nil)
	require.NoError(t, err)
	require.Len(t, acted.RectificationEvents, 2)
	assert.Equal(t, []uint64{4, 5}, []uint64{acted.RectificationEvents[0].Seq, acted.RectificationEvents[1].Seq})
	assert.Equal(t, []meeting.Effect{
		{Model: "rectification", ID: r.ID, Seq: 4, Step: "assign_task"},
		{Model: "rectification", ID: r.ID, Seq: 5, Step: "assign_task"},
	}, m.Decision(rec.Decisions[0].ID).Effects)
	got, err := rectification.Replay(append(evs, acted.RectificationEvents...))
	require.NoError(t, err)
	assert.Len(t, got.Problem(p1).Tasks, 1)
	assert.Len(t, got.Problem(p2).Tasks, 1)
	assert.Empty(t, r.Problem(p1).Tasks, "the store's object is the host's to update from the events")
}
