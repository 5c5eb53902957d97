package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

// apiError is the one error shape of the service: {"bundle_version": …, "error": {…}}.
// Code is stable (see serveHelp and the OpenAPI document); Message is for people.
type apiError struct {
	Status   int          `json:"-"`
	Code     string       `json:"code"`
	Message  string       `json:"message"`
	Field    string       `json:"field,omitempty"` // the JSON path or parameter at fault
	Problems []apiProblem `json:"problems,omitempty"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

// apiProblem is one thing wrong with a request: a subject field (field, line, column within
// the body) or a policy (file, line, column, policy_id, field within the policy).
type apiProblem struct {
	Field    string   `json:"field,omitempty"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	PolicyID string   `json:"policy_id,omitempty"`
	Message  string   `json:"message"`
	Known    []string `json:"known,omitempty"`
	Suggest  string   `json:"suggest,omitempty"`
	Snippet  string   `json:"snippet,omitempty"`
}

// errorBody is what an error response carries.
type errorBody struct {
	BundleVersion string   `json:"bundle_version"`
	Error         apiError `json:"error"`
}

// Error codes, stable.
const (
	codeInvalidJSON        = "invalid_json"
	codeInvalidSubjectJSON = "invalid_subject_json"
	codeInvalidParameter   = "invalid_parameter"
	codeMissingParameter   = "missing_parameter"
	codeInvalidSubject     = "invalid_subject"
	codePolicyInvalid      = "policy_invalid"
	codePolicyError        = "policy_error"
	codeNoCalendarData     = "no_calendar_data"
	codeUnknownSubject     = "unknown_subject"
	codeNotFound           = "not_found"
	codeMethodNotAllowed   = "method_not_allowed"
	codeTooLarge           = "too_large"
	codeUnsupportedMedia   = "unsupported_media_type"
	codeTimeout            = "timeout"
	codeNotReady           = "not_ready"
	codeInternal           = "internal"
)

func badParam(name, format string, args ...any) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: codeInvalidParameter, Field: name, Message: fmt.Sprintf(format, args...)}
}

// endpoint is one route: its methods, the query parameters it takes, and its handler, which
// returns the response body (encoded as JSON with status 200) or an error.
type endpoint struct {
	name    string // the route pattern, the metrics label
	method  string
	params  []string
	handler func(r *http.Request, g *served, q url.Values) (any, error)

	// The OpenAPI document's view of the route.
	summary  string
	request  any               // a value of the request body's type; nil for none
	response any               // a value of the 200 response body's type
	param    map[string]string // parameter descriptions (path and query)
	required []string          // required query parameters
}

// routes builds the handler of every route.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()
	eps := s.endpoints()
	for _, ep := range eps {
		mux.Handle(ep.name, s.api(ep))
	}
	mux.Handle("/v1/", s.api(endpoint{name: "/v1/", handler: func(r *http.Request, _ *served, _ url.Values) (any, error) {
		return nil, &apiError{Status: http.StatusNotFound, Code: codeNotFound, Message: fmt.Sprintf("no route %s (see /v1/openapi.json)", r.URL.Path)}
	}}))
	mux.Handle("/metrics", s.metrics.handler(s))
	mux.Handle("/", s.observe("/", workbenchHandler()))
	return mux
}

// observe counts a non-JSON route in the metrics.
func (s *server) observe(name string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		rw.Header().Set("Guantong-Bundle", s.cur.Load().Version())
		h.ServeHTTP(rw, r)
		s.metrics.request(name, r.Method, rw.status, time.Since(start))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) { w.status = code; w.ResponseWriter.WriteHeader(code) }

