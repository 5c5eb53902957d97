package meeting

import (
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/guantong/guantong/clue"
)

// MechanismKind is the kind of standing coordination mechanism.
type MechanismKind string

// Mechanism kinds, from the seeds.
const (
	KindJointMeeting   MechanismKind = "joint_meeting"    // 联席会议制度 (seed 000 铁锋, seed 002 成都)
	KindConsultation   MechanismKind = "consultation"     // 会商机制 (seed 002 成都: 会商研判)
	KindTaskForce      MechanismKind = "task_force"       // 工作专班会议 (seed 003 郑州, seed 004 宣城)
	KindCaseBriefing   MechanismKind = "case_briefing"    // 案情通报联席会议 (seed 004 贺州)
	KindLedgerReview   MechanismKind = "ledger_review"    // 台账梳理、调度 (seed 002 郴州)
	KindPreTourLiaison MechanismKind = "pre_tour_liaison" // 巡前对接 协作配合目录 (seed 001 石柱)
)

// Valid reports whether k is a declared kind.
func (k MechanismKind) Valid() bool {
	switch k {
	case KindJointMeeting, KindConsultation, KindTaskForce, KindCaseBriefing, KindLedgerReview, KindPreTourLiaison:
		return true
	}
	return false
}

// Target is an annual (or other periodic) target a mechanism sets itself,
// counted in decisions: "每年选取1—2个专题开展联合检查" (seed 002, 成都) is
// {Decision: DecisionJointInspection, Unit: UnitYear, Min: 1, Max: 2}.
type Target struct {
	Name     string       `json:"name,omitempty"`
	Decision DecisionKind `json:"decision"`      // the decisions counted (withdrawn ones are not)
	Unit     Unit         `json:"unit"`          // the calendar period counted over (week … year)
	Min      int          `json:"min"`           // at least this many per period
	Max      int          `json:"max,omitempty"` // at most this many; 0 means no upper bound
}

// Mechanism is a standing coordination mechanism (联席会议制度 / 会商机制):
// who leads it, who belongs to it, who must attend, how often it meets, what
// it is for and what it has promised to do each year.
//
// A Mechanism is plain data; [Mechanism.Validate] checks it. Meetings carry a
// snapshot of the mechanism as it stood when they were held.
type Mechanism struct {
	ID      uuid.UUID     `json:"id"`
	Name    string        `json:"name"` // e.g. 铁锋区监督贯通协调联席会议
	Kind    MechanismKind `json:"kind"`
	Level   clue.Level    `json:"level,omitempty"`
	Region  string        `json:"region,omitempty"`  // e.g. 黑龙江省齐齐哈尔市铁锋区
	Lead    clue.Agency   `json:"lead"`              // 牵头单位
	Members []clue.Agency `json:"members,omitempty"` // 成员单位 (the lead not repeated)
	// Required lists the agencies (the lead or members) that must attend every
	// meeting; attendance is checked against it.
	Required []uuid.UUID `json:"required,omitempty"`
	// Cadences are the rhythms the mechanism keeps; none for a mechanism that
	// meets as needed (e.g. before each inspection tour).
	Cadences []Cadence `json:"cadences,omitempty"`
	Topics   []string  `json:"topics,omitempty"` // standing topics (研究事项)
	Targets  []Target  `json:"targets,omitempty"`
	// Established is when the mechanism took effect: periods that begin
	// before its date are not owed a meeting. Zero: always.
	Established time.Time `json:"established,omitzero"`
	// Dissolved is when it ended: periods that begin after it are not owed.
	Dissolved time.Time `json:"dissolved,omitzero"`
	Basis     string    `json:"basis,omitempty"` // the document that set it up, e.g. 《…工作办法（试行）》
}

// Party reports whether the agency id is the lead or a member.
func (m *Mechanism) Party(id uuid.UUID) bool {
	if id == uuid.Nil {
		return false
	}
	if m.Lead.ID == id {
		return true
	}
	for i := range m.Members {
		if m.Members[i].ID == id {
			return true
		}
	}
	return false
}

// Agency returns the lead or member with the given id.
func (m *Mechanism) Agency(id uuid.UUID) (clue.Agency, bool) {
	if id != uuid.Nil && m.Lead.ID == id {
		return m.Lead, true
	}
	for _, a := range m.Members {
		if id != uuid.Nil && a.ID == id {
			return a, true
		}
	}
	return clue.Agency{}, false
}

// MeetingKind tells a regular meeting from a special one and from a
// pre-tour consultation.
type MeetingKind string

