package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/interpreter"

	"github.com/guantong/guantong/rules/workday"
)

// Bundle is a compiled, immutable, versioned set of policies. It is safe for concurrent use
// by any number of goroutines and cheap to share (pass the pointer). A host that reloads
// policies while serving compiles a new Bundle and swaps it in with a [Current].
type Bundle struct {
	engine    *Engine
	version   string
	policies  []*compiledPolicy
	bySubject map[string][]*compiledPolicy
	// outputsBySubject counts the outputs of each subject's policies, to size Decision.Outputs.
	outputsBySubject map[string]int
	// index decides, per subject, which policies' matches need evaluating (nil: all).
	index map[string]*subjectIndex
	// maxVars is the largest number of variables of any policy, to size the activation once.
	maxVars int
	// warnings found when compiling (see Warnings).
	warnings []*Problem
	// acts keeps the activations of finished checks for the next ones.
	acts sync.Pool
}

// Warnings returns the load-time warnings of the bundle's policies, in policy order, each
// with its position and a caret line: reads of fields that may be absent without a has()
// guard ([ErrUnguarded]). They do not stop the bundle from compiling; `guantong lint` prints
// them.
func (b *Bundle) Warnings() []*Problem { return slices.Clone(b.warnings) }

// Current holds the bundle a host is serving with, swappable atomically while other
// goroutines make validation calls. The zero value holds no bundle.
type Current struct{ p atomic.Pointer[Bundle] }

// Load returns the bundle in force (nil if none was stored).
func (c *Current) Load() *Bundle { return c.p.Load() }

// Store makes b the bundle in force.
func (c *Current) Store(b *Bundle) { c.p.Store(b) }

// Version is the content hash of the bundle ("sha256:" and 16 hex digits) over its policies
// and the engine's [Environment] — the guantong library version, the pinned cel-go extension
// versions, the cost settings and the calendar's content hash: the same policies in the same
// environment always give the same version, and a change to any of them gives a new one.
func (b *Bundle) Version() string { return b.version }

// Engine returns the engine that compiled the bundle.
func (b *Bundle) Engine() *Engine { return b.engine }

// Policies returns the bundle's policies, sorted by id.
func (b *Bundle) Policies() []Policy {
	out := make([]Policy, len(b.policies))
	for i, p := range b.policies {
		out[i] = p.Policy
	}
	return out
}

type program struct {
	prg     cel.Program
	field   string
	src     *policySource
	out     *cel.Type
	tracked bool
	fixed   uint64   // the static worst case, charged to the check budget when not tracked
	pos     Position // where the expression is, for violations and errors
	checked *cel.Ast // the checked expression, while the policy compiles
}

type compiledValidation struct {
	Validation
	expr    *program
	message *program
}

type compiledObligation struct {
	ObligationRule
	when *program
	due  *program
}

type compiledOutput struct {
	Output
	typ  OutputType
	expr *program
}

type compiledPolicy struct {
	Policy
	subject     Subject
	version     string
	match       *program
	vars        []*program
	varNames    []string
	varIndex    map[string]int
	validations []compiledValidation
	obligations []compiledObligation
	outputs     []compiledOutput
	cond        indexCond // the conjunct of the match the index decides, if any
	// memoOK: every expression reads only scalar fields of the subject (memoReads) and
	// maybe now (memoNow), so a Memo may key the policy's outcome by them; num numbers the
	// policy in its bundle.
	memoOK    bool
	memoNow   bool
	memoReads []fieldReader
	num       int
}

