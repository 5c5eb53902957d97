package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

const serveHelp = `Serve answers validation calls over HTTP (JSON, /v1) and serves the policy workbench at /.

Routes (the OpenAPI 3 document is at /v1/openapi.json):

  POST /v1/check/{subject}?at=INSTANT[&explain=true][&policy=ID]   the decision on a subject
  POST /v1/sanctions/resolve?decided=INSTANT                       merge sanction proposals
  GET  /v1/calendar/day?date=D  /v1/calendar/range?from=D&to=D  /v1/calendar/add?from=T&n=N&unit=U
  GET  /v1/policies  /v1/policies/{id}  /v1/version  /v1/status  /v1/health  /v1/ready
  POST /v1/workbench/test  /v1/workbench/check                     pasted policies, never served
  GET  /metrics                                                    Prometheus text format

Every response names the bundle that answered (header Guantong-Bundle, field bundle_version).
Reload: with --policies DIR the directory (and --calendar FILE) is polled every
--reload-interval, and SIGHUP reloads at once; a new bundle is served only when it compiles and
every policy test case passes, else the old one stays and /v1/status reports the problems.
The decision log (--decision-log FILE) gets one JSON line per decision, without confidential
values; rotate it with copytruncate or send SIGHUP after moving it (the file is reopened).

Bodies are at most --max-body; an evaluation stops after --max-time or the caller's deadline
(header Guantong-Timeout, e.g. 250ms), whichever comes first. SIGINT and SIGTERM stop the
server gracefully.`

// serveFlags are the flags of serve.
type serveFlags struct {
	policyFlags
	addr        string
	decisionLog string
	reload      time.Duration
	maxBody     int64
	maxTime     time.Duration
}

func (c *cli) serve(name string, args []string) int {
	set := c.flagSet(name, "[flags]", serveHelp)
	var f serveFlags
	f.policyFlags.register(set)
	set.StringVar(&f.addr, "addr", "127.0.0.1:8181", "listen on `HOST:PORT` (port 0: a free port, printed on standard error)")
	set.StringVar(&f.decisionLog, "decision-log", "", "append one JSON line per decision to `FILE`")
	set.DurationVar(&f.reload, "reload-interval", 2*time.Second, "poll --policies and --calendar for changes every `DURATION`; 0: reload on SIGHUP only")
	set.Int64Var(&f.maxBody, "max-body", 4<<20, "largest request body in `BYTES`")
	set.DurationVar(&f.maxTime, "max-time", 5*time.Second, "longest evaluation of one request (`DURATION`)")
	pos, status, ok := c.parse(set, args)
	if !ok {
		return status
	}
	if len(pos) > 0 {
		return c.fail(set, usagef("unexpected arguments: %s", strings.Join(pos, " ")))
	}
	if f.maxBody <= 0 || f.maxTime <= 0 {
		return c.fail(set, usagef("--max-body and --max-time must be positive"))
	}
	s, err := newServer(serverConfig{
		load:     f.policyFlags,
		now:      c.now,
		maxBody:  f.maxBody,
		maxTime:  f.maxTime,
		logPath:  f.decisionLog,
		errorLog: c.stderr,
	})
	if err != nil {
		return c.fail(set, err)
	}
	defer s.Close()
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return c.fail(set, inputf("listen: %w", err))
	}
	hs := s.httpServer()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); s.watch(ctx, f.reload, hup) }()
	served := make(chan error, 1)
	go func() { defer wg.Done(); served <- hs.Serve(ln) }()
	fmt.Fprintf(c.stderr, "guantong serve: listening on http://%s (bundle %s)\n", ln.Addr(), s.cur.Load().Version())

	select {
	case <-ctx.Done():
	case err := <-served:
		served <- err
	}
	stop()
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = hs.Shutdown(shut)
	wg.Wait()
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(c.stderr, "guantong serve: %v\n", err)
		return exitFindings
	}
	fmt.Fprintln(c.stderr, "guantong serve: stopped")
	return exitOK
}

