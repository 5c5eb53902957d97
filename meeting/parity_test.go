package meeting_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/internal/lifecycle/paritytest"
	"github.com/guantong/guantong/meeting"
)

// The meeting lifecycle refuses the shared bad inputs as clue and rectification do.
func TestLifecycleParity(t *testing.T) {
	mech := tiefeng()
	r := tfRecord()
	m, first, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r}, meeting.Env{})
	require.NoError(t, err)
	held := m.Clone()
	next, err := m.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 20, 9, 0), Decision: id("d1"),
		Outcome: "交办财政局复核补贴发放"}, meeting.Env{})
	require.NoError(t, err)
	head := func(e meeting.Event) paritytest.Head {
		return paritytest.Head{ID: e.MeetingID, Seq: e.Seq, At: e.At, Actor: e.Actor.Agency, From: string(e.From), To: string(e.To)}
	}
	set := func(e meeting.Event, h paritytest.Head) meeting.Event {
		e.MeetingID, e.Seq, e.At, e.Actor.Agency, e.From, e.To = h.ID, h.Seq, h.At, h.Actor, meeting.State(h.From), meeting.State(h.To)
		return e
	}
	paritytest.Run(t, paritytest.Harness{
		Package: "meeting", IDField: "meeting_id",
		First: head(first), Next: head(next),
		ApplyFirst: func(h paritytest.Head) error { return meeting.Apply(&meeting.Meeting{}, set(first, h)) },
		ApplyNext: func(h paritytest.Head) error {
			var x meeting.Meeting
			require.NoError(t, meeting.Apply(&x, first))
			return meeting.Apply(&x, set(next, h))
		},
		// A held meeting is not held again.
		Illegal: func() error {
			x := held.Clone()
			_, err := x.Do(ctx, meeting.Command{Step: meeting.StepHold, Actor: actor(tfCW), At: at(2026, 4, 21, 9, 0), Record: &r}, meeting.Env{})
			return err
		},
		IllegalStep: string(meeting.StepHold), IllegalState: string(meeting.StateHeld),
		// Carrying out has two rows (the last open decision, or others open); the refusal is
		// the owner guard, never the branch.
		Refused: func() error {
			x := held.Clone()
			_, err := x.Do(ctx, meeting.Command{Step: meeting.StepCarryOut, Actor: actor(tfStat), At: at(2026, 4, 20, 9, 0), Decision: id("d1"),
				Outcome: "x"}, meeting.Env{})
			return err
		},
		RefusedGuard: string(meeting.GuardActorIsOwner),
		PolicyFails: func(err error) error {
			fail := meeting.PolicyFunc(func(context.Context, *meeting.Meeting, time.Time) (meeting.Assessment, error) {
				return meeting.Assessment{}, err
			})
			_, _, e := meeting.Hold(ctx, id("p"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r},
				meeting.Env{Policy: fail})
			return e
		},
		Types: paritytest.Types{Guard: (*meeting.GuardError)(nil), Transition: (*meeting.TransitionError)(nil),
			Sequence: (*meeting.SequenceError)(nil), Field: (*meeting.FieldError)(nil), Policy: (*meeting.PolicyError)(nil)},
		Sentinels: map[string]error{"invalid": meeting.ErrInvalid, "sequence": meeting.ErrSequence,
			"illegal_step": meeting.ErrIllegalStep, "guard": meeting.ErrGuard, "policy": meeting.ErrPolicy},
	})
}
