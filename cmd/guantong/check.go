package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// checkFlags are the flags of check and explain.
type checkFlags struct {
	policyFlags
	at      string
	subject string
	json    bool
	policy  string
	reveal  bool
}

func (c *cli) check(name string, args []string) int {
	return c.decide(name, args, false)
}

func (c *cli) explain(name string, args []string) int {
	return c.decide(name, args, true)
}

func (c *cli) decide(name string, args []string, explain bool) int {
	summary := `Check evaluates a subject, given as JSON in FILE (or on standard input with -), against
every policy for its subject that is in force at the instant --at, and prints the decision:
violations with their messages, obligations with their due dates (China Standard Time) and
evaluation errors. Unknown JSON fields are rejected. Exit status 0 when compliant (warnings
allowed), 1 on a violation of severity error or an evaluation error, 2 on bad input.`
	if explain {
		summary = `Explain evaluates a subject like check and shows, policy by policy, why the decision came
out as it did: whether the policy was in force and matched, each variable with its value,
each validation passed or failed and each obligation with its due date. Exit status as for
check.`
	}
	set := c.flagSet(name, "[flags] FILE|-", summary)
	var f checkFlags
	f.register(set)
	set.StringVar(&f.at, "at", "", "evaluation `instant`: RFC 3339, 2006-01-02 15:04 (CST) or a date 2006-01-02 (00:00 CST); default now")
	set.StringVar(&f.subject, "subject", "clue", "the subject `name` the JSON describes")
	set.BoolVar(&f.json, "json", false, "print the decision as JSON")
	set.BoolVar(&f.reveal, "reveal", false, "quote the subject's confidential values (reporters, investigation detail) in messages and traces instead of naming them by path")
	if explain {
		set.StringVar(&f.policy, "policy", "", "explain only the policy with this `id`")
	}
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) != 1 {
		return c.fail(set, usagef("want one subject file (or - for standard input), got %d arguments", len(pos)))
	}
	at := c.now()
	if f.at != "" {
		t, err := parseInstant(f.at)
		if err != nil {
			return c.fail(set, err)
		}
		at = t
	}
	b, err := f.bundle()
	if err != nil {
		return c.fail(set, err)
	}
	subj, err := subject(b.Engine(), f.subject)
	if err != nil {
		return c.fail(set, err)
	}
	var opts []rules.CheckOption
	if explain {
		opts = append(opts, rules.Explain())
	}
	if f.reveal {
		opts = append(opts, rules.Reveal())
	}
	if f.policy != "" {
		p, ok := policyByID(b, f.policy)
		if !ok {
			return c.fail(set, usagef("no policy %q in the bundle", f.policy))
		}
		if p.Subject != subj.Name() {
			return c.fail(set, usagef("policy %q is about subject %s, not %s", f.policy, p.Subject, subj.Name()))
		}
		opts = append(opts, rules.OnlyPolicies(f.policy))
	}
	v, err := c.readSubject(subj, pos[0])
	if err != nil {
		return c.fail(set, err)
	}
	ctx, cancel := f.context()
	defer cancel()
	d, err := b.Check(ctx, v, at, opts...)
	if err != nil {
		return c.fail(set, f.stopped(err))
	}
	for i := range d.Violations {
		d.Violations[i].Position = f.path(d.Violations[i].Position)
	}
	for i := range d.Errors {
		d.Errors[i].Position = f.path(d.Errors[i].Position)
	}
	if f.json {
		if explain {
			sanitizeTrace(&d)
		}
		out, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return c.fail(set, &inputError{err: err})
		}
		fmt.Fprintf(c.stdout, "%s\n", out)
	} else {
		src := f.dir
		if src == "" {
			src = "embedded reference policies"
		}
		fmt.Fprintf(c.stdout, "%s %s at %s against %s (bundle %s)\n", name, d.Subject, formatInstant(at), src, d.BundleVersion)
		if explain {
			writeTrace(c.stdout, b, d)
		}
		writeDecision(c.stdout, d)
	}
	if d.Compliant() {
		return exitOK
	}
	return exitFindings
}

