package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

func end(m time.Month, d int) time.Time { return workday.Date{Year: 2026, Month: m, Day: d}.End() }

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name    string
		stdin   string
		args    []string
		code    int
		want    []string // lines that must appear, exactly
		notWant []string
	}{
		{
			name:  "transferred on the last day, across National Day",
			stdin: auditOnTime,
			args:  []string{"check", "--at", "2026-10-16T15:00:00+08:00", "-"},
			code:  0,
			want: []string{
				"check clue at 2026-10-16 15:00 CST against embedded reference policies (bundle " + referenceVersion(t) + ")",
				"matched 1: clue.audit-transfer",
				"  transfer                   due 2026-10-16  clue.audit-transfer  审计机关向纪检监察机关移送问题线索",
				"compliant: 0 violations (0 errors, 0 warnings), 0 evaluation errors",
			},
			notWant: []string{"violations:"},
		},
		{
			name:  "transferred on Monday 10-19, late",
			stdin: auditLate,
			args:  []string{"check", "--at", "2026-10-19 09:00", "-"},
			code:  1,
			want: []string{
				"  error    AUDIT_TRANSFER_LATE  " + lateMessage,
				"           policy clue.audit-transfer (clue/transfer.yaml:13:17)",
				"  transfer                   due 2026-10-16  clue.audit-transfer  审计机关向纪检监察机关移送问题线索",
				"not compliant: 1 violation (1 error, 0 warnings), 0 evaluation errors",
			},
		},
		{
			name:  "not yet transferred: --at defaults to now (Saturday 10-17)",
			stdin: auditPending,
			args:  []string{"check", "-"},
			code:  1,
			want: []string{
				"check clue at 2026-10-17 09:00 CST against embedded reference policies (bundle " + referenceVersion(t) + ")",
				"  error    AUDIT_TRANSFER_LATE  " + lateMessage,
			},
		},
		{
			name:  "not yet transferred, still in time on 10-16",
			stdin: auditPending,
			args:  []string{"check", "-", "--at", "2026-10-16"},
			code:  0,
			want:  []string{"compliant: 0 violations (0 errors, 0 warnings), 0 evaluation errors"},
		},
		{
			name:  "an SOE owner's clue found on the eve of National Day is due that day (第一时间)",
			stdin: `{"source": {"kind": "soe_owner"}, "discovered_at": "2026-09-30T10:00:00+08:00", "flags": {"suspected_duty_crime": true}}`,
			args:  []string{"check", "--at", "2026-10-09", "-"},
			code:  1,
			want: []string{
				"  error    SOE_TRANSFER_NOT_AT_ONCE  应第一时间（2026-09-30前）移送纪检监察机关",
				"  transfer                   due 2026-09-30  clue.soe-owner-at-once  出资人第一时间移送纪检监察机关",
			},
		},
		{
			name:  "a registration in mid-October reaches into 2027: reported data, flagged",
			stdin: `{"source": {"kind": "audit"}, "received_at": "2026-10-19T10:00:00+08:00"}`,
			args:  []string{"check", "--at", "2026-10-19 12:00", "-"},
			code:  0,
			want: []string{
				"  progress_feedback          due 2027-01-19 (reported: calendar data not yet checked against the State Council notice)  clue.commission-feedback-and-disposal  书面反馈办理进展（向每一移送单位）",
				"  disposal_opinion           due 2026-11-19  clue.disposal-opinion-one-month",
				"compliant: 0 violations (0 errors, 0 warnings), 0 evaluation errors",
			},
		},
		{
			name:  "a registration in mid-December 2027 reaches into 2028, which has no calendar data: pending",
			stdin: `{"source": {"kind": "audit"}, "received_at": "2027-12-15T10:00:00+08:00"}`,
			args:  []string{"check", "--at", "2027-12-15 12:00", "-"},
			code:  1,
			want: []string{
				"  progress_feedback          due pending: calendar year 2028 not loaded  clue.commission-feedback-and-disposal  书面反馈办理进展（向每一移送单位）",
				"  disposal_opinion           due pending: calendar year 2028 not loaded  clue.disposal-opinion-one-month",
				"undecided until the calendar covers their year:",
				"  calendar year 2028 not loaded (--calendar FILE with its notice, or --provisional): clue.commission-feedback-and-disposal validations[0].expression (clue/disposal.yaml:14:17), clue.disposal-opinion-one-month validations[0].expression (clue/disposal.yaml:59:17)",
				"not compliant: 0 violations (0 errors, 0 warnings), 0 evaluation errors, 2 undecided validations",
			},
		},
		{
			name:  "the same with --provisional: 2028-03-15 is a Wednesday, counted from the holiday law",
			stdin: `{"source": {"kind": "audit"}, "received_at": "2027-12-15T10:00:00+08:00"}`,
			args:  []string{"check", "--provisional", "--at", "2027-12-15 12:00", "-"},
			code:  0,
			want: []string{
				"  progress_feedback          due 2028-03-15 (provisional: statutory holidays only, 调休 not yet known)  clue.commission-feedback-and-disposal  书面反馈办理进展（向每一移送单位）",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(tc.stdin, tc.args...)
			assert.Equal(t, tc.code, r.code, r.stdout+r.stderr)
			assert.Empty(t, r.stderr)
			got := lines(r.stdout)
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			for _, w := range tc.notWant {
				assert.NotContains(t, got, w)
			}
		})
	}
}

func referenceVersion(t *testing.T) string {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	return b.Version()
}

