package rules

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules/workday"
)

// TestResult is the outcome of one policy test case.
type TestResult struct {
	PolicyID string   `json:"policy_id"`
	Name     string   `json:"name"`
	Position Position `json:"position,omitzero"`
	Passed   bool     `json:"passed"`
	// Diff lists, one per line, what differed: "- " expected but missing, "+ " present but
	// not expected.
	Diff []string `json:"diff,omitempty"`
}

// RunTests runs every test case of every policy in the bundle (each case against its own
// policy only) and returns the results in policy id order. Use rulestest.Run from go test.
func (b *Bundle) RunTests(ctx context.Context) []TestResult {
	var out []TestResult
	for _, p := range b.policies {
		for i, tc := range p.Tests {
			r := TestResult{PolicyID: p.ID, Name: tc.Name, Position: p.src.fieldPosition(fmt.Sprintf("tests[%d]", i))}
			if r.Name == "" {
				r.Name = fmt.Sprintf("case %d", i)
			}
			r.Diff = b.runTest(ctx, p, tc)
			r.Passed = len(r.Diff) == 0
			out = append(out, r)
		}
	}
	return out
}

func (b *Bundle) runTest(ctx context.Context, p *compiledPolicy, tc TestCase) []string {
	subj, err := p.subject.Decode(tc.Subject)
	if err != nil {
		return []string{"! " + err.Error()}
	}
	d, err := b.Check(ctx, subj, tc.At, OnlyPolicies(p.ID))
	if err != nil {
		return []string{"! " + err.Error()}
	}
	var diff []string
	matched := len(d.Matched) > 0
	if tc.Expect.Match != nil && *tc.Expect.Match != matched {
		diff = append(diff, fmt.Sprintf("- match: %v", *tc.Expect.Match), fmt.Sprintf("+ match: %v", matched))
	}
	var got, want []string
	for _, v := range d.Violations {
		got = append(got, "violation "+v.Reason)
	}
	for _, r := range tc.Expect.Violations {
		want = append(want, "violation "+r)
	}
	for _, o := range d.Obligations {
		got = append(got, "obligation "+o.Kind+" due "+formatDue(o.Due))
	}
	for _, o := range tc.Expect.Obligations {
		want = append(want, "obligation "+o.Kind+" due "+formatDue(o.Due))
	}
	for _, name := range sortedKeys(tc.Expect.Outputs) {
		exp := tc.Expect.Outputs[name]
		var vals []OutputValue
		for _, o := range d.Outputs {
			if o.Name == name {
				vals = append(vals, o)
			}
		}
		if len(vals) == 1 && outputEquals(vals[0], exp) {
			continue
		}
		diff = append(diff, fmt.Sprintf("- output %s: %s", name, exp))
		if len(vals) == 0 {
			diff = append(diff, fmt.Sprintf("+ output %s not computed", name))
		}
		for _, o := range vals {
			diff = append(diff, fmt.Sprintf("+ output %s: %s", name, formatOutput(o)))
		}
	}
	diff = append(diff, multisetDiff(want, got)...)
	if tc.Expect.Errors && len(d.Errors) == 0 {
		diff = append(diff, "- an evaluation error", "+ no evaluation error")
	}
	if !tc.Expect.Errors {
		for _, e := range d.Errors {
			diff = append(diff, "+ error "+e.Field+": "+e.Message)
		}
	}
	return diff
}

// parseExpected reads an expected output written as text.
func parseExpected(t OutputType, s string) (any, error) {
	switch t {
	case OutputString:
		return s, nil
	case OutputInt:
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", s)
		}
		return n, nil
	case OutputBool:
		b, err := strconv.ParseBool(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not true or false", s)
		}
		return b, nil
	case OutputDecimal:
		d, err := decimal.NewFromString(strings.TrimSpace(s))
		if err != nil {
			return nil, fmt.Errorf("%q is not a decimal number", s)
		}
		return d, nil
	case OutputTimestamp:
		if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), workday.Location()); err == nil {
			return workday.DateOf(t).End(), nil
		}
		t, err := parseInstant(strings.TrimSpace(s))
		if err != nil {
			return nil, err
		}
		return t, nil
	}
	return nil, fmt.Errorf("unknown output type %q", t)
}

func outputEquals(o OutputValue, exp string) bool {
	want, err := parseExpected(o.Type, exp)
	if err != nil {
		return false
	}
	switch w := want.(type) {
	case decimal.Decimal:
		got, ok := o.Value.(decimal.Decimal)
		return ok && got.Equal(w)
	case time.Time:
		got, ok := o.Value.(time.Time)
		return ok && got.Equal(w)
	}
	return o.Value == want
}

func formatOutput(o OutputValue) string {
	switch v := o.Value.(type) {
	case time.Time:
		return formatDue(v)
	case decimal.Decimal:
		return v.String()
	}
	return fmt.Sprint(o.Value)
}

// formatDue prints a due instant as its date when it is the end of a CST day (the library's
// deadline convention), else as RFC 3339 in CST.
func formatDue(t time.Time) string {
	d := workday.DateOf(t)
	if t.Equal(d.End()) {
		return d.String()
	}
	return t.In(workday.Location()).Format(time.RFC3339Nano)
}

func multisetDiff(want, got []string) []string {
	sort.Strings(want)
	sort.Strings(got)
	var diff []string
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j >= len(got) || (i < len(want) && want[i] < got[j]):
			diff = append(diff, "- "+want[i])
			i++
		case i >= len(want) || got[j] < want[i]:
			diff = append(diff, "+ "+got[j])
			j++
		default:
			i++
			j++
		}
	}
	return diff
}

// FormatTestResults renders results like go test: one line per failing case with its diff,
// and a final "N passed, N failed" line.
func FormatTestResults(results []TestResult, verbose bool) string {
	var b strings.Builder
	pass, fail := 0, 0
	for _, r := range results {
		if r.Passed {
			pass++
			if verbose {
				fmt.Fprintf(&b, "--- PASS: %s/%s\n", r.PolicyID, r.Name)
			}
			continue
		}
		fail++
		pos := r.Position.String()
		if pos != "" {
			pos = " (" + pos + ")"
		}
		fmt.Fprintf(&b, "--- FAIL: %s/%s%s\n", r.PolicyID, r.Name, pos)
		for _, l := range r.Diff {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	fmt.Fprintf(&b, "%d passed, %d failed\n", pass, fail)
	return b.String()
}
