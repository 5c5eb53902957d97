package meeting

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// ObligationKind is the kind of duty a meeting policy fixes when a meeting is
// recorded: the next meeting, or the time limit of decisions of one kind
// (the kind is then the decision kind, e.g. "transfer_clue").
type ObligationKind string

// ObligationNextMeeting is the duty to hold the mechanism's next meeting.
const ObligationNextMeeting ObligationKind = "next_meeting"

// Valid reports whether k is next_meeting or a decision kind.
func (k ObligationKind) Valid() bool {
	return k == ObligationNextMeeting || DecisionKind(k).Valid()
}

// Obligation is a duty with a deadline fixed when the meeting was recorded,
// with the policy, bundle version and calendar that set it; later policy
// changes never move it. A due counted on days the calendar is not sure of
// says so (Certainty); a due the calendar could not count (its year had no
// data) is zero with the year it waits for (PendingYear): the meeting
// happened and is recorded. [Meeting.Refix] fixes both once the year's notice
// is loaded, keeping the earlier dues in Refixed.
type Obligation struct {
	Kind          ObligationKind `json:"kind"`
	Due           time.Time      `json:"due,omitzero"` // zero while PendingYear is set
	ArisenAt      time.Time      `json:"arisen_at,omitzero"`
	PolicyID      string         `json:"policy_id"`
	BundleVersion string         `json:"bundle_version,omitempty"`
	// Calendar is the content hash of the calendar the due was counted on.
	Calendar string `json:"calendar,omitempty"`
	// Certainty is how sure the due is (workday.Certainty); empty for a due no
	// calendar counted.
	Certainty workday.Certainty `json:"certainty,omitempty"`
	// PendingYear is the calendar year the due waits for; 0 once it is known.
	PendingYear int `json:"pending_year,omitempty"`
	// Refixed keeps every earlier due of the duty, oldest first.
	Refixed []PriorDue `json:"refixed,omitempty"`
}

// PriorDue is an earlier due of an obligation, replaced by a refix event.
type PriorDue = duty.PriorDue

func (o *Obligation) deadline() duty.Deadline {
	return duty.Deadline{Due: o.Due, Certainty: o.Certainty, PendingYear: o.PendingYear,
		Calendar: o.Calendar, BundleVersion: o.BundleVersion}
}

// Pending reports whether the due could not be counted yet.
func (o *Obligation) Pending() bool { return o.PendingYear != 0 }

// Provisional reports whether the due was counted on days the calendar is not
// sure of: reported, provisional or weekends-only data.
func (o *Obligation) Provisional() bool { return o.deadline().Provisional() }

func (o *Obligation) check() error {
	return fault("", duty.CheckRecord(string(o.Kind), o.Kind.Valid(), o.PolicyID, o.deadline()))
}

// Policy is what recording a meeting asks of the rules: with the meeting as recorded
// (decisions without a due instant still zero) and the hold step's instant, the duties that
// apply (the next meeting, the time limit of decisions of a kind) and what the rules find
// wrong with the meeting (findings, recorded with it, never refusing it). The rules/domain package
// implements it with CEL policies on the subject "meeting" (domain.Meeting); tests and hosts
// may use [PolicyFunc]. Every domain package asks the same question in its own vocabulary.
type Policy interface {
	Assess(ctx context.Context, m *Meeting, at time.Time) (Assessment, error)
}

// FocusedPolicy is a [Policy] that can answer for some of its rules only: [Meeting.Refix]
// and [RefixAll] ask it about the policies whose dues they count again, instead of all. Its
// answer must be the obligations Assess gives that come from those policies. The
// rules/domain policy implements it.
type FocusedPolicy interface {
	Policy
	AssessPolicies(ctx context.Context, m *Meeting, at time.Time, policyIDs []string) (Assessment, error)
}

// Finding is something a meeting policy found wrong with a meeting when it
// was recorded: a required member absent, a cadence too rare for the rule.
// A meeting is a fact — it happened as it happened — so findings never
// refuse the hold: they are recorded with it, in its first event and on the
// meeting, and replayed like every other field.
type Finding struct {
	PolicyID      string `json:"policy_id"`
	Reason        string `json:"reason,omitempty"`   // the policy's reason code, e.g. MEETING_MEMBER_ABSENT
	Severity      string `json:"severity,omitempty"` // "error" or "warning" (the rules package's severities)
	Message       string `json:"message,omitempty"`  // user-facing, e.g. 成员单位未到会：统计部门
	BundleVersion string `json:"bundle_version,omitempty"`
}

func (f *Finding) check() error {
	if f.PolicyID == "" {
		return invalid("policy_id", "empty")
	}
	return nil
}

// Assessment is a policy's answer about a meeting being recorded.
type Assessment struct {
	Obligations []Obligation `json:"obligations,omitempty"`
	Findings    []Finding    `json:"findings,omitempty"`
}

// PolicyFunc adapts a function to [Policy].
type PolicyFunc func(ctx context.Context, m *Meeting, at time.Time) (Assessment, error)

// Assess calls f.
func (f PolicyFunc) Assess(ctx context.Context, m *Meeting, at time.Time) (Assessment, error) {
	return f(ctx, m, at)
}

// ClueSource finds the clues decisions refer to. The host implements it over
// its store; [ClueMap] is a map-based one. A clue is identified by its ID: a
// source may return the same object on every lookup or a fresh one each
// time. [Meeting.ActOnClues] and [Meeting.RecordDuties] work on one copy per
// ID and on success write it back into the first object returned for that
// ID; the clue events they return are the record to persist either way.
type ClueSource interface {
	// Clue returns the clue with the given id, or false when there is none.
	Clue(id uuid.UUID) (*clue.Clue, bool)
}

// ClueMap is a [ClueSource] over a map.
type ClueMap map[uuid.UUID]*clue.Clue

// Clue implements [ClueSource].
func (m ClueMap) Clue(id uuid.UUID) (*clue.Clue, bool) {
	c, ok := m[id]
	return c, ok && c != nil
}

// Env is what the hold step needs besides the command: the policies that fix
// deadlines and the clues decisions refer to.
type Env struct {
	// Policy fixes the meeting's duties and reports its findings (may be nil).
	Policy Policy
	// ClueObligations is the clue policy (domain.Clue): a transfer
	// decision without its own due instant takes the clue's transfer time
	// limit from it (may be nil).
	ClueObligations clue.Policy
	// Clues resolves the clues decisions refer to; required when a decision
	// refers to a clue: a decision about an unknown clue is refused.
	Clues ClueSource
	// Rectifications resolves the problems decisions refer to (may be nil:
	// problems are then not looked up). When set, a decision about a problem
	// no rectification lists is refused.
	Rectifications RectificationSource
}
