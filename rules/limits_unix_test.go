//go:build unix

package rules_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/guantong/guantong/rules"
)

// A FIFO named like a policy is refused, never opened: opening it would block for ever.
func TestLoadFSRefusesFIFO(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, syscall.Mkfifo(filepath.Join(root, "pipe.yaml"), 0o644))
	require.NoError(t, os.Symlink("pipe.yaml", filepath.Join(root, "to-pipe.yaml")))
	done := make(chan error, 1)
	go func() {
		_, err := rules.LoadFS(os.DirFS(root), ".")
		done <- err
	}()
	select {
	case err := <-done:
		var le *rules.LoadError
		require.ErrorAs(t, err, &le)
		require.Len(t, le.Problems, 2)
		for _, p := range le.Problems {
			assert.ErrorIs(t, p, rules.ErrNotRegular, p.Position.File)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadFS blocked on a FIFO")
	}
}
