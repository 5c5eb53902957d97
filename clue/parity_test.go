package clue_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/internal/lifecycle/paritytest"
)

// The clue lifecycle refuses the shared bad inputs as rectification and meeting do.
func TestLifecycleParity(t *testing.T) {
	c, events := drafted(t, nil)
	next, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)}, nil)
	require.NoError(t, err)
	head := func(e clue.Event) paritytest.Head {
		return paritytest.Head{ID: e.ClueID, Seq: e.Seq, At: e.At, Actor: e.Actor.Agency, From: string(e.From), To: string(e.To)}
	}
	set := func(e clue.Event, h paritytest.Head) clue.Event {
		e.ClueID, e.Seq, e.At, e.Actor.Agency, e.From, e.To = h.ID, h.Seq, h.At, h.Actor, clue.State(h.From), clue.State(h.To)
		return e
	}
	room := office("第一纪检监察室", clue.KindDisciplineCommission, tCW)
	paritytest.Run(t, paritytest.Harness{
		Package: "clue", IDField: "clue_id",
		First: head(events[0]), Next: head(next),
		ApplyFirst: func(h paritytest.Head) error { return clue.Apply(&clue.Clue{}, set(events[0], h)) },
		ApplyNext: func(h paritytest.Head) error {
			var x clue.Clue
			require.NoError(t, clue.Apply(&x, events[0]))
			return clue.Apply(&x, set(next, h))
		},
		Illegal: func() error {
			d, _ := drafted(t, nil)
			_, err := d.Do(ctx, clue.Command{Step: clue.StepRegister, Actor: actor(tCW), At: at(2026, 3, 3, 9, 0)}, nil)
			return err
		},
		IllegalStep: string(clue.StepRegister), IllegalState: string(clue.StateDrafted),
		// A disposed clue: result feedback has two rows (the last result, or more owed);
		// the refusal is the actor guard, never the branch.
		Refused: func() error {
			d, _ := drafted(t, nil)
			for _, cmd := range []clue.Command{
				{Step: clue.StepTransfer, Actor: actor(tAudit), At: at(2026, 3, 3, 9, 0)},
				{Step: clue.StepRegister, Actor: actor(tCW), At: at(2026, 3, 4, 9, 0)},
				{Step: clue.StepAssign, Actor: actor(tCW), At: at(2026, 3, 5, 9, 0), Office: &room},
				{Step: clue.StepDecide, Actor: actor(room), At: at(2026, 3, 6, 9, 0),
					Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "拟初步核实"}},
				{Step: clue.StepConclude, Actor: actor(room), At: at(2026, 4, 6, 9, 0), Result: "了结"},
			} {
				_, err := d.Do(ctx, cmd, nil)
				require.NoError(t, err, cmd.Step)
			}
			_, err := d.Do(ctx, clue.Command{Step: clue.StepResultFeedback, Actor: actor(tAudit), At: at(2026, 4, 7, 9, 0),
				Feedback: &clue.Feedback{To: tAudit.ID}}, nil)
			return err
		},
		RefusedGuard: string(clue.GuardActorIsReceiver),
		PolicyFails: func(err error) error {
			fail := clue.PolicyFunc(func(context.Context, *clue.Clue, time.Time) (clue.Assessment, error) { return clue.Assessment{}, err })
			_, _, e := clue.Draft(ctx, id("p"), events[0].Command, fail)
			return e
		},
		Types: paritytest.Types{Guard: (*clue.GuardError)(nil), Transition: (*clue.TransitionError)(nil),
			Sequence: (*clue.SequenceError)(nil), Field: (*clue.FieldError)(nil), Policy: (*clue.PolicyError)(nil)},
		Sentinels: map[string]error{"invalid": clue.ErrInvalid, "sequence": clue.ErrSequence,
			"illegal_step": clue.ErrIllegalStep, "guard": clue.ErrGuard, "policy": clue.ErrPolicy},
	})
}