// activation resolves the subject, now and variables.<name> for one policy evaluation, and
// supplies the late-bound calendar functions. Variables are evaluated on first use and
// cached; they see the same activation. cert is the weakest certainty of the calendar days
// used by the expression being evaluated (and the variables it read).
type activation struct {
	ctx      context.Context
	done     <-chan struct{} // ctx.Done(), nil when ctx cannot end
	subjName string
	subject  any
	now      types.Timestamp
	pol      *compiledPolicy
	vals     []ref.Val
	fails    []error
	certs    []workday.Certainty
	valsBuf  []ref.Val
	failsBuf []error
	certsBuf []workday.Certainty
	cal      *workday.Calendar
	cert     workday.Certainty
	calFn    functions.LateBoundOp
	scrub    *scrubber     // nil unless the subject has confidential values to keep out of words
	scrubV   scrubber      // what scrub points to
	budget   uint64        // what is left of the check budget (Limits.CheckBudget)
	pickBuf  [32]int       // the index's candidates, for most checks
	nv, no   int           // capacities for the decision's first violation and obligation
	memo     *Memo         // the check's memo, if any
	value    reflect.Value // the subject, for the memo's keys
	keyBuf   []byte        // the memo key being built
	spent    uint64        // the budget, for messages
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case a.subjName:
		return a.subject, true
	case "now":
		return a.now, true
	}
	if name == "variables" {
		return a, true // its fields are read through the variablesProvider
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }

// ResolveFunction supplies the calendar functions (interpreter.FunctionActivation).
func (a *activation) ResolveFunction(name string) (functions.LateBoundOp, bool) {
	if calendarFunctions[name] {
		return a.calFn, true
	}
	return nil, false
}

func (a *activation) call(overloadID string, args ...ref.Val) ref.Val {
	return calendarCall(a.cal, &a.cert, overloadID, args)
}

// begin starts an expression: no calendar day used yet.
func (a *activation) begin() { a.cert = "" }

// certainty is the weakest certainty of the calendar days the expression used; Official
// when it used none.
func (a *activation) certainty() workday.Certainty { return a.cert.Weaker(workday.Official) }

func (a *activation) variable(i int) ref.Val {
	if a.vals[i] != nil {
		a.cert = a.cert.Weaker(a.certs[i])
		return a.vals[i]
	}
	outer := a.cert
	a.cert = ""
	prg := a.pol.vars[i]
	v, err := prg.eval(a.ctx, a)
	if err != nil {
		a.fails[i] = err
		v = types.WrapErr(fmt.Errorf("variables.%s: %w", a.pol.varNames[i], err))
	}
	a.vals[i], a.certs[i] = v, a.cert
	a.cert = outer.Weaker(a.cert)
	return v
}

// eval evaluates the program for one check: not at all once ctx has ended or the check's
// budget is spent, and charging the budget with the evaluation's cost (tracked, or the
// static worst case) and the size of its result (what a variable keeps).
func (p *program) eval(ctx context.Context, act *activation) (ref.Val, error) {
	if act.done != nil {
		select {
		case <-act.done:
			return nil, ctx.Err()
		default:
		}
	}
	if act.budget == 0 {
		return nil, act.budgetError()
	}
	var (
		out ref.Val
		det *cel.EvalDetails
		err error
	)
	if act.done == nil {
		out, det, err = p.prg.Eval(act)
	} else {
		out, det, err = p.prg.ContextEval(ctx, act)
	}
	cost := p.fixed
	if p.tracked && det != nil {
		if c := det.ActualCost(); c != nil {
			cost = *c
		}
	}
	cost += retainedCost(out)
	if cost >= act.budget {
		act.budget = 0
		if err == nil {
			return nil, act.budgetError()
		}
		return out, err
	}
	act.budget -= cost
	return out, err
}

// retainedCost is the charge for the memory a result holds: its size in the units of the
// cost model's string traversal (a tenth per byte) or one per element.
func retainedCost(v ref.Val) uint64 {
	switch x := v.(type) {
	case types.Bool, types.Int, types.Uint, types.Double, types.Timestamp, types.Duration:
		return 0
	case types.String:
		return uint64(len(x)) / 10
	case types.Bytes:
		return uint64(len(x)) / 10
	case traits.Sizer:
		if n, ok := x.Size().(types.Int); ok && n > 0 {
			return uint64(n)
		}
	}
	return 0
}

func (a *activation) budgetError() error {
	return fmt.Errorf("%w: the %d of this check are spent (Limits.CheckBudget)", ErrBudget, a.spent)
}

