package clue

import (
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
)

// AgencyKind is the kind of body that sends, receives or disposes of a clue.
type AgencyKind string

// Agency kinds. The discipline commission's internal offices are agencies of
// their own kind whose Parent is the commission.
const (
	KindDisciplineCommission AgencyKind = "discipline_commission"  // 纪委监委
	KindCaseManagementOffice AgencyKind = "case_management_office" // 案件监督管理室
	KindSupervisionOffice    AgencyKind = "supervision_office"     // 监督检查室
	KindStationedGroup       AgencyKind = "stationed_group"        // 派驻纪检监察组
	KindPetitionOffice       AgencyKind = "petition_office"        // 信访室
	KindInspectionTour       AgencyKind = "inspection_tour"        // 巡察 / 巡视
	KindAudit                AgencyKind = "audit"                  // 审计
	KindFinance              AgencyKind = "finance"                // 财会 / 财政
	KindStatistics           AgencyKind = "statistics"             // 统计
	KindSOEOwner             AgencyKind = "soe_owner"              // 出资人 / 国资委
	KindPetitionBureau       AgencyKind = "petition_bureau"        // 信访局
	KindPeoplesCongress      AgencyKind = "peoples_congress"       // 人大
	KindLineDepartment       AgencyKind = "line_department"        // 行业主管部门
	KindPublic               AgencyKind = "public"                 // 群众
)

// Commission reports whether k is the discipline commission or one of its offices.
func (k AgencyKind) Commission() bool {
	switch k {
	case KindDisciplineCommission, KindCaseManagementOffice, KindSupervisionOffice,
		KindStationedGroup, KindPetitionOffice:
		return true
	}
	return false
}

// Valid reports whether k is one of the declared kinds.
func (k AgencyKind) Valid() bool {
	switch k {
	case KindDisciplineCommission, KindCaseManagementOffice, KindSupervisionOffice,
		KindStationedGroup, KindPetitionOffice, KindInspectionTour, KindAudit, KindFinance,
		KindStatistics, KindSOEOwner, KindPetitionBureau, KindPeoplesCongress,
		KindLineDepartment, KindPublic:
		return true
	}
	return false
}

// Level is the administrative level of an agency.
type Level string

// Levels.
const (
	LevelCentral    Level = "central"    // 中央
	LevelProvincial Level = "provincial" // 省级
	LevelMunicipal  Level = "municipal"  // 市级
	LevelCounty     Level = "county"     // 县级
	LevelTownship   Level = "township"   // 乡镇
	LevelEnterprise Level = "enterprise" // 企业内部
)

// Agency is a body that takes part in the transfer loop.
type Agency struct {
	ID     uuid.UUID  `json:"id"`
	Kind   AgencyKind `json:"kind"`
	Name   string     `json:"name,omitempty"`
	Level  Level      `json:"level,omitempty"`
	Region string     `json:"region,omitempty"` // e.g. 湖南省郴州市
	Parent uuid.UUID  `json:"parent,omitzero"`  // the commission an office belongs to
}

// Person is a subject of a clue (被反映人).
type Person struct {
	ID             uuid.UUID `json:"id,omitzero"`
	Name           string    `json:"name"`
	Organization   string    `json:"organization,omitempty"`
	Position       string    `json:"position,omitempty"`
	Rank           string    `json:"rank,omitempty"` // 职级, e.g. 正处级
	PartyMember    bool      `json:"party_member,omitempty"`
	PublicOfficial bool      `json:"public_official,omitempty"`
	ManagedBy      uuid.UUID `json:"managed_by,omitzero"` // the body with cadre-management authority
}

// key identifies a person for duplicate detection: the ID when known, otherwise
// name and organization.
func (p Person) key() string {
	if p.ID != uuid.Nil {
		return p.ID.String()
	}
	return p.Name + "\x00" + p.Organization
}

// Flags are the yes/no facts policies test.
type Flags struct {
	SuspectedDisciplineBreach   bool `json:"suspected_discipline_breach,omitempty"`   // 涉嫌违纪
	IrregularBusinessInvestment bool `json:"irregular_business_investment,omitempty"` // 涉及违规经营投资
	SuspectedDutyCrime          bool `json:"suspected_duty_crime,omitempty"`          // 涉嫌职务违法犯罪
	EvidenceLossRisk            bool `json:"evidence_loss_risk,omitempty"`            // 证据灭失风险
	CollusionRisk               bool `json:"collusion_risk,omitempty"`                // 串供风险
	Urgent                      bool `json:"urgent,omitempty"`
	GreenChannel                bool `json:"green_channel,omitempty"` // 巡中绿色通道
}