func TestCheckJSON(t *testing.T) {
	r := runIn(auditLate, "check", "--json", "--at", "2026-10-19T09:00:00+08:00", "-")
	require.Equal(t, 1, r.code, r.stderr)
	var d rules.Decision
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &d))
	assert.Equal(t, "clue", d.Subject)
	assert.Equal(t, referenceVersion(t), d.BundleVersion)
	assert.True(t, d.At.Equal(time.Date(2026, 10, 19, 9, 0, 0, 0, workday.Location())))
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "AUDIT_TRANSFER_LATE", d.Violations[0].Reason)
	assert.Equal(t, lateMessage, d.Violations[0].Message)
	require.Len(t, d.Obligations, 1)
	assert.Equal(t, "transfer", d.Obligations[0].Kind)
	assert.True(t, d.Obligations[0].Due.Equal(end(10, 16)), d.Obligations[0].Due)
	assert.Empty(t, d.Trace)
}

func TestExplain(t *testing.T) {
	r := runIn(auditLate, "explain", "--at", "2026-10-19 09:00", "-")
	require.Equal(t, 1, r.code, r.stderr)
	got := lines(r.stdout)
	for _, w := range []string{
		"clue.audit-transfer — 审计机关移送问题线索时限",
		"  source:   seed 002 (湖南郴州：纪检监察监督、巡察监督与审计监督贯通协同); 监察法(2024修正)第37条",
		"  in force: yes",
		"  matched:  yes  (match: clue.source.kind == 'audit' && has(clue.conclusive_opinion_at))",
		"    due = 2026-10-16",
		"    FAIL  AUDIT_TRANSFER_LATE [error]: " + lateMessage,
		"    transfer: due 2026-10-16",
		"clue.soe-owner-at-once — 出资人第一时间移送问题线索",
		"  matched:  no   (not applicable, index: clue.source.kind is \"audit\"; match: clue.source.kind == 'soe_owner' && has(clue.discovered_at))",
		"not compliant: 1 violation (1 error, 0 warnings), 0 evaluation errors",
	} {
		assert.Contains(t, got, w)
	}

	// One policy only; a validation that passes and an obligation whose when is false.
	r = runIn(`{"source": {"kind": "soe_owner"}, "discovered_at": "2026-09-30T10:00:00+08:00",
		"flags": {"suspected_discipline_breach": true, "irregular_business_investment": true}}`,
		"explain", "--at", "2026-10-09", "--policy", "clue.soe-owner-at-once", "-")
	require.Equal(t, 0, r.code, r.stderr)
	got = lines(r.stdout)
	for _, w := range []string{
		"    at_once = false",
		"    due = 2026-09-30",
		"    pass  SOE_TRANSFER_NOT_AT_ONCE",
		"    transfer: does not arise (when is false)",
		"matched 1: clue.soe-owner-at-once",
	} {
		assert.Contains(t, got, w)
	}
	assert.NotContains(t, r.stdout, "clue.audit-transfer")

	r = runIn(auditLate, "explain", "--json", "--at", "2026-10-19", "--policy", "clue.audit-transfer", "-")
	require.Equal(t, 1, r.code, r.stderr)
	var d rules.Decision
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &d))
	require.Len(t, d.Trace, 1)
	assert.True(t, d.Trace[0].Matched)
	require.Len(t, d.Trace[0].Variables, 1)
	assert.Equal(t, "2026-10-16T23:59:59.999999999+08:00", d.Trace[0].Variables[0].Value)

	r = runIn(auditLate, "explain", "--policy", "clue.nope", "-")
	assert.Equal(t, 2, r.code)
	assert.Equal(t, "guantong explain: no policy \"clue.nope\" in the bundle\nRun 'guantong explain -h' for usage.\n", r.stderr)
}

func TestTestCommand(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	n := len(b.RunTests(t.Context()))
	require.Positive(t, n)

	r := runIn("", "test")
	assert.Equal(t, 0, r.code, r.stdout)
	got := lines(r.stdout)
	assert.Equal(t, strconv.Itoa(n)+" passed, 0 failed", got[len(got)-1])
	assert.Contains(t, got, "ok    clue.audit-transfer                      5 cases")
	assert.NotContains(t, r.stdout, "--- PASS")

	r = runIn("", "test", "-v", "--run", "audit-transfer/跨国庆")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, []string{
		"--- PASS: clue.audit-transfer/跨国庆假期（10月10日调休上班），按期移送",
		"ok    clue.audit-transfer                      1 case",
		"1 passed, 0 failed",
	}, lines(r.stdout))

	dir := t.TempDir()
	write(t, dir, "transfer.yaml", demoPolicy)
	write(t, dir, "more/untested.yaml", demoUntested)
	r = runIn("", "test", "--policies", dir)
	assert.Equal(t, 1, r.code)
	assert.Equal(t, []string{
		"--- FAIL: demo.transfer/错误的期望 (" + filepath.Join(dir, "transfer.yaml") + ":22:5)",
		"    - obligation transfer due 2026-10-15",
		"    + obligation transfer due 2026-10-16",
		"FAIL  demo.transfer                            1 of 2 cases failed",
		"?     demo.untested                            [no test cases]",
		"1 passed, 1 failed",
	}, lines(r.stdout))

	r = runIn("", "test", "--policies", dir, "--run", "nothing-matches")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, "0 passed, 0 failed\n", r.stdout)
	assert.Contains(t, r.stderr, "no test case matches -run")

	r = runIn("", "test", "--policies", filepath.Join(dir, "more"))
	assert.Equal(t, 1, r.code, "a policy set without tests proves nothing")
	assert.Contains(t, r.stderr, "no test cases")
}