// CheckOption configures one [Bundle.Check] call. A nil CheckOption is ignored.
type CheckOption func(*checkConfig)

type checkConfig struct {
	explain         bool
	only            []string // nil: every policy
	obligationsOnly bool
	reveal          bool
	all             bool
	memo            *Memo
}

// EvaluateAll makes a check evaluate every policy's match, without the match index (which
// skips the policies a subject field already rules out). The decision is the same either
// way; the option is for tests and for measuring the index.
func EvaluateAll() CheckOption { return func(c *checkConfig) { c.all = true } }

// Explain records, for each policy, whether it was in force and matched, each variable's
// value and each validation's and obligation's result, in [Decision.Trace].
func Explain() CheckOption { return func(c *checkConfig) { c.explain = true } }

// OnlyPolicies restricts the call to the policies with the given ids, as if the bundle held
// no other (none named: none evaluated). Policies decide independently, so the decision is
// the full decision's part from those policies: a lifecycle re-counting the dues of a few
// policies (Refix) asks only them.
func OnlyPolicies(ids ...string) CheckOption {
	return func(c *checkConfig) { c.only = append(make([]string, 0, len(ids)), ids...) }
}

// ObligationsOnly evaluates, of each applicable policy, its obligations (and the variables
// they read) and nothing else: no validations, no outputs. A host that only asks when duties
// fall due — a lifecycle step of a clue, a re-count of dues on a new calendar — saves the
// work; Decision.Violations and Decision.Outputs stay empty.
func ObligationsOnly() CheckOption { return func(c *checkConfig) { c.obligationsOnly = true } }

// Check evaluates every policy in force at instant at, for the subject's type, against
// subject (a value or pointer of a registered subject type), and returns the decision. It
// never stops at the first failure: a policy whose expression fails at run time (an absent
// field, a division by zero, its cost limit) gets an [EvalError] in Decision.Errors and the
// others still run.
//
// Check returns an error only when no decision can be made for the input: a nil context
// ([ErrNilContext]), a nil bundle ([ErrEmptyBundle]) or a value that is not a registered subject ([ErrWrongSubject]); and,
// together with the partial decision, when ctx ends before every policy ran ([ErrCanceled]).
func (b *Bundle) Check(ctx context.Context, subject any, at time.Time, opts ...CheckOption) (Decision, error) {
	var d Decision
	err := b.CheckInto(ctx, subject, at, &d, opts...)
	return d, err
}

// CheckInto is [Bundle.Check] into d, reusing the capacity of d's slices: a host that checks
// a stream of subjects with one Decision per goroutine allocates next to nothing for the
// decisions. d is reset first; what it held before is gone (copy what you keep).
func (b *Bundle) CheckInto(ctx context.Context, subject any, at time.Time, d *Decision, opts ...CheckOption) error {
	*d = Decision{Matched: d.Matched[:0], Violations: d.Violations[:0], Obligations: d.Obligations[:0],
		Outputs: d.Outputs[:0], Errors: d.Errors[:0], Trace: d.Trace[:0]}
	if ctx == nil {
		return ErrNilContext
	}
	if b == nil || len(b.policies) == 0 {
		return ErrEmptyBundle
	}
	var cfg checkConfig
	if len(opts) > 0 {
		cfg = checkOptions(opts)
	}
	var subj Subject
	var val any
	found := false
	if name, ok := b.engine.byType[reflect.TypeOf(subject)]; ok {
		subj = b.engine.subjects[name]
		val, found = subj.pointer(subject)
	}
	if !found {
		return fmt.Errorf("%w: %T", ErrWrongSubject, subject)
	}
	d.BundleVersion, d.Calendar, d.Subject, d.At = b.version, b.engine.cal.Version(), subj.name, at
	if n := b.outputsBySubject[subj.name]; n > 0 && cfg.only == nil && cap(d.Outputs) < n {
		d.Outputs = make([]OutputValue, 0, n)
	}
	act := b.activation()
	act.ctx, act.done, act.subjName, act.subject, act.now, act.cal = ctx, ctx.Done(), subj.name, val, types.Timestamp{Time: at.In(workday.Location())}, b.engine.cal
	act.budget, act.spent = b.engine.limits.CheckBudget, b.engine.limits.CheckBudget
	if len(subj.confidential) > 0 && !cfg.reveal {
		act.scrubV = scrubber{subject: val, name: subj.name, paths: subj.confidential}
		act.scrub = &act.scrubV
	}
	if cfg.memo != nil && cfg.memo.bundle == b && !cfg.explain {
		act.memo, act.value = cfg.memo, reflect.ValueOf(val).Elem()
	}
	err := b.run(d, act, subj, val, at, &cfg)
	b.release(act)
	return err
}

