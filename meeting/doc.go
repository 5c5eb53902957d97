// Package meeting models the standing coordination mechanisms of supervision
// work — joint meetings (联席会议), consultations (会商), task-force and
// case-briefing meetings, ledger reviews and pre-tour consultations (巡前对接)
// — keeps their rhythm on the PRC working-day calendar, and turns their
// decisions into tracked work in the clue model.
//
// # Mechanisms and cadences
//
// A [Mechanism] names its lead and member agencies (clue.Agency), the
// agencies that must attend, its [Cadence]s (weekly, monthly, quarterly,
// half-yearly, yearly, or every N weeks or months from an anchor date) and
// its [Target]s ("1–2 joint inspection topics a year", seed 002 成都).
// Cadence definitions that make no sense are [*CadenceError]s. Periods are
// China Standard Time calendar periods (weeks from Monday) or anchored custom
// periods; see [Cadence] for when a meeting is due and when it is late.
// [Series.Compliance] reports over a span which periods were held, late,
// missed, pending or exempt (no working day), the next meeting due, which
// meetings lacked required members and how the targets stand; a period whose
// due instant needs calendar data that does not exist (a week reaching into
// 2027) is unknown rather than failing the report. [Series.NextDue] answers
// the next meeting alone.
//
// # Meetings and their lifecycle
//
// [Hold] records a [Meeting] from a [Record]: the mechanism's snapshot, the
// attendees, the agenda (clues, problems, topics), the minutes and the
// [Decision]s. A meeting that does not fit its mechanism is refused
// ([ErrOutsideMechanism]); so is a decision about a clue that is not on the
// agenda or that the host's [ClueSource] does not know, and — when the host
// gives Env.Rectifications — a decision about a problem no rectification
// lists ([ErrUnknownItem]); so is a decision listing an item twice
// ([ErrInvalid]). Due instants are facts fixed at the hold: from the minutes,
// else from the clue's own time limit (a transfer's, through the clue
// policy), else from the meeting [Policy] (implemented by the rules
// package with CEL policies). What the policy finds wrong with the meeting (a
// required member absent, a cadence too rare) never refuses the hold — the
// meeting happened — but is recorded with it as [Finding]s
// (Meeting.Findings) as
// domain.Meeting is. [Meeting.Do] performs the later steps (carry out, withdraw);
// every step returns an [Event], and [Apply] and [Replay] rebuild a meeting
// from its events exactly, re-checking every guard without consulting a
// policy. The lifecycle is a declarative table ([Transitions]).
//
// # Decisions that act
//
// A decision creates the duty it names in the clue model at once:
// [Meeting.RecordDuties], called right after the hold, records on each clue
// the decision is about a duty ([ClueDutyKind]: transfer, assign, merge or
// reminder) due at the decision's due instant, so that a decision nobody
// carries out is overdue in the clue ledger (clue.Overdue) as well as here.
// [Meeting.ActOnClues] carries a decision out in the clue model through the
// clue lifecycle — a transfer transfers, a merge merges, an assignment
// assigns, a reminder-letter decision records the 工作提示函 — meeting that
// duty, and marks the decision done, all or nothing.
// [Meeting.ActOnRectification] turns an assignment about problems into
// rectification tasks. Clues and rectifications are identified by ID, never
// by the pointer a host's lookup returns (see [RectificationSource]). [Decision.Status], [Meeting.Progress] and [Overdue] derive from an
// instant which decisions are done, pending or overdue; nothing of that is
// stored.
//
// # Deadlines the calendar is not sure of
//
// Obligations carry how sure their due is (Certainty) and, for a due in a
// year without calendar data, the year they wait for (PendingYear): a step
// that happened is recorded whatever the calendar knows. [Meeting.Refix] and
// [RefixAll] count them again once the year's notice is loaded, as a refix
// event; dues counted on official data are never touched.
//
// # Concurrency
//
// Mechanism, Meeting, Series, Event and the other types are plain data with
// JSON tags; a value is not safe for concurrent mutation, but any number of
// goroutines may read one that nobody changes. The package has no global
// state, performs no I/O, starts no goroutines and never reads the clock:
// every instant is passed in. Compliance only reads what it is given and
// needs a *workday.Calendar, which is safe to share.
package meeting
