package schemaupdate

import (
	"io/fs"
	"os"
	"path/filepath"
)

// writeFileAtomic replaces the file at path with data and mode by renaming a
// temporary file over it, so that a reader never sees half a file and a
// read-only file (api/openapi.json is one) can be replaced.
func writeFileAtomic(path string, data []byte, mode fs.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	// After the rename there is nothing left to remove.
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// fileMode returns the permission bits of the file at path, or def when it
// does not exist.
func fileMode(path string, def fs.FileMode) fs.FileMode {
	info, err := os.Stat(path)
	if err != nil {
		return def
	}
	return info.Mode().Perm()
}
