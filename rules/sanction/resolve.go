package sanction

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/guantong/guantong/rules/workday"
)

// Resolver resolves proposals into the measures to apply. It is immutable
// after New and safe for concurrent use when its policy is. The zero
// Resolver (and a nil *Resolver) applies national law without a calendar.
type Resolver struct {
	policy   Policy
	cal      *workday.Calendar
	shortest bool
}

// Option configures a Resolver (see New). A nil Option is ignored.
type Option func(*Resolver)

// WithPolicy sets the policy the resolver asks about each proposal; a nil
// policy keeps national law ([National]).
func WithPolicy(p Policy) Option { return func(r *Resolver) { r.policy = p } }

// WithCalendar moves the last day of every period and effect that falls on a
// rest day or statutory holiday to the next working day, as Civil Code art.
// 203 does for deadlines (workday.Calendar.AddMonths). Without it the last
// day is the Civil Code month end (arts. 201–202), unmoved; see Period. The
// calendar must cover the years the periods end in (or use its weekend
// fallback), else Resolve fails with a *PeriodError matching
// workday.ErrNoData.
func WithCalendar(c *workday.Calendar) Option { return func(r *Resolver) { r.cal = c } }

// WithShortestPeriods makes Resolve choose the lower end where the law leaves
// a period to the deciding organ and no proposal asks for one: the combined
// period of identical government sanctions (art. 15) and the probation of an
// escalated 留党察看 (1 or 2 years). By default the upper end is chosen. The
// range is reported either way (Period.Range).
func WithShortestPeriods() Option { return func(r *Resolver) { r.shortest = true } }

// New returns a Resolver.
func New(opts ...Option) *Resolver {
	r := &Resolver{}
	for _, o := range opts {
		if o != nil {
			o(r)
		}
	}
	return r
}

// Resolve resolves proposals under national law without a calendar; see
// Resolver.Resolve. National law is pure Go and needs no context.
func Resolve(proposals []Proposal, decided time.Time) (Result, error) {
	return (*Resolver)(nil).Resolve(context.Background(), proposals, decided)
}

// entry is a validated proposal with its policy values.
type entry struct {
	p     *Proposal
	idx   int
	key   string
	class string
	sev   int
	w     Weight
	hasW  bool
	info  kindInfo
}

// loss is a proposal that is not applied.
type loss struct {
	e      *entry
	by     *entry
	reason Reason
	cite   Citation
}

// unit is the resolution of one class within one group: the lead (the
// prevailing proposal), the proposals identical to it and the others.
type unit struct {
	members []*entry // lead first
	losers  []loss
}

func (u *unit) lead() *entry { return u.members[0] }

// final is a measure to apply, before rendering.
type final struct {
	measure Measure
	family  Family
	class   string
	rule    Rule
	units   []*unit // the units it rests on
	absorb  []loss  // proposals absorbed at the several-violations step
	losers  []loss  // the losers of absorbed units, still covered by this measure
	rng     MonthRange
	from    []Kind // the per-violation kinds combined, for explanations
}

