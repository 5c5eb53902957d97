// Package rulestest runs the test cases that policy files carry from go test.
//
//	func TestPolicies(t *testing.T) {
//		b := ... // compile the bundle under test
//		rulestest.Run(t, b)
//	}
//
// Each test case becomes a subtest named policy-id/case-name; a failure prints what was
// expected and missing (-) and present but not expected (+).
package rulestest

import (
	"context"
	"strings"
	"testing"

	"github.com/guantong/guantong/rules"
)

// Run runs every policy test case in b as a subtest of t. It fails t when the bundle has no
// test case at all, since a policy set without tests proves nothing.
func Run(t *testing.T, b *rules.Bundle) {
	t.Helper()
	results := b.RunTests(context.Background())
	if len(results) == 0 {
		t.Fatalf("rulestest: bundle %s has no test cases", b.Version())
	}
	for _, r := range results {
		t.Run(r.PolicyID+"/"+r.Name, func(t *testing.T) {
			if !r.Passed {
				t.Errorf("%s: policy %s, case %q:\n    %s", r.Position, r.PolicyID, r.Name, strings.Join(r.Diff, "\n    "))
			}
		})
	}
}
