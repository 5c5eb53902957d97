package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// syncBuffer is a concurrency-safe buffer for the server's error log.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// testServer is a server on a real loopback listener.
type testServer struct {
	*server
	url    string
	errors *syncBuffer
}

func newTestServer(t testing.TB, dir, logPath string) *testServer {
	t.Helper()
	errs := &syncBuffer{}
	s, err := newServer(serverConfig{load: policyFlags{dir: dir, timeout: defaultTimeout}, maxBody: 1 << 20, maxTime: 5 * time.Second,
		logPath: logPath, errorLog: errs, now: func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, workday.Location()) }})
	require.NoError(t, err)
	hs := httptest.NewServer(s)
	t.Cleanup(func() { hs.Close(); s.Close() })
	return &testServer{server: s, url: hs.URL, errors: errs}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), string(r.body))
	return m
}

func do(t testing.TB, method, url, body string, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return response{status: res.StatusCode, header: res.Header, body: data}
}

// readmeSubjects returns the README's subject examples by subject name, with their instant.
func readmeSubjects(t testing.TB) map[string][2]string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	re := regexp.MustCompile("(?s)<!-- subject: ([a-z_]+), at: ([0-9-]+) -->\n```json\n(.*?)\n```")
	out := map[string][2]string{}
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		out[m[1]] = [2]string{m[3], m[2]}
	}
	require.Len(t, out, 5)
	return out
}

// The README clue through the service: the same decision as the library gives, with the
// bundle named in the header and the body.
func TestServeCheck(t *testing.T) {
	ts := newTestServer(t, "", "")
	ex := readmeSubjects(t)
	r := do(t, "POST", ts.url+"/v1/check/clue?at=2026-10-19", ex["clue"][0])
	require.Equal(t, 200, r.status, string(r.body))
	var d rules.Decision
	require.NoError(t, json.Unmarshal(r.body, &d))
	assert.Equal(t, ts.cur.Load().Version(), d.BundleVersion)
	assert.Equal(t, d.BundleVersion, r.header.Get("Guantong-Bundle"))
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "AUDIT_TRANSFER_LATE", d.Violations[0].Reason)
	assert.Equal(t, rules.Position{File: "clue/transfer.yaml", Line: 13, Column: 17}, d.Violations[0].Position)
	require.Len(t, d.Obligations, 1)
	assert.True(t, d.Obligations[0].Due.Equal(end(10, 16)), "10 working days from 2026-09-28 cross 国庆节 and the make-up Saturday: 10-16")
	assert.Empty(t, d.Trace)

	r = do(t, "POST", ts.url+"/v1/check/clue?at=2026-10-19&explain=true&policy=clue.audit-transfer", ex["clue"][0])
	require.Equal(t, 200, r.status, string(r.body))
	require.NoError(t, json.Unmarshal(r.body, &d))
	require.Len(t, d.Trace, 1)
	assert.Equal(t, "clue.audit-transfer", d.Trace[0].PolicyID)
	assert.True(t, d.Trace[0].Matched)
	require.NotEmpty(t, d.Trace[0].Validations)
	assert.False(t, d.Trace[0].Validations[0].Passed)

	for name, e := range ex {
		r := do(t, "POST", ts.url+"/v1/check/"+name+"?at="+e[1], e[0])
		assert.Equal(t, 200, r.status, "%s: %s", name, r.body)
		assert.Equal(t, name, r.json(t)["subject"])
	}
}