// Resolve returns the measures to apply for the proposals, grouped by person,
// and every proposal not applied with the reason. decided is the decision
// date the periods run from (with the zero time no dates are computed) and
// the instant whose rules the policy applies. ctx bounds the policy's work;
// a nil ctx is ErrNilContext.
//
// Steps:
//  1. Validation. Every proposal is checked and all faults are returned
//     together (errors.Join of *ProposalError), before any hook runs.
//  2. Grouping. Proposals of one person with equal Policy.GroupKey are about
//     one act. Within a group, proposals of the same Policy.Class are
//     comparable: the heaviest (Policy.Severity, then Policy.DeductionWeight
//     for pay deductions) prevails once and the others are subsumed
//     (从重但不重复, seed 002); identical measures are merged into one
//     applied measure resting on all of them (能合并处理的则合并), except that a
//     government or enterprise sanction proposed by a second organ is
//     subsumed (政务处分法 art. 16). Measures of different classes stand
//     together (art. 17).
//  3. Several violations (distinct groups) of one person are combined by
//     each family's law: party sanctions escalate (纪律处分条例 art. 24: the
//     highest raised one grade, 开除党籍 if any warrants it; for a person
//     without party post 撤销党内职务 is skipped, art. 11); government and
//     enterprise sanctions absorb (art. 15: only the heaviest kind is
//     executed; several identical ones at 撤职 or below give one sanction with
//     a period between the longest single period and the sum, at most 48
//     months); organizational handling absorbs (library default);
//     accountability measures stand per matter.
//  4. Periods and effects of the applied measures, from decided.
//
// Equal inputs in any order give equal results: every choice is made by a
// total order ending in the proposal ID.
func (r *Resolver) Resolve(ctx context.Context, proposals []Proposal, decided time.Time) (Result, error) {
	if ctx == nil {
		return Result{}, ErrNilContext
	}
	var cfg Resolver
	if r != nil {
		cfg = *r
	}
	var pol Policy = Hooks{}
	if cfg.policy != nil {
		pol = cfg.policy
	}

	if errs := validateAll(proposals); len(errs) > 0 {
		return Result{}, joinErrors(errs)
	}

	entries := make([]entry, len(proposals))
	var errs []error
	for i := range proposals {
		e, err := assessOne(ctx, pol, &proposals[i], i, decided)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries[i] = e
	}
	if len(errs) > 0 {
		return Result{}, joinErrors(errs)
	}

	ptrs := make([]*entry, len(entries))
	for i := range entries {
		ptrs[i] = &entries[i]
	}
	slices.SortFunc(ptrs, compareEntries)

	res := Result{Persons: []PersonResult{}}
	hasDate := !decided.IsZero()
	if hasDate {
		res.DecidedOn = workday.DateOf(decided)
	}
	for start := 0; start < len(ptrs); {
		end := start + 1
		for end < len(ptrs) && ptrs[end].p.Person.ID == ptrs[start].p.Person.ID {
			end++
		}
		units, err := buildUnits(ptrs[start:end])
		if err != nil {
			return Result{}, err
		}
		finals, err := combine(units, ptrs[start].p.Person, cfg.shortest)
		if err != nil {
			return Result{}, err
		}
		pr, err := cfg.render(ptrs[start].p.Person, finals, decided, hasDate)
		if err != nil {
			return Result{}, err
		}
		res.Persons = append(res.Persons, pr)
		start = end
	}
	return res, nil
}

func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// assessOne asks the policy about one proposal.
func assessOne(ctx context.Context, pol Policy, p *Proposal, idx int, at time.Time) (entry, error) {
	info, _ := p.Measure.Kind.info()
	e := entry{p: p, idx: idx, info: info}
	fail := func(hook string, err error) (entry, error) {
		return entry{}, &PolicyError{Proposal: p.ID, Index: idx, Hook: hook, Err: err}
	}
	a, err := pol.Assess(ctx, p, at)
	if err != nil {
		var he *hookError
		if errors.As(err, &he) {
			return fail(he.hook, he.err)
		}
		return fail("assess", err)
	}
	e.key, e.class, e.sev = a.GroupKey, a.Class, a.Severity
	if p.Measure.Kind == KindPayDeduction {
		e.w = a.Weight
	}
	if e.key == "" {
		return fail("group_key", errors.New("empty group key"))
	}
	if e.class == "" {
		return fail("class", errors.New("empty class"))
	}
	if p.Measure.Kind == KindPayDeduction {
		if e.w.Unit == "" {
			return fail("deduction_weight", errors.New("weight without unit"))
		}
		if !saneDecimal(e.w.Value) {
			return fail("deduction_weight", errors.New("weight out of range"))
		}
		e.hasW = true
	}
	return e, nil
}

// heavier compares the severity of a and b: >0 when a is heavier. It looks at
// the policy severity, then the deduction weight, then the length of a
// probation or market ban.
func heavier(a, b *entry) int {
	if c := cmp.Compare(a.sev, b.sev); c != 0 {
		return c
	}
	if a.hasW && b.hasW {
		if c := a.w.Value.Cmp(b.w.Value); c != 0 {
			return c
		}
	}
	if a.info.family.isSanction() || b.info.family.isSanction() {
		return 0 // Months of a sanction is a request, not a severity
	}
	if a.p.Measure.Permanent != b.p.Measure.Permanent {
		if a.p.Measure.Permanent {
			return 1
		}
		return -1
	}
	return cmp.Compare(a.p.Measure.Months, b.p.Measure.Months)
}

