package repocheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// documentExamples returns the Go examples of the module at root: the ```go
// blocks of every Markdown file, and the blocks of the doc comments of
// every Go file but tests that read as Go (see readsAsGo). It skips .git,
// bin/, testdata/ and nested modules, whose documents are not the module's.
func documentExamples(root string) ([]example, error) {
	var examples []example
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skipDir(path, rel, d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".md") && !strings.HasSuffix(rel, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		found, err := fileExamples(rel, src)
		examples = append(examples, found...)
		return err
	})
	return examples, err
}

// fileExamples returns the Go examples of the document src at rel: the
// ```go blocks of a Markdown file, or the blocks of the comments of a Go file
// (not a test) that read as Go.
func fileExamples(rel string, src []byte) ([]example, error) {
	switch {
	case strings.HasSuffix(rel, ".md"):
		return markdownExamples(rel, src), nil
	case strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go"):
		found, err := commentExamples(rel, src)
		if err != nil {
			return nil, err
		}
		return slices.DeleteFunc(found, func(ex example) bool { return !readsAsGo(ex) }), nil
	}
	return nil, nil
}

// skipDir reports whether the directory at path (rel from the root, named
// name) holds no documents of the module.
func skipDir(path, rel, name string) bool {
	if name == ".git" || name == "testdata" || rel == "bin" {
		return true
	}
	_, err := os.Stat(filepath.Join(path, "go.mod"))
	return err == nil
}
