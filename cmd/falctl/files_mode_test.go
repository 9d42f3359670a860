//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// TestFilesGetMode creates files with the mode the umask leaves of 0666,
// as other programs do, and keeps the mode of a file it replaces. It sets
// the process's umask, so it does not run in parallel.
func TestFilesGetMode(t *testing.T) {
	srv := falmock.NewServer(falmock.WithDownloadSize(100))
	defer srv.Close()
	dir := t.TempDir()
	replaced := filepath.Join(dir, "private.bin")
	if err := os.WriteFile(replaced, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		umask int
		local string
		want  fs.FileMode
	}{
		{0o022, filepath.Join(dir, "a.bin"), 0o644},
		{0o027, filepath.Join(dir, "b.bin"), 0o640},
		{0o002, filepath.Join(dir, "c.bin"), 0o664},
		{0o022, replaced, 0o600},
	}
	for _, tt := range tests {
		old := syscall.Umask(tt.umask)
		r := againstServer(t, srv, session{}, "files", "get", "data/x.bin", tt.local)
		syscall.Umask(old)
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		st, err := os.Stat(tt.local)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != tt.want {
			t.Errorf("umask %#o: %s has mode %v, want %v", tt.umask, filepath.Base(tt.local), got, tt.want)
		}
	}
}
