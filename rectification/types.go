package rectification

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/internal/duty"
	"github.com/guantong/guantong/rules/workday"
)

// RecommendationKind is the kind of written demand that starts a rectification.
type RecommendationKind string

// Recommendation kinds.
const (
	KindDisciplineInspection RecommendationKind = "discipline_inspection_recommendation" // 纪检监察建议
	KindSupervision          RecommendationKind = "supervision_recommendation"           // 监察建议
	KindTourFeedback         RecommendationKind = "tour_feedback"                        // 巡视巡察反馈意见
	KindAuditRequirement     RecommendationKind = "audit_requirement"                    // 审计整改要求
)

// Valid reports whether k is a declared kind.
func (k RecommendationKind) Valid() bool {
	switch k {
	case KindDisciplineInspection, KindSupervision, KindTourFeedback, KindAuditRequirement:
		return true
	}
	return false
}

// Recommendation is the written demand to rectify (纪检监察建议, 监察建议, 巡察反馈,
// 审计整改要求). Its deadlines are data: each recommendation sets its own reply
// and rectification deadlines (no national rule fixes them); policies check
// them and turn them into obligations.
type Recommendation struct {
	Kind      RecommendationKind `json:"kind"`
	Number    string             `json:"number,omitempty"` // e.g. 宁纪建〔2026〕3号
	Issuer    clue.Agency        `json:"issuer"`           // 制发单位
	Recipient clue.Agency        `json:"recipient"`        // 被建议（整改）单位
	// Supervisors may verify, sign off and look back besides the issuer, e.g.
	// the stationed discipline group that supervises a tour's rectification.
	Supervisors []clue.Agency `json:"supervisors,omitempty"`
	Summary     string        `json:"summary,omitempty"`
	Document    string        `json:"document,omitempty"` // hash or reference of the issued document
	IssuedAt    time.Time     `json:"issued_at"`
	// Deadline is the rectification deadline (整改期限), ReplyDue the deadline
	// of the written reply on adoption and rectification (书面回复). An act at
	// x meets a deadline d iff !x.After(d).
	Deadline  time.Time `json:"deadline"`
	ReplyDue  time.Time `json:"reply_due,omitzero"`
	RepliedAt time.Time `json:"replied_at,omitzero"` // set by the reply step
	Reply     string    `json:"reply,omitempty"`
}

// Severity grades a problem.
type Severity string

// Severities.
const (
	SeverityGeneral Severity = "general" // 一般
	SeveritySerious Severity = "serious" // 较重
	SeverityMajor   Severity = "major"   // 严重
)

// Valid reports whether s is a declared severity.
func (s Severity) Valid() bool {
	return s == SeverityGeneral || s == SeveritySerious || s == SeverityMajor
}

// SourceKind is where a problem was found.
type SourceKind string

// Source kinds.
const (
	SourceClue        SourceKind = "clue"          // a problem clue (Source.Clue)
	SourceAudit       SourceKind = "audit_finding" // 审计发现
	SourceTour        SourceKind = "tour_finding"  // 巡视巡察发现
	SourceSupervision SourceKind = "supervision"   // 日常监督、专项监督发现
	SourceMeeting     SourceKind = "meeting"       // a joint meeting's decision
	SourceSelf        SourceKind = "self_check"    // 自查自纠
)

// Valid reports whether k is a declared source kind.
func (k SourceKind) Valid() bool {
	switch k {
	case SourceClue, SourceAudit, SourceTour, SourceSupervision, SourceMeeting, SourceSelf:
		return true
	}
	return false
}

// Source says where a problem came from.
type Source struct {
	Kind      SourceKind `json:"kind"`
	Clue      uuid.UUID  `json:"clue,omitzero"`       // for SourceClue: the clue's id
	Reference string     `json:"reference,omitempty"` // report, finding or decision reference
}

// State is where a rectification or one of its problems stands.
type State string

// States. A rectification is issued or not (StateNone); its problems move
// open → in_progress → claimed_rectified → signed_off, a rejected claim goes
// back to in_progress and a look-back that finds a relapse reopens a
// signed-off problem in in_progress. Overdue is not a state: see
// [Problem.Overdue].
const (
	StateNone       State = ""
	StateIssued     State = "issued"            // the recommendation is issued
	StateOpen       State = "open"              // 问题已列入清单
	StateInProgress State = "in_progress"       // 整改中
	StateClaimed    State = "claimed_rectified" // 申请销号（自报已整改）
	StateSignedOff  State = "signed_off"        // 已核实销号
)

