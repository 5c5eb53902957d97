package rules

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	celast "cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/ext"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

// Defaults for the cost settings.
const (
	// DefaultCostLimit is the runtime cost limit of one expression evaluation.
	DefaultCostLimit uint64 = 1_000_000
	// DefaultMaxEstimatedCost is the load-time ceiling on an expression's static worst-case
	// cost estimate.
	DefaultMaxEstimatedCost uint64 = 10_000_000
	// DefaultListBound and DefaultStringBound are the sizes assumed, for the load-time
	// estimate, of lists, maps and strings reachable from a subject that declares no
	// [SizeBound] for them.
	DefaultListBound   uint64 = 1_000
	DefaultStringBound uint64 = 64 * 1024
)

// The versions of cel-go's extension libraries the engine's environment is built with. They
// are pinned, as Kubernetes pins them per release, so that upgrading cel-go cannot change
// what a policy means or costs without a new Bundle.Version: a library left at its default
// floats to the newest version cel-go ships. They are the newest of cel-go v0.33.
const (
	CELStringsVersion  uint32 = 5 // ext.Strings: charAt … reverse, quote, format with cost support
	CELListsVersion    uint32 = 5 // ext.Lists: slice, flatten, range, distinct, sort, first/last
	CELSetsVersion     uint32 = 0 // ext.Sets: contains, equivalent, intersects (unversioned so far)
	CELMathVersion     uint32 = 3 // ext.Math: greatest/least, bit operations, rounding, sqrt
	CELOptionalVersion uint32 = 4 // cel.OptionalTypes: optMap and optFlatMap without evaluating none
)

// Environment is everything besides its policies that a bundle's meaning depends on, for
// the bundle's version: the guantong function library, the pinned cel-go extension
// libraries, the cost settings and the calendar's content hash. Two bundles with the same
// policies and the same Environment decide alike.
type Environment struct {
	Library          uint32 `json:"library"`            // the guantong function library (WithLibraryVersion)
	CELStrings       uint32 `json:"cel_strings"`        // CELStringsVersion
	CELLists         uint32 `json:"cel_lists"`          // CELListsVersion
	CELSets          uint32 `json:"cel_sets"`           // CELSetsVersion
	CELMath          uint32 `json:"cel_math"`           // CELMathVersion
	CELOptional      uint32 `json:"cel_optional"`       // CELOptionalVersion
	CostLimit        uint64 `json:"cost_limit"`         // WithCostLimit
	MaxEstimatedCost uint64 `json:"max_estimated_cost"` // WithMaxEstimatedCost
	AlwaysTrackCost  bool   `json:"always_track_cost"`  // WithRuntimeCostTracking
	CheckBudget      uint64 `json:"check_budget"`       // Limits.CheckBudget (WithLimits)
	MaxStringSize    int64  `json:"max_string_size"`    // Limits.MaxStringSize
	MaxListSize      int    `json:"max_list_size"`      // Limits.MaxListSize
	Calendar         string `json:"calendar"`           // workday.Calendar.Version
}

// WithCompileWorkers sets how many goroutines [Engine.Compile] compiles policies on (default
// GOMAXPROCS; 1 compiles on the caller's goroutine). They all finish before Compile returns;
// the bundle, its problems and their order do not depend on the number.
func WithCompileWorkers(n int) Option {
	return func(e *Engine) error {
		if n < 1 {
			return fmt.Errorf("%w: compile workers must be at least 1, got %d", ErrInvalidValue, n)
		}
		e.workers = n
		return nil
	}
}

func (e *Engine) compileWorkers() int {
	if e.workers > 0 {
		return e.workers
	}
	return runtime.GOMAXPROCS(0)
}

// Limits returns the engine's limits, defaults filled in.
func (e *Engine) Limits() Limits { return e.limits }

// Environment returns what the engine's bundles depend on besides their policies.
func (e *Engine) Environment() Environment {
	return Environment{Library: e.libVersion, CELStrings: CELStringsVersion, CELLists: CELListsVersion,
		CELSets: CELSetsVersion, CELMath: CELMathVersion, CELOptional: CELOptionalVersion,
		CostLimit: e.costLimit, MaxEstimatedCost: e.maxEstimated, AlwaysTrackCost: e.alwaysTrack,
		CheckBudget: e.limits.CheckBudget, MaxStringSize: e.limits.MaxStringSize, MaxListSize: e.limits.MaxListSize,
		Calendar: e.cal.Version()}
}

