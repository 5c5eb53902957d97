package domain_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/rulestest"
	"github.com/guantong/guantong/rules/workday"
)

func meetingBundle(t testing.TB) *rules.Bundle {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.ClueSubject(), domain.MeetingSubject(), domain.MeetingSeriesSubject()))
	require.NoError(t, err)
	ps, err := rules.LoadFS(policies.FS(), "meeting")
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	return b
}

// The reference meeting policies pass their own test cases.
func TestMeetingPolicies(t *testing.T) {
	rulestest.Run(t, meetingBundle(t))
}

// 成都 (seed 002) end to end on the reference policies: the clue policy fixes "at once", the
// meeting policy the next meeting; the meeting's transfer decision takes the clue's own limit
// and carrying it out records the meeting's duty on the clue, met on time.
func TestMeetingObligationsChengdu(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.ClueSubject(), domain.MeetingSubject(), domain.MeetingSeriesSubject()))
	require.NoError(t, err)
	var ps []rules.Policy
	for _, dir := range []string{"clue", "meeting"} {
		p, err := rules.LoadFS(policies.FS(), dir)
		require.NoError(t, err)
		ps = append(ps, p...)
	}
	b, err := e.Compile(ps)
	require.NoError(t, err)
	cp, mp := domain.Clue(b), domain.Meeting(b)

	cst := workday.Location()
	ag := func(n string, k clue.AgencyKind) clue.Agency {
		return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(n)), Kind: k, Name: n, Level: clue.LevelMunicipal}
	}
	office, sasac, cw := ag("联系室", clue.KindSupervisionOffice), ag("市国资委", clue.KindSOEOwner), ag("市纪委监委", clue.KindDisciplineCommission)
	c, _, err := clue.Draft(context.Background(), uuid.NewSHA1(uuid.NameSpaceURL, []byte("clue")), clue.Command{
		Actor: clue.Actor{Agency: sasac.ID}, At: time.Date(2026, 5, 2, 11, 0, 0, 0, cst), // 劳动节: 第一时间 is the next working day
		Package: &clue.Package{Source: sasac, Receiver: cw, Subjects: []clue.Person{{Name: "张某"}}, Matter: "违规决策",
			Evidence:     []clue.Evidence{{Name: "研判材料", Kind: clue.EvidenceDocument, Hash: "sha256:01"}},
			DiscoveredAt: time.Date(2026, 5, 2, 10, 0, 0, 0, cst), Flags: clue.Flags{SuspectedDutyCrime: true}},
	}, cp)
	require.NoError(t, err)
	mech := meeting.Mechanism{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("mech")), Name: "成都市联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelMunicipal, Lead: office, Members: []clue.Agency{sasac, cw}, Cadences: []meeting.Cadence{{Unit: meeting.UnitHalfYear}}}
	dec := uuid.NewSHA1(uuid.NameSpaceURL, []byte("decision"))
	clues := meeting.ClueMap{c.ID: c}
	m, ev, err := meeting.Hold(context.Background(), uuid.NewSHA1(uuid.NameSpaceURL, []byte("m")), &mech, meeting.Command{
		Actor: clue.Actor{Agency: office.ID}, At: time.Date(2026, 5, 2, 18, 0, 0, 0, cst),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: time.Date(2026, 5, 2, 15, 0, 0, 0, cst), Convener: office.ID,
			Attendees: []meeting.Attendee{{Agency: office}, {Agency: sasac}},
			Agenda:    []meeting.AgendaItem{{Kind: meeting.ItemClue, ID: c.ID}},
			Decisions: []meeting.Decision{{ID: dec, Kind: meeting.DecisionTransfer, Owner: sasac.ID, Items: []meeting.Ref{{Kind: meeting.ItemClue, ID: c.ID}}}}},
	}, meeting.Env{Policy: mp, ClueObligations: cp, Clues: clues})
	require.NoError(t, err)
	end := func(mo time.Month, d int) time.Time { return workday.Date{Year: 2026, Month: mo, Day: d}.End() }
	require.Len(t, ev.Obligations, 2)
	assert.Equal(t, "meeting.chengdu-half-yearly", ev.Obligations[0].PolicyID)
	assert.True(t, end(12, 31).Equal(ev.Obligations[0].Due))
	assert.Equal(t, b.Version(), ev.Obligations[0].BundleVersion)
	d := m.Decision(dec)
	assert.True(t, end(5, 6).Equal(d.Due))
	assert.Equal(t, "clue.soe-owner-at-once", d.DueBy)

	_, err = m.ActOnClues(context.Background(), meeting.ActCommand{Decision: dec, Actor: clue.Actor{Agency: sasac.ID},
		At: time.Date(2026, 5, 6, 9, 0, 0, 0, cst)}, clues, cp)
	require.NoError(t, err)
	assert.Equal(t, clue.StateTransferred, c.State)
	for _, o := range c.Obligations {
		assert.True(t, o.OnTime(), "%s", o.PolicyID)
	}
	assert.Equal(t, meeting.StateClosed, m.State)
	assert.Equal(t, meeting.DecisionDone, m.Decision(dec).Status(time.Date(2026, 5, 7, 0, 0, 0, 0, cst)))
}