func TestLint(t *testing.T) {
	r := runIn("", "lint")
	assert.Equal(t, 0, r.code, r.stdout)
	assert.Regexp(t, `^ok: \d+ policies in embedded reference policies: 0 errors, 0 warnings\n$`, r.stdout)

	dir := t.TempDir()
	write(t, dir, "a/broken.yaml", brokenPolicy)
	write(t, dir, "b/untested.yaml", demoUntested)
	r = runIn("", "lint", "--policies", dir)
	assert.Equal(t, 1, r.code)
	broken, untested := filepath.Join(dir, "a", "broken.yaml"), filepath.Join(dir, "b", "untested.yaml")
	assert.Equal(t, []string{
		broken + ":1:5: warning: policy demo.broken: tests: no test cases: add tests with at, subject and expect",
		broken + ":5:43: error: policy demo.broken: match: undefined field 'conclusiv_opinion_at'",
		" 5 | match: clue.source.kind == 'audit' && clue.conclusiv_opinion_at != null",
		"   |                                           ^",
		broken + ":7:5: error: policy demo.broken: validations[0]: a validation needs a message or a messageExpression",
		" 7 |   - expression: workday.add(clue.conclusive_opinion_at, 'ten') > now",
		"   |     ^",
		broken + ":7:28: error: policy demo.broken: validations[0].expression: found no matching overload for 'workday.add' applied to '(timestamp, string)'",
		" 7 |   - expression: workday.add(clue.conclusive_opinion_at, 'ten') > now",
		"   |                            ^",
		untested + ":1:5: warning: policy demo.untested: source: no source citation: say which regulation and article, or which seed, the rule comes from",
		untested + ":1:5: warning: policy demo.untested: tests: no test cases: add tests with at, subject and expect",
		"FAIL: 2 policies in " + dir + ": 3 errors, 3 warnings",
	}, lines(r.stdout))

	clean := t.TempDir()
	write(t, clean, "untested.yaml", demoUntested)
	assert.Equal(t, 0, runIn("", "lint", "--policies", clean).code, "warnings alone pass")
	assert.Equal(t, 1, runIn("", "lint", "--strict", "--policies", clean).code, "unless --strict")

	write(t, clean, "syntax.yaml", `id: demo.syntax
subject: clue
validations:
  - expression: "true"
   reason: [OK
`)
	r = runIn("", "lint", "--policies", clean)
	assert.Equal(t, 1, r.code)
	assert.Contains(t, lines(r.stdout), filepath.Join(clean, "syntax.yaml")+":3:1: error: line 3: did not find expected '-' indicator")
}