func policyByID(b *rules.Bundle, id string) (rules.Policy, bool) {
	for _, p := range b.Policies() {
		if p.ID == id {
			return p, true
		}
	}
	return rules.Policy{}, false
}

// readSubject reads a subject value from a file or, for "-", standard input. Decoding is
// strict: an unknown field or trailing data is an error naming the line and column, since a
// misspelt field would otherwise be silently absent.
func (c *cli) readSubject(s rules.Subject, arg string) (any, error) {
	var r io.Reader
	name := arg
	if arg == "-" {
		r, name = c.stdin, "standard input"
	} else {
		f, err := os.Open(arg)
		if err != nil {
			return nil, &inputError{err: err}
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, inputf("%s: %w", name, err)
	}
	if len(data) > maxInput {
		return nil, inputf("%s: larger than %d MiB", name, maxInput>>20)
	}
	return decodeSubject(s, name, data)
}

// decodeSubject decodes data, read from name, as a value of subject s, with the library's
// strict decoder: every unknown field, unknown enum value and malformed value is reported,
// each as name:line:column: JSON path: message.
func decodeSubject(s rules.Subject, name string, data []byte) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, inputf("%s: empty, want a JSON object describing a %s", name, s.Name())
	}
	v, err := s.Decode(data)
	var se *rules.SubjectError
	if errors.As(err, &se) {
		lines := make([]string, len(se.Problems))
		for i, p := range se.Problems {
			where := name
			if p.Line > 0 {
				where = fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
			}
			path := ""
			if p.Path != "" {
				path = p.Path + ": "
			}
			lines[i] = fmt.Sprintf("%s: %s%s", where, path, p.Message)
		}
		if len(lines) == 1 {
			return nil, &inputError{err: fmt.Errorf("invalid %s JSON: %w", s.Name(), joinedError{lines: lines, err: err})}
		}
		return nil, &inputError{err: fmt.Errorf("invalid %s JSON (%s):\n%w", s.Name(), plural(len(se.Problems), "problem"), joinedError{lines: lines, err: err})}
	}
	if err != nil {
		return nil, inputf("%s: %w", name, err)
	}
	return v, nil
}

// joinedError prints lines and unwraps to err.
type joinedError struct {
	lines []string
	err   error
}

func (e joinedError) Error() string { return strings.Join(e.lines, "\n") }
func (e joinedError) Unwrap() error { return e.err }

