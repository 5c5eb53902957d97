package clue

import (
	"strconv"
	"time"

	"github.com/shopspring/decimal"
)

// Element is a required element (要件) of a transfer package.
type Element string

// Elements.
const (
	ElementSource            Element = "source"
	ElementReceiver          Element = "receiver"
	ElementSubjects          Element = "subjects"
	ElementMatter            Element = "matter"
	ElementDomain            Element = "domain"
	ElementEvidence          Element = "evidence"
	ElementAmount            Element = "amount"
	ElementConclusiveOpinion Element = "conclusive_opinion_at"
	ElementDiscoveredAt      Element = "discovered_at"
	ElementTourPeriod        Element = "tour_period"
)

// DefaultRequired returns the reference required elements for a package sent
// by an agency of kind k: source, receiver, subjects, matter and evidence for
// all; the conclusive opinion's date for audit; the tour period for an
// inspection tour; the discovery date for the SOE owner. Hosts may pass their
// own list in [Command.Required].
func DefaultRequired(k AgencyKind) []Element {
	req := []Element{ElementSource, ElementReceiver, ElementSubjects, ElementMatter, ElementEvidence}
	switch k {
	case KindAudit:
		req = append(req, ElementConclusiveOpinion)
	case KindInspectionTour:
		req = append(req, ElementTourPeriod)
	case KindSOEOwner:
		req = append(req, ElementDiscoveredAt)
	}
	return req
}

// Valid reports whether e is a declared element.
func (e Element) Valid() bool {
	_, ok := e.present(&Clue{})
	return ok
}

// present reports whether c has e, and whether e is a known element.
func (e Element) present(c *Clue) (has, known bool) {
	switch e {
	case ElementSource:
		return c.Source.ID != [16]byte{} && c.Source.Kind.Valid(), true
	case ElementReceiver:
		return c.Receiver.ID != [16]byte{} && c.Receiver.Kind.Valid(), true
	case ElementSubjects:
		return len(c.Subjects) > 0, true
	case ElementMatter:
		return c.Matter != "", true
	case ElementDomain:
		return c.Domain != "", true
	case ElementEvidence:
		return len(c.Evidence) > 0, true
	case ElementAmount:
		return !c.Amount.IsZero(), true
	case ElementConclusiveOpinion:
		return !c.ConclusiveOpinionAt.IsZero(), true
	case ElementDiscoveredAt:
		return !c.DiscoveredAt.IsZero(), true
	case ElementTourPeriod:
		return !c.TourStart.IsZero() && !c.TourEnd.IsZero(), true
	}
	return false, false
}

// Missing returns the elements of required that c lacks, in order; an unknown
// element counts as missing.
func (c *Clue) Missing(required []Element) []Element {
	var out []Element
	for _, e := range required {
		if has, _ := e.present(c); !has {
			out = append(out, e)
		}
	}
	return out
}

// Package is what a sender submits: the content of a draft, or a supplement
// after a return. A supplement only adds: lists are appended, flags are
// or-ed, and a scalar may only fill an empty field or repeat its value.
type Package struct {
	Number              string          `json:"number,omitempty"`
	Source              Agency          `json:"source,omitzero"`
	Receiver            Agency          `json:"receiver,omitzero"`
	Subjects            []Person        `json:"subjects,omitempty"`
	Matter              string          `json:"matter,omitempty"`
	Domain              string          `json:"domain,omitempty"`
	Amount              decimal.Decimal `json:"amount,omitzero"`
	Loss                decimal.Decimal `json:"loss,omitzero"`
	Flags               Flags           `json:"flags,omitzero"`
	Evidence            []Evidence      `json:"evidence,omitempty"`
	Reporters           []Reporter      `json:"reporters,omitempty"`
	InvestigationDetail string          `json:"investigation_detail,omitempty"`
	ConclusiveOpinionAt time.Time       `json:"conclusive_opinion_at,omitzero"`
	DiscoveredAt        time.Time       `json:"discovered_at,omitzero"`
	TourStart           time.Time       `json:"tour_start,omitzero"`
	TourEnd             time.Time       `json:"tour_end,omitzero"`
}

