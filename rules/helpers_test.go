package rules_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/workday"
)

// Case is the rules package's own test subject.
type Case struct {
	ID            string            `json:"id"`
	Kind          string            `json:"kind"`
	OpinionAt     time.Time         `json:"opinion_at,omitzero"`
	TransferredAt time.Time         `json:"transferred_at,omitzero"`
	Loss          decimal.Decimal   `json:"loss"`
	Count         int               `json:"count"`
	Items         []Item            `json:"items"`
	Tags          map[string]string `json:"tags"`
}

// Item is an element of Case.Items.
type Item struct {
	Name   string `json:"name"`
	Amount int    `json:"amount"`
}

func cst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, workday.Location())
}

func endOf(y int, m time.Month, d int) time.Time {
	return workday.Date{Year: y, Month: m, Day: d}.End()
}

func newEngine(t testing.TB, opts ...rules.Option) *rules.Engine {
	t.Helper()
	cal, err := workday.New()
	require.NoError(t, err)
	opts = append([]rules.Option{rules.WithSubjects(rules.MustSubject[Case]("case", rules.SizeBound("case.items", 100)))}, opts...)
	e, err := rules.New(cal, opts...)
	require.NoError(t, err)
	return e
}

func compile(t testing.TB, e *rules.Engine, name, src string) *rules.Bundle {
	t.Helper()
	ps, err := rules.Parse(name, []byte(src))
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	return b
}

func parse(data []byte) ([]rules.Policy, error) { return rules.Parse("fuzz.yaml", data) }
