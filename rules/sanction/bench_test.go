package sanction_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/sanction"
)

// benchProposals returns n proposals: persons with 5 matters each, two
// agencies proposing per matter a government sanction, organizational
// handling, a pay deduction and (for some) a party sanction.
func benchProposals(n int) []sanction.Proposal {
	gov := sanction.Kinds(sanction.FamilyGovernment)
	org := sanction.Kinds(sanction.FamilyOrganizational)
	partyKinds := []sanction.Kind{sanction.KindPartyWarning, sanction.KindPartySeriousWarning}
	out := make([]sanction.Proposal, 0, n)
	for i := 0; len(out) < n; i++ {
		p := sanction.Person{ID: id(fmt.Sprint("person", i/5)), PartyMember: true, PartyPost: (i/5)%2 == 0}
		matter := fmt.Sprint("matter", i)
		ms := []sanction.Measure{
			kind(gov[i%5]),
			kind(org[i%len(org)]),
			percent(fmt.Sprint(10 + i%50)),
			kind(partyKinds[i%2]),
			percent(fmt.Sprint(20 + i%30)),
			kind(org[(i+3)%len(org)]),
			kind(gov[(i+1)%5]),
		}
		agencies := []sanction.Agency{commission, commission, commission, commission, owner, owner, appointing}
		for j, m := range ms {
			if len(out) == n {
				break
			}
			out = append(out, prop(fmt.Sprint("b", i, "-", j), agencies[j], p, matter, m))
		}
	}
	return out
}

func BenchmarkResolve(b *testing.B) {
	in := benchProposals(10_000)
	r := sanction.New()
	res, err := r.Resolve(context.Background(), in, decided)
	require.NoError(b, err)
	assertComplete(b, in, res)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Resolve(context.Background(), in, decided); err != nil {
			b.Fatal(err)
		}
	}
}