// Task is a rectification measure on the task list (任务清单) with its
// responsible unit and person (责任清单).
type Task struct {
	ID                uuid.UUID   `json:"id"`
	Measure           string      `json:"measure"`          // 整改措施
	ResponsibleUnit   clue.Agency `json:"responsible_unit"` // 责任单位
	ResponsiblePerson clue.Person `json:"responsible_person"`
	Due               time.Time   `json:"due,omitzero"` // zero: the problem's due in the task's round
	AssignedAt        time.Time   `json:"assigned_at,omitzero"`
	// Round is the number of relapses (反弹) the problem had when the task
	// was assigned: 0 for the first round. Set by the step.
	Round   int       `json:"round,omitempty"`
	DoneAt  time.Time `json:"done_at,omitzero"`
	Outcome string    `json:"outcome,omitempty"`
}

// Evidence is proof of what was done. Only the document's hash is held
// ("sha256:" and 64 lower-case hex digits); the host stores the content.
type Evidence struct {
	Summary    string      `json:"summary"` // what was done
	Document   string      `json:"document,omitempty"`
	Hash       string      `json:"hash"`
	At         time.Time   `json:"at,omitzero"` // submitted
	By         clue.Person `json:"by,omitzero"` // submitted by: id and name required
	VerifiedBy clue.Person `json:"verified_by,omitzero"`
	VerifiedAt time.Time   `json:"verified_at,omitzero"`
	// Superseded marks evidence of an earlier round: submitted before a
	// rejection of the claim or before a relapse. It no longer counts for a
	// claim or a sign-off; it is kept.
	Superseded bool `json:"superseded,omitempty"`
}

// Claim is the recipient's report that a problem is rectified (申请销号).
type Claim struct {
	At      time.Time  `json:"at"`
	By      clue.Actor `json:"by"`
	Summary string     `json:"summary,omitempty"`
}

// SignOff is a verification that closed a problem (销号).
type SignOff struct {
	At       time.Time   `json:"at"`
	Agency   uuid.UUID   `json:"agency"`
	Verifier clue.Person `json:"verifier"`
	Opinion  string      `json:"opinion,omitempty"`
}

// Rejection is a verification that refused a claim.
type Rejection struct {
	At       time.Time   `json:"at"`
	Agency   uuid.UUID   `json:"agency"`
	Verifier clue.Person `json:"verifier,omitzero"`
	Reason   string      `json:"reason"`
}

// ReviewFinding is what a look-back found.
type ReviewFinding string

// Findings.
const (
	FindingHolds    ReviewFinding = "holds"    // 整改成效巩固
	FindingRelapsed ReviewFinding = "relapsed" // 问题反弹
)

// Review is a look-back (回头看) at a signed-off problem.
type Review struct {
	At       time.Time     `json:"at"`
	Agency   uuid.UUID     `json:"agency"`
	Reviewer clue.Person   `json:"reviewer,omitzero"`
	Finding  ReviewFinding `json:"finding"`
	Note     string        `json:"note,omitempty"`
	NewDue   time.Time     `json:"new_due,omitzero"` // for a relapse: the new rectification deadline
	// PreviousDue is, for a relapse, the due of the round it ended (what
	// [Rectification.DueAt] answered before). Set by the step.
	PreviousDue time.Time `json:"previous_due,omitzero"`
}

// Obligation is a duty with a deadline, fixed when it arose with the policy,
// bundle version and calendar that set it. Later policy changes never move
// it. A due counted on days the calendar is not sure of says so (Certainty);
// a due the calendar could not count (its year had no data) is zero with the
// year it waits for (PendingYear). [Rectification.Refix] fixes both once the
// year's notice is loaded, keeping the earlier dues in Refixed.
type Obligation struct {
	Kind          ObligationKind `json:"kind"`
	Problem       uuid.UUID      `json:"problem,omitzero"` // the problem it belongs to; nil for the reply
	Obligor       uuid.UUID      `json:"obligor"`          // the agency that owes the duty
	Due           time.Time      `json:"due,omitzero"`     // zero while PendingYear is set
	Met           time.Time      `json:"met,omitzero"`
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
	return duty.Deadline{Due: o.Due, Met: o.Met, Certainty: o.Certainty, PendingYear: o.PendingYear,
		Calendar: o.Calendar, BundleVersion: o.BundleVersion}
}

// Pending reports whether the due could not be counted yet.
func (o *Obligation) Pending() bool { return o.PendingYear != 0 }