// 铁锋 (seed 000): the statistics bureau misses the 9/18 meeting. The meeting
// happened, so it is recorded; the policy's violations are recorded with it as
// findings, and replay reproduces them byte for byte.
func TestMeetingObligationsFindings(t *testing.T) {
	b := meetingBundle(t)
	cst := workday.Location()
	ag := func(n string, k clue.AgencyKind) clue.Agency {
		return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(n)), Kind: k, Name: n, Level: clue.LevelCounty}
	}
	cw, audit, fin, stat := ag("区纪委监委", clue.KindDisciplineCommission), ag("区审计局", clue.KindAudit), ag("区财政局", clue.KindFinance), ag("区统计局", clue.KindStatistics)
	mech := meeting.Mechanism{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("tf")), Name: "铁锋区联席会议", Kind: meeting.KindJointMeeting,
		Level: clue.LevelCounty, Lead: cw, Members: []clue.Agency{audit, fin, stat}, Cadences: []meeting.Cadence{{Unit: meeting.UnitQuarter}}}
	p := domain.Meeting(b)
	m, ev, err := meeting.Hold(context.Background(), uuid.NewSHA1(uuid.NameSpaceURL, []byte("q3")), &mech, meeting.Command{
		Actor: clue.Actor{Agency: cw.ID}, At: time.Date(2026, 9, 18, 18, 0, 0, 0, cst),
		Record: &meeting.Record{Kind: meeting.MeetingRegular, HeldAt: time.Date(2026, 9, 18, 9, 30, 0, 0, cst), Convener: cw.ID,
			Attendees: []meeting.Attendee{{Agency: cw}, {Agency: audit}, {Agency: fin}}}}, meeting.Env{Policy: p})
	require.NoError(t, err)
	want := []meeting.Finding{{PolicyID: "meeting.tiefeng-quarterly", Reason: "MEETING_MEMBER_ABSENT", Severity: "error",
		Message: "成员单位未到会：统计部门", BundleVersion: b.Version()}}
	assert.Equal(t, want, ev.Findings)
	assert.Equal(t, want, m.Findings)
	require.Len(t, m.Obligations, 1)
	assert.True(t, workday.Date{Year: 2026, Month: 12, Day: 31}.End().Equal(m.Obligations[0].Due))
	raw, err := json.Marshal(ev)
	require.NoError(t, err)
	var back meeting.Event
	require.NoError(t, json.Unmarshal(raw, &back))
	got, err := meeting.Replay([]meeting.Event{back})
	require.NoError(t, err)
	j1, err := json.Marshal(m)
	require.NoError(t, err)
	j2, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, string(j1), string(j2))
}