func TestCalendar(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"calendar", "2026-09-28", "10"}, []string{
			"2026-09-28 (Mon) + 10 working days → due 2026-10-16 (Fri) 24:00 CST",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2026-10-01 Thu  holiday         国庆节",
			"  2026-10-02 Fri  holiday         国庆节",
			"  2026-10-03 Sat  holiday         国庆节",
			"  2026-10-04 Sun  holiday         国庆节",
			"  2026-10-05 Mon  holiday         国庆节",
			"  2026-10-06 Tue  holiday         国庆节",
			"  2026-10-07 Wed  holiday         国庆节",
			"  2026-10-10 Sat  makeup_workday  国庆节 (调休上班, working day 5)",
			"",
			"period 2026-09-29 – 2026-10-16: 18 days: 10 working days (1 调休 make-up day among them), 7 holidays, 1 ordinary rest day",
		}},
		{[]string{"calendar", "2026-06-15T16:00:00+08:00", "10", "--all"}, []string{
			"2026-06-15 (Mon) + 10 working days → due 2026-06-30 (Tue) 24:00 CST",
			"",
			"days 2026-06-16 – 2026-06-30:",
			"  2026-06-16 Tue  workday         (working day 1)",
			"  2026-06-17 Wed  workday         (working day 2)",
			"  2026-06-18 Thu  workday         (working day 3)",
			"  2026-06-19 Fri  holiday         端午节",
			"  2026-06-20 Sat  holiday         端午节",
			"  2026-06-21 Sun  holiday         端午节",
			"  2026-06-22 Mon  workday         (working day 4)",
			"  2026-06-23 Tue  workday         (working day 5)",
			"  2026-06-24 Wed  workday         (working day 6)",
			"  2026-06-25 Thu  workday         (working day 7)",
			"  2026-06-26 Fri  workday         (working day 8)",
			"  2026-06-27 Sat  rest_day",
			"  2026-06-28 Sun  rest_day",
			"  2026-06-29 Mon  workday         (working day 9)",
			"  2026-06-30 Tue  workday         (working day 10)",
			"",
			"period 2026-06-16 – 2026-06-30: 15 days: 10 working days, 3 holidays, 2 ordinary rest days",
		}},
		{[]string{"calendar", "--months", "2026-07-06", "3"}, []string{
			"2026-07-06 (Mon) + 3 months → due 2026-10-08 (Thu) 24:00 CST",
			"last day 2026-10-06 is a holiday (国庆节); moved to the next working day 2026-10-08 (Civil Code art. 203)",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2026-09-20 Sun  makeup_workday  国庆节 (调休上班)",
			"  2026-09-25 Fri  holiday         中秋节",
			"  2026-09-26 Sat  holiday         中秋节",
			"  2026-09-27 Sun  holiday         中秋节",
			"  2026-10-01 Thu  holiday         国庆节",
			"  2026-10-02 Fri  holiday         国庆节",
			"  2026-10-03 Sat  holiday         国庆节",
			"  2026-10-04 Sun  holiday         国庆节",
			"  2026-10-05 Mon  holiday         国庆节",
			"  2026-10-06 Tue  holiday         国庆节",
			"  2026-10-07 Wed  holiday         国庆节",
			"",
			"period 2026-07-07 – 2026-10-08: 94 days: 63 working days (1 调休 make-up day among them), 10 holidays, 21 ordinary rest days",
		}},
		{[]string{"calendar", "--months", "2026-01-31", "1"}, []string{
			"2026-01-31 (Sat) + 1 month → due 2026-02-28 (Sat) 24:00 CST",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2026-02-14 Sat  makeup_workday  春节 (调休上班)",
			"  2026-02-15 Sun  holiday         春节",
			"  2026-02-16 Mon  holiday         春节",
			"  2026-02-17 Tue  holiday         春节",
			"  2026-02-18 Wed  holiday         春节",
			"  2026-02-19 Thu  holiday         春节",
			"  2026-02-20 Fri  holiday         春节",
			"  2026-02-21 Sat  holiday         春节",
			"  2026-02-22 Sun  holiday         春节",
			"  2026-02-23 Mon  holiday         春节",
			"  2026-02-28 Sat  makeup_workday  春节 (调休上班)",
			"",
			"period 2026-02-01 – 2026-02-28: 28 days: 16 working days (2 调休 make-up days among them), 9 holidays, 3 ordinary rest days",
		}},
		{[]string{"calendar", "--days", "2026-04-24", "10"}, []string{
			"2026-04-24 (Fri) + 10 days → due 2026-05-06 (Wed) 24:00 CST",
			"last day 2026-05-04 is a holiday (劳动节); moved to the next working day 2026-05-06 (Civil Code art. 203)",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2026-05-01 Fri  holiday         劳动节",
			"  2026-05-02 Sat  holiday         劳动节",
			"  2026-05-03 Sun  holiday         劳动节",
			"  2026-05-04 Mon  holiday         劳动节",
			"  2026-05-05 Tue  holiday         劳动节",
			"",
			"period 2026-04-25 – 2026-05-06: 12 days: 5 working days, 5 holidays, 2 ordinary rest days",
		}},
		{[]string{"calendar", "2026-10-12", "-5"}, []string{
			"2026-10-12 (Mon) - 5 working days → due 2026-09-29 (Tue) 24:00 CST",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2026-10-01 Thu  holiday         国庆节",
			"  2026-10-02 Fri  holiday         国庆节",
			"  2026-10-03 Sat  holiday         国庆节",
			"  2026-10-04 Sun  holiday         国庆节",
			"  2026-10-05 Mon  holiday         国庆节",
			"  2026-10-06 Tue  holiday         国庆节",
			"  2026-10-07 Wed  holiday         国庆节",
			"  2026-10-10 Sat  makeup_workday  国庆节 (调休上班)",
			"",
			"period 2026-09-29 – 2026-10-11: 13 days: 5 working days (1 调休 make-up day among them), 7 holidays, 1 ordinary rest day",
		}},
		{[]string{"calendar", "--weekend-fallback", "2027-12-27", "5"}, []string{
			"2027-12-27 (Mon) + 5 working days → due 2028-01-03 (Mon) 24:00 CST (weekends only: no calendar data)",
			"certainty: 2027 is reported: 6tail/lunar-go HolidayUtil v1.4.7 (2026-11-06), not yet checked against the State Council notice; the statutory days are fixed by law, the 调休 days may still change",
			"certainty: 2028 has no calendar data: Monday to Friday counted as working days, holidays unknown",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  none",
			"",
			"period 2027-12-28 – 2028-01-03: 7 days: 5 working days, 0 holidays, 2 ordinary rest days",
		}},
		{[]string{"calendar", "2026-12-28", "5"}, []string{
			"2026-12-28 (Mon) + 5 working days → due 2027-01-05 (Tue) 24:00 CST (reported: calendar data not yet checked against the State Council notice)",
			"certainty: 2027 is reported: 6tail/lunar-go HolidayUtil v1.4.7 (2026-11-06), not yet checked against the State Council notice; the statutory days are fixed by law, the 调休 days may still change",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2027-01-01 Fri  holiday         元旦 [reported]",
			"  2027-01-02 Sat  holiday         元旦 [reported]",
			"  2027-01-03 Sun  holiday         元旦 [reported]",
			"",
			"period 2026-12-29 – 2027-01-05: 8 days: 5 working days, 3 holidays, 0 ordinary rest days",
		}},
		{[]string{"calendar", "2026-11-30", "1m"}, []string{
			"2026-11-30 (Mon) + 1 month → due 2026-12-30 (Wed) 24:00 CST",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  none",
			"",
			"period 2026-12-01 – 2026-12-30: 30 days: 22 working days, 0 holidays, 8 ordinary rest days",
		}},
		{[]string{"calendar", "2026-12-02", "--months", "3"}, []string{
			"2026-12-02 (Wed) + 3 months → due 2027-03-02 (Tue) 24:00 CST (reported: calendar data not yet checked against the State Council notice)",
			"certainty: 2027 is reported: 6tail/lunar-go HolidayUtil v1.4.7 (2026-11-06), not yet checked against the State Council notice; the statutory days are fixed by law, the 调休 days may still change",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2027-01-01 Fri  holiday         元旦 [reported]",
			"  2027-01-02 Sat  holiday         元旦 [reported]",
			"  2027-01-03 Sun  holiday         元旦 [reported]",
			"  2027-01-31 Sun  makeup_workday  春节 (调休上班) [reported]",
			"  2027-02-05 Fri  holiday         春节 [reported]",
			"  2027-02-06 Sat  holiday         春节 [reported]",
			"  2027-02-07 Sun  holiday         春节 [reported]",
			"  2027-02-08 Mon  holiday         春节 [reported]",
			"  2027-02-09 Tue  holiday         春节 [reported]",
			"  2027-02-10 Wed  holiday         春节 [reported]",
			"  2027-02-11 Thu  holiday         春节 [reported]",
			"  2027-02-12 Fri  holiday         春节 [reported]",
			"  2027-02-13 Sat  holiday         春节 [reported]",
			"  2027-02-14 Sun  makeup_workday  春节 (调休上班) [reported]",
			"",
			"period 2026-12-03 – 2027-03-02: 90 days: 59 working days (2 调休 make-up days among them), 12 holidays, 19 ordinary rest days",
		}},
		{[]string{"calendar", "--provisional", "2028-01-24", "1wd"}, []string{
			"2028-01-24 (Mon) + 1 working day → due 2028-01-31 (Mon) 24:00 CST (provisional: statutory holidays only, 调休 not yet known)",
			"certainty: 2028 is provisional: its statutory days off (全国年节及纪念日放假办法 第二条) are known; which weekend days are worked and which weekdays are off (调休, 补假) is not",
			"",
			"holidays and 调休 make-up working days crossed:",
			"  2028-01-25 Tue  holiday         春节 [provisional]",
			"  2028-01-26 Wed  holiday         春节 [provisional]",
			"  2028-01-27 Thu  holiday         春节 [provisional]",
			"  2028-01-28 Fri  holiday         春节 [provisional]",
			"",
			"period 2028-01-25 – 2028-01-31: 7 days: 1 working day, 4 holidays, 2 ordinary rest days",
		}},
		{[]string{"calendar", "2026-09-30", "2026-10-11"}, []string{
			"  2026-09-30 Wed  workday         official",
			"  2026-10-01 Thu  holiday         official       国庆节",
			"  2026-10-02 Fri  holiday         official       国庆节",
			"  2026-10-03 Sat  holiday         official       国庆节",
			"  2026-10-04 Sun  holiday         official       国庆节",
			"  2026-10-05 Mon  holiday         official       国庆节",
			"  2026-10-06 Tue  holiday         official       国庆节",
			"  2026-10-07 Wed  holiday         official       国庆节",
			"  2026-10-08 Thu  workday         official",
			"  2026-10-09 Fri  workday         official",
			"  2026-10-10 Sat  makeup_workday  official       国庆节 (调休上班)",
			"  2026-10-11 Sun  rest_day        official",
			"",
			"2026-09-30 – 2026-10-11: 12 days: 4 working days (1 调休 make-up day among them), 7 holidays, 1 ordinary rest day",
			"certainty: 12 official",
		}},
		{[]string{"calendar", "2027-12-31", "2028-01-02"}, []string{
			"  2027-12-31 Fri  workday         reported",
			"  2028-01-01 Sat  unknown         unknown        no calendar data",
			"  2028-01-02 Sun  unknown         unknown        no calendar data",
			"",
			"2027-12-31 – 2028-01-02: 3 days: 1 working day, 0 holidays, 0 ordinary rest days, 2 without calendar data",
			"certainty: 1 reported, 2 unknown",
			"certainty: 2027 is reported: 6tail/lunar-go HolidayUtil v1.4.7 (2026-11-06), not yet checked against the State Council notice; the statutory days are fixed by law, the 调休 days may still change",
		}},
		{[]string{"calendar", "2026-10-12", "0"}, []string{
			"2026-10-12 (Mon) + 0 working days → due 2026-10-12 (Mon) 24:00 CST",
			"the period crosses no day",
		}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runIn("", tc.args...)
			assert.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, tc.want, lines(r.stdout))
		})
	}
}

