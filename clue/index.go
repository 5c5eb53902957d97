package clue

import (
	"iter"
	"slices"
	"sort"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Ledger is an index of the open duties of a set of clues — the unmet obligations with a
// due instant, of clues not merged — sorted by due, built once ([NewLedger]) and asked many
// times: [Ledger.Overdue], [Ledger.DueWithin] and [Ledger.RemindersDue] answer as the
// functions of the same name do, earliest due first, each with one allocation (a copy of a
// slice of the index) and no scan of the clues. The index refers to the clues and is a
// snapshot: build a new one once they change (a step applied, a duty met, a reminder sent).
// A Ledger is read-only and safe for concurrent use.
type Ledger struct {
	open      []Item        // by due
	reminders []ReminderDue // the disposal duties among them, by due, with the reminders sent
}

// NewLedger indexes the open duties of clues.
func NewLedger(clues iter.Seq[*Clue]) *Ledger {
	l := &Ledger{}
	each(clues, func(c *Clue, i int, o *Obligation) {
		if o.Met.IsZero() && !o.Due.IsZero() {
			l.open = append(l.open, item(c, i))
		}
	})
	slices.SortStableFunc(l.open, func(a, b Item) int { return a.Obligation.Due.Compare(b.Obligation.Due) })
	l.open = slices.Clip(l.open)
	for _, it := range l.open {
		if it.Obligation.Kind == ObligationDisposal {
			l.reminders = append(l.reminders, reminder(it))
		}
	}
	l.reminders = slices.Clip(l.reminders)
	return l
}

// Len is the number of open duties indexed.
func (l *Ledger) Len() int { return len(l.open) }

// before is the number of items of xs (sorted by due) due before t.
func before[T any](xs []T, due func(*T) time.Time, t time.Time) int {
	return sort.Search(len(xs), func(k int) bool { return !due(&xs[k]).Before(t) })
}

func itemDue(it *Item) time.Time           { return it.Obligation.Due }
func reminderDue(r *ReminderDue) time.Time { return r.Obligation.Due }

// Overdue returns the open duties past their due instant at t, earliest due first.
func (l *Ledger) Overdue(t time.Time) []Item {
	return slices.Clone(l.open[:before(l.open, itemDue, t)])
}

// DueWithin returns the open duties not yet due at t that fall due by the end of the n-th
// working day after t (n >= 1), earliest due first.
func (l *Ledger) DueWithin(t time.Time, n int, cal *workday.Calendar) ([]Item, error) {
	end, err := horizon(t, n, cal)
	if err != nil {
		return nil, err
	}
	from := before(l.open, itemDue, t)
	to := from + sort.Search(len(l.open)-from, func(k int) bool { return l.open[from+k].Obligation.Due.After(end) })
	return slices.Clone(l.open[from:to]), nil
}

// RemindersDue returns the reminders owed at t for open disposal duties past their due
// instant, earliest due first.
func (l *Ledger) RemindersDue(t time.Time) []ReminderDue {
	return slices.Clone(l.reminders[:before(l.reminders, reminderDue, t)])
}
