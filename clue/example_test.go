package clue_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/workday"
)

// A static policy: audit transfers within 10 working days of the conclusive
// opinion (seed 002, 郴州).
func Example() {
	cal, _ := workday.New()
	policy := clue.PolicyFunc(func(_ context.Context, c *clue.Clue, _ time.Time) (clue.Assessment, error) {
		if c.Source.Kind != clue.KindAudit || c.ConclusiveOpinionAt.IsZero() {
			return clue.Assessment{}, nil
		}
		r, err := cal.AddWorkdays(c.ConclusiveOpinionAt, 10)
		return clue.Assessment{Obligations: []clue.Obligation{{Kind: clue.ObligationTransfer, Due: r.Time,
			PolicyID: "chenzhou.audit_transfer", BundleVersion: "v1", Calendar: cal.Version(), Certainty: r.Certainty}}}, err
	})
	cst := workday.Location()
	audit := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000000a"), Kind: clue.KindAudit, Name: "郴州市审计局"}
	cw := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000000c"), Kind: clue.KindDisciplineCommission, Name: "郴州市纪委监委"}

	c, _, err := clue.Draft(context.Background(), uuid.MustParse("00000000-0000-0000-0000-000000000001"), clue.Command{
		Actor: clue.Actor{Agency: audit.ID}, At: time.Date(2026, 9, 28, 15, 0, 0, 0, cst),
		Package: &clue.Package{
			Source: audit, Receiver: cw, Matter: "违规决定工程款拨付",
			Subjects:            []clue.Person{{Name: "李某"}},
			Evidence:            []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:aa"}},
			ConclusiveOpinionAt: time.Date(2026, 9, 28, 10, 0, 0, 0, cst),
		},
	}, policy)
	if err != nil {
		fmt.Println(err)
		return
	}
	o := c.Obligations[0]
	fmt.Println(c.State, o.Kind, "due", o.Due.Format(time.DateOnly))

	e, err := c.Do(context.Background(), clue.Command{
		Step: clue.StepTransfer, Actor: clue.Actor{Agency: audit.ID}, At: time.Date(2026, 10, 12, 9, 0, 0, 0, cst),
	}, policy)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Seq, e.From, "->", e.To, "on time:", c.Obligations[0].OnTime())

	_, err = c.Do(context.Background(), clue.Command{
		Step: clue.StepEvaluate, Actor: clue.Actor{Agency: audit.ID}, At: time.Date(2026, 10, 13, 9, 0, 0, 0, cst),
	}, policy)
	fmt.Println(err)
	// Output:
	// drafted transfer due 2026-10-16
	// 2 drafted -> transferred on time: true
	// clue: step "evaluate" is not allowed in state "transferred"
}

func ExampleTransitions() {
	for _, t := range clue.Transitions()[:4] {
		fmt.Println(t)
	}
	// Output:
	// (none) --draft[package_valid actor_is_source]--> drafted
	// drafted --transfer[actor_is_source supplement_fits elements_complete]--> transferred meets transfer
	// transferred --return[actor_is_receiver missing_listed]--> returned
	// returned --resubmit[actor_is_source supplement_fits elements_complete]--> transferred meets transfer
}

func ExampleClue_View() {
	sender := uuid.MustParse("00000000-0000-0000-0000-00000000000a")
	receiver := uuid.MustParse("00000000-0000-0000-0000-00000000000c")
	c := clue.Clue{
		State:  clue.StateUnderDisposal,
		Source: clue.Agency{ID: sender, Kind: clue.KindSOEOwner}, Receiver: clue.Agency{ID: receiver, Kind: clue.KindStationedGroup},
		Reporters:           []clue.Reporter{{Name: "赵某", Named: true}},
		InvestigationDetail: "调取银行流水",
	}
	grants := clue.Grants{InvestigationDetail: []clue.Role{"case_handler"}}
	for _, v := range []clue.Actor{{Agency: sender, Role: "case_handler"}, {Agency: receiver, Role: "case_handler"}} {
		view := c.View(v, grants)
		fmt.Println(view.State, len(view.Reporters), view.InvestigationDetail != "", view.Redactions)
	}
	// Output:
	// under_disposal 0 false [reporters investigation_detail]
	// under_disposal 0 true [reporters]
}

func ExampleReview() {
	cal, _ := workday.New()
	cst := workday.Location()
	c := clue.Clue{
		ID: uuid.MustParse("00000000-0000-0000-0000-000000000001"), Number: "郴纪线〔2026〕1号", State: clue.StateUnderDisposal,
		Obligations: []clue.Obligation{
			{Kind: clue.ObligationDisposal, Due: time.Date(2026, 9, 30, 23, 59, 59, 0, cst), PolicyID: "chenzhou.disposal"},
			{Kind: clue.ObligationProgress, Due: time.Date(2026, 10, 12, 23, 59, 59, 0, cst), PolicyID: "chenzhou.progress_feedback"},
		},
	}
	q3, _ := clue.Quarter(2026, 3)
	r, err := clue.Review(clue.Each([]clue.Clue{c}), q3, time.Date(2026, 10, 9, 9, 0, 0, 0, cst), 2, cal)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("overdue:", len(r.Overdue), "due soon:", len(r.DueSoon), "on-time rate:", r.Duties.OnTimeRate)
	fmt.Println(r.Reminders[0].Number, r.Reminders[0].Level)
	// Output:
	// overdue: 1 due soon: 1 on-time rate: 0
	// 郴纪线〔2026〕1号 reminder_letter
}
