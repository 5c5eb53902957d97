package clue

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// Grants says which roles on the receiver's side may see the confidential
// parts of a clue. Nothing is granted by default; a sending or third agency
// never sees them, whatever its role.
type Grants struct {
	ReporterIdentity    []Role `json:"reporter_identity,omitempty"`    // reporters, complainant notices
	InvestigationDetail []Role `json:"investigation_detail,omitempty"` // investigation detail, confidential attachments
}

// Redaction names, as listed in Clue.Redactions.
const (
	RedactedReporters = "reporters"
	RedactedDetail    = "investigation_detail"
)

// access is what a viewer may see.
type access struct{ reporters, detail bool }

func (c *Clue) access(v Actor, g Grants) access {
	inside := v.Agency != uuid.Nil && (v.Agency == c.Receiver.ID || v.Agency == c.AssignedTo.ID)
	return access{
		reporters: inside && slices.Contains(g.ReporterIdentity, v.Role),
		detail:    inside && slices.Contains(g.InvestigationDetail, v.Role),
	}
}

// View returns a copy of c as the viewer may see it. A sending agency sees
// status, disposal method, result and feedback but never reporter identity or
// investigation detail; on the receiver's side each is shown only to the
// roles granted. Without reporter identity nothing reveals that a named
// reporter exists: no reporters, complainant notices or complainant-notice
// duties, and no Seq or UpdatedAt (they count the notices). What was withheld
// is named in Redactions (whether or not the clue had any, so that the list
// itself reveals nothing).
func (c *Clue) View(v Actor, g Grants) Clue {
	return *c.Clone().redact(c.access(v, g))
}

// ViewEvent returns a copy of e, an event of clue c, as the viewer may see it
// (see [Clue.View]): the package's reporters and detail, the step's detail and
// the snapshot of an absorbed clue are redacted alike, and so is every trace of
// a named reporter — the complainant-notice duties arisen with a step or
// recorded by record_duty, and the refixes of such duties. ok is false when the
// whole event would reveal one (a notify_acceptance or notify_result step, a
// refix of complainant duties only): the viewer must be shown nothing of it,
// not its step, instant or sequence number. [ViewEvents] filters a list.
func ViewEvent(c *Clue, e Event, v Actor, g Grants) (view Event, ok bool) {
	a := c.access(v, g)
	if !a.reporters {
		switch e.Step {
		case StepNotifyAcceptance, StepNotifyResult:
			return Event{}, false
		}
	}
	if e.Package != nil {
		p := *e.Package
		if !a.reporters {
			p.Reporters = nil
		}
		if !a.detail {
			p.InvestigationDetail = ""
			p.Evidence = publicEvidence(p.Evidence)
		}
		e.Package = &p
	}
	if !a.detail {
		e.Detail = ""
	}
	if e.Absorbed != nil {
		e.Absorbed = e.Absorbed.Clone().redact(a)
	}
	if !a.reporters {
		// The record's sequence number counts the withheld notices (ViewEvents numbers
		// the events it shows).
		e.Seq = 0
		if e.Duty != nil && e.Duty.Kind.complainant() {
			e.Duty = nil
		}
		e.Obligations = withoutComplainant(e.Obligations)
		if len(e.Refixes) > 0 {
			refixes := make([]Refix, 0, len(e.Refixes))
			for _, r := range e.Refixes {
				if r.Kind.complainant() {
					continue
				}
				r.Index -= c.complainantBefore(r.Index) // the obligation's index in the view
				refixes = append(refixes, r)
			}
			if len(refixes) == 0 {
				return Event{}, false
			}
			e.Refixes = refixes
		}
	}
	return e, true
}

// ViewEvents returns the events of clue c the viewer may see, each as [ViewEvent]
// shows it, in order; the withheld ones are left out. For a viewer without
// reporter identity they are numbered 1, 2, … in their Seq, so that no gap
// shows where a notice was withheld.
func ViewEvents(c *Clue, events []Event, v Actor, g Grants) []Event {
	out := make([]Event, 0, len(events))
	renumber := !c.access(v, g).reporters
	for _, e := range events {
		if w, ok := ViewEvent(c, e, v, g); ok {
			if renumber {
				w.Seq = uint64(len(out) + 1)
			}
			out = append(out, w)
		}
	}
	return out
}

// complainant reports whether duties of kind k are owed to a named reporter, so
// that they reveal one.
func (k ObligationKind) complainant() bool {
	return k == ObligationComplainant || k == ObligationComplainantEnd
}

func withoutComplainant(os []Obligation) []Obligation {
	if !slices.ContainsFunc(os, func(o Obligation) bool { return o.Kind.complainant() }) {
		return os
	}
	var out []Obligation
	for _, o := range os {
		if !o.Kind.complainant() {
			out = append(out, o)
		}
	}
	return out
}

// complainantBefore counts the complainant duties among c's first n obligations.
func (c *Clue) complainantBefore(n int) int {
	k := 0
	for i := 0; i < n && i < len(c.Obligations); i++ {
		if c.Obligations[i].Kind.complainant() {
			k++
		}
	}
	return k
}

func (c *Clue) redact(a access) *Clue {
	if !a.reporters {
		c.Reporters, c.Notices = nil, nil
		c.Obligations = withoutComplainant(c.Obligations)
		// The event count and the last event's instant would count the withheld
		// notices: a view without reporter identity carries neither, nor the
		// sequence numbers of the refix events that replaced earlier dues.
		c.Seq, c.UpdatedAt = 0, time.Time{}
		for i := range c.Obligations {
			for j := range c.Obligations[i].Refixed {
				c.Obligations[i].Refixed[j].Seq = 0
			}
		}
		c.Redactions = append(c.Redactions, RedactedReporters)
	}
	if !a.detail {
		c.InvestigationDetail = ""
		c.Evidence = publicEvidence(c.Evidence)
		c.Redactions = append(c.Redactions, RedactedDetail)
	}
	return c
}

func publicEvidence(ev []Evidence) []Evidence {
	var out []Evidence
	for _, x := range ev {
		if !x.Secret() {
			out = append(out, x)
		}
	}
	return out
}
