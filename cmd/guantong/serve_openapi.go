package main

import (
	"encoding"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/sanction"
	"github.com/guantong/guantong/rules/workday"
)

// checkSubject marks the body of /v1/check/{subject}: one of the subject types.
type checkSubject struct{}

// endpoints lists every JSON route with its handler and its documentation; routes and the
// OpenAPI document are both built from it, so neither can miss a route.
func (s *server) endpoints() []endpoint {
	instant := "an instant: RFC 3339 (2026-10-19T09:00:00+08:00), 2026-10-19 09:00 (CST) or a date 2026-10-19 (00:00 CST)"
	return []endpoint{
		{name: "/v1/check/{subject}", method: http.MethodPost, params: []string{"at", "explain", "policy"}, handler: s.check,
			summary: "Check a subject against every policy in force at the instant", request: checkSubject{}, response: rules.Decision{},
			param: map[string]string{"subject": "clue, rectification, meeting, meeting_series or sanction", "at": "the evaluation " + instant,
				"explain": "true: the decision carries the trace (each variable's value, each validation's result)",
				"policy":  "only these policies (repeatable); each must be about the subject"},
			required: []string{"at"}},
		{name: "/v1/sanctions/resolve", method: http.MethodPost, params: []string{"decided"}, handler: s.resolve,
			summary: "Resolve sanction proposals: merged handling, the heavier applies, never twice", request: []sanction.Proposal{}, response: resolveResponse{},
			param: map[string]string{"decided": "the decision " + instant + "; the periods run from its date"}, required: []string{"decided"}},
		{name: "/v1/calendar/day", method: http.MethodGet, params: []string{"date"}, handler: s.calendarDay,
			summary: "Classify a day: workday, rest day, statutory holiday or 调休 make-up working day", response: dayResponse{},
			param: map[string]string{"date": "a CST date, 2026-10-10"}, required: []string{"date"}},
		{name: "/v1/calendar/range", method: http.MethodGet, params: []string{"from", "to"}, handler: s.calendarRange,
			summary: "Every day from from to to (both included, at most 400)", response: rangeResponse{},
			param: map[string]string{"from": "the first CST date", "to": "the last CST date"}, required: []string{"from", "to"}},
		{name: "/v1/calendar/add", method: http.MethodGet, params: []string{"from", "n", "unit"}, handler: s.calendarAdd,
			summary: "The deadline n working days, months or days after from (Civil Code arts. 201, 203)", response: addResponse{},
			param:    map[string]string{"from": "the start, " + instant + " (the start day is not counted)", "n": "the number of units; negative counts backwards", "unit": "workdays, months or days"},
			required: []string{"from", "n", "unit"}},
		{name: "/v1/policies", method: http.MethodGet, handler: s.policies, summary: "The policies of the served bundle with their sources", response: policiesResponse{}},
		{name: "/v1/policies/{id}", method: http.MethodGet, handler: s.policy, summary: "One policy with the text of its file", response: policyResponse{},
			param: map[string]string{"id": "the policy id, e.g. clue.audit-transfer"}},
		{name: "/v1/version", method: http.MethodGet, handler: s.version, summary: "Versions of the bundle, calendar, CEL library and tool", response: versionResponse{}},
		{name: "/v1/health", method: http.MethodGet, handler: s.health, summary: "Liveness", response: healthResponse{}},
		{name: "/v1/ready", method: http.MethodGet, handler: s.ready, summary: "Readiness: a bundle is served", response: healthResponse{}},
		{name: "/v1/status", method: http.MethodGet, handler: s.statusReport, summary: "The served bundle and the outcome of the last reload, with its problems", response: statusResponse{}},
		{name: "/v1/openapi.json", method: http.MethodGet, handler: s.openapi, summary: "This document", response: json.RawMessage{}},
		{name: "/v1/workbench/test", method: http.MethodPost, handler: s.workbenchTest,
			summary: "Compile a pasted policy file and run its test cases (never served)", request: workbenchFile{}, response: workbenchTestResponse{}},
		{name: "/v1/workbench/check", method: http.MethodPost, handler: s.workbenchCheck,
			summary: "Check a subject, with the trace, on a pasted policy file or the served bundle", request: workbenchCheckRequest{}, response: rules.Decision{}},
	}
}

func (s *server) openapi(*http.Request, *served, url.Values) (any, error) {
	return json.RawMessage(s.openapiDoc()), nil
}

