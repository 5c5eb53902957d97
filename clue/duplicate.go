package clue

import (
	"iter"
	"slices"

	"github.com/google/uuid"
)

// Duplicate is a pair of clues that are likely about the same matter: an
// open clue of the same receiver, from a different source, naming the same
// subject, with the same domain or overlapping matter text.
type Duplicate struct {
	A, B       uuid.UUID
	Subjects   []string // names of the subjects both clues name
	SameDomain bool
	Overlap    float64 // Dice coefficient of the matters' character bigrams, 0..1
}

// DefaultOverlap is the matter overlap from which two clues about the same
// person count as duplicates when their domains differ.
const DefaultOverlap = 0.3

type dupEntry struct {
	id, source, receiver uuid.UUID
	domain               string
	grams                map[[2]rune]struct{}
	subjects             []Person
}

// Duplicates returns the likely duplicate pairs among clues that are open
// (registered, assigned, under disposal or shelved), pairs in input order.
// minOverlap <= 0 means DefaultOverlap.
func Duplicates(clues iter.Seq[*Clue], minOverlap float64) []Duplicate {
	if minOverlap <= 0 {
		minOverlap = DefaultOverlap
	}
	var entries []dupEntry
	bySubject := map[string][]int{}
	for c := range clues {
		if !slices.Contains(active, c.State) {
			continue
		}
		n := len(entries)
		entries = append(entries, dupEntry{c.ID, c.Source.ID, c.Receiver.ID, c.Domain, bigrams(c.Matter), slices.Clone(c.Subjects)})
		for _, p := range c.Subjects {
			k := p.key()
			if l := bySubject[k]; len(l) == 0 || l[len(l)-1] != n {
				bySubject[k] = append(l, n)
			}
		}
	}
	var out []Duplicate
	seen := map[[2]int]bool{}
	for i := range entries {
		a := &entries[i]
		for _, p := range a.subjects {
			for _, j := range bySubject[p.key()] {
				b := &entries[j]
				if j <= i || seen[[2]int{i, j}] || a.source == b.source || a.receiver != b.receiver {
					continue
				}
				seen[[2]int{i, j}] = true
				d := Duplicate{A: a.id, B: b.id, SameDomain: a.domain != "" && a.domain == b.domain, Overlap: dice(a.grams, b.grams)}
				if !d.SameDomain && d.Overlap < minOverlap {
					continue
				}
				for _, q := range a.subjects {
					for _, r := range b.subjects {
						if q.key() == r.key() {
							d.Subjects = append(d.Subjects, q.Name)
						}
					}
				}
				out = append(out, d)
			}
		}
	}
	return out
}

func bigrams(s string) map[[2]rune]struct{} {
	rs := []rune(s)
	m := make(map[[2]rune]struct{}, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		m[[2]rune{rs[i], rs[i+1]}] = struct{}{}
	}
	return m
}

func dice(a, b map[[2]rune]struct{}) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	n := 0
	for g := range a {
		if _, ok := b[g]; ok {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}
