package rules

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

// LibraryVersion is the newest version of guantong's CEL function library that policies can use.
// Functions are only ever added in a new version, never changed or removed, so a bundle built
// with [WithLibraryVersion] keeps meaning the same thing.
//
// Version 1:
//
//	workday.add(timestamp, int) -> timestamp        end of the n-th working day after the date (Civil Code art. 201)
//	workday.between(timestamp, timestamp) -> int    working days d with date(from) < d <= date(to)
//	workday.isWorkday(timestamp) -> bool            whether the date (CST) is a working day (调休 counted)
//	workday.next(timestamp) -> timestamp            00:00 of the first working day after the date
//	period.months(timestamp, int) -> timestamp      Civil Code arts. 201–203 month period end
//	period.days(timestamp, int) -> timestamp        Civil Code day period end
//	date(timestamp) -> string                        the China Standard Time date, 2006-01-02
//	decimal(string) -> decimal.Decimal, decimal(int) -> decimal.Decimal
//	<decimal>.compareTo(decimal) -> int, .isLessThan(decimal) -> bool, .isGreaterThan(decimal) -> bool,
//	.add(decimal), .sub(decimal), .mul(decimal) -> decimal, .div(decimal, int places) -> decimal,
//	.neg() -> decimal, .sign() -> int, .format(int places) -> string
//
// Version 2 adds:
//
//	period.start(timestamp, string unit) -> timestamp  00:00 CST of the first day of the week (from Monday),
//	                                                   month, quarter, half_year or year containing the instant
//	period.end(timestamp, string unit) -> timestamp    the last nanosecond (23:59:59.999999999 CST) of that period
//	uuid(bytes) -> string                              the canonical text of a uuid.UUID field (CEL sees them as bytes)
//
// Calendar errors (a date in a year without calendar data) are evaluation errors of the
// policy, never a guess.
const LibraryVersion uint32 = 2

// decimalType is the CEL type of decimal.Decimal values (money, percentages).
var decimalType = cel.ObjectType("decimal.Decimal")

// decimalVal is a CEL value holding a decimal.Decimal, produced by the decimal functions.
// Decimal fields of subjects arrive as native objects; both carry decimal.Decimal in Value().
type decimalVal struct{ d decimal.Decimal }

func (v decimalVal) ConvertToNative(t reflect.Type) (any, error) {
	if t == reflect.TypeFor[decimal.Decimal]() {
		return v.d, nil
	}
	if t == reflect.TypeFor[*decimal.Decimal]() {
		d := v.d
		return &d, nil
	}
	return nil, fmt.Errorf("rules: decimal cannot be converted to %v", t)
}
func (v decimalVal) ConvertToType(t ref.Type) ref.Val {
	switch t {
	case types.StringType:
		return types.String(v.d.String())
	case types.TypeType:
		return decimalType
	}
	if t.TypeName() == decimalType.TypeName() {
		return v
	}
	return types.NewErr("rules: decimal cannot be converted to %s", t.TypeName())
}
func (v decimalVal) Equal(o ref.Val) ref.Val {
	d, ok := decimalOf(o)
	if !ok {
		return types.False
	}
	if err := decimalBounds("==", v.d); err != nil {
		return err
	}
	if err := decimalBounds("==", d); err != nil {
		return err
	}
	return types.Bool(v.d.Equal(d))
}
func (v decimalVal) Type() ref.Type { return decimalType }
func (v decimalVal) Value() any     { return v.d }

// Bounds of the decimals policies compute with. Money, percentages and weights need a few
// dozen digits; the bounds keep every decimal operation's time and memory small whatever a
// policy does (squaring decimal('1e10000') over and over, adding numbers whose exponents
// are far apart), and no shopspring operation ever panics on an exponent overflow.
const (
	// MaxDecimalDigits is the most significant digits of a decimal operand or result.
	MaxDecimalDigits = 100
	// MaxDecimalExponent bounds the exponent: a decimal is c × 10^e with |e| ≤ 100.
	MaxDecimalExponent = 100
	// maxDecimalText is the longest text decimal(string) parses.
	maxDecimalText = 256
)

