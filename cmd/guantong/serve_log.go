package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"sync"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// decisionLog appends one JSON line per decision to a file. Lines are written whole, one
// write each, under a lock; the file is opened for appending, so that an operator may rotate
// it by renaming it and sending SIGHUP (the file is reopened) or with copytruncate. Safe for
// concurrent use.
type decisionLog struct {
	mu   sync.Mutex
	path string
	f    *os.File
}

func openDecisionLog(path string) (*decisionLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return &decisionLog{path: path, f: f}, nil
}

// Reopen closes the file and opens path again (after the host rotated it).
func (l *decisionLog) Reopen() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	old := l.f
	l.f = f
	return old.Close()
}

func (l *decisionLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Close()
}

// logLine is one decision in the log. It has what an auditor needs to find and replay the
// decision (the time, the bundle and calendar, the subject kind, the instant, a hash of the
// exact input) and its outcome by policy, and nothing of the input itself: the messages are
// the decision's own, which name confidential values by path and never quote them.
type logLine struct {
	Time          time.Time       `json:"time"`
	Route         string          `json:"route"`
	BundleVersion string          `json:"bundle_version"`
	Calendar      string          `json:"calendar"`
	Subject       string          `json:"subject"`
	At            time.Time       `json:"at"`
	InputSHA256   string          `json:"input_sha256"`
	Compliant     bool            `json:"compliant"`
	Matched       []string        `json:"matched"`
	Violations    []logViolation  `json:"violations,omitempty"`
	Obligations   []logObligation `json:"obligations,omitempty"`
	Errors        []logError      `json:"errors,omitempty"`
}

type logViolation struct {
	PolicyID string         `json:"policy_id"`
	Reason   string         `json:"reason"`
	Severity rules.Severity `json:"severity"`
	Message  string         `json:"message"`
}

type logObligation struct {
	PolicyID    string            `json:"policy_id"`
	Kind        string            `json:"kind"`
	Due         time.Time         `json:"due,omitzero"`
	Certainty   workday.Certainty `json:"certainty,omitempty"`
	PendingYear int               `json:"pending_year,omitempty"`
}

type logError struct {
	PolicyID string `json:"policy_id"`
	Field    string `json:"field"`
	Message  string `json:"message"`
}

func newLogLine(now time.Time, route string, input []byte, d *rules.Decision) logLine {
	sum := sha256.Sum256(input)
	l := logLine{Time: now, Route: route, BundleVersion: d.BundleVersion, Calendar: d.Calendar, Subject: d.Subject, At: d.At,
		InputSHA256: hex.EncodeToString(sum[:]), Compliant: d.Compliant(), Matched: d.Matched}
	if l.Matched == nil {
		l.Matched = []string{}
	}
	for _, v := range d.Violations {
		l.Violations = append(l.Violations, logViolation{PolicyID: v.PolicyID, Reason: v.Reason, Severity: v.Severity, Message: v.Message})
	}
	for _, o := range d.Obligations {
		l.Obligations = append(l.Obligations, logObligation{PolicyID: o.PolicyID, Kind: o.Kind, Due: o.Due, Certainty: o.Certainty, PendingYear: o.PendingYear})
	}
	for _, e := range d.Errors {
		l.Errors = append(l.Errors, logError{PolicyID: e.PolicyID, Field: e.Field, Message: e.Message})
	}
	return l
}

func (l *decisionLog) write(now time.Time, route string, input []byte, d *rules.Decision) error {
	line, err := json.Marshal(newLogLine(now, route, input, d))
	if err != nil {
		return err
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	_, err = l.f.Write(line)
	return err
}
