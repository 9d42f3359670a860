package schemaupdate

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// snapshotDirs hold the files an update may write besides generated Go
// files: the schema and its inputs, and gen/, which holds only generated
// code (openapi.normalized.json among it).
var snapshotDirs = []string{"api", "gen"}

// snapshotFiles are the other files go generate writes to: the README holds
// the table of operations.
var snapshotFiles = []string{"README.md"}

// generatedHeader is Go's mark of a generated file, which must stand before
// the package clause (https://go.dev/s/generatedcode).
var (
	generatedHeader = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)
	packageClause   = regexp.MustCompile(`(?m)^package `)
)

// inSnapshot reports whether the file rel (slash-separated, relative to the
// root) with content data is one an update may write: a file under
// snapshotDirs, one of snapshotFiles, or a generated Go file anywhere
// (pkg/fal/models.gen.go, pkg/fal/builders_gen_test.go). Handwritten code is
// never in the set, so restoring the set cannot undo anyone's edits to it.
func inSnapshot(rel string, data []byte) bool {
	if slices.Contains(snapshotFiles, rel) {
		return true
	}
	for _, d := range snapshotDirs {
		if strings.HasPrefix(rel, d+"/") {
			return true
		}
	}
	if !strings.HasSuffix(rel, ".go") {
		return false
	}
	header := data
	if loc := packageClause.FindIndex(data); loc != nil {
		header = data[:loc[0]]
	}
	return generatedHeader.Match(header)
}

// A snapshot holds the files an update may write as they were before it, so
// that a failed update can put the tree back.
type snapshot struct {
	root  string
	files map[string]savedFile
}

type savedFile struct {
	data []byte
	mode fs.FileMode
}

// takeSnapshot reads the files an update may write in the module at root.
func takeSnapshot(root string) (*snapshot, error) {
	s := &snapshot{root: root, files: map[string]savedFile{}}
	err := walkModule(root, func(rel, _ string, data []byte, mode fs.FileMode) error {
		if inSnapshot(rel, data) {
			s.files[rel] = savedFile{data: data, mode: mode}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	return s, nil
}

// walkModule calls fn with every regular file of the module at root (its
// slash-separated path from the root, its path, content and mode), without
// .git, the root's bin/ and the nested modules, which are not part of it;
// dir, when set, is called for every directory walked into first.
func walkModule(root string, fn func(rel, path string, data []byte, mode fs.FileMode) error, dir ...func(rel string) error) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if skipDir(root, path, rel, d.Name()) {
				return fs.SkipDir
			}
			for _, f := range dir {
				if err := f(rel); err != nil {
					return err
				}
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return fn(filepath.ToSlash(rel), path, data, info.Mode().Perm())
	})
}

// restore puts every file of the set back as it was: it rewrites the files
// that changed or went missing and removes the ones that joined the set. It
// returns the paths it restored or removed, sorted.
func (s *snapshot) restore() ([]string, error) {
	var touched []string
	seen := map[string]bool{}
	err := walkModule(s.root, func(rel, path string, data []byte, mode fs.FileMode) error {
		saved, ok := s.files[rel]
		switch {
		case ok:
			seen[rel] = true
			if bytes.Equal(data, saved.data) && mode == saved.mode {
				return nil
			}
			touched = append(touched, rel)
			return writeFileAtomic(path, saved.data, saved.mode)
		case inSnapshot(rel, data):
			touched = append(touched, rel)
			return os.Remove(path)
		}
		return nil
	})
	if err != nil {
		return touched, fmt.Errorf("restore: %w", err)
	}
	for rel, saved := range s.files {
		if seen[rel] {
			continue
		}
		touched = append(touched, rel)
		path := filepath.Join(s.root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return touched, fmt.Errorf("restore: %w", err)
		}
		if err := writeFileAtomic(path, saved.data, saved.mode); err != nil {
			return touched, fmt.Errorf("restore: %w", err)
		}
	}
	sort.Strings(touched)
	return touched, nil
}