func writeDecision(w io.Writer, d rules.Decision) {
	if len(d.Matched) == 0 {
		fmt.Fprintln(w, "no policy applied")
	} else {
		fmt.Fprintf(w, "matched %d: %s\n", len(d.Matched), strings.Join(d.Matched, ", "))
	}
	if len(d.Violations) > 0 {
		fmt.Fprintln(w, "\nviolations:")
		for _, v := range d.Violations {
			fmt.Fprintf(w, "  %-8s %s  %s\n", severity(v.Severity), v.Reason, v.Message)
			fmt.Fprintf(w, "           policy %s%s\n", v.PolicyID, at(v.Position))
		}
	}
	if len(d.Obligations) > 0 {
		fmt.Fprintln(w, "\nobligations:")
		for _, o := range d.Obligations {
			if o.Pending() {
				fmt.Fprintf(w, "  %-26s due pending: calendar year %d not loaded  %s", o.Kind, o.PendingYear, o.PolicyID)
			} else {
				fmt.Fprintf(w, "  %-26s due %s%s  %s", o.Kind, formatInstant(o.Due), certaintyNote(o.Certainty), o.PolicyID)
			}
			if o.Description != "" {
				fmt.Fprintf(w, "  %s", o.Description)
			}
			fmt.Fprintln(w)
		}
	}
	if len(d.Outputs) > 0 {
		fmt.Fprintln(w, "\noutputs:")
		for _, o := range d.Outputs {
			fmt.Fprintf(w, "  %-26s = %s  %s\n", o.Name, traceValue(o.Value), o.PolicyID)
		}
	}
	var pending []rules.EvalError
	var failed []rules.EvalError
	for _, e := range d.Errors {
		if errors.Is(e.Kind, rules.ErrPending) {
			pending = append(pending, e)
		} else {
			failed = append(failed, e)
		}
	}
	if len(failed) > 0 {
		fmt.Fprintln(w, "\nevaluation errors:")
		for _, e := range failed {
			fmt.Fprintf(w, "  policy %s %s%s: %s\n", e.PolicyID, e.Field, at(e.Position), e.Message)
		}
	}
	if len(pending) > 0 {
		// One line per calendar year, not per expression: the fix is the same for all.
		fmt.Fprintln(w, "\nundecided until the calendar covers their year:")
		years := map[int][]string{}
		var order []int
		for _, e := range pending {
			if _, ok := years[e.PendingYear]; !ok {
				order = append(order, e.PendingYear)
			}
			years[e.PendingYear] = append(years[e.PendingYear], e.PolicyID+" "+e.Field+at(e.Position))
		}
		for _, y := range order {
			fmt.Fprintf(w, "  calendar year %d not loaded (--calendar FILE with its notice, or --provisional): %s\n", y, strings.Join(years[y], ", "))
		}
	}
	errs, warns := 0, 0
	for _, v := range d.Violations {
		if severity(v.Severity) == rules.SeverityError {
			errs++
		} else if v.Severity == rules.SeverityWarning {
			warns++
		}
	}
	verdict := "compliant"
	if !d.Compliant() {
		verdict = "not compliant"
	}
	fmt.Fprintf(w, "\n%s: %s (%s, %s), %s", verdict, plural(len(d.Violations), "violation"),
		plural(errs, "error"), plural(warns, "warning"), plural(len(failed), "evaluation error"))
	if len(pending) > 0 {
		fmt.Fprintf(w, ", %s", plural(len(pending), "undecided validation"))
	}
	fmt.Fprintln(w)
}

func severity(s rules.Severity) rules.Severity {
	if s == "" {
		return rules.SeverityError
	}
	return s
}

func at(p rules.Position) string {
	if s := p.String(); s != "" {
		return " (" + s + ")"
	}
	return ""
}

