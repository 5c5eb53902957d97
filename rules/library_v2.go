package rules

import (
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"github.com/google/uuid"

	"github.com/guantong/guantong/rules/workday"
)

// periodStart returns 00:00 China Standard Time of the first day of the calendar period
// (week from Monday, month, quarter, half year, year: workday.Unit) containing t, and
// whether unit is known.
func periodStart(t time.Time, unit string) (time.Time, bool) {
	p, err := workday.PeriodOf(t, workday.Unit(unit))
	return p.Start(), err == nil
}

// periodEnd returns the last nanosecond (23:59:59.999999999 CST) of the period containing t.
func periodEnd(t time.Time, unit string) (time.Time, bool) {
	p, err := workday.PeriodOf(t, workday.Unit(unit))
	return p.End(), err == nil
}

// uuidOf reads a uuid.UUID field, which CEL sees as bytes.
func uuidOf(v ref.Val) (uuid.UUID, bool) {
	switch x := v.Value().(type) {
	case uuid.UUID:
		return x, true
	case [16]byte:
		return uuid.UUID(x), true
	case []byte:
		if len(x) != 16 {
			return uuid.UUID{}, false
		}
		return uuid.UUID(x), true
	}
	return uuid.UUID{}, false
}

// v2Options are the functions added in library version 2.
func (l *library) v2Options() []cel.EnvOption {
	ts, str := cel.TimestampType, cel.StringType
	bound := func(f func(time.Time, string) (time.Time, bool)) cel.OverloadOpt {
		return cel.BinaryBinding(func(a, b ref.Val) ref.Val {
			t, ok := timeOf(a)
			u, ok2 := b.(types.String)
			if !ok || !ok2 {
				return types.MaybeNoSuchOverloadErr(a)
			}
			r, ok := f(t, string(u))
			if !ok {
				return types.NewErr("rules: period unit %q is not week, month, quarter, half_year or year", string(u))
			}
			return types.Timestamp{Time: r}
		})
	}
	return []cel.EnvOption{
		cel.Function("period.start", cel.Overload("period_start_timestamp_string", []*cel.Type{ts, str}, ts, bound(periodStart))),
		cel.Function("period.end", cel.Overload("period_end_timestamp_string", []*cel.Type{ts, str}, ts, bound(periodEnd))),
		cel.Function("uuid", cel.Overload("uuid_bytes", []*cel.Type{cel.BytesType}, str,
			cel.UnaryBinding(func(a ref.Val) ref.Val {
				id, ok := uuidOf(a)
				if !ok {
					return types.NewErr("rules: uuid: value is not 16 bytes")
				}
				return types.String(id.String())
			}))),
	}
}