// Engine compiles policies for a fixed set of subjects, a working-day calendar and cost
// settings. It is immutable after [New] and safe for concurrent use.
type Engine struct {
	cal          *workday.Calendar
	subjects     map[string]Subject
	order        []string
	byType       map[reflect.Type]string // T and *T of each subject → its name
	costLimit    uint64
	maxEstimated uint64
	libVersion   uint32
	alwaysTrack  bool
	limits       Limits
	workers      int // compile goroutines; 0: GOMAXPROCS
	guard        *sizeGuard
	env          *cel.Env
	optional     map[string]map[string]bool // CEL type → fields absent when zero
}

// Option configures an [Engine] (see [New]). Options are functional; a nil Option is
// ignored, as in every package of the module.
type Option func(*Engine) error

// WithSubjects registers the subjects policies may be written about.
func WithSubjects(subjects ...Subject) Option {
	return func(e *Engine) error {
		for _, s := range subjects {
			if s.typ == nil {
				return fmt.Errorf("%w: zero Subject", ErrInvalidValue)
			}
			if _, dup := e.subjects[s.name]; dup {
				return fmt.Errorf("%w: subject %q registered twice", ErrInvalidValue, s.name)
			}
			e.subjects[s.name] = s
			e.order = append(e.order, s.name)
			e.byType[s.typ], e.byType[reflect.PointerTo(s.typ)] = s.name, s.name
		}
		return nil
	}
}

// WithCostLimit sets the runtime cost limit of one expression evaluation
// (default [DefaultCostLimit]). An expression that exceeds it yields an evaluation error
// of kind [ErrCostLimit] for its policy; the other policies still run.
func WithCostLimit(limit uint64) Option {
	return func(e *Engine) error {
		if limit == 0 {
			return fmt.Errorf("%w: cost limit must be positive", ErrInvalidValue)
		}
		e.costLimit = limit
		return nil
	}
}

// WithMaxEstimatedCost sets the load-time ceiling on an expression's static worst-case cost
// (default [DefaultMaxEstimatedCost]). An expression above it does not compile
// ([ErrTooExpensive]).
func WithMaxEstimatedCost(max uint64) Option {
	return func(e *Engine) error {
		if max == 0 {
			return fmt.Errorf("%w: cost ceiling must be positive", ErrInvalidValue)
		}
		e.maxEstimated = max
		return nil
	}
}

// WithLibraryVersion pins guantong's CEL function library to version v (1..[LibraryVersion]).
func WithLibraryVersion(v uint32) Option {
	return func(e *Engine) error {
		if v < 1 || v > LibraryVersion {
			return fmt.Errorf("%w: library version %d not in 1..%d", ErrInvalidValue, v, LibraryVersion)
		}
		e.libVersion = v
		return nil
	}
}

// WithRuntimeCostTracking(true) tracks the runtime cost of every expression. By default an
// expression whose static worst case is provably under the runtime limit for every input
// (its cost does not depend on the size of any input) runs without tracking, which roughly
// halves its evaluation time; all others are tracked.
func WithRuntimeCostTracking(always bool) Option {
	return func(e *Engine) error {
		e.alwaysTrack = always
		return nil
	}
}

