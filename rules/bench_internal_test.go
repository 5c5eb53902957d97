package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

type benchCase struct {
	Kind          string          `json:"kind"`
	OpinionAt     time.Time       `json:"opinion_at,omitzero"`
	TransferredAt time.Time       `json:"transferred_at,omitzero"`
	ReceivedAt    time.Time       `json:"received_at,omitzero"`
	Loss          decimal.Decimal `json:"loss"`
	DutyCrime     bool            `json:"duty_crime"`
	EvidenceRisk  bool            `json:"evidence_risk"`
	Subjects      []string        `json:"subjects"`
}

// benchPolicies is a realistic reference-like set: deadlines counted in working days and
// months, at-once conditions, decimals.
const benchPolicies = `
id: b.audit-transfer
subject: case
match: case.kind == 'audit'
variables:
  - name: due
    expression: workday.add(case.opinion_at, 10)
validations:
  - expression: "!has(case.transferred_at) || case.transferred_at <= variables.due"
    message: 超时
    reason: TRANSFER_LATE
obligations:
  - kind: transfer
    due: variables.due
---
id: b.feedback
subject: case
match: has(case.received_at)
obligations:
  - kind: progress_feedback
    due: period.months(case.received_at, 3)
  - kind: disposal
    due: period.months(case.received_at, 3)
---
id: b.soe-at-once
subject: case
match: case.kind == 'soe_owner'
validations:
  - expression: "!(case.duty_crime || case.evidence_risk) || has(case.transferred_at)"
    message: 应第一时间移送
    reason: TRANSFER_AT_ONCE
---
id: b.loss
subject: case
validations:
  - expression: case.loss.isLessThan(decimal('50000000'))
    message: 重大损失
    severity: warning
    reason: MAJOR_LOSS
---
id: b.subjects
subject: case
validations:
  - expression: size(case.subjects) > 0 && case.subjects.all(s, s != '')
    message: 需列明被反映人
    reason: SUBJECT_MISSING
`

func benchSetup(b *testing.B, track bool) (*Bundle, *benchCase, time.Time) {
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	s, err := NewSubject[benchCase]("case", SizeBound("case.subjects", 50))
	if err != nil {
		b.Fatal(err)
	}
	e, err := New(cal, WithSubjects(s), WithRuntimeCostTracking(track))
	if err != nil {
		b.Fatal(err)
	}
	ps, err := Parse("bench.yaml", []byte(benchPolicies))
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := e.Compile(ps)
	if err != nil {
		b.Fatal(err)
	}
	loc := workday.Location()
	c := &benchCase{Kind: "audit", OpinionAt: time.Date(2026, 9, 28, 9, 0, 0, 0, loc), TransferredAt: time.Date(2026, 10, 19, 9, 0, 0, 0, loc),
		ReceivedAt: time.Date(2026, 8, 19, 9, 0, 0, 0, loc), Loss: decimal.RequireFromString("60000000.00"), Subjects: []string{"张某", "李某"}}
	return bundle, c, time.Date(2026, 10, 20, 10, 0, 0, 0, loc)
}

// rawActivation is the activation a skilled cel-go user writes for the bundle's programs:
// typed, resolving the subject, now and the (eagerly evaluated) variables directly, and
// supplying the calendar functions.
type rawActivation struct {
	subject any
	now     types.Timestamp
	vals    []ref.Val
	calFn   functions.LateBoundOp
}

func (a *rawActivation) ResolveName(name string) (any, bool) {
	switch name {
	case "case":
		return a.subject, true
	case "now":
		return a.now, true
	case "variables":
		return a, true
	}
	return nil, false
}

func (a *rawActivation) Parent() interpreter.Activation { return nil }

func (a *rawActivation) ResolveFunction(name string) (functions.LateBoundOp, bool) {
	if calendarFunctions[name] {
		return a.calFn, true
	}
	return nil, false
}

func (a *rawActivation) variable(i int) ref.Val { return a.vals[i] }

type rawViolation struct{ policy, reason string }

type rawObligation struct {
	policy, kind string
	due          time.Time
}