func (f Flags) or(g Flags) Flags {
	return Flags{
		SuspectedDisciplineBreach:   f.SuspectedDisciplineBreach || g.SuspectedDisciplineBreach,
		IrregularBusinessInvestment: f.IrregularBusinessInvestment || g.IrregularBusinessInvestment,
		SuspectedDutyCrime:          f.SuspectedDutyCrime || g.SuspectedDutyCrime,
		EvidenceLossRisk:            f.EvidenceLossRisk || g.EvidenceLossRisk,
		CollusionRisk:               f.CollusionRisk || g.CollusionRisk,
		Urgent:                      f.Urgent || g.Urgent,
		GreenChannel:                f.GreenChannel || g.GreenChannel,
	}
}

// EvidenceKind is the kind of an evidence attachment.
type EvidenceKind string

// Evidence kinds.
const (
	EvidenceDocument  EvidenceKind = "document"   // 书证
	EvidenceAuditWork EvidenceKind = "audit_work" // 审计工作底稿、审计报告
	EvidenceRecord    EvidenceKind = "record"     // 谈话笔录
	EvidenceData      EvidenceKind = "data"       // 电子数据
	EvidenceReport    EvidenceKind = "report"     // 举报材料
	EvidenceOther     EvidenceKind = "other"
)

// Evidence is an attachment of a transfer package. Only its hash is held; the
// host stores the content.
type Evidence struct {
	Name string       `json:"name"`
	Kind EvidenceKind `json:"kind"`
	Hash string       `json:"hash"` // e.g. "sha256:…"
	// Confidential attachments (investigation records, anything the host marks)
	// are dropped from redacted views; report material (EvidenceReport, 举报材料)
	// is confidential by its kind, whatever this flag says.
	Confidential bool `json:"confidential,omitempty"`
}

// Secret reports whether the attachment is withheld from viewers not granted
// the investigation detail: marked Confidential, or report material by kind.
func (e Evidence) Secret() bool { return e.Confidential || e.Kind == EvidenceReport }

// Reporter is a person who reported the matter (举报人). Every field is
// confidential: a redacted view drops reporters altogether.
type Reporter struct {
	Name      string `json:"name,omitempty"`
	IDNumber  string `json:"id_number,omitempty"`
	Contact   string `json:"contact,omitempty"`
	Address   string `json:"address,omitempty"`
	Named     bool   `json:"named,omitempty"` // 实名举报: owed the complainant notices
	Anonymous bool   `json:"anonymous,omitempty"`
}

// DisposalMethod is how a receiver disposes of a clue.
type DisposalMethod string

// Disposal methods (监督执纪工作规则 art. 21; 监察法实施条例 art. 174) and, for a
// reverse transfer to a department, administrative penalty.
const (
	MethodInquiry                 DisposalMethod = "inquiry"                  // 谈话函询
	MethodPreliminaryVerification DisposalMethod = "preliminary_verification" // 初步核实
	MethodShelve                  DisposalMethod = "shelve"                   // 暂存待查
	MethodCloseOut                DisposalMethod = "close_out"                // 予以了结
	MethodFileCase                DisposalMethod = "file_case"                // 立案审查调查
	MethodTransferOn              DisposalMethod = "transfer_on"              // 移送其他机关
	MethodAdministrativePenalty   DisposalMethod = "administrative_penalty"   // 行政处罚 (反向移送)
)

// InquiryForm says whether an inquiry is a talk or a letter.
type InquiryForm string

// Inquiry forms.
const (
	FormTalk   InquiryForm = "talk"   // 谈话
	FormLetter InquiryForm = "letter" // 函询
)

// Disposal is the disposal chosen for a clue.
type Disposal struct {
	Method     DisposalMethod `json:"method"`
	Form       InquiryForm    `json:"form,omitempty"`       // for MethodInquiry
	TransferTo Agency         `json:"transfer_to,omitzero"` // for MethodTransferOn
	Opinion    string         `json:"opinion,omitempty"`    // 处置意见, shared with senders
	DecidedAt  time.Time      `json:"decided_at,omitzero"`
}

