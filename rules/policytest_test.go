package rules_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/rulestest"
)

func TestPolicyFileTests(t *testing.T) {
	e := newEngine(t)
	src, err := os.ReadFile("testdata/case.yaml")
	require.NoError(t, err)
	rulestest.Run(t, compile(t, e, "testdata/case.yaml", string(src)))
}
