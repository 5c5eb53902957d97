package rules_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// A policy cannot hurt the host: each test below is one of the ways a hostile policy
// author tried to, refused or bounded.

// evalErrors returns the messages of d's evaluation errors of the given kind.
func evalErrors(d rules.Decision, kind error) []string {
	var out []string
	for _, e := range d.Errors {
		if e.Kind == kind {
			out = append(out, e.Message)
		}
	}
	return out
}

// Decimals are bounded on construction and in every result, and charged by their size: squaring
// decimal('1e10000') over and over no longer runs past every deadline.
func TestDecimalBounds(t *testing.T) {
	e := newEngine(t)
	at := cst(2026, 12, 2, 9, 0)
	for _, tc := range []struct {
		name, expr, want string
	}{
		{"exponent on construction", `decimal('1e10000').compareTo(decimal('0')) > 0`, "decimal exponent 10000 beyond ±100"},
		{"text on construction", `decimal('` + strings.Repeat("9", 300) + `').sign() > 0`, "text of 300 bytes"},
		{"digits of a product", `decimal('` + strings.Repeat("9", 60) + `').mul(decimal('` + strings.Repeat("9", 60) + `')).sign() > 0`, "digits, more than 100"},
		{"exponents far apart", `decimal('1e100').add(decimal('1e-100')).sign() > 0`, "digits, more than 100"},
		{"a quotient too fine", `decimal('1e100').div(decimal('1e-60'), 64).sign() > 0`, "div: decimal of 225 digits"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := compile(t, e, "d.yaml", fmt.Sprintf("id: d\nsubject: case\nvalidations:\n  - expression: %q\n    message: m\n    reason: R\n", tc.expr))
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			start := time.Now()
			d, err := b.Check(ctx, &Case{}, at)
			require.NoError(t, err)
			assert.Less(t, time.Since(start), 5*time.Second)
			msgs := evalErrors(d, rules.ErrEvaluation)
			require.Len(t, msgs, 1, "%+v", d.Errors)
			assert.Contains(t, msgs[0], tc.want)
		})
	}
	t.Run("squaring", func(t *testing.T) {
		var sb strings.Builder
		sb.WriteString("id: sq\nsubject: case\nvariables:\n  - name: x0\n    expression: decimal('1e99')\n")
		for i := 1; i <= 14; i++ {
			fmt.Fprintf(&sb, "  - name: x%d\n    expression: variables.x%d.mul(variables.x%d)\n", i, i-1, i-1)
		}
		sb.WriteString("validations:\n  - expression: variables.x14.sign() > 0\n    message: m\n    reason: R\n")
		b := compile(t, e, "sq.yaml", sb.String())
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		start := time.Now()
		d, err := b.Check(ctx, &Case{}, at)
		require.NoError(t, err)
		assert.Less(t, time.Since(start), 5*time.Second)
		require.Len(t, d.Errors, 1)
		assert.Contains(t, d.Errors[0].Message, "variables.x1: rules: mul: decimal exponent 198 beyond ±100")
	})
	// The same comprehension costs more on large decimals than on small ones: 200 products of
	// 100-digit numbers exceed a cost limit that 200 products of 1-digit numbers keep.
	t.Run("charged by size", func(t *testing.T) {
		e := newEngine(t, rules.WithCostLimit(4000), rules.WithRuntimeCostTracking(true))
		check := func(digits int) []rules.EvalError {
			n := "'" + strings.Repeat("9", digits) + "'"
			b := compile(t, e, "c.yaml", fmt.Sprintf("id: c\nsubject: case\nvalidations:\n  - expression: \"case.items.all(i, decimal(%s).compareTo(decimal(%s)) == 0)\"\n    message: m\n    reason: R\n", n, n))
			d, err := b.Check(context.Background(), &Case{Items: make([]Item, 200)}, at)
			require.NoError(t, err)
			return d.Errors
		}
		assert.Empty(t, check(1))
		errs := check(100)
		require.Len(t, errs, 1)
		assert.Equal(t, rules.ErrCostLimit, errs[0].Kind)
	})
}