// rawCheck is the strongest raw cel-go loop over the bundle's own compiled programs (the
// same options, cost tracking and decorators): match, variables in order, validations,
// obligations, collecting the same violations and obligations and nothing else.
func rawCheck(bundle *Bundle, act *rawActivation, vio []rawViolation, obl []rawObligation) ([]rawViolation, []rawObligation, error) {
	for _, p := range bundle.policies {
		if p.match != nil {
			out, _, err := p.match.prg.Eval(act)
			if err != nil {
				return nil, nil, err
			}
			if out != types.True {
				continue
			}
		}
		act.vals = act.vals[:0]
		for _, v := range p.vars {
			out, _, err := v.prg.Eval(act)
			if err != nil {
				return nil, nil, err
			}
			act.vals = append(act.vals, out)
		}
		for i := range p.validations {
			v := &p.validations[i]
			out, _, err := v.expr.prg.Eval(act)
			if err != nil {
				return nil, nil, err
			}
			if out != types.True {
				vio = append(vio, rawViolation{p.ID, v.Reason})
			}
		}
		for i := range p.obligations {
			o := &p.obligations[i]
			out, _, err := o.due.prg.Eval(act)
			if err != nil {
				return nil, nil, err
			}
			obl = append(obl, rawObligation{p.ID, o.Kind, out.(types.Timestamp).Time})
		}
	}
	return vio, obl, nil
}

func BenchmarkCheck(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []struct {
		name  string
		track bool
		raw   bool
	}{{"bundle", true, false}, {"rawcel", true, true}, {"bundle_static", false, false}, {"rawcel_static", false, true}} {
		bundle, c, at := benchSetup(b, mode.track)
		b.Run(mode.name, func(b *testing.B) {
			if mode.raw {
				var cert workday.Certainty
				cal := bundle.engine.cal
				act := &rawActivation{subject: c, now: types.Timestamp{Time: at}, vals: make([]ref.Val, 0, bundle.maxVars),
					calFn: func(overload string, args ...ref.Val) ref.Val { return calendarCall(cal, &cert, overload, args) }}
				b.ReportAllocs()
				for b.Loop() {
					vio, obl, err := rawCheck(bundle, act, nil, nil)
					if err != nil || len(vio) != 2 || len(obl) != 3 {
						b.Fatalf("raw: %v, %d violations, %d obligations", err, len(vio), len(obl))
					}
				}
				return
			}
			b.ReportAllocs()
			for b.Loop() {
				d, err := bundle.Check(ctx, c, at)
				if err != nil || len(d.Violations) != 2 || len(d.Obligations) != 3 {
					b.Fatalf("%v %+v", err, d)
				}
			}
		})
	}
}

// compile1000 is 1,000 policies of four expressions each, as a province bundle derived from
// a template has them: a match per agency kind, twenty distinct time limits, and the same
// validation and obligation.
func compile1000() []byte {
	var src strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&src, `---
id: p%04d
subject: case
match: case.kind == 'k%d'
variables:
  - name: due
    expression: workday.add(case.opinion_at, %d)
validations:
  - expression: "!has(case.transferred_at) || case.transferred_at <= variables.due"
    message: late
    reason: LATE
obligations:
  - kind: transfer
    due: variables.due
`, i, i, i%20+1)
	}
	return []byte(src.String())
}

// BenchmarkCompile1000: bundle compiles the parsed policies (on GOMAXPROCS goroutines; run
// with -cpu 1,2); rawcel compiles and plans the same 4,000 expressions with cel-go in one
// shared environment on one goroutine, with the same program options; load parses the YAML
// too.
func BenchmarkCompile1000(b *testing.B) {
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	s, _ := NewSubject[benchCase]("case", SizeBound("case.subjects", 50))
	data := compile1000()
	ps, err := Parse("many.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("bundle", func(b *testing.B) {
		e, err := New(cal, WithSubjects(s))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.Compile(ps); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rawcel", func(b *testing.B) {
		e, err := New(cal, WithSubjects(s))
		if err != nil {
			b.Fatal(err)
		}
		env, err := e.env.Extend(cel.Variable("variables.due", cel.TimestampType))
		if err != nil {
			b.Fatal(err)
		}
		var exprs []string
		for _, p := range ps {
			exprs = append(exprs, p.Match, p.Variables[0].Expression, p.Validations[0].Expression, p.Obligations[0].Due)
		}
		opts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize), cel.InterruptCheckFrequency(100),
			cel.CostTracking(runtimeCost{}), cel.CostLimit(e.costLimit)}
		b.ReportAllocs()
		for b.Loop() {
			for _, src := range exprs {
				ast, iss := env.Compile(src)
				if iss.Err() != nil {
					b.Fatal(iss.Err())
				}
				if _, err := env.Program(ast, opts...); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("load", func(b *testing.B) {
		e, err := New(cal, WithSubjects(s))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			ps, err := Parse("many.yaml", data)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := e.Compile(ps); err != nil {
				b.Fatal(err)
			}
		}
	})
}