// serverConfig is what a server is made of; tests build one directly.
type serverConfig struct {
	load     policyFlags // the policy directory and calendar options
	now      func() time.Time
	maxBody  int64
	maxTime  time.Duration
	logPath  string    // decision log; "" for none
	errorLog io.Writer // where the server reports its own failures (never request data)
}

// server is the HTTP service. The bundle it answers with is in cur (a rules.Current); what
// the handlers need beside the bundle (the policy documents, the resolver) is in a served,
// looked up by the bundle pointer, so that one request sees one bundle only.
type server struct {
	cfg     serverConfig
	cur     rules.Current
	metrics *metricsRegistry
	log     *decisionLog
	handler http.Handler
	docOnce sync.Once
	doc     []byte

	mu       sync.RWMutex
	gens     []*served // the newest last; a few old ones for requests still holding them
	status   reloadStatus
	lastSeen string // fingerprint of the sources last compiled (or tried)
	reloadMu sync.Mutex
}

// served is one compiled bundle and what the handlers need with it. Immutable.
type served struct {
	bundle    *rules.Bundle
	cal       *workday.Calendar
	source    string
	loadedAt  time.Time
	subjects  map[string]rules.Subject
	policies  []policyInfo
	byID      map[string]int
	documents map[string]string // policy file → its text
	resolver  *sanction.Resolver
}

// reloadStatus is the outcome of the last reload, for /v1/status.
type reloadStatus struct {
	Reloads  int          `json:"reloads"`
	Failures int          `json:"reload_failures"`
	Last     *reloadEvent `json:"last_reload,omitempty"`
}

type reloadEvent struct {
	At            time.Time    `json:"at"`
	OK            bool         `json:"ok"`
	BundleVersion string       `json:"bundle_version,omitempty"` // the bundle compiled (served when ok)
	Reason        string       `json:"reason,omitempty"`
	Problems      []apiProblem `json:"problems,omitempty"`
}

// keptGenerations is how many bundles stay resolvable after a swap, for requests that loaded
// the old one just before it.
const keptGenerations = 8

func newServer(cfg serverConfig) (*server, error) {
	if cfg.now == nil {
		cfg.now = time.Now
	}
	if cfg.errorLog == nil {
		cfg.errorLog = io.Discard
	}
	s := &server{cfg: cfg, metrics: newMetrics()}
	g, fp, err := s.compile(context.Background())
	if err != nil {
		return nil, err
	}
	s.lastSeen = fp
	s.install(g)
	if cfg.logPath != "" {
		l, err := openDecisionLog(cfg.logPath)
		if err != nil {
			return nil, inputf("decision log: %w", err)
		}
		s.log = l
	}
	s.handler = s.routes()
	return s, nil
}

// Close closes the decision log.
func (s *server) Close() error {
	if s.log != nil {
		return s.log.Close()
	}
	return nil
}

func (s *server) httpServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      s.cfg.maxTime + 30*time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(s.cfg.errorLog, "guantong serve: ", 0),
	}
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// install makes g the served generation: registered first, then stored in cur.
func (s *server) install(g *served) {
	s.mu.Lock()
	s.gens = append(s.gens, g)
	if len(s.gens) > keptGenerations {
		s.gens = append(s.gens[:0:0], s.gens[len(s.gens)-keptGenerations:]...)
	}
	s.mu.Unlock()
	s.cur.Store(g.bundle)
	s.metrics.setBundle(g.bundle.Version())
}

// current returns the served generation: the bundle in cur and what goes with it.
func (s *server) current() *served {
	for {
		b := s.cur.Load()
		s.mu.RLock()
		for i := len(s.gens) - 1; i >= 0; i-- {
			if s.gens[i].bundle == b {
				g := s.gens[i]
				s.mu.RUnlock()
				return g
			}
		}
		s.mu.RUnlock()
		// b was pruned between the two loads: cur holds a newer one now.
	}
}

