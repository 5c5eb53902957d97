package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
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

// rawPolicy is the same policy compiled straight with cel-go, with the same program options.
type rawPolicy struct {
	match       cel.Program
	vars        []cel.Program
	varNames    []string
	validations []cel.Program
	obligations []cel.Program
}

func rawPrograms(b *testing.B, bundle *Bundle) []rawPolicy {
	var out []rawPolicy
	for _, p := range bundle.policies {
		env := bundle.engine.env
		prog := func(src string, tracked bool) cel.Program {
			ast, iss := env.Compile(src)
			if iss.Err() != nil {
				b.Fatal(iss.Err())
			}
			if opt, err := cel.NewStaticOptimizer(cel.NewConstantFoldingOptimizer()); err == nil {
				if folded, iss := opt.Optimize(env, ast); iss.Err() == nil {
					ast = folded
				}
			}
			opts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize), cel.InterruptCheckFrequency(100)}
			if tracked {
				opts = append(opts, cel.CostTracking(runtimeCost{}), cel.CostLimit(bundle.engine.costLimit))
			}
			prg, err := env.Program(ast, opts...)
			if err != nil {
				b.Fatal(err)
			}
			return prg
		}
		var rp rawPolicy
		for i, v := range p.Variables {
			rp.vars = append(rp.vars, prog(v.Expression, p.vars[i].tracked))
			rp.varNames = append(rp.varNames, "variables."+v.Name)
			var err error
			env, err = env.Extend(cel.Variable("variables."+v.Name, p.vars[i].out))
			if err != nil {
				b.Fatal(err)
			}
		}
		if p.Match != "" {
			rp.match = prog(p.Match, p.match.tracked)
		}
		for i, v := range p.Validations {
			rp.validations = append(rp.validations, prog(v.Expression, p.validations[i].expr.tracked))
		}
		for i, o := range p.Obligations {
			rp.obligations = append(rp.obligations, prog(o.Due, p.obligations[i].due.tracked))
		}
		out = append(out, rp)
	}
	return out
}

func BenchmarkCheck(b *testing.B) {
	ctx := context.Background()
	for _, mode := range []struct {
		name  string
		track bool
	}{{"bundle", true}, {"rawcel", true}, {"bundle_static", false}} {
		bundle, c, at := benchSetup(b, mode.track)
		b.Run(mode.name, func(b *testing.B) {
			if mode.name == "rawcel" {
				raw := rawPrograms(b, bundle)
				now := at
				cal := bundle.engine.cal
				var cert workday.Certainty
				calFn := func(overload string, args ...ref.Val) ref.Val { return calendarCall(cal, &cert, overload, args) }
				funcs := map[string]functions.LateBoundOp{}
				for name := range calendarFunctions {
					funcs[name] = calFn
				}
				b.ReportAllocs()
				for b.Loop() {
					violations, obligations := 0, 0
					for _, rp := range raw {
						m := map[string]any{"case": c, "now": now}
						vars, err := interpreter.NewFunctionActivation(m, funcs)
						if err != nil {
							b.Fatal(err)
						}
						if rp.match != nil {
							out, _, err := rp.match.Eval(vars)
							if err != nil || out.Value() != true {
								continue
							}
						}
						for i, v := range rp.vars {
							out, _, err := v.Eval(vars)
							if err != nil {
								b.Fatal(err)
							}
							m[rp.varNames[i]] = out
						}
						for _, v := range rp.validations {
							out, _, err := v.Eval(vars)
							if err != nil {
								b.Fatal(err)
							}
							if out.Value() != true {
								violations++
							}
						}
						for _, o := range rp.obligations {
							if _, _, err := o.Eval(vars); err != nil {
								b.Fatal(err)
							}
							obligations++
						}
					}
					if violations != 2 || obligations != 3 {
						b.Fatalf("raw: %d violations, %d obligations", violations, obligations)
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

func BenchmarkCompile1000(b *testing.B) {
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	s, _ := NewSubject[benchCase]("case", SizeBound("case.subjects", 50))
	e, err := New(cal, WithSubjects(s))
	if err != nil {
		b.Fatal(err)
	}
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
	data := []byte(src.String())
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
}
