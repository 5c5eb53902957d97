package rules_test

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
)

func TestCheckAuditTransfer(t *testing.T) {
	e := newEngine(t)
	src, err := os.ReadFile("testdata/case.yaml")
	require.NoError(t, err)
	b := compile(t, e, "testdata/case.yaml", string(src))
	c := &Case{Kind: "audit", OpinionAt: cst(2026, 9, 28, 9, 0), TransferredAt: cst(2026, 10, 19, 9, 0)}
	d, err := b.Check(context.Background(), c, cst(2026, 10, 20, 10, 0), rules.Explain())
	require.NoError(t, err)
	require.Len(t, d.Violations, 1)
	assert.Equal(t, "TRANSFER_LATE", d.Violations[0].Reason)
	assert.Equal(t, "移送超时：应于2026-10-16前移送", d.Violations[0].Message)
	require.Len(t, d.Obligations, 1)
	assert.True(t, d.Obligations[0].Due.Equal(endOf(2026, 10, 16)), d.Obligations[0].Due)
	assert.Equal(t, b.Version(), d.BundleVersion)
	t.Logf("%+v", d.Trace)
}