// Errors: one shape, a stable code, the field, the right status; never a 500.
func TestServeErrors(t *testing.T) {
	ts := newTestServer(t, "", "")
	clueJSON := readmeSubjects(t)["clue"][0]
	big := `{"matter": "` + strings.Repeat("x", 2<<20) + `"}`
	cases := []struct {
		name, method, path, body string
		header                   []string
		status                   int
		code, field              string
		contains                 string
	}{
		{"typo in an enum", "POST", "/v1/check/clue?at=2026-10-19", `{"source": {"kind": "audti"}}`, nil, 400, codeInvalidSubjectJSON, "source.kind", `did you mean "audit"`},
		{"unknown field", "POST", "/v1/check/clue?at=2026-10-19", `{"recieved_at": "2026-10-19"}`, nil, 400, codeInvalidSubjectJSON, "recieved_at", "received_at"},
		{"malformed JSON", "POST", "/v1/check/clue?at=2026-10-19", `{"source": `, nil, 400, codeInvalidJSON, "", ""},
		{"empty body", "POST", "/v1/check/clue?at=2026-10-19", "", nil, 400, codeInvalidJSON, "", "empty"},
		{"missing at", "POST", "/v1/check/clue", clueJSON, nil, 400, codeMissingParameter, "at", "required"},
		{"bad at", "POST", "/v1/check/clue?at=2026-13-01", clueJSON, nil, 400, codeInvalidParameter, "at", "RFC 3339"},
		{"unknown parameter", "POST", "/v1/check/clue?at=2026-10-19&explian=true", clueJSON, nil, 400, codeInvalidParameter, "explian", `did you mean "explain"`},
		{"bad explain", "POST", "/v1/check/clue?at=2026-10-19&explain=yes", clueJSON, nil, 400, codeInvalidParameter, "explain", "true or false"},
		{"unknown policy", "POST", "/v1/check/clue?at=2026-10-19&policy=clue.audit-transfr", clueJSON, nil, 400, codeInvalidParameter, "policy", `did you mean "clue.audit-transfer"`},
		{"policy of another subject", "POST", "/v1/check/clue?at=2026-10-19&policy=sanction.severity-grades", clueJSON, nil, 400, codeInvalidParameter, "policy", "about subject sanction"},
		{"unknown subject", "POST", "/v1/check/clew?at=2026-10-19", clueJSON, nil, 404, codeUnknownSubject, "subject", `did you mean "clue"`},
		{"wrong method", "GET", "/v1/check/clue?at=2026-10-19", "", nil, 405, codeMethodNotAllowed, "", "POST"},
		{"too large", "POST", "/v1/check/clue?at=2026-10-19", big, nil, 413, codeTooLarge, "", "--max-body"},
		{"not JSON", "POST", "/v1/check/clue?at=2026-10-19", clueJSON, []string{"Content-Type", "text/plain"}, 415, codeUnsupportedMedia, "", "application/json"},
		{"bad timeout header", "POST", "/v1/check/clue?at=2026-10-19", clueJSON, []string{"Guantong-Timeout", "soon"}, 400, codeInvalidParameter, "Guantong-Timeout", "250ms"},
		{"no route", "GET", "/v1/nothing", "", nil, 404, codeNotFound, "", "openapi"},
		{"no policy", "GET", "/v1/policies/clue.nope", "", nil, 404, codeNotFound, "id", ""},
		{"calendar without data", "GET", "/v1/calendar/day?date=2031-05-01", "", nil, 422, codeNoCalendarData, "date", "2031"},
		{"calendar bad unit", "GET", "/v1/calendar/add?from=2026-09-28&n=10&unit=weeks", "", nil, 400, codeInvalidParameter, "unit", "workdays"},
		{"calendar range backwards", "GET", "/v1/calendar/range?from=2026-10-10&to=2026-10-01", "", nil, 400, codeInvalidParameter, "to", "before"},
		{"calendar range too long", "GET", "/v1/calendar/range?from=2026-01-01&to=2027-12-31", "", nil, 400, codeInvalidParameter, "to", "at most 400"},
		{"proposals not an array", "POST", "/v1/sanctions/resolve?decided=2026-10-19", `{}`, nil, 400, codeInvalidJSON, "", "array"},
		{"proposal typo", "POST", "/v1/sanctions/resolve?decided=2026-10-19", `[{"measure": {"kind": "party_warnin"}}]`, nil, 400, codeInvalidSubjectJSON, "[0].measure.kind", `did you mean "party_warning"`},
		{"workbench unknown field", "POST", "/v1/workbench/test", `{"file": "a.yaml", "yml": "x"}`, nil, 400, codeInvalidJSON, "yml", "unknown field"},
		{"workbench bad file", "POST", "/v1/workbench/test", `{"file": "../a.yaml", "yaml": "id: x"}`, nil, 400, codeInvalidParameter, "file", ".yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.method, ts.url+c.path, c.body, c.header...)
			require.Equal(t, c.status, r.status, string(r.body))
			assert.Equal(t, "application/json; charset=utf-8", r.header.Get("Content-Type"))
			var e errorBody
			dec := json.NewDecoder(bytes.NewReader(r.body))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(&e), string(r.body))
			assert.Equal(t, ts.cur.Load().Version(), e.BundleVersion)
			assert.Equal(t, r.header.Get("Guantong-Bundle"), e.BundleVersion)
			assert.Equal(t, c.code, e.Error.Code)
			assert.Equal(t, c.field, e.Error.Field)
			assert.Contains(t, e.Error.Message, c.contains)
			if c.status == 405 {
				assert.Equal(t, "POST", r.header.Get("Allow"))
			}
		})
	}
	// A subject that decodes but fails its own validation is 422, with the JSON path.
	r := do(t, "POST", ts.url+"/v1/check/meeting?at=2026-10-19", `{"place": "市纪委监委"}`)
	require.Equal(t, 422, r.status, string(r.body))
	ev := r.json(t)["error"].(map[string]any)
	assert.Equal(t, codeInvalidSubject, ev["code"])
	assert.Equal(t, "held_at", ev["field"])
	// Line and column of a proposal problem are those of the whole body.
	r = do(t, "POST", ts.url+"/v1/sanctions/resolve?decided=2026-10-19", "[\n  {},\n  {\"measure\": {\"kind\": \"nope\"}}\n]")
	require.Equal(t, 400, r.status, string(r.body))
	var e errorBody
	require.NoError(t, json.Unmarshal(r.body, &e))
	require.NotEmpty(t, e.Error.Problems)
	p := e.Error.Problems[len(e.Error.Problems)-1]
	assert.Equal(t, "[1].measure.kind", p.Field)
	assert.Equal(t, 3, p.Line)
	assert.Equal(t, strings.Index(`  {"measure": {"kind": "nope"}}`, `"nope"`)+1, p.Column)
	assert.Empty(t, ts.errors.String(), "no internal error was logged")
}

