package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestZhengzhou runs both projects and checks every line they print. The stage order is the
// plan's: 深化治理 cannot close on 26 June while 整改落实 is still open (a *DependencyError),
// nor 纪委追责 before 行业研判; the line department cannot report on the finance bureau's
// stage. The 221 problems of seed 003 are signed off 1 April – 26 June on the official 2026
// calendar (1–5 May off, Saturday 9 May worked, 19 June 端午 off): 190 by 29 May, so on the
// morning of 1 June 15 are overdue and the on-time rate is 190/205 = 92.68%; at 30 June all
// 221 are signed off, 15 late, 206/221 = 93.21%, with 62 rules built. FG-01, signed off on 1
// April, is looked back at by 8 October: 1 October + 6 months falls in 国庆. The bundle
// version, a content hash, is masked. The expected output is testdata/output.golden.
func TestZhengzhou(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, out.String())
}
