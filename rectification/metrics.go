package rectification

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

// Rate is an exact ratio Num/Den. Rates are kept as counts so that they can be
// summed and re-rounded without drift; [Rate.Percent] rounds explicitly.
type Rate struct {
	Num int64 `json:"num"`
	Den int64 `json:"den"`
}

// PercentPlaces is the number of decimal places of [Rate.Percent].
const PercentPlaces = 2

var hundred = decimal.NewFromInt(100)

// Percent returns 100·Num/Den rounded half away from zero to PercentPlaces
// decimal places (decimal.DivRound), and false when Den is zero (no basis:
// the rate is undefined, not 0 %). 45/48 gives 93.75, 2/3 gives 66.67,
// 1/6 gives 16.67, 1/8 gives 12.5 (12.50).
func (r Rate) Percent() (decimal.Decimal, bool) {
	return r.PercentRound(PercentPlaces)
}

// PercentRound is [Rate.Percent] with the given number of decimal places.
func (r Rate) PercentRound(places int32) (decimal.Decimal, bool) {
	if r.Den == 0 {
		return decimal.Decimal{}, false
	}
	return decimal.NewFromInt(r.Num).Mul(hundred).DivRound(decimal.NewFromInt(r.Den), places), true
}

// String renders the rate as a percentage with two decimal places, e.g.
// "93.75%", or "—" when it is undefined.
func (r Rate) String() string {
	p, ok := r.Percent()
	if !ok {
		return "—"
	}
	return p.StringFixed(PercentPlaces) + "%"
}

// Metrics are the counts of a set of rectifications at an instant. Every
// rate is derived from them ([Metrics.Completion], [Metrics.OnTime],
// [Metrics.Indicators]).
type Metrics struct {
	Rectifications int `json:"rectifications"`
	Problems       int `json:"problems"`
	Open           int `json:"open"`
	InProgress     int `json:"in_progress"`
	Claimed        int `json:"claimed_rectified"`
	SignedOff      int `json:"signed_off"` // 已整改销号
	// Overdue: not signed off and past due at the instant.
	Overdue int `json:"overdue"`
	// SignedOffOnTime: signed off no later than the due instant;
	// SignedOffLate: signed off after it.
	SignedOffOnTime int `json:"signed_off_on_time"`
	SignedOffLate   int `json:"signed_off_late"`
	Rejections      int `json:"rejections"` // claims refused
	Relapses        int `json:"relapses"`   // look-backs that found a relapse (反弹)
	Institutions    int `json:"institutions"`
	// GapProblems expose an institutional gap; GapsClosed have an institution built for them.
	GapProblems       int `json:"gap_problems"`
	GapsClosed        int `json:"gaps_closed"`
	Accountability    int `json:"accountability"`
	EducationAudience int `json:"education_audience"`
	EducationReached  int `json:"education_reached"`
	SurveyResponses   int `json:"survey_responses"`
	SurveySatisfied   int `json:"survey_satisfied"`
}

// Completion is the completion rate 整改完成率: signed-off problems over all
// problems. A claimed but unverified problem is not complete.
func (m *Metrics) Completion() Rate {
	return Rate{Num: int64(m.SignedOff), Den: int64(m.Problems)}
}

// OnTime is the on-time rate: problems signed off by their due over the
// problems whose timeliness is decided (signed off, or overdue). A problem
// still open and not yet due is not counted either way.
func (m *Metrics) OnTime() Rate {
	return Rate{Num: int64(m.SignedOffOnTime), Den: int64(m.SignedOffOnTime + m.SignedOffLate + m.Overdue)}
}

// Indicators are the closed-loop indicators of seed 004 (贺州): 整改完成率、
// 制度健全度、警示教育覆盖率、群众满意度.
type Indicators struct {
	Completion           Rate `json:"completion"`            // 整改完成率: signed off / problems
	InstitutionSoundness Rate `json:"institution_soundness"` // 制度健全度: gap problems with an institution built / gap problems
	EducationCoverage    Rate `json:"education_coverage"`    // 警示教育覆盖率: people reached / intended audience
	Satisfaction         Rate `json:"satisfaction"`          // 群众满意度: satisfied / survey responses
}

