// Package rules is guantong's policy engine: policy authors write rules in CEL
// (cel.dev/cel-go), the engine compiles them once into an immutable, versioned [Bundle], and
// host systems make validation calls against it from their own code.
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
// domain functions of [LibraryVersion] (working days, Civil-Code periods, decimals); and
// cel-go's strings, lists, sets, math and optional extensions. Fields are named by their json
// tags. Nothing else: no I/O, no clock.
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
// subject ([SanctionSubject]) uses outputs to make the sanction resolver's grouping key,
// comparability class, severity and pay-deduction rule CEL policies ([SanctionPolicy]).
//
// # Domain subjects
//
// [DomainSubjects] registers the domain packages' types: clue ([clue.Clue]) and sanction
// ([sanction.Proposal]); adapters turn a bundle into the small policy interfaces those
// packages define ([ClueObligations], [SanctionPolicy]).
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
// # Concurrency
//
// [Engine], [Bundle] and [Subject] are immutable after construction and safe for concurrent
// use. [Current] holds the bundle in force and swaps it atomically. [Policy] and [Decision]
// are plain data.
//
// cel-go's module path is cel.dev/cel-go since v0.32.0; github.com/google/cel-go stops at
// v0.31.0. This package uses cel.dev/cel-go.
package rules
