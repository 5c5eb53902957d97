package strictjson_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/internal/strictjson"
	"github.com/guantong/guantong/rules/workday"
)

type color string

func (color) Values() []color { return []color{"red", "green"} }

type inner struct {
	Color color           `json:"color"`
	At    time.Time       `json:"at,omitzero"`
	ID    uuid.UUID       `json:"id,omitzero"`
	Money decimal.Decimal `json:"money,omitzero"`
}

type Embedded struct {
	Note string `json:"note,omitempty"`
}

type doc struct {
	Embedded
	Name   string            `json:"name"`
	Count  int8              `json:"count"`
	Inner  inner             `json:"inner"`
	List   []inner           `json:"list"`
	Tags   map[string]string `json:"tags"`
	Ptr    *inner            `json:"ptr,omitempty"`
	Hidden string            `json:"-"`
}

var cst = workday.Location()

func decode(t *testing.T, src string) (doc, *strictjson.Error) {
	t.Helper()
	var d doc
	err := strictjson.New(reflect.TypeFor[doc](), strictjson.Options{Location: cst}).Decode([]byte(src), &d)
	if err == nil {
		return d, nil
	}
	se, ok := err.(*strictjson.Error)
	require.True(t, ok, "%T %v", err, err)
	return d, se
}

func TestDecodes(t *testing.T) {
	d, err := decode(t, `{"name": "x", "count": 3, "note": "n", "inner": {"color": "red", "at": "2026-10-19", "id": "6f1a6c1e-2b0e-4bb8-9e6f-0a2b3c4d5e6f", "money": "12.50"},
	  "list": [{"color": "green", "at": "2026-10-19T09:00:00+08:00"}], "tags": {"a": "b"}, "ptr": {"color": ""}}`)
	require.Nil(t, err)
	assert.Equal(t, "n", d.Note)
	assert.True(t, d.Inner.At.Equal(time.Date(2026, 10, 19, 0, 0, 0, 0, cst)), "a date is 00:00 in the location")
	assert.Equal(t, "12.5", d.Inner.Money.String())
	assert.Equal(t, color("green"), d.List[0].Color)
	require.NotNil(t, d.Ptr)
	assert.Equal(t, color(""), d.Ptr.Color, "the empty value is absent, not unknown")
	d, err = decode(t, `{"inner": null, "list": null}`)
	require.Nil(t, err)
	assert.Nil(t, d.List)
}

func TestProblems(t *testing.T) {
	for _, tt := range []struct {
		name, src     string
		kind          strictjson.Kind
		path, suggest string
		line, col     int
	}{
		{"unknown field", `{"nmae": "x"}`, strictjson.UnknownField, "nmae", "name", 1, 2},
		{"unknown nested field", `{"inner":
  {"colour": "red"}}`, strictjson.UnknownField, "inner.colour", "color", 2, 4},
		{"unknown value", `{"list": [{"color": "rde"}]}`, strictjson.UnknownValue, "list[0].color", "red", 1, 21},
		{"far from every value", `{"inner": {"color": "purple"}}`, strictjson.UnknownValue, "inner.color", "", 1, 21},
		{"wrong type", `{"count": "3"}`, strictjson.Type, "count", "", 1, 11},
		{"out of range", `{"count": 300}`, strictjson.Value, "count", "", 1, 11},
		{"bad timestamp", `{"inner": {"at": "19/10/2026"}}`, strictjson.Value, "inner.at", "", 1, 18},
		{"bad uuid", `{"inner": {"id": "nope"}}`, strictjson.Value, "inner.id", "", 1, 18},
		{"bad decimal", `{"inner": {"money": "12,50"}}`, strictjson.Value, "inner.money", "", 1, 21},
		{"duplicate key", `{"name": "a", "name": "b"}`, strictjson.Duplicate, "name", "", 1, 15},
		{"hidden field", `{"Hidden": "x"}`, strictjson.UnknownField, "Hidden", "", 1, 2},
		{"syntax", "{\"name\": }", strictjson.Syntax, "", "", 1, 10},
		{"trailing data", `{} []`, strictjson.Syntax, "", "", 1, 4},
		{"not an object", `[]`, strictjson.Type, "", "", 1, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decode(t, tt.src)
			require.NotNil(t, err)
			p := err.Problems[0]
			assert.Equal(t, tt.kind, p.Kind, p.Message)
			assert.Equal(t, tt.path, p.Path)
			assert.Equal(t, tt.suggest, p.Suggest)
			assert.Equal(t, [2]int{tt.line, tt.col}, [2]int{p.Line, p.Column}, p.Message)
		})
	}
	// Every problem at once.
	_, err := decode(t, `{"nmae": "x", "count": "3", "inner": {"color": "rde"}}`)
	require.NotNil(t, err)
	assert.Len(t, err.Problems, 3)
	// Depth is bounded.
	deep := ""
	for range strictjson.MaxDepth + 2 {
		deep += `{"ptr":`
	}
	_, err = decode(t, deep)
	require.NotNil(t, err)
	assert.Equal(t, strictjson.Syntax, err.Problems[0].Kind)
}

// FuzzDecode: no input panics; whatever decodes re-encodes to JSON that decodes to the same
// value.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"name": "x", "inner": {"color": "red", "at": "2026-10-19"}}`, `{"list": [{"money": "1e5"}]}`,
		`{"tags": {"a": "b", "a": "c"}}`, `{"count": -128}`, `[`, `"x"`, `{"inner": {"id": "6f1a6c1e-2b0e-4bb8-9e6f-0a2b3c4d5e6f"}}`} {
		f.Add([]byte(s))
	}
	dec := strictjson.New(reflect.TypeFor[doc](), strictjson.Options{Location: cst})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		if err := dec.Decode(data, &d); err != nil {
			if _, ok := err.(*strictjson.Error); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			return // a decimal or time that JSON cannot write back is not the decoder's concern
		}
		var again doc
		if err := dec.Decode(out, &again); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if b, _ := json.Marshal(again); string(b) != string(out) {
			t.Fatalf("round trip:\n%s\n%s", out, b)
		}
	})
}
