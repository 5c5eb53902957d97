package clue_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
)

var (
	tAudit = agency("审计局", clue.KindAudit)
	tCW    = agency("纪委监委", clue.KindDisciplineCommission)
)

// drafted returns a complete drafted clue and its events.
func drafted(t *testing.T, p clue.Policy) (*clue.Clue, []clue.Event) {
	t.Helper()
	c, e, err := clue.Draft(context.Background(), id("t"), clue.Command{Actor: actor(tAudit), At: at(2026, 3, 2, 9, 0), Package: &clue.Package{
		Source: tAudit, Receiver: tCW, Subjects: []clue.Person{{Name: "甲"}}, Matter: "事项", Evidence: ev1(),
		ConclusiveOpinionAt: at(2026, 3, 2, 8, 0)}}, p)
	require.NoError(t, err)
	return c, []clue.Event{e}
}

func TestTransitionsTable(t *testing.T) {
	rows := clue.Transitions()
	require.NotEmpty(t, rows)
	assert.Equal(t, "drafted --transfer[actor_is_source supplement_fits elements_complete]--> transferred meets transfer", rows[1].String())
	// Every step that meets a feedback duty is in the table.
	meets := map[clue.Step][]clue.ObligationKind{}
	for _, r := range rows {
		meets[r.Step] = append(meets[r.Step], r.Meets...)
	}
	assert.Contains(t, meets[clue.StepResultFeedback], clue.ObligationResult)
	assert.Contains(t, meets[clue.StepProgressFeedback], clue.ObligationProgress)
	assert.Contains(t, meets[clue.StepConclude], clue.ObligationDisposal)
	// The copy cannot change the table.
	rows[1].To = clue.StateEvaluated
	assert.Equal(t, clue.StateTransferred, clue.Transitions()[1].To)
}

func TestIllegalSteps(t *testing.T) {
	c, _ := drafted(t, nil)
	for _, tc := range []struct {
		step  clue.Step
		state clue.State
	}{
		{clue.StepRegister, clue.StateDrafted},
		{clue.StepConclude, clue.StateDrafted},
		{clue.StepEvaluate, clue.StateDrafted},
		{clue.StepDraft, clue.StateDrafted},
		{"fly", clue.StateDrafted},
	} {
		t.Run(string(tc.step), func(t *testing.T) {
			_, err := c.Do(ctx, clue.Command{Step: tc.step, Actor: actor(tCW), At: at(2026, 3, 3, 9, 0)}, nil)
			var te *clue.TransitionError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tc.state, te.State)
			assert.Equal(t, tc.step, te.Step)
			assert.ErrorIs(t, err, clue.ErrIllegalStep)
			assert.Contains(t, err.Error(), `clue: step "`+string(tc.step)+`" is not allowed in state "drafted"`)
		})
	}
}

func TestGuards(t *testing.T) {
	other := agency("其他单位", clue.KindLineDepartment)
	for _, tc := range []struct {
		name  string
		cmd   clue.Command
		guard clue.Guard
		field string
	}{
		{"transfer by someone else", clue.Command{Step: clue.StepTransfer, Actor: actor(other)}, clue.GuardActorIsSource, "actor.agency"},
		{"unknown required element", clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), Required: []clue.Element{"x"}}, clue.GuardElementsComplete, "required[0]"},
		{"supplement overwrites", clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), Package: &clue.Package{Matter: "改写"}}, clue.GuardSupplementFits, "package.matter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := drafted(t, nil)
			tc.cmd.At = at(2026, 3, 3, 9, 0)
			_, err := c.Do(ctx, tc.cmd, nil)
			var ge *clue.GuardError
			require.ErrorAs(t, err, &ge)
			assert.Equal(t, tc.guard, ge.Guard)
			var fe *clue.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.field, fe.Field)
			assert.ErrorIs(t, err, clue.ErrGuard)
		})
	}
	t.Run("draft needs a package", func(t *testing.T) {
		_, _, err := clue.Draft(ctx, id("x"), clue.Command{Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, nil)
		assert.ErrorIs(t, err, clue.ErrInvalid)
		_, _, err = clue.Draft(ctx, uuid.Nil, clue.Command{}, nil)
		assert.ErrorIs(t, err, clue.ErrInvalid)
	})
	t.Run("unknown agency kind", func(t *testing.T) {
		bad := tAudit
		bad.Kind = "martians"
		_, _, err := clue.Draft(ctx, id("x"), clue.Command{Actor: actor(bad), At: at(2026, 3, 3, 9, 0), Package: &clue.Package{Source: tAudit, Receiver: bad}}, nil)
		assert.ErrorIs(t, err, clue.ErrUnknownKind)
	})
}