// scalar is one fillable scalar field: its name, whether the clue and the
// package have it, whether they agree, and how to fill it.
type scalar struct {
	name       string
	have, give bool
	agree      bool
	fill       func()
}

func (c *Clue) scalars(p *Package) []scalar {
	str := func(name string, dst *string, src string) scalar {
		return scalar{name, *dst != "", src != "", *dst == src, func() { *dst = src }}
	}
	tm := func(name string, dst *time.Time, src time.Time) scalar {
		return scalar{name, !dst.IsZero(), !src.IsZero(), dst.Equal(src), func() { *dst = src }}
	}
	dec := func(name string, dst *decimal.Decimal, src decimal.Decimal) scalar {
		return scalar{name, !dst.IsZero(), !src.IsZero(), dst.Equal(src), func() { *dst = src }}
	}
	ag := func(name string, dst *Agency, src Agency) scalar {
		return scalar{name, *dst != Agency{}, src != Agency{}, *dst == src, func() { *dst = src }}
	}
	return []scalar{
		str("number", &c.Number, p.Number),
		ag("source", &c.Source, p.Source),
		ag("receiver", &c.Receiver, p.Receiver),
		str("matter", &c.Matter, p.Matter),
		str("domain", &c.Domain, p.Domain),
		dec("amount", &c.Amount, p.Amount),
		dec("loss", &c.Loss, p.Loss),
		str("investigation_detail", &c.InvestigationDetail, p.InvestigationDetail),
		tm("conclusive_opinion_at", &c.ConclusiveOpinionAt, p.ConclusiveOpinionAt),
		tm("discovered_at", &c.DiscoveredAt, p.DiscoveredAt),
		tm("tour_start", &c.TourStart, p.TourStart),
		tm("tour_end", &c.TourEnd, p.TourEnd),
	}
}

// conflict returns an error naming the first scalar p would overwrite.
func (c *Clue) conflict(p *Package) error {
	for _, s := range c.scalars(p) {
		if s.have && s.give && !s.agree {
			return invalid("package."+s.name, "would overwrite a submitted value")
		}
	}
	return nil
}

// add merges p into c without losing anything (callers check conflict first).
func (c *Clue) add(p *Package) {
	for _, s := range c.scalars(p) {
		if !s.have && s.give {
			s.fill()
		}
	}
	c.Flags = c.Flags.or(p.Flags)
	c.Subjects = appendPeople(c.Subjects, p.Subjects...)
	c.Evidence = append(c.Evidence, p.Evidence...)
	c.Reporters = append(c.Reporters, p.Reporters...)
}

// appendPeople appends the people not already in ps.
func appendPeople(ps []Person, add ...Person) []Person {
outer:
	for _, p := range add {
		for _, q := range ps {
			if q.key() == p.key() {
				continue outer
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// validate checks the enum values and amounts of a package.
func (p *Package) validate() error {
	for _, a := range []struct {
		f string
		a Agency
	}{{"package.source", p.Source}, {"package.receiver", p.Receiver}} {
		if a.a.Kind != "" && !a.a.Kind.Valid() {
			return unknown(a.f+".kind", a.a.Kind)
		}
	}
	if p.Amount.IsNegative() {
		return invalid("package.amount", "negative")
	}
	if p.Loss.IsNegative() {
		return invalid("package.loss", "negative")
	}
	if !p.TourStart.IsZero() && p.TourEnd.Before(p.TourStart) && !p.TourEnd.IsZero() {
		return invalid("package.tour_end", "before tour_start")
	}
	for i, e := range p.Evidence {
		if e.Name == "" || e.Hash == "" {
			return invalid("package.evidence["+strconv.Itoa(i)+"]", "name and hash are required")
		}
	}
	for i, s := range p.Subjects {
		if s.Name == "" && s.ID == [16]byte{} {
			return invalid("package.subjects["+strconv.Itoa(i)+"]", "name or id is required")
		}
	}
	return nil
}