// api wraps an endpoint: one generation for the whole request, the method and the query
// parameters checked, the body or the error written as JSON, the request counted.
func (s *server) api(ep endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		g := s.current()
		status := http.StatusOK
		body, err := s.serveEndpoint(ep, r, g)
		if err != nil {
			var ae *apiError
			if !errors.As(err, &ae) {
				fmt.Fprintf(s.cfg.errorLog, "guantong serve: %s %s: internal error (%T)\n", r.Method, ep.name, err)
				ae = &apiError{Status: http.StatusInternalServerError, Code: codeInternal, Message: "internal error; the server's log has its type"}
			}
			if ae.Status == http.StatusMethodNotAllowed {
				w.Header().Set("Allow", ep.method)
			}
			status = ae.Status
			body = errorBody{BundleVersion: g.bundle.Version(), Error: *ae}
		}
		writeJSON(w, g, status, body)
		s.metrics.request(ep.name, r.Method, status, time.Since(start))
	})
}

func (s *server) serveEndpoint(ep endpoint, r *http.Request, g *served) (any, error) {
	if ep.method != "" && r.Method != ep.method && !(ep.method == http.MethodGet && r.Method == http.MethodHead) {
		return nil, &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethodNotAllowed,
			Message: fmt.Sprintf("%s takes %s, not %s", ep.name, ep.method, r.Method)}
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badParam("", "malformed query string: %v", err)
	}
	for name := range q {
		if !contains(ep.params, name) {
			msg := fmt.Sprintf("unknown query parameter %q", name)
			if len(ep.params) == 0 {
				msg += fmt.Sprintf("; %s takes none", ep.name)
			} else {
				msg += "; known: " + strings.Join(ep.params, ", ")
				if sug := closest(name, ep.params); sug != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", sug)
				}
			}
			return nil, badParam(name, "%s", msg)
		}
		if name != "policy" && len(q[name]) > 1 {
			return nil, badParam(name, "query parameter %q given %d times", name, len(q[name]))
		}
	}
	return ep.handler(r, g, q)
}

func writeJSON(w http.ResponseWriter, g *served, status int, body any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		_ = enc.Encode(errorBody{BundleVersion: g.bundle.Version(), Error: apiError{Code: codeInternal, Message: "the response could not be encoded"}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Guantong-Bundle", g.bundle.Version())
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readBody reads a JSON request body of at most the server's maximum.
func (s *server) readBody(r *http.Request) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return nil, &apiError{Status: http.StatusUnsupportedMediaType, Code: codeUnsupportedMedia,
				Message: fmt.Sprintf("Content-Type %q: send application/json (curl: --json or -H 'Content-Type: application/json')", ct)}
		}
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, s.cfg.maxBody+1))
	if err != nil {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "the request body could not be read"}
	}
	if int64(len(data)) > s.cfg.maxBody {
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge,
			Message: fmt.Sprintf("request body larger than %d bytes (--max-body)", s.cfg.maxBody)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "empty request body; want JSON"}
	}
	return data, nil
}

// evalContext is the request's context bounded by the server's --max-time and the caller's
// Guantong-Timeout header, whichever is shorter. The caller hanging up cancels it too.
func (s *server) evalContext(r *http.Request) (context.Context, context.CancelFunc, error) {
	d := s.cfg.maxTime
	if h := r.Header.Get("Guantong-Timeout"); h != "" {
		t, err := time.ParseDuration(h)
		if err != nil || t <= 0 {
			return nil, nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidParameter, Field: "Guantong-Timeout",
				Message: fmt.Sprintf("header Guantong-Timeout %q: want a positive duration such as 250ms or 2s", h)}
		}
		d = min(d, t)
	}
	ctx, cancel := context.WithTimeout(r.Context(), d)
	return ctx, cancel, nil
}

// stopped is the error of an evaluation cut short by the deadline or the caller.
func stopped(ctx context.Context) *apiError {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "the evaluation took longer than its deadline (--max-time or Guantong-Timeout) and was stopped"}
	}
	return &apiError{Status: http.StatusServiceUnavailable, Code: codeTimeout, Message: "the request was cancelled"}
}

// instantParam reads a required instant.
func instantParam(q url.Values, name string) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: name,
			Message: fmt.Sprintf("query parameter %s is required: an instant, RFC 3339 (2026-10-19T09:00:00+08:00) or a date 2026-10-19 (00:00 CST)", name)}
	}
	t, err := parseInstant(v)
	if err != nil {
		return time.Time{}, badParam(name, "%s: %v", name, err)
	}
	return t, nil
}

