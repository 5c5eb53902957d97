package rules

import (
	"context"
	"time"

	"github.com/guantong/guantong/meeting"
)

// Size bounds of the meeting lists, for the load-time cost estimate.
const (
	maxMeetingList     = 1000 // agenda, decisions, obligations of one meeting
	maxMeetingSmall    = 200  // attendees, members, required, topics
	maxMeetingTiny     = 20   // cadences, targets, purposes
	maxSeriesMeetings  = 600  // ten years of weekly meetings
	maxSeriesDecisions = 100  // decisions of one meeting in a series
)

func mechanismBounds(prefix string) []SubjectOption {
	return []SubjectOption{
		SizeBound(prefix+".members", maxMeetingSmall),
		SizeBound(prefix+".required", maxMeetingSmall),
		SizeBound(prefix+".topics", maxMeetingSmall),
		SizeBound(prefix+".cadences", maxMeetingTiny),
		SizeBound(prefix+".targets", maxMeetingTiny),
	}
}

// MeetingSubject is the subject "meeting": a [meeting.Meeting] (one meeting with the snapshot of
// its mechanism), with size bounds for its lists. Its obligations are the meeting package's
// ([MeetingObligations]): next_meeting, or a decision kind giving the time limit of decisions
// of that kind.
func MeetingSubject() Subject {
	opts := append(mechanismBounds("meeting.mechanism"),
		SizeBound("meeting.purposes", maxMeetingTiny),
		SizeBound("meeting.attendees", maxMeetingSmall),
		SizeBound("meeting.agenda", maxMeetingList),
		SizeBound("meeting.decisions", maxMeetingList),
		SizeBound("meeting.decisions.@items.items", maxMeetingSmall),
		SizeBound("meeting.decisions.@items.effects", maxMeetingSmall),
		SizeBound("meeting.obligations", maxMeetingList),
		SizeBound("meeting.findings", maxMeetingList),
	)
	opts = append(opts, Required("meeting.held_at"))
	return MustSubject[meeting.Meeting]("meeting", opts...)
}

// MeetingSeriesSubject is the subject "meeting_series": a [meeting.Series] (a mechanism with its
// meetings), for policies on rhythm and annual targets — whether the last week, month, quarter
// or half-year had its meeting, how many joint inspection topics this year has.
func MeetingSeriesSubject() Subject {
	m := "meeting_series.meetings.@items"
	opts := append(mechanismBounds("meeting_series.mechanism"),
		SizeBound("meeting_series.meetings", maxSeriesMeetings),
		SizeBound(m+".purposes", maxMeetingTiny),
		SizeBound(m+".attendees", maxMeetingTiny),
		SizeBound(m+".agenda", maxSeriesDecisions),
		SizeBound(m+".decisions", maxSeriesDecisions),
		SizeBound(m+".decisions.@items.items", maxMeetingTiny),
		SizeBound(m+".decisions.@items.effects", maxMeetingTiny),
		SizeBound(m+".obligations", maxMeetingTiny),
		SizeBound(m+".findings", maxMeetingTiny),
	)
	opts = append(opts, Required("meeting_series.meetings.@items.held_at"))
	return MustSubject[meeting.Series]("meeting_series", opts...)
}

// MeetingObligations adapts a bundle to [meeting.ObligationPolicy]: recording a meeting asks it
// for the duties that apply (the next meeting's due instant, the time limit of decisions of a
// kind), and the meeting records them with their policy id and bundle version. An evaluation
// error in any meeting policy fails the step (a deadline is never silently missing); an
// obligation kind the meeting package does not know is refused by it.
//
// The policy returned is also a [meeting.Assessor]: the violations the bundle finds (a
// required member absent, a cadence too rare) are returned as [meeting.Finding]s, which
// [meeting.Hold] records on the hold event and the meeting (Meeting.Findings) without refusing
// it — a meeting that happened is recorded as it happened, and what was wrong with it stays
// visible in its record. One Bundle.Check serves both.
func MeetingObligations(b *Bundle) meeting.ObligationPolicy { return meetingPolicy{b} }

type meetingPolicy struct{ b *Bundle }

// Obligations implements [meeting.ObligationPolicy].
func (p meetingPolicy) Obligations(ctx context.Context, m *meeting.Meeting, at time.Time) ([]meeting.Obligation, error) {
	a, err := p.Assess(ctx, m, at)
	return a.Obligations, err
}

// Assess implements [meeting.Assessor].
func (p meetingPolicy) Assess(ctx context.Context, m *meeting.Meeting, at time.Time) (meeting.Assessment, error) {
	d, err := p.b.decide(ctx, m, at, "meeting obligations")
	if err != nil {
		return meeting.Assessment{}, err
	}
	var out meeting.Assessment
	if len(d.Obligations) > 0 {
		out.Obligations = make([]meeting.Obligation, 0, len(d.Obligations))
	}
	for _, o := range d.Obligations {
		out.Obligations = append(out.Obligations, meeting.Obligation{
			Kind:          meeting.ObligationKind(o.Kind),
			Due:           o.Due,
			PolicyID:      o.PolicyID,
			BundleVersion: o.BundleVersion,
			Calendar:      o.Calendar,
			Certainty:     o.Certainty,
			PendingYear:   o.PendingYear,
		})
	}
	for _, v := range d.Violations {
		out.Findings = append(out.Findings, meeting.Finding{
			PolicyID:      v.PolicyID,
			Reason:        v.Reason,
			Severity:      string(v.Severity),
			Message:       v.Message,
			BundleVersion: d.BundleVersion,
		})
	}
	return out, nil
}
