// Package policies holds guantong's reference policies: the time limits, at-once conditions
// and disposal rules of the seed articles and of the national regulations they rest on, as
// CEL policy files embedded in the binary, each citing its source and carrying its own test
// cases (run by go test in this package and by `guantong test`).
//
// A host uses them as they are, or copies the files into its own directory, changes them
// and loads that directory with rules.LoadFS instead. Everything here is read-only and safe
// for concurrent use.
package policies

import (
	"embed"
	"io/fs"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/workday"
)

//go:embed clue/*.yaml meeting/*.yaml rectification/*.yaml sanction/*.yaml
var files embed.FS

// FS returns the reference policy files (one directory per subject).
func FS() fs.FS { return files }

// Load parses every reference policy.
func Load() ([]rules.Policy, error) { return rules.LoadFS(files, ".") }

// Bundle compiles the reference policies on the calendar cal with the domain subjects
// (domain.Subjects) and any further engine options.
func Bundle(cal *workday.Calendar, opts ...rules.Option) (*rules.Bundle, error) {
	e, err := rules.New(cal, append([]rules.Option{rules.WithSubjects(domain.Subjects()...)}, opts...)...)
	if err != nil {
		return nil, err
	}
	ps, err := Load()
	if err != nil {
		return nil, err
	}
	return e.Compile(ps)
}