// compile loads the calendar and the policies, compiles them, runs every policy's test cases
// and reads the policy documents, all from one state of the sources: it fails when they
// changed meanwhile. It returns the generation and the fingerprint of the sources.
func (s *server) compile(ctx context.Context) (*served, string, error) {
	f := s.cfg.load
	before, err := f.fingerprint()
	if err != nil {
		return nil, "", err
	}
	cal, err := f.load()
	if err != nil {
		return nil, before, err
	}
	fsys, name, err := f.source()
	if err != nil {
		return nil, before, err
	}
	e, err := rules.New(cal, rules.WithSubjects(domain.Subjects()...))
	if err != nil {
		return nil, before, &inputError{err: err}
	}
	b, err := e.LoadFS(fsys, ".")
	if errors.Is(err, rules.ErrEmptyBundle) {
		return nil, before, inputf("policies: no policy files (.yaml, .yml, .json) in %s", name)
	}
	if err != nil {
		return nil, before, &inputError{err: err}
	}
	if f.timeout > 0 { // --timeout bounds the policy tests of a reload
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.timeout)
		defer cancel()
	}
	var failed []rules.TestResult
	for _, r := range b.RunTests(ctx) {
		if !r.Passed {
			failed = append(failed, r)
		}
	}
	if len(failed) > 0 {
		return nil, before, &testsFailed{results: failed}
	}
	g := &served{
		bundle:    b,
		cal:       cal,
		source:    name,
		loadedAt:  s.cfg.now().In(workday.Location()),
		subjects:  map[string]rules.Subject{},
		byID:      map[string]int{},
		documents: map[string]string{},
		resolver:  sanction.New(sanction.WithCalendar(cal), sanction.WithPolicy(domain.Sanction(b))),
	}
	for _, sub := range e.Subjects() {
		g.subjects[sub.Name()] = sub
	}
	for _, p := range b.Policies() {
		file := p.Position().File
		if _, ok := g.documents[file]; !ok && file != "" {
			data, err := readDocument(fsys, file)
			if err != nil {
				return nil, before, inputf("policies: %s: %w", file, err)
			}
			g.documents[file] = data
		}
		g.byID[p.ID] = len(g.policies)
		g.policies = append(g.policies, newPolicyInfo(p))
	}
	after, err := f.fingerprint()
	if err != nil {
		return nil, before, err
	}
	if after != before {
		return nil, before, errChangedWhileLoading
	}
	return g, before, nil
}

var errChangedWhileLoading = errors.New("the policy files changed while they were loaded; retrying")

// testsFailed is a bundle that compiled but whose own test cases do not all pass.
type testsFailed struct{ results []rules.TestResult }

func (e *testsFailed) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s of the policies' own test cases failed:", plural(len(e.results), "test case"))
	for _, r := range e.results {
		fmt.Fprintf(&b, "\n  %s: %s %q", r.Position, r.PolicyID, r.Name)
		for _, d := range r.Diff {
			fmt.Fprintf(&b, "\n    %s", d)
		}
	}
	return b.String()
}

// readDocument reads a policy file's text for /v1/policies/{id}, with the loader's limit.
func readDocument(fsys fs.FS, name string) (string, error) {
	fh, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, rules.DefaultMaxFileSize+1))
	if err != nil {
		return "", err
	}
	if int64(len(data)) > rules.DefaultMaxFileSize {
		return "", fmt.Errorf("larger than %d bytes", rules.DefaultMaxFileSize)
	}
	return string(data), nil
}