// decimalBounds returns an error when d is beyond the decimal bounds.
func decimalBounds(what string, d decimal.Decimal) ref.Val {
	if e := d.Exponent(); e > MaxDecimalExponent || e < -MaxDecimalExponent {
		return types.NewErr("rules: %s: decimal exponent %d beyond ±%d", what, e, MaxDecimalExponent)
	}
	if n := d.NumDigits(); n > MaxDecimalDigits {
		return types.NewErr("rules: %s: decimal of %d digits, more than %d", what, n, MaxDecimalDigits)
	}
	return nil
}

// decimalResult returns r as a CEL value, or the bounds error.
func decimalResult(what string, r decimal.Decimal) ref.Val {
	if err := decimalBounds(what, r); err != nil {
		return err
	}
	return decimalVal{r}
}

// decimalCost is the runtime cost of a decimal operation: a constant plus a tenth of its
// operands' digits and exponents (the size of the arithmetic and of any rescaling).
func decimalCost(args []ref.Val) uint64 {
	c := uint64(libraryCallCost)
	for _, a := range args {
		if d, ok := decimalOf(a); ok {
			e := int64(d.Exponent())
			c += uint64(d.NumDigits()+int(max(e, -e))) / 10
		}
	}
	return c
}

// maxDecimalCost is decimalCost's bound for operands within the decimal bounds.
const maxDecimalCost = libraryCallCost + 2*(MaxDecimalDigits+MaxDecimalExponent)/10

func decimalOf(v ref.Val) (decimal.Decimal, bool) {
	switch x := v.Value().(type) {
	case decimal.Decimal:
		return x, true
	case *decimal.Decimal:
		if x != nil {
			return *x, true
		}
	}
	return decimal.Decimal{}, false
}

func timeOf(v ref.Val) (time.Time, bool) {
	t, ok := v.(types.Timestamp)
	return t.Time, ok
}

type library struct {
	version uint32
}

func (l *library) LibraryName() string { return "guantong.domain" }

func (l *library) ProgramOptions() []cel.ProgramOption { return nil }

func calErr(err error) ref.Val { return types.WrapErr(err) }

// calendarFunctions are the library functions that count on the calendar. They are
// late-bound: each evaluation supplies them through its activation ([calendarCall]), so that
// the certainty of the days they used ([workday.Certainty]) is recorded for the expression
// that called them.
var calendarFunctions = map[string]bool{
	"workday.add": true, "workday.between": true, "workday.isWorkday": true, "workday.next": true,
	"period.months": true, "period.days": true,
}