// dateParam reads a required CST date.
func dateParam(q url.Values, name string) (workday.Date, error) {
	v := q.Get(name)
	if v == "" {
		return workday.Date{}, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: name,
			Message: fmt.Sprintf("query parameter %s is required: a date such as 2026-10-01", name)}
	}
	d, err := workday.ParseDate(v)
	if err != nil {
		return workday.Date{}, badParam(name, "%s %q: want a date such as 2026-10-01", name, v)
	}
	return d, nil
}

// boolParam reads an optional boolean: true or false (absent is false).
func boolParam(q url.Values, name string) (bool, error) {
	switch v := q.Get(name); v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	default:
		return false, badParam(name, "%s=%q: want true or false", name, v)
	}
}

// subjectFor finds the subject named in a path or body.
func subjectFor(g *served, name, field string) (rules.Subject, error) {
	if sub, ok := g.subjects[name]; ok {
		return sub, nil
	}
	known := g.subjectNames()
	msg := fmt.Sprintf("unknown subject %q; known: %s", name, strings.Join(known, ", "))
	sug := closest(name, known)
	if sug != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", sug)
	}
	return rules.Subject{}, &apiError{Status: http.StatusNotFound, Code: codeUnknownSubject, Field: field, Message: msg,
		Problems: []apiProblem{{Field: field, Message: msg, Known: known, Suggest: sug}}}
}

// subjectError turns a subject decoding error into the service's error: 400 for JSON that is
// malformed or does not fit the type (an unknown field, an unknown enum value, a wrong type),
// 422 for a subject that decodes but misses a required field or fails its own validation.
// Problems carry the JSON path, line and column; never the offending value itself, which
// may be confidential (the known values and the suggestion are the type's, not the input's).
func subjectError(name string, err error, prefix string, lineOffset, colOffset int) error {
	var se *rules.SubjectError
	if !errors.As(err, &se) {
		return err
	}
	ae := &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalidSubject}
	for _, p := range se.Problems {
		switch {
		case errors.Is(p.Kind, rules.ErrSyntax):
			ae.Status, ae.Code = http.StatusBadRequest, codeInvalidJSON
		case errors.Is(p.Kind, rules.ErrMissingField), errors.Is(p.Kind, rules.ErrValidation):
		default:
			if ae.Code != codeInvalidJSON {
				ae.Status, ae.Code = http.StatusBadRequest, codeInvalidSubjectJSON
			}
		}
		field := joinPath(prefix, p.Path)
		line, col := p.Line, p.Column
		if line == 1 {
			col += colOffset
		}
		if line > 0 {
			line += lineOffset
		}
		ae.Problems = append(ae.Problems, apiProblem{Field: field, Line: line, Column: col, Message: p.Message, Known: p.Known, Suggest: p.Suggest})
	}
	if len(ae.Problems) > 0 {
		ae.Field = ae.Problems[0].Field
		first := ae.Problems[0]
		where := first.Field
		if where == "" {
			where = "document"
		}
		ae.Message = fmt.Sprintf("invalid %s JSON: %s: %s", name, where, first.Message)
		if n := len(ae.Problems); n > 1 {
			ae.Message += fmt.Sprintf(" (and %s more)", plural(n-1, "problem"))
		}
	} else {
		ae.Message = fmt.Sprintf("invalid %s JSON", name)
	}
	return ae
}

func joinPath(prefix, p string) string {
	switch {
	case prefix == "":
		return p
	case p == "":
		return prefix
	case strings.HasPrefix(p, "["):
		return prefix + p
	}
	return prefix + "." + p
}

// policyProblems turns load problems into the service's problems, with file:line:col.
func policyProblems(ps []*rules.Problem) []apiProblem {
	out := make([]apiProblem, 0, len(ps))
	for _, p := range ps {
		out = append(out, apiProblem{Field: p.Field, File: p.Position.File, Line: p.Position.Line, Column: p.Position.Column,
			PolicyID: p.PolicyID, Message: p.Message, Snippet: p.Snippet})
	}
	return out
}