func TestCalendarHostYear(t *testing.T) {
	// A host loads a (hypothetical) 2028 arrangement as JSON: 元旦 2028-01-01…01-03.
	dir := t.TempDir()
	p := write(t, dir, "2028.json", `{"format": "guantong.workday/v2", "years": [{"year": 2028, "sources": [{"kind": "notice",
		"number": "国办发明电〔2027〕1号", "title": "测试通知", "date": "2027-11-01", "festivals": [
		{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"},
		{"name": "春节", "from": "2028-01-25", "to": "2028-02-01"},
		{"name": "清明节", "from": "2028-04-02", "to": "2028-04-04"},
		{"name": "劳动节", "from": "2028-05-01", "to": "2028-05-05"},
		{"name": "端午节", "from": "2028-05-28", "to": "2028-05-30"},
		{"name": "国庆节、中秋节", "from": "2028-10-01", "to": "2028-10-08"}]}]}]}`)
	r := runIn("", "calendar", "--calendar", p, "2027-12-30", "2")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "2027-12-30 (Thu) + 2 working days → due 2028-01-04 (Tue) 24:00 CST (reported: calendar data not yet checked against the State Council notice)", lines(r.stdout)[0])
	assert.Contains(t, lines(r.stdout), "  2028-01-03 Mon  holiday         元旦")

	r = runIn("", "calendar", "2027-12-30", "2")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "no calendar data for 2028-01-01: year 2028 is not loaded; load it with --calendar FILE")
	assert.Contains(t, r.stderr, "--provisional")

	bad := write(t, dir, "bad.json", `{"format": "guantong.workday/v1", "years": [{"year": 2027}]}`)
	r = runIn("", "calendar", "--calendar", bad, "2026-12-28", "5")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "guantong calendar: calendar "+bad+": workday:")

	// The text of a notice works as --calendar too: 2027 turns official.
	notice := "../../rules/policies/testdata/notice-2027-written-for-the-test.txt"
	r = runIn("", "calendar", "--calendar", notice, "2026-12-02", "3m")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{"2026-12-02 (Wed) + 3 months → due 2027-03-02 (Tue) 24:00 CST", "the period crosses no day"}[:1], lines(r.stdout)[:1])
	garbled := write(t, dir, "garbled.txt", "国务院办公厅关于2027年部分节假日安排的通知\n没有文号\n")
	r = runIn("", "calendar", "--calendar", garbled, "2026-12-02", "3m")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "(read as notice text): workday: notice")
}