// The deadline: the server's maximum and the caller's Guantong-Timeout stop an evaluation
// with 503 timeout.
func TestServeTimeout(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "slow.yaml", `id: demo.slow
subject: clue
validations:
  - expression: "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, clue.matter.size() + a + b + c + d > 0))))"
    message: slow
    reason: SLOW
`)
	ts := newTestServer(t, dir, "")
	r := do(t, "POST", ts.url+"/v1/check/clue?at=2026-10-19", `{"matter": "x"}`, "Guantong-Timeout", "1ns")
	require.Equal(t, 503, r.status, string(r.body))
	assert.Equal(t, codeTimeout, r.json(t)["error"].(map[string]any)["code"])
}

// transferPolicy is a small policy with one test case: 10 working days from 2026-09-28 cross
// 国庆节 and the make-up Saturday 10-10, due 2026-10-16.
const transferPolicy = `id: demo.transfer
subject: clue
match: has(clue.conclusive_opinion_at)
obligations:
  - kind: transfer
    due: workday.add(clue.conclusive_opinion_at, 10)
tests:
  - name: 国庆
    at: 2026-10-19
    subject: {conclusive_opinion_at: "2026-09-28"}
    expect:
      obligations: [{kind: transfer, due: "2026-10-16"}]
`

// Hot reload: a bundle that does not compile, or whose own tests fail, is never served; the
// old one keeps answering and /v1/status names the problems with file:line:col.
func TestServeReload(t *testing.T) {
	dir := t.TempDir()
	good := transferPolicy
	write(t, dir, "p.yaml", good)
	ts := newTestServer(t, dir, "")
	v1 := ts.cur.Load().Version()
	ctx := context.Background()
	assert.False(t, ts.reload(ctx, false), "nothing changed")

	write(t, dir, "p.yaml", strings.Replace(good, "workday.add(clue.conclusive_opinion_at, 10)", "workday.add(clue.conclusive_opinion_at, 10", 1))
	assert.False(t, ts.reload(ctx, true))
	assert.Equal(t, v1, ts.cur.Load().Version(), "a bundle that does not compile is not served")
	st := do(t, "GET", ts.url+"/v1/status", "").json(t)
	last := st["last_reload"].(map[string]any)
	assert.Equal(t, false, last["ok"])
	probs := last["problems"].([]any)
	require.NotEmpty(t, probs)
	p := probs[0].(map[string]any)
	assert.Equal(t, "p.yaml", p["file"])
	assert.Equal(t, float64(6), p["line"])
	assert.NotZero(t, p["column"])
	assert.Equal(t, "demo.transfer", p["policy_id"])
	assert.Equal(t, v1, st["bundle_version"])

	write(t, dir, "p.yaml", strings.Replace(good, ", 10)", ", 11)", 1)) // compiles; its test expects 10-16
	assert.False(t, ts.reload(ctx, true))
	assert.Equal(t, v1, ts.cur.Load().Version(), "a bundle whose tests fail is not served")
	st = do(t, "GET", ts.url+"/v1/status", "").json(t)
	p = st["last_reload"].(map[string]any)["problems"].([]any)[0].(map[string]any)
	assert.Equal(t, float64(8), p["line"], "the failing test case")
	assert.Contains(t, p["message"], "国庆")
	assert.Equal(t, float64(2), st["reload_failures"])

	fixed := strings.Replace(strings.Replace(good, ", 10)", ", 11)", 1), `due: "2026-10-16"`, `due: "2026-10-19"`, 1)
	write(t, dir, "p.yaml", fixed)
	assert.True(t, ts.reload(ctx, false), "the change is seen by polling")
	v2 := ts.cur.Load().Version()
	assert.NotEqual(t, v1, v2)
	r := do(t, "POST", ts.url+"/v1/check/clue?at=2026-10-19", `{"conclusive_opinion_at": "2026-09-28"}`)
	require.Equal(t, 200, r.status)
	assert.Equal(t, v2, r.header.Get("Guantong-Bundle"))
	var d rules.Decision
	require.NoError(t, json.Unmarshal(r.body, &d))
	require.Len(t, d.Obligations, 1)
	assert.True(t, d.Obligations[0].Due.Equal(end(10, 19)), "11 working days: 10-19")
	assert.Equal(t, v2, d.Obligations[0].BundleVersion)
	st = do(t, "GET", ts.url+"/v1/status", "").json(t)
	assert.Equal(t, float64(1), st["reloads"])
	assert.Equal(t, true, st["last_reload"].(map[string]any)["ok"])
}