// Indicators returns the seed 004 indicators.
func (m *Metrics) Indicators() Indicators {
	return Indicators{
		Completion:           m.Completion(),
		InstitutionSoundness: Rate{Num: int64(m.GapsClosed), Den: int64(m.GapProblems)},
		EducationCoverage:    Rate{Num: int64(m.EducationReached), Den: int64(m.EducationAudience)},
		Satisfaction:         Rate{Num: int64(m.SurveySatisfied), Den: int64(m.SurveyResponses)},
	}
}

// addProblem adds the problem-level counts of p, a problem of l's
// rectification, at now.
func (m *Metrics) addProblem(l *lookup, p *Problem, now time.Time) {
	r := l.r
	m.Problems++
	switch p.State {
	case StateOpen:
		m.Open++
	case StateInProgress:
		m.InProgress++
	case StateClaimed:
		m.Claimed++
	case StateSignedOff:
		m.SignedOff++
	}
	due := r.DueAt(p)
	if p.State == StateSignedOff {
		if p.SignedOffAt.After(due) {
			m.SignedOffLate++
		} else {
			m.SignedOffOnTime++
		}
	} else if !due.IsZero() && now.After(due) {
		m.Overdue++
	}
	m.Rejections += len(p.Rejections)
	for i := range p.Reviews {
		if p.Reviews[i].Finding == FindingRelapsed {
			m.Relapses++
		}
	}
	if p.Gap {
		m.GapProblems++
		if l.answered(p.ID) {
			m.GapsClosed++
		}
	}
}

// scanLimit is the size up to which lookup scans instead of building a map.
const scanLimit = 16

// lookup answers, for one rectification and within one call, which problem
// has an id and whether an institution names a problem: by scanning while
// the lists are short or the questions few, by maps built when needed
// otherwise, so that a large rectification costs linear time, not problems ×
// institutions. It is never stored: the rectification stays plain data.
type lookup struct {
	r        *Rectification
	named    int // problem ids named by institutions, with repeats
	scans    int // problem lookups answered by scanning
	problems map[uuid.UUID]int
	answers  map[uuid.UUID]struct{}
}

func newLookup(r *Rectification) lookup {
	l := lookup{r: r}
	for i := range r.Institutions {
		l.named += len(r.Institutions[i].Problems)
	}
	return l
}

// problem returns the problem with the given id, or nil.
func (l *lookup) problem(id uuid.UUID) *Problem {
	if id == uuid.Nil {
		return nil
	}
	if len(l.r.Problems) <= scanLimit || l.scans < scanLimit {
		l.scans++
		return l.r.Problem(id)
	}
	if l.problems == nil {
		l.problems = make(map[uuid.UUID]int, len(l.r.Problems))
		for i := range l.r.Problems {
			if _, dup := l.problems[l.r.Problems[i].ID]; !dup { // the first, as Rectification.Problem
				l.problems[l.r.Problems[i].ID] = i
			}
		}
	}
	if i, ok := l.problems[id]; ok {
		return &l.r.Problems[i]
	}
	return nil
}

// answered reports whether an institution names problem id.
func (l *lookup) answered(id uuid.UUID) bool {
	if l.named <= scanLimit {
		for i := range l.r.Institutions {
			for _, x := range l.r.Institutions[i].Problems {
				if x == id {
					return true
				}
			}
		}
		return false
	}
	if l.answers == nil {
		l.answers = make(map[uuid.UUID]struct{}, l.named)
		for i := range l.r.Institutions {
			for _, x := range l.r.Institutions[i].Problems {
				l.answers[x] = struct{}{}
			}
		}
	}
	_, ok := l.answers[id]
	return ok
}

func (m *Metrics) addEducation(e *Education) {
	m.EducationAudience += e.Audience
	m.EducationReached += e.Reached
}

func (m *Metrics) addSurvey(s *Survey) {
	m.SurveyResponses += s.Responses
	m.SurveySatisfied += s.Satisfied
}

// Measure computes the metrics of rs at now in one pass, in time linear in
// their size. It allocates only for a rectification whose institutions name
// more than 16 problems (a set of them). Nil entries are skipped.
func Measure(rs []*Rectification, now time.Time) Metrics {
	var m Metrics
	for _, r := range rs {
		if r == nil {
			continue
		}
		m.addRectification(r, now)
	}
	return m
}