func TestSequenceErrors(t *testing.T) {
	c, events := drafted(t, nil)
	e, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, nil)
	require.NoError(t, err)
	events = append(events, e)

	_, err = clue.Replay([]clue.Event{events[1], events[0]})
	var se *clue.SequenceError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "seq", se.Field)
	assert.ErrorIs(t, err, clue.ErrSequence)

	c2, err := clue.Replay(events[:1])
	require.NoError(t, err)
	bad := events[1]
	bad.ClueID = id("other")
	require.ErrorAs(t, clue.Apply(c2, bad), &se)
	assert.Equal(t, "clue_id", se.Field)
	bad = events[1]
	bad.To = clue.StateEvaluated
	require.ErrorAs(t, clue.Apply(c2, bad), &se)
	assert.Equal(t, "to", se.Field)
	assert.Equal(t, clue.StateDrafted, c2.State, "a refused event changes nothing")

	var empty clue.Clue
	require.Error(t, clue.Apply(&empty, events[1]))
	assert.Equal(t, clue.Clue{}, empty, "a refused first event leaves the clue zero")

	_, err = c.Do(ctx, clue.Command{Step: clue.StepRegister, Actor: actor(tCW), At: at(2026, 3, 2, 9, 0)}, nil)
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "at", se.Field, "events may not go back in time")
}

func TestPolicyErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		p    func(context.Context, *clue.Clue, time.Time) ([]clue.Obligation, error)
		is   error
	}{
		{"policy fails", func(context.Context, *clue.Clue, time.Time) ([]clue.Obligation, error) { return nil, boom }, boom},
		{"unknown kind", func(context.Context, *clue.Clue, time.Time) ([]clue.Obligation, error) {
			return []clue.Obligation{{Kind: "tea", Due: at(2026, 4, 1, 0, 0), PolicyID: "p"}}, nil
		}, clue.ErrUnknownKind},
		{"no due", func(context.Context, *clue.Clue, time.Time) ([]clue.Obligation, error) {
			return []clue.Obligation{{Kind: clue.ObligationTransfer, PolicyID: "p"}}, nil
		}, clue.ErrInvalid},
		{"beneficiary not a sender", func(context.Context, *clue.Clue, time.Time) ([]clue.Obligation, error) {
			return []clue.Obligation{{Kind: clue.ObligationProgress, PolicyID: "p", Due: at(2026, 4, 1, 0, 0), Beneficiary: id("nobody")}}, nil
		}, clue.ErrInvalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := drafted(t, nil)
			p := clue.PolicyFunc(func(ctx context.Context, c *clue.Clue, at time.Time) (clue.Assessment, error) {
				os, err := tc.p(ctx, c, at)
				return clue.Assessment{Obligations: os}, err
			})
			_, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, p)
			assert.ErrorIs(t, err, clue.ErrPolicy)
			assert.ErrorIs(t, err, tc.is)
			assert.Equal(t, clue.StateDrafted, c.State, "nothing changes")
			var pe *clue.PolicyError
			assert.ErrorAs(t, err, &pe)
		})
	}
}

// Deadlines are facts: a changed policy does not move a recorded deadline,
// and replay never calls the policy.
func TestDeadlinesAreFacts(t *testing.T) {
	due := at(2026, 3, 16, 0, 0)
	p := clue.PolicyFunc(func(context.Context, *clue.Clue, time.Time) (clue.Assessment, error) {
		return clue.Assessment{Obligations: []clue.Obligation{{Kind: clue.ObligationTransfer, PolicyID: "p", BundleVersion: "v1", Due: due}}}, nil
	})
	c, events := drafted(t, p)
	due = at(2026, 12, 31, 0, 0) // the policy changes
	e, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, p)
	require.NoError(t, err)
	assert.Empty(t, e.Obligations, "already recorded")
	require.Len(t, c.Obligations, 1)
	assert.True(t, c.Obligations[0].Due.Equal(at(2026, 3, 16, 0, 0)))
	assert.Equal(t, "v1", c.Obligations[0].BundleVersion)
	assert.True(t, c.Obligations[0].Met.Equal(at(2026, 3, 3, 9, 0)))
	requireReplays(t, c, append(events, e))
}

func TestEventJSON(t *testing.T) {
	c, events := drafted(t, newSeedPolicy(t))
	raw, err := json.Marshal(events[0])
	require.NoError(t, err)
	s := string(raw)
	for _, k := range []string{`"step":"draft"`, `"seq":1`, `"to":"drafted"`, `"kind":"transfer"`, `"policy_id":"chenzhou.audit_transfer"`, `"due":"2026-03-16T23:59:59.999999999+08:00"`} {
		assert.Contains(t, s, k)
	}
	assert.False(t, strings.Contains(s, `"met"`))
	requireReplays(t, c, events)
}
