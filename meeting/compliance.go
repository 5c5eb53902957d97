package meeting

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/rules/workday"
)

// PeriodStatus is how a period of a cadence stands.
type PeriodStatus string

// Period statuses; see [Cadence] for when a meeting is late.
const (
	PeriodHeld    PeriodStatus = "held"    // a meeting by the due instant
	PeriodLate    PeriodStatus = "late"    // the first meeting after the due instant
	PeriodMissed  PeriodStatus = "missed"  // no meeting and the due instant has passed
	PeriodPending PeriodStatus = "pending" // no meeting yet, not yet due
	PeriodExempt  PeriodStatus = "exempt"  // no working day in the period, no meeting
	// PeriodUnknown: the due instant cannot be computed, the calendar having
	// no data for the days it depends on (a period reaching into 2027 on the
	// official calendar). Counting meetings are still listed.
	PeriodUnknown PeriodStatus = "unknown"
)

// PeriodReport is one period of a cadence in a compliance report.
type PeriodReport struct {
	Period   Period       `json:"period"`
	Due      Due          `json:"due"`
	Status   PeriodStatus `json:"status"`
	HeldAt   time.Time    `json:"held_at,omitzero"`   // the first counting meeting
	Meetings []uuid.UUID  `json:"meetings,omitempty"` // every counting meeting, by HeldAt
}

// Next is the next meeting a cadence owes at an instant.
type Next struct {
	Period  Period    `json:"period"`
	Due     time.Time `json:"due"`
	Overdue bool      `json:"overdue,omitempty"` // the due instant has passed
	// Certainty is the calendar's certainty of the due (reported, provisional
	// or weekends_only beyond its official data).
	Certainty workday.Certainty `json:"certainty,omitempty"`
}

// CadenceReport is the compliance of one cadence.
type CadenceReport struct {
	Cadence Cadence        `json:"cadence"`
	Periods []PeriodReport `json:"periods"`
	Held    int            `json:"held"`
	Late    int            `json:"late"`
	Missed  int            `json:"missed"`
	Pending int            `json:"pending"`
	Exempt  int            `json:"exempt"`
	Unknown int            `json:"unknown,omitempty"` // periods whose due instant the calendar cannot give
	// Next is the next meeting owed at the report's instant (see
	// [Series.NextDue]); zero with NextUnknown when the calendar has no data
	// for the period it falls in (use NextDue for the error).
	Next        Next `json:"next,omitzero"`
	NextUnknown bool `json:"next_unknown,omitempty"`
}

// AttendanceGap is a meeting that some required agencies did not attend.
type AttendanceGap struct {
	Meeting uuid.UUID   `json:"meeting"`
	HeldAt  time.Time   `json:"held_at"`
	Absent  []uuid.UUID `json:"absent"`
}

// TargetStatus is how a target stands in one period.
type TargetStatus string

// Target statuses.
const (
	TargetMet     TargetStatus = "met"
	TargetBelow   TargetStatus = "below"   // the period is over with fewer than Min
	TargetAbove   TargetStatus = "above"   // more than Max
	TargetPending TargetStatus = "pending" // fewer than Min so far, the period not over
)

// TargetPeriod is one period of a target.
type TargetPeriod struct {
	Period Period       `json:"period"`
	Count  int          `json:"count"`
	Status TargetStatus `json:"status"`
}

// TargetReport is the compliance of one target.
type TargetReport struct {
	Target  Target         `json:"target"`
	Periods []TargetPeriod `json:"periods"`
}

// Report is the compliance of a mechanism over a span, as it stood at an
// instant: per cadence which periods were held, late, missed, pending or
// exempt and the next meeting due; which meetings lacked required members;
// and how the targets stand.
type Report struct {
	Mechanism  uuid.UUID         `json:"mechanism"`
	From       time.Time         `json:"from"`
	To         time.Time         `json:"to"`
	At         time.Time         `json:"at"`
	Cadences   []CadenceReport   `json:"cadences,omitempty"`
	Attendance []AttendanceGap   `json:"attendance,omitempty"`
	Targets    []TargetReport    `json:"targets,omitempty"`
	Certainty  workday.Certainty `json:"certainty,omitempty"` // the weakest certainty of any due instant
}

// Compliant reports whether no period was missed or late, every required
// agency attended and no target fell below or went above its bounds.
// Periods of unknown status count neither way: check CadenceReport.Unknown.
func (r *Report) Compliant() bool {
	for _, c := range r.Cadences {
		if c.Missed > 0 || c.Late > 0 {
			return false
		}
	}
	for _, t := range r.Targets {
		for _, p := range t.Periods {
			if p.Status == TargetBelow || p.Status == TargetAbove {
				return false
			}
		}
	}
	return len(r.Attendance) == 0
}