// fingerprint names the state of the sources: every policy file's name, size and time of
// change under --policies, and the --calendar file's. The embedded set never changes.
func (f *policyFlags) fingerprint() (string, error) {
	h := sha256.New()
	if f.dir != "" {
		err := filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00%d\x00%v\n", filepath.ToSlash(p), info.Size(), info.ModTime().UnixNano(), info.Mode())
			return nil
		})
		if err != nil {
			return "", inputf("policies: %w", err)
		}
	}
	if f.file != "" {
		info, err := os.Stat(f.file)
		if err != nil {
			return "", inputf("calendar: %w", err)
		}
		fmt.Fprintf(h, "calendar\x00%d\x00%d\n", info.Size(), info.ModTime().UnixNano())
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// watch reloads on SIGHUP and, every interval (when positive), when the sources changed.
func (s *server) watch(ctx context.Context, interval time.Duration, hup <-chan os.Signal) {
	var tick <-chan time.Time
	if interval > 0 && (s.cfg.load.dir != "" || s.cfg.load.file != "") {
		t := time.NewTicker(interval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if s.log != nil {
				if err := s.log.Reopen(); err != nil {
					fmt.Fprintf(s.cfg.errorLog, "guantong serve: decision log: %v\n", err)
				}
			}
			s.reload(ctx, true)
		case <-tick:
			s.reload(ctx, false)
		}
	}
}

// reload compiles the sources and serves the new bundle if it compiles and its tests pass.
// Unless forced, it does nothing when the sources are as they were last tried. It reports
// whether a new bundle is served.
func (s *server) reload(ctx context.Context, force bool) bool {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	if !force {
		fp, err := s.cfg.load.fingerprint()
		s.mu.RLock()
		same := err == nil && fp == s.lastSeen
		s.mu.RUnlock()
		if same {
			return false
		}
	}
	g, fp, err := s.compile(ctx)
	if errors.Is(err, errChangedWhileLoading) {
		return false // the next tick tries the settled state
	}
	ev := &reloadEvent{At: s.cfg.now().In(workday.Location()), OK: err == nil}
	if err != nil {
		ev.Reason, ev.Problems = reloadProblems(err)
	} else {
		ev.BundleVersion = g.bundle.Version()
	}
	s.mu.Lock()
	s.lastSeen = fp
	s.status.Last = ev
	if err != nil {
		s.status.Failures++
	} else {
		s.status.Reloads++
	}
	s.mu.Unlock()
	if err != nil {
		s.metrics.reloaded(false)
		fmt.Fprintf(s.cfg.errorLog, "guantong serve: reload refused, still serving bundle %s: %s\n", s.cur.Load().Version(), ev.Reason)
		return false
	}
	s.install(g)
	s.metrics.reloaded(true)
	fmt.Fprintf(s.cfg.errorLog, "guantong serve: serving bundle %s\n", g.bundle.Version())
	return true
}

// reloadProblems describes a failed reload for /v1/status.
func reloadProblems(err error) (string, []apiProblem) {
	var le *rules.LoadError
	if errors.As(err, &le) {
		return fmt.Sprintf("the policies do not compile (%s)", plural(len(le.Problems), "problem")), policyProblems(le.Problems)
	}
	var tf *testsFailed
	if errors.As(err, &tf) {
		var out []apiProblem
		for _, r := range tf.results {
			out = append(out, apiProblem{File: r.Position.File, Line: r.Position.Line, Column: r.Position.Column, PolicyID: r.PolicyID,
				Message: fmt.Sprintf("test case %q failed: %s", r.Name, strings.Join(r.Diff, "; "))})
		}
		return fmt.Sprintf("%s of the policies' own test cases failed", plural(len(tf.results), "test case")), out
	}
	return err.Error(), nil
}

// policyInfo is a policy as /v1/policies lists it.
type policyInfo struct {
	ID          string          `json:"id"`
	Title       string          `json:"title,omitempty"`
	Description string          `json:"description,omitempty"`
	Source      string          `json:"source,omitempty"` // the regulation or article it comes from
	Subject     string          `json:"subject"`
	File        string          `json:"file,omitempty"`
	Line        int             `json:"line,omitempty"`
	Effective   rules.Effective `json:"effective,omitzero"`
	Tests       int             `json:"tests"`
	Document    string          `json:"document,omitempty"` // /v1/policies/{id} only: the policy file's text
}

func newPolicyInfo(p rules.Policy) policyInfo {
	pos := p.Position()
	return policyInfo{ID: p.ID, Title: p.Title, Description: p.Description, Source: p.Source, Subject: p.Subject,
		File: pos.File, Line: pos.Line, Effective: p.Effective, Tests: len(p.Tests)}
}

// subjectNames lists the subjects of g, sorted.
func (g *served) subjectNames() []string {
	names := make([]string, 0, len(g.subjects))
	for n := range g.subjects {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
