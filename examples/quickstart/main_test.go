package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQuickstart keeps the README's run command honest: the story runs, and every deadline
// it prints is the one the official 2026 calendar gives.
func TestQuickstart(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	s := out.String()
	for _, want := range []string{
		"+ obligation transfer due 2026-06-30 (clue.audit-transfer)",                            // across 端午 6/19–6/21
		"+ obligation progress_feedback due 2026-10-08 (clue.commission-feedback-and-disposal)", // 10/7 is 国庆: moved to 10/8
		"+ obligation disposal_opinion due 2026-08-07 (clue.disposal-opinion-one-month)",
		"2026-10-12 16:00  evaluate          feedback_given -> evaluated",
		"0 violations, compliant=true",
		"disposal           due 2026-10-08  met on time 2026-10-08 17:00",
	} {
		assert.Contains(t, s, want)
	}
}
