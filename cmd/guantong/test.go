package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/guantong/guantong/rules"
)

func (c *cli) test(name string, args []string) int {
	set := c.flagSet(name, "[flags]", `Test runs the test cases every policy file carries (tests: at, subject, expect), each against
its own policy, and prints the result like go test: each failing case with what was expected
and missing (-) and present but not expected (+), one line per policy (ok, FAIL, or ? when
it has no test case) and a final "N passed, N failed" line. Exit status 1 when a case
fails or the policies have no test case at all, 2 when the policies do not load.`)
	var f policyFlags
	f.register(set)
	verbose := set.Bool("v", false, "also list the cases that pass")
	run := set.String("run", "", "run only the cases whose policy-id/case-name matches the `regexp`")
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return c.fail(set, usagef("unexpected arguments: %s", strings.Join(pos, " ")))
	}
	var filter *regexp.Regexp
	if *run != "" {
		re, err := regexp.Compile(*run)
		if err != nil {
			return c.fail(set, usagef("invalid -run: %v", err))
		}
		filter = re
	}
	b, err := f.bundle()
	if err != nil {
		return c.fail(set, err)
	}
	ctx, cancel := f.context()
	defer cancel()
	all := b.RunTests(ctx)
	if err := ctx.Err(); err != nil {
		return c.fail(set, f.stopped(err))
	}
	results := all[:0:0]
	for _, r := range all {
		if filter == nil || filter.MatchString(r.PolicyID+"/"+r.Name) {
			r.Position = f.path(r.Position)
			results = append(results, r)
		}
	}
	report := rules.FormatTestResults(results, *verbose)
	body, final := splitLastLine(report)
	fmt.Fprint(c.stdout, body)
	failed := 0
	for _, p := range b.Policies() {
		n, bad := 0, 0
		for _, r := range results {
			if r.PolicyID == p.ID {
				n++
				if !r.Passed {
					bad++
				}
			}
		}
		switch {
		case n == 0 && filter != nil:
			continue
		case n == 0:
			fmt.Fprintf(c.stdout, "?     %-40s [no test cases]\n", p.ID)
		case bad > 0:
			failed += bad
			fmt.Fprintf(c.stdout, "FAIL  %-40s %d of %s failed\n", p.ID, bad, plural(n, "case"))
		default:
			fmt.Fprintf(c.stdout, "ok    %-40s %s\n", p.ID, plural(n, "case"))
		}
	}
	fmt.Fprint(c.stdout, final)
	switch {
	case failed > 0:
		return exitFindings
	case len(all) == 0:
		fmt.Fprintln(c.stderr, "guantong test: the policies have no test cases: a policy set without tests proves nothing")
		return exitFindings
	case len(results) == 0:
		fmt.Fprintf(c.stderr, "guantong test: warning: no test case matches -run %q\n", *run)
	}
	return exitOK
}

// splitLastLine splits s (ending in a newline) before its last line.
func splitLastLine(s string) (body, last string) {
	i := strings.LastIndexByte(strings.TrimSuffix(s, "\n"), '\n')
	return s[:i+1], s[i+1:]
}
