package clue_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
)

func requireReplays(t *testing.T, c *clue.Clue, events []clue.Event) {
	t.Helper()
	want, err := json.Marshal(c)
	require.NoError(t, err)
	got, err := clue.Replay(events)
	require.NoError(t, err)
	js, err := json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(js), "replay")

	raw, err := json.Marshal(events)
	require.NoError(t, err)
	var back []clue.Event
	require.NoError(t, json.Unmarshal(raw, &back))
	got, err = clue.Replay(back)
	require.NoError(t, err)
	js, err = json.Marshal(got)
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(js), "replay after JSON")

	var decoded clue.Clue
	require.NoError(t, json.Unmarshal(want, &decoded))
	js, err = json.Marshal(&decoded)
	require.NoError(t, err)
	require.JSONEq(t, string(want), string(js), "clue JSON round trip")
}

// 郴州 (seed 002): an audit clue from the conclusive opinion to the
// evaluation, across the National Day holiday (10/1–10/7 off, 10/10 worked).
func TestStoryChenzhouAudit(t *testing.T) {
	audit := agency("郴州市审计局", clue.KindAudit)
	cw := agency("郴州市纪委监委", clue.KindDisciplineCommission)
	room := office("郴州市纪委监委第三监督检查室", clue.KindSupervisionOffice, cw)
	r := newRecorder(t, newSeedPolicy(t))

	c := r.draft(id("chenzhou-1"), clue.Command{
		Actor: actor(audit), At: at(2026, 9, 28, 15, 0), Reason: "经济责任审计发现问题线索",
		Package: &clue.Package{
			Number: "郴审移〔2026〕7号", Source: audit, Receiver: cw,
			Subjects: []clue.Person{{Name: "李某", Organization: "某县交通运输局", Position: "局长", Rank: "正科级", PartyMember: true, PublicOfficial: true}},
			Matter:   "违规决定工程款拨付", Domain: "工程建设",
			ConclusiveOpinionAt: at(2026, 9, 28, 10, 0),
		},
	})
	assert.Equal(t, clue.StateDrafted, c.State)

	// The package lacks evidence: it cannot be sent, and nothing changes.
	_, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: actor(audit), At: at(2026, 10, 12, 9, 0)}, r.p)
	var ge *clue.GuardError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, clue.GuardElementsComplete, ge.Guard)
	var ie *clue.IncompleteError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, []clue.Element{clue.ElementEvidence}, ie.Missing)
	assert.ErrorIs(t, err, clue.ErrIncomplete)
	assert.Equal(t, clue.StateDrafted, c.State)

	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(audit), At: at(2026, 10, 12, 9, 30),
		Package: &clue.Package{Evidence: []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:aa"}}}})
	// The receiver returns it: the amount is missing. Nothing submitted is lost.
	r.do(c, clue.Command{Step: clue.StepReturn, Actor: actor(cw), At: at(2026, 10, 13, 10, 0),
		Missing: []clue.Element{clue.ElementAmount}, Reason: "涉及金额未核定"})
	assert.Equal(t, clue.StateReturned, c.State)
	assert.Len(t, c.Evidence, 1)
	r.do(c, clue.Command{Step: clue.StepResubmit, Actor: actor(audit), At: at(2026, 10, 14, 9, 0),
		Package: &clue.Package{Amount: decimal.RequireFromString("1280000.00")}})
	assert.True(t, c.Amount.Equal(decimal.NewFromInt(1280000)))

	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(cw), At: at(2026, 10, 15, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepAssign, Actor: actor(cw), At: at(2026, 10, 16, 9, 0), Office: &room})
	r.do(c, clue.Command{Step: clue.StepDecide, Actor: actor(room), At: at(2026, 11, 10, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification, Opinion: "拟初步核实"}, Detail: "核查账户流水"})
	r.do(c, clue.Command{Step: clue.StepProgressFeedback, Actor: actor(room), At: at(2026, 12, 1, 9, 0),
		Feedback: &clue.Feedback{To: audit.ID, Summary: "初核进行中"}})
	r.do(c, clue.Command{Step: clue.StepConclude, Actor: actor(room), At: at(2026, 12, 10, 9, 0), Result: "给予党内警告处分"})
	r.do(c, clue.Command{Step: clue.StepResultFeedback, Actor: actor(cw), At: at(2026, 12, 15, 9, 0),
		Feedback: &clue.Feedback{To: audit.ID, Summary: "已办结，给予党内警告处分"}})
	assert.Equal(t, clue.StateFeedbackGiven, c.State)
	r.do(c, clue.Command{Step: clue.StepEvaluate, Actor: actor(audit), At: at(2026, 12, 22, 9, 0),
		Evaluation: &clue.Evaluation{Rating: clue.RatingSatisfied, UseOfResults: "纳入审计整改督查"}})
	assert.Equal(t, clue.StateEvaluated, c.State)

	requireSameObligations(t, []obl{
		// 9/28 + 10 working days: 9/29, 9/30, 10/8, 10/9, 10/10 (调休), 10/12–10/16.
		{Kind: clue.ObligationTransfer, Party: audit.ID, Due: endOf(2026, 10, 16), Met: at(2026, 10, 12, 9, 30), Policy: "chenzhou.audit_transfer"},
		// 10/15 + 1 month = 11/15, a Sunday: moved to Monday 11/16.
		{Kind: clue.ObligationDisposalOpinion, Party: cw.ID, Due: endOf(2026, 11, 16), Met: at(2026, 11, 10, 9, 0), Policy: "rule.disposal_opinion"},
		// 10/15 + 3 months = 2027-01-15, in 2027, reported data (6tail/lunar-go): flagged.
		{Kind: clue.ObligationProgress, Party: audit.ID, Due: endOf(2027, 1, 15), Met: at(2026, 12, 1, 9, 0), Unsure: true, Policy: "chenzhou.progress_feedback"},
		{Kind: clue.ObligationDisposal, Party: cw.ID, Due: endOf(2027, 1, 15), Met: at(2026, 12, 10, 9, 0), Unsure: true, Policy: "chenzhou.disposal"},
		// 12/10 + 15 working days.
		{Kind: clue.ObligationResult, Party: audit.ID, Due: endOf(2026, 12, 31), Met: at(2026, 12, 15, 9, 0), Policy: "test.result_feedback"},
		// 12/15 + 10 working days.
		{Kind: clue.ObligationEvaluation, Party: audit.ID, Due: endOf(2026, 12, 29), Met: at(2026, 12, 22, 9, 0), Policy: "test.evaluation"},
	}, c)
	for _, o := range c.Obligations {
		assert.Equal(t, "test-bundle-1", o.BundleVersion)
		assert.True(t, o.OnTime(), o.Kind)
	}
	assert.Len(t, c.Returns, 1)
	r.replays(c)
}

