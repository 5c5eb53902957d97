package meeting_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/meeting"
)

func seedEventsJSON(tb testing.TB) []byte {
	tb.Helper()
	mech := tiefeng()
	r := tfRecord()
	r.Attendees = attend(tfCW, tfAudit, tfFin) // the statistics bureau absent: a finding
	_, e1, err := meeting.Hold(ctx, id("m"), &mech, meeting.Command{Actor: actor(tfCW), At: at(2026, 3, 20, 18, 0), Record: &r}, meeting.Env{Policy: assessor{}})
	require.NoError(tb, err)
	e2 := meeting.Event{MeetingID: id("m"), Seq: 2, From: meeting.StateHeld, To: meeting.StateClosed,
		Command: meeting.Command{Step: meeting.StepCarryOut, Actor: actor(tfFin), At: at(2026, 4, 1, 9, 0), Decision: id("d1")}}
	raw, err := json.Marshal([]meeting.Event{e1, e2})
	require.NoError(tb, err)
	return raw
}

// FuzzReplay decodes events and replays them: never a panic; a replayed
// meeting survives a JSON round trip of its events.
func FuzzReplay(f *testing.F) {
	f.Add(seedEventsJSON(f))
	f.Add([]byte(`[{"meeting_id":"00000000-0000-0000-0000-000000000001","seq":1,"step":"hold","actor":{"agency":"00000000-0000-0000-0000-000000000002"},"at":"2026-01-01T00:00:00+08:00","record":{}}]`))
	f.Add([]byte(`[{"seq":1,"step":"carry_out"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []meeting.Event
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		m, err := meeting.Replay(evs)
		if err != nil {
			return
		}
		_ = m.Progress(at(2026, 6, 1, 0, 0))
		raw, err := json.Marshal(evs)
		require.NoError(t, err)
		var back []meeting.Event
		require.NoError(t, json.Unmarshal(raw, &back))
		_, err = meeting.Replay(back)
		require.NoError(t, err)
	})
}

// FuzzSeries decodes a series and reports its compliance: never a panic;
// every reported period lies in order and contains its own start.
func FuzzSeries(f *testing.F) {
	mech := tiefeng()
	raw, err := json.Marshal(meeting.Series{Mechanism: mech, Meetings: []meeting.Meeting{hold(f, mech, "q1", at(2026, 3, 20, 9, 0), nil, tfCW)}})
	require.NoError(f, err)
	f.Add(raw, int64(0), int64(365))
	f.Add([]byte(`{"mechanism":{"id":"00000000-0000-0000-0000-000000000001","name":"x","kind":"task_force","lead":{"id":"00000000-0000-0000-0000-000000000002","kind":"audit"},"cadences":[{"unit":"week","every":3,"anchor":"2026-01-07T00:00:00+08:00","due_by":2}]}}`), int64(10), int64(100))
	f.Add([]byte(`{"mechanism":{"cadences":[{"unit":"month","every":-1}]}}`), int64(0), int64(1))
	cal := fallbackCalendar(f)
	base := at(2026, 1, 1, 0, 0)
	f.Fuzz(func(t *testing.T, data []byte, a, b int64) {
		var s meeting.Series
		if json.Unmarshal(data, &s) != nil {
			return
		}
		from := base.Add(time.Duration(a%4000) * 24 * time.Hour)
		to := from.Add(time.Duration(b%4000) * 24 * time.Hour)
		r, err := s.Compliance(cal, from, to, to)
		if err != nil {
			return
		}
		for _, c := range r.Cadences {
			for i, p := range c.Periods {
				require.True(t, p.Period.Contains(p.Period.Start))
				require.True(t, p.Period.Start.Before(p.Period.End))
				if i > 0 {
					require.True(t, c.Periods[i-1].Period.End.Before(p.Period.Start))
				}
			}
		}
	})
}

// FuzzCadence: any cadence either is a *CadenceError or gives, for any
// instant, a period that contains it and is followed by the next one.
func FuzzCadence(f *testing.F) {
	f.Add("week", 2, int64(1767744000), 3, int64(1767744000))
	f.Add("month", 2, int64(1768406400), 0, int64(1800000000))
	f.Add("half_year", 0, int64(0), 0, int64(-1000))
	f.Fuzz(func(t *testing.T, unit string, every int, anchor int64, dueBy int, ts int64) {
		c := meeting.Cadence{Unit: meeting.Unit(unit), Every: every, DueBy: dueBy}
		if anchor != 0 {
			c.Anchor = time.Unix(anchor%(200*365*86400), 0)
		}
		x := time.Unix(ts%(150*365*86400), 0)
		p, err := c.PeriodOf(x)
		if err != nil {
			require.ErrorIs(t, err, meeting.ErrCadence)
			return
		}
		require.True(t, p.Contains(x), "%+v %s %+v", c, x, p)
		q, err := c.PeriodOf(p.End.Add(time.Nanosecond))
		require.NoError(t, err)
		require.True(t, q.Start.Equal(p.End.Add(time.Nanosecond)))
	})
}
