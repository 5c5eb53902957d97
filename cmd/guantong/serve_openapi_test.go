package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validator checks JSON values against the schemas of an OpenAPI 3.0 document: type,
// nullable, properties, required, additionalProperties, items, enum, allOf, oneOf, $ref and
// the formats the document uses. It records every component schema it visits.
type validator struct {
	schemas map[string]any
	visited map[string]bool
	request bool // timestamps may be dates (00:00 CST), as the subject decoder reads them
}

func (v *validator) check(s map[string]any, x any, path string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		v.visited[name] = true
		target, ok := v.schemas[name].(map[string]any)
		if !ok {
			return []string{path + ": dangling $ref " + ref}
		}
		return v.check(target, x, path)
	}
	if x == nil {
		if s["nullable"] == true || len(s) == 0 || s["type"] == nil && s["allOf"] == nil && s["oneOf"] == nil {
			return nil
		}
		return []string{path + ": null where the schema does not allow it"}
	}
	var errs []string
	if all, ok := s["allOf"].([]any); ok {
		for _, sub := range all {
			errs = append(errs, v.check(sub.(map[string]any), x, path)...)
		}
	}
	if one, ok := s["oneOf"].([]any); ok {
		matched := 0
		var nearest []string
		for _, sub := range one {
			probe := &validator{schemas: v.schemas, visited: map[string]bool{}, request: v.request}
			serrs := probe.check(sub.(map[string]any), x, path)
			if len(serrs) == 0 {
				matched++
				for k := range probe.visited {
					v.visited[k] = true
				}
			} else if nearest == nil || len(serrs) < len(nearest) {
				nearest = serrs
			}
		}
		if matched == 0 {
			errs = append(errs, path+": matches none of oneOf; nearest: "+strings.Join(nearest, "; "))
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == x
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum %v", path, x, enum))
		}
	}
	typ, _ := s["type"].(string)
	switch typ {
	case "":
	case "string":
		str, ok := x.(string)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want string, got %T", path, x))
		}
		switch s["format"] {
		case "date-time":
			if _, err := time.Parse(time.RFC3339Nano, str); err != nil && !(v.request && len(str) == len(time.DateOnly)) {
				errs = append(errs, path+": not a date-time: "+str)
			}
		case "date":
			if _, err := time.Parse(time.DateOnly, str); err != nil {
				errs = append(errs, path+": not a date: "+str)
			}
		case "uuid":
			if _, err := uuid.Parse(str); err != nil {
				errs = append(errs, path+": not a uuid: "+str)
			}
		case "decimal":
			if !regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`).MatchString(str) {
				errs = append(errs, path+": not a decimal: "+str)
			}
		}
	case "integer":
		f, ok := x.(float64)
		if !ok || f != float64(int64(f)) {
			errs = append(errs, fmt.Sprintf("%s: want integer, got %v", path, x))
		}
	case "number":
		if _, ok := x.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: want number, got %T", path, x))
		}
	case "boolean":
		if _, ok := x.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: want boolean, got %T", path, x))
		}
	case "array":
		arr, ok := x.([]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want array, got %T", path, x))
		}
		items, _ := s["items"].(map[string]any)
		for i, e := range arr {
			errs = append(errs, v.check(items, e, fmt.Sprintf("%s[%d]", path, i))...)
		}
	case "object":
		obj, ok := x.(map[string]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want object, got %T", path, x))
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := obj[r]; !ok {
				errs = append(errs, path+": missing required "+r)
			}
		}
		for k, val := range obj {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, v.check(ps, val, path+"."+k)...)
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					errs = append(errs, path+": undocumented property "+k)
				}
			case map[string]any:
				errs = append(errs, v.check(ap, val, path+"."+k)...)
			}
		}
	default:
		errs = append(errs, path+": unknown type "+typ)
	}
	return errs
}

func asStrings(x any) []string {
	var out []string
	if arr, ok := x.([]any); ok {
		for _, e := range arr {
			out = append(out, e.(string))
		}
	}
	return out
}

// refs collects the component names referenced anywhere under x.
func refs(x any, out map[string]bool) {
	switch t := x.(type) {
	case map[string]any:
		if r, ok := t["$ref"].(string); ok {
			out[strings.TrimPrefix(r, "#/components/schemas/")] = true
		}
		for _, v := range t {
			refs(v, out)
		}
	case []any:
		for _, v := range t {
			refs(v, out)
		}
	}
}

// The OpenAPI document against the real handlers: every route in the document is a route of
// the server and the other way round; every request below is valid against its requestBody
// schema and every response (200 and errors) against its response schema; every component
// schema is reachable from a route.
func TestOpenAPI(t *testing.T) {
	ts := newTestServer(t, "", "")
	r := do(t, "GET", ts.url+"/v1/openapi.json", "")
	require.Equal(t, 200, r.status)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(r.body, &doc))
	assert.Equal(t, "3.0.3", doc["openapi"])
	paths := doc["paths"].(map[string]any)
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	v := &validator{schemas: schemas, visited: map[string]bool{}}

	var routes []string
	for _, ep := range ts.endpoints() {
		routes = append(routes, strings.ToLower(ep.method)+" "+ep.name)
	}
	var documented []string
	for p, item := range paths {
		for m := range item.(map[string]any) {
			documented = append(documented, m+" "+p)
		}
	}
	sort.Strings(routes)
	sort.Strings(documented)
	require.Equal(t, routes, documented)

	// Every component is reachable from the paths.
	reach := map[string]bool{}
	refs(paths, reach)
	for changed := true; changed; {
		changed = false
		for name := range reach {
			before := len(reach)
			refs(schemas[name], reach)
			changed = changed || len(reach) != before
		}
	}
	assert.ElementsMatch(t, sortedKeys(schemas), sortedKeys(reach), "every schema is used by a route")

	ex := readmeSubjects(t)
	proposal := ex["sanction"][0]
	policy := do(t, "GET", ts.url+"/v1/policies/clue.audit-transfer", "").json(t)
	wbFile, _ := json.Marshal(workbenchFile{File: policy["file"].(string), YAML: policy["document"].(string)})
	failing, _ := json.Marshal(workbenchFile{File: "x.yaml", YAML: strings.Replace(policy["document"].(string), "due: 2026-10-16}]", "due: 2026-10-15}]", 1)})
	wbCheck, _ := json.Marshal(map[string]any{"subject": "clue", "at": "2026-10-19", "input": json.RawMessage(ex["clue"][0])})
	type call struct{ method, route, url, body string }
	calls := []call{
		{"post", "/v1/sanctions/resolve", "/v1/sanctions/resolve?decided=2026-10-19", "[" + proposal + "]"},
		{"post", "/v1/sanctions/resolve", "/v1/sanctions/resolve?decided=2026-10-19", "[{}]"},
		{"get", "/v1/calendar/day", "/v1/calendar/day?date=2026-10-10", ""},
		{"get", "/v1/calendar/day", "/v1/calendar/day?date=2031-10-10", ""},
		{"get", "/v1/calendar/range", "/v1/calendar/range?from=2026-09-25&to=2026-10-12", ""},
		{"get", "/v1/calendar/range", "/v1/calendar/range?from=2027-12-25&to=2028-01-03", ""},
		{"get", "/v1/calendar/add", "/v1/calendar/add?from=2026-12-02&n=3&unit=months", ""},
		{"get", "/v1/calendar/add", "/v1/calendar/add?from=2026-09-28&n=10&unit=workdays", ""},
		{"get", "/v1/policies", "/v1/policies", ""},
		{"get", "/v1/policies/{id}", "/v1/policies/clue.audit-transfer", ""},
		{"get", "/v1/policies/{id}", "/v1/policies/clue.nope", ""},
		{"get", "/v1/version", "/v1/version", ""},
		{"get", "/v1/health", "/v1/health", ""},
		{"get", "/v1/ready", "/v1/ready", ""},
		{"get", "/v1/status", "/v1/status", ""},
		{"get", "/v1/openapi.json", "/v1/openapi.json", ""},
		{"post", "/v1/workbench/test", "/v1/workbench/test", string(wbFile)},
		{"post", "/v1/workbench/test", "/v1/workbench/test", string(failing)},
		{"post", "/v1/workbench/test", "/v1/workbench/test", `{"file": "x.yaml", "yaml": "id: x\nsubject: clue\nvalidations:\n  - expression: clue.nope\n    message: m\n"}`},
		{"post", "/v1/workbench/check", "/v1/workbench/check", string(wbCheck)},
		{"post", "/v1/check/{subject}", "/v1/check/clue?at=2026-10-19", `{"source": {"kind": "audti"}}`},
	}
	for name, e := range ex {
		calls = append(calls,
			call{"post", "/v1/check/{subject}", "/v1/check/" + name + "?at=" + e[1], e[0]},
			call{"post", "/v1/check/{subject}", "/v1/check/" + name + "?at=" + e[1] + "&explain=true", e[0]})
	}
	seen := map[string]bool{}
	for _, c := range calls {
		op := paths[c.route].(map[string]any)[c.method].(map[string]any)
		if c.body != "" {
			var body any
			require.NoError(t, json.Unmarshal([]byte(c.body), &body))
			schema := op["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
			if !strings.Contains(c.body, "audti") && c.body != "[{}]" {
				rv := &validator{schemas: schemas, visited: v.visited, request: true}
				assert.Empty(t, rv.check(schema, body, "request"), "%s %s: the request is valid against its schema", c.method, c.url)
			}
		}
		res := do(t, strings.ToUpper(c.method), ts.url+c.url, c.body)
		key := "default"
		if res.status == http.StatusOK {
			key = "200"
			seen[c.method+" "+c.route] = true
		}
		schema := op["responses"].(map[string]any)[key].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
		var body any
		require.NoError(t, json.Unmarshal(res.body, &body), "%s: %s", c.url, res.body)
		assert.Empty(t, v.check(schema, body, "response"), "%s %s → %d: %s", c.method, c.url, res.status, res.body)
	}
	var answered []string
	for k := range seen {
		answered = append(answered, k)
	}
	sort.Strings(answered)
	assert.Equal(t, routes, answered, "every route answered 200 at least once")
}