// stringChain is a policy whose variables double a 1 KiB string thirteen times (8 MiB) and
// then hold n more strings of that size.
func stringChain(n int) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "id: strings\nsubject: case\nvariables:\n  - name: s0\n    expression: \"'%s'\"\n", strings.Repeat("a", 1024))
	for i := 1; i <= 13; i++ {
		fmt.Fprintf(&sb, "  - name: s%d\n    expression: variables.s%d + variables.s%d\n", i, i-1, i-1)
	}
	refs := make([]string, n)
	for i := range n {
		fmt.Fprintf(&sb, "  - name: big%d\n    expression: variables.s13 + '%d'\n", i, i)
		refs[i] = fmt.Sprintf("variables.big%d", i)
	}
	fmt.Fprintf(&sb, "validations:\n  - expression: \"[%s].all(s, size(s) > 0)\"\n    message: m\n    reason: R\n", strings.Join(refs, ", "))
	return sb.String()
}

// Variables are charged to one budget for the whole check, memory they keep included, and
// see the deadline: 300 variables of 8 MiB strings no longer take seconds and gigabytes.
func TestCheckBudget(t *testing.T) {
	at := cst(2026, 12, 2, 9, 0)
	src := stringChain(300)
	// Strings of 8 MiB are beyond MaxStringSize, refused before they are made.
	t.Run("string size", func(t *testing.T) {
		b := compile(t, newEngine(t), "s.yaml", src)
		d, err := b.Check(context.Background(), &Case{}, at)
		require.NoError(t, err)
		require.Len(t, d.Errors, 1)
		assert.Contains(t, d.Errors[0].Message, "variables.s11: rules: _+_ would make a string of 2097152 bytes, more than 1048576 (Limits.MaxStringSize)")
	})
	big := rules.Limits{MaxStringSize: 16 << 20}
	t.Run("budget", func(t *testing.T) {
		b := compile(t, newEngine(t, rules.WithLimits(big)), "s.yaml", src)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		d, err := b.Check(context.Background(), &Case{}, at)
		runtime.ReadMemStats(&after)
		require.ErrorIs(t, err, rules.ErrBudget)
		assert.Less(t, time.Since(start), 5*time.Second)
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(400<<20), "allocated")
		msgs := evalErrors(d, rules.ErrBudget)
		require.NotEmpty(t, msgs)
		assert.Contains(t, msgs[0], "Limits.CheckBudget")
	})
	t.Run("deadline inside a policy", func(t *testing.T) {
		b := compile(t, newEngine(t, rules.WithLimits(rules.Limits{MaxStringSize: 16 << 20, CheckBudget: 1 << 60})), "s.yaml", src)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := b.Check(ctx, &Case{}, at)
		require.ErrorIs(t, err, rules.ErrCanceled)
		assert.Less(t, time.Since(start), 5*time.Second)
	})
	t.Run("a budget shared by the policies", func(t *testing.T) {
		small := rules.WithLimits(rules.Limits{CheckBudget: 50})
		b := compile(t, newEngine(t, small), "p.yaml", `
id: a1
subject: case
validations:
  - expression: case.items.all(i, i.amount >= 0)
    message: m
    reason: R
---
id: a2
subject: case
validations:
  - expression: case.count >= 0
    message: m
    reason: R
`)
		d, err := b.Check(context.Background(), &Case{Items: make([]Item, 60)}, at)
		require.ErrorIs(t, err, rules.ErrBudget)
		require.Len(t, d.Errors, 2)
		assert.Equal(t, "a1", d.Errors[0].PolicyID)
		assert.Equal(t, rules.ErrBudget, d.Errors[0].Kind)
		assert.Equal(t, "a2", d.Errors[1].PolicyID)
		assert.Contains(t, d.Errors[1].Message, "not evaluated")
	})
}

// manyVariables is a policy with n chained variables.
func manyVariables(n int) string {
	var sb strings.Builder
	sb.WriteString("id: v\nsubject: case\nvariables:\n  - name: v0\n    expression: case.count\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&sb, "  - name: v%d\n    expression: variables.v%d + 1\n", i, i-1)
	}
	fmt.Fprintf(&sb, "validations:\n  - expression: variables.v%d > 0\n    message: m\n    reason: R\n", n-1)
	return sb.String()
}