// Nothing confidential leaves: random clues whose reporters and investigation detail carry
// unique markers, checked with explain against policies that read them into variables,
// messages and outputs; neither the responses, nor the decision log, nor the server's own
// log holds a marker. Malformed confidential values (wrong types) are not echoed either.
func TestServeConfidentialProperty(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "leak.yaml", `id: demo.leak
subject: clue
variables:
  - name: who
    expression: "clue.reporters.size() > 0 ? clue.reporters[0].name + clue.reporters[0].id_number + clue.reporters[0].contact : ''"
  - name: detail
    expression: clue.investigation_detail
validations:
  - expression: variables.who == '' && variables.detail == ''
    messageExpression: "'举报人：' + variables.who + ' 细节：' + variables.detail"
    reason: LEAK
`)
	logPath := filepath.Join(t.TempDir(), "decisions.jsonl")
	ts := newTestServer(t, dir, logPath)
	r := rand.New(rand.NewPCG(1, 2))
	var secrets []string
	var out bytes.Buffer
	for i := range 200 {
		tag := fmt.Sprintf("%d-%d", i, r.Uint32())
		c := clue.Clue{ID: uuid.New(), Source: clue.Agency{Kind: clue.KindPublic, Name: "来源"}, Matter: "问题",
			ReceivedAt:          time.Date(2026, 3, 2, 9, 0, 0, 0, workday.Location()).Add(time.Duration(r.IntN(200*24)) * time.Hour),
			InvestigationDetail: "DETAIL" + tag,
			Reporters:           []clue.Reporter{{Name: "举报人" + tag, IDNumber: "ID" + tag, Contact: "TEL" + tag, Address: "ADDR" + tag, Named: true}}}
		secrets = append(secrets, "举报人"+tag, "ID"+tag, "TEL"+tag, "ADDR"+tag, "DETAIL"+tag)
		body, err := json.Marshal(c)
		require.NoError(t, err)
		res := do(t, "POST", ts.url+"/v1/check/clue?at=2026-12-02&explain=true", string(body))
		require.Equal(t, 200, res.status, string(res.body))
		out.Write(res.body)
		wb, _ := json.Marshal(map[string]any{"subject": "clue", "at": "2026-12-02", "input": json.RawMessage(body)})
		res = do(t, "POST", ts.url+"/v1/workbench/check", string(wb))
		require.Equal(t, 200, res.status, string(res.body))
		out.Write(res.body)
		// A malformed confidential value: the error names the path, not the value.
		bad := strings.Replace(string(body), `"named":true`, `"named":"ID`+tag+`"`, 1)
		res = do(t, "POST", ts.url+"/v1/check/clue?at=2026-12-02", bad)
		require.Equal(t, 400, res.status, string(res.body))
		out.Write(res.body)
	}
	logged, err := os.ReadFile(logPath)
	require.NoError(t, err)
	assert.Equal(t, 200, bytes.Count(logged, []byte("\n")), "one line per /v1/check decision")
	all := out.String() + string(logged) + ts.errors.String()
	assert.Contains(t, all, "举报人：<clue.reporters[0].name>", "the message names the path")
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Fatalf("confidential value %q left the server", s)
		}
	}
	// Each log line is one decision with its input hash.
	line := strings.SplitN(string(logged), "\n", 2)[0]
	var l logLine
	dec := json.NewDecoder(strings.NewReader(line))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&l))
	assert.Equal(t, "clue", l.Subject)
	assert.Equal(t, ts.cur.Load().Version(), l.BundleVersion)
	assert.Len(t, l.InputSHA256, 64)
	assert.Contains(t, l.Matched, "demo.leak")
}