// 成都 (seed 002): an SOE clue that must go at once; across the Dragon Boat
// holiday (6/19–6/21).
func TestStoryChengduSOE(t *testing.T) {
	owner := agency("成都市国资委", clue.KindSOEOwner)
	group := agency("驻成都市国资委纪检监察组", clue.KindStationedGroup)
	r := newRecorder(t, newSeedPolicy(t))
	c := r.draft(id("chengdu-1"), clue.Command{
		Actor: actor(owner), At: at(2026, 6, 18, 17, 0),
		Package: &clue.Package{
			Source: owner, Receiver: group, Matter: "某市属国企副总经理涉嫌收受供应商财物", Domain: "国有企业",
			Subjects:     []clue.Person{{Name: "王某", Organization: "某市属国企", Position: "副总经理", PartyMember: true}},
			Flags:        clue.Flags{SuspectedDutyCrime: true, EvidenceLossRisk: true, Urgent: true},
			DiscoveredAt: at(2026, 6, 18, 16, 0),
			Evidence:     []clue.Evidence{{Name: "举报信", Kind: clue.EvidenceReport, Hash: "sha256:bb", Confidential: true}},
			Reporters:    []clue.Reporter{{Name: "赵某", Contact: "138****0000", Named: true}},
		},
	})
	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(owner), At: at(2026, 6, 22, 10, 0)})
	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(group), At: at(2026, 6, 22, 15, 0)})
	r.do(c, clue.Command{Step: clue.StepNotifyAcceptance, Actor: actor(group), At: at(2026, 6, 30, 9, 0)})
	requireSameObligations(t, []obl{
		// Next working day after Thursday 6/18 is Monday 6/22 (6/19–6/21 off).
		{Kind: clue.ObligationTransfer, Party: owner.ID, Due: endOf(2026, 6, 22), Met: at(2026, 6, 22, 10, 0), Policy: "chengdu.soe_at_once"},
		{Kind: clue.ObligationDisposalOpinion, Party: group.ID, Due: endOf(2026, 7, 22), Policy: "rule.disposal_opinion"},
		{Kind: clue.ObligationComplainant, Party: group.ID, Due: endOf(2026, 7, 13), Met: at(2026, 6, 30, 9, 0), Policy: "rule.complainant_notice"},
	}, c)
	r.replays(c)

	// The at-once duty follows the seed's conditions exactly.
	p := newSeedPolicy(t)
	for _, tc := range []struct {
		name  string
		flags clue.Flags
		once  bool
	}{
		{"discipline breach, no irregular investment", clue.Flags{SuspectedDisciplineBreach: true}, true},
		{"discipline breach within irregular investment", clue.Flags{SuspectedDisciplineBreach: true, IrregularBusinessInvestment: true}, false},
		{"duty crime", clue.Flags{SuspectedDutyCrime: true}, true},
		{"evidence loss", clue.Flags{EvidenceLossRisk: true}, true},
		{"collusion", clue.Flags{CollusionRisk: true}, true},
		{"irregular investment only", clue.Flags{IrregularBusinessInvestment: true}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := p.Assess(ctx, &clue.Clue{Source: owner, Flags: tc.flags, DiscoveredAt: at(2026, 6, 18, 16, 0)}, time.Time{})
			require.NoError(t, err)
			assert.Equal(t, tc.once, len(got.Obligations) == 1)
		})
	}
}