// policyError turns an error of compiling pasted policies into the service's error.
func policyError(err error) error {
	var le *rules.LoadError
	if errors.As(err, &le) {
		probs := policyProblems(le.Problems)
		ae := &apiError{Status: http.StatusUnprocessableEntity, Code: codePolicyInvalid, Problems: probs,
			Message: fmt.Sprintf("the policy does not compile (%s)", plural(len(probs), "problem"))}
		if len(probs) > 0 {
			p := probs[0]
			ae.Message = fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
			if len(probs) > 1 {
				ae.Message += fmt.Sprintf(" (and %s more)", plural(len(probs)-1, "problem"))
			}
			ae.Field = p.Field
		}
		return ae
	}
	if errors.Is(err, rules.ErrEmptyBundle) {
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codePolicyInvalid, Field: "yaml", Message: "the document holds no policy"}
	}
	return err
}

// check answers POST /v1/check/{subject}.
func (s *server) check(r *http.Request, g *served, q url.Values) (any, error) {
	sub, err := subjectFor(g, r.PathValue("subject"), "subject")
	if err != nil {
		return nil, err
	}
	at, err := instantParam(q, "at")
	if err != nil {
		return nil, err
	}
	explain, err := boolParam(q, "explain")
	if err != nil {
		return nil, err
	}
	var opts []rules.CheckOption
	if explain {
		opts = append(opts, rules.Explain())
	}
	if ids := q["policy"]; len(ids) > 0 {
		for _, id := range ids {
			i, ok := g.byID[id]
			if !ok {
				return nil, badParam("policy", "no policy %q in bundle %s%s", id, g.bundle.Version(), didYouMean(id, keys(g.byID)))
			}
			if p := g.policies[i]; p.Subject != sub.Name() {
				return nil, badParam("policy", "policy %q is about subject %s, not %s", id, p.Subject, sub.Name())
			}
		}
		opts = append(opts, rules.OnlyPolicies(ids...))
	}
	body, err := s.readBody(r)
	if err != nil {
		return nil, err
	}
	v, err := sub.Decode(body)
	if err != nil {
		return nil, subjectError(sub.Name(), err, "", 0, 0)
	}
	ctx, cancel, err := s.evalContext(r)
	if err != nil {
		return nil, err
	}
	defer cancel()
	d, err := g.bundle.Check(ctx, v, at, opts...)
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	if err != nil {
		return nil, err
	}
	if explain {
		sanitizeTrace(&d)
	}
	s.decided(r, g, body, &d)
	return d, nil
}

// decided records a decision in the metrics and the decision log.
func (s *server) decided(r *http.Request, g *served, input []byte, d *rules.Decision) {
	s.metrics.decision(d)
	if s.log != nil {
		if err := s.log.write(s.cfg.now().In(workday.Location()), r.URL.Path, input, d); err != nil {
			fmt.Fprintf(s.cfg.errorLog, "guantong serve: decision log: %v\n", err)
		}
	}
}

// resolveResponse is the answer of /v1/sanctions/resolve.
type resolveResponse struct {
	BundleVersion string          `json:"bundle_version"`
	Result        sanction.Result `json:"result"`
}

// resolve answers POST /v1/sanctions/resolve: a JSON array of proposals, each decoded as
// strictly as a sanction subject.
func (s *server) resolve(r *http.Request, g *served, q url.Values) (any, error) {
	decided, err := instantParam(q, "decided")
	if err != nil {
		return nil, err
	}
	body, err := s.readBody(r)
	if err != nil {
		return nil, err
	}
	sub, err := subjectFor(g, "sanction", "")
	if err != nil {
		return nil, err
	}
	proposals, err := decodeProposals(sub, body)
	if err != nil {
		return nil, err
	}
	ctx, cancel, err := s.evalContext(r)
	if err != nil {
		return nil, err
	}
	defer cancel()
	res, err := g.resolver.Resolve(ctx, proposals, decided)
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	if err != nil {
		var pe *sanction.PolicyError
		var fe *sanction.FieldError
		switch {
		case errors.As(err, &fe):
			return nil, &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalidSubject, Field: fe.Field, Message: err.Error()}
		case errors.As(err, &pe):
			return nil, &apiError{Status: http.StatusUnprocessableEntity, Code: codePolicyError, Message: err.Error()}
		case errors.Is(err, sanction.ErrInvalidProposal):
			return nil, &apiError{Status: http.StatusUnprocessableEntity, Code: codeInvalidSubject, Message: err.Error()}
		}
		return nil, err
	}
	return resolveResponse{BundleVersion: g.bundle.Version(), Result: res}, nil
}