// openapiDoc builds the OpenAPI 3.0 document from the endpoints and the Go types of their
// bodies (their json tags), so that it documents what the handlers really read and write.
func (s *server) openapiDoc() []byte {
	s.docOnce.Do(func() {
		doc := buildOpenAPI(s.endpoints())
		s.doc, _ = json.MarshalIndent(doc, "", "  ")
	})
	return s.doc
}

func buildOpenAPI(eps []endpoint) map[string]any {
	g := &schemaGen{schemas: map[string]any{}, names: map[reflect.Type]string{}}
	errRef := g.ref(reflect.TypeOf(errorBody{}))
	paths := map[string]any{}
	for _, ep := range eps {
		op := map[string]any{
			"operationId": operationID(ep.name),
			"summary":     ep.summary,
		}
		var params []any
		for _, seg := range strings.Split(ep.name, "/") {
			if strings.HasPrefix(seg, "{") {
				n := strings.Trim(seg, "{}")
				params = append(params, map[string]any{"name": n, "in": "path", "required": true, "description": ep.param[n], "schema": map[string]any{"type": "string"}})
			}
		}
		for _, n := range ep.params {
			p := map[string]any{"name": n, "in": "query", "required": contains(ep.required, n), "description": ep.param[n], "schema": map[string]any{"type": "string"}}
			switch n {
			case "explain":
				p["schema"] = map[string]any{"type": "boolean"}
			case "n":
				p["schema"] = map[string]any{"type": "integer", "minimum": -3660, "maximum": 3660}
			case "unit":
				p["schema"] = map[string]any{"type": "string", "enum": calendarUnits}
			case "policy":
				p["schema"] = map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
				p["explode"] = true
			}
			params = append(params, p)
		}
		params = append(params, map[string]any{"name": "Guantong-Timeout", "in": "header", "required": false,
			"description": "the caller's deadline for the evaluation, a Go duration such as 250ms (the server's --max-time bounds it)", "schema": map[string]any{"type": "string"}})
		op["parameters"] = params
		if ep.request != nil {
			var schema any
			if _, ok := ep.request.(checkSubject); ok {
				var refs []any
				for _, sub := range domain.Subjects() {
					refs = append(refs, g.ref(sub.Type()))
				}
				schema = map[string]any{"oneOf": refs, "description": "the subject named in the path, as JSON (strict: unknown fields and values are errors)"}
			} else {
				schema = g.ref(reflect.TypeOf(ep.request))
			}
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schema}}}
		}
		ok := map[string]any{"type": "object", "description": "the OpenAPI 3.0 document"}
		if _, raw := ep.response.(json.RawMessage); !raw {
			ok = g.ref(reflect.TypeOf(ep.response))
		}
		op["responses"] = map[string]any{
			"200": map[string]any{"description": "OK", "headers": map[string]any{"Guantong-Bundle": map[string]any{"description": "the version of the bundle that answered", "schema": map[string]any{"type": "string"}}},
				"content": map[string]any{"application/json": map[string]any{"schema": ok}}},
			"default": map[string]any{"description": "an error: 400 bad input, 404 unknown route or subject, 405, 413, 415, 422 a subject or pasted policy that fails validation, 503 timeout",
				"content": map[string]any{"application/json": map[string]any{"schema": errRef}}},
		}
		paths[ep.name] = map[string]any{strings.ToLower(ep.method): op}
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{"title": "guantong 贯通 — supervision coordination rules", "version": "v1",
			"description": "Validation calls against the guantong policy bundle. Every response names the bundle that answered (Guantong-Bundle header, bundle_version field). Errors are one shape: {bundle_version, error: {code, message, field, problems[]}}."},
		"servers":    []any{map[string]any{"url": "http://127.0.0.1:8181"}},
		"paths":      paths,
		"components": map[string]any{"schemas": g.schemas},
	}
}

func operationID(route string) string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(route, "/v1/"), "/") {
		seg = strings.Trim(seg, "{}")
		seg = strings.NewReplacer(".", "_", "-", "_").Replace(seg)
		for _, part := range strings.Split(seg, "_") {
			if part != "" {
				b.WriteString(strings.ToUpper(part[:1]) + part[1:])
			}
		}
	}
	s := b.String()
	return strings.ToLower(s[:1]) + s[1:]
}

