package domain_test

import (
	"os/exec"
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
		"rules/sanction": {"rules/workday"},
		"rectification":  {"clue", "internal/duty", "internal/lifecycle", "rules/workday"},
		"meeting":        {"clue", "internal/duty", "internal/lifecycle", "rectification", "rules/workday"},
		"rules/domain": {"clue", "internal/duty", "internal/lifecycle", "internal/strictjson", "meeting", "rectification",
			"rules", "rules/sanction", "rules/workday"},
	} {
		got := deps(t, pkg)
		assert.ElementsMatch(t, want, got, pkg)
	}
}
