package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestNingde runs the story and checks every line it prints. The figures are seed 001's: 48
// problems, 45 signed off (93.75%), 15 rules built; 42 of the 45 by the 29 May deadline, so the
// on-time rate is 42/48 = 87.50% while the 3 unfinished problems are overdue (21 working days
// by 30 June: June has 22 weekdays and 端午 takes 19 June). The look-back due dates are the
// official calendar's: 6 months after 3 April is 3 October, inside 国庆 (1–7 October), so 8
// October; after 17 April, Saturday 17 October, so Monday 19 October; 9 May 2026 is a 调休
// Saturday, a working day. After the relapse of ND-03 completion falls to 44/48 = 91.67%. The
// bundle version, a content hash, is masked. The expected output is testdata/output.golden.
func TestNingde(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, out.String())
}