// schemaGen turns Go types into OpenAPI schemas, following encoding/json: json tags,
// omitempty/omitzero (not required), embedded structs (flattened), text marshalers (strings).
type schemaGen struct {
	schemas map[string]any
	names   map[reflect.Type]string
}

var (
	timeType     = reflect.TypeOf(time.Time{})
	uuidType     = reflect.TypeOf(uuid.UUID{})
	decimalType  = reflect.TypeOf(decimal.Decimal{})
	dateType     = reflect.TypeOf(workday.Date{})
	rawType      = reflect.TypeOf(json.RawMessage{})
	textMarshal  = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
	certainty    = reflect.TypeOf(workday.Certainty(""))
	certainties  = []string{string(workday.Official), string(workday.Reported), string(workday.Provisional), string(workday.WeekendsOnly)}
	errorType    = reflect.TypeOf((*error)(nil)).Elem()
	durationType = reflect.TypeOf(time.Duration(0))
)

// schemaName is the component name of a named type: package.Type.
func schemaName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	if pkg == "guantong" && strings.HasSuffix(t.PkgPath(), "cmd/guantong") {
		pkg = "api"
	}
	name := t.Name()
	if pkg == "api" {
		name = strings.ToUpper(name[:1]) + name[1:]
	}
	return pkg + "." + name
}

func (g *schemaGen) ref(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case uuidType:
		return map[string]any{"type": "string", "format": "uuid"}
	case decimalType:
		return map[string]any{"type": "string", "format": "decimal", "description": "an exact decimal, e.g. \"1250000.00\""}
	case dateType:
		return map[string]any{"type": "string", "format": "date"}
	case rawType:
		return map[string]any{"description": "any JSON value"}
	case certainty:
		return map[string]any{"type": "string", "enum": certainties}
	case durationType:
		return map[string]any{"type": "integer", "description": "nanoseconds"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := g.ref(t.Elem())
		return map[string]any{"allOf": []any{s}, "nullable": true}
	case reflect.Interface:
		return map[string]any{"description": "any JSON value"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			if t.Kind() == reflect.Array {
				return map[string]any{"type": "array", "items": map[string]any{"type": "integer"}}
			}
			return map[string]any{"type": "string", "format": "byte"}
		}
		return map[string]any{"type": "array", "items": g.ref(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.ref(t.Elem())}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if t.Implements(textMarshal) {
			return map[string]any{"type": "string"}
		}
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Struct:
		if t.Implements(textMarshal) {
			return map[string]any{"type": "string"}
		}
		name, ok := g.names[t]
		if !ok {
			name = schemaName(t)
			g.names[t] = name
			g.schemas[name] = nil // placeholder against recursion
			g.schemas[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// object is the schema of a struct: its properties, the ones always present as required,
// nothing else allowed (what is not documented is not sent).
//
// The domain packages' types (clue, rectification, meeting, sanction) are read from callers
// as well as written: a field left out or null is absent there, so none is listed as required
// and every one may be null (the subjects' own required fields are checked by the server: 422).
func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	var required []string
	g.fields(t, props, &required)
	s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if domainType(t) {
		for k, p := range props {
			props[k] = nullable(p.(map[string]any))
		}
		s["description"] = "fields left out (or null) are absent"
		return s
	}
	sort.Strings(required)
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// domainType reports whether t belongs to a domain package (read from callers).
func domainType(t reflect.Type) bool {
	p := t.PkgPath()
	for _, d := range []string{"/clue", "/rectification", "/meeting", "/rules/sanction", "/internal/duty"} {
		if strings.HasSuffix(p, d) {
			return true
		}
	}
	return false
}

func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || f.Type == errorType {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct && !ft.Implements(textMarshal) {
				g.fields(ft, props, required)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := g.ref(f.Type)
		optional := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
		if !optional {
			*required = append(*required, name)
			switch f.Type.Kind() {
			case reflect.Slice, reflect.Map, reflect.Interface, reflect.Pointer:
				s = nullable(s) // a nil slice or map is sent as null
			}
		}
		props[name] = s
	}
}

func nullable(s map[string]any) map[string]any {
	if _, ok := s["$ref"]; ok {
		return map[string]any{"allOf": []any{s}, "nullable": true}
	}
	out := map[string]any{}
	for k, v := range s {
		out[k] = v
	}
	out["nullable"] = true
	return out
}
