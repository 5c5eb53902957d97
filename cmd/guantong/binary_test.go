package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBinary runs the built command as a user would: real files, standard input, exit
// statuses, and the bad input a user gives.
func TestBinary(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "on-time.json", auditOnTime)
	write(t, dir, "late.json", auditLate)
	write(t, dir, "invalid.json", `{"source": {"kind": "audit"},
 "conclusive_opinion_at": "2026-09-28T16:00:00+08:00",
}`)

	t.Run("file, compliant", func(t *testing.T) {
		r := runBin(t, dir, "", "check", "on-time.json", "--at", "2026-10-16T15:00:00+08:00")
		assert.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, lines(r.stdout), "  transfer                   due 2026-10-16  clue.audit-transfer  审计机关向纪检监察机关移送问题线索")
		assert.Empty(t, r.stderr)
	})
	t.Run("stdin, violation", func(t *testing.T) {
		r := runBin(t, dir, auditLate, "check", "--at", "2026-10-19", "-")
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, lines(r.stdout), "  error    AUDIT_TRANSFER_LATE  "+lateMessage)
		assert.Contains(t, lines(r.stdout), "not compliant: 1 violation (1 error, 0 warnings), 0 evaluation errors")
	})
	t.Run("explain", func(t *testing.T) {
		r := runBin(t, dir, "", "explain", "--at", "2026-10-19", "--policy", "clue.audit-transfer", "late.json")
		assert.Equal(t, 1, r.code, r.stderr)
		assert.Contains(t, lines(r.stdout), "    due = 2026-10-16")
		assert.Contains(t, lines(r.stdout), "    FAIL  AUDIT_TRANSFER_LATE [error]: "+lateMessage)
	})
	t.Run("missing file", func(t *testing.T) {
		r := runBin(t, dir, "", "check", "--at", "2026-10-19", "missing.json")
		assert.Equal(t, 2, r.code)
		assert.Equal(t, "guantong check: open missing.json: no such file or directory\n", r.stderr)
		assert.Empty(t, r.stdout)
	})
	t.Run("invalid JSON", func(t *testing.T) {
		r := runBin(t, dir, "", "check", "--at", "2026-10-19", "invalid.json")
		assert.Equal(t, 2, r.code)
		assert.Equal(t, "guantong check: invalid clue JSON: invalid.json:3:1: invalid character '}' looking for beginning of object key string\n", r.stderr)
	})
	t.Run("unknown subject", func(t *testing.T) {
		r := runBin(t, dir, "", "check", "--subject", "hearing", "on-time.json")
		assert.Equal(t, 2, r.code)
		assert.Equal(t, "guantong check: unknown subject \"hearing\" (known: "+subjectNames(t)+")\nRun 'guantong check -h' for usage.\n", r.stderr)
	})
	t.Run("policy directory with errors", func(t *testing.T) {
		pol := filepath.Join(dir, "policies")
		write(t, pol, "broken.yaml", brokenPolicy)
		r := runBin(t, dir, "", "check", "--policies", "policies", "--at", "2026-10-19", "late.json")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "rules: policies/broken.yaml:5:43: policy demo.broken: match: undefined field 'conclusiv_opinion_at'\n"+
			" 5 | match: clue.source.kind == 'audit' && clue.conclusiv_opinion_at != null\n"+
			"   |                                           ^\n")
		r = runBin(t, dir, "", "lint", "--policies", "policies")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stdout, "policies/broken.yaml:7:28: error: policy demo.broken: validations[0].expression: found no matching overload for 'workday.add' applied to '(timestamp, string)'\n"+
			" 7 |   - expression: workday.add(clue.conclusive_opinion_at, 'ten') > now\n"+
			"   |                            ^\n")
		r = runBin(t, dir, "", "test", "--policies", "policies")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "policies/broken.yaml:5:43")
	})
	t.Run("empty policy directory", func(t *testing.T) {
		require.NoError(t, os.Mkdir(filepath.Join(dir, "empty"), 0o755))
		r := runBin(t, dir, "", "test", "--policies", "empty")
		assert.Equal(t, 2, r.code)
		assert.Equal(t, "guantong test: policies: no policy files (.yaml, .yml, .json) in empty\n", r.stderr)
	})
	t.Run("test and lint of the reference set", func(t *testing.T) {
		r := runBin(t, dir, "", "test")
		assert.Equal(t, 0, r.code, r.stdout)
		assert.Regexp(t, `\n\d+ passed, 0 failed\n$`, r.stdout)
		r = runBin(t, dir, "", "lint")
		assert.Equal(t, 0, r.code, r.stdout)
	})
	t.Run("failing policy test", func(t *testing.T) {
		pol := filepath.Join(dir, "failing")
		write(t, pol, "transfer.yaml", demoPolicy)
		r := runBin(t, dir, "", "test", "--policies", "failing")
		assert.Equal(t, 1, r.code)
		assert.Equal(t, []string{
			"--- FAIL: demo.transfer/错误的期望 (failing/transfer.yaml:22:5)",
			"    - obligation transfer due 2026-10-15",
			"    + obligation transfer due 2026-10-16",
			"FAIL  demo.transfer                            1 of 2 cases failed",
			"1 passed, 1 failed",
		}, lines(r.stdout))
	})
	t.Run("calendar", func(t *testing.T) {
		r := runBin(t, dir, "", "calendar", "2026-09-28", "10")
		assert.Equal(t, 0, r.code, r.stderr)
		got := lines(r.stdout)
		assert.Equal(t, "2026-09-28 (Mon) + 10 working days → due 2026-10-16 (Fri) 24:00 CST", got[0])
		assert.Contains(t, got, "  2026-10-01 Thu  holiday         国庆节")
		assert.Contains(t, got, "  2026-10-07 Wed  holiday         国庆节")
		assert.Contains(t, got, "  2026-10-10 Sat  makeup_workday  国庆节 (调休上班, working day 5)")
	})
	t.Run("help and usage", func(t *testing.T) {
		r := runBin(t, dir, "", "--help")
		assert.Equal(t, 0, r.code)
		assert.Contains(t, r.stdout, "Usage:")
		r = runBin(t, dir, "", "check", "-h")
		assert.Equal(t, 0, r.code)
		assert.Contains(t, r.stdout, "Usage: guantong check [flags] FILE|-")
		r = runBin(t, dir, "")
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "Commands:")
		r = runBin(t, dir, "", "version")
		assert.Equal(t, 0, r.code)
		assert.Regexp(t, `^guantong `, r.stdout)
	})
}
