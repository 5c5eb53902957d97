package policies_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

func sid(name string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)) }

var (
	commission = sanction.Agency{ID: sid("commission"), Kind: sanction.AgencyDisciplineCommission, Name: "市纪委监委"}
	owner      = sanction.Agency{ID: sid("owner"), Kind: sanction.AgencySOEOwner, Name: "市国资委"}
	appointing = sanction.Agency{ID: sid("appointing"), Kind: sanction.AgencyAppointingBody, Name: "市交通局"}
	zhang      = sanction.Person{ID: sid("zhang"), Name: "张某", PartyMember: true, PartyPost: true}
)

func proposal(name string, a sanction.Agency, p sanction.Person, matter string, m sanction.Measure) sanction.Proposal {
	return sanction.Proposal{ID: sid(name), Agency: a, Person: p, Matter: sid(matter), Measure: m}
}

func measure(k sanction.Kind) sanction.Measure { return sanction.Measure{Kind: k} }

func percent(v string) sanction.Measure {
	return sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionPercent, Value: decimal.RequireFromString(v)}}
}

var decidedAt = time.Date(2026, 3, 10, 9, 0, 0, 0, workday.Location())

func referenceSanctionPolicy(t testing.TB) sanction.Policy {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	return domain.Sanction(b)
}

// everyMeasure returns one proposal per measure kind of every family, plus the deduction
// shapes the pay-deduction rule distinguishes.
func everyMeasure() []sanction.Proposal {
	var out []sanction.Proposal
	for _, f := range []sanction.Family{sanction.FamilyParty, sanction.FamilyGovernment, sanction.FamilyEnterprise, sanction.FamilyOrganizational, sanction.FamilyAccountability} {
		for _, k := range sanction.Kinds(f) {
			m := measure(k)
			switch k {
			case sanction.KindPartyProbation:
				m.Months = 24
			case sanction.KindMarketBan:
				m.Months = 36
			case sanction.KindPayDeduction:
				m = percent("30")
			}
			out = append(out, proposal(string(k), commission, zhang, "clue-1", m))
		}
	}
	ban := measure(sanction.KindMarketBan)
	ban.Permanent = true
	out = append(out, proposal("ban-permanent", owner, zhang, "clue-1", ban))
	withBase := sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionAmount, Value: decimal.RequireFromString("120000"), Base: decimal.RequireFromString("360000")}}
	out = append(out, proposal("amount-base", owner, zhang, "clue-1", withBase))
	noBase := sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionAmount, Value: decimal.RequireFromString("80000")}}
	out = append(out, proposal("amount", owner, zhang, "clue-2", noBase))
	return out
}

// The reference CEL policies are the national rules: for every measure kind they give the
// same group key, class, severity and deduction weight as the Go functions of national law.
func TestSanctionReferencePoliciesEqualNational(t *testing.T) {
	pol := referenceSanctionPolicy(t)
	for _, p := range everyMeasure() {
		t.Run(string(p.Measure.Kind), func(t *testing.T) {
			got, err := pol.Assess(context.Background(), &p, decidedAt)
			require.NoError(t, err)
			key, _ := sanction.NationalGroupKey(p)
			class, _ := sanction.NationalClass(p)
			sev, _ := sanction.NationalSeverity(p)
			assert.Equal(t, key, got.GroupKey)
			assert.Equal(t, class, got.Class)
			assert.Equal(t, sev, got.Severity)
			if p.Measure.Kind == sanction.KindPayDeduction {
				w, _ := sanction.NationalDeductionWeight(p)
				assert.Equal(t, w.Unit, got.Weight.Unit)
				assert.True(t, w.Value.Equal(got.Weight.Value), "weight %s, national %s", got.Weight.Value, w.Value)
			}
		})
	}
}

