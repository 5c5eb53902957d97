package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/guantong/guantong/rules"
)

// finding is one line of the lint report.
type finding struct {
	pos     rules.Position
	warning bool
	policy  string
	field   string
	message string
	snippet string
}

func (c *cli) lint(name string, args []string) int {
	set := c.flagSet(name, "[flags]", `Lint parses and compiles every policy file and reports every problem at once, each with
file:line:col, the policy and field, a message and the source line with a caret under the
column; it warns about policies without a source citation or without test cases. Exit
status 1 when there is an error (or, with --strict, a warning), 2 when the files cannot be
read.`)
	var f policyFlags
	f.register(set)
	strict := set.Bool("strict", false, "treat warnings as errors")
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return c.fail(set, usagef("unexpected arguments: %s", strings.Join(pos, " ")))
	}
	_, srcName, err := f.source()
	if err != nil {
		return c.fail(set, err)
	}
	var findings []finding
	b, loadWarns, err := f.compile()
	if err != nil && !collect(&findings, err) {
		return c.fail(set, err)
	}
	for _, w := range loadWarns {
		findings = append(findings, finding{pos: w.Position, warning: true, policy: w.PolicyID, field: w.Field, message: w.Message, snippet: w.Snippet})
	}
	var ps []rules.Policy
	if b != nil {
		ps = b.Policies()
	} else if src, _, err := f.source(); err == nil {
		ps, _ = rules.LoadFS(src, ".")
	}
	for _, p := range ps {
		if strings.TrimSpace(p.Source) == "" {
			findings = append(findings, finding{pos: f.path(p.Position()), warning: true, policy: p.ID, field: "source",
				message: "no source citation: say which regulation and article, or which seed, the rule comes from"})
		}
		if len(p.Tests) == 0 {
			findings = append(findings, finding{pos: f.path(p.Position()), warning: true, policy: p.ID, field: "tests",
				message: "no test cases: add tests with at, subject and expect"})
		}
	}
	slices.SortStableFunc(findings, func(a, b finding) int {
		return cmp.Or(cmp.Compare(a.pos.File, b.pos.File), cmp.Compare(a.pos.Line, b.pos.Line), cmp.Compare(a.pos.Column, b.pos.Column))
	})
	errs, warns := 0, 0
	for _, x := range findings {
		level := "error"
		if x.warning {
			level = "warning"
			warns++
		} else {
			errs++
		}
		where := x.pos.String()
		if where == "" {
			where = srcName
		}
		fmt.Fprintf(c.stdout, "%s: %s: ", where, level)
		if x.policy != "" {
			fmt.Fprintf(c.stdout, "policy %s: ", x.policy)
		}
		if x.field != "" {
			fmt.Fprintf(c.stdout, "%s: ", x.field)
		}
		fmt.Fprintln(c.stdout, x.message)
		if x.snippet != "" {
			fmt.Fprintln(c.stdout, x.snippet)
		}
	}
	verdict := "ok"
	if errs > 0 || (*strict && warns > 0) {
		verdict = "FAIL"
	}
	fmt.Fprintf(c.stdout, "%s: %s in %s: %s, %s\n", verdict, plural(len(ps), "policy"), srcName, plural(errs, "error"), plural(warns, "warning"))
	if verdict == "FAIL" {
		return exitFindings
	}
	return exitOK
}

// collect adds the problems of a *rules.LoadError to findings and reports whether err was
// one.
func collect(findings *[]finding, err error) bool {
	var le *rules.LoadError
	if !errors.As(err, &le) {
		return false
	}
	for _, p := range le.Problems {
		*findings = append(*findings, finding{pos: p.Position, policy: p.PolicyID, field: p.Field, message: p.Message, snippet: p.Snippet})
	}
	return true
}