// compareEntries orders by person, group, class, then heaviest first, then a
// deterministic tie-break ending in the proposal ID.
func compareEntries(a, b *entry) int {
	if c := bytes.Compare(a.p.Person.ID[:], b.p.Person.ID[:]); c != 0 {
		return c
	}
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	if c := strings.Compare(a.class, b.class); c != 0 {
		return c
	}
	if c := heavier(a, b); c != 0 {
		return -c
	}
	if c := cmp.Compare(a.info.family.rank(), b.info.family.rank()); c != 0 {
		return c
	}
	if c := cmp.Compare(b.info.grade, a.info.grade); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.p.Measure.Kind), string(b.p.Measure.Kind)); c != 0 {
		return c
	}
	return bytes.Compare(a.p.ID[:], b.p.ID[:])
}

// buildUnits resolves each (group, class) run of one person's sorted entries.
func buildUnits(es []*entry) ([]*unit, error) {
	var units []*unit
	for start := 0; start < len(es); {
		end := start + 1
		for end < len(es) && es[end].key == es[start].key && es[end].class == es[start].class {
			end++
		}
		w := es[start]
		u := &unit{members: []*entry{w}}
		for _, e := range es[start+1 : end] {
			if e.hasW && w.hasW && e.sev == w.sev && e.w.Unit != w.w.Unit {
				return nil, &ProposalError{Proposal: e.p.ID, Index: e.idx, Field: "measure.deduction", Other: w.p.ID,
					Err: errorf(ErrIncomparable, "deduction weighed in %q cannot be compared with one weighed in %q", e.w.Unit, w.w.Unit)}
			}
			dupSanction := e.info.family.isSanction() && w.info.family.isSanction() && e.p.Agency.ID != w.p.Agency.ID
			switch {
			case dupSanction:
				u.losers = append(u.losers, loss{e: e, by: w, reason: ReasonNoDuplicateSanction, cite: citeGov("第十六条")})
			case e.p.Measure.Equal(w.p.Measure):
				u.members = append(u.members, e)
			case heavier(w, e) > 0:
				u.losers = append(u.losers, loss{e: e, by: w, reason: ReasonHeavierPrevails, cite: citeHeavier()})
			default:
				u.losers = append(u.losers, loss{e: e, by: w, reason: ReasonEqualSeverity, cite: citeLibrary(artLibEqual)})
			}
		}
		units = append(units, u)
		start = end
	}
	return units, nil
}

// combine applies each family's several-violations law to one person's units.
func combine(units []*unit, person Person, shortest bool) ([]*final, error) {
	finals := make([]*final, 0, len(units))
	families := [...]Family{FamilyParty, FamilyGovernment, FamilyEnterprise, FamilyOrganizational}
	var byFamily [len(families)][]*unit
	for _, u := range units {
		i := slices.Index(families[:], u.lead().info.family)
		if i < 0 {
			finals = append(finals, single(u))
			continue
		}
		byFamily[i] = append(byFamily[i], u)
	}
	for i, f := range families {
		us := byFamily[i]
		switch {
		case len(us) == 0:
			continue
		case len(us) == 1:
			finals = append(finals, single(us[0]))
		case f == FamilyParty:
			finals = append(finals, escalate(us, person, shortest))
		case f == FamilyOrganizational:
			finals = append(finals, absorb(us, f))
		default:
			fin, err := absorbSanctions(us, f, shortest)
			if err != nil {
				return nil, err
			}
			finals = append(finals, fin)
		}
	}
	return finals, nil
}

func single(u *unit) *final {
	rule := RuleProposed
	if len(u.members) > 1 {
		rule = RuleMerged
	}
	l := u.lead()
	m := l.p.Measure
	if l.info.family.isSanction() {
		m.Months = l.info.months
	}
	return &final{measure: m, family: l.info.family, class: l.class, rule: rule, units: []*unit{u}}
}

func maxGrade(us []*unit) int {
	g := 0
	for _, u := range us {
		g = max(g, u.lead().info.grade)
	}
	return g
}

func kindsOf(us []*unit) []Kind {
	ks := make([]Kind, len(us))
	for i, u := range us {
		ks[i] = u.lead().p.Measure.Kind
	}
	return ks
}