// addRectification counts one rectification: its problems, institutions,
// accountability outcomes, education and surveys.
func (m *Metrics) addRectification(r *Rectification, now time.Time) {
	m.Rectifications++
	l := newLookup(r)
	for i := range r.Problems {
		m.addProblem(&l, &r.Problems[i], now)
	}
	m.Institutions += len(r.Institutions)
	m.Accountability += len(r.Accountability)
	for i := range r.Education {
		m.addEducation(&r.Education[i])
	}
	for i := range r.Surveys {
		m.addSurvey(&r.Surveys[i])
	}
}

// GroupBy chooses how [MeasureBy] groups.
type GroupBy int

// Groupings. Periods are those of the recommendation's issue date in China
// Standard Time.
const (
	ByRecipient GroupBy = iota + 1 // the recipient unit (key: its id)
	ByField                        // the problem's field (key: the field; "" for none)
	ByMonth                        // key "2026-03"
	ByQuarter                      // key "2026-Q1"
	ByYear                         // key "2026"
)

// Group is the metrics of one group.
type Group struct {
	Key     string  `json:"key"`
	Label   string  `json:"label"` // the recipient's name, the field, or the period
	Metrics Metrics `json:"metrics"`
}

// MeasureBy computes the metrics of rs at now grouped by recipient, field or
// period, in one pass, groups sorted by key.
//
// By field, each problem counts in its field; an accountability outcome in the
// field of the problem it answers, an institution in the field of the first
// problem it names; warning education, surveys and rectification counts, which
// have no field, count in the group with key "" (labelled 未分类).
func MeasureBy(rs []*Rectification, now time.Time, by GroupBy) ([]Group, error) {
	if by < ByRecipient || by > ByYear {
		return nil, invalid("group_by", "unknown grouping %d", int(by))
	}
	var out []Group
	// Group indexes (not pointers: out may grow), by field, recipient or period.
	byField, byID, byPeriod := map[string]int{}, map[uuid.UUID]int{}, map[int]int{}
	field := func(f string) int {
		i, ok := byField[f]
		if !ok {
			i = len(out)
			byField[f] = i
			out = append(out, Group{Key: f, Label: fieldLabel(f)})
		}
		return i
	}
	for _, r := range rs {
		if r == nil {
			continue
		}
		if by == ByField {
			none := field("")
			out[none].Metrics.Rectifications++
			l := newLookup(r)
			for i := range r.Problems {
				p := &r.Problems[i]
				out[field(p.Field)].Metrics.addProblem(&l, p, now)
			}
			for i := range r.Accountability {
				f := ""
				if q := l.problem(r.Accountability[i].Problem); q != nil {
					f = q.Field
				}
				out[field(f)].Metrics.Accountability++
			}
			for i := range r.Institutions {
				f := ""
				if ps := r.Institutions[i].Problems; len(ps) > 0 {
					if q := l.problem(ps[0]); q != nil {
						f = q.Field
					}
				}
				out[field(f)].Metrics.Institutions++
			}
			for i := range r.Education {
				out[none].Metrics.addEducation(&r.Education[i])
			}
			for i := range r.Surveys {
				out[none].Metrics.addSurvey(&r.Surveys[i])
			}
			continue
		}
		var g int
		if by == ByRecipient {
			a := &r.Recommendation.Recipient
			i, ok := byID[a.ID]
			if !ok {
				i = len(out)
				byID[a.ID] = i
				out = append(out, Group{Key: a.ID.String(), Label: a.Name})
			}
			g = i
		} else {
			d := workday.DateOf(r.Recommendation.IssuedAt)
			y, m := d.Year, int(d.Month)
			var n int
			switch by {
			case ByMonth:
				n = y*100 + m
			case ByQuarter:
				n = y*10 + (m-1)/3 + 1
			default:
				n = y
			}
			i, ok := byPeriod[n]
			if !ok {
				i = len(out)
				byPeriod[n] = i
				var key string
				switch by {
				case ByMonth:
					key = fmt.Sprintf("%04d-%02d", y, m)
				case ByQuarter:
					key = fmt.Sprintf("%04d-Q%d", y, (m-1)/3+1)
				default:
					key = strconv.Itoa(y)
				}
				out = append(out, Group{Key: key, Label: key})
			}
			g = i
		}
		m := &out[g].Metrics
		m.addRectification(r, now)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

const unclassified = "未分类"

func fieldLabel(f string) string {
	if f == "" {
		return unclassified
	}
	return f
}