// 成都 (seed 002), resolved with the reference CEL policies: the commission proposes 记过
// and a 50% pay deduction, the SOE owner 诫勉 and a 30% pay deduction for the same act →
// one 记过, one 诫勉, one 50% deduction; the 30% stays in the result, subsumed, with the
// seed cited. The result is identical to resolution under the Go national policy.
func TestSanctionChengduOnReferencePolicies(t *testing.T) {
	in := []sanction.Proposal{
		proposal("c-demerit", commission, zhang, "clue-1", measure(sanction.KindGovernmentDemerit)),
		proposal("c-pay", commission, zhang, "clue-1", percent("50")),
		proposal("o-admonish", owner, zhang, "clue-1", measure(sanction.KindAdmonishment)),
		proposal("o-pay", owner, zhang, "clue-1", percent("30")),
	}
	cel, err := sanction.New(sanction.WithPolicy(referenceSanctionPolicy(t))).Resolve(context.Background(), in, decidedAt)
	require.NoError(t, err)
	national, err := sanction.Resolve(in, decidedAt)
	require.NoError(t, err)
	assertSameJSON(t, national, cel)

	require.Len(t, cel.Persons, 1)
	pr := cel.Persons[0]
	var applied []string
	for _, a := range pr.Applied {
		label := string(a.Measure.Kind)
		if a.Measure.Kind == sanction.KindPayDeduction {
			label += " " + a.Measure.Deduction.Value.String() + "%"
		}
		applied = append(applied, label)
	}
	assert.Equal(t, []string{"government_demerit", "org_admonishment", "accountability_pay_deduction 50%"}, applied)
	require.Len(t, pr.Subsumed, 1)
	s := pr.Subsumed[0]
	assert.Equal(t, sid("o-pay"), s.Proposal)
	assert.Equal(t, sanction.Reason("heavier_prevails"), s.Reason)
	assert.Equal(t, "002", s.Citation.Seed)
	assert.Contains(t, s.Explanation, "从重但不重复")
	// 记过: 12 months from 10 March 2026 (政务处分法 art. 8).
	assert.Equal(t, "2027-03-10", pr.Applied[0].Period.End.String())
}

// Party escalation, government absorption and the art. 16 ban come out the same under the
// CEL policies as under national law, over a large mixed case.
func TestSanctionReferencePoliciesResolveLikeNational(t *testing.T) {
	in := sanctionProposals(700)
	cel, err := sanction.New(sanction.WithPolicy(referenceSanctionPolicy(t))).Resolve(context.Background(), in, decidedAt)
	require.NoError(t, err)
	national, err := sanction.Resolve(in, decidedAt)
	require.NoError(t, err)
	assertSameJSON(t, national, cel)

	// Two violations each worth 严重警告 → 撤销党内职务 (纪律处分条例 art. 24).
	two := []sanction.Proposal{
		proposal("p1", commission, zhang, "clue-1", measure(sanction.KindPartySeriousWarning)),
		proposal("p2", commission, zhang, "clue-2", measure(sanction.KindPartySeriousWarning)),
	}
	res, err := sanction.New(sanction.WithPolicy(referenceSanctionPolicy(t))).Resolve(context.Background(), two, decidedAt)
	require.NoError(t, err)
	require.Len(t, res.Persons[0].Applied, 1)
	assert.Equal(t, sanction.KindPartyRemovalFromPost, res.Persons[0].Applied[0].Measure.Kind)
}

func assertSameJSON(t *testing.T, want, got sanction.Result) {
	t.Helper()
	a, err := json.Marshal(want)
	require.NoError(t, err)
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, string(a), string(b))
}

func sanctionProposals(n int) []sanction.Proposal {
	gov := sanction.Kinds(sanction.FamilyGovernment)
	org := sanction.Kinds(sanction.FamilyOrganizational)
	partyKinds := []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartySeriousWarning}
	out := make([]sanction.Proposal, 0, n)
	for i := 0; len(out) < n; i++ {
		p := sanction.Person{ID: sid(fmt.Sprint("person", i/5)), PartyMember: true, PartyPost: (i/5)%2 == 0}
		matter := fmt.Sprint("matter", i)
		ms := []sanction.Measure{
			measure(gov[i%5]), measure(org[i%len(org)]), percent(fmt.Sprint(10 + i%50)),
			measure(partyKinds[i%2]), percent(fmt.Sprint(20 + i%30)), measure(org[(i+3)%len(org)]),
			measure(gov[(i+1)%5]),
		}
		agencies := []sanction.Agency{commission, commission, commission, commission, owner, owner, appointing}
		for j, m := range ms {
			if len(out) == n {
				break
			}
			out = append(out, proposal(fmt.Sprint("b", i, "-", j), agencies[j], p, matter, m))
		}
	}
	return out
}

// withFiles returns the reference files with some replaced, added (non-empty) or removed (empty).
func withFiles(t *testing.T, change map[string]string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(policies.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(policies.FS(), p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	}))
	for p, data := range change {
		if data == "" {
			delete(m, p)
			continue
		}
		m[p] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

func bundleFrom(t *testing.T, fsys fs.FS) *rules.Bundle {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.Subjects()...))
	require.NoError(t, err)
	ps, err := rules.LoadFS(fsys, ".")
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	return b
}

