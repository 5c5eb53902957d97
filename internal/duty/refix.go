package duty

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Recounted is an obligation whose due a policy now counts differently: its index in the
// obligations scanned and the obligation the policy gives in its place.
type Recounted[O any] struct {
	Index int
	Now   O
}

// Recount is the scan of a refix, the same in every domain package: for each refixable
// obligation of obs (pending, or counted on days the calendar was not sure of) it asks the
// policy about the aggregate at the instant the duty arose (once per instant: ask), finds the
// obligation the policy now gives in its place (same), and keeps it when its due differs. An
// obligation counted on another calendar than calendar is the package's error (foreign); an
// obligation the policy no longer gives keeps its due.
func Recount[O any](obs []O, deadline func(*O) Deadline, arisen func(*O) time.Time,
	ask func(at time.Time) ([]O, error), same func(now, old *O) bool, calendar string, foreign func(*O) error) ([]Recounted[O], error) {
	// The duties of one aggregate arise at a few instants: a short list searched in order
	// beats a map.
	type answer struct {
		at  time.Time
		now []O
	}
	var asked []answer
	var out []Recounted[O]
	for i := range obs {
		o := &obs[i]
		old := deadline(o)
		if !old.Refixable() {
			continue
		}
		at := arisen(o)
		k := slices.IndexFunc(asked, func(a answer) bool { return a.at.Equal(at) })
		if k < 0 {
			now, err := ask(at)
			if err != nil {
				return nil, err
			}
			asked = append(asked, answer{at, now})
			k = len(asked) - 1
		}
		now := asked[k].now
		j := slices.IndexFunc(now, func(n O) bool { return same(&n, o) })
		if j < 0 {
			continue
		}
		n := &now[j]
		if deadline(n).Calendar != calendar {
			return nil, foreign(n)
		}
		if deadline(n).Same(old) {
			continue
		}
		out = append(out, Recounted[O]{Index: i, Now: *n})
	}
	return out, nil
}

// Claim is what a refix event says of one obligation: the due it replaces and the new one.
type Claim struct {
	OldDue         time.Time
	OldCertainty   workday.Certainty
	OldPendingYear int
	New            Deadline // Due, Certainty, PendingYear and Calendar of the new due
	Rejudged       *Rejudgment
}

// CheckClaim is the refix_valid guard of one refix, the same in every domain package, once
// the obligation it names (index) is found: names reports whether the refix names it (its
// kind, policy and parties), o is its deadline as it stands. The problem's Field is relative
// to the refix ("" for the refix itself, ".old_due", ".due" …).
func CheckClaim(index int, desc string, names bool, o Deadline, c Claim) *Problem {
	switch {
	case !names:
		return &Problem{Reason: fmt.Sprintf("does not name obligation %d (%s)", index, desc)}
	case !o.Refixable():
		return &Problem{Reason: fmt.Sprintf("obligation %d was counted on official data: its due is a fact", index)}
	case !o.Due.Equal(c.OldDue) || o.Certainty != c.OldCertainty || o.PendingYear != c.OldPendingYear:
		return &Problem{Field: ".old_due", Reason: fmt.Sprintf("does not match obligation %d as it stands", index)}
	case c.New.Calendar == "":
		return &Problem{Field: ".calendar", Reason: "required"}
	}
	n := Deadline{Due: c.New.Due, Certainty: c.New.Certainty, PendingYear: c.New.PendingYear}
	if p := n.Check(); p != nil {
		p.Field = "." + p.Field
		return p
	}
	if p := CheckRejudged(c.Rejudged, o.Met); p != nil {
		p.Field = "." + p.Field
		return p
	}
	return nil
}

// RefixAll runs refix over every aggregate of seq and returns the events of those whose dues
// changed, in order. It stops at the first error, returning the events so far.
func RefixAll[A, E any](seq iter.Seq[A], refix func(A) (E, bool, error)) ([]E, error) {
	var out chunks[E]
	for a := range seq {
		e, changed, err := refix(a)
		if err != nil {
			return out.all(), err
		}
		if changed {
			out.add(e)
		}
	}
	return out.all(), nil
}

// chunks collects values in chunks and copies them once: an event is large, and growing
// one slice would move each about twice.
type chunks[E any] struct {
	parts [][]E
	n     int
}

func (c *chunks[E]) add(e E) {
	if k := len(c.parts); k == 0 || len(c.parts[k-1]) == cap(c.parts[k-1]) {
		c.parts = append(c.parts, make([]E, 0, 1024))
	}
	k := len(c.parts) - 1
	c.parts[k] = append(c.parts[k], e)
	c.n++
}

func (c *chunks[E]) all() []E {
	if len(c.parts) == 1 {
		return c.parts[0]
	}
	out := make([]E, 0, c.n)
	for _, p := range c.parts {
		out = append(out, p...)
	}
	return out
}
