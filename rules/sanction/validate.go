package sanction

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// maxCombinedMonths is the cap of 政务处分法 art. 15.
const maxCombinedMonths = 48

// maxBanMonths bounds a market ban given in months (100 years).
const maxBanMonths = 1200

// validateAll checks every proposal and the relations between them. It
// returns every fault found.
func validateAll(ps []Proposal) []error {
	var errs []error
	ids := make(map[uuid.UUID]int, len(ps))
	persons := make(map[uuid.UUID]int)
	cases := make(map[uuid.UUID]int)
	for i := range ps {
		p := &ps[i]
		errs = append(errs, validate(p, i)...)
		bad := func(field string, other uuid.UUID, err error) {
			errs = append(errs, &ProposalError{Proposal: p.ID, Index: i, Field: field, Other: other, Err: err})
		}
		if p.ID != uuid.Nil {
			if j, ok := ids[p.ID]; ok {
				bad("id", uuid.Nil, errorf(ErrDuplicateProposal, "also at index %d", j))
			} else {
				ids[p.ID] = i
			}
		}
		if p.Person.ID != uuid.Nil {
			if j, ok := persons[p.Person.ID]; ok {
				if ps[j].Person != p.Person {
					bad("person", ps[j].ID, errorf(ErrPersonConflict, "person %s is described differently at index %d", p.Person.ID, j))
				}
			} else {
				persons[p.Person.ID] = i
			}
		}
		if p.Case != uuid.Nil {
			if j, ok := cases[p.Case]; ok {
				if ps[j].Person.ID != p.Person.ID {
					bad("person.id", ps[j].ID, errorf(ErrMixedPersons, "case %s concerns person %s (index %d), not %s",
						p.Case, ps[j].Person.ID, j, p.Person.ID))
				}
			} else {
				cases[p.Case] = i
			}
		}
	}
	return errs
}

// validate checks one proposal on its own.
func validate(p *Proposal, idx int) []error {
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, &ProposalError{Proposal: p.ID, Index: idx, Field: field, Err: err})
	}
	if p.ID == uuid.Nil {
		bad("id", errorf(ErrMissingID, "proposal id is nil"))
	}
	if p.Agency.ID == uuid.Nil {
		bad("agency.id", errorf(ErrMissingID, "agency id is nil"))
	}
	if p.Agency.Kind.Name() == "" {
		bad("agency.kind", errorf(ErrUnknownAgencyKind, "%q", p.Agency.Kind))
	}
	if p.Person.ID == uuid.Nil {
		bad("person.id", errorf(ErrMissingID, "person id is nil"))
	}
	if p.Matter == uuid.Nil {
		bad("matter_id", errorf(ErrMissingID, "matter id is nil"))
	}
	for i, f := range p.Facts {
		if !saneDecimal(f.Loss) {
			bad(fmt.Sprintf("facts[%d].loss", i), errorf(ErrInvalidLoss, "loss out of range (at most %d digits, exponent within ±%d)", maxDigits, maxExponent))
		} else if f.Loss.IsNegative() {
			bad(fmt.Sprintf("facts[%d].loss", i), errorf(ErrInvalidLoss, "loss %s is negative", f.Loss))
		}
	}
	for i, c := range p.Circumstances {
		switch c.Kind {
		case CircumstanceLighter, CircumstanceMitigated, CircumstanceHeavier, CircumstanceAggravated:
		default:
			bad(fmt.Sprintf("circumstances[%d].kind", i), errorf(ErrInvalidCircumstance, "unknown kind %q", c.Kind))
		}
	}
	m := p.Measure
	info, ok := m.Kind.info()
	if !ok {
		bad("measure.kind", errorf(ErrUnknownKind, "%q", m.Kind))
		return errs
	}
	if m.Kind != KindPayDeduction && !m.Deduction.IsZero() {
		bad("measure.deduction", errorf(ErrInvalidDeduction, "a deduction is given for %s", m.Kind))
	}
	if m.Kind != KindMarketBan && m.Permanent {
		bad("measure.permanent", errorf(ErrInvalidPeriod, "%s cannot be permanent by choice", m.Kind))
	}
	months := func(format string, args ...any) {
		bad("measure.months", errorf(ErrInvalidPeriod, format, args...))
	}
	switch {
	case info.family == FamilyParty:
		if !p.Person.PartyMember {
			bad("person.party_member", errorf(ErrNotPartyMember, "%s proposed for a person who is not a party member", m.Kind))
		}
		if m.Kind == KindPartyRemovalFromPost && !p.Person.PartyPost {
			bad("person.party_post", errorf(ErrNoPartyPost, "纪律处分条例 art. 11: give 严重警告 to a member without party post"))
		}
		if m.Kind == KindPartyProbation {
			if m.Months != 12 && m.Months != 24 {
				months("留党察看 lasts 12 or 24 months, not %d", m.Months)
			}
		} else if m.Months != 0 {
			months("%s takes no months, got %d", m.Kind, m.Months)
		}
	case info.family.isSanction():
		switch {
		case m.Months == 0:
		case info.permanent:
			months("%s has no period, got %d months", m.Kind, m.Months)
		case m.Months < info.months || m.Months > maxCombinedMonths:
			months("a combined period for %s lies between %d and %d months, got %d", m.Kind, info.months, maxCombinedMonths, m.Months)
		}
	case m.Kind == KindMarketBan:
		switch {
		case m.Permanent && m.Months != 0:
			months("a permanent market ban takes no months, got %d", m.Months)
		case !m.Permanent && (m.Months <= 0 || m.Months > maxBanMonths):
			months("a market ban lasts 1 to %d months or is permanent, got %d", maxBanMonths, m.Months)
		}
	default:
		if m.Months != 0 {
			months("%s takes no months, got %d", m.Kind, m.Months)
		}
	}
	if m.Kind == KindPayDeduction {
		errs = append(errs, validateDeduction(p, idx)...)
	}
	return errs
}