// mallocs returns the number of heap allocations f makes.
func mallocs(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// Compiling is linear in the number of variables, and a policy's size is capped.
func TestCompileLimits(t *testing.T) {
	limitOf := func(t *testing.T, err error) *rules.LimitError {
		t.Helper()
		require.ErrorIs(t, err, rules.ErrTooLarge)
		var le *rules.LimitError
		require.ErrorAs(t, err, &le)
		return le
	}
	t.Run("variables", func(t *testing.T) {
		ps, err := rules.Parse("v.yaml", []byte(manyVariables(600)))
		require.NoError(t, err)
		start := time.Now()
		_, err = newEngine(t).Compile(ps)
		assert.Less(t, time.Since(start), 5*time.Second, "refused before compiling")
		assert.Equal(t, &rules.LimitError{Limit: "MaxVariables", Max: 500, Got: 600}, limitOf(t, err))
	})
	t.Run("linear", func(t *testing.T) {
		e := newEngine(t, rules.WithLimits(rules.Limits{MaxVariables: 10_000, MaxExpressions: 10_000}))
		cost := func(n int) uint64 {
			ps, err := rules.Parse("v.yaml", []byte(manyVariables(n)))
			require.NoError(t, err)
			return mallocs(func() {
				_, err := e.Compile(ps)
				require.NoError(t, err)
			})
		}
		small, large := cost(500), cost(2000)
		assert.Less(t, float64(large)/float64(small), 5.0, "4× the variables: %d then %d allocations", small, large)
	})
	t.Run("expressions", func(t *testing.T) {
		var sb strings.Builder
		sb.WriteString("id: x\nsubject: case\nvalidations:\n")
		for i := range 2001 {
			fmt.Fprintf(&sb, "  - expression: case.count > %d\n    message: m\n    reason: R\n", i)
		}
		ps, err := rules.Parse("x.yaml", []byte(sb.String()))
		require.NoError(t, err)
		_, err = newEngine(t).Compile(ps)
		assert.Equal(t, &rules.LimitError{Limit: "MaxExpressions", Max: 2000, Got: 2001}, limitOf(t, err))
	})
	t.Run("expression length", func(t *testing.T) {
		long := "case.count > 0" + strings.Repeat(" && case.count > 0", 1000)
		_, err := newEngine(t).Compile(mustParse(t, fmt.Sprintf("id: l\nsubject: case\nvalidations:\n  - expression: %q\n    message: m\n    reason: R\n", long)))
		le := limitOf(t, err)
		assert.Equal(t, "MaxExpressionLength", le.Limit)
		assert.Equal(t, int64(len(long)), le.Got)
	})
	t.Run("policies", func(t *testing.T) {
		var sb strings.Builder
		for i := range 11 {
			fmt.Fprintf(&sb, "id: p%d\nsubject: case\nvalidations:\n  - expression: case.count > 0\n    message: m\n    reason: R\n---\n", i)
		}
		_, err := newEngine(t, rules.WithLimits(rules.Limits{MaxPolicies: 10})).Compile(mustParse(t, sb.String()))
		assert.Equal(t, &rules.LimitError{Limit: "MaxPolicies", Max: 10, Got: 11}, limitOf(t, err))
	})
	t.Run("negative limits", func(t *testing.T) {
		cal, err := workday.New()
		require.NoError(t, err)
		_, err = rules.New(cal, rules.WithLimits(rules.Limits{MaxVariables: -1}))
		assert.ErrorIs(t, err, rules.ErrInvalidValue)
	})
}

func mustParse(t *testing.T, src string) []rules.Policy {
	t.Helper()
	ps, err := rules.Parse("p.yaml", []byte(src))
	require.NoError(t, err)
	return ps
}

// Many aliases of one large string are refused before anything expands them.
func TestAliasAmplification(t *testing.T) {
	var sb strings.Builder
	fmt.Fprintf(&sb, "id: a\nsubject: case\ndescription: &s %q\nvalidations:\n  - expression: case.count > 0\n    message: m\n    reason: R\ntests:\n  - name: t\n    subject:\n      tags:\n", strings.Repeat("x", 100<<10))
	for i := range 1000 {
		fmt.Fprintf(&sb, "        k%d: *s\n", i)
	}
	sb.WriteString("    expect: {violations: []}\n")
	start := time.Now()
	_, err := rules.Parse("a.yaml", []byte(sb.String()))
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, err, rules.ErrTooLarge)
	var le *rules.LimitError
	require.ErrorAs(t, err, &le)
	assert.Equal(t, "MaxDocumentSize", le.Limit)
	assert.Greater(t, le.Got, int64(4<<20))

	// The exponential bomb, nine levels of nine aliases, is measured in linear time.
	var bomb strings.Builder
	bomb.WriteString("id: b\nsubject: case\nx0: &x0 [lol]\n")
	for i := 1; i <= 9; i++ {
		prev := strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d, ", i-1), 9), ", ")
		fmt.Fprintf(&bomb, "x%d: &x%d [%s]\n", i, i, prev)
	}
	start = time.Now()
	_, err = rules.Parse("b.yaml", []byte(bomb.String()))
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.ErrorIs(t, err, rules.ErrTooLarge)
}