// calendarCall evaluates a calendar function for one evaluation, merging the certainty of
// its answer into *cert. An answer the calendar cannot give (a year without data) is an
// error wrapping the *workday.NoDataError.
func calendarCall(cal *workday.Calendar, cert *workday.Certainty, overloadID string, args []ref.Val) ref.Val {
	result := func(r workday.Result, err error) ref.Val {
		if err != nil {
			return calErr(err)
		}
		*cert = cert.Weaker(r.Certainty)
		return types.Timestamp{Time: r.Time}
	}
	tsInt := func(f func(time.Time, int) (workday.Result, error)) ref.Val {
		if len(args) != 2 {
			return types.NewErr("rules: %s: want 2 arguments, got %d", overloadID, len(args))
		}
		t, ok := timeOf(args[0])
		n, ok2 := args[1].(types.Int)
		if !ok || !ok2 {
			return types.MaybeNoSuchOverloadErr(args[0])
		}
		if int64(n) < math.MinInt32 || int64(n) > math.MaxInt32 {
			return types.NewErr("rules: %s: count %d out of range", overloadID, int64(n))
		}
		return result(f(t, int(n)))
	}
	switch overloadID {
	case "workday_add_timestamp_int":
		return tsInt(cal.AddWorkdays)
	case "period_months_timestamp_int":
		return tsInt(cal.AddMonths)
	case "period_days_timestamp_int":
		return tsInt(cal.AddDays)
	case "workday_next_timestamp":
		if len(args) != 1 {
			return types.NewErr("rules: %s: want 1 argument, got %d", overloadID, len(args))
		}
		t, ok := timeOf(args[0])
		if !ok {
			return types.MaybeNoSuchOverloadErr(args[0])
		}
		return result(cal.NextWorkday(t))
	case "workday_is_workday_timestamp":
		if len(args) != 1 {
			return types.NewErr("rules: %s: want 1 argument, got %d", overloadID, len(args))
		}
		t, ok := timeOf(args[0])
		if !ok {
			return types.MaybeNoSuchOverloadErr(args[0])
		}
		d, err := cal.Day(t)
		if err != nil {
			return calErr(err)
		}
		*cert = cert.Weaker(d.Certainty)
		return types.Bool(d.Kind.IsWorking())
	case "workday_between_timestamp_timestamp":
		if len(args) != 2 {
			return types.NewErr("rules: %s: want 2 arguments, got %d", overloadID, len(args))
		}
		x, ok := timeOf(args[0])
		y, ok2 := timeOf(args[1])
		if !ok || !ok2 {
			return types.MaybeNoSuchOverloadErr(args[0])
		}
		c, err := cal.WorkdaysBetween(x, y)
		if err != nil {
			return calErr(err)
		}
		*cert = cert.Weaker(c.Certainty)
		return types.Int(c.N)
	}
	return types.NewErr("rules: no calendar function %s", overloadID)
}

