package clue

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// ObligationKind is the kind of duty an obligation records.
type ObligationKind string

// Obligation kinds. The step that meets each kind is in the transition table
// ([Transition.Meets]).
const (
	ObligationTransfer        ObligationKind = "transfer"                  // sender: transfer the clue (移送时限)
	ObligationDisposalOpinion ObligationKind = "disposal_opinion"          // receiver: propose a disposal (处置意见)
	ObligationDisposal        ObligationKind = "disposal"                  // receiver: conclude the disposal (办结)
	ObligationProgress        ObligationKind = "progress_feedback"         // receiver → each sender (进展反馈)
	ObligationResult          ObligationKind = "result_feedback"           // receiver → each sender (结果反馈)
	ObligationLetterReply     ObligationKind = "letter_reply"              // the subject answers an inquiry letter
	ObligationComplainant     ObligationKind = "complainant_notice"        // tell a named reporter of acceptance
	ObligationComplainantEnd  ObligationKind = "complainant_result_notice" // tell a named reporter of the result
	ObligationEvaluation      ObligationKind = "evaluation"                // each sender evaluates (评估)
	// Duties a body outside the clue decides (a joint meeting's 交办, 并案 or
	// 提示函 decision), recorded with StepRecordDuty; no policy of the clue's
	// own gives them.
	ObligationAssign   ObligationKind = "assign"   // receiver: assign the clue to an office (分办), met by assign
	ObligationMerge    ObligationKind = "merge"    // receiver: merge the clue (并案), met by merge and absorb
	ObligationReminder ObligationKind = "reminder" // receiver: send a reminder (工作提示函) about an unmet duty, met by remind
)

// Valid reports whether k is a declared kind.
func (k ObligationKind) Valid() bool {
	switch k {
	case ObligationTransfer, ObligationDisposalOpinion, ObligationDisposal, ObligationProgress,
		ObligationResult, ObligationLetterReply, ObligationComplainant, ObligationComplainantEnd,
		ObligationEvaluation, ObligationAssign, ObligationMerge, ObligationReminder:
		return true
	}
	return false
}

// perSender reports whether a duty of this kind is owed once per sender: to
// each sender (feedback) or by each sender (evaluation).
func (k ObligationKind) perSender() bool {
	return k == ObligationProgress || k == ObligationResult || k == ObligationEvaluation
}

// Obligation is a duty with a deadline, fixed when it arose: the policy that
// set it, the bundle version and the calendar it was counted on are recorded,
// and later policy changes never move it.
//
// A due counted on days the calendar is not sure of (reported or provisional
// data, the weekends-only fallback) says so in Certainty, and a duty whose due
// the calendar could not count at all (its year had no data) is recorded with
// a zero Due and the year it waits for (PendingYear): the step that raised it
// happened. Both are fixed again by [Clue.Refix] when the year's notice is
// loaded, as a refix event; the earlier dues are kept in Refixed.
type Obligation struct {
	Kind ObligationKind `json:"kind"`
	// Obligor owes the duty: the source for transfer, each sender for
	// evaluation, the receiver otherwise (filled in when left zero).
	Obligor uuid.UUID `json:"obligor,omitzero"`
	// Beneficiary is the sender owed a feedback duty.
	Beneficiary   uuid.UUID `json:"beneficiary,omitzero"`
	Due           time.Time `json:"due,omitzero"` // zero while PendingYear is set
	Met           time.Time `json:"met,omitzero"`
	ArisenAt      time.Time `json:"arisen_at,omitzero"` // the instant of the event that recorded it
	PolicyID      string    `json:"policy_id"`
	BundleVersion string    `json:"bundle_version,omitempty"`
	// Calendar is the content hash of the calendar the due was counted on
	// (workday.Calendar.Version); empty for a due set by hand.
	Calendar string `json:"calendar,omitempty"`
	// Certainty is how sure the due is: official, reported, provisional or
	// weekends_only (workday.Certainty); empty for a due no calendar counted.
	Certainty workday.Certainty `json:"certainty,omitempty"`
	// PendingYear is the calendar year the due waits for; 0 once it is known.
	PendingYear int       `json:"pending_year,omitempty"`
	Origin      uuid.UUID `json:"origin,omitzero"` // the clue it arose on, when merged in from another clue
	// Refixed keeps every earlier due of the duty, oldest first.
	Refixed []PriorDue `json:"refixed,omitempty"`
}

// PriorDue is an earlier due of an obligation, replaced by a refix event.
type PriorDue = duty.PriorDue

// deadline is the deadline part of o, for the checks shared with the other
// domain packages.
func (o *Obligation) deadline() duty.Deadline {
	return duty.Deadline{Due: o.Due, Met: o.Met, Certainty: o.Certainty, PendingYear: o.PendingYear,
		Calendar: o.Calendar, BundleVersion: o.BundleVersion}
}

// Pending reports whether the due could not be counted yet.
func (o *Obligation) Pending() bool { return o.PendingYear != 0 }

