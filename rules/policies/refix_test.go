package policies_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func cst(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, workday.Location())
}

func endOf(y int, m time.Month, d int) time.Time {
	return workday.Date{Year: y, Month: m, Day: d}.End()
}

// walk is a clue run through the reference bundle on one calendar.
type walk struct {
	t      *testing.T
	cal    *workday.Calendar
	bundle *rules.Bundle
	events []clue.Event
}

func newWalk(t *testing.T, cal *workday.Calendar) *walk {
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	return &walk{t: t, cal: cal, bundle: b}
}

func (w *walk) do(c *clue.Clue, cmd clue.Command) {
	w.t.Helper()
	e, err := c.Do(context.Background(), cmd, domain.Clue(w.bundle))
	require.NoError(w.t, err, "%s at %s", cmd.Step, cmd.At)
	w.events = append(w.events, e)
}

func obligation(t *testing.T, c *clue.Clue, kind clue.ObligationKind) clue.Obligation {
	t.Helper()
	var found []clue.Obligation
	for _, o := range c.Obligations {
		if o.Kind == kind {
			found = append(found, o)
		}
	}
	require.Len(t, found, 1, kind)
	return found[0]
}

// TestRefixWalk walks an audit clue received on 2026-10-15 through 2027 counted
// provisionally (the holiday law only: 2027 has no notice on this calendar), then loads a
// 2027 notice written for this test (testdata/notice-2027-written-for-the-test.txt, the
// arrangement 6tail/lunar-go reports: 春节 2/5–2/13 with 1/31 and 2/14 worked) and re-fixes.
// Every date below is counted by hand.
func TestRefixWalk(t *testing.T) {
	prov, err := workday.New(workday.WithoutReportedYears(), workday.WithProvisionalYears())
	require.NoError(t, err)
	w := newWalk(t, prov)

	audit := clue.Agency{ID: uuid.New(), Kind: clue.KindAudit, Name: "市审计局"}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission, Name: "市纪委监委"}
	office := clue.Agency{ID: uuid.New(), Kind: clue.KindSupervisionOffice, Name: "第三监督检查室", Parent: cw.ID}
	id := uuid.New()
	pkg := &clue.Package{
		Source: audit, Receiver: cw, Subjects: []clue.Person{{Name: "张某", Organization: "市住建局"}},
		Matter: "工程款超付", ConclusiveOpinionAt: cst(2026, 9, 28, 10),
		Reporters: []clue.Reporter{{Name: "王某", Named: true}},
		Evidence:  []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:1"}},
	}
	c, e, err := clue.Draft(context.Background(), id, clue.Command{Actor: clue.Actor{Agency: audit.ID}, At: cst(2026, 10, 9, 9), Package: pkg}, domain.Clue(w.bundle))
	require.NoError(t, err)
	w.events = append(w.events, e)
	src, rcv := clue.Actor{Agency: audit.ID}, clue.Actor{Agency: cw.ID}
	w.do(c, clue.Command{Step: clue.StepTransfer, Actor: src, At: cst(2026, 10, 12, 9)})
	w.do(c, clue.Command{Step: clue.StepRegister, Actor: rcv, At: cst(2026, 10, 15, 10)})

	// On registration: 3 months from 10-15 is 2027-01-15, a Friday; counted on a provisional
	// 2027 and flagged. One month is 11-15, a Sunday, moved to Monday 11-16: official.
	for _, kind := range []clue.ObligationKind{clue.ObligationProgress, clue.ObligationDisposal} {
		o := obligation(t, c, kind)
		assert.Equal(t, endOf(2027, 1, 15), o.Due, kind)
		assert.Equal(t, workday.Provisional, o.Certainty, kind)
		assert.Equal(t, prov.Version(), o.Calendar)
	}
	assert.Equal(t, endOf(2026, 11, 16), obligation(t, c, clue.ObligationDisposalOpinion).Due)
	assert.Equal(t, workday.Official, obligation(t, c, clue.ObligationDisposalOpinion).Certainty)
	// 10-15 + 15 working days: 10-16, 10-19..23, 10-26..30, 11-02..05.
	assert.Equal(t, endOf(2026, 11, 5), obligation(t, c, clue.ObligationComplainant).Due)
	// 09-28 + 10 working days across 国庆: 10-16, met on 10-12.
	assert.Equal(t, endOf(2026, 10, 16), obligation(t, c, clue.ObligationTransfer).Due)

	w.do(c, clue.Command{Step: clue.StepAssign, Actor: rcv, At: cst(2026, 10, 16, 9), Office: &office})
	w.do(c, clue.Command{Step: clue.StepNotifyAcceptance, Actor: rcv, At: cst(2026, 10, 20, 9)})
	w.do(c, clue.Command{Step: clue.StepDecide, Actor: rcv, At: cst(2026, 11, 10, 9),
		Disposal: &clue.Disposal{Method: clue.MethodInquiry, Form: clue.FormLetter, Opinion: "函询"}})
	w.do(c, clue.Command{Step: clue.StepProgressFeedback, Actor: rcv, At: cst(2026, 12, 1, 9), Feedback: &clue.Feedback{To: audit.ID, Summary: "已函询"}})

	// The letter reaches the subject on Wednesday 2027-01-20: 15 working days on the
	// provisional 2027 are 01-21, 01-22, 01-25..29, 02-01..04, then 除夕 02-05 and 初一..初三
	// (02-06..08) off, 02-09..12: due Friday 02-12.
	w.do(c, clue.Command{Step: clue.StepDeliverLetter, Actor: rcv, At: cst(2027, 1, 20, 9)})
	reply := obligation(t, c, clue.ObligationLetterReply)
	assert.Equal(t, endOf(2027, 2, 12), reply.Due)
	assert.Equal(t, workday.Provisional, reply.Certainty)
	// Past that due, a reminder letter goes out; the answer comes on Monday 02-15: late,
	// provisionally.
	w.do(c, clue.Command{Step: clue.StepRemind, Actor: rcv, At: cst(2027, 2, 13, 9),
		Reminder: &clue.Reminder{Kind: clue.ObligationLetterReply, Level: clue.ReminderLetter, Document: "提示函〔2027〕1号"}})
	w.do(c, clue.Command{Step: clue.StepReceiveReply, Actor: rcv, At: cst(2027, 2, 15, 9)})
	late := obligation(t, c, clue.ObligationLetterReply)
	assert.False(t, late.OnTime())
	// Concluded on Monday 02-22: the result notice within 15 working days, 02-23..26,
	// 03-01..05, 03-08..12, 03-15.
	w.do(c, clue.Command{Step: clue.StepConclude, Actor: rcv, At: cst(2027, 2, 22, 9), Result: "给予诫勉"})
	result := obligation(t, c, clue.ObligationComplainantEnd)
	assert.Equal(t, endOf(2027, 3, 15), result.Due)
	assert.Equal(t, workday.Provisional, result.Certainty)

	provisional := clue.Provisional(clue.Each([]clue.Clue{*c}))
	assert.Len(t, provisional, 4, "progress, disposal, letter reply, result notice")

	// The notice arrives: load it and build the bundle on the new calendar.
	text, err := os.ReadFile("testdata/notice-2027-written-for-the-test.txt")
	require.NoError(t, err)
	y27, err := workday.ParseNotice(text)
	require.NoError(t, err)
	official, err := workday.New(workday.WithoutReportedYears(), workday.WithProvisionalYears(), workday.WithYears(y27))
	require.NoError(t, err)
	cert, err := official.YearCertainty(2027)
	require.NoError(t, err)
	require.Equal(t, workday.Official, cert)
	w2 := newWalk(t, official)
	require.NotEqual(t, w.bundle.Version(), w2.bundle.Version(), "the calendar is part of the bundle version")

	before := c.Clone()
	ev, changed, err := c.Refix(context.Background(), clue.Command{Actor: rcv, At: cst(2027, 2, 25, 9), Reason: "2027年放假安排通知已发布"},
		domain.Clue(w2.bundle), official)
	require.NoError(t, err)
	require.True(t, changed)
	w.events = append(w.events, ev)
	assert.Equal(t, clue.StepRefix, ev.Step)

	byKind := map[clue.ObligationKind]clue.Refix{}
	for _, r := range ev.Refixes {
		byKind[r.Kind] = r
		assert.Equal(t, workday.Official, r.Certainty, r.Kind)
		assert.Equal(t, workday.Provisional, r.OldCertainty, r.Kind)
		assert.Equal(t, []string{"国办发明电〔2026〕0号"}, r.Notices, r.Kind)
		assert.Equal(t, official.Version(), r.Calendar)
		assert.Equal(t, prov.Version(), r.OldCalendar)
		assert.Equal(t, w2.bundle.Version(), r.BundleVersion)
		assert.Equal(t, before.Obligations[r.Index].Kind, r.Kind)
	}
	require.Len(t, ev.Refixes, 4, "official dues (transfer, disposal opinion, acceptance notice) are facts, never touched")

	// 3-month dues: 2027-01-15 is a working day in the notice too: same date, now official.
	// The progress feedback (met 2026-12-01) stays on time, the disposal (met at the
	// conclusion, 02-22) stays late.
	for kind, onTime := range map[clue.ObligationKind]bool{clue.ObligationProgress: true, clue.ObligationDisposal: false} {
		r := byKind[kind]
		assert.Equal(t, endOf(2027, 1, 15), r.OldDue, kind)
		assert.Equal(t, endOf(2027, 1, 15), r.Due, kind)
		require.NotNil(t, r.Rejudged, kind)
		assert.Equal(t, onTime, r.Rejudged.OnTimeBefore, kind)
		assert.Equal(t, onTime, r.Rejudged.OnTime, kind)
		assert.False(t, r.Rejudged.Changed(), kind)
	}
	// The letter reply: on the notice, 01-31 (Sunday) is worked and 02-09..13 are days off:
	// 01-21, 01-22, 01-25..29, 01-31, 02-01..04, then 02-14 (Sunday, worked), 02-15, 02-16:
	// due Tuesday 02-16. The answer of 02-15 was late against 02-12 and is on time now.
	r := byKind[clue.ObligationLetterReply]
	assert.Equal(t, endOf(2027, 2, 12), r.OldDue)
	assert.Equal(t, endOf(2027, 2, 16), r.Due)
	require.NotNil(t, r.Rejudged)
	assert.Equal(t, cst(2027, 2, 15, 9), r.Rejudged.Met)
	assert.False(t, r.Rejudged.OnTimeBefore)
	assert.True(t, r.Rejudged.OnTime)
	assert.True(t, r.Rejudged.Changed())
	// The result notice: the notice changes nothing after 02-14: still 03-15, now official.
	r = byKind[clue.ObligationComplainantEnd]
	assert.Equal(t, endOf(2027, 3, 15), r.OldDue)
	assert.Equal(t, endOf(2027, 3, 15), r.Due)
	assert.Nil(t, r.Rejudged, "not met yet")

	// On the clue: the new dues, the old ones kept, the reminder already sent kept.
	reply = obligation(t, c, clue.ObligationLetterReply)
	assert.Equal(t, endOf(2027, 2, 16), reply.Due)
	assert.Equal(t, workday.Official, reply.Certainty)
	assert.True(t, reply.OnTime())
	require.Len(t, reply.Refixed, 1)
	assert.Equal(t, clue.PriorDue{Due: endOf(2027, 2, 12), Certainty: workday.Provisional, Calendar: prov.Version(),
		BundleVersion: w.bundle.Version(), Until: cst(2027, 2, 25, 9), Seq: ev.Seq}, reply.Refixed[0])
	require.Len(t, c.Reminders, 1)
	assert.Equal(t, "提示函〔2027〕1号", c.Reminders[0].Document)
	for _, kind := range []clue.ObligationKind{clue.ObligationTransfer, clue.ObligationDisposalOpinion, clue.ObligationComplainant} {
		assert.Equal(t, obligation(t, before, kind), obligation(t, c, kind), "untouched: %s", kind)
	}
	assert.Empty(t, clue.Provisional(clue.Each([]clue.Clue{*c})))

	// A second refix on the same calendar changes nothing.
	_, changed, err = c.Refix(context.Background(), clue.Command{Actor: rcv, At: cst(2027, 2, 26, 9)}, domain.Clue(w2.bundle), official)
	require.NoError(t, err)
	assert.False(t, changed)

	// History is append-only and replays byte for byte.
	again, err := clue.Replay(w.events)
	require.NoError(t, err)
	want, err := json.Marshal(c)
	require.NoError(t, err)
	got, err := json.Marshal(again)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
	assert.Equal(t, string(want), string(got))

	// A refix event that no longer matches the clue is refused on replay.
	bad := append([]clue.Event(nil), w.events...)
	last := bad[len(bad)-1]
	last.Refixes = append([]clue.Refix(nil), last.Refixes...)
	last.Refixes[0].OldDue = endOf(2027, 1, 14)
	bad[len(bad)-1] = last
	_, err = clue.Replay(bad)
	assert.ErrorIs(t, err, clue.ErrGuard)
}