// checkOptions applies a check's options; out of line, so that a check without options
// keeps its configuration on the stack.
func checkOptions(opts []CheckOption) checkConfig {
	cfg := new(checkConfig)
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	return *cfg
}

// activation returns a reusable activation: one per concurrent check, kept by the bundle
// between checks (a sync.Pool), so that a check allocates none of its scratch space.
func (b *Bundle) activation() *activation {
	if a, ok := b.acts.Get().(*activation); ok {
		return a
	}
	a := &activation{}
	a.calFn = a.call
	if b.maxVars > 0 {
		a.valsBuf, a.failsBuf, a.certsBuf = make([]ref.Val, b.maxVars), make([]error, b.maxVars), make([]workday.Certainty, b.maxVars)
	}
	return a
}

// release returns an activation to the bundle, holding nothing of the check.
func (b *Bundle) release(a *activation) {
	clear(a.valsBuf)
	clear(a.failsBuf)
	a.ctx, a.done, a.subject, a.pol, a.scrub, a.scrubV = nil, nil, nil, nil, nil, scrubber{}
	a.memo, a.value = nil, reflect.Value{}
	a.vals, a.fails, a.certs, a.cert = nil, nil, nil, ""
	b.acts.Put(a)
}

// run evaluates the subject's policies for Check.
func (b *Bundle) run(d *Decision, act *activation, subj Subject, val any, at time.Time, cfg *checkConfig) error {
	var cancelled, spent error
	policies := b.bySubject[subj.name]
	var pick []int // positions of the policies to evaluate; nil for all
	var subjectValue reflect.Value
	ix := b.index[subj.name]
	if ix != nil && cfg.only == nil && !cfg.all {
		subjectValue = reflect.ValueOf(val).Elem()
		pick = ix.candidates(subjectValue, act.pickBuf[:0])
	}
	if cfg.only == nil {
		// One allocation each for what the policies that may apply can say.
		n, nv, no := len(policies), 0, 0
		if pick != nil {
			n = len(pick)
			for _, i := range pick {
				nv, no = nv+len(policies[i].validations), no+len(policies[i].obligations)
			}
		} else {
			for _, p := range policies {
				nv, no = nv+len(p.validations), no+len(p.obligations)
			}
		}
		if d.Matched == nil || cap(d.Matched) < n {
			d.Matched = make([]string, 0, n)
		}
		act.nv, act.no = min(nv, 16), min(no, 16)
	}
	next := 0
	for k := 0; k < len(policies); k++ {
		i := k
		if pick != nil && !cfg.explain {
			// Only the candidates: a thousand local policies cost little more than one.
			if next == len(pick) {
				break
			}
			i, k = pick[next], pick[next]
			next++
		}
		p := policies[i]
		if pick != nil && cfg.explain {
			if next < len(pick) && pick[next] == i {
				next++
			} else {
				d.Trace = append(d.Trace, PolicyTrace{PolicyID: p.ID, InForce: p.Effective.Contains(at),
					NotApplicable: notApplicable(p, ix, subjectValue)})
				continue
			}
		}
		if cfg.only != nil && !slices.Contains(cfg.only, p.ID) {
			continue
		}
		if cancelled == nil {
			if err := act.ctx.Err(); err != nil {
				cancelled = err
			}
		}
		if cancelled != nil {
			d.Errors = append(d.Errors, EvalError{PolicyID: p.ID, Field: "", Kind: ErrCanceled, Err: cancelled, Message: "not evaluated: " + cancelled.Error()})
			continue
		}
		if spent == nil && act.budget == 0 {
			spent = act.budgetError()
		}
		if spent != nil {
			d.Errors = append(d.Errors, EvalError{PolicyID: p.ID, Field: "", Kind: ErrBudget, Err: spent, Message: "not evaluated: " + spent.Error()})
			continue
		}
		b.evalPolicy(d, act, p, cfg)
	}
	if cancelled == nil {
		if err := act.ctx.Err(); err != nil {
			cancelled = err
		}
	}
	if cancelled != nil {
		return fmt.Errorf("%w: %w", ErrCanceled, cancelled)
	}
	if spent == nil && act.budget == 0 {
		spent = act.budgetError()
	}
	if spent != nil {
		return spent
	}
	return nil
}