// A jurisdiction changes the rules without code: grouping by case (案件) instead of by
// matter makes a 记过 and a 记大过 proposed for two acts of one case one group, where the
// heavier prevails and the lighter is subsumed as the same act, instead of two violations
// absorbed under 政务处分法 art. 15.
func TestSanctionJurisdictionChangesGrouping(t *testing.T) {
	national, err := fs.ReadFile(policies.FS(), "sanction/national.yaml")
	require.NoError(t, err)
	byCase := strings.Replace(string(national), "expression: uuid(sanction.matter_id)", "expression: uuid(sanction.case_id)", 1)
	require.NotEqual(t, string(national), byCase)
	b := bundleFrom(t, withFiles(t, map[string]string{"sanction/national.yaml": byCase}))

	caseID := sid("case-1")
	a := proposal("a", commission, zhang, "act-1", measure(sanction.KindGovernmentDemerit))
	c := proposal("c", commission, zhang, "act-2", measure(sanction.KindGovernmentMajorDemerit))
	a.Case, c.Case = caseID, caseID
	in := []sanction.Proposal{a, c}

	local, err := sanction.New(sanction.WithPolicy(domain.Sanction(b))).Resolve(context.Background(), in, decidedAt)
	require.NoError(t, err)
	nat, err := sanction.Resolve(in, decidedAt)
	require.NoError(t, err)
	require.Len(t, local.Persons[0].Applied, 1)
	require.Len(t, nat.Persons[0].Applied, 1)
	assert.Equal(t, sanction.KindGovernmentMajorDemerit, local.Persons[0].Applied[0].Measure.Kind)
	assert.Equal(t, sanction.KindGovernmentMajorDemerit, nat.Persons[0].Applied[0].Measure.Kind)
	// Under the local rule the 记过 is subsumed as the same act (从重但不重复); under national
	// law it is a second violation absorbed by the heaviest kind (政务处分法 art. 15).
	require.Len(t, local.Persons[0].Subsumed, 1)
	require.Len(t, nat.Persons[0].Subsumed, 1)
	assert.Equal(t, sid("a"), local.Persons[0].Subsumed[0].Proposal)
	assert.Equal(t, sid("a"), nat.Persons[0].Subsumed[0].Proposal)
	assert.Equal(t, sanction.Reason("heavier_prevails"), local.Persons[0].Subsumed[0].Reason)
	assert.Equal(t, sanction.Reason("absorbed"), nat.Persons[0].Subsumed[0].Reason)
}

// Bad policy sets fail the resolution with a typed error naming the proposal: an output
// nobody computes, or one computed by two policies.
func TestSanctionPolicyOutputErrors(t *testing.T) {
	in := []sanction.Proposal{proposal("x", commission, zhang, "clue-1", measure(sanction.KindGovernmentDemerit))}
	national, err := fs.ReadFile(policies.FS(), "sanction/national.yaml")
	require.NoError(t, err)
	docs := strings.Split(string(national), "\n---\n")
	require.Len(t, docs, 3)

	t.Run("missing class", func(t *testing.T) {
		b := bundleFrom(t, withFiles(t, map[string]string{"sanction/national.yaml": docs[0] + "\n---\n" + docs[2]}))
		_, err := sanction.New(sanction.WithPolicy(domain.Sanction(b))).Resolve(context.Background(), in, decidedAt)
		require.Error(t, err)
		assert.ErrorIs(t, err, sanction.ErrPolicy)
		assert.ErrorIs(t, err, rules.ErrNoOutput)
		var pe *sanction.PolicyError
		require.True(t, errors.As(err, &pe))
		assert.Equal(t, sid("x"), pe.Proposal)
		assert.Contains(t, err.Error(), `"class"`)
	})
	t.Run("two severities", func(t *testing.T) {
		extra := strings.Replace(docs[2], "id: sanction.severity-grades", "id: sanction.severity-local", 1)
		b := bundleFrom(t, withFiles(t, map[string]string{"sanction/local.yaml": extra}))
		_, err := sanction.New(sanction.WithPolicy(domain.Sanction(b))).Resolve(context.Background(), in, decidedAt)
		require.Error(t, err)
		assert.ErrorIs(t, err, sanction.ErrPolicy)
		assert.ErrorIs(t, err, rules.ErrOutputConflict)
		assert.Contains(t, err.Error(), "sanction.severity-grades, sanction.severity-local")
	})
}

// BenchmarkResolve resolves 10,000 proposals: go with the national policy in Go, cel with
// every part of the assessment computed by the reference CEL policies (one check per
// proposal). Run together, their ratio is the cost of the CEL path.
func BenchmarkResolve(b *testing.B) {
	in := sanctionProposals(10_000)
	for _, tc := range []struct {
		name string
		r    *sanction.Resolver
	}{
		{"go", sanction.New()},
		{"cel", sanction.New(sanction.WithPolicy(referenceSanctionPolicy(b)))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tc.r.Resolve(context.Background(), in, decidedAt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
