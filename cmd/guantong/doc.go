// Command guantong is the command line of the guantong rules for policy authors and the
// reviewers who must trust them: it checks a subject (a problem clue, a sanction case…)
// against the CEL policies, explains the decision, runs the policies' own test cases, lints
// policy files, counts PRC working days, and serves all of it over HTTP (serve).
//
// Install it with
//
//	go install github.com/guantong/guantong/cmd/guantong@latest
//
// Usage:
//
//	guantong <command> [flags] [arguments]
//
// The commands are:
//
//	check     evaluate a subject given as JSON against the policies
//	explain   show why a decision came out as it did, policy by policy
//	test      run every policy's own test cases
//	lint      compile the policies and report every problem
//	calendar  working-day deadline and the holidays and 调休 days it crosses
//	serve     answer validation calls over HTTP and serve the policy workbench
//	version   print the tool, rules library, bundle and calendar versions
//
// "guantong <command> -h" prints a command's flags. Flags may come before or after the
// arguments; "--" ends them.
//
// # Policies and calendar
//
// check, explain, test and lint work on the reference policies embedded in the binary
// (package rules/policies), or with --policies DIR on every .yaml, .yml and .json file under
// DIR, compiled over the domain subjects (domain.Subjects). Positions in reports are
// file:line:col under DIR. Every command takes --calendar FILE, a host calendar in the
// guantong.workday/v1 format (see package rules/workday) that adds or replaces years, and
// --weekend-fallback, which answers years without official data as weekends-only and marks
// every result that used it. The embedded calendar holds official data for 2024–2026 and
// reported data for 2027; a year without data is never guessed.
//
// Policies are evaluated under a deadline: --timeout DURATION (30s by default, 0 for none)
// stops check, explain and test, with exit status 2. What check and explain print names a
// subject's confidential values (a clue's reporters and investigation detail) by their path,
// <clue.reporters[0].name>, unless --reveal is given.
//
// # check and explain
//
//	guantong check --at 2026-10-19T09:00:00+08:00 clue.json
//	guantong check --at 2026-10-19 --json - < clue.json
//	guantong explain --at 2026-10-19 --policy clue.audit-transfer clue.json
//
// The subject is JSON in a file, or on standard input with "-"; --subject names its kind
// (default clue). Decoding is strict: an unknown field, a wrong type or trailing data is an
// error naming the line and column. --at is the evaluation instant: RFC 3339, a CST date and
// time (2026-10-19 09:00) or a date (2026-10-19, meaning 00:00 CST). Without --at the
// current time is used, which is what an author checking a live case wants; give --at for
// anything repeatable. Due dates print as the date of their last day (a deadline is 24:00
// CST of that day) and messages as the policy wrote them. --json prints the rules.Decision.
// explain adds, policy by policy, whether it was in force and matched, each variable's
// value, each validation's result and each obligation's due date.
//
// # test and lint
//
//	guantong test -v
//	guantong test --policies ./policies --run 'audit-transfer/国庆'
//	guantong lint --policies ./policies
//
// test runs each policy's test cases against that policy alone and prints, like go test, a
// "--- FAIL" block with a diff (- expected and missing, + present but not expected) for each
// failing case, one ok / FAIL / ? line per policy and a final "N passed, N failed" line.
// lint reports every parse and compile problem at once, each as file:line:col, policy,
// field and message, followed by the source line with a caret under the column; it warns
// about policies without a source citation or without test cases (--strict makes warnings
// errors).
//
// # calendar
//
//	guantong calendar 2026-09-28 10          # 10 working days → 2026-10-16
//	guantong calendar --months 2026-07-06 3  # 3 months → 2026-10-06 is 国庆节 → 2026-10-08
//	guantong calendar --days --all 2026-09-20 11
//
// It prints the deadline and lists the statutory holidays and 调休 make-up working days the
// period crosses, with the working-day count at each make-up day.
//
// # serve
//
//	guantong serve                                   # 127.0.0.1:8181, embedded reference set
//	guantong serve --addr :8181 --policies ./policies --calendar 2027.json --decision-log decisions.jsonl
//
// serve answers validation calls over HTTP for hosts that are not written in Go: JSON under
// /v1 (check a subject with or without its trace, resolve sanction proposals, calendar
// questions, the policies with their sources, versions, status, health and readiness), the
// OpenAPI 3 document at /v1/openapi.json, Prometheus metrics at /metrics, and the policy
// workbench at / (assets embedded; it works offline). Errors are one JSON shape with a stable
// code, the field and, for policies, file:line:col; 400 is bad input, 422 a subject that fails
// its own validation or a pasted policy that does not compile. Every response names the
// bundle that answered (header Guantong-Bundle). The policies and the calendar file are polled
// every --reload-interval and reloaded at once on SIGHUP; a new bundle is swapped in
// (rules.Current) only when it compiles and all its policy test cases pass, otherwise the old
// one stays and /v1/status reports the problems. --decision-log appends one JSON line per
// decision, without confidential values; the host rotates it (move and SIGHUP, or
// copytruncate). SIGINT and SIGTERM stop the server gracefully. "guantong serve -h" lists the
// routes and limits.
//
// # Exit status
//
// 0: success — compliant (warnings allowed), every test passed, no lint error.
// 1: findings — a violation of severity error or an evaluation error (check, explain), a
// failing test or no test case at all (test), a lint error (lint).
// 2: the command could not run — bad usage, a missing or unreadable file, invalid JSON, an
// unknown subject or policy, policies that do not load (for check, explain and test), a date
// without calendar data.
//
// Usage errors and input errors go to standard error; results go to standard output.
package main
