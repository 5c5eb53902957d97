package clue

import (
	"iter"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

// Each yields a pointer to each clue of cs, for the ledger functions.
func Each(cs []Clue) iter.Seq[*Clue] {
	return func(yield func(*Clue) bool) {
		for i := range cs {
			if !yield(&cs[i]) {
				return
			}
		}
	}
}

// Item is one obligation of one clue in the ledger (台账). Obligation points into the clue's
// Obligations: an item stays what the ledger found while the clue is unchanged, and a
// ledger over a million clues costs one small item per result, not a copy of each duty.
type Item struct {
	ClueID     uuid.UUID   `json:"clue_id"`
	Number     string      `json:"number,omitempty"`
	Index      int         `json:"index"` // in the clue's Obligations
	Obligation *Obligation `json:"obligation"`
	clue       *Clue       // the clue, for the reminders it has sent
}

// Ledger functions skip merged clues: their duties live on in the clue they
// were merged into.
func open(c *Clue) bool { return c.State != StateMerged }

func item(c *Clue, i int) Item {
	return Item{ClueID: c.ID, Number: c.Number, Index: i, Obligation: &c.Obligations[i], clue: c}
}

// each calls f for every obligation of every open clue.
func each(clues iter.Seq[*Clue], f func(c *Clue, i int, o *Obligation)) {
	for c := range clues {
		if open(c) {
			for i := range c.Obligations {
				f(c, i, &c.Obligations[i])
			}
		}
	}
}

// collect returns the items of the obligations keep accepts, in one scan. It collects in
// fixed-size chunks and copies once: growing one slice would move every item about twice and
// allocate twice the result, which on a large ledger wakes the garbage collector.
func collect(clues iter.Seq[*Clue], keep func(*Obligation) bool) []Item {
	const size = 8192
	var chunks [][]Item
	var cur []Item
	n := 0
	each(clues, func(c *Clue, i int, o *Obligation) {
		if !keep(o) {
			return
		}
		if len(cur) == cap(cur) {
			if cur != nil {
				chunks = append(chunks, cur)
			}
			cur = make([]Item, 0, size)
		}
		cur = append(cur, item(c, i))
		n++
	})
	if len(chunks) == 0 {
		return cur
	}
	out := make([]Item, 0, n)
	for _, ch := range append(chunks, cur) {
		out = append(out, ch...)
	}
	return out
}

func overdue(t time.Time) func(*Obligation) bool {
	return func(o *Obligation) bool { return o.Overdue(t) }
}

// Overdue returns every unmet obligation past its due instant at t.
func Overdue(clues iter.Seq[*Clue], t time.Time) []Item { return collect(clues, overdue(t)) }

// AppendOverdue appends to dst every unmet obligation past its due instant
// at t and returns the extended slice; a host that runs the ledger often can
// pass the previous result[:0] and allocate nothing.
func AppendOverdue(dst []Item, clues iter.Seq[*Clue], t time.Time) []Item {
	each(clues, func(c *Clue, i int, o *Obligation) {
		if o.Overdue(t) {
			dst = append(dst, item(c, i))
		}
	})
	return dst
}

// DueWithin returns every unmet obligation not yet due at t that falls due by
// the end of the n-th working day after t (n >= 1).
func DueWithin(clues iter.Seq[*Clue], t time.Time, n int, cal *workday.Calendar) ([]Item, error) {
	end, err := horizon(t, n, cal)
	if err != nil {
		return nil, err
	}
	return collect(clues, func(o *Obligation) bool { return dueSoon(o, t, end) }), nil
}

func dueSoon(o *Obligation, t, end time.Time) bool {
	return o.Met.IsZero() && !o.Due.IsZero() && !t.After(o.Due) && !o.Due.After(end)
}

func horizon(t time.Time, n int, cal *workday.Calendar) (time.Time, error) {
	if n < 1 {
		return time.Time{}, invalid("n", "working days must be at least 1, got %d", n)
	}
	if cal == nil {
		return time.Time{}, invalid("calendar", "required")
	}
	r, err := cal.AddWorkdays(t, n)
	return r.Time, err
}

// Pending returns every unmet obligation whose due the calendar could not
// count yet (its year had no data): each names the year it waits for
// (Obligation.PendingYear). [Clue.Refix] fixes them once the year is loaded.
func Pending(clues iter.Seq[*Clue]) []Item {
	return collect(clues, func(o *Obligation) bool { return o.Met.IsZero() && o.Pending() })
}

// Provisional returns every obligation whose due was counted on days the
// calendar is not sure of — reported or provisional data, or the weekends-only
// fallback (Obligation.Certainty) — met or not: a met one may be judged again
// when its due is re-fixed. [Clue.Refix] counts them again once the year's
// notice is loaded.
func Provisional(clues iter.Seq[*Clue]) []Item {
	return collect(clues, func(o *Obligation) bool { return o.Provisional() })
}

// ReminderDue is a reminder owed for a disposal past its limit: a reminder
// letter (工作提示函) first, supervised handling (督办) once one has gone out.
type ReminderDue struct {
	Item
	Level ReminderLevel `json:"level"`
	Sent  int           `json:"sent"` // reminders already recorded for this duty
}

// RemindersDue returns the reminders owed at t for unmet disposal
// obligations past their due instant. Record a sent reminder with the remind
// step so that the next one escalates.
func RemindersDue(clues iter.Seq[*Clue], t time.Time) []ReminderDue {
	items := collect(clues, func(o *Obligation) bool { return o.Kind == ObligationDisposal && o.Overdue(t) })
	if len(items) == 0 {
		return nil
	}
	out := make([]ReminderDue, len(items))
	for k, it := range items {
		out[k] = reminder(it)
	}
	return out
}

// reminder is the reminder owed for the overdue disposal duty it, counting the reminders
// its clue has already sent for it.
func reminder(it Item) ReminderDue {
	r := ReminderDue{Item: it, Level: ReminderLetter}
	for _, x := range it.clue.Reminders {
		if x.Kind == it.Obligation.Kind && x.Beneficiary == it.Obligation.Beneficiary {
			r.Sent++
		}
	}
	if r.Sent > 0 {
		r.Level = SupervisedHandling
	}
	return r
}

// Period is a half-open interval of instants [Start, End).
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Contains reports whether t is in p.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// Quarter returns quarter q (1–4) of year in China Standard Time, the period
// of the quarterly review (一季一梳理): workday.QuarterOf as a half-open
// interval.
func Quarter(year, q int) (Period, error) {
	p, err := workday.QuarterOf(year, q)
	if err != nil {
		return Period{}, invalid("quarter", "must be 1 to 4, got %d", q)
	}
	return halfOpen(p), nil
}

// HalfYear returns half h (1 or 2) of year in China Standard Time, the period
// of the half-yearly dispatch (半年一调度): workday.HalfYearOf as a half-open
// interval.
func HalfYear(year, h int) (Period, error) {
	p, err := workday.HalfYearOf(year, h)
	if err != nil {
		return Period{}, invalid("half", "must be 1 or 2, got %d", h)
	}
	return halfOpen(p), nil
}

func halfOpen(p workday.Period) Period { return Period{Start: p.Start(), End: p.Next().Start()} }

// Tally counts the obligations falling due in a period, as they stand at the
// review instant.
type Tally struct {
	Due     int `json:"due"`     // obligations due in the period
	OnTime  int `json:"on_time"` // met by their due instant
	Late    int `json:"late"`    // met after it
	Overdue int `json:"overdue"` // unmet and past due at the review instant
	Pending int `json:"pending"` // unmet, not yet due
	// OnTimeRate is OnTime / (OnTime + Late + Overdue), rounded to 4 places;
	// zero when nothing has come to term.
	OnTimeRate decimal.Decimal `json:"on_time_rate"`
}

func (t *Tally) add(o *Obligation, at time.Time) {
	t.Due++
	switch {
	case o.OnTime():
		t.OnTime++
	case !o.Met.IsZero():
		t.Late++
	case at.After(o.Due):
		t.Overdue++
	default:
		t.Pending++
	}
}

func (t *Tally) rate() {
	if n := t.OnTime + t.Late + t.Overdue; n > 0 {
		t.OnTimeRate = decimal.NewFromInt(int64(t.OnTime)).DivRound(decimal.NewFromInt(int64(n)), 4)
	}
}

// Report is a ledger review for a period: the quarterly review and the
// half-yearly dispatch are the same call with a different [Period].
type Report struct {
	Period Period    `json:"period"`
	At     time.Time `json:"at"`

	Received  int                       `json:"received"`  // clues registered in the period
	Concluded int                       `json:"concluded"` // clues concluded in the period
	BySource  map[uuid.UUID]int         `json:"by_source"` // clues registered in the period, by sending agency
	ByMethod  map[DisposalMethod]int    `json:"by_method"` // disposals decided in the period, by method
	Duties    Tally                     `json:"duties"`    // obligations due in the period
	ByObligor map[uuid.UUID]*Tally      `json:"by_obligor"`
	ByKind    map[ObligationKind]*Tally `json:"by_kind"`

	Overdue   []Item        `json:"overdue"`  // at At, whenever due
	DueSoon   []Item        `json:"due_soon"` // within the next working days asked for
	Reminders []ReminderDue `json:"reminders"`
	// Pending are the unmet duties whose due waits for a calendar year;
	// Provisional counts the duties, met or not, whose due is not yet official.
	Pending     []Item `json:"pending"`
	Provisional int    `json:"provisional"`
}

// Review builds the ledger review of clues for period p as they stand at t,
// with the obligations falling due within soon working days after t.
func Review(clues iter.Seq[*Clue], p Period, t time.Time, soon int, cal *workday.Calendar) (Report, error) {
	end, err := horizon(t, soon, cal)
	if err != nil {
		return Report{}, err
	}
	r := Report{
		Period: p, At: t,
		BySource: map[uuid.UUID]int{}, ByMethod: map[DisposalMethod]int{},
		ByObligor: map[uuid.UUID]*Tally{}, ByKind: map[ObligationKind]*Tally{},
	}
	for c := range clues {
		if !open(c) {
			continue
		}
		if p.Contains(c.ReceivedAt) {
			r.Received++
			r.BySource[c.Source.ID]++
		}
		if p.Contains(c.ConcludedAt) {
			r.Concluded++
		}
		for _, d := range c.PastDisposals {
			r.method(d)
		}
		r.method(c.Disposal)
		for i := range c.Obligations {
			o := &c.Obligations[i]
			switch {
			case o.Overdue(t):
				r.Overdue = append(r.Overdue, item(c, i))
			case dueSoon(o, t, end):
				r.DueSoon = append(r.DueSoon, item(c, i))
			case o.Met.IsZero() && o.Pending():
				r.Pending = append(r.Pending, item(c, i))
			}
			if o.Provisional() {
				r.Provisional++
			}
			if o.Kind == ObligationDisposal && o.Overdue(t) {
				r.Reminders = append(r.Reminders, reminder(item(c, i)))
			}
			if p.Contains(o.Due) {
				r.Duties.add(o, t)
				bump(r.ByObligor, o.Obligor).add(o, t)
				bump(r.ByKind, o.Kind).add(o, t)
			}
		}
	}
	r.Duties.rate()
	for _, x := range r.ByObligor {
		x.rate()
	}
	for _, x := range r.ByKind {
		x.rate()
	}
	return r, nil
}

func (r *Report) method(d Disposal) {
	if d.Method != "" && r.Period.Contains(d.DecidedAt) {
		r.ByMethod[d.Method]++
	}
}

func bump[K comparable](m map[K]*Tally, k K) *Tally {
	t := m[k]
	if t == nil {
		t = &Tally{}
		m[k] = t
	}
	return t
}