// The workbench routes compile a pasted file, run its tests and check with the trace,
// never touching the served bundle.
func TestServeWorkbench(t *testing.T) {
	ts := newTestServer(t, "", "")
	served := ts.cur.Load().Version()
	pol := do(t, "GET", ts.url+"/v1/policies/clue.audit-transfer", "").json(t)
	doc := pol["document"].(string)
	require.Contains(t, doc, "id: clue.audit-transfer")
	file := pol["file"].(string)

	body := func(yaml string) string {
		b, _ := json.Marshal(workbenchFile{File: file, YAML: yaml})
		return string(b)
	}
	r := do(t, "POST", ts.url+"/v1/workbench/test", body(doc))
	require.Equal(t, 200, r.status, string(r.body))
	var tr workbenchTestResponse
	require.NoError(t, json.Unmarshal(r.body, &tr))
	assert.True(t, tr.Passed)
	assert.NotEmpty(t, tr.Results)

	broken := strings.Replace(doc, "workday.add(", "workday.add((", 1)
	require.NotEqual(t, doc, broken)
	r = do(t, "POST", ts.url+"/v1/workbench/test", body(broken))
	require.Equal(t, 422, r.status, string(r.body))
	var e errorBody
	require.NoError(t, json.Unmarshal(r.body, &e))
	assert.Equal(t, codePolicyInvalid, e.Error.Code)
	require.NotEmpty(t, e.Error.Problems)
	assert.Equal(t, file, e.Error.Problems[0].File)
	assert.NotZero(t, e.Error.Problems[0].Line)
	assert.Equal(t, served, ts.cur.Load().Version())
}

// The benchmark of one validation call: in process (Bundle.Check on the decoded subject),
// the same through the service's handler without a network (decode, check, encode), and a
// real HTTP round trip on loopback. Compare them in one run: the ratio is the cost of
// HTTP+JSON.
func BenchmarkServeCheck(b *testing.B) {
	ts := newTestServer(b, "", "")
	body := readmeSubjects(b)["clue"][0]
	url := ts.url + "/v1/check/clue?at=2026-10-19"
	bundle := ts.cur.Load()
	sub := ts.current().subjects["clue"]
	v, err := sub.Decode([]byte(body))
	require.NoError(b, err)
	at := time.Date(2026, 10, 19, 0, 0, 0, 0, workday.Location())
	ctx := context.Background()
	b.Run("in-process", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := bundle.Check(ctx, v, at); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("handler", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("POST", url, strings.NewReader(body))
			w := httptest.NewRecorder()
			ts.ServeHTTP(w, req)
			if w.Code != 200 {
				b.Fatal(w.Code, w.Body.String())
			}
		}
	})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	b.Run("http", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			res, err := client.Post(url, "application/json", strings.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatal(res.StatusCode)
			}
		}
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The READMEs' "Run as a service" example: the curl request they show gives the output they
// show (compared as JSON values; the README indents it).
func TestReadmeServiceExample(t *testing.T) {
	ts := newTestServer(t, "", "")
	re := regexp.MustCompile("(?s)<!-- service: (POST|GET) (\\S+) -->\n```sh\ncurl -s --json '([^']*)' \\\\\n  'http://127.0.0.1:8181(\\S+)'\n```\n.*?```json\n(.*?)\n```")
	for _, readme := range []string{"../../README.md", "../../README.zh-CN.md"} {
		data, err := os.ReadFile(readme)
		require.NoError(t, err)
		m := re.FindStringSubmatch(string(data))
		require.NotNil(t, m, "%s: the service example", readme)
		assert.Equal(t, m[2], m[4], "the marker names the URL of the curl command")
		r := do(t, m[1], ts.url+m[4], m[3])
		require.Equal(t, 200, r.status, string(r.body))
		var got, want any
		require.NoError(t, json.Unmarshal(r.body, &got))
		require.NoError(t, json.Unmarshal([]byte(m[5]), &want), readme)
		assert.Equal(t, want, got, "%s shows the service's real answer", readme)
	}
	cmd := "go run ./cmd/guantong serve"
	for _, readme := range []string{"../../README.md", "../../README.zh-CN.md"} {
		data, _ := os.ReadFile(readme)
		assert.Contains(t, string(data), cmd)
	}
}