func (b *Bundle) evalPolicy(d *Decision, act *activation, p *compiledPolicy, cfg *checkConfig) {
	if act.memo == nil || !p.memoOK {
		b.evalFresh(d, act, p, cfg)
		return
	}
	if !p.Effective.Contains(act.now.Time) {
		return
	}
	key := p.memoKey(p.num, act.value, act.now.Time, act.keyBuf)
	if cfg.obligationsOnly {
		key = append(key, 'o')
	}
	if act.scrub == nil {
		key = append(key, 'r')
	}
	act.keyBuf = key
	if o := act.memo.get(key); o != nil {
		if o.matched {
			d.Matched = append(d.Matched, p.ID)
		}
		d.Violations = append(d.Violations, o.violations...)
		d.Obligations = append(d.Obligations, o.obligations...)
		d.Outputs = append(d.Outputs, o.outputs...)
		d.Errors = append(d.Errors, o.errors...)
		return
	}
	nm, nv, no, nout, ne := len(d.Matched), len(d.Violations), len(d.Obligations), len(d.Outputs), len(d.Errors)
	b.evalFresh(d, act, p, cfg)
	for _, e := range d.Errors[ne:] {
		if e.Kind == ErrCanceled || e.Kind == ErrBudget {
			return // not the policy's outcome: the check's
		}
	}
	act.memo.put(key, &outcome{matched: len(d.Matched) > nm, violations: slices.Clone(d.Violations[nv:]),
		obligations: slices.Clone(d.Obligations[no:]), outputs: slices.Clone(d.Outputs[nout:]), errors: slices.Clone(d.Errors[ne:])})
}

// programs returns every compiled expression of the policy.
func (p *compiledPolicy) programs() []*program {
	var out []*program
	add := func(prg *program) {
		if prg != nil {
			out = append(out, prg)
		}
	}
	add(p.match)
	for _, v := range p.vars {
		add(v)
	}
	for i := range p.validations {
		add(p.validations[i].expr)
		add(p.validations[i].message)
	}
	for i := range p.obligations {
		add(p.obligations[i].when)
		add(p.obligations[i].due)
	}
	for i := range p.outputs {
		add(p.outputs[i].expr)
	}
	return out
}