// escalate applies 纪律处分条例 art. 24 to several party violations.
func escalate(us []*unit, person Person, shortest bool) *final {
	top := maxGrade(us)
	g := top
	if top < KindPartyExpulsion.Grade() {
		g = top + 1
		if kindAt(FamilyParty, g) == KindPartyRemovalFromPost && !person.PartyPost {
			g++ // art. 11: no party post to remove; the next grade is 留党察看
		}
	}
	m := Measure{Kind: kindAt(FamilyParty, g)}
	var rng MonthRange
	if m.Kind == KindPartyProbation {
		rng = MonthRange{Min: 12, Max: 24}
		m.Months = rng.Max
		if shortest {
			m.Months = rng.Min
		}
	}
	return &final{measure: m, family: FamilyParty, class: us[0].lead().class, rule: RulePartyEscalation,
		units: us, rng: rng, from: kindsOf(us)}
}

// absorb keeps the heaviest organizational handling of several matters.
func absorb(us []*unit, f Family) *final {
	top := maxGrade(us)
	fin := &final{family: f, from: kindsOf(us)}
	var lead *entry
	for _, u := range us {
		if u.lead().info.grade == top {
			if lead == nil {
				lead = u.lead()
				fin.measure = lead.p.Measure
				fin.class = lead.class
			}
			fin.units = append(fin.units, u)
		}
	}
	for _, u := range us {
		if u.lead().info.grade != top {
			for _, e := range u.members {
				fin.absorb = append(fin.absorb, loss{e: e, by: lead, reason: ReasonAbsorbed, cite: citeLibrary(artLibOrg)})
			}
			fin.losers = append(fin.losers, u.losers...)
		}
	}
	switch {
	case len(fin.absorb) > 0:
		fin.rule = RuleOrganizationalAbsorption
	default:
		fin.rule = RuleMerged
	}
	return fin
}

// absorbSanctions applies 政务处分法 art. 15 (国有企业管理人员处分条例 art. 9)
// to several government or enterprise violations.
func absorbSanctions(us []*unit, f Family, shortest bool) (*final, error) {
	top := maxGrade(us)
	kind := kindAt(f, top)
	statutory, permanent := kind.StatutoryPeriod()
	fin := &final{family: f, measure: Measure{Kind: kind, Months: statutory}, from: kindsOf(us)}
	var lead *entry
	heavy := 0
	for _, u := range us {
		if u.lead().info.grade == top {
			if lead == nil {
				lead = u.lead()
				fin.class = lead.class
			}
			heavy++
			fin.units = append(fin.units, u)
		}
	}
	cite := combinationCitation(f)
	for _, u := range us {
		if u.lead().info.grade != top {
			for _, e := range u.members {
				fin.absorb = append(fin.absorb, loss{e: e, by: lead, reason: ReasonAbsorbed, cite: cite})
			}
			fin.losers = append(fin.losers, u.losers...)
		}
	}
	switch {
	case heavy >= 2 && !permanent:
		fin.rule = RuleGovernmentCombination
		fin.rng = MonthRange{Min: statutory, Max: min(statutory*heavy, 48)}
		fin.measure.Months = fin.rng.Max
		if shortest {
			fin.measure.Months = fin.rng.Min
		}
		// A proposal may ask for the combined period; the longest request wins.
		var asked *entry
		for _, u := range fin.units {
			for _, e := range u.members {
				if e.p.Measure.Months != 0 && (asked == nil || e.p.Measure.Months > asked.p.Measure.Months ||
					e.p.Measure.Months == asked.p.Measure.Months && bytes.Compare(e.p.ID[:], asked.p.ID[:]) < 0) {
					asked = e
				}
			}
		}
		if asked != nil {
			if asked.p.Measure.Months > fin.rng.Max {
				return nil, &ProposalError{Proposal: asked.p.ID, Index: asked.idx, Field: "measure.months",
					Err: errorf(ErrInvalidPeriod, "combined period of %d months asked for, but art. 15 allows %d to %d months here",
						asked.p.Measure.Months, fin.rng.Min, fin.rng.Max)}
			}
			fin.measure.Months = asked.p.Measure.Months
		}
	case len(fin.absorb) > 0:
		fin.rule = RuleGovernmentAbsorption
	default:
		fin.rule = RuleMerged // several acts each warranting 开除
	}
	return fin, nil
}