// Large ordinary inputs are linear with a small constant: empty documents cost nearly nothing.
func TestLargeInputs(t *testing.T) {
	data := []byte(strings.Repeat("---\n", 2<<20)) // 8 MiB of empty documents
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ps, err := rules.Parse("dashes.yaml", data)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Empty(t, ps)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(len(data))*8, "allocated for %d bytes", len(data))

	// A 200,000-validation policy is refused by counting, before anything compiles.
	var sb strings.Builder
	sb.WriteString("id: x\nsubject: case\nvalidations:\n")
	for i := range 200_000 {
		fmt.Fprintf(&sb, "  - {expression: 'case.count > %d', message: m, reason: R}\n", i)
	}
	ps, err = rules.Parse("x.yaml", []byte(sb.String()), rules.LoadLimits(rules.Limits{MaxDocumentSize: 1 << 30}))
	require.NoError(t, err)
	start := time.Now()
	_, err = newEngine(t).Compile(ps)
	assert.ErrorIs(t, err, rules.ErrTooLarge)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// LoadFS reads regular files only, follows links only under its root, and bounds what it
// reads; every refusal is a problem naming the path.
func TestLoadFSFiles(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(root, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(root, name), []byte(data), 0o644))
	}
	link := func(name, target string) { require.NoError(t, os.Symlink(target, filepath.Join(root, name))) }
	policy := func(id string) string {
		return "id: " + id + "\nsubject: case\nvalidations:\n  - expression: case.count > 0\n    message: m\n    reason: R\n"
	}
	outside := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(outside, "secret.yaml"), []byte(policy("secret")), 0o644))

	write("a.yaml", policy("a"))
	write("store/b.data", policy("b"))
	link("b.yaml", "store/b.data") // a link under the root: followed
	// A ConfigMap volume: files link into ..data, a link to a hidden timestamped directory.
	write("..2026_12_02_09_00_00.1/c.yaml", policy("c"))
	link("..data", "..2026_12_02_09_00_00.1")
	link("c.yaml", "..data/c.yaml")
	link("zero.yaml", "/dev/zero")                                       // absolute: out of the root
	link("up.yaml", "../"+filepath.Base(outside)+"/secret.yaml")         // relative, out of the root
	link("etc", outside)                                                 // a directory link out of the root
	link("via.yaml", "etc/secret.yaml")                                  // …through which a link leaves
	link("loop.yaml", "loop.yaml")                                       // a link to itself
	write("big.yaml", policy("big")+"# "+strings.Repeat("x", 4096)+"\n") // beyond MaxFileSize below

	ps, err := rules.LoadFS(os.DirFS(root), ".", rules.LoadLimits(rules.Limits{MaxFileSize: 1024}))
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids, "the ConfigMap's files once, by their own names")
	var le *rules.LoadError
	require.ErrorAs(t, err, &le)
	got := map[string]error{}
	for _, p := range le.Problems {
		got[p.Position.File] = p.Kind
	}
	for file, kind := range map[string]error{
		"zero.yaml": rules.ErrOutsideRoot, "up.yaml": rules.ErrOutsideRoot, "via.yaml": rules.ErrOutsideRoot,
		"loop.yaml": rules.ErrNotRegular, "big.yaml": rules.ErrTooLarge,
	} {
		assert.ErrorIs(t, got[file], kind, file)
	}
	assert.Len(t, got, 5)

	t.Run("total size and file count", func(t *testing.T) {
		_, err := rules.LoadFS(os.DirFS(root), ".", rules.LoadLimits(rules.Limits{MaxFileSize: 8192, MaxTotalSize: 300}))
		require.ErrorIs(t, err, rules.ErrTooLarge)
		var lim *rules.LimitError
		require.True(t, errors.As(err, &lim))
		assert.Equal(t, "MaxTotalSize", lim.Limit)
		_, err = rules.LoadFS(os.DirFS(root), ".", rules.LoadLimits(rules.Limits{MaxFiles: 2}))
		require.True(t, errors.As(err, &lim))
		assert.Equal(t, "MaxFiles", lim.Limit)
	})
}

