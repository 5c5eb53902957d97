package clue_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/workday"
)

// at returns an instant in China Standard Time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, workday.Location())
}

// endOf returns the end of a CST civil day (how deadlines end).
func endOf(y int, m time.Month, d int) time.Time {
	return workday.Date{Year: y, Month: m, Day: d}.End()
}

func agency(name string, kind clue.AgencyKind) clue.Agency {
	return clue.Agency{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)), Kind: kind, Name: name, Level: clue.LevelMunicipal}
}

func office(name string, kind clue.AgencyKind, parent clue.Agency) clue.Agency {
	a := agency(name, kind)
	a.Parent = parent.ID
	return a
}

func actor(a clue.Agency) clue.Actor {
	return clue.Actor{Agency: a.ID, Person: "经办人", Role: "clerk"}
}

func id(s string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceURL, []byte(s)) }

// seedPolicy computes the seed deadlines with the official calendar. It
// stands in for the rules package's CEL policies.
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

func (p *seedPolicy) Assess(_ context.Context, c *clue.Clue, _ time.Time) (clue.Assessment, error) {
	var out []clue.Obligation
	var err error
	add := func(kind clue.ObligationKind, policy string, r workday.Result, e error) {
		if e != nil {
			err = e
			return
		}
		out = append(out, clue.Obligation{Kind: kind, Due: r.Time, PolicyID: policy, BundleVersion: p.version,
			Calendar: p.cal.Version(), Certainty: r.Certainty})
	}
	src := c.Source.Kind
	// 郴州 (seed 002): audit transfers within 10 working days of the conclusive opinion.
	if src == clue.KindAudit && !c.ConclusiveOpinionAt.IsZero() {
		r, e := p.cal.AddWorkdays(c.ConclusiveOpinionAt, 10)
		add(clue.ObligationTransfer, "chenzhou.audit_transfer", r, e)
	}
	// 成都 (seed 002): the SOE owner transfers at once (by the end of the next working day here).
	f := c.Flags
	if src == clue.KindSOEOwner && !c.DiscoveredAt.IsZero() &&
		(f.SuspectedDisciplineBreach && !f.IrregularBusinessInvestment || f.SuspectedDutyCrime || f.EvidenceLossRisk || f.CollusionRisk) {
		r, e := p.cal.AddWorkdays(c.DiscoveredAt, 1)
		add(clue.ObligationTransfer, "chengdu.soe_at_once", r, e)
	}
	// 沭阳 (seed 001): green channel, within 5 working days and before the tour ends.
	if src == clue.KindInspectionTour && f.GreenChannel && !c.DiscoveredAt.IsZero() {
		r, e := p.cal.AddWorkdays(c.DiscoveredAt, 5)
		if e == nil && !c.TourEnd.IsZero() && c.TourEnd.Before(r.Time) {
			r.Time = c.TourEnd
		}
		add(clue.ObligationTransfer, "shuyang.green_channel", r, e)
	}
	if !c.ReceivedAt.IsZero() {
		// 监督执纪工作规则 art. 21: disposal opinion within 1 month.
		r, e := p.cal.AddMonths(c.ReceivedAt, 1)
		add(clue.ObligationDisposalOpinion, "rule.disposal_opinion", r, e)
		if src == clue.KindAudit || src == clue.KindInspectionTour {
			// 郴州: progress feedback within 3 months; disposal in principle within 3 months.
			r, e = p.cal.AddMonths(c.ReceivedAt, 3)
			add(clue.ObligationProgress, "chenzhou.progress_feedback", r, e)
			add(clue.ObligationDisposal, "chenzhou.disposal", r, e)
		}
		for _, rep := range c.Reporters {
			if rep.Named { // 实施条例 art. 175
				r, e = p.cal.AddWorkdays(c.ReceivedAt, 15)
				add(clue.ObligationComplainant, "rule.complainant_notice", r, e)
				break
			}
		}
	}
	if !c.LetterReceivedAt.IsZero() { // 实施条例 art. 174
		r, e := p.cal.AddWorkdays(c.LetterReceivedAt, 15)
		add(clue.ObligationLetterReply, "rule.letter_reply", r, e)
	}
	if !c.ConcludedAt.IsZero() {
		r, e := p.cal.AddWorkdays(c.ConcludedAt, 15)
		add(clue.ObligationResult, "test.result_feedback", r, e)
	}
	if c.State == clue.StateFeedbackGiven || c.State == clue.StateEvaluated {
		var last time.Time
		for _, fb := range c.Feedback {
			if fb.Kind == clue.FeedbackResult && fb.At.After(last) {
				last = fb.At
			}
		}
		r, e := p.cal.AddWorkdays(last, 10)
		add(clue.ObligationEvaluation, "test.evaluation", r, e)
	}
	return clue.Assessment{Obligations: out}, err
}

