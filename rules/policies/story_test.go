package policies_test

import (
	"context"
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

func day(m time.Month, d, h int) time.Time {
	return time.Date(2026, m, d, h, 0, 0, 0, workday.Location())
}

func end(m time.Month, d int) time.Time { return workday.Date{Year: 2026, Month: m, Day: d}.End() }

type fixture struct {
	t      *testing.T
	bundle *rules.Bundle
	p      clue.Policy
}

func newFixture(t *testing.T) fixture {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	return fixture{t: t, bundle: b, p: domain.Clue(b)}
}

func (f fixture) do(c *clue.Clue, cmd clue.Command) clue.Event {
	f.t.Helper()
	ev, err := c.Do(context.Background(), cmd, f.p)
	require.NoError(f.t, err)
	return ev
}

func due(c *clue.Clue, kind clue.ObligationKind, beneficiary uuid.UUID) []time.Time {
	var out []time.Time
	for _, o := range c.Obligations {
		if o.Kind == kind && (beneficiary == uuid.Nil || o.Beneficiary == beneficiary) {
			out = append(out, o.Due)
		}
	}
	return out
}

// 成都 (seed 002): the SOE owner finds a suspected duty crime on Friday 19 June 2026, the
// first day of the Dragon Boat holiday (19–21 June); the reference rule reads 第一时间 as the
// end of the day of discovery when that is a working day, and otherwise the end of the next
// working day: Monday 22 June.
func TestStoryChengduSOEAtOnce(t *testing.T) {
	f := newFixture(t)
	owner := clue.Agency{ID: uuid.New(), Kind: clue.KindSOEOwner, Name: "成都市国资委"}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission, Name: "成都市纪委监委"}
	c, ev, err := clue.Draft(context.Background(), uuid.New(), clue.Command{Actor: clue.Actor{Agency: owner.ID}, At: day(6, 19, 16),
		Package: &clue.Package{Source: owner, Receiver: cw, Subjects: []clue.Person{{Name: "某集团副总经理"}}, Matter: "涉嫌利用职务便利为他人谋利",
			Evidence: []clue.Evidence{{Name: "会商纪要", Kind: clue.EvidenceDocument, Hash: "sha256:1"}},
			Flags:    clue.Flags{SuspectedDutyCrime: true, EvidenceLossRisk: true}, DiscoveredAt: day(6, 19, 10)}}, f.p)
	require.NoError(t, err)
	require.Len(t, ev.Obligations, 1)
	assert.Equal(t, "clue.soe-owner-at-once", ev.Obligations[0].PolicyID)
	assert.True(t, ev.Obligations[0].Due.Equal(end(6, 22)), ev.Obligations[0].Due)
	assert.Equal(t, f.bundle.Version(), ev.Obligations[0].BundleVersion)

	// Not yet sent on 23 June: the check says so.
	d, err := f.bundle.Check(context.Background(), c, day(6, 23, 9))
	require.NoError(t, err)
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "SOE_TRANSFER_NOT_AT_ONCE", d.Violations[0].Reason)
	assert.Equal(t, "应第一时间（2026-06-22前）移送纪检监察机关", d.Violations[0].Message)

	f.do(c, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: owner.ID}, At: day(6, 22, 11)})
	assert.True(t, c.Obligations[0].OnTime())

	// Found on a working day, the same clue is due the same day.
	c2, ev2, err := clue.Draft(context.Background(), uuid.New(), clue.Command{Actor: clue.Actor{Agency: owner.ID}, At: day(6, 18, 16),
		Package: &clue.Package{Source: owner, Receiver: cw, Subjects: []clue.Person{{Name: "某集团副总经理"}}, Matter: "涉嫌利用职务便利为他人谋利",
			Evidence: []clue.Evidence{{Name: "会商纪要", Kind: clue.EvidenceDocument, Hash: "sha256:1"}},
			Flags:    clue.Flags{SuspectedDutyCrime: true}, DiscoveredAt: day(6, 18, 10)}}, f.p)
	require.NoError(t, err)
	require.Len(t, ev2.Obligations, 1)
	assert.True(t, ev2.Obligations[0].Due.Equal(end(6, 18)), ev2.Obligations[0].Due)
	_ = c2
	d, err = f.bundle.Check(context.Background(), c, day(6, 23, 9))
	require.NoError(t, err)
	assert.Empty(t, d.Violations)
}

