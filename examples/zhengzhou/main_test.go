package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestZhengzhou runs the project and checks every line it prints. The business-environment
// supervision runs in seed 003's four stages 明确监督工作重点 (5–16 January), 全面掌握政策落实情况
// (19 January – 9 March), 深入企业开展走访调研 (2 February – 10 March: 400 enterprises, 221
// problems) and 推动整改落实取得实效 (11 March – 30 June), each printed with its part of the loop
// 监督检查—问题反馈—整改落实—深化治理. The stage order is the plan's: the visits cannot close on
// 6 March while the policy ledger is at 120/126 (a *DependencyError). The 221 problems
// are fed back on 20 March and signed off 1 April – 26 June on the official 2026
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