// FeedbackKind tells progress from result feedback.
type FeedbackKind string

// Feedback kinds.
const (
	FeedbackProgress FeedbackKind = "progress" // 进展反馈
	FeedbackResult   FeedbackKind = "result"   // 结果反馈
)

// Feedback is a report from the receiver back to one sender.
type Feedback struct {
	Kind     FeedbackKind `json:"kind"`
	To       uuid.UUID    `json:"to"` // the sender
	At       time.Time    `json:"at,omitzero"`
	Summary  string       `json:"summary,omitempty"`
	Document string       `json:"document,omitempty"` // reference of the written feedback
}

// Rating is a sender's assessment of how a clue was handled.
type Rating string

// Ratings.
const (
	RatingSatisfied   Rating = "satisfied"
	RatingPartly      Rating = "partly_satisfied"
	RatingUnsatisfied Rating = "unsatisfied"
)

// Evaluation is a sender's closing of the loop (评估、成果运用).
type Evaluation struct {
	By           uuid.UUID `json:"by"` // the sender
	At           time.Time `json:"at,omitzero"`
	Rating       Rating    `json:"rating"`
	UseOfResults string    `json:"use_of_results,omitempty"` // 成果运用
}

// Return records a receiver sending a package back for missing elements.
type Return struct {
	At      time.Time `json:"at"`
	Missing []Element `json:"missing"`
	Reason  string    `json:"reason,omitempty"`
}

// ReminderLevel is how far a reminder escalates.
type ReminderLevel string

// Reminder levels.
const (
	ReminderLetter     ReminderLevel = "reminder_letter"     // 工作提示函
	SupervisedHandling ReminderLevel = "supervised_handling" // 督办
)

// Reminder records a reminder sent for an unmet obligation.
type Reminder struct {
	Kind        ObligationKind `json:"kind"`
	Beneficiary uuid.UUID      `json:"beneficiary,omitzero"`
	Level       ReminderLevel  `json:"level"`
	At          time.Time      `json:"at,omitzero"`
	Document    string         `json:"document,omitempty"`
}

// Notice records telling a named reporter of acceptance or result (art. 175).
type Notice struct {
	Result bool      `json:"result,omitempty"` // false: acceptance notice
	At     time.Time `json:"at,omitzero"`
}

// MergedClue is what a surviving clue keeps of a clue merged into it (并案).
// The merged clue itself stays in the host's store, in state merged, with its
// own history.
type MergedClue struct {
	ClueID        uuid.UUID       `json:"clue_id"`
	Number        string          `json:"number,omitempty"`
	Source        Agency          `json:"source"`
	Matter        string          `json:"matter,omitempty"`
	Amount        decimal.Decimal `json:"amount,omitzero"`
	Loss          decimal.Decimal `json:"loss,omitzero"`
	TransferredAt time.Time       `json:"transferred_at,omitzero"`
	ReceivedAt    time.Time       `json:"received_at,omitzero"`
	MergedAt      time.Time       `json:"merged_at,omitzero"`
}

