package main

import (
	"bufio"
	"fmt"
	"net/http"
	"runtime"
	rtmetrics "runtime/metrics"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/guantong/guantong/rules"
)

// metricsRegistry counts requests, latencies, decisions and reloads, and writes them in the
// Prometheus text exposition format (version 0.0.4). It is written by hand rather than with
// client_golang to keep the module's dependencies to the library's own; the output is checked
// with Prometheus' own parser (github.com/prometheus/common/expfmt) in internal/servetest.
// Safe for concurrent use.
type metricsRegistry struct {
	mu        sync.Mutex
	requests  map[[3]string]uint64 // route, method, code
	latency   map[string]*histogram
	decisions map[[2]string]uint64 // subject, outcome
	policies  map[[2]string]uint64 // policy, result
	reloads   [2]uint64            // ok, refused
	bundle    string
	started   time.Time
}

// latencyBuckets are the upper bounds (seconds) of the request latency histogram.
var latencyBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

func newMetrics() *metricsRegistry {
	return &metricsRegistry{requests: map[[3]string]uint64{}, latency: map[string]*histogram{}, decisions: map[[2]string]uint64{},
		policies: map[[2]string]uint64{}, started: time.Now()}
}

func (m *metricsRegistry) request(route, method string, code int, d time.Duration) {
	secs := d.Seconds()
	i := sort.SearchFloat64s(latencyBuckets, secs)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[3]string{route, method, fmt.Sprint(code)}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[route] = h
	}
	h.counts[i]++
	h.sum += secs
	h.n++
}

func (m *metricsRegistry) decision(d *rules.Decision) {
	outcome := "compliant"
	switch {
	case len(d.Errors) > 0:
		outcome = "error"
	case !d.Compliant():
		outcome = "violation"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.decisions[[2]string{d.Subject, outcome}]++
	for _, id := range d.Matched {
		m.policies[[2]string{id, "matched"}]++
	}
	for _, v := range d.Violations {
		m.policies[[2]string{v.PolicyID, "violation"}]++
	}
	for _, o := range d.Obligations {
		m.policies[[2]string{o.PolicyID, "obligation"}]++
	}
	for _, e := range d.Errors {
		m.policies[[2]string{e.PolicyID, "error"}]++
	}
}

func (m *metricsRegistry) reloaded(ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok {
		m.reloads[0]++
	} else {
		m.reloads[1]++
	}
}

func (m *metricsRegistry) setBundle(v string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.bundle = v
}

// handler serves GET /metrics.
func (m *metricsRegistry) handler(s *server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w.Header().Set("Guantong-Bundle", s.cur.Load().Version())
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", http.MethodGet)
			writeJSON(w, s.current(), http.StatusMethodNotAllowed, errorBody{BundleVersion: s.cur.Load().Version(),
				Error: apiError{Code: codeMethodNotAllowed, Message: "/metrics takes GET"}})
			m.request("/metrics", r.Method, http.StatusMethodNotAllowed, time.Since(start))
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		bw := bufio.NewWriter(w)
		m.write(bw)
		_ = bw.Flush()
		m.request("/metrics", r.Method, http.StatusOK, time.Since(start))
	})
}

// labelValue escapes a label value for the text format.
func labelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func float(f float64) string { return fmt.Sprintf("%g", f) }

func (m *metricsRegistry) write(w *bufio.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	head := func(name, typ, help string) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}

	head("guantong_http_requests_total", "counter", "HTTP requests by route pattern, method and status code.")
	rk := make([][3]string, 0, len(m.requests))
	for k := range m.requests {
		rk = append(rk, k)
	}
	sort.Slice(rk, func(i, j int) bool { return strings.Join(rk[i][:], "\x00") < strings.Join(rk[j][:], "\x00") })
	for _, k := range rk {
		fmt.Fprintf(w, "guantong_http_requests_total{route=\"%s\",method=\"%s\",code=\"%s\"} %d\n", labelValue(k[0]), labelValue(k[1]), k[2], m.requests[k])
	}

	head("guantong_http_request_duration_seconds", "histogram", "Time from a request's arrival to its response, by route pattern.")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, r := range routes {
		h := m.latency[r]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "guantong_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %d\n", labelValue(r), float(le), cum)
		}
		cum += h.counts[len(latencyBuckets)]
		fmt.Fprintf(w, "guantong_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", labelValue(r), cum)
		fmt.Fprintf(w, "guantong_http_request_duration_seconds_sum{route=\"%s\"} %s\n", labelValue(r), float(h.sum))
		fmt.Fprintf(w, "guantong_http_request_duration_seconds_count{route=\"%s\"} %d\n", labelValue(r), h.n)
	}

	pairs := func(name, help, l1, l2 string, mp map[[2]string]uint64) {
		head(name, "counter", help)
		ks := make([][2]string, 0, len(mp))
		for k := range mp {
			ks = append(ks, k)
		}
		sort.Slice(ks, func(i, j int) bool { return ks[i][0] < ks[j][0] || ks[i][0] == ks[j][0] && ks[i][1] < ks[j][1] })
		for _, k := range ks {
			fmt.Fprintf(w, "%s{%s=\"%s\",%s=\"%s\"} %d\n", name, l1, labelValue(k[0]), l2, labelValue(k[1]), mp[k])
		}
	}
	pairs("guantong_decisions_total", "Decisions by subject and outcome (compliant, violation, error).", "subject", "outcome", m.decisions)
	pairs("guantong_policy_decisions_total", "Per policy: decisions it matched, violations, obligations and evaluation errors it produced.", "policy", "result", m.policies)

	head("guantong_bundle_reloads_total", "counter", "Reloads of the policy bundle: served (ok) or refused (did not compile or a policy test failed).")
	fmt.Fprintf(w, "guantong_bundle_reloads_total{result=\"ok\"} %d\n", m.reloads[0])
	fmt.Fprintf(w, "guantong_bundle_reloads_total{result=\"refused\"} %d\n", m.reloads[1])
	head("guantong_bundle_info", "gauge", "The bundle being served (value 1), by version.")
	fmt.Fprintf(w, "guantong_bundle_info{version=\"%s\"} 1\n", labelValue(m.bundle))

	head("go_goroutines", "gauge", "Number of goroutines that currently exist.")
	fmt.Fprintf(w, "go_goroutines %d\n", runtime.NumGoroutine())
	samples := []rtmetrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	rtmetrics.Read(samples)
	head("go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.")
	fmt.Fprintf(w, "go_memstats_heap_alloc_bytes %d\n", sampleUint(samples[0]))
	head("go_gc_cycles_total", "counter", "Completed GC cycles.")
	fmt.Fprintf(w, "go_gc_cycles_total %d\n", sampleUint(samples[1]))
	head("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.")
	fmt.Fprintf(w, "process_start_time_seconds %s\n", float(float64(m.started.UnixNano())/1e9))
}

func sampleUint(s rtmetrics.Sample) uint64 {
	if s.Value.Kind() == rtmetrics.KindUint64 {
		return s.Value.Uint64()
	}
	return 0
}
