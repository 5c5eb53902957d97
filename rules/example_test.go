package rules_test

import (
	"context"
	"errors"
	"fmt"
	"testing/fstest"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// Transfer is a host system's own record of a transferred problem clue.
type Transfer struct {
	Source            string    `json:"source"`
	ConclusiveOpinion time.Time `json:"conclusive_opinion_at,omitzero"`
	TransferredAt     time.Time `json:"transferred_at,omitzero"`
}

// A vendor loads a directory of policies, compiles it once, and makes validation calls.
func Example() {
	policyDir := fstest.MapFS{"policies/audit.yaml": {Data: []byte(`
id: audit-transfer
source: seed 002 (郴州)
subject: transfer
match: transfer.source == 'audit'
variables:
  - name: due
    expression: workday.add(transfer.conclusive_opinion_at, 10)
validations:
  - expression: "!has(transfer.transferred_at) || transfer.transferred_at <= variables.due"
    messageExpression: "'审计移送超期：应于' + date(variables.due) + '前移送'"
    reason: AUDIT_TRANSFER_LATE
obligations:
  - kind: transfer
    due: variables.due
`)}}
	cal, err := workday.New() // the embedded State Council calendars
	if err != nil {
		panic(err)
	}
	engine, err := rules.New(cal, rules.WithSubjects(rules.MustSubject[Transfer]("transfer")))
	if err != nil {
		panic(err)
	}
	policies, err := rules.LoadFS(policyDir, "policies")
	if err != nil {
		panic(err)
	}
	bundle, err := engine.Compile(policies)
	if err != nil {
		panic(err) // every problem, with file:line:col and a caret
	}

	cst := workday.Location()
	t := Transfer{
		Source:            "audit",
		ConclusiveOpinion: time.Date(2026, 9, 28, 16, 0, 0, 0, cst),
		TransferredAt:     time.Date(2026, 10, 19, 9, 30, 0, 0, cst),
	}
	d, err := bundle.Check(context.Background(), &t, time.Date(2026, 10, 19, 9, 30, 0, 0, cst))
	if err != nil {
		panic(err)
	}
	for _, o := range d.Obligations {
		fmt.Println(o.Kind, "due", o.Due.Format("2006-01-02 15:04"))
	}
	for _, v := range d.Violations {
		fmt.Println(v.Reason, v.Message)
	}
	// Output:
	// transfer due 2026-10-16 23:59
	// AUDIT_TRANSFER_LATE 审计移送超期：应于2026-10-16前移送
}

// Compile reports every problem at once, each with its position and a caret.
func ExampleEngine_Compile_errors() {
	cal, _ := workday.New()
	engine, _ := rules.New(cal, rules.WithSubjects(rules.MustSubject[Transfer]("transfer")))
	policies, _ := rules.Parse("bad.yaml", []byte(`id: bad
subject: transfer
validations:
  - expression: transfer.sorce == 'audit'
    message: 拼写错误
    reason: TYPO
obligations:
  - kind: transfer
    due: transfer.source
`))
	_, err := engine.Compile(policies)
	fmt.Println(err)
	// Output:
	// rules: 2 problem(s):
	// rules: bad.yaml:4:25: policy bad: validations[0].expression: undefined field 'sorce'
	//  4 |   - expression: transfer.sorce == 'audit'
	//    |                         ^
	// rules: bad.yaml:9:10: policy bad: obligations[0].due: expression has type string, want timestamp
	//  9 |     due: transfer.source
	//    |          ^
}

// A policy author writes a policy with its own test cases and runs them (from go test, use
// rulestest.Run; from the shell, `guantong test`).
func ExampleBundle_RunTests() {
	cal, _ := workday.New()
	engine, _ := rules.New(cal, rules.WithSubjects(rules.MustSubject[Transfer]("transfer")))
	policies, err := rules.Parse("author.yaml", []byte(`
id: tour-green-channel-demo
source: seed 001 (沭阳)
subject: transfer
match: transfer.source == 'inspection_tour'
obligations:
  - kind: transfer
    due: workday.add(transfer.conclusive_opinion_at, 3)
tests:
  - name: 劳动节前
    at: 2026-04-30T09:00:00+08:00
    subject: {source: inspection_tour, conclusive_opinion_at: "2026-04-29T10:00:00+08:00"}
    expect:
      obligations: [{kind: transfer, due: 2026-05-07}]
  - name: 写错的期望
    at: 2026-04-30T09:00:00+08:00
    subject: {source: inspection_tour, conclusive_opinion_at: "2026-04-29T10:00:00+08:00"}
    expect:
      obligations: [{kind: transfer, due: 2026-05-04}]
`))
	if err != nil {
		panic(err)
	}
	bundle, err := engine.Compile(policies)
	if err != nil {
		panic(err)
	}
	fmt.Print(rules.FormatTestResults(bundle.RunTests(context.Background()), true))
	// Output:
	// --- PASS: tour-green-channel-demo/劳动节前
	// --- FAIL: tour-green-channel-demo/写错的期望 (author.yaml:15:5)
	//     - obligation transfer due 2026-05-04
	//     + obligation transfer due 2026-05-07
	// 1 passed, 1 failed
}

// SourceKind is a host's enum: its Values method lists the declared values, which strict
// decoding enforces.
type SourceKind string

// Values returns the declared source kinds.
func (SourceKind) Values() []SourceKind { return []SourceKind{"audit", "finance", "statistics"} }

// Referral is a host system's record of a problem referred by another agency.
type Referral struct {
	Source     SourceKind `json:"source"`
	ReceivedAt time.Time  `json:"received_at,omitzero"`
}

// Subject JSON is decoded strictly: a typo is an error naming its path, never a field that
// is silently absent.
func ExampleSubject_Decode() {
	s := rules.MustSubject[Referral]("referral")
	_, err := s.Decode([]byte(`{"source": "audti", "recieved_at": "2026-10-19"}`))
	var se *rules.SubjectError
	if errors.As(err, &se) {
		for _, p := range se.Problems {
			fmt.Println(p.Path, "—", p.Suggest)
		}
	}
	fmt.Println(errors.Is(err, rules.ErrUnknownValue), errors.Is(err, rules.ErrUnknownField))
	// Output:
	// source — audit
	// recieved_at — received_at
	// true true
}
