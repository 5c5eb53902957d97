package rules

import (
	"fmt"
	"strconv"
)

// Limits bound what policy files, a bundle and one check may cost the host: policy authors
// are trusted to write rules, not to run the host out of memory or time. Every limit has a
// default ([DefaultLimits]); a zero field means the default. A policy document, file or
// bundle beyond a load or compile limit is refused with a problem of kind [ErrTooLarge]
// naming the limit; a check beyond its budget stops with [ErrBudget].
//
// Set them on an engine with [WithLimits] (they then apply to [Engine.LoadFS],
// [Engine.Compile] and [Bundle.Check]) and on the package-level loaders with [LoadLimits].
type Limits struct {
	// MaxFileSize is the size in bytes of one policy file LoadFS reads (default 16 MiB).
	MaxFileSize int64 `json:"max_file_size,omitempty"`
	// MaxTotalSize is the size in bytes of all the files one LoadFS reads (default 128 MiB).
	MaxTotalSize int64 `json:"max_total_size,omitempty"`
	// MaxFiles is the number of policy files one LoadFS reads (default 10,000).
	MaxFiles int `json:"max_files,omitempty"`
	// MaxDocumentSize is the size in bytes of one YAML document with its aliases expanded
	// (default 4 MiB): an alias of a large node counts that node's size again each time it
	// is used, so many aliases of one large string are refused before anything expands them.
	MaxDocumentSize int64 `json:"max_document_size,omitempty"`
	// MaxPolicies is the number of policies one Compile accepts (default 100,000).
	MaxPolicies int `json:"max_policies,omitempty"`
	// MaxVariables is the number of variables of one policy (default 500).
	MaxVariables int `json:"max_variables,omitempty"`
	// MaxExpressions is the number of expressions of one policy: its match, variables,
	// validations and their messages, obligations and their conditions, outputs (default
	// 2,000).
	MaxExpressions int `json:"max_expressions,omitempty"`
	// MaxExpressionLength is the length in bytes of one expression (default 16 KiB).
	MaxExpressionLength int `json:"max_expression_length,omitempty"`
	// MaxStringSize is the size in bytes of a string or bytes value an expression makes (by
	// +, join, replace, format…; default 1 MiB): a call that would make a larger one is an
	// evaluation error, refused before it runs.
	MaxStringSize int64 `json:"max_string_size,omitempty"`
	// MaxListSize is the number of elements of a list an expression makes (by +, flatten,
	// lists.range; default 100,000), refused the same way.
	MaxListSize int `json:"max_list_size,omitempty"`
	// CheckBudget is the cost of one Bundle.Check, every expression of every policy together,
	// in the units of the runtime cost limit (default 10 × DefaultCostLimit): each evaluation's
	// actual cost and the size of what it keeps (a variable's string or list, cached for the
	// rest of the policy) are charged to it, as Kubernetes charges one admission call. The
	// runtime cost limit ([WithCostLimit]) still bounds each expression.
	CheckBudget uint64 `json:"check_budget,omitempty"`
}

// Defaults of [Limits].
const (
	DefaultMaxFileSize         int64  = 16 << 20
	DefaultMaxTotalSize        int64  = 128 << 20
	DefaultMaxFiles                   = 10_000
	DefaultMaxDocumentSize     int64  = 4 << 20
	DefaultMaxPolicies                = 100_000
	DefaultMaxVariables               = 500
	DefaultMaxExpressions             = 2_000
	DefaultMaxExpressionLength        = 16 << 10
	DefaultMaxStringSize       int64  = 1 << 20
	DefaultMaxListSize                = 100_000
	DefaultCheckBudget         uint64 = 10 * DefaultCostLimit
)

// DefaultLimits returns the limits used where none are set.
func DefaultLimits() Limits {
	return Limits{
		MaxFileSize: DefaultMaxFileSize, MaxTotalSize: DefaultMaxTotalSize, MaxFiles: DefaultMaxFiles,
		MaxDocumentSize: DefaultMaxDocumentSize, MaxPolicies: DefaultMaxPolicies, MaxVariables: DefaultMaxVariables,
		MaxExpressions: DefaultMaxExpressions, MaxExpressionLength: DefaultMaxExpressionLength,
		MaxStringSize: DefaultMaxStringSize, MaxListSize: DefaultMaxListSize, CheckBudget: DefaultCheckBudget,
	}
}