// An audit clue and a tour clue about the same person, merged (并案): the commission owes
// progress feedback to both senders, each within 3 months of its own clue's registration,
// and neither deadline moves when the clues are merged.
func TestStoryMergedFeedbackOwedToBoth(t *testing.T) {
	f := newFixture(t)
	audit := clue.Agency{ID: uuid.New(), Kind: clue.KindAudit, Name: "某县审计局"}
	tour := clue.Agency{ID: uuid.New(), Kind: clue.KindInspectionTour, Name: "某县委第一巡察组"}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission, Name: "某县纪委监委"}
	who := []clue.Person{{Name: "张某", Organization: "某县交通运输局"}}
	evid := []clue.Evidence{{Name: "底稿", Kind: clue.EvidenceAuditWork, Hash: "sha256:a"}}
	x, _, err := clue.Draft(context.Background(), uuid.New(), clue.Command{Actor: clue.Actor{Agency: audit.ID}, At: day(6, 1, 9),
		Package: &clue.Package{Source: audit, Receiver: cw, Subjects: who, Matter: "违规插手工程招投标", Evidence: evid, ConclusiveOpinionAt: day(6, 1, 9)}}, f.p)
	require.NoError(t, err)
	y, _, err := clue.Draft(context.Background(), uuid.New(), clue.Command{Actor: clue.Actor{Agency: tour.ID}, At: day(6, 10, 9),
		Package: &clue.Package{Source: tour, Receiver: cw, Subjects: who, Matter: "插手工程招投标并收受好处", Evidence: evid,
			DiscoveredAt: day(6, 10, 9), TourStart: day(6, 1, 9), TourEnd: day(7, 31, 18)}}, f.p)
	require.NoError(t, err)
	f.do(x, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: audit.ID}, At: day(6, 5, 9)})
	f.do(x, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: cw.ID}, At: day(6, 30, 10)})
	f.do(y, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: tour.ID}, At: day(7, 6, 9)})
	f.do(y, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: cw.ID}, At: day(7, 7, 10)})
	// x: registered 6/30 → 9/30; y: registered 7/7 → 10/7 is National Day → 10/8.
	assert.Equal(t, []time.Time{end(9, 30)}, due(x, clue.ObligationProgress, audit.ID))
	assert.Equal(t, []time.Time{end(10, 8)}, due(y, clue.ObligationProgress, tour.ID))

	_, _, err = clue.Merge(context.Background(), x, y, clue.Command{Actor: clue.Actor{Agency: cw.ID}, At: day(7, 8, 9), Reason: "同一人同一事项"}, f.p)
	require.NoError(t, err)
	assert.Equal(t, []uuid.UUID{audit.ID, tour.ID}, x.Senders())
	assert.Equal(t, []time.Time{end(9, 30)}, due(x, clue.ObligationProgress, audit.ID))
	assert.Equal(t, []time.Time{end(10, 8)}, due(x, clue.ObligationProgress, tour.ID), "the tour's own deadline survives the merge")
	overdue := clue.Overdue(clue.Each([]clue.Clue{*x, *y}), day(10, 1, 9))
	// On 10/1: the audit's progress feedback and the disposal (9/30) and both disposal opinions
	// (7/30, 8/7: nothing was decided) are overdue; the tour's progress feedback (10/8) is not.
	require.Len(t, overdue, 4)
	for _, it := range overdue {
		assert.NotEqual(t, tour.ID, it.Obligation.Beneficiary)
	}
}
