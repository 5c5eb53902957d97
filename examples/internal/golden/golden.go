// Package golden checks an example's output against its testdata/output.golden, line by line,
// with the bundle version (a content hash) masked. Run the example's test with -update to
// rewrite the file, then review the diff.
package golden

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// File is the golden file, relative to the example's directory.
const File = "testdata/output.golden"

var (
	update = flag.Bool("update", false, "rewrite "+File)
	hash   = regexp.MustCompile(`sha256:[0-9a-f]{16}\b`)
)

// Check compares out, with bundle versions masked, to the golden file.
func Check(t *testing.T, out string) {
	t.Helper()
	got := hash.ReplaceAllString(out, "sha256:…")
	if *update {
		require.NoError(t, os.WriteFile(File, []byte(got), 0o644))
	}
	want, err := os.ReadFile(File)
	require.NoError(t, err)
	assert.Equal(t, strings.Split(string(want), "\n"), strings.Split(got, "\n"))
}
