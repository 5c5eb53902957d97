package main

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// update rewrites the golden output: go test ./examples/chengdu -update, then review the diff.
var update = flag.Bool("update", false, "rewrite testdata/output.golden")

const golden = "testdata/output.golden"

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
	got := regexp.MustCompile(`sha256:[0-9a-f]{16}`).ReplaceAllString(out.String(), "sha256:…")
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, strings.Split(string(want), "\n"), strings.Split(got, "\n"))
}