// evalFresh evaluates one policy for a check.
func (b *Bundle) evalFresh(d *Decision, act *activation, p *compiledPolicy, cfg *checkConfig) {
	var tr *PolicyTrace
	if cfg.explain {
		d.Trace = append(d.Trace, PolicyTrace{PolicyID: p.ID})
		tr = &d.Trace[len(d.Trace)-1]
	}
	if !p.Effective.Contains(act.now.Time) {
		return
	}
	if tr != nil {
		tr.InForce = true
	}
	act.pol = p
	if n := len(p.vars); n > 0 {
		act.vals, act.fails, act.certs = act.valsBuf[:n], act.failsBuf[:n], act.certsBuf[:n]
		clear(act.vals)
		clear(act.fails)
		clear(act.certs)
	} else {
		act.vals, act.fails, act.certs = nil, nil, nil
	}
	if p.match != nil {
		act.begin()
		out, err := p.match.eval(act.ctx, act)
		if err != nil {
			d.addError(act.scrub, p, p.match, err)
			return
		}
		if out != types.True {
			if tr != nil {
				b.traceVars(tr, act, p, true) // what the match itself evaluated, nothing more
			}
			return
		}
	}
	d.Matched = append(d.Matched, p.ID)
	if tr != nil {
		tr.Matched = true
	}
	validations, outputs := p.validations, p.outputs
	if cfg.obligationsOnly {
		validations, outputs = nil, nil
	}
	for i := range validations {
		v := &validations[i]
		act.begin()
		out, err := v.expr.eval(act.ctx, act)
		if err != nil {
			d.addError(act.scrub, p, v.expr, err)
			if tr != nil {
				tr.Validations = append(tr.Validations, ValidationTrace{Reason: v.Reason, Error: act.scrub.text(err.Error())})
			}
			continue
		}
		ok := out == types.True
		if _, isBool := out.(types.Bool); !isBool {
			d.addError(act.scrub, p, v.expr, fmt.Errorf("validation returned %s, not bool", out.Type().TypeName()))
			continue
		}
		if tr != nil {
			tr.Validations = append(tr.Validations, ValidationTrace{Reason: v.Reason, Passed: ok})
		}
		if ok {
			continue
		}
		cert := act.certainty()
		msg := v.Message
		if v.message != nil {
			if m, err := v.message.eval(act.ctx, act); err != nil {
				d.addError(act.scrub, p, v.message, err)
			} else if s, isStr := m.(types.String); isStr {
				msg = string(s)
			}
		}
		if d.Violations == nil && act.nv > 0 {
			d.Violations = make([]Violation, 0, act.nv)
		}
		d.Violations = append(d.Violations, Violation{PolicyID: p.ID, Reason: v.Reason, Severity: v.Severity, Message: act.scrub.text(msg), Position: v.expr.position(), Certainty: cert})
	}
	for i := range p.obligations {
		o := &p.obligations[i]
		if o.when != nil {
			out, err := o.when.eval(act.ctx, act)
			if err != nil {
				d.addError(act.scrub, p, o.when, err)
				continue
			}
			if out != types.True {
				if tr != nil {
					tr.Obligations = append(tr.Obligations, ObligationTrace{Kind: o.Kind})
				}
				continue
			}
		}
		act.begin()
		out, err := o.due.eval(act.ctx, act)
		if year, ok := pendingYear(err); ok {
			// The step that raised the duty happened; its due waits for the year's data.
			d.Obligations = append(d.Obligations, Obligation{PolicyID: p.ID, Kind: o.Kind, Description: o.Description,
				BundleVersion: p.version, Calendar: d.Calendar, PendingYear: year})
			if tr != nil {
				tr.Obligations = append(tr.Obligations, ObligationTrace{Kind: o.Kind, Applies: true, PendingYear: year, Error: act.scrub.text(err.Error())})
			}
			continue
		}
		if err != nil {
			d.addError(act.scrub, p, o.due, err)
			if tr != nil {
				tr.Obligations = append(tr.Obligations, ObligationTrace{Kind: o.Kind, Applies: true, Error: act.scrub.text(err.Error())})
			}
			continue
		}
		ts, isTS := out.(types.Timestamp)
		if !isTS {
			d.addError(act.scrub, p, o.due, fmt.Errorf("due returned %s, not timestamp", out.Type().TypeName()))
			continue
		}
		due := ts.Time.In(workday.Location())
		cert := act.certainty()
		if d.Obligations == nil && act.no > 0 {
			d.Obligations = make([]Obligation, 0, act.no)
		}
		d.Obligations = append(d.Obligations, Obligation{PolicyID: p.ID, Kind: o.Kind, Due: due, Description: o.Description,
			BundleVersion: p.version, Calendar: d.Calendar, Certainty: cert})
		if tr != nil {
			tr.Obligations = append(tr.Obligations, ObligationTrace{Kind: o.Kind, Applies: true, Due: due, Certainty: cert})
		}
	}
	for i := range outputs {
		o := &outputs[i]
		act.begin()
		out, err := o.expr.eval(act.ctx, act)
		var v any
		if err == nil {
			v, err = outputValue(o.typ, out)
		}
		if err != nil {
			d.addError(act.scrub, p, o.expr, err)
			if tr != nil {
				tr.Outputs = append(tr.Outputs, OutputTrace{Name: o.Name, Error: act.scrub.text(err.Error())})
			}
			continue
		}
		d.Outputs = append(d.Outputs, OutputValue{PolicyID: p.ID, Name: o.Name, Type: o.typ, Value: v, Certainty: act.certainty()})
		if tr != nil {
			tr.Outputs = append(tr.Outputs, OutputTrace{Name: o.Name, Value: act.scrub.value(traceValue(out))})
		}
	}
	if tr != nil {
		b.traceVars(tr, act, p, false)
	}
}

