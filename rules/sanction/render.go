package sanction

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// measureNamespace is the UUID namespace of applied-measure IDs. A function,
// not a variable, so that the package holds no mutable state.
func measureNamespace() uuid.UUID {
	return uuid.UUID{0x6b, 0x1f, 0x3c, 0x52, 0x9a, 0x0e, 0x4d, 0x7b, 0x8c, 0x21, 0x5e, 0x90, 0xa4, 0x37, 0xd2, 0x18}
}

// supporters returns the proposals a final measure rests on, ordered by ID.
func (f *final) supporters() []*entry {
	n := 0
	for _, u := range f.units {
		n += len(u.members)
	}
	es := make([]*entry, 0, n)
	for _, u := range f.units {
		es = append(es, u.members...)
	}
	slices.SortFunc(es, func(a, b *entry) int { return bytes.Compare(a.p.ID[:], b.p.ID[:]) })
	return es
}

// allLosses returns the proposals a final measure covers, ordered by ID.
func (f *final) allLosses() []loss {
	n := len(f.losers) + len(f.absorb)
	for _, u := range f.units {
		n += len(u.losers)
	}
	if n == 0 {
		return nil
	}
	ls := make([]loss, 0, n)
	for _, u := range f.units {
		ls = append(ls, u.losers...)
	}
	ls = append(ls, f.losers...)
	ls = append(ls, f.absorb...)
	slices.SortFunc(ls, func(a, b loss) int { return bytes.Compare(a.e.p.ID[:], b.e.p.ID[:]) })
	return ls
}

// render turns one person's final measures into a PersonResult.
func (r Resolver) render(person Person, finals []*final, decided time.Time, hasDate bool) (PersonResult, error) {
	pr := PersonResult{Person: person, Applied: make([]Applied, 0, len(finals)), Subsumed: []Subsumed{}}
	hasSanction := false
	for _, f := range finals {
		if f.family.isSanction() {
			hasSanction = true
		}
	}
	losses := make([][]loss, len(finals))
	nLoss := 0
	for i, f := range finals {
		losses[i] = f.allLosses()
		nLoss += len(losses[i])
	}
	pr.Subsumed = make([]Subsumed, 0, nLoss)
	var idBuf []byte
	for i, f := range finals {
		sup := f.supporters()
		idBuf = append(idBuf[:0], f.measure.Kind...)
		for _, e := range sup {
			idBuf = append(idBuf, e.p.ID[:]...)
		}
		a := Applied{
			ID:        uuid.NewSHA1(measureNamespace(), idBuf),
			Matters:   make([]uuid.UUID, 0, 1),
			Measure:   f.measure,
			Family:    f.family,
			Class:     f.class,
			Rule:      f.rule,
			Proposals: make([]Support, len(sup)),
		}
		for i, e := range sup {
			a.Proposals[i] = Support{Proposal: e.p.ID, Agency: e.p.Agency, Matter: e.p.Matter, Measure: e.p.Measure}
			if !slices.Contains(a.Matters, e.p.Matter) {
				a.Matters = append(a.Matters, e.p.Matter)
			}
			a.Circumstances = append(a.Circumstances, e.p.Circumstances...)
		}
		slices.SortFunc(a.Matters, func(x, y uuid.UUID) int { return bytes.Compare(x[:], y[:]) })
		a.Basis = basisOf(f, hasSanction)
		var err error
		if a.Period, a.Effects, err = r.periodOf(f, a.ID, decided, hasDate); err != nil {
			return PersonResult{}, err
		}
		a.Explanation = explainApplied(f, person, sup, losses[i], hasSanction)
		if len(losses[i]) > 0 {
			a.Absorbed = make([]uuid.UUID, 0, len(losses[i]))
		}
		for _, l := range losses[i] {
			a.Absorbed = append(a.Absorbed, l.e.p.ID)
			pr.Subsumed = append(pr.Subsumed, Subsumed{
				Proposal:    l.e.p.ID,
				Agency:      l.e.p.Agency,
				Matter:      l.e.p.Matter,
				Measure:     l.e.p.Measure,
				ByMeasure:   a.ID,
				ByProposal:  l.by.p.ID,
				Reason:      l.reason,
				Citation:    l.cite,
				Explanation: explainLoss(l, f, person),
			})
		}
		pr.Applied = append(pr.Applied, a)
	}
	slices.SortFunc(pr.Applied, func(x, y Applied) int {
		if c := cmp.Compare(x.Family.rank(), y.Family.rank()); c != 0 {
			return c
		}
		if c := strings.Compare(x.Class, y.Class); c != 0 {
			return c
		}
		if c := bytes.Compare(x.Matters[0][:], y.Matters[0][:]); c != 0 {
			return c
		}
		return bytes.Compare(x.ID[:], y.ID[:])
	})
	slices.SortFunc(pr.Subsumed, func(x, y Subsumed) int {
		if c := cmp.Compare(x.Measure.Kind.Family().rank(), y.Measure.Kind.Family().rank()); c != 0 {
			return c
		}
		return bytes.Compare(x.Proposal[:], y.Proposal[:])
	})
	return pr, nil
}

// basisOf lists the citations an applied measure rests on.
func basisOf(f *final, hasSanction bool) []Citation {
	b := []Citation{kindCitation(f.family)}
	switch f.rule {
	case RuleMerged:
		if len(f.units) > 1 && f.family.isSanction() {
			b = append(b, combinationCitation(f.family))
		} else {
			b = append(b, citeMerge())
		}
	case RulePartyEscalation:
		b = append(b, citeParty("第二十四条"))
		if f.skippedRemoval() {
			b = append(b, citeParty("第十一条"))
		}
	case RuleGovernmentAbsorption, RuleGovernmentCombination:
		b = append(b, combinationCitation(f.family))
	case RuleOrganizationalAbsorption:
		b = append(b, citeLibrary(artLibOrg))
	}
	if f.family == FamilyOrganizational && hasSanction {
		b = append(b, citeGov("第十七条"))
	}
	return b
}

// skippedRemoval reports whether a party escalation skipped 撤销党内职务
// because the person holds no party post.
func (f *final) skippedRemoval() bool {
	if f.rule != RulePartyEscalation || f.measure.Kind != KindPartyProbation {
		return false
	}
	for _, k := range f.from {
		if k.Grade() > KindPartySeriousWarning.Grade() {
			return false
		}
	}
	return true
}