func validateDeduction(p *Proposal, idx int) []error {
	var errs []error
	d := p.Measure.Deduction
	bad := func(field string, format string, args ...any) {
		errs = append(errs, &ProposalError{Proposal: p.ID, Index: idx, Field: "measure.deduction." + field,
			Err: errorf(ErrInvalidDeduction, format, args...)})
	}
	if !saneDecimal(d.Value) || !saneDecimal(d.Base) {
		bad("value", "value or base out of range (at most %d digits, exponent within ±%d)", maxDigits, maxExponent)
		return errs
	}
	if d.Base.IsNegative() {
		bad("base", "base %s is negative", d.Base)
	}
	switch d.Basis {
	case DeductionPercent:
		switch {
		case d.Value.IsNegative():
			bad("value", "percentage %s is negative", d.Value)
		case d.Value.IsZero():
			bad("value", "percentage is zero")
		case d.Value.GreaterThan(decimal.New(100, 0)):
			bad("value", "percentage %s is above 100", d.Value)
		}
	case DeductionAmount:
		switch {
		case d.Value.IsNegative():
			bad("value", "amount %s is negative", d.Value)
		case d.Value.IsZero():
			bad("value", "amount is zero")
		case d.Base.IsPositive() && d.Value.GreaterThan(d.Base):
			bad("value", "amount %s is above the base %s", d.Value, d.Base)
		}
	default:
		bad("basis", "unknown basis %q (want %q or %q)", d.Basis, DeductionPercent, DeductionAmount)
	}
	return errs
}

// Bounds on decimals taken from input, so that comparing and adding them
// stays cheap: a decimal such as 1e999999999 would otherwise be expanded to
// a billion digits by the first comparison.
const (
	maxDigits   = 40
	maxExponent = 30
)

// saneDecimal reports whether d is within the bounds above.
func saneDecimal(d decimal.Decimal) bool {
	e := d.Exponent()
	return e >= -maxExponent && e <= maxExponent && d.NumDigits() <= maxDigits
}