// Meeting kinds.
const (
	MeetingRegular MeetingKind = "regular" // 例会: counts towards the cadences
	MeetingSpecial MeetingKind = "special" // 专题会议 / 临时会议: counts towards the cadences too
	// MeetingPreTour is a pre-tour consultation (巡前对接, seed 001 石柱): the
	// commission's offices brief an inspection tour group before it starts.
	// It needs Tour and must be held before Tour.Start.
	MeetingPreTour MeetingKind = "pre_tour_consultation"
)

// Valid reports whether k is a declared kind.
func (k MeetingKind) Valid() bool {
	return k == MeetingRegular || k == MeetingSpecial || k == MeetingPreTour
}

// Tour is the inspection tour a pre-tour consultation prepares.
type Tour struct {
	Name      string      `json:"name,omitempty"`      // e.g. 县委第四轮巡察
	Group     clue.Agency `json:"group"`               // the tour group (kind inspection_tour)
	Inspected string      `json:"inspected,omitempty"` // the inspected organisation (被巡察单位)
	Start     time.Time   `json:"start"`               // stationing (进驻)
	End       time.Time   `json:"end,omitzero"`
}

// Attendee is an agency present at a meeting, through whom.
type Attendee struct {
	Agency   clue.Agency `json:"agency"`
	Person   string      `json:"person,omitempty"`
	Position string      `json:"position,omitempty"`
	// Invited marks an agency that is not a party to the mechanism but was
	// invited (视情况邀请相关职能部门或企业参加, seed 002).
	Invited bool `json:"invited,omitempty"`
}

// ItemKind is what an agenda item or a decision refers to.
type ItemKind string

// Item kinds.
const (
	ItemClue    ItemKind = "clue"    // a problem clue (clue.Clue)
	ItemProblem ItemKind = "problem" // a rectification problem
	ItemTopic   ItemKind = "topic"   // a subject of discussion (专题)
)

// Valid reports whether k is a declared kind.
func (k ItemKind) Valid() bool { return k == ItemClue || k == ItemProblem || k == ItemTopic }

// Ref refers to a clue or problem by id, or to a topic by name.
type Ref struct {
	Kind  ItemKind  `json:"kind"`
	ID    uuid.UUID `json:"id,omitzero"`     // clue or problem
	Topic string    `json:"topic,omitempty"` // topic
}

// String renders r as "clue <id>", "problem <id>" or "topic <name>".
func (r Ref) String() string {
	if r.Kind == ItemTopic {
		return "topic " + strconv.Quote(r.Topic)
	}
	return string(r.Kind) + " " + r.ID.String()
}

// key is r with only the fields that identify it: equal keys are the same item.
func (r Ref) key() Ref {
	if r.Kind == ItemTopic {
		return Ref{Kind: r.Kind, Topic: r.Topic}
	}
	return Ref{Kind: r.Kind, ID: r.ID}
}

func (r Ref) same(s Ref) bool {
	if r.Kind != s.Kind {
		return false
	}
	if r.Kind == ItemTopic {
		return r.Topic == s.Topic
	}
	return r.ID == s.ID
}

// AgendaItem is one item a meeting discussed.
type AgendaItem struct {
	Kind       ItemKind  `json:"kind"`
	ID         uuid.UUID `json:"id,omitzero"`     // clue or problem
	Topic      string    `json:"topic,omitempty"` // topic
	Title      string    `json:"title,omitempty"`
	Presenter  uuid.UUID `json:"presenter,omitzero"`   // the agency that reported on it
	Assessment string    `json:"assessment,omitempty"` // the joint assessment (联席研判)
}

// Ref returns what the item refers to.
func (a *AgendaItem) Ref() Ref { return Ref{Kind: a.Kind, ID: a.ID, Topic: a.Topic} }

// DecisionKind is the kind of a meeting decision.
type DecisionKind string

// Decision kinds.
const (
	DecisionTransfer        DecisionKind = "transfer_clue"    // 移送问题线索: the source transfers clues
	DecisionMerge           DecisionKind = "merge_clues"      // 并案: the receiver merges clues into the first
	DecisionAssign          DecisionKind = "assign"           // 交办 / 分办: a clue to an office, a problem to an owner
	DecisionJointInspection DecisionKind = "joint_inspection" // 开展联合检查 on a topic
	DecisionReminderLetter  DecisionKind = "reminder_letter"  // 工作提示函 / 提醒函 for an overdue clue duty
	DecisionSanctionOpinion DecisionKind = "sanction_opinion" // 处分处理意见协商酌定 (合并处理, 从重但不重复)
)

// Valid reports whether k is a declared kind.
func (k DecisionKind) Valid() bool {
	switch k {
	case DecisionTransfer, DecisionMerge, DecisionAssign, DecisionJointInspection,
		DecisionReminderLetter, DecisionSanctionOpinion:
		return true
	}
	return false
}