// maxPeriods bounds the periods one report may list.
const maxPeriods = 100_000

// Compliance reports on s's mechanism over the periods that overlap the
// half-open span [from, to), as known at now: meetings held after now are
// not counted, and a period whose due instant is after now is pending, not
// missed. Periods that begin before the mechanism's Established date or
// after its Dissolved instant are left out; so are meetings of other
// mechanisms. Attendance is checked for the meetings held in [from, to) by
// now. The mechanism is validated first. A period whose due instant needs
// days the calendar has no data for is reported with status unknown
// ([PeriodUnknown], counted in CadenceReport.Unknown) rather than failing
// the report; other calendar errors are returned as they are.
func (s *Series) Compliance(cal *workday.Calendar, from, to, now time.Time) (Report, error) {
	mech := &s.Mechanism
	if err := mech.Validate(); err != nil {
		return Report{}, err
	}
	if cal == nil {
		return Report{}, invalid("calendar", "required")
	}
	if !from.Before(to) {
		return Report{}, invalid("to", "the span must end after it begins")
	}
	r := Report{Mechanism: mech.ID, From: from, To: to, At: now}
	held := s.held(now)
	for i, c := range mech.Cadences {
		cr, err := cadenceReport(cal, mech, c, i, held, from, to, now)
		if err != nil {
			return Report{}, err
		}
		for _, p := range cr.Periods {
			r.Certainty = r.Certainty.Weaker(p.Due.Certainty)
		}
		r.Cadences = append(r.Cadences, cr)
	}
	for _, m := range held {
		if m.HeldAt.Before(from) || !m.HeldAt.Before(to) {
			continue
		}
		if absent := m.Absent(); len(absent) > 0 {
			r.Attendance = append(r.Attendance, AttendanceGap{Meeting: m.ID, HeldAt: m.HeldAt, Absent: absent})
		}
	}
	for i, t := range mech.Targets {
		tr, err := targetReport(mech, t, i, held, from, to, now)
		if err != nil {
			return Report{}, err
		}
		r.Targets = append(r.Targets, tr)
	}
	return r, nil
}

// held returns the meetings of s's mechanism held by now, by HeldAt.
func (s *Series) held(now time.Time) []*Meeting {
	out := make([]*Meeting, 0, len(s.Meetings))
	for i := range s.Meetings {
		m := &s.Meetings[i]
		if m.Mechanism.ID == s.Mechanism.ID && !m.HeldAt.IsZero() && !m.HeldAt.After(now) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b *Meeting) int { return a.HeldAt.Compare(b.HeldAt) })
	return out
}

// owed reports whether a period of mech owes a meeting: it begins on or
// after the mechanism's established date and not after its dissolution.
func owed(mech *Mechanism, p Period) bool {
	if !mech.Established.IsZero() && workday.DateOf(p.Start).Before(workday.DateOf(mech.Established)) {
		return false
	}
	return mech.Dissolved.IsZero() || !p.Start.After(mech.Dissolved)
}

type counted struct {
	idx    int64
	heldAt time.Time
	id     uuid.UUID
}

func cadenceReport(cal *workday.Calendar, mech *Mechanism, c Cadence, ci int, held []*Meeting, from, to, now time.Time) (CadenceReport, error) {
	sp, err := c.spec("cadences[" + itoa(ci) + "]")
	if err != nil {
		return CadenceReport{}, err
	}
	first, last := sp.index(from), sp.index(to.Add(-time.Nanosecond))
	if last-first >= maxPeriods {
		return CadenceReport{}, invalid("to", "the span covers more than %d periods", maxPeriods)
	}
	// Each counting meeting goes to the period it was held for; held is sorted
	// by HeldAt, so a stable sort by period keeps HeldAt order within one.
	cs := make([]counted, 0, len(held))
	for _, m := range held {
		if !m.counts(&c) {
			continue
		}
		t := m.HeldAt
		if !m.For.IsZero() {
			t = m.For
		}
		if i := sp.index(t); i >= first && i <= last {
			cs = append(cs, counted{i, m.HeldAt, m.ID})
		}
	}
	slices.SortStableFunc(cs, func(a, b counted) int { return cmp.Compare(a.idx, b.idx) })
	cr := CadenceReport{Cadence: c, Periods: make([]PeriodReport, 0, last-first+1)}
	k := 0
	for i := first; i <= last; i++ {
		p := sp.period(i)
		j := k
		for j < len(cs) && cs[j].idx == i {
			j++
		}
		if !owed(mech, p) {
			k = j
			continue
		}
		d, err := due(cal, c.DueBy, p)
		unknown := errors.Is(err, workday.ErrNoData)
		if err != nil && !unknown {
			return CadenceReport{}, err
		}
		pr := PeriodReport{Period: p, Due: d}
		if j > k {
			pr.HeldAt = cs[k].heldAt
			pr.Meetings = make([]uuid.UUID, 0, j-k)
			for _, x := range cs[k:j] {
				pr.Meetings = append(pr.Meetings, x.id)
			}
		}
		k = j
		switch {
		case unknown:
			pr.Status = PeriodUnknown
			cr.Unknown++
		case !pr.HeldAt.IsZero() && (d.Exempt || !pr.HeldAt.After(d.At)):
			pr.Status = PeriodHeld
			cr.Held++
		case !pr.HeldAt.IsZero():
			pr.Status = PeriodLate
			cr.Late++
		case d.Exempt:
			pr.Status = PeriodExempt
			cr.Exempt++
		case now.After(d.At):
			pr.Status = PeriodMissed
			cr.Missed++
		default:
			pr.Status = PeriodPending
			cr.Pending++
		}
		cr.Periods = append(cr.Periods, pr)
	}
	n, err := next(cal, mech, c, &sp, held, now)
	switch {
	case errors.Is(err, workday.ErrNoData):
		cr.NextUnknown = true
	case err != nil:
		return CadenceReport{}, err
	default:
		cr.Next = n
	}
	return cr, nil
}

