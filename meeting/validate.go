package meeting

import (
	"fmt"
	"strconv"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
)

func itoa(i int) string { return strconv.Itoa(i) }

func idx(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

// Validate checks a mechanism: an id, a name and a known kind; a lead and
// members with ids and known kinds, none twice; required attendees that are
// parties; valid cadences (*CadenceError) and targets (*CadenceError: an
// unknown decision kind or unit, Min < 0, Max < Min, or nothing to count).
func (m *Mechanism) Validate() error {
	switch {
	case m.ID == uuid.Nil:
		return invalid("mechanism.id", "required")
	case m.Name == "":
		return invalid("mechanism.name", "required")
	case !m.Kind.Valid():
		return unknown("mechanism.kind", m.Kind)
	}
	if err := agencyValid(m.Lead, "mechanism.lead"); err != nil {
		return err
	}
	seen := map[uuid.UUID]bool{m.Lead.ID: true}
	for i, a := range m.Members {
		f := idx("mechanism.members", i)
		if err := agencyValid(a, f); err != nil {
			return err
		}
		if seen[a.ID] {
			return invalid(f+".id", "%s is listed twice", a.ID)
		}
		seen[a.ID] = true
	}
	for i, id := range m.Required {
		if !seen[id] {
			return &MechanismError{Field: idx("mechanism.required", i), Agency: id, Reason: fmt.Sprintf("%s is neither the lead nor a member", id)}
		}
	}
	for i, c := range m.Cadences {
		if _, err := c.spec(idx("mechanism.cadences", i)); err != nil {
			return err
		}
	}
	for i, t := range m.Targets {
		f := idx("mechanism.targets", i)
		bad := func(field, format string, args ...any) error {
			return &CadenceError{Field: f + "." + field, Reason: fmt.Sprintf(format, args...)}
		}
		switch {
		case !t.Decision.Valid():
			return bad("decision", "unknown decision kind %q", t.Decision)
		case !t.Unit.Valid():
			return bad("unit", "unknown unit %q", t.Unit)
		case t.Min < 0:
			return bad("min", "must not be negative, got %d", t.Min)
		case t.Max < 0:
			return bad("max", "must not be negative, got %d", t.Max)
		case t.Max > 0 && t.Max < t.Min:
			return bad("max", "%d is below min %d", t.Max, t.Min)
		case t.Min == 0 && t.Max == 0:
			return bad("min", "a target needs a min or a max")
		}
	}
	if !m.Established.IsZero() && !m.Dissolved.IsZero() && m.Dissolved.Before(m.Established) {
		return invalid("mechanism.dissolved", "before the mechanism was established")
	}
	return nil
}

func agencyValid(a clue.Agency, field string) error {
	if a.ID == uuid.Nil {
		return invalid(field+".id", "required")
	}
	if !a.Kind.Valid() {
		return unknown(field+".kind", a.Kind)
	}
	return nil
}

// validate checks a record on its own: kind, instants, attendees, agenda and
// decisions well formed, decisions about items on the agenda.
func (r *Record) validate() error {
	switch {
	case !r.Kind.Valid():
		return unknown("record.kind", r.Kind)
	case r.HeldAt.IsZero():
		return invalid("record.held_at", "required")
	case r.Convener == uuid.Nil:
		return invalid("record.convener", "required")
	}
	if r.Kind == MeetingPreTour {
		switch {
		case r.Tour.Start.IsZero():
			return invalid("record.tour.start", "a pre-tour consultation needs the tour's start")
		case r.Tour.Group.ID == uuid.Nil || r.Tour.Group.Kind != clue.KindInspectionTour:
			return invalid("record.tour.group", "an inspection tour group with an id is required")
		case !r.HeldAt.Before(r.Tour.Start):
			return invalid("record.held_at", "a pre-tour consultation is held before the tour starts (%s)", r.Tour.Start.Format("2006-01-02 15:04"))
		case !r.Tour.End.IsZero() && r.Tour.End.Before(r.Tour.Start):
			return invalid("record.tour.end", "before the tour's start")
		}
	} else if r.Tour != (Tour{}) {
		return invalid("record.tour", "only a pre-tour consultation has a tour")
	}
	seen := map[uuid.UUID]bool{}
	for i, a := range r.Attendees {
		f := idx("record.attendees", i)
		if err := agencyValid(a.Agency, f+".agency"); err != nil {
			return err
		}
		if seen[a.Agency.ID] {
			return invalid(f+".agency.id", "%s attends twice", a.Agency.ID)
		}
		seen[a.Agency.ID] = true
	}
	for i, a := range r.Agenda {
		if err := refValid(a.Ref(), idx("record.agenda", i)); err != nil {
			return err
		}
	}
	ids := map[uuid.UUID]bool{}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		f := idx("record.decisions", i)
		if err := r.decisionValid(d, f); err != nil {
			return err
		}
		if ids[d.ID] {
			return invalid(f+".id", "%s is used twice", d.ID)
		}
		ids[d.ID] = true
	}
	return nil
}

func refValid(r Ref, field string) error {
	switch r.Kind {
	case ItemClue, ItemProblem:
		if r.ID == uuid.Nil {
			return invalid(field+".id", "a %s item needs an id", r.Kind)
		}
	case ItemTopic:
		if r.Topic == "" {
			return invalid(field+".topic", "a topic item needs a topic")
		}
	default:
		return unknown(field+".kind", r.Kind)
	}
	return nil
}

