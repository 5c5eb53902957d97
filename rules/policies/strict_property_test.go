package policies_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/clue"
	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// randomClue is a valid clue with random fields.
func randomClue(r *rand.Rand) *clue.Clue {
	pick := func(n int) int { return r.IntN(n) }
	kinds := clue.AgencyKind("").Values()
	t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, workday.Location()).Add(time.Duration(r.IntN(300*24)) * time.Hour)
	c := &clue.Clue{
		ID:       uuid.New(),
		Number:   "编号",
		State:    clue.State("").Values()[pick(len(clue.State("").Values()))],
		Source:   clue.Agency{ID: uuid.New(), Kind: kinds[pick(len(kinds))], Name: "来源单位"},
		Receiver: clue.Agency{ID: uuid.New(), Kind: clue.KindDisciplineCommission, Name: "纪委监委"},
		Subjects: []clue.Person{{Name: "张某", Organization: "某局"}},
		Matter:   "问题",
		Flags: clue.Flags{SuspectedDutyCrime: r.IntN(2) == 0, EvidenceLossRisk: r.IntN(2) == 0,
			SuspectedDisciplineBreach: r.IntN(2) == 0, IrregularBusinessInvestment: r.IntN(2) == 0},
		Evidence: []clue.Evidence{{Name: "材料", Kind: clue.EvidenceKind("").Values()[pick(6)], Hash: "sha256:1"}},
	}
	if r.IntN(2) == 0 {
		c.Amount = decimal.NewFromInt(int64(r.IntN(1_000_000)))
	}
	if r.IntN(2) == 0 {
		c.ConclusiveOpinionAt = t0
	}
	if r.IntN(2) == 0 {
		c.DiscoveredAt = t0
	}
	if r.IntN(2) == 0 {
		c.ReceivedAt = t0.Add(72 * time.Hour)
	}
	if r.IntN(3) == 0 {
		c.TransferredAt = t0.Add(time.Duration(r.IntN(30*24)) * time.Hour)
	}
	if r.IntN(3) == 0 {
		methods := clue.DisposalMethod("").Values()
		c.Disposal = clue.Disposal{Method: methods[pick(len(methods))], DecidedAt: t0.Add(240 * time.Hour)}
		if c.Disposal.Method == clue.MethodInquiry {
			c.Disposal.Form = clue.InquiryForm("").Values()[pick(2)]
		}
	}
	if r.IntN(4) == 0 {
		c.Reporters = []clue.Reporter{{Name: "李某", Named: true}}
	}
	return c
}

// Property: a valid subject encoded and decoded by the strict decoder gives the same
// decision as the value itself.
func TestRoundTripKeepsTheDecision(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	subj := b.Engine().Subjects()[0]
	require.Equal(t, "clue", subj.Name())
	r := rand.New(rand.NewPCG(12, 34))
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, workday.Location())
	for i := 0; i < 300; i++ {
		c := randomClue(r)
		data, err := json.Marshal(c)
		require.NoError(t, err)
		v, err := subj.Decode(data)
		require.NoError(t, err, "%s", data)
		want, err := b.Check(context.Background(), c, at)
		require.NoError(t, err)
		got, err := b.Check(context.Background(), v, at)
		require.NoError(t, err)
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		require.JSONEq(t, string(w), string(g), "%s", data)
	}
}

// Property: changing one character of a field name or of an enumerated value gives a typed
// decode error — never a decision, let alone a compliant one.
func TestOneCharacterTypoIsAnError(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	subj := b.Engine().Subjects()[0]
	r := rand.New(rand.NewPCG(56, 78))
	enumPaths := map[string][]string{} // a value that is an enum, by the key it stands under
	for _, k := range []string{"kind", "state", "method", "form", "level"} {
		enumPaths[k] = nil
	}
	mutated := 0
	for i := 0; i < 200; i++ {
		c := randomClue(r)
		data, err := json.Marshal(c)
		require.NoError(t, err)
		var doc any
		require.NoError(t, json.Unmarshal(data, &doc))
		// Collect every key and every enum value, then mutate one of them.
		type site struct {
			obj   map[string]any
			key   string
			isKey bool
		}
		var sites []site
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				keys := make([]string, 0, len(x))
				for k := range x {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					sites = append(sites, site{x, k, true})
					if _, enum := enumPaths[k]; enum {
						if s, ok := x[k].(string); ok && s != "" {
							sites = append(sites, site{x, k, false})
						}
					}
					walk(x[k])
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(doc)
		s := sites[r.IntN(len(sites))]
		orig := s.key
		if !s.isKey {
			orig = s.obj[s.key].(string)
		}
		typo := mutate(r, orig)
		if s.isKey {
			val := s.obj[s.key]
			delete(s.obj, s.key)
			if _, taken := s.obj[typo]; taken {
				continue
			}
			s.obj[typo] = val
		} else {
			s.obj[s.key] = typo
		}
		bad, err := json.Marshal(doc)
		require.NoError(t, err)
		v, err := subj.Decode(bad)
		if err == nil {
			// The typo happened to be another declared name (e.g. level "county" → "country" is
			// not, but a key typo can collide); then the decision must still not hide it: skip.
			_ = v
			continue
		}
		mutated++
		var se *rules.SubjectError
		require.True(t, errors.As(err, &se), "%T %v", err, err)
		assert.True(t, errors.Is(err, rules.ErrUnknownField) || errors.Is(err, rules.ErrUnknownValue), "%v", err)
		assert.NotEmpty(t, se.Problems[0].Path)
	}
	assert.Greater(t, mutated, 150, "most typos must be caught")
}

// mutate changes one character of s: replaces, deletes or inserts a letter.
func mutate(r *rand.Rand, s string) string {
	letters := "abcdefghijklmnopqrstuvwxyz_"
	b := []byte(s)
	i := r.IntN(len(b))
	c := letters[r.IntN(len(letters))]
	switch r.IntN(3) {
	case 0:
		if b[i] == c {
			c = 'q'
		}
		b[i] = c
	case 1:
		if len(b) > 1 {
			b = append(b[:i], b[i+1:]...)
		} else {
			b = append(b, c)
		}
	default:
		b = append(b[:i], append([]byte{c}, b[i:]...)...)
	}
	return string(b)
}