// Caret columns stay exact through the escapes of a double-quoted YAML scalar: a \t or a
// \u00e9 is one character of the expression but two or six of the file.
func TestCaretThroughEscapes(t *testing.T) {
	line := `  - expression: "'a\tb\u00e9\t' + string(case.nope) != ''"`
	src := "id: e\nsubject: case\nvalidations:\n" + line + "\n    message: m\n    reason: R\n"
	_, err := newEngine(t).Compile(mustParse(t, src))
	var le *rules.LoadError
	require.ErrorAs(t, err, &le)
	require.Len(t, le.Problems, 1)
	p := le.Problems[0]
	assert.Equal(t, 4, p.Position.Line)
	assert.Equal(t, strings.Index(line, ".nope")+1, p.Position.Column, p.Error())
}

// A call whose result would be far larger than its arguments is refused before it runs:
// ten thousand references to one string joined, lists doubled, a string replaced into a
// larger one, shared lists flattened, a range of a billion.
func TestSizeGuard(t *testing.T) {
	e := newEngine(t, rules.WithMaxEstimatedCost(1<<62))
	at := cst(2026, 12, 2, 9, 0)
	kb := "'" + strings.Repeat("x", 1024) + "'"
	tens := `case.items.map(i, 1).map(l, [l, l, l, l, l, l, l, l, l, l])` // 2000 lists of ten
	for _, tc := range []struct {
		name, expr, want string
	}{
		{"join", `case.items.map(i, ` + kb + `).join('-').size() > 0`, "join would make a string of"},
		{"list doubling", tens + strings.Repeat(`.map(l, l + l + l + l + l + l + l + l + l + l)`, 5) + `.size() > 0`, "_+_ would make a list of"},
		{"replace", `case.items.map(i, 'x').join('').replace('x', ` + kb + `).size() > 0`, "replace would make a string of"},
		{"format", `'%s'.format([case.items.map(i, ` + kb + `)]).size() > 0`, "format would make a string of"},
		{"flatten", `case.items.map(i, variables.inner).flatten().size() > 0`, "flatten would make a list of"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := compile(t, e, "g.yaml", fmt.Sprintf("id: g\nsubject: case\nvariables:\n  - name: inner\n    expression: case.items.map(j, j.amount)\nvalidations:\n  - expression: %q\n    message: m\n    reason: R\n", tc.expr))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			d, err := b.Check(context.Background(), &Case{Items: make([]Item, 2000)}, at)
			runtime.ReadMemStats(&after)
			require.NoError(t, err)
			require.Len(t, d.Errors, 1, "%+v", d)
			assert.Contains(t, d.Errors[0].Message, tc.want)
			assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20))
		})
	}
	// A range of a size the estimate cannot bound is refused at load.
	_, err := e.Compile(mustParse(t, "id: r\nsubject: case\nvalidations:\n  - expression: lists.range(size(case.items) * 1000000).size() > 0\n    message: m\n    reason: R\n"))
	assert.ErrorIs(t, err, rules.ErrTooExpensive)

	// Within the limits, the guarded functions answer as CEL does.
	b := compile(t, e, "ok.yaml", `
id: ok
subject: case
validations:
  - expression: "['a', 'b'].join('-') == 'a-b' && 'aXa'.replace('X', 'yy') == 'ayya' && [1] + [2] == [1, 2] && 'a' + 'b' == 'ab' && [[1], [2]].flatten() == [1, 2] && '%d'.format([3]) == '3' && lists.range(3) == [0, 1, 2]"
    message: m
    reason: R
`)
	d, err := b.Check(context.Background(), &Case{}, at)
	require.NoError(t, err)
	assert.Empty(t, d.Errors)
	assert.Empty(t, d.Violations)
}
