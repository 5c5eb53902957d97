package rectification_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

var ctx = context.Background()

// at returns an instant in China Standard Time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, workday.Location())
}

// endOf returns the end of a CST civil day (how deadlines end).
func endOf(y int, m time.Month, d int) time.Time {
	return workday.Date{Year: y, Month: m, Day: d}.End()
}

func id(s string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte(s)) }

func agency(name string, kind clue.AgencyKind) clue.Agency {
	return clue.Agency{ID: id("agency/" + name), Kind: kind, Name: name, Level: clue.LevelMunicipal}
}

func person(name, org string) clue.Person {
	return clue.Person{ID: id("person/" + org + "/" + name), Name: name, Organization: org}
}

func actor(a clue.Agency) clue.Actor { return clue.Actor{Agency: a.ID, Person: "经办人"} }

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(h[:])
}

// seedPolicy stands in for the rules package's CEL policies: the reply and
// rectification deadlines are the recommendation's data, the look-back is due
// 6 months after sign-off (Civil Code month period on the official calendar),
// and a sign-off by the recipient's own agency is a blocking violation.
type seedPolicy struct {
	cal     *workday.Calendar
	version string
}

func newSeedPolicy(t testing.TB) *seedPolicy {
	t.Helper()
	cal, err := workday.New(workday.WithWeekendFallback())
	require.NoError(t, err)
	return &seedPolicy{cal: cal, version: "test-bundle-1"}
}

func (p *seedPolicy) Assess(_ context.Context, s *rectification.Subject, _ time.Time) (rectification.Assessment, error) {
	var a rectification.Assessment
	rec := &s.Recommendation
	if !rec.ReplyDue.IsZero() {
		a.Obligations = append(a.Obligations, rectification.Obligation{Kind: rectification.ObligationReply, Due: rec.ReplyDue, PolicyID: "test.reply", BundleVersion: p.version})
	}
	pr := &s.Problem
	if pr.ID == uuid.Nil {
		return a, nil
	}
	due := pr.Due
	if due.IsZero() {
		due = rec.Deadline
	}
	a.Obligations = append(a.Obligations, rectification.Obligation{Kind: rectification.ObligationRectify, Due: due, PolicyID: "test.rectify", BundleVersion: p.version})
	if pr.State == rectification.StateSignedOff {
		r, err := p.cal.AddMonths(pr.SignedOffAt, 6)
		if err != nil {
			return a, err
		}
		a.Obligations = append(a.Obligations, rectification.Obligation{Kind: rectification.ObligationLookBack, Due: r.Time, PolicyID: "test.look_back", BundleVersion: p.version,
			Calendar: p.cal.Version(), Certainty: r.Certainty})
	}
	return a, nil
}

// recorder performs steps and keeps the events.
type recorder struct {
	t      testing.TB
	p      rectification.Policy
	r      *rectification.Rectification
	events []rectification.Event
}

func issue(t testing.TB, p rectification.Policy, rid uuid.UUID, cmd rectification.Command) *recorder {
	t.Helper()
	r, e, err := rectification.Issue(ctx, rid, cmd, p)
	require.NoError(t, err)
	return &recorder{t: t, p: p, r: r, events: []rectification.Event{e}}
}

func (rc *recorder) do(cmd rectification.Command) rectification.Event {
	rc.t.Helper()
	e, err := rc.r.Do(ctx, cmd, rc.p)
	require.NoError(rc.t, err, "step %s", cmd.Step)
	rc.events = append(rc.events, e)
	return e
}

// requireReplays checks that the events rebuild the value byte for byte,
// also after a JSON round trip of the events and of the value.
func requireReplays(t testing.TB, r *rectification.Rectification, events []rectification.Event) {
	t.Helper()
	want, err := json.Marshal(r)
	require.NoError(t, err)
	got, err := rectification.Replay(events)
	require.NoError(t, err)
	js, err := json.Marshal(got)
	require.NoError(t, err)
	require.Equal(t, string(want), string(js), "replay")

	raw, err := json.Marshal(events)
	require.NoError(t, err)
	var back []rectification.Event
	require.NoError(t, json.Unmarshal(raw, &back))
	got, err = rectification.Replay(back)
	require.NoError(t, err)
	js, err = json.Marshal(got)
	require.NoError(t, err)
	require.Equal(t, string(want), string(js), "replay after JSON")

	var decoded rectification.Rectification
	require.NoError(t, json.Unmarshal(want, &decoded))
	js, err = json.Marshal(&decoded)
	require.NoError(t, err)
	require.Equal(t, string(want), string(js), "JSON round trip")
}