// Provisional reports whether the due was counted on days the calendar is not
// sure of: reported, provisional or weekends-only data.
func (o *Obligation) Provisional() bool { return o.deadline().Provisional() }

// Overdue reports whether o is unmet and past its due instant at t. A pending
// obligation is never overdue: its due is not known.
func (o *Obligation) Overdue(t time.Time) bool { return o.deadline().Overdue(t) }

// OnTime reports whether o was met no later than its due instant.
func (o *Obligation) OnTime() bool { return o.deadline().OnTime() }

func (o *Obligation) same(p *Obligation) bool {
	return o.Kind == p.Kind && o.PolicyID == p.PolicyID && o.Beneficiary == p.Beneficiary && o.Obligor == p.Obligor
}

// Policy is what the clue lifecycle asks of the rules: at each step, with the clue as it
// stands after the step and the step's instant, which obligations apply and what the rules
// find wrong. The rules/domain package implements it with CEL policies (domain.Clue); tests and
// hosts may use [PolicyFunc]. Every domain package asks the same question in its own
// vocabulary (rectification.Policy, meeting.Policy, sanction.Policy).
//
// Assess returns every obligation that applies (already recorded ones are recognised by
// kind, policy id, beneficiary and obligor and ignored). For per-sender kinds (progress and
// result feedback, evaluation) a zero Beneficiary (feedback) or Obligor (evaluation) means
// "one for each sender". Findings are informational for clues: a step records obligations,
// not findings (a clue's compliance is a Check). The Assessment returned is the caller's: the
// lifecycle may write into its slices, so a policy must not return slices it keeps.
type Policy interface {
	Assess(ctx context.Context, c *Clue, at time.Time) (Assessment, error)
}

// FocusedPolicy is a [Policy] that can answer for some of its rules only: [Clue.Refix] and
// [RefixAll] ask it about the policies whose dues they count again, instead of all. Its answer
// must be the obligations Assess gives that come from those policies. The rules/domain
// policy implements it.
type FocusedPolicy interface {
	Policy
	AssessPolicies(ctx context.Context, c *Clue, at time.Time, policyIDs []string) (Assessment, error)
}

// Assessment is a policy's answer about a clue at an instant.
type Assessment struct {
	Obligations []Obligation `json:"obligations,omitempty"`
	Findings    []Finding    `json:"findings,omitempty"`
}

// Finding is a rule the clue breaks, as a policy reports it.
type Finding struct {
	PolicyID      string `json:"policy_id"`
	Reason        string `json:"reason,omitempty"`
	Severity      string `json:"severity,omitempty"` // "error", "warning" or "info"
	Message       string `json:"message,omitempty"`
	BundleVersion string `json:"bundle_version,omitempty"`
}

// PolicyFunc adapts a function to [Policy].
type PolicyFunc func(ctx context.Context, c *Clue, at time.Time) (Assessment, error)

// Assess calls f.
func (f PolicyFunc) Assess(ctx context.Context, c *Clue, at time.Time) (Assessment, error) {
	return f(ctx, c, at)
}

// arising asks p for c's obligations and returns those not yet recorded,
// normalised (obligor, per-sender expansion, arisen instant).
func arising(ctx context.Context, p Policy, c *Clue, at time.Time) ([]Obligation, error) {
	if p == nil {
		return nil, nil
	}
	a, err := p.Assess(ctx, c, at)
	if err != nil {
		return nil, &PolicyError{Err: err}
	}
	return normalize(c, a.Obligations, at, true)
}

// normalize checks the obligations a policy returned for c and expands them:
// obligor filled in, per-sender kinds once per sender, arisen at the given
// instant. With fresh set, those already recorded on c are left out.
func normalize(c *Clue, got []Obligation, at time.Time, fresh bool) ([]Obligation, error) {
	senders := c.Senders()
	var out []Obligation
	if len(senders) <= 1 {
		// At most one obligation for each returned: normalized in place, each read before
		// its slot is written (the assessment is the caller's).
		out = got[:0]
	} else {
		out = make([]Obligation, 0, len(got)*len(senders))
	}
	add := func(o Obligation) {
		if fresh {
			for i := range c.Obligations {
				if c.Obligations[i].same(&o) {
					return
				}
			}
		}
		for i := range out {
			if out[i].same(&o) {
				return
			}
		}
		out = append(out, o)
	}
	for _, o := range got {
		if err := o.check(c); err != nil {
			return nil, &PolicyError{PolicyID: o.PolicyID, Kind: o.Kind, Err: err}
		}
		o.Met, o.ArisenAt, o.Origin, o.Refixed = time.Time{}, at, uuid.Nil, nil
		switch {
		case o.Kind == ObligationEvaluation && o.Obligor == uuid.Nil:
			for _, s := range senders {
				o.Obligor = s
				add(o)
			}
			continue
		case o.Kind.perSender() && o.Kind != ObligationEvaluation && o.Beneficiary == uuid.Nil:
			o.Obligor = orID(o.Obligor, c.Receiver.ID)
			for _, s := range senders {
				o.Beneficiary = s
				add(o)
			}
			continue
		case o.Kind == ObligationTransfer:
			o.Obligor = orID(o.Obligor, c.Source.ID)
		default:
			o.Obligor = orID(o.Obligor, c.Receiver.ID)
		}
		add(o)
	}
	return out, nil
}

