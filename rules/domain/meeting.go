package domain

import (
	"github.com/guantong/guantong/meeting"
	"github.com/guantong/guantong/rules"
)

// Size bounds of the meeting lists, for the load-time cost estimate.
const (
	maxMeetingList     = 1000 // agenda, decisions, obligations of one meeting
	maxMeetingSmall    = 200  // attendees, members, required, topics
	maxMeetingTiny     = 20   // cadences, targets, purposes
	maxSeriesMeetings  = 600  // ten years of weekly meetings
	maxSeriesDecisions = 100  // decisions of one meeting in a series
)

func mechanismBounds(prefix string) []rules.SubjectOption {
	return []rules.SubjectOption{
		rules.SizeBound(prefix+".members", maxMeetingSmall),
		rules.SizeBound(prefix+".required", maxMeetingSmall),
		rules.SizeBound(prefix+".topics", maxMeetingSmall),
		rules.SizeBound(prefix+".cadences", maxMeetingTiny),
		rules.SizeBound(prefix+".targets", maxMeetingTiny),
	}
}

// MeetingSubject is the subject "meeting": a [meeting.Meeting] (one meeting with the snapshot of
// its mechanism), with size bounds for its lists. Its obligations are the meeting package's
// ([Meeting]): next_meeting, or a decision kind giving the time limit of decisions
// of that kind.
func MeetingSubject() rules.Subject {
	opts := append(mechanismBounds("meeting.mechanism"),
		rules.SizeBound("meeting.purposes", maxMeetingTiny),
		rules.SizeBound("meeting.attendees", maxMeetingSmall),
		rules.SizeBound("meeting.agenda", maxMeetingList),
		rules.SizeBound("meeting.decisions", maxMeetingList),
		rules.SizeBound("meeting.decisions.@items.items", maxMeetingSmall),
		rules.SizeBound("meeting.decisions.@items.effects", maxMeetingSmall),
		rules.SizeBound("meeting.obligations", maxMeetingList),
		rules.SizeBound("meeting.findings", maxMeetingList),
	)
	opts = append(opts, rules.Required("meeting.held_at"))
	return rules.MustSubject[meeting.Meeting]("meeting", opts...)
}

// MeetingSeriesSubject is the subject "meeting_series": a [meeting.Series] (a mechanism with its
// meetings), for policies on rhythm and annual targets — whether the last week, month, quarter
// or half-year had its meeting, how many joint inspection topics this year has.
func MeetingSeriesSubject() rules.Subject {
	m := "meeting_series.meetings.@items"
	opts := append(mechanismBounds("meeting_series.mechanism"),
		rules.SizeBound("meeting_series.meetings", maxSeriesMeetings),
		rules.SizeBound(m+".purposes", maxMeetingTiny),
		rules.SizeBound(m+".attendees", maxMeetingTiny),
		rules.SizeBound(m+".agenda", maxSeriesDecisions),
		rules.SizeBound(m+".decisions", maxSeriesDecisions),
		rules.SizeBound(m+".decisions.@items.items", maxMeetingTiny),
		rules.SizeBound(m+".decisions.@items.effects", maxMeetingTiny),
		rules.SizeBound(m+".obligations", maxMeetingTiny),
		rules.SizeBound(m+".findings", maxMeetingTiny),
	)
	opts = append(opts, rules.Required("meeting_series.meetings.@items.held_at"))
	return rules.MustSubject[meeting.Series]("meeting_series", opts...)
}

// Meeting adapts a bundle to [meeting.Policy]: recording a meeting asks it for the duties
// that apply (the next meeting's due instant, the time limit of decisions of a kind), which
// the meeting records with their policy id, bundle version and calendar, and for what the
// policies find wrong (a required member absent, a cadence too rare), returned as
// [meeting.Finding]s that [meeting.Hold] records on the hold event and the meeting without
// refusing it — a meeting that happened is recorded as it happened, and what was wrong with
// it stays visible in its record. One check serves both. An evaluation error in any meeting
// policy fails the step; an obligation kind the meeting package does not know is refused by
// it. The policy is safe for concurrent use.
// A refix asks only the policies whose dues it counts again (meeting.FocusedPolicy).
func Meeting(b *rules.Bundle) meeting.FocusedPolicy {
	return newAdapter(b, "meeting obligations", func(_ *meeting.Meeting, d *rules.Decision) (meeting.Assessment, error) {
		return meeting.Assessment{
			Obligations: obligations(d, func(o *rules.Obligation) meeting.Obligation {
				return meeting.Obligation{Kind: meeting.ObligationKind(o.Kind), Due: o.Due, PolicyID: o.PolicyID,
					BundleVersion: o.BundleVersion, Calendar: o.Calendar, Certainty: o.Certainty, PendingYear: o.PendingYear}
			}),
			Findings: findings(d, func(v *rules.Violation) meeting.Finding {
				return meeting.Finding{PolicyID: v.PolicyID, Reason: v.Reason, Severity: string(v.Severity),
					Message: v.Message, BundleVersion: d.BundleVersion}
			}),
		}, nil
	})
}