// outputValue converts a CEL result to the Go value of an output of type t.
func outputValue(t OutputType, v ref.Val) (any, error) {
	switch t {
	case OutputString:
		if s, ok := v.(types.String); ok {
			return string(s), nil
		}
	case OutputInt:
		if n, ok := v.(types.Int); ok {
			return int64(n), nil
		}
	case OutputBool:
		if x, ok := v.(types.Bool); ok {
			return bool(x), nil
		}
	case OutputDecimal:
		if d, ok := decimalOf(v); ok {
			return d, nil
		}
	case OutputTimestamp:
		if ts, ok := v.(types.Timestamp); ok {
			return ts.Time.In(workday.Location()), nil
		}
	}
	return nil, fmt.Errorf("output returned %s, not %s", v.Type().TypeName(), t)
}

// traceVars records the policy's variables in its trace: all of them, or with evaluated
// only those already evaluated (for a policy that did not match, whose variables would
// otherwise read fields the match found absent).
func (b *Bundle) traceVars(tr *PolicyTrace, act *activation, p *compiledPolicy, evaluated bool) {
	for i, name := range p.varNames {
		if evaluated && act.vals[i] == nil {
			continue
		}
		v := act.variable(i)
		vt := VariableTrace{Name: name}
		if err := act.fails[i]; err != nil {
			vt.Error = act.scrub.text(err.Error())
		} else {
			vt.Value = act.scrub.value(traceValue(v))
		}
		tr.Variables = append(tr.Variables, vt)
	}
}

func traceValue(v ref.Val) any {
	switch x := v.(type) {
	case types.Timestamp:
		return x.Time.In(workday.Location())
	case decimalVal:
		return x.d.String()
	}
	if d, ok := decimalOf(v); ok {
		return d.String()
	}
	return v.Value()
}

func (p *program) position() Position { return p.pos }

// pendingYear reports whether err is the calendar's "no data" for a year, and which.
func pendingYear(err error) (int, bool) {
	if err == nil {
		return 0, false
	}
	var nd *workday.NoDataError
	if errors.As(err, &nd) {
		return nd.Year(), true
	}
	return 0, false
}

func (d *Decision) addError(scrub *scrubber, p *compiledPolicy, prg *program, err error) {
	kind := ErrEvaluation
	var cancel interpreter.EvalCancelledError
	year, pending := pendingYear(err)
	switch {
	case pending:
		kind = ErrPending
	case errors.Is(err, ErrBudget):
		kind = ErrBudget
	case errors.As(err, &cancel) && cancel.Cause == interpreter.CostLimitExceeded:
		kind = ErrCostLimit
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded), errors.As(err, &cancel):
		kind = ErrCanceled
	}
	d.Errors = append(d.Errors, EvalError{PolicyID: p.ID, Field: prg.field, Position: prg.position(), Kind: kind, Err: err, Message: scrub.text(err.Error()), PendingYear: year})
}
