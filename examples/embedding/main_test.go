package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
	"github.com/guantong/guantong/rules/domain"
	"github.com/guantong/guantong/rules/policies"
	"github.com/guantong/guantong/rules/workday"
)

// TestEmbedding runs the README snippet: the audit clue of 28 September 2026 was due by 16
// October (国庆 and the 10 October make-up Saturday counted), and went on the 19th.
func TestEmbedding(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	assert.Equal(t, "clue.audit-transfer AUDIT_TRANSFER_LATE 审计机关应于2026-10-16前（结论性意见之日起10个工作日内）移送问题线索\n"+
		"transfer 2026-10-16 clue.audit-transfer\n", out.String())
}

var readmes = []string{"../../README.md", "../../README.zh-CN.md"}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

// snippet returns the code between the README markers of main.go, one tab of indentation
// removed.
func snippet(t *testing.T) string {
	t.Helper()
	src := readFile(t, "main.go")
	begin := strings.Index(src, "// README:begin\n")
	end := strings.Index(src, "\t// README:end")
	require.True(t, begin > 0 && end > begin)
	var b strings.Builder
	for _, l := range strings.SplitAfter(src[begin+len("// README:begin\n"):end], "\n") {
		b.WriteString(strings.TrimPrefix(l, "\t"))
	}
	return b.String()
}

// Both READMEs show exactly the code this test runs.
func TestReadmeSnippetIsTheProgram(t *testing.T) {
	want := "```go\n" + snippet(t) + "```\n"
	for _, r := range readmes {
		assert.Contains(t, readFile(t, r), want, "%s: the embedding snippet differs from examples/embedding/main.go", r)
	}
}

// The README's two commands are the ones CI runs, in both languages.
func TestReadmeCommands(t *testing.T) {
	ci := readFile(t, "../../.ci/run")
	for _, r := range readmes {
		s := readFile(t, r)
		for _, cmd := range []string{"go run ./examples/quickstart", "go test -race ./..."} {
			assert.Contains(t, s, "\n"+cmd, "%s lacks %q", r, cmd)
			assert.Contains(t, ci, "\n"+cmd, ".ci/run does not run %q", cmd)
		}
	}
}

var policyRow = regexp.MustCompile("(?m)^\\| `?([a-z]+\\.[a-z0-9.-]+)`? \\|")

// The reference-policy tables list exactly the embedded reference policies.
func TestReadmePolicyTables(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	b, err := policies.Bundle(cal)
	require.NoError(t, err)
	var ids []string
	for _, p := range b.Policies() {
		ids = append(ids, p.ID)
	}
	for _, r := range readmes {
		var got []string
		for _, m := range policyRow.FindAllStringSubmatch(readFile(t, r), -1) {
			if strings.Contains(m[1], "/") {
				continue
			}
			got = append(got, m[1])
		}
		sort.Strings(got)
		assert.Equal(t, ids, got, "%s: reference policy table", r)
	}
}

// The package tables name every package of the module, and nothing else.
func TestReadmePackageTables(t *testing.T) {
	cmd := exec.Command("go", "list", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	require.NoError(t, err)
	var pkgs []string
	for _, l := range strings.Fields(string(out)) {
		rel := strings.TrimPrefix(strings.TrimPrefix(l, "github.com/guantong/guantong"), "/")
		if rel == "" || strings.Contains("/"+rel+"/", "/internal/") {
			continue
		}
		pkgs = append(pkgs, rel)
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9/]+)` \\|")
	for _, r := range readmes {
		var got []string
		for _, m := range row.FindAllStringSubmatch(readFile(t, r), -1) {
			if strings.Contains(m[1], "/") || !strings.Contains(m[1], ".") {
				got = append(got, m[1])
			}
		}
		got = slices.Compact(func() []string { sort.Strings(got); return got }())
		assert.Equal(t, pkgs, got, "%s: package table", r)
		for _, p := range pkgs {
			_, err := os.Stat(filepath.Join("../..", p))
			assert.NoError(t, err)
		}
	}
}

// The policy both READMEs show compiles on the domain subjects and passes its own tests.
func TestReadmePolicyExample(t *testing.T) {
	cal, err := workday.New()
	require.NoError(t, err)
	e, err := rules.New(cal, rules.WithSubjects(domain.Subjects()...))
	require.NoError(t, err)
	var blocks []string
	for _, r := range readmes {
		s := readFile(t, r)
		i := strings.Index(s, "```yaml\n")
		require.True(t, i >= 0, "%s has no yaml block", r)
		j := strings.Index(s[i+8:], "```\n")
		blocks = append(blocks, s[i+8:i+8+j])
	}
	assert.Equal(t, blocks[0], blocks[1], "the READMEs show different policies")
	ps, err := rules.Parse("README.md", []byte(blocks[0]))
	require.NoError(t, err)
	b, err := e.Compile(ps)
	require.NoError(t, err)
	res := b.RunTests(context.Background())
	require.NotEmpty(t, res)
	for _, r := range res {
		assert.True(t, r.Passed, "%s: %v", r.Name, r.Diff)
	}
}

// goList runs go list in the module root and returns the module's own packages it prints
// for pkg with the given template, without the module prefix.
func goList(t *testing.T, pkg string, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append(append([]string{"list"}, args...), "./"+pkg)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	require.NoError(t, err)
	var own []string
	for _, l := range strings.Fields(string(out)) {
		if q, ok := strings.CutPrefix(l, "github.com/guantong/guantong/"); ok && q != pkg {
			own = append(own, q)
		}
	}
	sort.Strings(own)
	return slices.Compact(own)
}

// The layers table of both READMEs is the import graph: each row's imports are the package's
// direct imports from the module, and following the rows gives `go list -deps`.
func TestReadmeLayers(t *testing.T) {
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9/]+)` \\| (.+) \\|$")
	for _, r := range readmes {
		text := readFile(t, r)
		i := strings.Index(text, "| package | imports from the module |")
		require.GreaterOrEqual(t, i, 0, "%s: no layers table", r)
		table := text[i:]
		table = table[:strings.Index(table, "\n\n")]
		direct := map[string][]string{}
		for _, m := range row.FindAllStringSubmatch(table, -1) {
			var imps []string
			for _, f := range strings.Split(m[2], ",") {
				if f = strings.Trim(strings.TrimSpace(f), "`"); f != "—" {
					imps = append(imps, f)
				}
			}
			sort.Strings(imps)
			direct[m[1]] = imps
		}
		require.NotEmpty(t, direct, r)
		for pkg, imps := range direct {
			assert.Equal(t, goList(t, pkg, "-f", `{{join .Imports " "}}`), imps, "%s: %s imports", r, pkg)
			closure := map[string]bool{}
			var walk func(p string)
			walk = func(p string) {
				for _, q := range direct[p] {
					if !closure[q] {
						closure[q] = true
						walk(q)
					}
				}
			}
			walk(pkg)
			var got []string
			for q := range closure {
				got = append(got, q)
			}
			sort.Strings(got)
			assert.Equal(t, goList(t, pkg, "-deps"), got, "%s: %s depends", r, pkg)
		}
	}
}
