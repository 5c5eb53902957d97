// Package clue models problem clues (问题线索) and the transfer loop
// 移送—处置—反馈—评估 between the agencies of supervision coordination:
// an agency finds a clue and transfers it to the body that can act on it; the
// receiver registers (归口接收), assigns (分办) and disposes of it and reports
// back to every sender; each sender evaluates the result (评估、成果运用).
//
// # Lifecycle
//
// The lifecycle is a declarative table ([Transitions]) of states, steps,
// named guards and the obligation kinds each step meets. [Draft] creates a
// clue; [Clue.Do] performs any other step and [Merge] joins two clues (并案)
// without losing sources, feedback duties or history. Every step returns an
// [Event] (who, when, what, why) for the host to persist; [Apply] and
// [Replay] rebuild a clue from its events exactly, re-checking every guard.
// Illegal steps are [*TransitionError], refused guards [*GuardError].
//
// # Obligations
//
// Deadlines are facts fixed when they arise. A step asks an
// [Policy] (implemented by the rules package with CEL policies) for
// the obligations that apply to the clue after the step, records the new ones
// in its event with their due instant, policy id and bundle version, and
// replay never consults a policy again. Feedback duties are owed to every
// sender, including the senders of merged clues.
//
// A duty decided outside the clue — a joint meeting's decision to transfer,
// assign (ObligationAssign), merge (ObligationMerge) or send a reminder
// letter (ObligationReminder) by a date — is recorded on the clue with the
// record_duty step ([StepRecordDuty], Command.Duty) as soon as it is decided,
// so that the ledger shows it overdue if nobody acts; the step that meets
// its kind in the transition table meets it.
//
// # Deadlines the calendar is not sure of
//
// A due counted on reported, provisional or weekends-only calendar days says
// so (Obligation.Certainty); a due in a year the calendar cannot answer is
// recorded pending (Obligation.PendingYear) — the step that raised it happened
// and is never refused. [Pending] and [Provisional] list them. When the year's
// notice is loaded, [Clue.Refix] (or [RefixAll] over a ledger) counts them
// again on the new bundle and records a refix event with the old and new due,
// the notice, the policy and the bundle version; met duties are judged again,
// reminders already sent stay, and dues counted on official data are never
// touched.
//
// # Confidentiality
//
// Reporter identity and investigation detail live in fields that
// [Clue.View] and [ViewEvent] clear for anyone the host has not granted: a
// sending agency never sees them.
//
// # Ledger
//
// [Overdue], [DueWithin], [RemindersDue] and [Review] answer the ledger
// (台账) questions over any sequence of clues: what is overdue, what falls
// due soon, on-time rates, and the reminder letters (工作提示函) owed.
//
// # Concurrency
//
// Clue, Event and the other types are plain data with JSON tags; a value is
// not safe for concurrent mutation, but any number of goroutines may read one
// that nobody changes. The package has no global state, performs no I/O,
// starts no goroutines and never reads the clock: every instant is passed in.
// The ledger functions only read the clues they are given. Instants are
// compared as instants; the reference location is China Standard Time
// (workday.Location).
package clue
