package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/workday"
)

// bin is the guantong binary built once by TestMain, run by the tests as a user would.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "guantong-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "guantong")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building guantong:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one invocation printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// clock is the instant the in-process runs take as "now": Saturday 2026-10-17 09:00 CST,
// the day after the deadline of an audit clue concluded on 2026-09-28.
var clock = time.Date(2026, 10, 17, 9, 0, 0, 0, workday.Location())

// runIn runs the command in-process with the fixed clock.
func runIn(stdin string, args ...string) result {
	var out, errOut bytes.Buffer
	c := &cli{now: func() time.Time { return clock }, stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}
	code := c.run(args)
	return result{out.String(), errOut.String(), code}
}

// runBin runs the built binary in dir (the test's working directory when empty).
func runBin(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{out.String(), errOut.String(), code}
}

// lines splits output into lines without the final newline.
func lines(s string) []string { return strings.Split(strings.TrimSuffix(s, "\n"), "\n") }

// write creates a file under dir and returns its path.
func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	return p
}

// Subjects used across the tests. The audit's conclusive opinion is dated Monday 2026-09-28:
// 10 working days run across 国庆节 (10-01…10-07) and the make-up Saturday 10-10 to Friday
// 2026-10-16.
const (
	auditOnTime = `{"source": {"kind": "audit"}, "receiver": {"kind": "discipline_commission"},
 "conclusive_opinion_at": "2026-09-28T16:00:00+08:00", "transferred_at": "2026-10-16T15:00:00+08:00"}`
	auditLate = `{"source": {"kind": "audit"},
 "conclusive_opinion_at": "2026-09-28T16:00:00+08:00", "transferred_at": "2026-10-19T09:00:00+08:00"}`
	auditPending = `{"source": {"kind": "audit"}, "conclusive_opinion_at": "2026-09-28T16:00:00+08:00"}`
	lateMessage  = "审计机关应于2026-10-16前（结论性意见之日起10个工作日内）移送问题线索"
)

// A policy directory with one passing and one failing test case, and one policy without
// tests or source.
const (
	demoPolicy = `id: demo.transfer
title: 演示：审计移送
source: seed 002 (郴州)
subject: clue
match: clue.source.kind == 'audit' && has(clue.conclusive_opinion_at)
variables:
  - name: due
    expression: workday.add(clue.conclusive_opinion_at, 10)
validations:
  - expression: "has(clue.transferred_at) ? clue.transferred_at <= variables.due : now <= variables.due"
    messageExpression: "'应于' + date(variables.due) + '前移送'"
    reason: LATE
obligations:
  - kind: transfer
    due: variables.due
tests:
  - name: 跨国庆
    at: 2026-10-16T15:00:00+08:00
    subject: {source: {kind: audit}, conclusive_opinion_at: "2026-09-28T16:00:00+08:00"}
    expect:
      obligations: [{kind: transfer, due: 2026-10-16}]
  - name: 错误的期望
    at: 2026-10-16T15:00:00+08:00
    subject: {source: {kind: audit}, conclusive_opinion_at: "2026-09-28T16:00:00+08:00"}
    expect:
      obligations: [{kind: transfer, due: 2026-10-15}]
`
	demoUntested = `id: demo.untested
subject: clue
validations:
  - expression: clue.matter != ''
    message: 须写明问题
    reason: NO_MATTER
`
	// brokenPolicy has a misspelt field on line 5 (column 39) and an argument of the wrong
	// type on line 7 (column 37).
	brokenPolicy = `id: demo.broken
source: test
subject: clue
tests: []
match: clue.source.kind == 'audit' && clue.conclusiv_opinion_at != null
validations:
  - expression: workday.add(clue.conclusive_opinion_at, 'ten') > now
    reason: BROKEN
`
)

func TestParseInstant(t *testing.T) {
	cst := workday.Location()
	for _, tc := range []struct {
		in   string
		want time.Time
		err  bool
	}{
		{in: "2026-10-19", want: time.Date(2026, 10, 19, 0, 0, 0, 0, cst)},
		{in: "2026-10-19T09:30:00+08:00", want: time.Date(2026, 10, 19, 9, 30, 0, 0, cst)},
		{in: "2026-10-19T01:30:00Z", want: time.Date(2026, 10, 19, 9, 30, 0, 0, cst)},
		{in: "2026-10-19 09:30", want: time.Date(2026, 10, 19, 9, 30, 0, 0, cst)},
		{in: "2026-10-19T09:30:15", want: time.Date(2026, 10, 19, 9, 30, 15, 0, cst)},
		{in: "2026-02-30", err: true},
		{in: "19/10/2026", err: true},
		{in: "", err: true},
	} {
		got, err := parseInstant(tc.in)
		if tc.err {
			assert.Error(t, err, tc.in)
			continue
		}
		if assert.NoError(t, err, tc.in) {
			assert.True(t, tc.want.Equal(got), "%s: got %v", tc.in, got)
			assert.Equal(t, cst, got.Location(), tc.in)
		}
	}
}

func TestFormatInstant(t *testing.T) {
	assert.Equal(t, "2026-10-16", formatInstant(workday.Date{Year: 2026, Month: 10, Day: 16}.End()))
	assert.Equal(t, "2026-06-12 18:00 CST", formatInstant(time.Date(2026, 6, 12, 10, 0, 0, 0, time.UTC)))
	assert.Equal(t, "2026-06-12 18:00:01 CST", formatInstant(time.Date(2026, 6, 12, 18, 0, 1, 5e8, workday.Location())))
}

func TestPlural(t *testing.T) {
	assert.Equal(t, "1 policy", plural(1, "policy"))
	assert.Equal(t, "2 policies", plural(2, "policy"))
	assert.Equal(t, "0 days", plural(0, "day"))
	assert.Equal(t, "7 holidays", plural(7, "holiday"))
}