// New builds an engine over the calendar cal (required: every time limit is counted on it).
func New(cal *workday.Calendar, opts ...Option) (*Engine, error) {
	if cal == nil {
		return nil, fmt.Errorf("%w: rules.New needs a calendar", ErrInvalidValue)
	}
	e := &Engine{
		cal:          cal,
		subjects:     map[string]Subject{},
		byType:       map[reflect.Type]string{},
		costLimit:    DefaultCostLimit,
		maxEstimated: DefaultMaxEstimatedCost,
		libVersion:   LibraryVersion,
		limits:       DefaultLimits(),
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(e); err != nil {
			return nil, err
		}
	}
	var natives []any
	envOpts := []cel.EnvOption{
		cel.DefaultUTCTimeZone(false),
		cel.Variable("now", cel.TimestampType),
		cel.Lib(&library{version: e.libVersion}),
		cel.ASTValidators(
			cel.ValidateDurationLiterals(),
			cel.ValidateTimestampLiterals(),
			cel.ValidateRegexLiterals(),
			cel.ValidateHomogeneousAggregateLiterals(),
		),
		ext.Strings(ext.StringsVersion(CELStringsVersion)), ext.Lists(ext.ListsVersion(CELListsVersion)),
		ext.Sets(ext.SetsVersion(CELSetsVersion)), ext.Math(ext.MathVersion(CELMathVersion)),
		cel.OptionalTypes(cel.OptionalTypesVersion(CELOptionalVersion)),
	}
	natives = append(natives, ext.ParseStructTag("json"), cel.NativeTypeFor[decimal.Decimal]())
	for _, name := range e.order {
		s := e.subjects[name]
		natives = append(natives, s.native)
		envOpts = append(envOpts, cel.Variable(s.name, s.celType))
	}
	envOpts = append([]cel.EnvOption{ext.NativeTypes(natives...)}, envOpts...)
	env, err := cel.NewEnv(envOpts...)
	if err != nil {
		return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	// Absent is absent: reading a zero time, uuid or decimal field is an error (AbsentError).
	optional := map[string]map[string]bool{}
	for _, name := range e.order {
		optionalFields(e.subjects[name].typ, optional)
	}
	env, err = env.Extend(cel.CustomTypeProvider(absentProvider{Provider: env.CELTypeProvider(), optional: optional}))
	if err != nil {
		return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	e.env, e.optional = env, optional
	e.guard = newSizeGuard(env, e.limits)
	return e, nil
}

// Calendar returns the engine's working-day calendar.
func (e *Engine) Calendar() *workday.Calendar { return e.cal }

// Subjects returns the registered subjects in registration order.
func (e *Engine) Subjects() []Subject {
	out := make([]Subject, len(e.order))
	for i, n := range e.order {
		out[i] = e.subjects[n]
	}
	return out
}

var (
	reasonRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	varRE    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	kindRE   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// LoadFS reads the policy files under root in fsys (see [LoadFS]) and compiles them: the
// bundle, or one [*LoadError] with every problem of every file — structural problems and
// expression problems of the same policy together, in file and line order, each reported
// once. It is what the command line's lint, test and check use, so that all three report
// the same problems.
func (e *Engine) LoadFS(fsys fs.FS, root string) (*Bundle, error) {
	ps, perr := loadFS(fsys, root, e.limits)
	var le *LoadError
	if perr != nil && !errors.As(perr, &le) {
		return nil, perr // the directory could not be read
	}
	if len(ps) == 0 && le == nil {
		return nil, ErrEmptyBundle
	}
	b, cerr := e.Compile(ps)
	if le == nil {
		return b, cerr
	}
	all := &LoadError{Problems: le.Problems}
	var ce *LoadError
	if errors.As(cerr, &ce) {
		all.Problems = append(all.Problems, ce.Problems...)
		all.Warnings = ce.Warnings
	} else if b != nil {
		all.Warnings = b.warnings
	}
	all.Problems = dedupe(all.Problems)
	return nil, all
}

// dedupe sorts problems by position and drops repeats: the same message at the same place,
// or a second problem of the same field at the same place (a structural problem found when
// reading, such as a malformed instant, and what compiling then says of the same value).
func dedupe(ps []*Problem) []*Problem {
	slices.SortStableFunc(ps, func(a, b *Problem) int {
		return cmp.Or(cmp.Compare(a.Position.File, b.Position.File), cmp.Compare(a.Position.Line, b.Position.Line), cmp.Compare(a.Position.Column, b.Position.Column))
	})
	out := ps[:0]
	for i, p := range ps {
		if i > 0 && p.Position == ps[i-1].Position && (p.Message == ps[i-1].Message || p.Field == ps[i-1].Field) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// Compile type-checks and plans every policy and returns an immutable [Bundle], or a
// [*LoadError] listing every problem in every policy (each with its position and a caret
// line, matchable with errors.Is against the Err* categories).
func (e *Engine) Compile(policies []Policy) (*Bundle, error) {
	if len(policies) == 0 {
		return nil, ErrEmptyBundle
	}
	if n := len(policies); n > e.limits.MaxPolicies {
		return nil, &LoadError{Problems: []*Problem{{Kind: &LimitError{Limit: "MaxPolicies", Max: int64(e.limits.MaxPolicies), Got: int64(n)},
			Message: fmt.Sprintf("%d policies, more than %d in one bundle (Limits.MaxPolicies); none compiled", n, e.limits.MaxPolicies)}}}
	}
	// Duplicate ids first, in input order: the first of each id compiles.
	type slot struct {
		p     *Policy
		cp    *compiledPolicy
		probs []*Problem
		warns []*Problem
	}
	slots := make([]slot, len(policies))
	seen := map[string]*Policy{}
	var todo []int
	for i := range policies {
		p := &policies[i]
		slots[i].p = p
		if p.ID != "" {
			if first, dup := seen[p.ID]; dup {
				pos := p.src.fieldPosition("id")
				slots[i].probs = []*Problem{{Position: pos, PolicyID: p.ID, Field: "id", Kind: ErrDuplicateID,
					Message: fmt.Sprintf("id %q is already used (first at %s)", p.ID, first.src.fieldPosition("id")), Snippet: p.src.snippetAt(pos)}}
				continue
			}
			seen[p.ID] = p
		}
		todo = append(todo, i)
	}
	// The policies compile independently: on up to GOMAXPROCS goroutines (all done before
	// Compile returns), each with its own environment extension, sharing the programs of
	// expressions already compiled in the same environment. The result does not depend on
	// the order they finish in.
	cache := &exprCache{}
	workers := min(e.compileWorkers(), (len(todo)+15)/16)
	compileAll := func(next func() (int, bool)) error {
		env, vp, err := e.withVariables()
		if err != nil {
			return fmt.Errorf("rules: building the CEL environment: %w", err)
		}
		c := &compiler{e: e, env: env, vars: vp, cache: cache}
		for {
			i, ok := next()
			if !ok {
				return nil
			}
			c.probs, c.warns = nil, nil
			slots[i].cp = c.policy(slots[i].p)
			slots[i].probs, slots[i].warns = c.probs, c.warns
		}
	}
	if workers <= 1 {
		k := 0
		err := compileAll(func() (int, bool) {
			if k == len(todo) {
				return 0, false
			}
			k++
			return todo[k-1], true
		})
		if err != nil {
			return nil, err
		}
	} else {
		var next atomic.Int64
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[w] = compileAll(func() (int, bool) {
					k := int(next.Add(1)) - 1
					if k >= len(todo) {
						return 0, false
					}
					return todo[k], true
				})
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	var out []*compiledPolicy
	var probs, warns []*Problem
	for _, sl := range slots {
		probs = append(probs, sl.probs...)
		warns = append(warns, sl.warns...)
		if sl.cp != nil {
			out = append(out, sl.cp)
		}
	}
	c := &compiler{probs: probs, warns: warns}
	if len(c.probs) > 0 {
		return nil, &LoadError{Problems: c.probs, Warnings: c.warns}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	b := &Bundle{engine: e, policies: out, bySubject: map[string][]*compiledPolicy{}, outputsBySubject: map[string]int{}, warnings: c.warns}
	for i, cp := range out {
		cp.num = i
		b.bySubject[cp.Subject] = append(b.bySubject[cp.Subject], cp)
		b.outputsBySubject[cp.Subject] += len(cp.outputs)
		b.maxVars = max(b.maxVars, len(cp.vars))
	}
	for name, ps := range b.bySubject {
		if ix := buildIndex(e.subjects[name], ps); ix != nil {
			if b.index == nil {
				b.index = map[string]*subjectIndex{}
			}
			b.index[name] = ix
		}
	}
	b.version = e.hash(out)
	for _, cp := range out {
		cp.version = b.version
	}
	return b, nil
}

func (e *Engine) hash(ps []*compiledPolicy) string {
	h := sha256.New()
	env, _ := json.Marshal(e.Environment()) // plain data: cannot fail
	h.Write([]byte("guantong-rules "))
	h.Write(env)
	h.Write([]byte{'\n'})
	for _, p := range ps {
		b, _ := json.Marshal(p.Policy) // plain data: cannot fail
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
}

type compiler struct {
	e     *Engine
	env   *cel.Env           // the engine's, with the variables object (withVariables)
	vars  *variablesProvider // answers variables.<name> from the policy being compiled
	cache *exprCache         // the programs of expressions compiled in this Compile call
	probs []*Problem
	warns []*Problem
	// guards are the has() tests known to hold for the expression being compiled, and
	// aliases the policy's variables that are plain paths.
	guards  map[string]bool
	aliases map[string]string
}

func (c *compiler) problem(p *Policy, field string, pos Position, kind error, msg string) {
	c.probs = append(c.probs, &Problem{Position: pos, PolicyID: p.ID, Field: field, Kind: kind, Message: msg, Snippet: p.src.snippetAt(pos)})
}

// subjectProblems reports a test-case subject that does not decode: one problem per
// decoding problem, at the YAML key or value its JSON path names.
func (c *compiler) subjectProblems(p *Policy, field string, err error) {
	var se *SubjectError
	if !errors.As(err, &se) {
		c.fieldProblem(p, field, ErrInvalidValue, "%v", err)
		return
	}
	for _, sp := range se.Problems {
		f := field
		if sp.Path != "" {
			f += "." + sp.Path
		}
		pos := p.src.subjectPosition(field, sp.Path, errors.Is(sp.Kind, ErrUnknownField))
		kind := sp.Kind
		if kind == nil {
			kind = ErrInvalidValue
		}
		c.problem(p, f, pos, kind, sp.Message)
	}
}

func (c *compiler) fieldProblem(p *Policy, field string, kind error, format string, args ...any) {
	c.problem(p, field, p.src.fieldPosition(field), kind, fmt.Sprintf(format, args...))
}

func (c *compiler) policy(p *Policy) *compiledPolicy {
	before := len(c.probs)
	if p.ID == "" {
		c.fieldProblem(p, "id", ErrMissingField, "a policy needs an id")
	}
	subj, ok := c.e.subjects[p.Subject]
	if !ok {
		known := append([]string(nil), c.e.order...)
		if p.Subject == "" {
			c.fieldProblem(p, "subject", ErrMissingField, "a policy needs a subject (registered: %s)", strings.Join(known, ", "))
		} else {
			c.fieldProblem(p, "subject", ErrUnknownSubject, "unknown subject %q (registered: %s)", p.Subject, strings.Join(known, ", "))
		}
		return nil
	}
	if !p.Effective.From.IsZero() && !p.Effective.Until.IsZero() && !p.Effective.From.Before(p.Effective.Until) {
		c.fieldProblem(p, "effective.until", ErrInvalidValue, "effective.until %s is not after effective.from %s", p.Effective.Until.Format("2006-01-02"), p.Effective.From.Format("2006-01-02"))
	}
	if len(p.Validations) == 0 && len(p.Obligations) == 0 && len(p.Outputs) == 0 {
		c.fieldProblem(p, "validations", ErrMissingField, "a policy needs at least one validation, obligation or output")
	}
	if !c.withinLimits(p) {
		return nil
	}
	cp := &compiledPolicy{Policy: *p, subject: subj, varIndex: map[string]int{}}
	env := c.env
	table := &varTable{index: map[string]int{}}
	c.vars.cur = table
	// has() tests of the match hold for every other expression of the policy: they run only
	// when it matched. A variable that is a plain path (variables.p: rectification.problem)
	// carries the guards of that path.
	matchGuards := c.parsedGuards(p.Match)
	aliases := map[string]string{}
	for _, v := range p.Variables {
		if parsed, iss := env.Parse(v.Expression); iss == nil || iss.Err() == nil {
			w := &guardWalker{ast: parsed.NativeRep()}
			if path := w.path(parsed.NativeRep().Expr()); path != "" {
				aliases["variables."+v.Name] = path
			}
		}
	}
	withAliases := func(g map[string]bool) map[string]bool {
		out := with(g, func(map[string]bool) {})
		for alias, target := range aliases {
			for k := range g {
				if strings.HasPrefix(k, target+".") {
					out[alias+k[len(target):]] = true
				}
			}
		}
		return out
	}
	c.guards, c.aliases = withAliases(matchGuards), aliases
	names := make([]string, len(p.Variables))
	for i, v := range p.Variables {
		names[i] = v.Name
	}
	// Variables: each sees only the ones before it.
	for i, v := range p.Variables {
		field := fmt.Sprintf("variables[%d]", i)
		if !varRE.MatchString(v.Name) {
			c.fieldProblem(p, field+".name", ErrInvalidValue, "variable name %q is not an identifier", v.Name)
			continue
		}
		if _, dup := cp.varIndex[v.Name]; dup {
			c.fieldProblem(p, field+".name", ErrInvalidValue, "variable %q is defined twice", v.Name)
			continue
		}
		prg := c.expr(env, p, field+".expression", v.Expression, nil, names[i:])
		if prg == nil {
			// Declare it as dyn so later expressions still get checked.
			table.add(v.Name, cel.DynType)
			cp.varIndex[v.Name] = len(cp.vars)
			cp.vars = append(cp.vars, nil)
			continue
		}
		table.add(v.Name, prg.out)
		cp.varIndex[v.Name] = len(cp.vars)
		cp.vars = append(cp.vars, prg)
	}
	cp.varNames = names
	if p.Match != "" {
		c.guards = nil
		cp.match = c.expr(env, p, "match", p.Match, cel.BoolType, nil)
		c.guards = withAliases(matchGuards)
		if cp.match != nil {
			cp.cond, _ = indexCondition(cp.match.checked, subj)
		}
	}
	for i, v := range p.Validations {
		field := fmt.Sprintf("validations[%d]", i)
		cv := compiledValidation{Validation: v}
		if cv.Severity == "" {
			cv.Severity = SeverityError
		} else if !cv.Severity.valid() {
			c.fieldProblem(p, field+".severity", ErrInvalidValue, "severity %q is not error, warning or info", v.Severity)
		}
		if !reasonRE.MatchString(v.Reason) {
			if v.Reason == "" {
				c.fieldProblem(p, field, ErrMissingField, "a validation needs a reason code such as AUDIT_TRANSFER_LATE")
			} else {
				c.fieldProblem(p, field+".reason", ErrInvalidValue, "reason %q must be UPPER_SNAKE_CASE", v.Reason)
			}
		}
		if v.Message == "" && v.MessageExpression == "" {
			c.fieldProblem(p, field, ErrMissingField, "a validation needs a message or a messageExpression")
		}
		cv.expr = c.expr(env, p, field+".expression", v.Expression, cel.BoolType, nil)
		if v.MessageExpression != "" {
			// The message is built only when the validation fails.
			c.guards = withAliases(with(matchGuards, func(m map[string]bool) {
				for k := range c.parsedGuardsWhenFalse(v.Expression) {
					m[k] = true
				}
			}))
			cv.message = c.expr(env, p, field+".messageExpression", v.MessageExpression, cel.StringType, nil)
			c.guards = withAliases(matchGuards)
		}
		cp.validations = append(cp.validations, cv)
	}
	for i, o := range p.Obligations {
		field := fmt.Sprintf("obligations[%d]", i)
		co := compiledObligation{ObligationRule: o}
		if !kindRE.MatchString(o.Kind) {
			if o.Kind == "" {
				c.fieldProblem(p, field, ErrMissingField, "an obligation needs a kind")
			} else {
				c.fieldProblem(p, field+".kind", ErrInvalidValue, "kind %q must be lower_snake_case", o.Kind)
			}
		}
		if o.When != "" {
			co.when = c.expr(env, p, field+".when", o.When, cel.BoolType, nil)
		}
		// The due runs only when the when holds.
		c.guards = withAliases(with(matchGuards, func(m map[string]bool) {
			for k := range c.parsedGuards(o.When) {
				m[k] = true
			}
		}))
		co.due = c.expr(env, p, field+".due", o.Due, cel.TimestampType, nil)
		c.guards = withAliases(matchGuards)
		cp.obligations = append(cp.obligations, co)
	}
	seenOut := map[string]bool{}
	for i, o := range p.Outputs {
		field := fmt.Sprintf("outputs[%d]", i)
		t, declared := subj.outputs[o.Name]
		switch {
		case o.Name == "":
			c.fieldProblem(p, field, ErrMissingField, "an output needs a name")
			continue
		case !declared:
			c.fieldProblem(p, field+".name", ErrInvalidValue, "subject %s declares no output %q (declared: %s)", subj.name, o.Name, strings.Join(sortedKeys(subj.outputs), ", "))
			continue
		case seenOut[o.Name]:
			c.fieldProblem(p, field+".name", ErrInvalidValue, "output %q is computed twice", o.Name)
			continue
		}
		seenOut[o.Name] = true
		cp.outputs = append(cp.outputs, compiledOutput{Output: o, typ: t, expr: c.expr(env, p, field+".expression", o.Expression, t.celType(), nil)})
	}
	for i, tc := range p.Tests {
		field := fmt.Sprintf("tests[%d]", i)
		if tc.At.IsZero() {
			c.fieldProblem(p, field+".at", ErrMissingField, "a test case needs an evaluation instant at")
		}
		if _, err := subj.Decode(tc.Subject); err != nil {
			c.subjectProblems(p, field+".subject", err)
		}
		for _, name := range sortedKeys(tc.Expect.Outputs) {
			t, ok := subj.outputs[name]
			if !ok {
				c.fieldProblem(p, field+".expect.outputs", ErrInvalidValue, "subject %s declares no output %q", subj.name, name)
				continue
			}
			if _, err := parseExpected(t, tc.Expect.Outputs[name]); err != nil {
				c.fieldProblem(p, field+".expect.outputs", ErrInvalidValue, "output %s: %v", name, err)
			}
		}
	}
	if len(c.probs) > before {
		return nil
	}
	// What the expressions read decides whether a Memo may key the policy's outcome; the
	// checked expressions are not kept past this point.
	var asts []*cel.Ast
	for _, prg := range cp.programs() {
		asts = append(asts, prg.checked)
		prg.checked = nil
	}
	cp.memoReads, cp.memoNow, cp.memoOK = memoReads(subj, asts, c.aliases)
	return cp
}

// laterRef is a read of a variable (variables.x): its name, whether it is defined only
// later, and where the read starts.
type laterRef struct {
	name  string
	later bool // defined below the expression; else not defined at all
	loc   common.Location
}

// laterReferences parses src and returns the expressions that read a variable defined only
// later (variables.x with x in later), by expression id — the select and its operand, either
// of which the checker may report as undefined — with the variable's name and the place of
// `variables`.
func laterReferences(env *cel.Env, src string, later []string) map[int64]laterRef {
	parsed, iss := env.Parse(src)
	if iss != nil && iss.Err() != nil {
		return nil
	}
	out := map[int64]laterRef{}
	info := parsed.NativeRep().SourceInfo()
	celast.PreOrderVisit(parsed.NativeRep().Expr(), celast.NewExprVisitor(func(e celast.Expr) {
		if e.Kind() != celast.SelectKind {
			return
		}
		s := e.AsSelect()
		op := s.Operand()
		if op.Kind() == celast.IdentKind && op.AsIdent() == "variables" {
			r := laterRef{name: s.FieldName(), later: slices.Contains(later, s.FieldName()), loc: info.GetStartLocation(op.ID())}
			out[e.ID()], out[op.ID()] = r, r
		}
	}))
	return out
}

// withinLimits reports whether p's variables and expressions are within the engine's limits,
// counting before anything is compiled; a problem of kind ErrTooLarge names the limit.
func (c *compiler) withinLimits(p *Policy) bool {
	lim := c.e.limits
	if n := len(p.Variables); n > lim.MaxVariables {
		c.fieldProblem(p, "variables", &LimitError{Limit: "MaxVariables", Max: int64(lim.MaxVariables), Got: int64(n)},
			"%d variables, more than %d (Limits.MaxVariables)", n, lim.MaxVariables)
		return false
	}
	n := len(p.Variables) + len(p.Validations) + len(p.Outputs)
	if p.Match != "" {
		n++
	}
	for _, v := range p.Validations {
		if v.MessageExpression != "" {
			n++
		}
	}
	for _, o := range p.Obligations {
		n++
		if o.When != "" {
			n++
		}
	}
	if n > lim.MaxExpressions {
		c.fieldProblem(p, "", &LimitError{Limit: "MaxExpressions", Max: int64(lim.MaxExpressions), Got: int64(n)},
			"%d expressions, more than %d in one policy (Limits.MaxExpressions)", n, lim.MaxExpressions)
		return false
	}
	return true
}

// expr compiles one expression. later lists the variables not yet defined at this point
// (for the used-before-defined diagnosis).
func (c *compiler) expr(env *cel.Env, p *Policy, field, src string, want *cel.Type, later []string) *program {
	if strings.TrimSpace(src) == "" {
		c.fieldProblem(p, field, ErrMissingField, "expression is empty")
		return nil
	}
	if max := c.e.limits.MaxExpressionLength; len(src) > max {
		c.fieldProblem(p, field, &LimitError{Limit: "MaxExpressionLength", Max: int64(max), Got: int64(len(src))},
			"%d bytes, more than %d (Limits.MaxExpressionLength)", len(src), max)
		return nil
	}
	key := exprKey{subject: p.Subject, src: src, want: typeName(want), vars: c.vars.cur.sig}
	if hit := c.cache.get(key); hit != nil {
		c.warnUnguarded(p, field, hit.checked)
		prg := &program{prg: hit.prg, field: field, src: p.src, out: hit.out, tracked: hit.tracked, fixed: hit.fixed,
			pos: p.src.fieldPosition(field)}
		prg.checked = hit.checked
		return prg
	}
	ast, iss := env.Compile(src)
	if iss != nil && iss.Err() != nil {
		early := laterReferences(env, src, later)
		for _, e := range iss.Errors() {
			kind := ErrCompile
			if r, ok := early[e.ExprID]; ok {
				_, defined := c.vars.cur.index[r.name]
				switch {
				case r.later:
					kind, e.Location = ErrUndefinedVariable, r.loc
					e.Message = fmt.Sprintf("variables.%s is used before it is defined (variables see only the ones above them)", r.name)
				case !defined:
					e.Location = r.loc
					e.Message = fmt.Sprintf("variables.%s is not a variable of this policy", r.name)
				}
			}
			pos := p.src.exprPosition(field, e.Location.Line(), e.Location.Column())
			snip := p.src.snippetAt(pos)
			if p.src == nil {
				snip = exprSnippet(src, e.Location.Line(), e.Location.Column())
			}
			c.probs = append(c.probs, &Problem{Position: pos, PolicyID: p.ID, Field: field, Kind: kind, Message: e.Message, Snippet: snip})
		}
		return nil
	}
	c.warnUnguarded(p, field, ast)
	checkedAST := ast
	checked := ast // kept while the policy compiles, for the match index and the memo
	out := ast.OutputType()
	if want != nil && !out.IsExactType(want) && !out.IsExactType(cel.DynType) {
		c.fieldProblem(p, field, ErrResultType, "expression has type %s, want %s", typeName(out), typeName(want))
		return nil
	}
	// Without size bounds every input is unbounded, so that estimate is never below the one
	// with bounds: when it is already within the limits, it is the only one needed.
	unb, uerr := env.EstimateCost(ast, estimator{})
	est := unb
	if uerr != nil || unb.Max > c.e.maxEstimated {
		var err error
		est, err = env.EstimateCost(ast, estimator{bounds: c.e.subjects[p.Subject].bounds, defaults: true})
		if err != nil {
			c.fieldProblem(p, field, ErrTooExpensive, "cost cannot be estimated: %v", err)
			return nil
		}
	}
	if est.Max > c.e.maxEstimated {
		c.fieldProblem(p, field, ErrTooExpensive, "worst-case cost %d exceeds the ceiling %d (declare tighter size bounds or simplify)", est.Max, c.e.maxEstimated)
		return nil
	}
	proven := !c.e.alwaysTrack && uerr == nil && unb.Max <= c.e.costLimit
	// Constant folding evaluates the constant parts at load time, with no limit of its own:
	// only an expression whose whole worst case is within the runtime limit is folded.
	if est.Max <= c.e.costLimit {
		if opt, err := cel.NewStaticOptimizer(cel.NewConstantFoldingOptimizer()); err == nil {
			if folded, iss := opt.Optimize(env, ast); iss == nil || iss.Err() == nil {
				ast = folded
			}
		}
	}
	popts := []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize), cel.InterruptCheckFrequency(100), cel.CustomDecorator(c.e.guard.decorate)}
	if !proven {
		popts = append(popts, cel.CostTracking(runtimeCost{}), cel.CostLimit(c.e.costLimit))
	}
	prg, err := env.Program(ast, popts...)
	if err != nil {
		c.fieldProblem(p, field, ErrCompile, "planning failed: %v", err)
		return nil
	}
	c.cache.put(key, &exprEntry{checked: checkedAST, prg: prg, out: out, tracked: !proven, fixed: est.Max})
	return &program{prg: prg, field: field, src: p.src, out: out, tracked: !proven, fixed: est.Max, checked: checked,
		pos: p.src.fieldPosition(field)}
}

// parsedGuards returns the has() paths that hold when the boolean expression src is true.
func (c *compiler) parsedGuards(src string) map[string]bool {
	out := map[string]bool{}
	if strings.TrimSpace(src) == "" {
		return out
	}
	parsed, iss := c.e.env.Parse(src)
	if iss != nil && iss.Err() != nil {
		return out
	}
	w := &guardWalker{ast: parsed.NativeRep()}
	w.positive(parsed.NativeRep().Expr(), out)
	return out
}

// parsedGuardsWhenFalse returns the has() paths that hold when src is false.
func (c *compiler) parsedGuardsWhenFalse(src string) map[string]bool {
	out := map[string]bool{}
	parsed, iss := c.e.env.Parse(src)
	if strings.TrimSpace(src) == "" || iss != nil && iss.Err() != nil {
		return out
	}
	w := &guardWalker{ast: parsed.NativeRep()}
	w.negative(parsed.NativeRep().Expr(), out)
	return out
}

// warnUnguarded warns, at load time, about reads of fields that may be absent without a
// has() guard on their path: such a read is an evaluation error when the field is absent.
func (c *compiler) warnUnguarded(p *Policy, field string, ast *cel.Ast) {
	for _, r := range unguardedReads(ast, c.e.optional, c.guards, c.e.subjects[p.Subject].required, c.aliases) {
		pos := p.src.exprPosition(field, r.line, r.offset)
		snip := p.src.snippetAt(pos)
		if p.src == nil {
			snip = ""
		}
		c.warns = append(c.warns, &Problem{Position: pos, PolicyID: p.ID, Field: field, Kind: ErrUnguarded, Snippet: snip,
			Message: fmt.Sprintf("%s is read without a has() guard: when it is absent the policy fails with an evaluation error (test has(%s) first, in the match or on this path)", r.path, r.path)})
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// exprSnippet renders a caret under a column of an expression built in Go.
func exprSnippet(src string, line, col int) string {
	lines := strings.Split(src, "\n")
	return snippet(lines, line, col+1)
}

var _ cost.Estimator = estimator{}

func typeName(t *cel.Type) string {
	switch {
	case t == nil:
		return ""
	case t.IsExactType(cel.TimestampType):
		return "timestamp"
	case t.IsExactType(cel.DurationType):
		return "duration"
	}
	return t.String()
}