func orID(id, def uuid.UUID) uuid.UUID {
	if id == uuid.Nil {
		return def
	}
	return id
}

// check validates an obligation as a policy returned it (c non-nil) or as an
// event recorded it (c nil).
func (o *Obligation) check(c *Clue) error {
	if err := fault("", duty.CheckRecord(string(o.Kind), o.Kind.Valid(), o.PolicyID, o.deadline())); err != nil {
		return err
	}
	if c != nil && o.Beneficiary != uuid.Nil && !c.isSender(o.Beneficiary) {
		return invalid("beneficiary", "%s is not a sender of the clue", o.Beneficiary)
	}
	return nil
}

// meet marks as met at t the unmet obligations of the given kinds; for
// per-sender kinds only those of the party (beneficiary for feedback, obligor
// for evaluation).
func (c *Clue) meet(kinds []ObligationKind, party uuid.UUID, t time.Time) {
	for i := range c.Obligations {
		o := &c.Obligations[i]
		if !o.Met.IsZero() || !slices.Contains(kinds, o.Kind) {
			continue
		}
		switch {
		case o.Kind == ObligationEvaluation && o.Obligor != party,
			o.Kind.perSender() && o.Kind != ObligationEvaluation && o.Beneficiary != party:
			continue
		}
		o.Met = t
	}
}

// defaultObligor is who owes a duty of kind k on c when none is named: the
// source for a transfer, the receiver otherwise.
func (c *Clue) defaultObligor(k ObligationKind) uuid.UUID {
	if k == ObligationTransfer {
		return c.Source.ID
	}
	return c.Receiver.ID
}

// isParty reports whether id is a party of c: a sender (the source or the
// source of a merged clue), the receiver or the office it assigned.
func (c *Clue) isParty(id uuid.UUID) bool {
	return id != uuid.Nil && (id == c.Receiver.ID || id == c.AssignedTo.ID || c.isSender(id))
}

// recordedDuty is the duty a record_duty event records on c: the command's,
// unmet, arisen at the step's instant unless it names an earlier one, owed by
// the default obligor unless it names one.
func (c *Clue) recordedDuty(e *Event) Obligation {
	o := *e.Duty
	o.Met, o.Origin = time.Time{}, uuid.Nil
	if o.ArisenAt.IsZero() {
		o.ArisenAt = e.At
	}
	o.Obligor = orID(o.Obligor, c.defaultObligor(o.Kind))
	return o
}

// checkDuty is the guard duty_valid: the duty of a record_duty event is well
// formed and fits c.
func (c *Clue) checkDuty(e *Event) error {
	if e.Duty == nil {
		return invalid("duty", "required")
	}
	d := e.Duty
	switch {
	case !d.Kind.Valid():
		return unknown("duty.kind", d.Kind)
	case d.PolicyID == "":
		return invalid("duty.policy_id", "required: it names the decision that set the duty")
	case d.Due.IsZero():
		return invalid("duty.due", "zero instant")
	case !d.Met.IsZero():
		return invalid("duty.met", "a duty is recorded unmet")
	case d.Origin != uuid.Nil:
		return invalid("duty.origin", "set only when a clue is merged")
	case d.ArisenAt.After(e.At):
		return invalid("duty.arisen_at", "after the step (%s)", e.At.Format(time.RFC3339))
	}
	o := c.recordedDuty(e)
	switch {
	case o.Due.Before(o.ArisenAt):
		return invalid("duty.due", "before the duty arose (%s)", o.ArisenAt.Format(time.RFC3339))
	case !c.isParty(o.Obligor):
		return invalid("duty.obligor", "%s is not a party of the clue", o.Obligor)
	case o.Kind == ObligationEvaluation && !c.isSender(o.Obligor):
		return invalid("duty.obligor", "an evaluation is owed by a sender; %s is not one", o.Obligor)
	case o.Kind.perSender() && o.Kind != ObligationEvaluation && !c.isSender(o.Beneficiary):
		return invalid("duty.beneficiary", "a feedback duty is owed to a sender of the clue; %s is not one", o.Beneficiary)
	case o.Beneficiary != uuid.Nil && !o.Kind.perSender():
		return invalid("duty.beneficiary", "only a feedback duty has a beneficiary")
	}
	for i := range c.Obligations {
		if c.Obligations[i].same(&o) && c.Obligations[i].Met.IsZero() {
			return invalid("duty", "an unmet %q duty of %s is already recorded", o.Kind, o.PolicyID)
		}
	}
	return nil
}
