// Package rules is guantong's policy engine: policy authors write rules in CEL
// (cel.dev/cel-go), the engine compiles them once into an immutable, versioned [Bundle], and
// host systems make validation calls against it from their own code.
//
// The engine is generic: it knows policies, subjects (any Go struct registered with
// [NewSubject]), bundles, decisions and its CEL function library, and nothing of clues,
// rectification, meetings or sanctions. `go list -deps` shows it: it imports cel-go, the
// calendar (rules/workday) and an internal strict JSON decoder, no domain package.
//
// # Where it sits
//
// The module is layered, bottom up:
//
//   - rules/workday: the calendar and the one period arithmetic; imported by everything.
//   - clue, then rectification, meeting and rules/sanction: the domain packages, each with
//     its own vocabulary and a Policy interface of the same shape, Assess(ctx, subject, at)
//     (Assessment, error), that says what it asks of the rules.
//   - rules (this package): the generic engine, beside the domain packages, importing none.
//   - rules/domain: the wiring — the domain subjects (clue, rectification, meeting,
//     meeting_series, sanction) and one adapter, domain.Clue, domain.Rectification,
//     domain.Meeting and domain.Sanction, implementing each package's Policy with a Bundle.
//   - rules/policies: the reference policies; cmd/guantong and hosts on top.
//
// # Policies
//
// A policy file is YAML (several documents separated by ---) or JSON:
//
//	id: clue.audit-transfer
//	title: 审计机关移送问题线索时限
//	description: 审计机关在得出结论性意见之日起10个工作日内将问题线索移送同级纪检监察机关。
//	source: seed 002 (郴州)
//	subject: clue                 # a registered subject; the CEL variable of the same name
//	effective: {from: 2024-01-01} # half-open [from, until), dates in China Standard Time
//	match: clue.source.kind == 'audit'
//	variables:                    # lazily evaluated, visible below as variables.<name>
//	  - name: due
//	    expression: workday.add(clue.conclusive_opinion_at, 10)
//	validations:
//	  - expression: "!has(clue.transferred_at) || clue.transferred_at <= variables.due"
//	    messageExpression: "'应于' + date(variables.due) + '前移送'"
//	    severity: error           # error (default), warning or info
//	    reason: AUDIT_TRANSFER_LATE
//	obligations:
//	  - kind: transfer
//	    due: variables.due
//	tests:                        # run by go test (package rulestest) and `guantong test`
//	  - name: 跨国庆假期
//	    at: 2026-10-20T10:00:00+08:00
//	    subject: {...}
//	    expect:
//	      obligations: [{kind: transfer, due: 2026-10-16}]
//
// Expressions see the subject variable, now (the evaluation instant) and the variables; the
// functions of [LibraryVersion] (working days, Civil-Code periods, calendar periods,
// decimals); and cel-go's strings, lists, sets, math and optional extensions, each pinned to
// a version ([CELStringsVersion] …). Fields are named by their json tags. Nothing else: no
// I/O, no clock.
//
// # Outputs
//
// Some policies compute values rather than judge: a subject may declare outputs with
// [DeclareOutput] (name and type), and a policy computes them under outputs:
//
//	outputs:
//	  - name: group_key
//	    expression: uuid(sanction.matter_id)
//
// Each output is type-checked against its declaration; [Decision.Output] returns the one value
// computed, or an error when no applicable policy computed it ([ErrNoOutput]) or more than one
// did ([ErrOutputConflict]). Test cases check outputs with expect.outputs. The sanction
// subject of rules/domain uses outputs to make the sanction resolver's grouping key,
// comparability class, severity and pay-deduction rule CEL policies (domain.Sanction).
//
// # Subjects: strict JSON, absent is absent
//
// A subject is a Go struct registered with [NewSubject]; CEL sees its fields under their json
// tags. [Subject.Decode] reads subject JSON strictly, as the command line and the service do:
// an unknown field, an unknown value of an enumerated field, a value of the wrong type or a
// malformed timestamp is a [*SubjectError] naming each problem's JSON path, line and column,
// with the known names and a did-you-mean:
//
//	source.kind: unknown agency kind "audti"; known: discipline_commission, …, audit, …; did you mean "audit"?
//
// Timestamps are RFC 3339 or a date (2026-10-19 means 00:00 China Standard Time). A field
// that is not given is absent, and stays absent in CEL: a zero time.Time, uuid.UUID or
// decimal.Decimal is not a value. has() is false for it, and reading it without has() is an
// evaluation error of that policy ([ErrAbsent]; the other policies still run), never a
// silent comparison with 1970-01-01:
//
//	match: has(clue.received_at)                       # guards every expression of the policy
//	validations:
//	  - expression: "!has(clue.transferred_at) || clue.transferred_at <= variables.due"
//
// [Engine.Compile] warns, at load time, about a read of such a field with no has() guard on
// its path — in the match, in an obligation's when, in the same && or ||, or in a ternary's
// condition ([Bundle.Warnings], [ErrUnguarded]; `guantong lint` prints them). Fields the domain
// always sets are declared with [Required]: decoding refuses a subject without them, and the
// check does not ask for a guard.
//
// # Calendar certainty and pending dues
//
// Every obligation, violation and output carries the certainty of the calendar days its
// expression used (workday.Certainty: official, reported, provisional, weekends_only), and
// [Decision.Calendar] names the calendar. A due the calendar cannot count (its year has no
// data) is an obligation with [Obligation.PendingYear] and no Due, not an error; a validation
// that cannot be decided is an error of kind [ErrPending], which [Decision.Err] leaves out so
// that a lifecycle step that happened is never refused.
//
// # Versions
//
// [Bundle.Version] is a content hash of the policies and of the engine's [Environment]: the
// function library version, the pinned cel-go extension versions, the cost settings and the
// calendar's content hash. A new holiday notice loaded into the calendar, a cel-go upgrade
// that changed an extension, a new cost limit: each is a new version, recorded with every
// obligation a bundle fixes.
//
// # Compiling
//
// [Engine.Compile] type-checks every expression against the subject's Go type, validates
// literals, folds constants, estimates the worst-case cost against a ceiling, and reports
// every problem in every file at once as a [*LoadError] of [*Problem] values with file,
// line, column and a caret line. Each problem matches one of the Err* categories with
// errors.Is.
//
// # Checking
//
// [Bundle.Check] runs every policy in force at the given instant (the instant the event
// happened: the rule in force then applies), never stopping at the first failure, and returns
// a [Decision]: violations, obligations (due instants that are the last nanosecond of the
// period's last day in China Standard Time), per-policy evaluation errors, and with
// [Explain] a trace of every variable and result. Each expression runs under a runtime cost
// limit, and under the caller's context deadline; an expression whose cost is proven
// independent of the input's size skips cost tracking.
//
// # Checking fast
//
// A check costs about what the same CEL programs cost run by hand (BenchmarkCheck compares
// it with raw cel-go on the bundle's own programs), whatever the size of the bundle:
//
//   - The match index groups the policies whose match compares a string field of the subject
//     with literals (clue.source.kind == "audit", x in [...]) and evaluates only those the
//     field leaves possible; a thousand local policies cost little more than one
//     (BenchmarkCheckScaling). [EvaluateAll] turns it off; [Explain] reports the policies it
//     skipped as not applicable.
//   - [Bundle.CheckInto] reuses the caller's [Decision]: a host checking in a loop allocates
//     nearly nothing per check.
//   - [OnlyPolicies] asks some policies only — policies decide independently, so the
//     decision is the full one's part from them; a refix asks only the policies whose dues it
//     counts again.
//   - A [Memo] ([Bundle.NewMemo], [WithMemo]) remembers each policy's outcome by the scalar
//     fields it reads: a batch of similar subjects evaluates each policy once per distinct
//     reading.
//
// Compile runs on up to GOMAXPROCS goroutines ([WithCompileWorkers]), all finished before it
// returns, and its result does not depend on their number.
//
// # Limits
//
// Policy authors are trusted to write rules, not to run the host out of memory or time. Every
// bound below has a default and is set with [WithLimits] (for [Engine.LoadFS], [Engine.Compile]
// and [Bundle.Check]) or [LoadLimits] (for [Parse] and [LoadFS]); a file, document, bundle,
// policy or expression beyond one is a [*Problem] whose Kind is a [*LimitError] naming it
// ([ErrTooLarge]):
//
//	MaxFileSize           16 MiB   one policy file            LoadFS
//	MaxTotalSize         128 MiB   all files of one LoadFS    LoadFS
//	MaxFiles              10,000   files of one LoadFS        LoadFS
//	MaxDocumentSize        4 MiB   one YAML document, aliases expanded
//	MaxPolicies          100,000   policies of one bundle     Compile
//	MaxVariables             500   variables of one policy    Compile
//	MaxExpressions         2,000   expressions of one policy  Compile
//	MaxExpressionLength   16 KiB   one expression             Compile
//	MaxStringSize          1 MiB   a string an expression makes (+, join, replace, format…)
//	MaxListSize          100,000   a list an expression makes (+, flatten…)
//	CheckBudget        10,000,000  cost of one Check, every expression together
//
// and, set by their own options: the runtime cost limit of one expression
// ([DefaultCostLimit], [WithCostLimit]) and the load-time ceiling of its static worst case
// ([DefaultMaxEstimatedCost], [WithMaxEstimatedCost]). LoadFS reads regular files only,
// follows a link only while it stays under its root and skips hidden files and directories;
// a device, a FIFO or a link out of the root is a problem of kind [ErrNotRegular] or
// [ErrOutsideRoot] naming the path. Decimals are bounded ([MaxDecimalDigits],
// [MaxDecimalExponent]) and charged by their size. A check stops when the caller's context
// ends — checked before every expression, variables included, and inside comprehensions —
// or when its budget is spent ([ErrBudget]; the budget charges each evaluation's cost and the
// size of what it keeps). Compiling is linear in the number of variables, and the limits,
// the pinned extensions and the calendar are part of the bundle's [Environment].
//
// # Confidential values
//
// A subject may mark paths [Confidential] (the clue subject of rules/domain marks its
// reporters and investigation detail): evaluation errors, violation messages and explain
// traces then name such a value by its JSON path (<clue.reporters[0].name>) instead of quoting
// it, unless the check is made with [Reveal] for a caller granted it.
//
// # Concurrency
//
// [Engine], [Bundle] and [Subject] are immutable after construction and safe for concurrent
// use. [Current] holds the bundle in force and swaps it atomically. [Policy], [Decision] and
// [Environment] are plain data. [Bundle.Check] refuses a nil context ([ErrNilContext]).
//
// # Options
//
// Every constructor and call of the module that takes options takes functional options
// ([Option], [SubjectOption], [CheckOption]; workday.Option; sanction.Option), and a nil
// option is ignored, the same way in every package.
//
// cel-go's module path is cel.dev/cel-go since v0.32.0; github.com/google/cel-go stops at
// v0.31.0. This package uses cel.dev/cel-go.
package rules