func (r *Record) onAgenda(x Ref) bool {
	for i := range r.Agenda {
		if r.Agenda[i].Ref().same(x) {
			return true
		}
	}
	return false
}

// decisionValid checks one decision of a record as it is taken: the state
// fields are zero, its items are on the agenda and fit its kind.
func (r *Record) decisionValid(d *Decision, f string) error {
	switch {
	case d.ID == uuid.Nil:
		return invalid(f+".id", "required")
	case !d.Kind.Valid():
		return unknown(f+".kind", d.Kind)
	case d.Owner == uuid.Nil:
		return invalid(f+".owner", "required")
	case !d.Due.IsZero() && (d.DueBy == "" || d.DueBy == DueByMinutes) && !d.Due.After(r.HeldAt):
		return invalid(f+".due", "not after the meeting")
	case d.Settled() || d.Outcome != "" || len(d.Effects) > 0 || d.Withdrawal != "":
		return invalid(f, "a new decision is neither done nor withdrawn")
	}
	clues := 0
	seen := make(map[Ref]int, len(d.Items))
	for j, x := range d.Items {
		g := idx(f+".items", j)
		if err := refValid(x, g); err != nil {
			return err
		}
		if k, dup := seen[x.key()]; dup {
			return invalid(g, "%s is listed twice (as %s)", x, idx(f+".items", k))
		}
		seen[x.key()] = j
		if x.Kind != ItemTopic && !r.onAgenda(x) {
			return &ItemError{Field: g, Kind: x.Kind, ID: x.ID}
		}
		if x.Kind == ItemClue {
			clues++
		}
	}
	switch d.Kind {
	case DecisionTransfer, DecisionReminderLetter, DecisionSanctionOpinion:
		if clues == 0 {
			return invalid(f+".items", "a %s decision is about at least one clue", d.Kind)
		}
	case DecisionMerge:
		if clues < 2 {
			return invalid(f+".items", "a merge joins at least two clues")
		}
	case DecisionAssign:
		if len(d.Items) == 0 {
			return invalid(f+".items", "an assignment is about at least one clue or problem")
		}
		if clues > 0 && (d.Office.ID == uuid.Nil || !d.Office.Kind.Valid()) {
			return invalid(f+".office", "assigning a clue needs an office with an id and a known kind")
		}
	case DecisionJointInspection:
		if d.Topic == "" {
			return invalid(f+".topic", "a joint inspection needs a topic")
		}
	}
	if d.Kind == DecisionReminderLetter && d.Duty != "" && !d.Duty.Valid() {
		return unknown(f+".duty", d.Duty)
	}
	return nil
}

// within checks a record against its mechanism: a party convenes, attendees
// are parties or invited, owners attend or are parties, purposes are the
// mechanism's, and a pre-tour consultation belongs to a pre-tour mechanism.
func (r *Record) within() error {
	m := &r.Mechanism
	if !m.Party(r.Convener) {
		return &MechanismError{Field: "record.convener", Agency: r.Convener, Reason: "the convener is neither the lead nor a member"}
	}
	for i, a := range r.Attendees {
		if !a.Invited && !m.Party(a.Agency.ID) {
			return &MechanismError{Field: idx("record.attendees", i), Agency: a.Agency.ID,
				Reason: fmt.Sprintf("%s (%s) is not a party to %s and not marked invited", a.Agency.ID, a.Agency.Name, m.Name)}
		}
	}
	for i := range r.Decisions {
		o := r.Decisions[i].Owner
		if !m.Party(o) && !r.attends(o) {
			return &MechanismError{Field: idx("record.decisions", i) + ".owner", Agency: o, Reason: "the owner is neither a party nor an attendee"}
		}
	}
	for i, p := range r.Purposes {
		found := false
		for _, c := range m.Cadences {
			found = found || c.Purpose == p
		}
		if !found {
			return &MechanismError{Field: idx("record.purposes", i), Reason: fmt.Sprintf("the mechanism has no cadence for purpose %q", p)}
		}
	}
	if (r.Kind == MeetingPreTour) != (m.Kind == KindPreTourLiaison) {
		return &MechanismError{Field: "record.kind", Reason: fmt.Sprintf("a %s meeting does not belong to a %s mechanism", r.Kind, m.Kind)}
	}
	if !m.Established.IsZero() && r.HeldAt.Before(m.Established) {
		return &MechanismError{Field: "record.held_at", Reason: "before the mechanism was established"}
	}
	if !m.Dissolved.IsZero() && r.HeldAt.After(m.Dissolved) {
		return &MechanismError{Field: "record.held_at", Reason: "after the mechanism was dissolved"}
	}
	if !r.For.IsZero() {
		if r.For.After(r.HeldAt) {
			return &MechanismError{Field: "record.for", Reason: "a meeting is not held for a later period"}
		}
		if len(m.Cadences) == 0 {
			return &MechanismError{Field: "record.for", Reason: "the mechanism has no cadence"}
		}
	}
	return nil
}

func (r *Record) attends(id uuid.UUID) bool {
	for i := range r.Attendees {
		if r.Attendees[i].Agency.ID == id {
			return true
		}
	}
	return false
}
