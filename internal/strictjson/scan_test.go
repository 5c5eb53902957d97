package strictjson

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// FuzzScan: the fast scanner and the token-based parser agree on every input. Whatever the
// scanner accepts is valid JSON and gives the parser's tree (kinds, offsets, keys, values);
// whatever valid JSON it refuses is nested too deep.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, -2.5e+3, true, false, null, "x\"y", "\u00e9\ud83d\ude00"], "b": {}}`,
		`  "中文"  `, `[]`, `{"k":"v"} x`, `{"a" 1}`, `[1,]`, `"\xff"`, `01`, `-`, `1.`, `1e`, `"a\\"`,
		strings.Repeat("[", MaxDepth+2) + strings.Repeat("]", MaxDepth+2), "\ufeff{}", `{"a":1,"a":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := scan(data)
		s := &state{data: data}
		slow, p := s.parse()
		if !ok {
			if p == nil && json.Valid(data) && !strings.Contains(p.msg(), "deeper") && depth(slow) <= MaxDepth {
				t.Fatalf("the scanner refused valid JSON %q", data)
			}
			return
		}
		if !json.Valid(data) || p != nil {
			t.Fatalf("the scanner accepted %q, which the parser refuses (%v)", data, p)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q: trees differ:\nfast %+v\nslow %+v", data, fast, slow)
		}
	})
}

func (p *Problem) msg() string {
	if p == nil {
		return ""
	}
	return p.Message
}

func depth(n *node) int {
	if n == nil {
		return 0
	}
	d := 0
	for _, c := range n.items {
		d = max(d, depth(c))
	}
	return d + 1
}

// BenchmarkDecode: a subject-sized document through the scanner and the token parser.
func BenchmarkScan(b *testing.B) {
	doc := []byte(`{"id": "0b7f8a3e-5c1d-4e2a-9f60-1a2b3c4d5e01", "number": "郴审移〔2026〕12号", "state": "transferred",
 "source": {"id": "0b7f8a3e-5c1d-4e2a-9f60-1a2b3c4d5ea1", "kind": "audit", "name": "郴州市审计局", "level": "municipal"},
 "subjects": [{"name": "张某", "organization": "某县住建局", "position": "局长", "party_member": true, "public_official": true}],
 "matter": "工程款超付", "amount": "1250000.00", "flags": {"suspected_discipline_breach": true},
 "evidence": [{"name": "审计报告", "kind": "audit_work", "hash": "sha256:9f2c"}],
 "conclusive_opinion_at": "2026-09-28", "transferred_at": "2026-10-19T09:00:00+08:00"}`)
	b.Run("scanner", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, ok := scan(doc); !ok {
				b.Fatal("refused")
			}
		}
	})
	b.Run("tokens", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s := &state{data: doc}
			if _, p := s.parse(); p != nil {
				b.Fatal(p)
			}
		}
	})
}
