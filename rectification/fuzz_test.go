package rectification_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rectification"
)

// FuzzEvents decodes arbitrary JSON as an event list and replays it: never a
// panic, and whatever replays must replay again identically after a JSON
// round trip.
func FuzzEvents(f *testing.F) {
	rc := claimed(f, nil)
	raw, err := json.Marshal(rc.events)
	require.NoError(f, err)
	f.Add(raw)
	f.Add([]byte(`[{"rectification_id":"00000000-0000-0000-0000-000000000001","seq":1,"step":"issue"}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"seq":1,"step":"sign_off","problem_id":"x"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []rectification.Event
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		r, err := rectification.Replay(evs)
		if err != nil {
			return
		}
		a, err := json.Marshal(r)
		require.NoError(t, err)
		again, err := json.Marshal(evs)
		require.NoError(t, err)
		var back []rectification.Event
		require.NoError(t, json.Unmarshal(again, &back))
		r2, err := rectification.Replay(back)
		require.NoError(t, err)
		b, err := json.Marshal(r2)
		require.NoError(t, err)
		require.True(t, bytes.Equal(a, b))
		_ = rectification.Measure([]*rectification.Rectification{r}, r.UpdatedAt)
		_ = rectification.Lists([]*rectification.Rectification{r}, rectification.Scope{}, r.UpdatedAt).Markdown()
	})
}

// FuzzProjectEvents does the same for staged projects.
func FuzzProjectEvents(f *testing.F) {
	f.Add([]byte(`[{"project_id":"00000000-0000-0000-0000-000000000001","seq":1,"step":"plan","actor":{"agency":"00000000-0000-0000-0000-000000000002"},"at":"2026-03-02T09:00:00+08:00","plan":{"name":"n","lead":{"id":"00000000-0000-0000-0000-000000000002","kind":"discipline_commission"},"stages":[{"name":"a","agency":{"id":"00000000-0000-0000-0000-000000000002","kind":"audit"}},{"name":"b","agency":{"id":"00000000-0000-0000-0000-000000000003","kind":"finance"},"depends_on":["a"]}]}},{"project_id":"00000000-0000-0000-0000-000000000001","seq":2,"step":"start_stage","stage":"b","actor":{"agency":"00000000-0000-0000-0000-000000000003"},"at":"2026-03-02T09:00:00+08:00"}]`))
	f.Add([]byte(`[{"seq":1,"step":"close_stage"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var evs []rectification.ProjectEvent
		if json.Unmarshal(data, &evs) != nil {
			return
		}
		p, err := rectification.ReplayProject(evs)
		if err != nil {
			return
		}
		_ = p.Progress().String()
		a, err := json.Marshal(p)
		require.NoError(t, err)
		var q rectification.Project
		require.NoError(t, json.Unmarshal(a, &q))
		b, err := json.Marshal(&q)
		require.NoError(t, err)
		require.True(t, bytes.Equal(a, b))
	})
}
