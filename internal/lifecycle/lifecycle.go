// Package lifecycle is the mechanism shared by the lifecycles of clue, rectification and
// meeting: the check every event's head gets (id, sequence number, instant, actor), the
// router over a transition table (rows tried in order, guards in order, the refusal that
// explains best), the branch-not-taken reason of the guards that only choose between rows,
// and the printer of table rows. Each domain package keeps its own exported types and errors
// (it owns its vocabulary) and turns what this package finds into them, so the three
// behave the same on the same bad input (each package has a parity test).
//
// Everything here is pure and safe for concurrent use.
package lifecycle

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
)

// Head is what every event carries and the aggregate it applies to expects: the aggregate's
// id (IDField names it in the event's JSON, e.g. "clue_id"), the next sequence number, an
// instant not before the aggregate's last one and an acting agency.
type Head struct {
	IDField string
	Want    uuid.UUID // the aggregate's id
	Got     uuid.UUID // the event's
	Last    uint64    // the aggregate's sequence number
	Seq     uint64    // the event's
	Updated time.Time // the aggregate's last instant
	At      time.Time // the event's
	Actor   uuid.UUID // the acting agency
}

// Check returns the first fault of h, or nil. The order is the same in every package: id
// missing, id different, sequence number, zero instant, instant before the last, actor.
func (h *Head) Check() *duty.Problem {
	switch {
	case h.Want == uuid.Nil:
		return &duty.Problem{Field: h.IDField, Reason: "required"}
	case h.Got != h.Want:
		return &duty.Problem{Sequence: true, Field: h.IDField, Want: h.Want.String(), Got: h.Got.String()}
	case h.Seq != h.Last+1:
		return &duty.Problem{Sequence: true, Field: "seq", Want: strconv.FormatUint(h.Last+1, 10), Got: strconv.FormatUint(h.Seq, 10)}
	case h.At.IsZero():
		return &duty.Problem{Field: "at", Reason: "zero instant"}
	case h.At.Before(h.Updated):
		return &duty.Problem{Sequence: true, Field: "at", Want: "not before " + h.Updated.Format(time.RFC3339), Got: h.At.Format(time.RFC3339)}
	case h.Actor == uuid.Nil:
		return &duty.Problem{Field: "actor.agency", Reason: "required"}
	}
	return nil
}

// State checks a replayed event's from or to state (field "from" or "to") against the one
// the aggregate or the table gives: a SequenceError fault, or nil.
func State[S ~string](field string, want, got S) *duty.Problem {
	if got != want {
		return &duty.Problem{Sequence: true, Field: field, Want: string(want), Got: string(got)}
	}
	return nil
}

// NotTaken is the reason of a guard that only chooses between rows of the same state and
// step (the last result feedback or one of several, a meeting with or without decisions):
// its failure says the row does not apply, not that the input is wrong. It matches the
// package's invalid-field sentinel (Category).
type NotTaken struct {
	Package  string // "clue", "rectification", "meeting"
	Field    string // the JSON path the choice is made on
	Category error  // the package's ErrInvalid
}

func (e *NotTaken) Error() string {
	return fmt.Sprintf("%s: field %s: branch not taken", e.Package, e.Field)
}

// Unwrap returns the package's invalid-field sentinel.
func (e *NotTaken) Unwrap() error { return e.Category }

// FieldName is the JSON path of the field.
func (e *NotTaken) FieldName() string { return e.Field }

// IsNotTaken reports whether err is (or wraps) a branch not taken.
func IsNotTaken(err error) bool {
	var nt *NotTaken
	return errors.As(err, &nt)
}

// Route tries the n rows of a transition table in order: rows for which applies is false
// are skipped; check runs a row's guards and returns the first refusal. It returns the
// index of the first row that holds. When none holds, found reports whether any row
// applied (else the step is not allowed in the state at all) and err is the refusal that
// explains best: the first that is not a branch not taken, or else the first.
func Route(n int, applies func(i int) bool, check func(i int) error) (idx int, found bool, err error) {
	for i := range n {
		if !applies(i) {
			continue
		}
		found = true
		e := check(i)
		if e == nil {
			return i, true, nil
		}
		if err == nil || (IsNotTaken(err) && !IsNotTaken(e)) {
			err = e
		}
	}
	return -1, found, err
}

// Row renders a table row the same way in every package, e.g.
// "drafted --transfer[actor_is_source elements_complete]--> transferred meets transfer".
// The empty state is "(none)" as a source and "(same)" as a target; prefix, when set, comes
// first ("problem ").
func Row[S, T, G, K ~string](prefix string, from []S, step T, to S, guards []G, meets []K) string {
	var b strings.Builder
	b.WriteString(prefix)
	for i, s := range from {
		if i > 0 {
			b.WriteByte('|')
		}
		if s == "" {
			b.WriteString("(none)")
		} else {
			b.WriteString(string(s))
		}
	}
	b.WriteString(" --")
	b.WriteString(string(step))
	b.WriteByte('[')
	for i, g := range guards {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(string(g))
	}
	b.WriteString("]--> ")
	if to == "" {
		b.WriteString("(same)")
	} else {
		b.WriteString(string(to))
	}
	if len(meets) > 0 {
		b.WriteString(" meets ")
		for i, k := range meets {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(string(k))
		}
	}
	return b.String()
}
