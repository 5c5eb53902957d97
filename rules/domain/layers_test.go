package domain_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mod = "github.com/guantong/guantong/"

// deps lists the module's own packages that pkg depends on (go list -deps, tests excluded).
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", mod+pkg).Output()
	require.NoError(t, err)
	var own []string
	for _, p := range strings.Fields(string(out)) {
		if q, ok := strings.CutPrefix(p, mod); ok && q != pkg {
			own = append(own, q)
		}
	}
	return own
}

// The layers of the library, as `go list -deps` shows them: the calendar at the bottom, the
// domain packages above it, the generic engine beside them knowing nothing of the domain,
// and this package wiring the two.
func TestLayers(t *testing.T) {
	for pkg, want := range map[string][]string{
		"rules/workday":  {},
		"rules":          {"internal/strictjson", "rules/workday"},
		"clue":           {"internal/duty", "internal/lifecycle", "rules/workday"},
		"rules/sanction": {"clue", "internal/duty", "internal/lifecycle", "rules/workday"},
		"rectification":  {"clue", "internal/duty", "internal/lifecycle", "rules/workday"},
		"meeting":        {"clue", "internal/duty", "internal/lifecycle", "rectification", "rules/workday"},
		"rules/domain": {"clue", "internal/duty", "internal/lifecycle", "internal/strictjson", "meeting", "rectification",
			"rules", "rules/sanction", "rules/workday"},
	} {
		got := deps(t, pkg)
		assert.ElementsMatch(t, want, got, pkg)
	}
}

// China Standard Time has one definition, in rules/workday: no other file of the module
// builds a zone or hard-codes the offset.
func TestOneTimeZone(t *testing.T) {
	offset := regexp.MustCompile(`\b8 ?\* ?(3600|60 ?\* ?60)\b|time\.FixedZone\(|time\.LoadLocation\(`)
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel == filepath.Join("rules", "workday") || strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(src), "\n") {
			if offset.MatchString(line) {
				t.Errorf("%s:%d: %s", rel, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	require.NoError(t, err)
}
