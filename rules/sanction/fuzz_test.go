package sanction_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/sanction"
)

// proposalsFrom decodes fuzz bytes into proposals: 4 bytes each (person,
// matter, agency, measure), plus a fifth selecting deduction size and months.
func proposalsFrom(data []byte) []sanction.Proposal {
	var all []sanction.Kind
	for _, f := range []sanction.Family{sanction.FamilyParty, sanction.FamilyGovernment, sanction.FamilyEnterprise,
		sanction.FamilyOrganizational, sanction.FamilyAccountability} {
		all = append(all, sanction.Kinds(f)...)
	}
	all = append(all, "bogus_kind")
	agencies := []sanction.Agency{commission, owner, appointing, enterprise, party}
	persons := []sanction.Person{zhang, li, wang}
	var out []sanction.Proposal
	for i := 0; i+5 <= len(data) && len(out) < 64; i += 5 {
		b := data[i : i+5]
		m := sanction.Measure{Kind: all[int(b[3])%len(all)]}
		switch m.Kind {
		case sanction.KindPartyProbation:
			m.Months = 12 * (1 + int(b[4])%2)
		case sanction.KindMarketBan:
			if b[4]%7 == 0 {
				m.Permanent = true
			} else {
				m.Months = int(b[4])
			}
		case sanction.KindPayDeduction:
			m.Deduction = sanction.Deduction{Basis: sanction.DeductionPercent, Value: decimal.New(int64(b[4])-20, 0)}
			if b[4]%3 == 0 {
				m.Deduction = sanction.Deduction{Basis: sanction.DeductionAmount, Value: decimal.New(int64(b[4])+1, 3),
					Base: decimal.New(300, 3)}
			}
		case sanction.KindGovernmentDemerit, sanction.KindEnterpriseDismissal:
			if b[4]%5 == 0 {
				m.Months = int(b[4]) % 50
			}
		}
		p := prop(fmt.Sprintf("fuzz-%d", i), agencies[int(b[2])%len(agencies)], persons[int(b[0])%len(persons)],
			fmt.Sprintf("clue-%d", b[1]%6), m)
		if b[0]%11 == 0 {
			p.Case = id("case")
		}
		out = append(out, p)
	}
	return out
}

// FuzzResolve checks, on any input: no panic; an error or a result in which
// every proposal appears exactly once; the same result for the reversed
// input.
func FuzzResolve(f *testing.F) {
	f.Add([]byte{0, 0, 0, 7, 0, 0, 0, 1, 32, 0, 0, 0, 1, 29, 70, 0, 0, 1, 29, 50})
	f.Add([]byte{0, 1, 0, 1, 0, 0, 2, 0, 1, 0, 0, 3, 0, 1, 0})
	f.Add([]byte{2, 1, 0, 7, 0, 2, 2, 0, 7, 0, 2, 3, 2, 7, 0, 2, 4, 3, 12, 0})
	f.Add([]byte{1, 1, 1, 28, 21, 1, 1, 0, 28, 60, 1, 2, 1, 29, 0, 1, 2, 0, 29, 14})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := proposalsFrom(data)
		res, err := sanction.Resolve(in, decided)
		if err != nil {
			require.ErrorIs(t, err, sanction.ErrInvalidProposal)
			return
		}
		assertComplete(t, in, res)
		rev := slices.Clone(in)
		slices.Reverse(rev)
		res2, err := sanction.Resolve(rev, decided)
		require.NoError(t, err)
		a, err := json.Marshal(res)
		require.NoError(t, err)
		b, err := json.Marshal(res2)
		require.NoError(t, err)
		require.JSONEq(t, string(a), string(b))
	})
}

// FuzzProposalJSON decodes arbitrary JSON as proposals and resolves them: no
// panic, and any result keeps every proposal.
func FuzzProposalJSON(f *testing.F) {
	good, _ := json.Marshal(storyMix())
	f.Add(good)
	f.Add([]byte(`[{"id":"6ba7b812-9dad-11d1-80b4-00c04fd430c8","measure":{"kind":"accountability_pay_deduction","deduction":{"basis":"percent","value":"-1e400"}}}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in []sanction.Proposal
		if json.Unmarshal(data, &in) != nil {
			return
		}
		res, err := sanction.Resolve(in, decided)
		if err != nil {
			return
		}
		assertComplete(t, in, res)
	})
}