// decodeProposals reads a JSON array of proposals; problems name the element ([2].measure.kind)
// and the line and column in the whole body.
func decodeProposals(sub rules.Subject, body []byte) ([]sanction.Proposal, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	tok, err := dec.Token()
	if d, ok := tok.(json.Delim); err != nil || !ok || d != '[' {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "want a JSON array of sanction proposals"}
	}
	var out []sanction.Proposal
	var problems []apiProblem
	status, code := http.StatusUnprocessableEntity, codeInvalidSubject
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Field: fmt.Sprintf("[%d]", i), Message: fmt.Sprintf("malformed JSON at element %d: %v", i, err)}
		}
		start := int(dec.InputOffset()) - len(raw)
		v, err := sub.Decode(raw)
		if err != nil {
			line := bytes.Count(body[:start], []byte("\n"))
			col := start - bytes.LastIndexByte(body[:start], '\n') - 1
			e := subjectError("sanction proposal", err, fmt.Sprintf("[%d]", i), line, col)
			var ae *apiError
			if !errors.As(e, &ae) {
				return nil, e
			}
			if ae.Status == http.StatusBadRequest {
				status, code = ae.Status, ae.Code
			}
			problems = append(problems, ae.Problems...)
			continue
		}
		out = append(out, *v.(*sanction.Proposal))
	}
	if _, err := dec.Token(); err != nil {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "malformed JSON array of proposals"}
	}
	if dec.More() || dec.InputOffset() < int64(len(bytes.TrimRight(body, " \t\r\n"))) {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "data after the array of proposals"}
	}
	if len(problems) > 0 {
		p := problems[0]
		msg := fmt.Sprintf("invalid sanction proposal: %s: %s", p.Field, p.Message)
		if len(problems) > 1 {
			msg += fmt.Sprintf(" (and %s more)", plural(len(problems)-1, "problem"))
		}
		return nil, &apiError{Status: status, Code: code, Field: p.Field, Message: msg, Problems: problems}
	}
	if len(out) == 0 {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "no proposals: want a JSON array of at least one sanction proposal"}
	}
	return out, nil
}

// calendarDay is a day as the calendar routes answer it.
type calendarDay struct {
	Date      workday.Date      `json:"date"`
	Weekday   string            `json:"weekday"`
	Kind      string            `json:"kind"` // workday, rest_day, holiday, makeup_workday or unknown
	Working   bool              `json:"working"`
	Festival  string            `json:"festival,omitempty"`
	Certainty workday.Certainty `json:"certainty"` // or unknown: no data for its year
}

var weekdaysZH = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

func dayOf(cal *workday.Calendar, d workday.Date) (calendarDay, error) {
	out := calendarDay{Date: d, Weekday: weekdaysZH[d.Weekday()]}
	day, err := cal.Day(d.Start())
	if err != nil {
		return out, err
	}
	out.Kind, out.Working, out.Festival, out.Certainty = day.Kind.String(), day.Kind.IsWorking(), day.Festival, day.Certainty
	return out, nil
}

func noData(field string, err error) error {
	var nd *workday.NoDataError
	if errors.As(err, &nd) || errors.Is(err, workday.ErrNoData) {
		return &apiError{Status: http.StatusUnprocessableEntity, Code: codeNoCalendarData, Field: field, Message: err.Error()}
	}
	var re *workday.RangeError
	if errors.As(err, &re) {
		return badParam(field, "%v", err)
	}
	return err
}

type dayResponse struct {
	BundleVersion string `json:"bundle_version"`
	Calendar      string `json:"calendar"`
	calendarDay
}

