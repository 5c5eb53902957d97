package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestTiefeng runs the year and checks every line it prints. The dates are the official 2026
// calendar's: the quarterly meeting is due by the end of each quarter (31 March, 30 June,
// 30 September, 31 December), so with no meeting in April–June the second quarter is missed;
// 10 working days from the audit's conclusive opinion on Monday 14 September count Sunday
// 20 September (worked) and skip 中秋 (25–27 September), ending on Monday 28 September; the
// clue received on 28 September is owed a disposal opinion by 28 October and feedback and
// disposal within 3 months, by Monday 28 December. The joint inspection due 30 October is
// overdue on 2 November and done late on 6 November. After the fourth-quarter meeting the next
// meeting falls in 2027, which has no official calendar data: the report says so. Last, the
// four-party chain 审计查证—财政核策—行业研判—纪委追责 runs as a staged project, 1 July – 30
// October, each stage after the one before: the line department cannot report on the finance
// bureau's stage (a *FieldError), nor can the commission, which leads, close 纪委追责 before
// 行业研判 (a *DependencyError); its 14 events replay to the same project. The bundle version,
// a content hash, is masked. The expected output is testdata/output.golden.
func TestTiefeng(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, out.String())
}