// obl is an obligation as the stories check it.
type obl struct {
	Kind       clue.ObligationKind
	Party      uuid.UUID // beneficiary (feedback) or obligor (others)
	Due, Met   time.Time
	Unsure     bool // counted on days the calendar is not sure of (Obligation.Provisional)
	Policy     string
	FromMerged bool
}

func obligations(c *clue.Clue) []obl {
	out := make([]obl, len(c.Obligations))
	for i, o := range c.Obligations {
		party := o.Obligor
		if o.Kind == clue.ObligationProgress || o.Kind == clue.ObligationResult {
			party = o.Beneficiary
		}
		out[i] = obl{o.Kind, party, o.Due, o.Met, o.Provisional(), o.PolicyID, o.Origin != uuid.Nil}
	}
	return out
}

// requireSameObligations compares instants with Equal.
func requireSameObligations(t *testing.T, want []obl, c *clue.Clue) {
	t.Helper()
	got := obligations(c)
	require.Len(t, got, len(want))
	for i := range want {
		w, g := want[i], got[i]
		require.Truef(t, w.Due.Equal(g.Due), "obligation %d (%s): due %s, want %s", i, g.Kind, g.Due, w.Due)
		require.Truef(t, w.Met.Equal(g.Met), "obligation %d (%s): met %s, want %s", i, g.Kind, g.Met, w.Met)
		w.Due, g.Due, w.Met, g.Met = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		require.Equalf(t, w, g, "obligation %d", i)
	}
}

// recorder performs steps and keeps the events, checking that each replay
// rebuilds the clue.
type recorder struct {
	t      *testing.T
	p      clue.Policy
	events map[uuid.UUID][]clue.Event
}

func newRecorder(t *testing.T, p clue.Policy) *recorder {
	return &recorder{t: t, p: p, events: map[uuid.UUID][]clue.Event{}}
}

func (r *recorder) draft(cid uuid.UUID, cmd clue.Command) *clue.Clue {
	r.t.Helper()
	c, e, err := clue.Draft(context.Background(), cid, cmd, r.p)
	require.NoError(r.t, err)
	r.events[cid] = append(r.events[cid], e)
	return c
}

func (r *recorder) do(c *clue.Clue, cmd clue.Command) clue.Event {
	r.t.Helper()
	e, err := c.Do(context.Background(), cmd, r.p)
	require.NoError(r.t, err, "step %s", cmd.Step)
	r.events[c.ID] = append(r.events[c.ID], e)
	return e
}

func (r *recorder) merge(into, from *clue.Clue, cmd clue.Command) {
	r.t.Helper()
	e1, e2, err := clue.Merge(context.Background(), into, from, cmd, r.p)
	require.NoError(r.t, err)
	r.events[from.ID] = append(r.events[from.ID], e1)
	r.events[into.ID] = append(r.events[into.ID], e2)
}

// replays checks that the events of c, also after a JSON round trip, rebuild c.
func (r *recorder) replays(c *clue.Clue) {
	r.t.Helper()
	requireReplays(r.t, c, r.events[c.ID])
}