func (s *server) calendarDay(_ *http.Request, g *served, q url.Values) (any, error) {
	d, err := dateParam(q, "date")
	if err != nil {
		return nil, err
	}
	day, err := dayOf(g.cal, d)
	if err != nil {
		return nil, noData("date", err)
	}
	return dayResponse{BundleVersion: g.bundle.Version(), Calendar: g.cal.Version(), calendarDay: day}, nil
}

type rangeResponse struct {
	BundleVersion string        `json:"bundle_version"`
	Calendar      string        `json:"calendar"`
	From          workday.Date  `json:"from"`
	To            workday.Date  `json:"to"`
	Days          []calendarDay `json:"days"`
}

// maxRangeDays bounds /v1/calendar/range.
const maxRangeDays = 400

func (s *server) calendarRange(_ *http.Request, g *served, q url.Values) (any, error) {
	from, err := dateParam(q, "from")
	if err != nil {
		return nil, err
	}
	to, err := dateParam(q, "to")
	if err != nil {
		return nil, err
	}
	if to.Before(from) {
		return nil, badParam("to", "to %s is before from %s", to, from)
	}
	if n := to.DaysSince(from) + 1; n > maxRangeDays {
		return nil, badParam("to", "%d days asked; at most %d", n, maxRangeDays)
	}
	out := rangeResponse{BundleVersion: g.bundle.Version(), Calendar: g.cal.Version(), From: from, To: to}
	for d := from; !d.After(to); d = d.AddDays(1) {
		day, err := dayOf(g.cal, d)
		if err != nil {
			if e := noData("from", err); !isCode(e, codeNoCalendarData) {
				return nil, e
			}
			day.Kind, day.Certainty = "unknown", "unknown"
		}
		out.Days = append(out.Days, day)
	}
	return out, nil
}

func isCode(err error, code string) bool {
	var ae *apiError
	return errors.As(err, &ae) && ae.Code == code
}

type addResponse struct {
	BundleVersion string            `json:"bundle_version"`
	Calendar      string            `json:"calendar"`
	From          time.Time         `json:"from"`
	N             int               `json:"n"`
	Unit          string            `json:"unit"`
	Due           time.Time         `json:"due"`
	DueDate       workday.Date      `json:"due_date"`
	Certainty     workday.Certainty `json:"certainty"`
}

var calendarUnits = []string{"workdays", "months", "days"}

func (s *server) calendarAdd(_ *http.Request, g *served, q url.Values) (any, error) {
	from, err := instantParam(q, "from")
	if err != nil {
		return nil, err
	}
	nv := q.Get("n")
	if nv == "" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "n", Message: "query parameter n is required: a whole number of units (negative counts backwards)"}
	}
	n, err := strconv.Atoi(nv)
	if err != nil || n < -3660 || n > 3660 {
		return nil, badParam("n", "n=%q: want a whole number between -3660 and 3660", nv)
	}
	unit := q.Get("unit")
	var res workday.Result
	switch unit {
	case "workdays":
		res, err = g.cal.AddWorkdays(from, n)
	case "months":
		res, err = g.cal.AddMonths(from, n)
	case "days":
		res, err = g.cal.AddDays(from, n)
	case "":
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "unit", Message: "query parameter unit is required: workdays, months or days"}
	default:
		return nil, badParam("unit", "unknown unit %q; known: %s%s", unit, strings.Join(calendarUnits, ", "), didYouMean(unit, calendarUnits))
	}
	if err != nil {
		return nil, noData("from", err)
	}
	return addResponse{BundleVersion: g.bundle.Version(), Calendar: g.cal.Version(), From: from, N: n, Unit: unit,
		Due: res.Time, DueDate: workday.DateOf(res.Time), Certainty: res.Certainty}, nil
}

type policiesResponse struct {
	BundleVersion string       `json:"bundle_version"`
	Policies      []policyInfo `json:"policies"`
}

func (s *server) policies(_ *http.Request, g *served, _ url.Values) (any, error) {
	return policiesResponse{BundleVersion: g.bundle.Version(), Policies: g.policies}, nil
}

