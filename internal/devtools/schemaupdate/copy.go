package schemaupdate

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CopyModule copies the Go module rooted at src into dst, which must not
// exist or be empty: every regular file, without .git, the root's bin/ and
// the nested modules (such as internal/devtools), which are not part of it.
func CopyModule(src, dst string) error {
	err := walkModule(src, func(rel, _ string, data []byte, mode fs.FileMode) error {
		return os.WriteFile(filepath.Join(dst, rel), data, mode)
	}, func(rel string) error {
		return os.MkdirAll(filepath.Join(dst, rel), 0o755)
	})
	if err != nil {
		return fmt.Errorf("copy module: %w", err)
	}
	return nil
}

// skipDir reports whether the walk of a module leaves out the directory at
// path.
func skipDir(root, path, rel, name string) bool {
	if rel == "." {
		return false
	}
	if name == ".git" || rel == "bin" {
		return true
	}
	_, err := os.Stat(filepath.Join(path, "go.mod"))
	return err == nil && path != root
}
