package duty

import (
	"fmt"
	"iter"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Recounted is an obligation whose due a policy now counts differently: its index in the
// obligations scanned and the obligation the policy gives in its place (in the policy's
// answer, not copied).
type Recounted[O any] struct {
	Index int
	Now   *O
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
		var n *O
		for j := range now {
			if same(&now[j], o) {
				n = &now[j]
				break
			}
		}
		if n == nil {
			continue
		}
		if deadline(n).Calendar != calendar {
			return nil, foreign(n)
		}
		if deadline(n).Same(old) {
			continue
		}
		out = append(out, Recounted[O]{Index: i, Now: n})
	}
	return out, nil
}

// RefixablePolicies returns the ids of the policies that set the refixable dues of obs, each
// once, in order of first appearance: the policies a refix needs to ask.
func RefixablePolicies[O any](obs []O, deadline func(*O) Deadline, policyID func(*O) string) []string {
	var ids []string
	for i := range obs {
		if id := policyID(&obs[i]); deadline(&obs[i]).Refixable() && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
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
func CheckClaim(index int, kind, policyID string, names bool, o Deadline, c Claim) *Problem {
	switch {
	case !names:
		return &Problem{Reason: fmt.Sprintf("does not name obligation %d (%s of %s)", index, kind, policyID)}
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

// Repeats tells which keys of a sequence came before: a scan of the first few, a map past
// them. The zero value is empty.
type Repeats[K comparable] struct {
	few [8]K
	n   int
	m   map[K]struct{}
}

// Add adds k and reports whether it was added before.
func (r *Repeats[K]) Add(k K) bool {
	if r.m == nil {
		for _, x := range r.few[:r.n] {
			if x == k {
				return true
			}
		}
		if r.n < len(r.few) {
			r.few[r.n] = k
			r.n++
			return false
		}
		r.m = make(map[K]struct{}, 2*len(r.few))
		for _, x := range r.few {
			r.m[x] = struct{}{}
		}
	}
	if _, ok := r.m[k]; ok {
		return true
	}
	r.m[k] = struct{}{}
	return false
}

// RefixField is the JSON path of the k-th refix of an event.
func RefixField(k int) string { return "refixes[" + strconv.Itoa(k) + "]" }

// RefixAll re-fixes every aggregate of seq, the same way in every domain package: plan
// counts an aggregate's dues again without changing it (ok false: nothing changes), apply
// records the plan as the aggregate's refix event. Plans are computed on up to GOMAXPROCS
// goroutines, a window of aggregates at a time (all finished before RefixAll returns);
// events are applied on the caller's goroutine, in order, so the result is the sequential
// one: the events of the aggregates whose dues changed, in order, stopping at the first
// error with the events so far — the aggregates after it unchanged. plan must be safe to
// call concurrently for distinct aggregates.
func RefixAll[A, P, E any](seq iter.Seq[A], plan func(A) (P, bool, error), apply func(A, P) (E, error)) ([]E, error) {
	const window = 1024
	type slot struct {
		a   A
		p   P
		ok  bool
		err error
	}
	var out chunks[E]
	batch := make([]slot, 0, window)
	flush := func() error {
		workers := min(runtime.GOMAXPROCS(0), (len(batch)+31)/32)
		if workers <= 1 {
			for k := range batch {
				batch[k].p, batch[k].ok, batch[k].err = plan(batch[k].a)
			}
		} else {
			var next atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := int(next.Add(1)) - 1; k < len(batch); k = int(next.Add(1)) - 1 {
						batch[k].p, batch[k].ok, batch[k].err = plan(batch[k].a)
					}
				}()
			}
			wg.Wait()
		}
		for k := range batch {
			sl := &batch[k]
			if sl.err != nil {
				return sl.err
			}
			if !sl.ok {
				continue
			}
			e, err := apply(sl.a, sl.p)
			if err != nil {
				return err
			}
			out.add(e)
		}
		batch = batch[:0]
		return nil
	}
	for a := range seq {
		batch = append(batch, slot{a: a})
		if len(batch) == window {
			if err := flush(); err != nil {
				return out.all(), err
			}
		}
	}
	if err := flush(); err != nil {
		return out.all(), err
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