type policyResponse struct {
	BundleVersion string `json:"bundle_version"`
	policyInfo
}

func (s *server) policy(r *http.Request, g *served, _ url.Values) (any, error) {
	id := r.PathValue("id")
	i, ok := g.byID[id]
	if !ok {
		return nil, &apiError{Status: http.StatusNotFound, Code: codeNotFound, Field: "id",
			Message: fmt.Sprintf("no policy %q in bundle %s%s", id, g.bundle.Version(), didYouMean(id, keys(g.byID)))}
	}
	p := g.policies[i]
	p.Document = g.documents[p.File]
	return policyResponse{BundleVersion: g.bundle.Version(), policyInfo: p}, nil
}

type versionResponse struct {
	BundleVersion  string `json:"bundle_version"`
	Calendar       string `json:"calendar"`
	LibraryVersion uint32 `json:"library_version"`
	Guantong       string `json:"guantong"`
}

func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

func (s *server) version(_ *http.Request, g *served, _ url.Values) (any, error) {
	return versionResponse{BundleVersion: g.bundle.Version(), Calendar: g.cal.Version(), LibraryVersion: rules.LibraryVersion, Guantong: toolVersion()}, nil
}

type healthResponse struct {
	Status        string `json:"status"`
	BundleVersion string `json:"bundle_version"`
}

func (s *server) health(_ *http.Request, g *served, _ url.Values) (any, error) {
	return healthResponse{Status: "ok", BundleVersion: g.bundle.Version()}, nil
}

// ready is ready once a bundle is served: the server does not listen before it has one,
// so a listening server is ready unless it is shutting down.
func (s *server) ready(r *http.Request, g *served, _ url.Values) (any, error) {
	if err := r.Context().Err(); err != nil {
		return nil, &apiError{Status: http.StatusServiceUnavailable, Code: codeNotReady, Message: "shutting down"}
	}
	return healthResponse{Status: "ready", BundleVersion: g.bundle.Version()}, nil
}

type statusResponse struct {
	BundleVersion string    `json:"bundle_version"`
	Calendar      string    `json:"calendar"`
	Source        string    `json:"source"`
	LoadedAt      time.Time `json:"loaded_at"`
	Policies      int       `json:"policies"`
	reloadStatus
}

func (s *server) statusReport(_ *http.Request, g *served, _ url.Values) (any, error) {
	s.mu.RLock()
	st := s.status
	s.mu.RUnlock()
	return statusResponse{BundleVersion: g.bundle.Version(), Calendar: g.cal.Version(), Source: g.source, LoadedAt: g.loadedAt,
		Policies: len(g.policies), reloadStatus: st}, nil
}

// workbenchFile is a pasted policy file.
type workbenchFile struct {
	File string `json:"file"`
	YAML string `json:"yaml"`
}

type workbenchTestResponse struct {
	BundleVersion string             `json:"bundle_version"` // the pasted file's bundle
	Passed        bool               `json:"passed"`
	Results       []rules.TestResult `json:"results"`
	Warnings      []apiProblem       `json:"warnings,omitempty"`
}

// decodeRequest decodes a JSON request body strictly into v (unknown fields are errors).
func decodeRequest(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		field := ""
		msg := err.Error()
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			field, msg = ute.Field, fmt.Sprintf("%s: want %s", ute.Field, ute.Type)
		}
		if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			field, msg = strings.Trim(f, `"`), "unknown field "+f
		}
		return &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Field: field, Message: msg}
	}
	if dec.More() {
		return &apiError{Status: http.StatusBadRequest, Code: codeInvalidJSON, Message: "data after the JSON object"}
	}
	return nil
}

