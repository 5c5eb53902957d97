package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/examples/internal/golden"
)

// TestChengdu runs the story and checks every line it prints: the owner's clue found on
// Wednesday 30 September is due at once, by the first working day after National Day
// (Thursday 8 October); the clue about irregular business investment alone owes nothing; of
// the four proposals, 记过 and 诫勉 stand together (政务处分法 art. 17) and the heavier 50% pay
// deduction is applied once, the 30% kept as subsumed with its reason (从重但不重复). The
// bundle version, a content hash, is masked. The expected output is
// testdata/output.golden.
func TestChengdu(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, out.String())
}
