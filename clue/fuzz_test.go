package clue_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
)

// seedEvents returns the events of a merge story: two clues, one absorbed.
func seedEvents(tb testing.TB) (survivor, merged []clue.Event, c *clue.Clue) {
	tb.Helper()
	p := newSeedPolicy(tb)
	tour := agency("巡察组", clue.KindInspectionTour)
	mk := func(name string, src clue.Agency) (*clue.Clue, []clue.Event) {
		c, e, err := clue.Draft(ctx, id(name), clue.Command{Actor: actor(src), At: at(2026, 3, 2, 9, 0), Package: &clue.Package{
			Source: src, Receiver: tCW, Subjects: []clue.Person{{Name: "甲"}}, Matter: "违规发放补贴", Evidence: ev1(),
			ConclusiveOpinionAt: at(2026, 3, 2, 8, 0), DiscoveredAt: at(2026, 3, 2, 8, 0),
			TourStart: at(2026, 3, 1, 8, 0), TourEnd: at(2026, 5, 1, 8, 0), Flags: clue.Flags{GreenChannel: true},
			Reporters: []clue.Reporter{{Name: "乙", Named: true}}}}, p)
		require.NoError(tb, err)
		evs := []clue.Event{e}
		for _, cmd := range []clue.Command{
			{Step: clue.StepTransfer, Actor: actor(src)},
			{Step: clue.StepRegister, Actor: actor(tCW)},
		} {
			cmd.At = at(2026, 3, 4, 9, 0)
			e, err := c.Do(ctx, cmd, p)
			require.NoError(tb, err)
			evs = append(evs, e)
		}
		return c, evs
	}
	x, xs := mk("fx", tAudit)
	y, ys := mk("fy", tour)
	e1, e2, err := clue.Merge(ctx, x, y, clue.Command{Actor: actor(tCW), At: at(2026, 3, 5, 9, 0)}, p)
	require.NoError(tb, err)
	xs, ys = append(xs, e2), append(ys, e1)
	for _, cmd := range []clue.Command{
		{Step: clue.StepRecordDuty, Duty: &clue.Obligation{Kind: clue.ObligationAssign, Due: endOf(2026, 3, 27), PolicyID: "meeting/seed/decision/1"}},
		{Step: clue.StepAssign, Office: &tCW},
		{Step: clue.StepDecide, Disposal: &clue.Disposal{Method: clue.MethodInquiry, Form: clue.FormLetter}, Detail: "细节"},
		{Step: clue.StepDeliverLetter},
		{Step: clue.StepProgressFeedback, Feedback: &clue.Feedback{To: tour.ID}},
		{Step: clue.StepConclude, Result: "了结"},
	} {
		cmd.Actor, cmd.At = actor(tCW), at(2026, 3, 20, 9, 0)
		e, err := x.Do(ctx, cmd, p)
		require.NoError(tb, err)
		xs = append(xs, e)
	}
	return xs, ys, x
}

func FuzzClueJSON(f *testing.F) {
	_, _, c := seedEvents(f)
	raw, err := json.Marshal(c)
	require.NoError(f, err)
	f.Add(raw)
	f.Add([]byte(`{"id":"00000000-0000-0000-0000-000000000001","state":"drafted","amount":"1e9999"}`))
	f.Add([]byte(`{"obligations":[{"kind":"x","due":"2026-01-01T00:00:00Z"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c clue.Clue
		if json.Unmarshal(data, &c) != nil {
			return
		}
		one, err := json.Marshal(&c)
		if err != nil {
			return // e.g. a year outside 0–9999
		}
		var d clue.Clue
		require.NoError(t, json.Unmarshal(one, &d))
		two, err := json.Marshal(&d)
		require.NoError(t, err)
		require.True(t, bytes.Equal(one, two), "%s\n%s", one, two)
		// Nothing panics on a decoded clue.
		v := c.View(clue.Actor{Agency: c.Source.ID}, clue.Grants{})
		require.Empty(t, v.Reporters)
		_ = c.Missing(clue.DefaultRequired(c.Source.Kind))
		_ = clue.Overdue(clue.Each([]clue.Clue{c, d}), c.UpdatedAt)
		_ = clue.Duplicates(clue.Each([]clue.Clue{c, d}), 0)
		_, _ = c.Clone().Do(ctx, clue.Command{Step: clue.StepConclude, Actor: clue.Actor{Agency: c.Receiver.ID}, At: c.UpdatedAt, Result: "x"}, nil)
	})
}

func FuzzReplay(f *testing.F) {
	xs, ys, _ := seedEvents(f)
	for _, evs := range [][]clue.Event{xs, ys, xs[:3]} {
		raw, err := json.Marshal(evs)
		require.NoError(f, err)
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []clue.Event
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		c, err := clue.Replay(evs)
		if err != nil {
			return
		}
		want, err := json.Marshal(c)
		if err != nil {
			return
		}
		// A replayable stream replays the same after a JSON round trip.
		raw, err := json.Marshal(evs)
		require.NoError(t, err)
		var back []clue.Event
		require.NoError(t, json.Unmarshal(raw, &back))
		d, err := clue.Replay(back)
		require.NoError(t, err)
		got, err := json.Marshal(d)
		require.NoError(t, err)
		require.JSONEq(t, string(want), string(got))
	})
}