// resolved returns l with every zero field set to its default.
func (l Limits) resolved() Limits {
	d := DefaultLimits()
	or := func(v, def int64) int64 {
		if v == 0 {
			return def
		}
		return v
	}
	l.MaxFileSize = or(l.MaxFileSize, d.MaxFileSize)
	l.MaxTotalSize = or(l.MaxTotalSize, d.MaxTotalSize)
	l.MaxDocumentSize = or(l.MaxDocumentSize, d.MaxDocumentSize)
	l.MaxFiles = int(or(int64(l.MaxFiles), int64(d.MaxFiles)))
	l.MaxPolicies = int(or(int64(l.MaxPolicies), int64(d.MaxPolicies)))
	l.MaxVariables = int(or(int64(l.MaxVariables), int64(d.MaxVariables)))
	l.MaxExpressions = int(or(int64(l.MaxExpressions), int64(d.MaxExpressions)))
	l.MaxExpressionLength = int(or(int64(l.MaxExpressionLength), int64(d.MaxExpressionLength)))
	l.MaxStringSize = or(l.MaxStringSize, d.MaxStringSize)
	l.MaxListSize = int(or(int64(l.MaxListSize), int64(d.MaxListSize)))
	if l.CheckBudget == 0 {
		l.CheckBudget = d.CheckBudget
	}
	return l
}

// validate refuses negative limits.
func (l Limits) validate() error {
	for name, v := range map[string]int64{
		"MaxFileSize": l.MaxFileSize, "MaxTotalSize": l.MaxTotalSize, "MaxFiles": int64(l.MaxFiles),
		"MaxDocumentSize": l.MaxDocumentSize, "MaxPolicies": int64(l.MaxPolicies), "MaxVariables": int64(l.MaxVariables),
		"MaxExpressions": int64(l.MaxExpressions), "MaxExpressionLength": int64(l.MaxExpressionLength),
		"MaxStringSize": l.MaxStringSize, "MaxListSize": int64(l.MaxListSize),
	} {
		if v < 0 {
			return fmt.Errorf("%w: limit %s must not be negative, got %d", ErrInvalidValue, name, v)
		}
	}
	return nil
}

// WithLimits sets the engine's limits: zero fields keep their defaults, a negative one is an
// error matching ErrInvalidValue. They are part of the bundle's [Environment].
func WithLimits(l Limits) Option {
	return func(e *Engine) error {
		if err := l.validate(); err != nil {
			return err
		}
		e.limits = l.resolved()
		return nil
	}
}

// LoadOption configures [Parse] and [LoadFS]. A nil LoadOption is ignored.
type LoadOption func(*Limits)

// LoadLimits sets the load limits of [Parse] and [LoadFS] (MaxFileSize, MaxTotalSize,
// MaxFiles, MaxDocumentSize); zero fields keep their defaults.
func LoadLimits(l Limits) LoadOption {
	return func(dst *Limits) {
		dst.MaxFileSize, dst.MaxTotalSize, dst.MaxFiles, dst.MaxDocumentSize = l.MaxFileSize, l.MaxTotalSize, l.MaxFiles, l.MaxDocumentSize
	}
}

func loadLimits(opts []LoadOption) Limits {
	var l Limits
	for _, o := range opts {
		if o != nil {
			o(&l)
		}
	}
	if l.validate() != nil {
		return DefaultLimits()
	}
	return l.resolved()
}

// LimitError is a load or compile limit exceeded: which ([Limits] field name), its value and
// what was found. It is the Kind of a [*Problem] and matches ErrTooLarge.
type LimitError struct {
	Limit string // e.g. "MaxVariables"
	Max   int64
	Got   int64 // at least this much; 0 when not counted
}

func (e *LimitError) Error() string {
	if e.Got > 0 {
		return fmt.Sprintf("%s exceeds the limit %s = %s", strconv.FormatInt(e.Got, 10), e.Limit, strconv.FormatInt(e.Max, 10))
	}
	return fmt.Sprintf("exceeds the limit %s = %d", e.Limit, e.Max)
}

// Unwrap returns ErrTooLarge.
func (e *LimitError) Unwrap() error { return ErrTooLarge }
