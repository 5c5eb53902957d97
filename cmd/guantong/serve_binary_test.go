package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The built binary as an operator runs it: the address it prints, SIGHUP reloading the
// policies and reopening a rotated decision log, an edit that breaks a policy refused while
// the old bundle keeps answering, and SIGTERM stopping it with status 0.
func TestServeBinary(t *testing.T) {
	dir := t.TempDir()
	pol := filepath.Join(dir, "policies")
	good := transferPolicy
	write(t, pol, "p.yaml", good)
	logPath := filepath.Join(dir, "decisions.jsonl")
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--policies", pol, "--decision-log", logPath, "--reload-interval", "0")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(pattern string) []string {
		t.Helper()
		re := regexp.MustCompile(pattern)
		timeout := time.After(60 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				require.True(t, ok, "the server exited while waiting for %q", pattern)
				if m := re.FindStringSubmatch(l); m != nil {
					return m
				}
			case <-timeout:
				t.Fatalf("no line %q", pattern)
			}
		}
	}
	m := next(`^guantong serve: listening on (http://127\.0\.0\.1:\d+) \(bundle (\S+)\)$`)
	url, v1 := m[1], m[2]
	check := func() response {
		return do(t, "POST", url+"/v1/check/clue?at=2026-10-19", `{"conclusive_opinion_at": "2026-09-28"}`)
	}
	r := check()
	require.Equal(t, 200, r.status, string(r.body))
	assert.Equal(t, v1, r.header.Get("Guantong-Bundle"))
	assert.Contains(t, string(r.body), `"due":"2026-10-16T23:59:59.999999999+08:00"`)

	// Rotate the log, change the policy, SIGHUP: a new bundle and a new log file.
	require.NoError(t, os.Rename(logPath, logPath+".1"))
	write(t, pol, "p.yaml", strings.NewReplacer(", 10)", ", 11)", `due: "2026-10-16"`, `due: "2026-10-19"`).Replace(good))
	require.NoError(t, cmd.Process.Signal(syscall.SIGHUP))
	v2 := next(`^guantong serve: serving bundle (\S+)$`)[1]
	assert.NotEqual(t, v1, v2)
	r = check()
	assert.Equal(t, v2, r.header.Get("Guantong-Bundle"))
	assert.Contains(t, string(r.body), `"due":"2026-10-19T23:59:59.999999999+08:00"`)

	// A broken edit is refused; the last good bundle answers.
	write(t, pol, "p.yaml", strings.Replace(good, "workday.add(", "workday.add((", 1))
	require.NoError(t, cmd.Process.Signal(syscall.SIGHUP))
	next(`^guantong serve: reload refused, still serving bundle ` + regexp.QuoteMeta(v2))
	assert.Equal(t, v2, check().header.Get("Guantong-Bundle"))

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	next(`^guantong serve: stopped$`)
	require.NoError(t, cmd.Wait())
	assert.Equal(t, 0, cmd.ProcessState.ExitCode())

	old, err := os.ReadFile(logPath + ".1")
	require.NoError(t, err)
	cur, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.Equal(t, 1, bytes.Count(old, []byte("\n")), "the first decision went to the rotated file")
	assert.Equal(t, 2, bytes.Count(cur, []byte("\n")), "the later ones to the reopened file")
	assert.Contains(t, string(old), v1)
	assert.Contains(t, string(cur), v2)
}
