// Package rectification holds a unit to its rectification (整改), item by
// item, with evidence: the loop 提出建议—限期整改—常态监督—跟踪回访—结果运用
// (seed 004) after a recommendation (纪检监察建议, 监察建议), an inspection
// tour's feedback or an audit's rectification requirement.
//
// # Rectification and problems
//
// A [Rectification] is one recommendation issued to one recipient unit and
// everything done about it: the problem list (问题清单) of [Problem], each
// with its task list and responsibility list ([Task]: measure, responsible
// unit and person), [Evidence] of what was done (only document hashes), the
// accountability outcomes (问责处理, [Accountability]), the institutions
// built (建章立制, [Institution]), warning education and satisfaction surveys.
// The recommendation's deadlines are data: each recommendation sets its own
// reply and rectification deadlines; policies validate them and turn them
// into obligations.
//
// # Lifecycle
//
// The lifecycle is a declarative table ([Transitions]). A problem moves open
// → in_progress → claimed_rectified → signed_off (销号), or from a rejected
// claim back to in_progress; a look-back (回头看) either confirms a signed-off
// problem or finds a relapse (反弹) and reopens it, keeping every claim,
// sign-off, rejection, review and superseded piece of evidence. Overdue is
// derived from the due instant and now ([Rectification.Overdue]), never
// stored.
//
// Evidence counts for one round only: a rejection of the claim and a relapse
// both supersede the evidence submitted so far, so a claim after either needs
// new evidence. A relapse also needs a new measure: the tasks already done
// stay done (history is not rewritten) and the problem cannot be claimed
// again until a task assigned after the relapse ([Task.Round]) is done; the
// earlier tasks keep the due of their round in the lists. A task is
// completed by the recipient or by the task's own responsible unit (a third
// party a joint meeting assigned).
//
// Sign-off has teeth in two layers. The guards are hard rules no policy can
// loosen: a sign-off needs evidence of the current round, each piece with a
// SHA-256 document hash and its submitter, all tasks done, and a verifier who
// is not responsible for one of the problem's tasks, has submitted none of
// its evidence, made none of its claims and is not of the recipient unit,
// acting for the issuer or a listed supervisor — never the recipient. A
// [Policy] (rules/domain implements it with CEL) may add rules of its
// own: a violation it reports as Blocking refuses the step that caused it; a
// violation already present before the step (a deadline already missed) does
// not block the late work.
//
// [Issue] creates a rectification; [Rectification.Do] performs any other step
// ([OpenProblem] and [AssignTask] build the commands another package, such as
// a joint meeting's decisions, uses to create duties). Every step returns an
// [Event] for the host to persist; [Apply] and [Replay] rebuild a
// rectification from its events exactly, re-checking every guard and never
// consulting a policy. Illegal steps are [*TransitionError], refused guards
// [*GuardError], policy refusals [*RefusedError], unknown problem ids
// [*UnknownProblemError].
//
// # Obligations
//
// Deadlines are facts fixed when they arise: the reply (书面回复), each
// problem's rectification and each sign-off's look-back are obligations
// recorded in the event that created them, with the policy id and bundle
// version that computed them.
//
// # Staged projects, metrics, the four lists
//
// A [Project] is a special supervision (专项监督) run in named stages, each
// possibly owned by a different agency, a stage closing only after the
// stages it depends on. [Measure] and [MeasureBy] compute completion and
// on-time rates, overdue counts, institutions built and the seed 004
// indicators exactly, as [Rate] values rounded explicitly. [Lists] exports the
// four lists (重点问题、整改措施、问责处理、整改成效) as data, with
// [FourLists.Markdown] and [FourLists.Text] renderings.
//
// # Deadlines the calendar is not sure of
//
// Obligations carry how sure their due is (Certainty) and, for a due in a
// year without calendar data, the year they wait for (PendingYear): a step
// that happened is recorded whatever the calendar knows. [Rectification.Refix] and
// [RefixAll] count them again once the year's notice is loaded, as a refix
// event; dues counted on official data are never touched.
//
// # Concurrency
//
// Rectification, Project, Event and the other types are plain data with JSON
// tags; a value is not safe for concurrent mutation, but any number of
// goroutines may read one that nobody changes. The package has no global
// state, performs no I/O, starts no goroutines and never reads the clock:
// every instant is passed in. The reference location is China Standard Time
// (workday.Location): periods and report dates are taken there.
package rectification