// maxLookahead bounds the exempt or unowed periods NextDue skips.
const maxLookahead = 1000

// next finds the first owed, non-exempt period from now's on that has no
// counting meeting by now.
func next(cal *workday.Calendar, mech *Mechanism, c Cadence, sp *spec, held []*Meeting, now time.Time) (Next, error) {
	has := func(i int64) bool {
		for _, m := range held {
			t := m.HeldAt
			if !m.For.IsZero() {
				t = m.For
			}
			if m.counts(&c) && sp.index(t) == i {
				return true
			}
		}
		return false
	}
	i := sp.index(now)
	for range maxLookahead {
		p := sp.period(i)
		if !mech.Dissolved.IsZero() && p.Start.After(mech.Dissolved) {
			return Next{}, nil
		}
		if owed(mech, p) && !has(i) {
			d, err := due(cal, c.DueBy, p)
			if err != nil {
				return Next{}, err
			}
			if !d.Exempt {
				return Next{Period: p, Due: d.At, Overdue: now.After(d.At), Certainty: d.Certainty}, nil
			}
		}
		i++
	}
	return Next{}, nil
}

// NextDue returns, for each cadence of s's mechanism, the next meeting owed
// at now: the period containing now if it has no meeting yet (Overdue once
// its due instant has passed), else the first following period that owes
// one. Exempt periods are skipped. A dissolved mechanism owes nothing after
// its dissolution (a zero Next).
func (s *Series) NextDue(cal *workday.Calendar, now time.Time) ([]Next, error) {
	mech := &s.Mechanism
	if err := mech.Validate(); err != nil {
		return nil, err
	}
	held := s.held(now)
	out := make([]Next, 0, len(mech.Cadences))
	for i, c := range mech.Cadences {
		sp, err := c.spec("cadences[" + itoa(i) + "]")
		if err != nil {
			return nil, err
		}
		n, err := next(cal, mech, c, &sp, held, now)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func targetReport(mech *Mechanism, t Target, ti int, held []*Meeting, from, to, now time.Time) (TargetReport, error) {
	sp, err := Cadence{Unit: t.Unit}.spec("targets[" + itoa(ti) + "]")
	if err != nil {
		return TargetReport{}, err
	}
	first, last := sp.index(from), sp.index(to.Add(-time.Nanosecond))
	if last-first >= maxPeriods {
		return TargetReport{}, invalid("to", "the span covers more than %d periods", maxPeriods)
	}
	counts := make([]int, last-first+1)
	for _, m := range held {
		i := sp.index(m.HeldAt)
		if i < first || i > last {
			continue
		}
		for j := range m.Decisions {
			d := &m.Decisions[j]
			if d.Kind == t.Decision && (d.WithdrawnAt.IsZero() || d.WithdrawnAt.After(now)) {
				counts[i-first]++
			}
		}
	}
	tr := TargetReport{Target: t}
	for i := first; i <= last; i++ {
		p := sp.period(i)
		if !owed(mech, p) {
			continue
		}
		n := counts[i-first]
		tp := TargetPeriod{Period: p, Count: n, Status: TargetMet}
		switch {
		case t.Max > 0 && n > t.Max:
			tp.Status = TargetAbove
		case n < t.Min && now.After(p.End):
			tp.Status = TargetBelow
		case n < t.Min:
			tp.Status = TargetPending
		}
		tr.Periods = append(tr.Periods, tp)
	}
	return tr, nil
}
