package rules

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// LoadFS reads every .yaml, .yml and .json file under root in fsys, in lexical order, and
// returns all their policies and every problem in every file (see [Parse]). Hidden files
// and directories (their names start with a dot: editors' temporary files, the timestamped
// directories of a Kubernetes ConfigMap volume) are not read, except through a link.
//
// It reads regular files only: a device, a FIFO or a socket is a problem of kind
// [ErrNotRegular] naming its path, and is never opened. A symbolic link is followed while
// it stays under root (as the links of a Kubernetes ConfigMap volume do), each link of its
// path resolved; a link that leaves root is [ErrOutsideRoot], and one the file system cannot
// resolve (it does not implement fs.ReadLinkFS) is [ErrNotRegular]. A file larger than
// [Limits].MaxFileSize, more files than MaxFiles or more bytes in all than MaxTotalSize are
// [ErrTooLarge]; [LoadLimits] sets them. The error is a [*LoadError] with every problem, or,
// when root itself cannot be read, that error.
func LoadFS(fsys fs.FS, root string, opts ...LoadOption) ([]Policy, error) {
	return loadFS(fsys, root, loadLimits(opts))
}

// policyFile is a file LoadFS reads: its name under root and the regular file it is, after
// its links.
type policyFile struct {
	name, target string
	size         int64
}

func loadFS(fsys fs.FS, root string, lim Limits) ([]Policy, error) {
	var files []policyFile
	var probs []*Problem
	refuse := func(name string, kind error, format string, args ...any) {
		probs = append(probs, &Problem{Position: Position{File: name}, Kind: kind, Message: fmt.Sprintf(format, args...)})
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if hidden := p != root && strings.HasPrefix(d.Name(), "."); d.IsDir() || hidden {
			if d.IsDir() && hidden {
				return fs.SkipDir
			}
			return nil
		}
		switch strings.ToLower(path.Ext(p)) {
		case ".yaml", ".yml", ".json":
		default:
			return nil
		}
		target := p
		if d.Type()&fs.ModeSymlink != 0 {
			hops := 0
			t, err := resolveLinks(fsys, root, p, &hops)
			if err != nil {
				var le *linkError
				if errors.As(err, &le) {
					refuse(p, le.kind, "%s", le.msg)
					return nil
				}
				return err
			}
			target = t
		}
		info, err := fs.Lstat(fsys, target)
		if err != nil {
			return err
		}
		if !info.Mode().IsRegular() {
			refuse(p, ErrNotRegular, "not a regular file (%s): only regular files are read", info.Mode().Type())
			return nil
		}
		files = append(files, policyFile{name: p, target: target, size: info.Size()})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rules: reading policy directory %q: %w", root, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	if len(files) > lim.MaxFiles {
		refuse(root, &LimitError{Limit: "MaxFiles", Max: int64(lim.MaxFiles), Got: int64(len(files))},
			"%d policy files, more than %d (Limits.MaxFiles); none read", len(files), lim.MaxFiles)
		return nil, asLoadError(probs)
	}
	var all []Policy
	var total int64
	for _, f := range files {
		if f.size > lim.MaxFileSize {
			refuse(f.name, &LimitError{Limit: "MaxFileSize", Max: lim.MaxFileSize, Got: f.size},
				"%d bytes, more than %d (Limits.MaxFileSize)", f.size, lim.MaxFileSize)
			continue
		}
		data, err := readAtMost(fsys, f.target, lim.MaxFileSize)
		if err != nil {
			return nil, fmt.Errorf("rules: reading policy file %q: %w", f.name, err)
		}
		if int64(len(data)) > lim.MaxFileSize { // it grew, or its size was not known
			refuse(f.name, &LimitError{Limit: "MaxFileSize", Max: lim.MaxFileSize},
				"more than %d bytes (Limits.MaxFileSize)", lim.MaxFileSize)
			continue
		}
		if total += int64(len(data)); total > lim.MaxTotalSize {
			refuse(f.name, &LimitError{Limit: "MaxTotalSize", Max: lim.MaxTotalSize, Got: total},
				"the files up to this one hold %d bytes, more than %d (Limits.MaxTotalSize); it and the rest are not read", total, lim.MaxTotalSize)
			break
		}
		all = append(all, parseInto(f.name, data, lim, &probs)...)
	}
	return all, asLoadError(probs)
}

// readAtMost reads the named file, at most limit+1 bytes (one more tells it is larger).
func readAtMost(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

// linkError is a link LoadFS refuses to follow.
type linkError struct {
	kind error
	msg  string
}

func (e *linkError) Error() string { return e.msg }

const maxLinkHops = 40

// resolveLinks resolves every symbolic link of name (a path under root), component by
// component below root, and returns the path of what it leads to; every step must stay under
// root. root itself is the caller's choice and is not looked at.
func resolveLinks(fsys fs.FS, root, name string, hops *int) (string, error) {
	cur, rel := root, name
	if root == "." || root == "" {
		cur = ""
	} else {
		rel = strings.TrimPrefix(name, root+"/")
	}
	for part := range strings.SplitSeq(rel, "/") {
		next := path.Join(cur, part)
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		if *hops++; *hops > maxLinkHops {
			return "", &linkError{ErrNotRegular, fmt.Sprintf("more than %d symbolic links", maxLinkHops)}
		}
		link, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", &linkError{ErrNotRegular, fmt.Sprintf("symbolic link %s cannot be resolved: %v", next, err)}
		}
		target := path.Join(path.Dir(next), link)
		if path.IsAbs(link) || !under(root, target) {
			return "", &linkError{ErrOutsideRoot, fmt.Sprintf("symbolic link %s leads to %s, outside %s", next, link, root)}
		}
		if cur, err = resolveLinks(fsys, root, target, hops); err != nil {
			return "", err
		}
	}
	return cur, nil
}

// under reports whether the clean path p is root or below it.
func under(root, p string) bool {
	if root == "." || root == "" {
		return p != ".." && !strings.HasPrefix(p, "../")
	}
	return p == root || strings.HasPrefix(p, root+"/")
}