// 沭阳 (seed 001): a tour clue through the green channel, transferred during
// the tour instead of two months later at its end; disposed by letter inquiry
// across Qingming (4/4–4/6) and Labour Day (5/1–5/5 off, 5/9 worked).
func TestStoryShuyangGreenChannel(t *testing.T) {
	tour := agency("沭阳县委第二巡察组", clue.KindInspectionTour)
	cw := agency("沭阳县纪委监委", clue.KindDisciplineCommission)
	room := office("沭阳县纪委监委第一监督检查室", clue.KindSupervisionOffice, cw)
	r := newRecorder(t, newSeedPolicy(t))
	c := r.draft(id("shuyang-1"), clue.Command{
		Actor: actor(tour), At: at(2026, 3, 20, 18, 0),
		Package: &clue.Package{
			Source: tour, Receiver: cw, Matter: "村党支部书记优亲厚友分配补贴", Domain: "惠农补贴",
			Subjects:     []clue.Person{{Name: "孙某", Organization: "某村党支部", Position: "书记", PartyMember: true}},
			Evidence:     []clue.Evidence{{Name: "谈话笔录", Kind: clue.EvidenceRecord, Hash: "sha256:cc"}},
			Flags:        clue.Flags{GreenChannel: true},
			DiscoveredAt: at(2026, 3, 20, 11, 0), TourStart: at(2026, 3, 9, 9, 0), TourEnd: at(2026, 5, 8, 18, 0),
		},
	})
	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(tour), At: at(2026, 3, 24, 9, 0)})
	assert.True(t, c.TransferredAt.Before(c.TourEnd), "transferred during the tour")
	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(cw), At: at(2026, 3, 25, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepAssign, Actor: actor(cw), At: at(2026, 3, 26, 9, 0), Office: &room})
	r.do(c, clue.Command{Step: clue.StepDecide, Actor: actor(room), At: at(2026, 4, 1, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodInquiry, Form: clue.FormLetter}})
	r.do(c, clue.Command{Step: clue.StepDeliverLetter, Actor: actor(room), At: at(2026, 4, 3, 10, 0)})
	r.do(c, clue.Command{Step: clue.StepReceiveReply, Actor: actor(room), At: at(2026, 4, 20, 10, 0)})
	r.do(c, clue.Command{Step: clue.StepConclude, Actor: actor(room), At: at(2026, 4, 28, 10, 0), Result: "函询说明属实，予以了结"})
	r.do(c, clue.Command{Step: clue.StepResultFeedback, Actor: actor(cw), At: at(2026, 5, 6, 10, 0), Feedback: &clue.Feedback{To: tour.ID}})
	r.do(c, clue.Command{Step: clue.StepEvaluate, Actor: actor(tour), At: at(2026, 5, 12, 10, 0), Evaluation: &clue.Evaluation{Rating: clue.RatingSatisfied}})
	assert.Equal(t, clue.StateEvaluated, c.State)
	requireSameObligations(t, []obl{
		{Kind: clue.ObligationTransfer, Party: tour.ID, Due: endOf(2026, 3, 27), Met: at(2026, 3, 24, 9, 0), Policy: "shuyang.green_channel"},
		// 3/25 + 1 month = 4/25, a Saturday (no 调休): Monday 4/27.
		{Kind: clue.ObligationDisposalOpinion, Party: cw.ID, Due: endOf(2026, 4, 27), Met: at(2026, 4, 1, 9, 0), Policy: "rule.disposal_opinion"},
		{Kind: clue.ObligationProgress, Party: tour.ID, Due: endOf(2026, 6, 25), Met: at(2026, 5, 6, 10, 0), Policy: "chenzhou.progress_feedback"},
		{Kind: clue.ObligationDisposal, Party: cw.ID, Due: endOf(2026, 6, 25), Met: at(2026, 4, 28, 10, 0), Policy: "chenzhou.disposal"},
		// 4/3 + 15 working days, Qingming 4/4–4/6 off.
		{Kind: clue.ObligationLetterReply, Party: cw.ID, Due: endOf(2026, 4, 27), Met: at(2026, 4, 20, 10, 0), Policy: "rule.letter_reply"},
		// 4/28 + 15 working days: 4/29, 4/30, 5/6–5/9 (5/9 worked), 5/11–5/21.
		{Kind: clue.ObligationResult, Party: tour.ID, Due: endOf(2026, 5, 21), Met: at(2026, 5, 6, 10, 0), Policy: "test.result_feedback"},
		{Kind: clue.ObligationEvaluation, Party: tour.ID, Due: endOf(2026, 5, 19), Met: at(2026, 5, 12, 10, 0), Policy: "test.evaluation"},
	}, c)
	r.replays(c)
}