// certaintyNote says how sure a computed instant is, when it is not official.
func certaintyNote(c workday.Certainty) string {
	switch c {
	case workday.Reported:
		return " (reported: calendar data not yet checked against the State Council notice)"
	case workday.Provisional:
		return " (provisional: statutory holidays only, 调休 not yet known)"
	case workday.WeekendsOnly:
		return " (weekends only: no calendar data)"
	}
	return ""
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if len(word) > 1 && word[len(word)-1] == 'y' && !strings.ContainsRune("aeiou", rune(word[len(word)-2])) {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeTrace prints the explanation of d, policy by policy.
func writeTrace(w io.Writer, b *rules.Bundle, d rules.Decision) {
	byID := map[string]rules.Policy{}
	for _, p := range b.Policies() {
		byID[p.ID] = p
	}
	messages := map[string]rules.Violation{}
	for _, v := range d.Violations {
		messages[v.PolicyID+"\x00"+v.Reason] = v
	}
	for _, tr := range d.Trace {
		p := byID[tr.PolicyID]
		fmt.Fprintf(w, "\n%s", tr.PolicyID)
		if p.Title != "" {
			fmt.Fprintf(w, " — %s", p.Title)
		}
		fmt.Fprintln(w)
		if p.Source != "" {
			fmt.Fprintf(w, "  source:   %s\n", oneLine(p.Source))
		}
		if !tr.InForce {
			fmt.Fprintf(w, "  in force: no (effective %s)\n", effective(p.Effective))
			continue
		}
		fmt.Fprintln(w, "  in force: yes")
		match := "always"
		if p.Match != "" {
			match = oneLine(p.Match)
		}
		if tr.NotApplicable != "" {
			fmt.Fprintf(w, "  matched:  no   (not applicable, %s; match: %s)\n", tr.NotApplicable, match)
		} else {
			fmt.Fprintf(w, "  matched:  %s  (match: %s)\n", yesNo(tr.Matched), match)
		}
		if len(tr.Variables) > 0 {
			fmt.Fprintln(w, "  variables:")
			for _, v := range tr.Variables {
				if v.Error != "" {
					fmt.Fprintf(w, "    %s: error: %s\n", v.Name, v.Error)
				} else {
					fmt.Fprintf(w, "    %s = %s\n", v.Name, traceValue(v.Value))
				}
			}
		}
		if len(tr.Validations) > 0 {
			fmt.Fprintln(w, "  validations:")
			sev := map[string]rules.Severity{}
			for _, v := range p.Validations {
				sev[v.Reason] = severity(v.Severity)
			}
			for _, v := range tr.Validations {
				switch {
				case v.Error != "":
					fmt.Fprintf(w, "    ERROR %s: %s\n", v.Reason, v.Error)
				case v.Passed:
					fmt.Fprintf(w, "    pass  %s\n", v.Reason)
				default:
					fmt.Fprintf(w, "    FAIL  %s [%s]: %s\n", v.Reason, sev[v.Reason], messages[tr.PolicyID+"\x00"+v.Reason].Message)
				}
			}
		}
		if len(tr.Obligations) > 0 {
			fmt.Fprintln(w, "  obligations:")
			for _, o := range tr.Obligations {
				switch {
				case o.PendingYear != 0:
					fmt.Fprintf(w, "    %s: due pending: calendar year %d not loaded\n", o.Kind, o.PendingYear)
				case o.Error != "":
					fmt.Fprintf(w, "    %s: error: %s\n", o.Kind, o.Error)
				case !o.Applies:
					fmt.Fprintf(w, "    %s: does not arise (when is false)\n", o.Kind)
				default:
					fmt.Fprintf(w, "    %s: due %s%s\n", o.Kind, formatInstant(o.Due), certaintyNote(o.Certainty))
				}
			}
		}
		if len(tr.Outputs) > 0 {
			fmt.Fprintln(w, "  outputs:")
			for _, o := range tr.Outputs {
				if o.Error != "" {
					fmt.Fprintf(w, "    %s: error: %s\n", o.Name, o.Error)
					continue
				}
				fmt.Fprintf(w, "    %s = %s\n", o.Name, traceValue(o.Value))
			}
		}
	}
	fmt.Fprintln(w)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no "
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func effective(e rules.Effective) string {
	from, until := "always", "further notice"
	if !e.From.IsZero() {
		from = formatInstant(e.From)
	}
	if !e.Until.IsZero() {
		until = formatInstant(e.Until)
	}
	return "from " + from + " until " + until
}

// traceValue renders a variable's value: instants in CST, strings quoted, the rest as Go
// prints them.
func traceValue(v any) string {
	switch x := v.(type) {
	case time.Time:
		return formatInstant(x)
	case string:
		return fmt.Sprintf("%q", x)
	case nil:
		return "null"
	case fmt.Stringer:
		return x.String()
	}
	if b, err := json.Marshal(v); err == nil && len(b) > 0 && (b[0] == '{' || b[0] == '[') {
		return string(b)
	}
	return fmt.Sprint(v)
}

// sanitizeTrace replaces variable values that do not marshal to JSON (CEL lists and maps
// of CEL values) with their printed form.
func sanitizeTrace(d *rules.Decision) {
	for i := range d.Trace {
		for j := range d.Trace[i].Variables {
			v := &d.Trace[i].Variables[j]
			if _, err := json.Marshal(v.Value); err != nil {
				v.Value = traceValue(v.Value)
			}
		}
		for j := range d.Trace[i].Outputs {
			o := &d.Trace[i].Outputs[j]
			if _, err := json.Marshal(o.Value); err != nil {
				o.Value = traceValue(o.Value)
			}
		}
	}
}