// Decision is what a meeting decided: a duty for its owner with a due
// instant, fixed when the meeting is recorded. Whether it is done, pending
// or overdue is derived from the instant asked about ([Decision.Status]).
type Decision struct {
	ID    uuid.UUID    `json:"id"`
	Kind  DecisionKind `json:"kind"`
	Items []Ref        `json:"items,omitempty"` // what it is about; clues and problems must be on the agenda
	Owner uuid.UUID    `json:"owner"`           // the agency that carries it out
	// Due is when it must be done. Left zero in a hold command, it is taken
	// from the clue policy (a transfer's own time limit) or the meeting
	// policy; DueBy records which.
	Due     time.Time `json:"due,omitzero"`
	DueBy   string    `json:"due_by,omitempty"` // "minutes", or the id of the policy that set Due
	Version string    `json:"bundle_version,omitempty"`
	// PendingYear is set, with Due zero, when the policy that gives the due
	// could not count it yet (its calendar year has no data); [Meeting.Refix]
	// fixes it with the obligation it comes from.
	PendingYear int    `json:"pending_year,omitempty"`
	Summary     string `json:"summary,omitempty"`

	Office  clue.Agency         `json:"office,omitzero"`   // assign (clue): the office that disposes of it
	Duty    clue.ObligationKind `json:"duty,omitempty"`    // reminder_letter: the overdue clue duty (default disposal)
	Topic   string              `json:"topic,omitempty"`   // joint_inspection: the topic (专题)
	Opinion string              `json:"opinion,omitempty"` // sanction_opinion: the agreed opinion

	// Set by the carry_out and withdraw steps.
	DoneAt      time.Time `json:"done_at,omitzero"`
	Outcome     string    `json:"outcome,omitempty"`
	Effects     []Effect  `json:"effects,omitempty"`
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
	Withdrawal  string    `json:"withdrawal,omitempty"` // the reason
}

// Effect records one change a decision produced in another model: a clue
// event or a rectification record.
type Effect struct {
	Model string    `json:"model"` // "clue" or "rectification"
	ID    uuid.UUID `json:"id"`    // the clue or rectification record
	Seq   uint64    `json:"seq,omitempty"`
	Step  string    `json:"step,omitempty"`
}

// Settled reports whether d is done or withdrawn.
func (d *Decision) Settled() bool { return !d.DoneAt.IsZero() || !d.WithdrawnAt.IsZero() }

// DecisionStatus is where a decision stands at an instant.
type DecisionStatus string

// Decision statuses.
const (
	DecisionDone      DecisionStatus = "done"
	DecisionWithdrawn DecisionStatus = "withdrawn"
	DecisionPending   DecisionStatus = "pending" // not done, not yet due
	DecisionOverdue   DecisionStatus = "overdue" // not done, past its due instant
)

// Status returns where d stands at now: done or withdrawn if it was by now,
// otherwise overdue once now is after Due, pending before. It is never
// stored.
func (d *Decision) Status(now time.Time) DecisionStatus {
	switch {
	case !d.DoneAt.IsZero() && !d.DoneAt.After(now):
		return DecisionDone
	case !d.WithdrawnAt.IsZero() && !d.WithdrawnAt.After(now):
		return DecisionWithdrawn
	case now.After(d.Due):
		return DecisionOverdue
	}
	return DecisionPending
}

// OnTime reports whether d was done no later than its due instant.
func (d *Decision) OnTime() bool { return !d.DoneAt.IsZero() && !d.DoneAt.After(d.Due) }

// Record is what a hold command records: the meeting as held.
type Record struct {
	Number    string      `json:"number,omitempty"` // e.g. 2026年第1次
	Mechanism Mechanism   `json:"mechanism"`        // the mechanism as it stands
	Kind      MeetingKind `json:"kind"`
	// Purposes names the cadences the meeting serves (Cadence.Purpose); a
	// cadence without a purpose counts every regular or special meeting.
	Purposes []string `json:"purposes,omitempty"`
	// For is an instant in the period the meeting is held for, when that is
	// not the period of HeldAt (a late meeting, 补开). Zero: HeldAt's period.
	For       time.Time    `json:"for,omitzero"`
	HeldAt    time.Time    `json:"held_at"`
	Place     string       `json:"place,omitempty"`
	Convener  uuid.UUID    `json:"convener"` // the chairing agency: the lead, or a member it delegated
	Attendees []Attendee   `json:"attendees,omitempty"`
	Agenda    []AgendaItem `json:"agenda,omitempty"`
	Decisions []Decision   `json:"decisions,omitempty"`
	Minutes   string       `json:"minutes,omitempty"` // 会议纪要: text or the host's document reference
	Tour      Tour         `json:"tour,omitzero"`     // pre-tour consultation
}