// guantong calendar import reads the notices as published and writes the data file; for
// 2024–2026 the data is exactly what this release embeds.
func TestCalendarImport(t *testing.T) {
	emb, err := workday.EmbeddedYears()
	require.NoError(t, err)
	for i, year := range []string{"2024", "2025", "2026"} {
		text, err := os.ReadFile("../../rules/workday/testdata/notices/" + year + ".txt")
		require.NoError(t, err)
		_, body, ok := strings.Cut(string(text), "\n----\n")
		require.True(t, ok)
		p := write(t, t.TempDir(), year+".txt", body)
		r := runIn("", "calendar", "import", p)
		require.Equal(t, 0, r.code, r.stderr)
		got, err := workday.ParseYears([]byte(r.stdout))
		require.NoError(t, err)
		assert.Equal(t, []workday.Year{emb[i]}, got)
		assert.Contains(t, r.stderr, year+": ")
		assert.Contains(t, r.stderr, "every statutory day of 全国年节及纪念日放假办法 第二条 is off")
	}
	out := filepath.Join(t.TempDir(), "2027.json")
	r := runIn("", "calendar", "import", "-o", out, "../../rules/policies/testdata/notice-2027-written-for-the-test.txt")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stdout)
	assert.Equal(t, "2027: 国办发明电〔2026〕0号; 7 festivals, 29 days off, 5 make-up working days; every statutory day of 全国年节及纪念日放假办法 第二条 is off\n", r.stderr)
	r = runIn("", "calendar", "--calendar", out, "2027-01-31", "2027-01-31")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, lines(r.stdout), "  2027-01-31 Sun  makeup_workday  official       春节 (调休上班)")

	// A notice that leaves a statutory day a working day contradicts the law.
	bad := write(t, t.TempDir(), "bad.txt", `国务院办公厅关于2028年
部分节假日安排的通知
国办发明电〔2027〕9号

一、元旦：1月1日（周六）放假，共1天。

国务院办公厅
2027年11月1日
`)
	r = runIn("", "calendar", "import", bad)
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "guantong calendar: import "+bad+": workday: notice")
	r = runIn("", "calendar", "import")
	assert.Equal(t, 2, r.code)
}

func TestUsage(t *testing.T) {
	r := runIn("")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "Usage:\n\n\tguantong <command> [flags] [arguments]")
	assert.Empty(t, r.stdout)

	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		r = runIn("", args...)
		assert.Equal(t, 0, r.code)
		assert.Contains(t, r.stdout, "\tcalendar  working-day deadline and the holidays and 调休 days it crosses\n")
	}
	for _, cmd := range commands() {
		for _, args := range [][]string{{cmd.name, "-h"}, {cmd.name, "--help"}, {"help", cmd.name}} {
			r = runIn("", args...)
			assert.Equal(t, 0, r.code, args)
			assert.True(t, strings.HasPrefix(r.stdout, "Usage: guantong "+cmd.name), args)
			assert.Contains(t, r.stdout, "Flags:\n", args)
			assert.Empty(t, r.stderr, args)
		}
	}

	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"frobnicate"}, "guantong: unknown command \"frobnicate\"\nRun 'guantong -h' for usage.\n"},
		{[]string{"check"}, "guantong check: want one subject file (or - for standard input), got 0 arguments\nRun 'guantong check -h' for usage.\n"},
		{[]string{"check", "a.json", "b.json"}, "guantong check: want one subject file (or - for standard input), got 2 arguments\nRun 'guantong check -h' for usage.\n"},
		{[]string{"check", "--bogus", "-"}, "guantong check: flag provided but not defined: -bogus\nRun 'guantong check -h' for usage.\n"},
		{[]string{"check", "--at", "yesterday", "-"}, "guantong check: invalid instant \"yesterday\": want RFC 3339 (2026-10-19T09:00:00+08:00), 2026-10-19 09:00 (CST) or a date 2026-10-19\nRun 'guantong check -h' for usage.\n"},
		{[]string{"check", "--subject", "hearing", "-"}, "guantong check: unknown subject \"hearing\" (known: " + subjectNames(t) + ")\nRun 'guantong check -h' for usage.\n"},
		{[]string{"calendar", "2026-09-28"}, "guantong calendar: want DATE PERIOD or FROM TO, got 1 argument\nRun 'guantong calendar -h' for usage.\n"},
		{[]string{"calendar", "2026-09-28", "ten"}, "guantong calendar: PERIOD must be N working days (10, 10wd), N months (3m), N days (30d) or a date, got \"ten\"\nRun 'guantong calendar -h' for usage.\n"},
		{[]string{"calendar", "--months", "--days", "2026-09-28", "1"}, "guantong calendar: --months and --days exclude each other\nRun 'guantong calendar -h' for usage.\n"},
		{[]string{"calendar", "--months", "2026-09-28", "-1"}, "guantong calendar: workday: AddMonths: n: months must be between 0 and 120000\n"},
		{[]string{"test", "extra"}, "guantong test: unexpected arguments: extra\nRun 'guantong test -h' for usage.\n"},
		{[]string{"test", "--run", "("}, "guantong test: invalid -run: error parsing regexp: missing closing ): `(`\nRun 'guantong test -h' for usage.\n"},
		{[]string{"lint", "--policies", "/nonexistent/policies"}, "guantong lint: policies: stat /nonexistent/policies: no such file or directory\n"},
	} {
		r := runIn(auditOnTime, tc.args...)
		assert.Equal(t, 2, r.code, tc.args)
		assert.Equal(t, tc.stderr, r.stderr, tc.args)
		assert.Empty(t, r.stdout, tc.args)
	}
}

// subjectNames is the sorted list of domain subjects the tool reports.
func subjectNames(*testing.T) string {
	return "clue, meeting, meeting_series, rectification, sanction"
}

