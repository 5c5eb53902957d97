package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestChenzhou runs the story and checks every line it prints. The dates are the official
// 2026 calendar's: 10 working days from Thursday 18 June skip 端午 (19–21 June) and end on
// Friday 3 July; 3 months from registration on 6 July end on 6 October, a National Day
// holiday, and move to Thursday 8 October; 1 month ends on 6 August. Within 5 working days
// of 30 September comes 8 October, after the holiday. The bundle version, a content hash, is
// masked. The expected output is testdata/output.golden.
func TestChenzhou(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, out.String())
}
