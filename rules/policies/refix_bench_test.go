package policies_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// BenchmarkRefix100k re-fixes, in one RefixAll call, 100,000 clues registered between
// 2026-10-01 and 2026-12-31 on a calendar where 2027 is provisional, once the 2027 notice
// is loaded: each clue has its 3-month progress and disposal duties in 2027 to count again
// on the reference bundle.
func BenchmarkRefix100k(b *testing.B) {
	prov, err := workday.New(workday.WithoutReportedYears(), workday.WithProvisionalYears())
	if err != nil {
		b.Fatal(err)
	}
	old, err := policies.Bundle(prov)
	if err != nil {
		b.Fatal(err)
	}
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	now, err := policies.Bundle(cal)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	audit := clue.Agency{ID: uuid.New(), Kind: clue.KindAudit}
	cw := clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission}
	// One template clue a day, registered at 10:00.
	var templates []*clue.Clue
	for d := cst(2026, 10, 1, 10); d.Before(cst(2027, 1, 1, 0)); d = d.AddDate(0, 0, 1) {
		pkg := &clue.Package{Source: audit, Receiver: cw, Subjects: []clue.Person{{Name: "某"}}, Matter: "m",
			ConclusiveOpinionAt: d.Add(-72 * time.Hour),
			Evidence:            []clue.Evidence{{Name: "审计报告", Kind: clue.EvidenceAuditWork, Hash: "sha256:1"}}}
		c, _, err := clue.Draft(ctx, uuid.New(), clue.Command{Actor: clue.Actor{Agency: audit.ID}, At: d.Add(-48 * time.Hour), Package: pkg}, domain.Clue(old))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Do(ctx, clue.Command{Step: clue.StepTransfer, Actor: clue.Actor{Agency: audit.ID}, At: d.Add(-24 * time.Hour)}, domain.Clue(old)); err != nil {
			b.Fatal(err)
		}
		if _, err := c.Do(ctx, clue.Command{Step: clue.StepRegister, Actor: clue.Actor{Agency: cw.ID}, At: d}, domain.Clue(old)); err != nil {
			b.Fatal(err)
		}
		templates = append(templates, c)
	}
	const n = 100_000
	fresh := func() []clue.Clue {
		out := make([]clue.Clue, n)
		for i := range out {
			out[i] = *templates[i%len(templates)].Clone()
			out[i].ID = uuid.UUID{byte(i >> 16), byte(i >> 8), byte(i), 1}
		}
		return out
	}
	policy := domain.Clue(now)
	cmd := clue.Command{Actor: clue.Actor{Agency: cw.ID}, At: cst(2027, 1, 5, 9)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		clues := fresh()
		b.StartTimer()
		events, err := clue.RefixAll(ctx, clue.Each(clues), cmd, policy, cal)
		if err != nil {
			b.Fatal(err)
		}
		// Clues registered in Q4 with a 3-month due in 2027; those whose 1-month due also
		// falls in 2027 (registered from 12-01) have three.
		if len(events) < n*60/92 {
			b.Fatalf("%d events", len(events))
		}
	}
}