// compilePasted compiles a pasted policy file on the served calendar (never served).
func compilePasted(g *served, f workbenchFile) (*rules.Bundle, error) {
	switch ext := path.Ext(f.File); {
	case f.File == "":
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "file", Message: "file is required: the policy file's name, e.g. clue/transfer.yaml"}
	case ext != ".yaml" && ext != ".yml" && ext != ".json", path.Clean(f.File) != f.File, strings.HasPrefix(f.File, "/"), strings.HasPrefix(f.File, ".."):
		return nil, badParam("file", "file %q: want a relative name ending in .yaml, .yml or .json", f.File)
	}
	if strings.TrimSpace(f.YAML) == "" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "yaml", Message: "yaml is required: the text of the policy file"}
	}
	e, err := rules.New(g.cal, rules.WithSubjects(domain.Subjects()...))
	if err != nil {
		return nil, err
	}
	ps, err := rules.Parse(f.File, []byte(f.YAML), rules.LoadLimits(e.Limits()))
	if err != nil {
		return nil, policyError(err)
	}
	b, err := e.Compile(ps)
	if err != nil {
		return nil, policyError(err)
	}
	return b, nil
}

func (s *server) workbenchTest(r *http.Request, g *served, _ url.Values) (any, error) {
	body, err := s.readBody(r)
	if err != nil {
		return nil, err
	}
	var f workbenchFile
	if err := decodeRequest(body, &f); err != nil {
		return nil, err
	}
	b, err := compilePasted(g, f)
	if err != nil {
		return nil, err
	}
	ctx, cancel, err := s.evalContext(r)
	if err != nil {
		return nil, err
	}
	defer cancel()
	res := b.RunTests(ctx)
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	out := workbenchTestResponse{BundleVersion: b.Version(), Passed: true, Results: res, Warnings: policyProblems(b.Warnings())}
	if out.Results == nil {
		out.Results = []rules.TestResult{}
	}
	for _, t := range res {
		out.Passed = out.Passed && t.Passed
	}
	return out, nil
}

// workbenchCheckRequest is a subject checked on a pasted file (or the served bundle).
type workbenchCheckRequest struct {
	File    string          `json:"file,omitempty"`
	YAML    string          `json:"yaml,omitempty"`
	Subject string          `json:"subject"`
	At      string          `json:"at"`
	Input   json.RawMessage `json:"input"`
}

func (s *server) workbenchCheck(r *http.Request, g *served, _ url.Values) (any, error) {
	body, err := s.readBody(r)
	if err != nil {
		return nil, err
	}
	var req workbenchCheckRequest
	if err := decodeRequest(body, &req); err != nil {
		return nil, err
	}
	b := g.bundle
	if req.YAML != "" || req.File != "" {
		if b, err = compilePasted(g, workbenchFile{File: req.File, YAML: req.YAML}); err != nil {
			return nil, err
		}
	}
	if req.Subject == "" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "subject", Message: "subject is required: " + strings.Join(g.subjectNames(), ", ")}
	}
	sub, err := subjectFor(g, req.Subject, "subject")
	if err != nil {
		return nil, err
	}
	if req.At == "" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "at", Message: "at is required: an instant, RFC 3339 or a date 2026-10-19"}
	}
	at, err := parseInstant(req.At)
	if err != nil {
		return nil, badParam("at", "at: %v", err)
	}
	if len(bytes.TrimSpace(req.Input)) == 0 || string(bytes.TrimSpace(req.Input)) == "null" {
		return nil, &apiError{Status: http.StatusBadRequest, Code: codeMissingParameter, Field: "input", Message: "input is required: the subject JSON"}
	}
	v, err := sub.Decode(req.Input)
	if err != nil {
		return nil, subjectError(sub.Name(), err, "", 0, 0)
	}
	ctx, cancel, err := s.evalContext(r)
	if err != nil {
		return nil, err
	}
	defer cancel()
	d, err := b.Check(ctx, v, at, rules.Explain())
	if ctx.Err() != nil {
		return nil, stopped(ctx)
	}
	if err != nil {
		return nil, err
	}
	sanitizeTrace(&d)
	return d, nil
}

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// didYouMean is " (did you mean "x"?)" for the closest known name, or "".
func didYouMean(s string, known []string) string {
	if c := closest(s, known); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return ""
}

// closest is the known name nearest s by edit distance, if it is near enough to be a typo.
func closest(s string, known []string) string {
	best, bestD := "", -1
	for _, k := range known {
		d := editDistance(s, k)
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if bestD < 0 || bestD > max(2, len([]rune(s))/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
