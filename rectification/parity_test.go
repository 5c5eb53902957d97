package rectification_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/internal/lifecycle/paritytest"
	"github.com/guantong/guantong/rectification"
)

// The rectification lifecycle refuses the shared bad inputs as clue and meeting do.
func TestLifecycleParity(t *testing.T) {
	rc := claimed(t, nil)
	first, next := rc.events[0], rc.events[1] // the issue, the first problem listed
	head := func(e rectification.Event) paritytest.Head {
		return paritytest.Head{ID: e.RectificationID, Seq: e.Seq, At: e.At, Actor: e.Actor.Agency, From: string(e.From), To: string(e.To)}
	}
	set := func(e rectification.Event, h paritytest.Head) rectification.Event {
		e.RectificationID, e.Seq, e.At, e.Actor.Agency = h.ID, h.Seq, h.At, h.Actor
		e.From, e.To = rectification.State(h.From), rectification.State(h.To)
		return e
	}
	paritytest.Run(t, paritytest.Harness{
		Package: "rectification", IDField: "rectification_id",
		First: head(first), Next: head(next),
		ApplyFirst: func(h paritytest.Head) error {
			return rectification.Apply(&rectification.Rectification{}, set(first, h))
		},
		ApplyNext: func(h paritytest.Head) error {
			var x rectification.Rectification
			require.NoError(t, rectification.Apply(&x, first))
			return rectification.Apply(&x, set(next, h))
		},
		// A problem just listed (open) cannot be signed off.
		Illegal: func() error {
			r, err := rectification.Replay(rc.events[:2])
			require.NoError(t, err)
			_, err = r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 3, 3, 9, 0),
				ProblemID: tPID, Verifier: &tCheck}, nil)
			return err
		},
		IllegalStep: string(rectification.StepSignOff), IllegalState: string(rectification.StateOpen),
		// A signed-off problem: the look-back has two rows (holds, relapsed); the refusal is
		// the supervisor guard, never the branch.
		Refused: func() error {
			r, err := rectification.Replay(rc.events)
			require.NoError(t, err)
			_, err = r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: actor(tCW), At: at(2026, 5, 8, 10, 0),
				ProblemID: tPID, Verifier: &tCheck}, nil)
			require.NoError(t, err)
			_, err = r.Do(ctx, rectification.Command{Step: rectification.StepLookBack, Actor: actor(tUnit), At: at(2026, 11, 2, 9, 0),
				ProblemID: tPID, Review: &rectification.Review{Finding: rectification.FindingHolds, Reviewer: tCheck}}, nil)
			return err
		},
		RefusedGuard: string(rectification.GuardActorIsSupervisor),
		PolicyFails: func(err error) error {
			fail := rectification.PolicyFunc(func(context.Context, *rectification.Subject, time.Time) (rectification.Assessment, error) {
				return rectification.Assessment{}, err
			})
			_, _, e := rectification.Issue(ctx, id("p"), first.Command, fail)
			return e
		},
		Types: paritytest.Types{Guard: (*rectification.GuardError)(nil), Transition: (*rectification.TransitionError)(nil),
			Sequence: (*rectification.SequenceError)(nil), Field: (*rectification.FieldError)(nil), Policy: (*rectification.PolicyError)(nil)},
		Sentinels: map[string]error{"invalid": rectification.ErrInvalid, "sequence": rectification.ErrSequence,
			"illegal_step": rectification.ErrIllegalStep, "guard": rectification.ErrGuard, "policy": rectification.ErrPolicy},
	})
}
