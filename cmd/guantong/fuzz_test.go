package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func FuzzParseInstant(f *testing.F) {
	for _, s := range []string{"2026-10-19", "2026-10-19T09:00:00+08:00", "2026-10-19 09:00", "2026-10-19T09:00:05", "2026-13-01", "", "9999-12-31T23:59:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseInstant(s)
		if err != nil {
			return
		}
		if got.Location() != workday.Location() {
			t.Fatalf("%q: location %v, want CST", s, got.Location())
		}
		_ = formatInstant(got)
	})
}

// FuzzDecodeSubject feeds arbitrary bytes to the subject decoder and checks every value it
// accepts against the reference bundle: no input may panic.
func FuzzDecodeSubject(f *testing.F) {
	cal, err := workday.New()
	if err != nil {
		f.Fatal(err)
	}
	b, err := policies.Bundle(cal)
	if err != nil {
		f.Fatal(err)
	}
	subj, err := subject(b.Engine(), "clue")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{auditOnTime, auditLate, auditPending, "{}", "[]", "null", "{} {}", `{"flags": {"urgent": "yes"}}`,
		`{"source": {"kind": "soe_owner"}, "discovered_at": "2026-09-30T10:00:00+08:00", "flags": {"suspected_duty_crime": true}}`,
		`{"received_at": "2026-10-19T10:00:00+08:00", "reporters": [{"named": true}]}`} {
		f.Add([]byte(s))
	}
	at := time.Date(2026, 10, 19, 9, 0, 0, 0, workday.Location())
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := decodeSubject(subj, "fuzz", data)
		if err != nil {
			if !isInputError(err) {
				t.Fatalf("decode error is not an input error: %v", err)
			}
			return
		}
		if _, err := b.Check(context.Background(), v, at, rules.Explain()); err != nil {
			t.Fatalf("check of a decoded subject: %v", err)
		}
	})
}

// FuzzCalendar runs the calendar command on arbitrary arguments: it must answer with a
// status, never panic, and print to stdout only on success.
func FuzzCalendar(f *testing.F) {
	f.Add("2026-09-28", "10", "")
	f.Add("2026-07-06", "3", "--months")
	f.Add("2026-04-24", "10", "--days")
	f.Add("2026-10-12", "-5", "--all")
	f.Add("2024-01-01", "700", "")
	f.Add("2026-12-28", "5", "--weekend-fallback")
	f.Fuzz(func(t *testing.T, date, n, flag string) {
		args := []string{"calendar"}
		if flag != "" {
			args = append(args, flag)
		}
		r := runIn("", append(args, date, n)...)
		switch r.code {
		case 0:
			if r.stdout == "" || r.stderr != "" {
				t.Fatalf("%v: status 0 with stdout %q, stderr %q", args, r.stdout, r.stderr)
			}
		case 2:
			if r.stderr == "" {
				t.Fatalf("%v: status 2 without a message", args)
			}
		default:
			t.Fatalf("%v: status %d", args, r.code)
		}
	})
}

// BenchmarkCheckCommand measures one whole check invocation in-process: calendar and bundle
// construction (which dominate) plus decoding and evaluating one subject.
func BenchmarkCheckCommand(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if r := runIn(auditLate, "check", "--at", "2026-10-19", "-"); r.code != 1 {
			b.Fatalf("status %d: %s", r.code, r.stderr)
		}
	}
}

// BenchmarkDecodeAndCheck measures the per-subject part of check: strict decoding and one
// Check against the reference bundle.
func BenchmarkDecodeAndCheck(b *testing.B) {
	cal, err := workday.New()
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := policies.Bundle(cal)
	if err != nil {
		b.Fatal(err)
	}
	subj, err := subject(bundle.Engine(), "clue")
	if err != nil {
		b.Fatal(err)
	}
	data := []byte(auditLate)
	at := time.Date(2026, 10, 19, 9, 0, 0, 0, workday.Location())
	b.ReportAllocs()
	for b.Loop() {
		v, err := decodeSubject(subj, "bench", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := bundle.Check(context.Background(), v, at); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzServe sends arbitrary bodies and query strings to the service's POST routes: no input
// may panic or give a 500, and every answer is JSON naming the bundle, an error in the one
// error shape with a stable code.
func FuzzServe(f *testing.F) {
	s, err := newServer(serverConfig{load: policyFlags{timeout: defaultTimeout}, maxBody: 1 << 20, maxTime: 2 * time.Second})
	if err != nil {
		f.Fatal(err)
	}
	routes := []string{"/v1/check/clue", "/v1/check/sanction", "/v1/check/meeting", "/v1/sanctions/resolve", "/v1/workbench/test", "/v1/workbench/check", "/v1/check/rectification"}
	f.Add(uint8(0), "at=2026-10-19", `{"source": {"kind": "audit"}, "conclusive_opinion_at": "2026-09-28"}`)
	f.Add(uint8(3), "decided=2026-10-19", `[{"measure": {"kind": "party_warning"}}, {}]`)
	f.Add(uint8(4), "", `{"file": "a.yaml", "yaml": "id: a\nsubject: clue\nvalidations:\n  - expression: true\n    message: m\n"}`)
	f.Add(uint8(5), "", `{"subject": "clue", "at": "2026-10-19", "input": {"matter": "x"}}`)
	f.Add(uint8(1), "at=2026-10-19&explain=true&policy=sanction.severity-grades", `{"measure": {"kind": "party_warning"}}`)
	f.Fuzz(func(t *testing.T, route uint8, query, body string) {
		req := httptest.NewRequest("POST", routes[int(route)%len(routes)], strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != 503 {
			t.Fatalf("%d: %s", w.Code, w.Body)
		}
		var e errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
			t.Fatalf("not JSON: %v: %s", err, w.Body)
		}
		if e.BundleVersion == "" && w.Code != 200 {
			t.Fatalf("no bundle version: %s", w.Body)
		}
		if w.Code != 200 && e.Error.Code == "" {
			t.Fatalf("no error code: %s", w.Body)
		}
	})
}
