package rectification_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rectification"
	"github.com/guantong/guantong/rules/workday"
)

// A recommendation with one problem, from listing to sign-off; a sign-off by
// the person responsible for the rectification is refused.
func Example() {
	cst := workday.Location()
	cw := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000000a"), Kind: clue.KindDisciplineCommission, Name: "市纪委监委"}
	unit := clue.Agency{ID: uuid.MustParse("00000000-0000-0000-0000-00000000000b"), Kind: clue.KindLineDepartment, Name: "市医保局"}
	owner := clue.Person{ID: uuid.MustParse("00000000-0000-0000-0000-000000000001"), Name: "张某"}
	checker := clue.Person{ID: uuid.MustParse("00000000-0000-0000-0000-000000000002"), Name: "王某"}
	problem := uuid.MustParse("00000000-0000-0000-0000-000000000101")
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, cst) }

	ctx := context.Background()
	r, _, err := rectification.Issue(ctx, uuid.MustParse("00000000-0000-0000-0000-000000000100"), rectification.Command{
		Actor: clue.Actor{Agency: cw.ID}, At: day(3, 2, 10),
		Recommendation: &rectification.Recommendation{
			Kind: rectification.KindDisciplineInspection, Issuer: cw, Recipient: unit,
			IssuedAt: day(3, 2, 10), Deadline: workday.Date{Year: 2026, Month: 5, Day: 29}.End(),
		},
	}, nil)
	if err != nil {
		panic(err)
	}
	steps := []rectification.Command{
		rectification.OpenProblem(clue.Actor{Agency: cw.ID}, day(3, 2, 11), rectification.Problem{
			ID: problem, Description: "医保基金违规结算", Field: "医保基金", Severity: rectification.SeveritySerious,
			Source: rectification.Source{Kind: rectification.SourceSupervision},
		}),
		rectification.AssignTask(clue.Actor{Agency: unit.ID}, day(3, 3, 9), problem, rectification.Task{
			ID: uuid.MustParse("00000000-0000-0000-0000-000000000201"), Measure: "追回违规资金并完善审核", ResponsibleUnit: unit, ResponsiblePerson: owner,
		}),
		{Step: rectification.StepStart, Actor: clue.Actor{Agency: unit.ID}, At: day(3, 3, 10), ProblemID: problem},
		{Step: rectification.StepCompleteTask, Actor: clue.Actor{Agency: unit.ID}, At: day(4, 20, 9), ProblemID: problem, TaskID: uuid.MustParse("00000000-0000-0000-0000-000000000201")},
		{Step: rectification.StepAddEvidence, Actor: clue.Actor{Agency: unit.ID}, At: day(4, 20, 9), ProblemID: problem,
			Evidence: &rectification.Evidence{Summary: "追回资金缴款凭证", Hash: "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", By: owner}},
		{Step: rectification.StepClaim, Actor: clue.Actor{Agency: unit.ID}, At: day(4, 20, 10), ProblemID: problem},
	}
	for _, cmd := range steps {
		if _, err := r.Do(ctx, cmd, nil); err != nil {
			panic(err)
		}
	}
	_, err = r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: clue.Actor{Agency: cw.ID}, At: day(4, 22, 10), ProblemID: problem, Verifier: &owner}, nil)
	var ge *rectification.GuardError
	fmt.Println(errors.As(err, &ge), ge.Guard)

	e, err := r.Do(ctx, rectification.Command{Step: rectification.StepSignOff, Actor: clue.Actor{Agency: cw.ID}, At: day(4, 22, 10), ProblemID: problem, Verifier: &checker}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(e.From, "→", e.To)
	m := rectification.Measure([]*rectification.Rectification{r}, day(6, 1, 9))
	fmt.Println("完成率", m.Completion(), "按期", m.OnTime())
	// Output:
	// true verifier_independent
	// claimed_rectified → signed_off
	// 完成率 100.00% 按期 100.00%
}

func ExampleRate_Percent() {
	r := rectification.Rate{Num: 45, Den: 48} // seed 001, 宁德: 45 of 48 problems rectified
	p, _ := r.Percent()
	fmt.Println(p.StringFixed(2), r)
	fmt.Println(rectification.Rate{Num: 2, Den: 3})
	// Output:
	// 93.75 93.75%
	// 66.67%
}