// Meeting is a meeting of a mechanism (联席会议 / 会商 / 巡前对接), recorded
// once it is held, with the decisions it took and their progress.
//
// A Meeting is plain data. Change it only through its lifecycle (Hold, Do,
// Apply) so that every change is an event; reading fields is free.
type Meeting struct {
	ID        uuid.UUID `json:"id"`
	State     State     `json:"state"`
	Seq       uint64    `json:"seq"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	Number    string       `json:"number,omitempty"`
	Mechanism Mechanism    `json:"mechanism"` // as it stood when the meeting was held
	Kind      MeetingKind  `json:"kind"`
	Purposes  []string     `json:"purposes,omitempty"`
	For       time.Time    `json:"for,omitzero"`
	HeldAt    time.Time    `json:"held_at"`
	Place     string       `json:"place,omitempty"`
	Convener  uuid.UUID    `json:"convener"`
	Attendees []Attendee   `json:"attendees,omitempty"`
	Agenda    []AgendaItem `json:"agenda,omitempty"`
	Decisions []Decision   `json:"decisions,omitempty"`
	Minutes   string       `json:"minutes,omitempty"`
	Tour      Tour         `json:"tour,omitzero"`
	// Obligations are the duties the meeting policy fixed when the meeting
	// was recorded (the next meeting's due, decision time limits).
	Obligations []Obligation `json:"obligations,omitempty"`
	// Findings are what the meeting policy found wrong with the meeting when
	// it was recorded (an absent member, a cadence too rare); see [Finding].
	Findings []Finding `json:"findings,omitempty"`
}

// Attended reports whether the agency id attended m.
func (m *Meeting) Attended(id uuid.UUID) bool {
	for i := range m.Attendees {
		if m.Attendees[i].Agency.ID == id {
			return true
		}
	}
	return false
}

// Absent returns the required agencies of m's mechanism that did not attend,
// in the mechanism's order.
func (m *Meeting) Absent() []uuid.UUID {
	var out []uuid.UUID
	for _, id := range m.Mechanism.Required {
		if !m.Attended(id) {
			out = append(out, id)
		}
	}
	return out
}

// Decision returns a pointer to the decision with the given id, or nil. The
// pointer is into m's current Decisions; a later step may replace them, so
// look the decision up again after one.
func (m *Meeting) Decision(id uuid.UUID) *Decision {
	for i := range m.Decisions {
		if m.Decisions[i].ID == id {
			return &m.Decisions[i]
		}
	}
	return nil
}

// counts reports whether m counts towards cadence c: a regular or special
// meeting serving c's purpose (any, when c has none).
func (m *Meeting) counts(c *Cadence) bool {
	if m.Kind == MeetingPreTour {
		return false
	}
	if c.Purpose == "" {
		return true
	}
	for _, p := range m.Purposes {
		if p == c.Purpose {
			return true
		}
	}
	return false
}

// Series is a mechanism with its meetings: the record that cadence and
// target compliance are computed from. Meetings of other mechanisms are
// ignored.
type Series struct {
	Mechanism Mechanism `json:"mechanism"`
	Meetings  []Meeting `json:"meetings,omitempty"`
}

// Clone returns a deep copy of m.
func (m *Meeting) Clone() *Meeting {
	d := *m
	d.Mechanism = m.Mechanism.clone()
	d.Purposes = slices.Clone(m.Purposes)
	d.Attendees = slices.Clone(m.Attendees)
	d.Agenda = slices.Clone(m.Agenda)
	d.Decisions = slices.Clone(m.Decisions)
	for i := range d.Decisions {
		d.Decisions[i] = d.Decisions[i].clone()
	}
	d.Obligations = slices.Clone(m.Obligations)
	for i := range d.Obligations {
		d.Obligations[i].Refixed = slices.Clone(d.Obligations[i].Refixed)
	}
	d.Findings = slices.Clone(m.Findings)
	return &d
}

func (d Decision) clone() Decision {
	d.Items = slices.Clone(d.Items)
	d.Effects = slices.Clone(d.Effects)
	return d
}

func (m Mechanism) clone() Mechanism {
	m.Members = slices.Clone(m.Members)
	m.Required = slices.Clone(m.Required)
	m.Cadences = slices.Clone(m.Cadences)
	m.Topics = slices.Clone(m.Topics)
	m.Targets = slices.Clone(m.Targets)
	return m
}

func (r *Record) clone() Record {
	d := *r
	d.Mechanism = r.Mechanism.clone()
	d.Purposes = slices.Clone(r.Purposes)
	d.Attendees = slices.Clone(r.Attendees)
	d.Agenda = slices.Clone(r.Agenda)
	d.Decisions = slices.Clone(r.Decisions)
	for i := range d.Decisions {
		d.Decisions[i] = d.Decisions[i].clone()
	}
	return d
}