// A clue registered today (2026-12-02) on a calendar with official data only gets its
// 3-month duties recorded as pending, naming 2027: the step is never refused. Loading the
// year (here the reported 2027 embedded in this release) fixes them.
func TestPendingThenRefix(t *testing.T) {
	strict, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	w := newWalk(t, strict)
	tour := clue.Agency{ID: uuid.New(), Kind: clue.KindInspectionTour, Name: "市委第二巡察组"}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission, Name: "市纪委监委"}
	pkg := &clue.Package{Source: tour, Receiver: cw, Subjects: []clue.Person{{Name: "李某"}}, Matter: "违规发放津补贴",
		TourStart: cst(2026, 10, 8, 9), TourEnd: cst(2026, 11, 27, 18),
		Evidence: []clue.Evidence{{Name: "巡察报告", Kind: clue.EvidenceDocument, Hash: "sha256:2"}}}
	c, e, err := clue.Draft(context.Background(), uuid.New(), clue.Command{Actor: clue.Actor{Agency: tour.ID}, At: cst(2026, 11, 30, 9), Package: pkg}, domain.Clue(w.bundle))
	require.NoError(t, err)
	w.events = append(w.events, e)
	w.do(c, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: tour.ID}, At: cst(2026, 12, 1, 9)})
	w.do(c, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: cw.ID}, At: cst(2026, 12, 2, 10)})

	for _, kind := range []clue.ObligationKind{clue.ObligationProgress, clue.ObligationDisposal, clue.ObligationDisposalOpinion} {
		o := obligation(t, c, kind)
		assert.True(t, o.Pending(), kind)
		assert.Equal(t, 2027, o.PendingYear, kind)
		assert.True(t, o.Due.IsZero(), kind)
		assert.False(t, o.Overdue(cst(2027, 12, 31, 0)), "a pending due is never overdue")
	}
	pending := clue.Pending(clue.Each([]clue.Clue{*c}))
	assert.Len(t, pending, 3)
	r, err := clue.Review(clue.Each([]clue.Clue{*c}), clue.Period{Start: cst(2026, 10, 1, 0), End: cst(2027, 1, 1, 0)}, cst(2026, 12, 2, 12), 5, strict)
	require.NoError(t, err)
	assert.Len(t, r.Pending, 3)

	cal, err := workday.New()
	require.NoError(t, err)
	w2 := newWalk(t, cal)
	ev, changed, err := c.Refix(context.Background(), clue.Command{Actor: clue.Actor{Agency: cw.ID}, At: cst(2026, 12, 3, 9)}, domain.Clue(w2.bundle), cal)
	require.NoError(t, err)
	require.True(t, changed)
	w.events = append(w.events, ev)
	require.Len(t, ev.Refixes, 3)
	// 3 months from 12-02: 2027-03-02 (Tuesday); 1 month: 2027-01-02, in 元旦 (01-01..03): 01-04.
	assert.Equal(t, endOf(2027, 3, 2), obligation(t, c, clue.ObligationProgress).Due)
	assert.Equal(t, endOf(2027, 1, 4), obligation(t, c, clue.ObligationDisposalOpinion).Due)
	for _, x := range ev.Refixes {
		assert.Equal(t, 2027, x.OldPendingYear)
		assert.Equal(t, workday.Reported, x.Certainty)
		assert.Empty(t, x.Notices, "2027 is reported data: no notice yet")
	}
	assert.Empty(t, clue.Pending(clue.Each([]clue.Clue{*c})))
	assert.Len(t, clue.Provisional(clue.Each([]clue.Clue{*c})), 3)
	again, err := clue.Replay(w.events)
	require.NoError(t, err)
	assert.Equal(t, c, again)
}