// Provisional reports whether the due was counted on days the calendar is not
// sure of: reported, provisional or weekends-only data.
func (o *Obligation) Provisional() bool { return o.deadline().Provisional() }

// Overdue reports whether o is unmet and past its due instant at now; a
// pending obligation is never overdue.
func (o *Obligation) Overdue(now time.Time) bool { return o.deadline().Overdue(now) }

// OnTime reports whether o was met no later than its due instant.
func (o *Obligation) OnTime() bool { return o.deadline().OnTime() }

// Problem is an item of the problem list (问题清单) with its tasks, evidence
// and history. Change it only through the lifecycle.
type Problem struct {
	ID          uuid.UUID `json:"id"`
	Number      string    `json:"number,omitempty"`
	Description string    `json:"description"`
	Field       string    `json:"field,omitempty"` // 领域, e.g. 医保基金、工程建设
	Severity    Severity  `json:"severity"`
	Source      Source    `json:"source"`
	// Key marks a key problem (重点问题) for the first of the four lists.
	Key bool `json:"key,omitempty"`
	// Gap marks a problem that exposes an institutional gap (制度漏洞): it is
	// not fully answered until an institution is built for it (制度健全度).
	Gap   bool      `json:"gap,omitempty"`
	State State     `json:"state"`
	Due   time.Time `json:"due,omitzero"` // zero: the recommendation's deadline

	OpenedAt    time.Time `json:"opened_at"`
	StartedAt   time.Time `json:"started_at,omitzero"`
	ClaimedAt   time.Time `json:"claimed_at,omitzero"`    // the current claim
	SignedOffAt time.Time `json:"signed_off_at,omitzero"` // the current sign-off
	ReopenedAt  time.Time `json:"reopened_at,omitzero"`   // the last relapse

	Tasks       []Task       `json:"tasks,omitempty"`
	Evidence    []Evidence   `json:"evidence,omitempty"`
	Claims      []Claim      `json:"claims,omitempty"`
	SignOffs    []SignOff    `json:"sign_offs,omitempty"`
	Rejections  []Rejection  `json:"rejections,omitempty"`
	Reviews     []Review     `json:"reviews,omitempty"`
	Obligations []Obligation `json:"obligations,omitempty"`
}

// Accountability is an accountability outcome (问责处理) recorded against a
// rectification: who, what measure, for which problem.
type Accountability struct {
	Person    clue.Person `json:"person"`
	Measure   string      `json:"measure"`          // e.g. 诫勉谈话、党内警告处分
	Problem   uuid.UUID   `json:"problem,omitzero"` // the problem it answers, if one
	DecidedBy uuid.UUID   `json:"decided_by"`       // the deciding agency
	DecidedAt time.Time   `json:"decided_at"`
	Document  string      `json:"document,omitempty"`
}

// InstitutionKind says whether an institution is new or revised.
type InstitutionKind string

// Institution kinds.
const (
	InstitutionNew     InstitutionKind = "new"     // 新建
	InstitutionRevised InstitutionKind = "revised" // 修订完善
)

// Institution is a rule built or revised by a rectification (建章立制).
type Institution struct {
	Title    string          `json:"title"`
	Kind     InstitutionKind `json:"kind"`
	Problems []uuid.UUID     `json:"problems,omitempty"` // the problems it answers
	IssuedAt time.Time       `json:"issued_at"`
	Document string          `json:"document,omitempty"`
}

// Education is a warning-education activity (警示教育): how many of the
// intended audience it reached.
type Education struct {
	Title    string    `json:"title"`
	At       time.Time `json:"at"`
	Audience int       `json:"audience"` // people who should attend
	Reached  int       `json:"reached"`  // people who did
}

// Survey is a public-satisfaction survey (群众满意度测评).
type Survey struct {
	Title     string    `json:"title,omitempty"`
	At        time.Time `json:"at"`
	Responses int       `json:"responses"`
	Satisfied int       `json:"satisfied"` // satisfied or very satisfied
}

