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
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if skipDir(src, path, rel, d.Name()) {
				return fs.SkipDir
			}
			return os.MkdirAll(target, 0o755)
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
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		return fmt.Errorf("copy module: %w", err)
	}
	return nil
}

// skipDir reports whether CopyModule leaves out the directory at path.
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