// A clue reported by audit and by an inspection tour, detected as a
// duplicate, merged, with feedback owed to both; the disposal runs late and
// the ledger asks for a reminder letter, then for supervised handling.
func TestStoryMergedAuditAndTour(t *testing.T) {
	audit := agency("某县审计局", clue.KindAudit)
	tour := agency("某县委第一巡察组", clue.KindInspectionTour)
	cw := agency("某县纪委监委", clue.KindDisciplineCommission)
	room := office("某县纪委监委第二监督检查室", clue.KindSupervisionOffice, cw)
	subject := clue.Person{Name: "张某", Organization: "某县交通运输局", Position: "局长", PartyMember: true}
	ev := func(h string) []clue.Evidence {
		return []clue.Evidence{{Name: h, Kind: clue.EvidenceDocument, Hash: "sha256:" + h}}
	}
	r := newRecorder(t, newSeedPolicy(t))

	x := r.draft(id("merge-x"), clue.Command{Actor: actor(audit), At: at(2026, 1, 6, 9, 0), Package: &clue.Package{
		Source: audit, Receiver: cw, Subjects: []clue.Person{subject}, Matter: "张某违规插手农村公路工程招投标", Domain: "工程建设",
		Amount: decimal.RequireFromString("3500000"), Evidence: ev("x"), ConclusiveOpinionAt: at(2026, 1, 5, 9, 0)}})
	y := r.draft(id("merge-y"), clue.Command{Actor: actor(tour), At: at(2026, 1, 20, 9, 0), Package: &clue.Package{
		Source: tour, Receiver: cw, Subjects: []clue.Person{subject}, Matter: "群众反映张某插手农村公路工程招投标并收受好处", Domain: "交通",
		Evidence: ev("y"), Flags: clue.Flags{GreenChannel: true}, DiscoveredAt: at(2026, 1, 20, 9, 0),
		TourStart: at(2026, 1, 5, 9, 0), TourEnd: at(2026, 3, 6, 18, 0)}})
	r.do(x, clue.Command{Step: clue.StepTransfer, Actor: actor(audit), At: at(2026, 1, 12, 9, 0)})
	r.do(x, clue.Command{Step: clue.StepRegister, Actor: actor(cw), At: at(2026, 1, 13, 9, 0)})
	r.do(y, clue.Command{Step: clue.StepTransfer, Actor: actor(tour), At: at(2026, 1, 22, 9, 0)})
	r.do(y, clue.Command{Step: clue.StepRegister, Actor: actor(cw), At: at(2026, 1, 26, 9, 0)})

	dups := clue.Duplicates(clue.Each([]clue.Clue{*x, *y}), 0)
	require.Len(t, dups, 1)
	assert.Equal(t, x.ID, dups[0].A)
	assert.Equal(t, []string{"张某"}, dups[0].Subjects)
	assert.False(t, dups[0].SameDomain)
	assert.Greater(t, dups[0].Overlap, clue.DefaultOverlap)

	r.merge(x, y, clue.Command{Actor: actor(cw), At: at(2026, 2, 2, 9, 0), Reason: "同一人同一事项，并案处理"})
	assert.Equal(t, clue.StateMerged, y.State)
	assert.Equal(t, x.ID, y.MergedInto)
	assert.Equal(t, []uuid.UUID{audit.ID, tour.ID}, x.Senders())
	assert.Len(t, x.Evidence, 2)

	r.do(x, clue.Command{Step: clue.StepAssign, Actor: actor(cw), At: at(2026, 2, 3, 9, 0), Office: &room})
	r.do(x, clue.Command{Step: clue.StepDecide, Actor: actor(room), At: at(2026, 2, 10, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodPreliminaryVerification}})
	r.do(x, clue.Command{Step: clue.StepProgressFeedback, Actor: actor(room), At: at(2026, 4, 10, 9, 0), Feedback: &clue.Feedback{To: audit.ID}})

	// 4/14: the audit clue's disposal (due 4/13) is overdue: a reminder letter.
	rem := clue.RemindersDue(clue.Each([]clue.Clue{*x, *y}), at(2026, 4, 14, 9, 0))
	require.Len(t, rem, 1)
	assert.Equal(t, clue.ReminderLetter, rem[0].Level)
	assert.True(t, rem[0].Obligation.Due.Equal(endOf(2026, 4, 13)))
	r.do(x, clue.Command{Step: clue.StepRemind, Actor: actor(cw), At: at(2026, 4, 14, 10, 0),
		Reminder: &clue.Reminder{Kind: clue.ObligationDisposal, Level: clue.ReminderLetter, Document: "工作提示函〔2026〕3号"}})
	// 4/28: both disposal duties are overdue; one reminder already went out: escalate.
	rem = clue.RemindersDue(clue.Each([]clue.Clue{*x, *y}), at(2026, 4, 28, 9, 0))
	require.Len(t, rem, 2)
	for _, m := range rem {
		assert.Equal(t, clue.SupervisedHandling, m.Level)
		assert.Equal(t, 1, m.Sent)
	}

	r.do(x, clue.Command{Step: clue.StepProgressFeedback, Actor: actor(room), At: at(2026, 4, 28, 9, 0), Feedback: &clue.Feedback{To: tour.ID}})
	r.do(x, clue.Command{Step: clue.StepConclude, Actor: actor(room), At: at(2026, 5, 6, 9, 0), Result: "立案审查调查"})
	r.do(x, clue.Command{Step: clue.StepResultFeedback, Actor: actor(cw), At: at(2026, 5, 8, 9, 0), Feedback: &clue.Feedback{To: audit.ID}})
	assert.Equal(t, clue.StateDisposed, x.State, "the tour is still owed its result feedback")
	r.do(x, clue.Command{Step: clue.StepResultFeedback, Actor: actor(cw), At: at(2026, 5, 11, 9, 0), Feedback: &clue.Feedback{To: tour.ID}})
	assert.Equal(t, clue.StateFeedbackGiven, x.State)
	r.do(x, clue.Command{Step: clue.StepEvaluate, Actor: actor(audit), At: at(2026, 5, 13, 9, 0), Evaluation: &clue.Evaluation{Rating: clue.RatingSatisfied}})
	assert.Equal(t, clue.StateFeedbackGiven, x.State, "the tour has not evaluated yet")
	r.do(x, clue.Command{Step: clue.StepEvaluate, Actor: actor(tour), At: at(2026, 5, 14, 9, 0), Evaluation: &clue.Evaluation{Rating: clue.RatingPartly}})
	assert.Equal(t, clue.StateEvaluated, x.State)

	requireSameObligations(t, []obl{
		// x's own: opinion 1/5 + 10 working days; registered 1/13.
		{Kind: clue.ObligationTransfer, Party: audit.ID, Due: endOf(2026, 1, 19), Met: at(2026, 1, 12, 9, 0), Policy: "chenzhou.audit_transfer"},
		{Kind: clue.ObligationDisposalOpinion, Party: cw.ID, Due: endOf(2026, 2, 13), Met: at(2026, 2, 10, 9, 0), Policy: "rule.disposal_opinion"},
		{Kind: clue.ObligationProgress, Party: audit.ID, Due: endOf(2026, 4, 13), Met: at(2026, 4, 10, 9, 0), Policy: "chenzhou.progress_feedback"},
		{Kind: clue.ObligationDisposal, Party: cw.ID, Due: endOf(2026, 4, 13), Met: at(2026, 5, 6, 9, 0), Policy: "chenzhou.disposal"},
		// y's, kept by the merge with their own deadlines: discovered 1/20, registered 1/26.
		{Kind: clue.ObligationTransfer, Party: tour.ID, Due: endOf(2026, 1, 27), Met: at(2026, 1, 22, 9, 0), Policy: "shuyang.green_channel", FromMerged: true},
		{Kind: clue.ObligationDisposalOpinion, Party: cw.ID, Due: endOf(2026, 2, 26), Met: at(2026, 2, 10, 9, 0), Policy: "rule.disposal_opinion", FromMerged: true},
		// 1/26 + 3 months = 4/26, a Sunday: Monday 4/27.
		{Kind: clue.ObligationProgress, Party: tour.ID, Due: endOf(2026, 4, 27), Met: at(2026, 4, 28, 9, 0), Policy: "chenzhou.progress_feedback", FromMerged: true},
		{Kind: clue.ObligationDisposal, Party: cw.ID, Due: endOf(2026, 4, 27), Met: at(2026, 5, 6, 9, 0), Policy: "chenzhou.disposal", FromMerged: true},
		// Result feedback owed to both senders: 5/6 + 15 working days (5/9 worked).
		{Kind: clue.ObligationResult, Party: audit.ID, Due: endOf(2026, 5, 26), Met: at(2026, 5, 8, 9, 0), Policy: "test.result_feedback"},
		{Kind: clue.ObligationResult, Party: tour.ID, Due: endOf(2026, 5, 26), Met: at(2026, 5, 11, 9, 0), Policy: "test.result_feedback"},
		// Both evaluate: 5/11 + 10 working days.
		{Kind: clue.ObligationEvaluation, Party: audit.ID, Due: endOf(2026, 5, 25), Met: at(2026, 5, 13, 9, 0), Policy: "test.evaluation"},
		{Kind: clue.ObligationEvaluation, Party: tour.ID, Due: endOf(2026, 5, 25), Met: at(2026, 5, 14, 9, 0), Policy: "test.evaluation"},
	}, x)
	r.replays(x)
	r.replays(y)

	// The quarterly review of Q2 and the half-yearly dispatch of H1 are one call.
	cal := newSeedPolicy(t).cal
	q2, err := clue.Quarter(2026, 2)
	require.NoError(t, err)
	rep, err := clue.Review(clue.Each([]clue.Clue{*x, *y}), q2, at(2026, 6, 30, 18, 0), 5, cal)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Concluded)
	assert.Equal(t, 0, rep.Received)
	assert.Equal(t, 8, rep.Duties.Due) // progress ×2, disposal ×2, result ×2, evaluation ×2
	assert.Equal(t, 5, rep.Duties.OnTime)
	assert.Equal(t, 3, rep.Duties.Late)
	assert.Equal(t, "0.625", rep.Duties.OnTimeRate.String())
	assert.Equal(t, "0", rep.ByKind[clue.ObligationDisposal].OnTimeRate.String())
	assert.Empty(t, rep.Overdue)
	h1, err := clue.HalfYear(2026, 1)
	require.NoError(t, err)
	rep, err = clue.Review(clue.Each([]clue.Clue{*x, *y}), h1, at(2026, 6, 30, 18, 0), 5, cal)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Received, "the merged clue's registration counts under the survivor's history only")
	assert.Equal(t, 1, rep.ByMethod[clue.MethodPreliminaryVerification])
	assert.Equal(t, 12, rep.Duties.Due)
}

