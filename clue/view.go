package clue

import (
	"slices"

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
// roles granted. What was withheld is named in Redactions (whether or not the
// clue had any, so that the list itself reveals nothing).
func (c *Clue) View(v Actor, g Grants) Clue {
	return *c.Clone().redact(c.access(v, g))
}

// ViewEvent returns a copy of e, an event of clue c, as the viewer may see it
// (see [Clue.View]): the package's reporters and detail, the step's detail and
// the snapshot of an absorbed clue are redacted alike.
func ViewEvent(c *Clue, e Event, v Actor, g Grants) Event {
	a := c.access(v, g)
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
	if e.Duty != nil && !a.reporters && (e.Duty.Kind == ObligationComplainant || e.Duty.Kind == ObligationComplainantEnd) {
		e.Duty = nil // like the clue's complainant notices: it reveals a named reporter
	}
	return e
}

func (c *Clue) redact(a access) *Clue {
	if !a.reporters {
		c.Reporters, c.Notices = nil, nil
		kept := c.Obligations[:0]
		for _, o := range c.Obligations {
			if o.Kind != ObligationComplainant && o.Kind != ObligationComplainantEnd {
				kept = append(kept, o)
			}
		}
		c.Obligations = kept
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
		if !x.Confidential {
			out = append(out, x)
		}
	}
	return out
}