func (l *library) CompileOptions() []cel.EnvOption {
	ts, in := cel.TimestampType, cel.IntType
	late := cel.LateFunctionBinding()
	dec := func(name string, f func(a, b decimal.Decimal) ref.Val) cel.OverloadOpt {
		return cel.BinaryBinding(func(a, b ref.Val) ref.Val {
			x, ok := decimalOf(a)
			y, ok2 := decimalOf(b)
			if !ok || !ok2 {
				return types.MaybeNoSuchOverloadErr(a)
			}
			if err := decimalBounds(name, x); err != nil {
				return err
			}
			if err := decimalBounds(name, y); err != nil {
				return err
			}
			return f(x, y)
		})
	}
	unary := func(name string, f func(d decimal.Decimal) ref.Val) cel.OverloadOpt {
		return cel.UnaryBinding(func(a ref.Val) ref.Val {
			d, ok := decimalOf(a)
			if !ok {
				return types.MaybeNoSuchOverloadErr(a)
			}
			if err := decimalBounds(name, d); err != nil {
				return err
			}
			return f(d)
		})
	}
	opts := []cel.EnvOption{
		cel.Function("workday.add", cel.Overload("workday_add_timestamp_int", []*cel.Type{ts, in}, ts, late)),
		cel.Function("workday.between", cel.Overload("workday_between_timestamp_timestamp", []*cel.Type{ts, ts}, in, late)),
		cel.Function("workday.isWorkday", cel.Overload("workday_is_workday_timestamp", []*cel.Type{ts}, cel.BoolType, late)),
		cel.Function("workday.next", cel.Overload("workday_next_timestamp", []*cel.Type{ts}, ts, late)),
		cel.Function("period.months", cel.Overload("period_months_timestamp_int", []*cel.Type{ts, in}, ts, late)),
		cel.Function("period.days", cel.Overload("period_days_timestamp_int", []*cel.Type{ts, in}, ts, late)),
		cel.Function("date", cel.Overload("date_timestamp", []*cel.Type{ts}, cel.StringType,
			cel.UnaryBinding(func(a ref.Val) ref.Val {
				t, ok := timeOf(a)
				if !ok {
					return types.MaybeNoSuchOverloadErr(a)
				}
				return types.String(workday.DateOf(t).String())
			}))),
		cel.Function("decimal",
			cel.Overload("decimal_string", []*cel.Type{cel.StringType}, decimalType,
				cel.UnaryBinding(func(a ref.Val) ref.Val {
					s, ok := a.(types.String)
					if !ok {
						return types.MaybeNoSuchOverloadErr(a)
					}
					if len(s) > maxDecimalText {
						return types.NewErr("rules: decimal(string): text of %d bytes, more than %d", len(s), maxDecimalText)
					}
					d, err := decimal.NewFromString(string(s))
					if err != nil {
						return types.NewErr("rules: decimal(%q): not a decimal number", string(s))
					}
					return decimalResult("decimal(string)", d)
				})),
			cel.Overload("decimal_int", []*cel.Type{in}, decimalType,
				cel.UnaryBinding(func(a ref.Val) ref.Val {
					n, ok := a.(types.Int)
					if !ok {
						return types.MaybeNoSuchOverloadErr(a)
					}
					return decimalVal{decimal.NewFromInt(int64(n))}
				}))),
		cel.Function("compareTo", cel.MemberOverload("decimal_compare_to", []*cel.Type{decimalType, decimalType}, in,
			dec("compareTo", func(a, b decimal.Decimal) ref.Val { return types.Int(a.Cmp(b)) }))),
		cel.Function("isLessThan", cel.MemberOverload("decimal_is_less_than", []*cel.Type{decimalType, decimalType}, cel.BoolType,
			dec("isLessThan", func(a, b decimal.Decimal) ref.Val { return types.Bool(a.LessThan(b)) }))),
		cel.Function("isGreaterThan", cel.MemberOverload("decimal_is_greater_than", []*cel.Type{decimalType, decimalType}, cel.BoolType,
			dec("isGreaterThan", func(a, b decimal.Decimal) ref.Val { return types.Bool(a.GreaterThan(b)) }))),
		cel.Function("add", cel.MemberOverload("decimal_add", []*cel.Type{decimalType, decimalType}, decimalType,
			dec("add", func(a, b decimal.Decimal) ref.Val { return decimalResult("add", a.Add(b)) }))),
		cel.Function("sub", cel.MemberOverload("decimal_sub", []*cel.Type{decimalType, decimalType}, decimalType,
			dec("sub", func(a, b decimal.Decimal) ref.Val { return decimalResult("sub", a.Sub(b)) }))),
		cel.Function("mul", cel.MemberOverload("decimal_mul", []*cel.Type{decimalType, decimalType}, decimalType,
			dec("mul", func(a, b decimal.Decimal) ref.Val { return decimalResult("mul", a.Mul(b)) }))),
		cel.Function("div", cel.MemberOverload("decimal_div_int", []*cel.Type{decimalType, decimalType, in}, decimalType,
			cel.FunctionBinding(func(args ...ref.Val) ref.Val {
				a, ok := decimalOf(args[0])
				b, ok2 := decimalOf(args[1])
				p, ok3 := args[2].(types.Int)
				if !ok || !ok2 || !ok3 {
					return types.MaybeNoSuchOverloadErr(args[0])
				}
				if err := decimalBounds("div", a); err != nil {
					return err
				}
				if err := decimalBounds("div", b); err != nil {
					return err
				}
				if b.IsZero() {
					return types.NewErr("rules: decimal division by zero")
				}
				if p < 0 || p > 64 {
					return types.NewErr("rules: decimal div: places %d out of range 0..64", int64(p))
				}
				return decimalResult("div", a.DivRound(b, int32(p)))
			}))),
		cel.Function("neg", cel.MemberOverload("decimal_neg", []*cel.Type{decimalType}, decimalType,
			unary("neg", func(d decimal.Decimal) ref.Val { return decimalVal{d.Neg()} }))),
		cel.Function("sign", cel.MemberOverload("decimal_sign", []*cel.Type{decimalType}, in,
			unary("sign", func(d decimal.Decimal) ref.Val { return types.Int(d.Sign()) }))),
		cel.Function("format", cel.MemberOverload("decimal_format_int", []*cel.Type{decimalType, in}, cel.StringType,
			cel.BinaryBinding(func(a, b ref.Val) ref.Val {
				d, ok := decimalOf(a)
				p, ok2 := b.(types.Int)
				if !ok || !ok2 {
					return types.MaybeNoSuchOverloadErr(a)
				}
				if err := decimalBounds("format", d); err != nil {
					return err
				}
				if p < 0 || p > 64 {
					return types.NewErr("rules: decimal format: places %d out of range 0..64", int64(p))
				}
				return types.String(d.StringFixed(int32(p)))
			}))),
	}
	if l.version >= 2 {
		opts = append(opts, l.v2Options()...)
	}
	return opts
}