// Rectification is one recommendation and everything done about it: its
// problem list with tasks, evidence and history, accountability outcomes,
// institutions built, warning education and surveys.
//
// A Rectification is plain data. Change it only through its lifecycle (Issue,
// Do, Apply) so that every change is an event; reading fields is free.
type Rectification struct {
	ID        uuid.UUID `json:"id"`
	State     State     `json:"state"`
	Seq       uint64    `json:"seq"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// Campaign is the special supervision or campaign it belongs to, if any.
	Campaign uuid.UUID `json:"campaign,omitzero"`

	Recommendation Recommendation   `json:"recommendation"`
	Problems       []Problem        `json:"problems,omitempty"`
	Accountability []Accountability `json:"accountability,omitempty"`
	Institutions   []Institution    `json:"institutions,omitempty"`
	Education      []Education      `json:"education,omitempty"`
	Surveys        []Survey         `json:"surveys,omitempty"`
	// Obligations of the recommendation as a whole (the reply); each problem
	// holds its own.
	Obligations []Obligation `json:"obligations,omitempty"`

	// ix indexes problems and tasks by id while [Replay] owns the value; nil
	// otherwise, so that the value stays plain data safe to read concurrently.
	ix *index
}

// index maps problem ids to positions in Problems and holds every task id.
type index struct {
	problems map[uuid.UUID]int
	tasks    map[uuid.UUID]struct{}
}

// Problem returns the problem with the given id, or nil.
func (r *Rectification) Problem(id uuid.UUID) *Problem {
	if r.ix != nil {
		if i, ok := r.ix.problems[id]; ok {
			return &r.Problems[i]
		}
		return nil
	}
	for i := range r.Problems {
		if r.Problems[i].ID == id {
			return &r.Problems[i]
		}
	}
	return nil
}

// DueAt is the instant by which p must be signed off: the due of the last
// rectification obligation recorded for it (a fact fixed by policy; zero
// while that due is pending), otherwise its own Due, otherwise the
// recommendation's Deadline.
func (r *Rectification) DueAt(p *Problem) time.Time {
	for i := len(p.Obligations) - 1; i >= 0; i-- {
		if p.Obligations[i].Kind == ObligationRectify {
			return p.Obligations[i].Due
		}
	}
	if !p.Due.IsZero() {
		return p.Due
	}
	return r.Recommendation.Deadline
}

// relapses is the number of look-backs that found p relapsed: the round p is in.
func (p *Problem) relapses() int {
	n := 0
	for i := range p.Reviews {
		if p.Reviews[i].Finding == FindingRelapsed {
			n++
		}
	}
	return n
}

// roundDue is the due of p's round k (0: the first; see [Task.Round]): for an
// earlier round the due it had when a relapse ended it, for the current round
// [Rectification.DueAt].
func (r *Rectification) roundDue(p *Problem, k int) time.Time {
	n := 0
	for i := range p.Reviews {
		if v := &p.Reviews[i]; v.Finding == FindingRelapsed {
			if n == k && !v.PreviousDue.IsZero() {
				return v.PreviousDue
			}
			n++
		}
	}
	return r.DueAt(p)
}

// Overdue reports whether p is not signed off and past its due at now.
// Overdue is derived, never stored.
func (r *Rectification) Overdue(p *Problem, now time.Time) bool {
	if p.State == StateSignedOff {
		return false
	}
	due := r.DueAt(p)
	return !due.IsZero() && now.After(due)
}

// OnTime reports whether p is signed off no later than its due.
func (r *Rectification) OnTime(p *Problem) bool {
	return p.State == StateSignedOff && !p.SignedOffAt.After(r.DueAt(p))
}

// Clone returns a deep copy of r.
func (r *Rectification) Clone() *Rectification {
	d := *r
	d.ix = nil
	d.Recommendation.Supervisors = slices.Clone(r.Recommendation.Supervisors)
	d.Problems = slices.Clone(r.Problems)
	for i := range d.Problems {
		d.Problems[i] = d.Problems[i].clone()
	}
	d.Accountability = slices.Clone(r.Accountability)
	d.Institutions = slices.Clone(r.Institutions)
	for i := range d.Institutions {
		d.Institutions[i].Problems = slices.Clone(d.Institutions[i].Problems)
	}
	d.Education = slices.Clone(r.Education)
	d.Surveys = slices.Clone(r.Surveys)
	d.Obligations = cloneObligations(r.Obligations)
	return &d
}

func (p Problem) clone() Problem {
	p.Tasks = slices.Clone(p.Tasks)
	p.Evidence = slices.Clone(p.Evidence)
	p.Claims = slices.Clone(p.Claims)
	p.SignOffs = slices.Clone(p.SignOffs)
	p.Rejections = slices.Clone(p.Rejections)
	p.Reviews = slices.Clone(p.Reviews)
	p.Obligations = cloneObligations(p.Obligations)
	return p
}

func cloneObligations(os []Obligation) []Obligation {
	out := slices.Clone(os)
	for i := range out {
		out[i].Refixed = slices.Clone(out[i].Refixed)
	}
	return out
}