// Reverse transfer (seed 004, 泰州): the commission sends a matter to the
// finance bureau for an administrative penalty, with the same loop.
func TestStoryReverseTransfer(t *testing.T) {
	cw := agency("泰州市纪委监委", clue.KindDisciplineCommission)
	fin := agency("泰州市财政局", clue.KindFinance)
	div := office("泰州市财政局监督检查处", clue.KindFinance, fin)
	r := newRecorder(t, nil)
	c := r.draft(id("reverse-1"), clue.Command{Actor: actor(cw), At: at(2026, 7, 1, 9, 0), Package: &clue.Package{
		Source: cw, Receiver: fin, Subjects: []clue.Person{{Name: "某会计师事务所"}}, Matter: "出具不实审计报告", Domain: "财会监督",
		Evidence: ev1()}})
	r.do(c, clue.Command{Step: clue.StepTransfer, Actor: actor(cw), At: at(2026, 7, 2, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepRegister, Actor: actor(fin), At: at(2026, 7, 3, 9, 0)})
	r.do(c, clue.Command{Step: clue.StepAssign, Actor: actor(fin), At: at(2026, 7, 3, 10, 0), Office: &div})
	_, err := c.Do(ctx, clue.Command{Step: clue.StepDecide, Actor: actor(div), At: at(2026, 7, 6, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodFileCase}}, nil)
	var ge *clue.GuardError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, clue.GuardDisposalValid, ge.Guard)
	r.do(c, clue.Command{Step: clue.StepDecide, Actor: actor(div), At: at(2026, 7, 6, 9, 0),
		Disposal: &clue.Disposal{Method: clue.MethodAdministrativePenalty}})
	r.do(c, clue.Command{Step: clue.StepConclude, Actor: actor(div), At: at(2026, 8, 6, 9, 0), Result: "罚款20万元"})
	r.do(c, clue.Command{Step: clue.StepResultFeedback, Actor: actor(fin), At: at(2026, 8, 7, 9, 0), Feedback: &clue.Feedback{To: cw.ID}})
	r.do(c, clue.Command{Step: clue.StepEvaluate, Actor: actor(cw), At: at(2026, 8, 10, 9, 0), Evaluation: &clue.Evaluation{Rating: clue.RatingSatisfied}})
	assert.Equal(t, clue.StateEvaluated, c.State)
	assert.Empty(t, c.Obligations)
	r.replays(c)
}

func ev1() []clue.Evidence {
	return []clue.Evidence{{Name: "材料", Kind: clue.EvidenceDocument, Hash: "sha256:01"}}
}

var ctx = context.Background()