// TestFocusedRefixIsTheFullRefix re-fixes the same clues twice once the 2027 data is
// loaded: with the reference policy, which asks only the policies whose dues it counts again
// (clue.FocusedPolicy), and with the same policy hidden behind a PolicyFunc, which asks them
// all. Audit and tour clues registered every 19 hours from 2026-10-01 to 2026-12-31: the
// events and the clues must be equal.
func TestFocusedRefixIsTheFullRefix(t *testing.T) {
	ctx := context.Background()
	prov, err := workday.New(workday.WithoutReportedYears())
	require.NoError(t, err)
	old, err := policies.Bundle(prov)
	require.NoError(t, err)
	cal, err := workday.New()
	require.NoError(t, err)
	now, err := policies.Bundle(cal)
	require.NoError(t, err)
	audit := clue.Agency{ID: uuid.New(), Kind: clue.KindAudit}
	tour := clue.Agency{ID: uuid.New(), Kind: clue.KindInspectionTour}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission}
	var clues []clue.Clue
	for d, i := cst(2026, 10, 1, 9), 0; d.Before(cst(2027, 1, 1, 0)); d, i = d.Add(19*time.Hour), i+1 {
		pkg := &clue.Package{Source: audit, Receiver: cw, Subjects: []clue.Person{{Name: "某"}}, Matter: "m",
			ConclusiveOpinionAt: d.Add(-72 * time.Hour),
			Evidence:            []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:1"}}}
		if i%2 == 1 {
			pkg = &clue.Package{Source: tour, Receiver: cw, Subjects: []clue.Person{{Name: "某"}}, Matter: "m",
				TourStart: d.Add(-40 * 24 * time.Hour), TourEnd: d.Add(-48 * time.Hour),
				Evidence: []clue.Evidence{{Name: "巡察报告", Kind: clue.EvidenceDocument, Hash: "sha256:2"}}}
		}
		src := pkg.Source.ID
		c, _, err := clue.Draft(ctx, uuid.New(), clue.Command{Actor: clue.Actor{Agency: src}, At: d.Add(-48 * time.Hour), Package: pkg}, domain.Clue(old))
		require.NoError(t, err)
		_, err = c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: src}, At: d.Add(-24 * time.Hour)}, domain.Clue(old))
		require.NoError(t, err)
		_, err = c.Do(ctx, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: cw.ID}, At: d}, domain.Clue(old))
		require.NoError(t, err)
		clues = append(clues, *c)
	}
	full := make([]clue.Clue, len(clues))
	for i := range clues {
		full[i] = *clues[i].Clone()
	}
	focused := domain.Clue(now)
	cmd := clue.Command{Actor: clue.Actor{Agency: cw.ID}, At: cst(2027, 1, 5, 9)}
	got, err := clue.RefixAll(ctx, clue.Each(clues), cmd, focused, cal)
	require.NoError(t, err)
	want, err := clue.RefixAll(ctx, clue.Each(full), cmd, clue.PolicyFunc(focused.Assess), cal)
	require.NoError(t, err)
	require.Greater(t, len(want), len(clues)/2, "most clues have a due in 2027")
	assert.Equal(t, want, got)
	assert.Equal(t, full, clues)
	policiesSeen := map[string]bool{}
	for _, e := range got {
		for _, r := range e.Refixes {
			policiesSeen[r.PolicyID] = true
		}
	}
	assert.GreaterOrEqual(t, len(policiesSeen), 2, "dues of more than one policy re-fixed: %v", policiesSeen)
}