// Clue is a problem clue (问题线索): the unit that moves between agencies.
//
// A Clue is plain data. Change it only through its lifecycle (Draft, Do,
// Merge, Apply) so that every change is an event; reading fields is free.
type Clue struct {
	ID     uuid.UUID `json:"id"`
	Number string    `json:"number,omitempty"` // the host's reference number
	State  State     `json:"state"`
	Seq    uint64    `json:"seq"` // sequence number of the last event applied
	// UpdatedAt is the instant of the last event; events may not go back in time.
	UpdatedAt time.Time `json:"updated_at,omitzero"`

	Source     Agency `json:"source"`               // the sender (移送单位)
	Receiver   Agency `json:"receiver"`             // the receiver (接收单位)
	AssignedTo Agency `json:"assigned_to,omitzero"` // the office disposing of it (承办部门)

	Subjects []Person        `json:"subjects,omitempty"`
	Matter   string          `json:"matter,omitempty"` // 问题描述
	Domain   string          `json:"domain,omitempty"` // field, e.g. 工程建设、医保基金
	Amount   decimal.Decimal `json:"amount,omitzero"`  // money involved (涉及金额), yuan
	Loss     decimal.Decimal `json:"loss,omitzero"`    // loss caused (造成损失), yuan
	Flags    Flags           `json:"flags"`
	Evidence []Evidence      `json:"evidence,omitempty"`

	// Confidential: cleared by View unless granted.
	Reporters           []Reporter `json:"reporters,omitempty"`
	InvestigationDetail string     `json:"investigation_detail,omitempty"`

	Disposal      Disposal     `json:"disposal,omitzero"`        // the current disposal
	PastDisposals []Disposal   `json:"past_disposals,omitempty"` // superseded (e.g. shelved, then reactivated)
	Result        string       `json:"result,omitempty"`         // 办理结果, shared with senders
	Feedback      []Feedback   `json:"feedback,omitempty"`
	Evaluations   []Evaluation `json:"evaluations,omitempty"`
	Obligations   []Obligation `json:"obligations,omitempty"`
	Returns       []Return     `json:"returns,omitempty"`
	Reminders     []Reminder   `json:"reminders,omitempty"`
	Notices       []Notice     `json:"notices,omitempty"`
	Merged        []MergedClue `json:"merged,omitempty"`     // clues merged into this one
	MergedInto    uuid.UUID    `json:"merged_into,omitzero"` // set in state merged

	// Instants (zero = not yet).
	ConclusiveOpinionAt time.Time `json:"conclusive_opinion_at,omitzero"` // 审计结论性意见
	DiscoveredAt        time.Time `json:"discovered_at,omitzero"`
	TourStart           time.Time `json:"tour_start,omitzero"` // the inspection tour's stationing (进驻)
	TourEnd             time.Time `json:"tour_end,omitzero"`
	TransferredAt       time.Time `json:"transferred_at,omitzero"` // first sent
	ResubmittedAt       time.Time `json:"resubmitted_at,omitzero"` // last resubmitted after a return
	ReceivedAt          time.Time `json:"received_at,omitzero"`    // registered (归口接收)
	AssignedAt          time.Time `json:"assigned_at,omitzero"`    // 分办
	DisposalDecidedAt   time.Time `json:"disposal_decided_at,omitzero"`
	LetterReceivedAt    time.Time `json:"letter_received_at,omitzero"` // the subject received the inquiry letter
	ReplyReceivedAt     time.Time `json:"reply_received_at,omitzero"`
	ShelvedAt           time.Time `json:"shelved_at,omitzero"`
	ReactivatedAt       time.Time `json:"reactivated_at,omitzero"`
	ConcludedAt         time.Time `json:"concluded_at,omitzero"` // 办结
	EvaluatedAt         time.Time `json:"evaluated_at,omitzero"` // the last sender evaluated
	MergedAt            time.Time `json:"merged_at,omitzero"`

	// Redactions lists what View removed; empty on a full clue.
	Redactions []string `json:"redactions,omitempty"`
}

// Senders returns the IDs of every sender owed feedback: the source and the
// source of every clue merged into this one, without repeats, in that order.
func (c *Clue) Senders() []uuid.UUID {
	out := make([]uuid.UUID, 0, 1+len(c.Merged))
	out = append(out, c.Source.ID)
	for _, m := range c.Merged {
		if !slices.Contains(out, m.Source.ID) {
			out = append(out, m.Source.ID)
		}
	}
	return out
}

func (c *Clue) isSender(id uuid.UUID) bool {
	return id != uuid.Nil && slices.Contains(c.Senders(), id)
}

// Clone returns a deep copy of c (decimals and times are values and shared
// safely).
func (c *Clue) Clone() *Clue {
	d := *c
	d.Subjects = slices.Clone(c.Subjects)
	d.Evidence = slices.Clone(c.Evidence)
	d.Reporters = slices.Clone(c.Reporters)
	d.PastDisposals = slices.Clone(c.PastDisposals)
	d.Feedback = slices.Clone(c.Feedback)
	d.Evaluations = slices.Clone(c.Evaluations)
	d.Obligations = slices.Clone(c.Obligations)
	for i := range d.Obligations {
		d.Obligations[i].Refixed = slices.Clone(d.Obligations[i].Refixed)
	}
	d.Returns = slices.Clone(c.Returns)
	for i := range d.Returns {
		d.Returns[i].Missing = slices.Clone(d.Returns[i].Missing)
	}
	d.Reminders = slices.Clone(c.Reminders)
	d.Notices = slices.Clone(c.Notices)
	d.Merged = slices.Clone(c.Merged)
	d.Redactions = slices.Clone(c.Redactions)
	return &d
}
