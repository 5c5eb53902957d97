package main

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

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
	cal, err := f.load()
	if err != nil {
		return c.fail(set, err)
	}
	src, srcName, err := f.source()
	if err != nil {
		return c.fail(set, err)
	}
	var findings []finding
	ps, err := rules.LoadFS(src, ".")
	if err != nil && !collect(&findings, err) {
		return c.fail(set, &inputError{err: err})
	}
	if len(ps) == 0 && len(findings) == 0 {
		return c.fail(set, inputf("policies: no policy files (.yaml, .yml, .json) in %s", srcName))
	}
	if len(ps) > 0 {
		e, err := rules.New(cal, rules.WithSubjects(rules.DomainSubjects()...))
		if err != nil {
			return c.fail(set, &inputError{err: err})
		}
		if _, err := e.Compile(ps); err != nil && !collect(&findings, err) {
			return c.fail(set, &inputError{err: err})
		}
	}
	idPos := idPositions(src)
	for _, p := range ps {
		if strings.TrimSpace(p.Source) == "" {
			findings = append(findings, finding{pos: idPos[p.ID], warning: true, policy: p.ID, field: "source",
				message: "no source citation: say which regulation and article, or which seed, the rule comes from"})
		}
		if len(p.Tests) == 0 {
			findings = append(findings, finding{pos: idPos[p.ID], warning: true, policy: p.ID, field: "tests",
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
		where := f.path(x.pos).String()
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
		*findings = append(*findings, finding{pos: p.Pos, policy: p.PolicyID, field: p.Field, message: p.Message, snippet: p.Snippet})
	}
	return true
}

// idPositions maps each policy id to the position of its id in the policy files, for
// warnings about whole policies. Files that do not parse are skipped: lint reports them.
func idPositions(fsys fs.FS) map[string]rules.Position {
	out := map[string]rules.Position{}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch strings.ToLower(path.Ext(p)) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var doc yaml.Node
			if err := dec.Decode(&doc); err != nil {
				return nil // end of file, or a syntax error lint reports from the loader
			}
			if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
				continue
			}
			m := doc.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				if k, v := m.Content[i], m.Content[i+1]; k.Value == "id" && v.Kind == yaml.ScalarNode {
					if _, dup := out[v.Value]; !dup {
						out[v.Value] = rules.Position{File: p, Line: v.Line, Column: v.Column}
					}
				}
			}
		}
	})
	return out
}
