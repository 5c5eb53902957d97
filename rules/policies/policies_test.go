package policies_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/rulestest"
	"github.com/guantong/guantong/rules/workday"
)

// TestReferencePolicies runs every test case of every reference policy.
func TestReferencePolicies(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	for _, p := range b.Policies() {
		require.NotEmpty(t, p.Source, "policy %s cites no source", p.ID)
		require.NotEmpty(t, p.Tests, "policy %s has no test cases", p.ID)
	}
	rulestest.Run(t, b)
}
