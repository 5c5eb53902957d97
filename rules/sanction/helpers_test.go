package sanction_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

// id returns a stable UUID for a name.
func id(name string) uuid.UUID { return uuid.NewSHA1(uuid.NameSpaceOID, []byte(name)) }

func cst(y int, m time.Month, d, h int) time.Time {
	return time.Date(y, m, d, h, 0, 0, 0, workday.Location())
}

func date(y int, m time.Month, d int) workday.Date { return workday.Date{Year: y, Month: m, Day: d} }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var (
	commission = sanction.Agency{ID: id("commission"), Kind: sanction.AgencyDisciplineCommission, Name: "市纪委监委"}
	owner      = sanction.Agency{ID: id("owner"), Kind: sanction.AgencySOEOwner, Name: "市国资委"}
	appointing = sanction.Agency{ID: id("appointing"), Kind: sanction.AgencyAppointingBody, Name: "市交通局"}
	enterprise = sanction.Agency{ID: id("enterprise"), Kind: sanction.AgencyEnterprise, Name: "市建工集团"}
	party      = sanction.Agency{ID: id("party"), Kind: sanction.AgencyPartyOrganization, Name: "集团党委"}

	zhang = sanction.Person{ID: id("zhang"), Name: "张某", PartyMember: true, PartyPost: true}
	li    = sanction.Person{ID: id("li"), Name: "李某", PartyMember: true}
	wang  = sanction.Person{ID: id("wang"), Name: "王某"}
)

// prop builds a proposal; its ID is derived from name.
func prop(name string, a sanction.Agency, p sanction.Person, matter string, m sanction.Measure) sanction.Proposal {
	return sanction.Proposal{ID: id(name), Agency: a, Person: p, Matter: id(matter), Measure: m}
}

func kind(k sanction.Kind) sanction.Measure { return sanction.Measure{Kind: k} }

func percent(v string) sanction.Measure {
	return sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: sanction.Deduction{Basis: sanction.DeductionPercent, Value: dec(v)}}
}

func amount(v, base string) sanction.Measure {
	d := sanction.Deduction{Basis: sanction.DeductionAmount, Value: dec(v)}
	if base != "" {
		d.Base = dec(base)
	}
	return sanction.Measure{Kind: sanction.KindPayDeduction, Deduction: d}
}

// assertComplete checks the invariant: every input proposal appears exactly
// once in the result, applied or subsumed, under its own person; every
// subsumed proposal points to an applied measure of the same person that
// lists it as absorbed.
func assertComplete(t testing.TB, in []sanction.Proposal, res sanction.Result) {
	t.Helper()
	seen := map[uuid.UUID]int{}
	for _, pr := range res.Persons {
		applied := map[uuid.UUID]sanction.Applied{}
		for _, a := range pr.Applied {
			applied[a.ID] = a
			require.NotEmpty(t, a.Proposals, "applied measure without proposals")
			require.NotEmpty(t, a.Explanation)
			for _, s := range a.Proposals {
				seen[s.Proposal]++
			}
		}
		for _, s := range pr.Subsumed {
			seen[s.Proposal]++
			a, ok := applied[s.ByMeasure]
			require.True(t, ok, "subsumed %s points to unknown measure %s", s.Proposal, s.ByMeasure)
			require.Contains(t, a.Absorbed, s.Proposal)
			require.NotEmpty(t, s.Explanation)
			require.NotEmpty(t, s.Reason)
		}
	}
	for _, p := range in {
		require.Equal(t, 1, seen[p.ID], "proposal %s appears %d times", p.ID, seen[p.ID])
	}
	require.Len(t, seen, len(in))
}

// person returns the result for one person.
func person(t testing.TB, res sanction.Result, p sanction.Person) sanction.PersonResult {
	t.Helper()
	for _, pr := range res.Persons {
		if pr.Person.ID == p.ID {
			return pr
		}
	}
	require.FailNow(t, "person not in result", p.Name)
	return sanction.PersonResult{}
}

// appliedKind returns the applied measure of a kind.
func appliedKind(t testing.TB, pr sanction.PersonResult, k sanction.Kind) sanction.Applied {
	t.Helper()
	for _, a := range pr.Applied {
		if a.Measure.Kind == k {
			return a
		}
	}
	require.FailNow(t, "kind not applied", string(k))
	return sanction.Applied{}
}

func supporters(a sanction.Applied) []uuid.UUID {
	var ids []uuid.UUID
	for _, s := range a.Proposals {
		ids = append(ids, s.Proposal)
	}
	return ids
}