// libraryCallCost gives every library function a small constant cost: each is O(1) or O(log n) on
// the calendar's prefix tables, or bounded decimal arithmetic.
const libraryCallCost = 2

var libraryOverloads = map[string]bool{
	"workday_add_timestamp_int": true, "workday_between_timestamp_timestamp": true,
	"workday_is_workday_timestamp": true, "workday_next_timestamp": true,
	"period_months_timestamp_int": true, "period_days_timestamp_int": true,
	"date_timestamp": true, "decimal_string": true, "decimal_int": true,
	"decimal_compare_to": true, "decimal_is_less_than": true, "decimal_is_greater_than": true,
	"decimal_add": true, "decimal_sub": true, "decimal_mul": true, "decimal_div_int": true,
	"decimal_neg": true, "decimal_sign": true, "decimal_format_int": true,
	"period_start_timestamp_string": true, "period_end_timestamp_string": true, "uuid_bytes": true,
}

// decimalOverloads are the library functions whose cost grows with their decimal operands.
var decimalOverloads = map[string]bool{
	"decimal_compare_to": true, "decimal_is_less_than": true, "decimal_is_greater_than": true,
	"decimal_add": true, "decimal_sub": true, "decimal_mul": true, "decimal_div_int": true,
	"decimal_neg": true, "decimal_sign": true, "decimal_format_int": true,
}

// estimator is the static cost estimator: library functions cost libraryCallCost. With
// defaults set, sizes come from the subject's declared bounds or, for anything reachable from
// a declaration without one, DefaultListBound / DefaultStringBound; without, sizes are
// unknown (unbounded), which proves an expression size-independent when its estimate is
// still finite and small.
type estimator struct {
	bounds   map[string]uint64 // "clue.subjects" -> max size
	defaults bool
}

func (e estimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	if !e.defaults {
		return nil
	}
	p := n.Path()
	if len(p) == 0 {
		return nil
	}
	if max, ok := e.bounds[strings.Join(p, ".")]; ok {
		return &cost.SizeEstimate{Min: 0, Max: max}
	}
	switch n.Type().Kind() {
	case types.ListKind, types.MapKind:
		return &cost.SizeEstimate{Min: 0, Max: DefaultListBound}
	case types.StringKind, types.BytesKind:
		return &cost.SizeEstimate{Min: 0, Max: DefaultStringBound}
	}
	return nil
}

func (e estimator) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	if libraryOverloads[overloadID] {
		var size *cost.SizeEstimate
		switch overloadID {
		case "date_timestamp":
			size = &cost.SizeEstimate{Min: 10, Max: 10}
		case "decimal_format_int":
			size = &cost.SizeEstimate{Min: 1, Max: 160}
		case "uuid_bytes":
			size = &cost.SizeEstimate{Min: 36, Max: 36}
		}
		if decimalOverloads[overloadID] {
			return cost.NewCallEstimate(cost.CostEstimate{Min: libraryCallCost, Max: maxDecimalCost}, size)
		}
		return cost.NewCallEstimate(cost.FixedCostEstimate(libraryCallCost), size)
	}
	return nil
}

// runtimeCost is the matching actual-cost estimator.
type runtimeCost struct{}

func (runtimeCost) CallCost(function, overloadID string, args []ref.Val, result ref.Val) *uint64 {
	if decimalOverloads[overloadID] {
		c := decimalCost(args)
		return &c
	}
	if libraryOverloads[overloadID] {
		c := uint64(libraryCallCost)
		return &c
	}
	return nil
}