func TestBadSubjectInput(t *testing.T) {
	for _, tc := range []struct {
		name, stdin, stderr string
	}{
		{"empty", "  \n", "guantong check: standard input: empty, want a JSON object describing a clue\n"},
		{"syntax", `{"source": {"kind": "audit"},
 "matter": }`, "guantong check: invalid clue JSON: standard input:2:12: invalid character '}' looking for beginning of value\n"},
		{"truncated", `{"source": {"kind": "audit"},
 "matter": "x`, "guantong check: invalid clue JSON: standard input:2:14: unexpected end of JSON input\n"},
		{"misspelt field", `{"source": {"kind": "audit"},
 "conclusive_opinon_at": "2026-09-28T16:00:00+08:00"}`, "guantong check: invalid clue JSON: standard input:2:2: conclusive_opinon_at: unknown field \"conclusive_opinon_at\"; known: amount, assigned_at, assigned_to, concluded_at, conclusive_opinion_at, discovered_at, disposal, disposal_decided_at, domain, evaluated_at, evaluations, evidence, … (45 in all); did you mean \"conclusive_opinion_at\"?\n"},
		{"wrong type", `{"source": {"kind": "audit"},
 "transferred_at": 5}`, "guantong check: invalid clue JSON: standard input:2:20: transferred_at: want a timestamp string (RFC 3339 such as 2026-10-19T09:00:00+08:00, or a date 2026-10-19), found a number\n"},
		{"wrong scalar type", `{"source": {"kind": "audit"},
 "matter": 5}`, "guantong check: invalid clue JSON: standard input:2:12: matter: want a string, found a number\n"},
		{"trailing data", `{}
{}`, "guantong check: invalid clue JSON: standard input:2:1: data after the JSON document\n"},
		{"misspelt enum", "{\"source\": {\"kind\": \"audti\"}}", "guantong check: invalid clue JSON: standard input:1:21: source.kind: unknown agency kind \"audti\"; known: discipline_commission, case_management_office, supervision_office, stationed_group, petition_office, inspection_tour, audit, finance, statistics, soe_owner, petition_bureau, peoples_congress, line_department, public; did you mean \"audit\"?\n"},
		{"date-only timestamps are 00:00 CST; anything else names the forms", "{\"received_at\": \"2026/10/19\"}", "guantong check: invalid clue JSON: standard input:1:17: received_at: \"2026/10/19\" is not a timestamp: want RFC 3339 (2026-10-19T09:00:00+08:00) or a date (2026-10-19, meaning 00:00 China Standard Time)\n"},
		{"two problems at once", `{"source": {"kind": "audti"},
 "matter": 5}`, "guantong check: invalid clue JSON (2 problems):\nstandard input:1:21: source.kind: unknown agency kind \"audti\"; known: discipline_commission, case_management_office, supervision_office, stationed_group, petition_office, inspection_tour, audit, finance, statistics, soe_owner, petition_bureau, peoples_congress, line_department, public; did you mean \"audit\"?\nstandard input:2:12: matter: want a string, found a number\n"},
		{"not an object", "[1, 2]", "guantong check: invalid clue JSON: standard input:1:1: want an object, found an array\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIn(tc.stdin, "check", "--at", "2026-10-19", "-")
			assert.Equal(t, 2, r.code)
			assert.Equal(t, tc.stderr, r.stderr)
			assert.Empty(t, r.stdout)
		})
	}
}

func TestVersion(t *testing.T) {
	r := runIn("", "version")
	require.Equal(t, 0, r.code, r.stderr)
	got := lines(r.stdout)
	require.Len(t, got, 5)
	assert.Regexp(t, `^guantong \S+ \(go`, got[0])
	assert.Equal(t, "rules library version "+strconv.Itoa(int(rules.LibraryVersion)), got[1])
	assert.Regexp(t, `^reference bundle `+referenceVersion(t)+` \(\d+ policies\)$`, got[2])
	cal, err := workday.New()
	require.NoError(t, err)
	assert.Equal(t, "environment: cel-go ext strings v5, lists v5, sets v0, math v3, optional v4; cost limit 1000000, estimate ceiling 10000000", got[3])
	assert.Equal(t, "calendar "+cal.Version()+": 2024 国办发明电〔2023〕7号, 2025 国办发明电〔2024〕12号, 2026 国办发明电〔2025〕7号, 2027 reported (6tail/lunar-go HolidayUtil v1.4.7)", got[4])
	assert.Equal(t, r, runIn("", "--version"))
}

// A sanction proposal: the reference sanction policies compute outputs, which check and
// explain print (成都's pay-deduction rule turns 120,000 yuan of 360,000 into 33.333333%).
func TestCheckSanctionOutputs(t *testing.T) {
	const proposal = `{"id":"7f0b4a9e-0a1c-4c3a-9d4e-1a2b3c4d5e01","agency":{"kind":"soe_owner"},` +
		`"person":{"id":"3f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"},"matter_id":"0c0ffee0-1111-4222-8333-444455556666",` +
		`"measure":{"kind":"accountability_pay_deduction","deduction":{"basis":"amount","value":"120000","base":"360000"}}}`
	r := runIn(proposal, "check", "--subject", "sanction", "--at", "2026-07-01", "-")
	require.Equal(t, 0, r.code, r.stderr)
	got := lines(r.stdout)
	for _, w := range []string{
		`  class                      = "accountability_pay_deduction"  sanction.comparable-classes`,
		`  group_key                  = "0c0ffee0-1111-4222-8333-444455556666"  sanction.group-by-matter`,
		`  deduction_unit             = "percent"  sanction.pay-deduction-heavier`,
		`  deduction_weight           = 33.333333  sanction.pay-deduction-heavier`,
		`  severity                   = 1  sanction.severity-grades`,
	} {
		assert.Contains(t, got, w)
	}
	r = runIn(proposal, "explain", "--subject", "sanction", "--at", "2026-07-01", "--policy", "sanction.pay-deduction-heavier", "-")
	require.Equal(t, 0, r.code, r.stderr)
	got = lines(r.stdout)
	for _, w := range []string{
		`    deduction = {"basis":"amount","value":"120000","base":"360000"}`,
		`  outputs:`,
		`    deduction_weight = "33.333333"`,
	} {
		assert.Contains(t, got, w)
	}
}

// TestReadmeSubjects feeds every subject example of both READMEs to check: each decodes
// (exit 0 or 1, never 2), applies at least one policy, and the two READMEs show the same
// examples.
func TestReadmeSubjects(t *testing.T) {
	re := regexp.MustCompile("(?s)<!-- subject: ([a-z_]+), at: ([0-9-]+) -->\n```json\n(.*?)\n```")
	var seen [2][]string
	for i, readme := range []string{"../../README.md", "../../README.zh-CN.md"} {
		data, err := os.ReadFile(readme)
		require.NoError(t, err)
		blocks := re.FindAllStringSubmatch(string(data), -1)
		require.Len(t, blocks, 5, readme)
		for _, b := range blocks {
			subject, at, body := b[1], b[2], b[3]
			seen[i] = append(seen[i], subject+"@"+at+"\n"+body)
			r := runIn(body, "check", "--subject", subject, "--at", at, "-")
			assert.Contains(t, []int{0, 1}, r.code, "%s %s: %s", readme, subject, r.stderr)
			assert.Empty(t, r.stderr)
			assert.Regexp(t, `(?m)^matched [1-9]`, r.stdout, "%s %s", readme, subject)
		}
	}
	assert.Equal(t, seen[0], seen[1], "the READMEs show different subject examples")
	var names []string
	for _, s := range seen[0] {
		names = append(names, s[:strings.IndexByte(s, '@')])
	}
	assert.Equal(t, []string{"clue", "rectification", "meeting", "meeting_series", "sanction"}, names)
}

// lint, test and check report the same problems of the same directory: a structural problem
// of a test case and the expression problems of the same policy, each once.
func TestSameProblemsEverywhere(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "p.yaml", `id: demo.broken
subject: clue
source: test
match: clue.source.kind == 'audit' && clue.conclusiv_opinion_at != null
obligations:
  - kind: transfer
    due: workday.add(clue.conclusive_opinion_at, 'ten')
tests:
  - name: typo in the subject
    at: 2026-10-19
    subject: {source: {kind: audti}, recieved_at: "2026-10-19"}
    expect: {match: true, colour: red}
`)
	subjectFile := write(t, dir+"/..", "subject.json", `{"source": {"kind": "audit"}}`)
	lint := runIn("", "lint", "--policies", dir)
	assert.Equal(t, 1, lint.code)
	errorsIn := func(s string) int {
		return len(regexp.MustCompile(`(?m)^\S+:\d+:\d+: (error: )?policy demo.broken`).FindAllString(s, -1))
	}
	n := errorsIn(lint.stdout)
	assert.Equal(t, 5, n, lint.stdout)
	assert.Contains(t, lint.stdout, "FAIL: 1 policy in "+dir+": 5 errors")
	for _, args := range [][]string{{"test", "--policies", dir}, {"check", "--policies", dir, subjectFile}} {
		r := runIn("", args...)
		assert.Equal(t, 2, r.code, args)
		assert.Equal(t, n, errorsIn(strings.ReplaceAll(r.stderr, "rules: ", "")), "%v:\n%s", args, r.stderr)
	}
}

// Policies are evaluated under a deadline, 30 seconds unless --timeout says otherwise: a
// check past it stops with a usage error that names the flag.
func TestTimeout(t *testing.T) {
	for _, args := range [][]string{
		{"check", "--timeout", "1ns", "-"},
		{"--timeout=1ns", "explain", "-"},
	} {
		r := runIn(auditLate, args...)
		assert.Equal(t, 2, r.code, "%v: %s", args, r.stderr)
		assert.Contains(t, r.stderr, "policies evaluated for longer than --timeout 1ns and were stopped", args)
		assert.Empty(t, r.stdout)
	}
	r := runIn("", "test", "--timeout", "1ns")
	assert.Equal(t, 2, r.code, r.stderr)
	assert.Contains(t, r.stderr, "--timeout 1ns")
	assert.Equal(t, 1, runIn(auditLate, "check", "--timeout", "0", "-").code, "0: no limit; the late transfer is a finding")
}

// Explain names a reporter's fields by their paths unless --reveal is given.
func TestExplainConfidential(t *testing.T) {
	subject := `{"source": {"kind": "public"}, "receiver": {"kind": "discipline_commission"},
 "received_at": "2026-11-02", "reporters": [{"name": "赵某某", "named": true}]}`
	dir := t.TempDir()
	write(t, dir, "p.yaml", `id: demo.reporter
subject: clue
variables:
  - name: who
    expression: clue.reporters[0].name
validations:
  - expression: variables.who == ''
    messageExpression: "'举报人：' + variables.who"
    reason: NAMED
`)
	r := runIn(subject, "explain", "--policies", dir, "--at", "2026-12-02", "-")
	assert.NotContains(t, r.stdout+r.stderr, "赵某某")
	assert.Contains(t, r.stdout, "举报人：<clue.reporters[0].name>")
	r = runIn(subject, "explain", "--reveal", "--policies", dir, "--at", "2026-12-02", "-")
	assert.Contains(t, r.stdout, "举报人：赵某某")
}
