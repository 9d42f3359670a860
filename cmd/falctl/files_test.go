package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// content returns n bytes that are not a pattern a bug could keep.
func content(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{1})
	_, _ = r.Read(b)
	return b
}

// TestFilesRoundTrip uploads a file and downloads it again: the mock
// counts what it receives and serves what it is given.
func TestFilesRoundTrip(t *testing.T) {
	t.Parallel()
	data := content(3<<20 + 17)
	srv := falmock.NewServer(falmock.WithDownloadContent(data))
	defer srv.Close()
	dir := t.TempDir()
	local := filepath.Join(dir, "weights.bin")
	if err := os.WriteFile(local, data, 0o600); err != nil {
		t.Fatal(err)
	}

	r := againstServer(t, srv, session{}, "files", "put", local, "models/v1/")
	if r.code != exitOK || r.stdout != "" {
		t.Fatalf("files put: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if want := "uploaded " + local + " (3145745 bytes) to models/v1/weights.bin\n"; r.stderr != want {
		t.Errorf("files put stderr = %q, want %q", r.stderr, want)
	}
	ups := srv.RequestsFor("serverlessUploadLocalFile")
	if len(ups) != 1 || ups[0].Upload == nil {
		t.Fatalf("upload requests: %+v", ups)
	}
	if up := ups[0].Upload; up.Field != "file_upload" || up.Filename != "weights.bin" || up.Size != int64(len(data)) {
		t.Errorf("the mock received %+v, want file_upload weights.bin of %d bytes", up, len(data))
	}
	if got := ups[0].PathParams["target_path"]; got != "models/v1/weights.bin" {
		t.Errorf("target_path = %q", got)
	}

	back := filepath.Join(dir, "back.bin")
	r = againstServer(t, srv, session{}, "files", "get", "models/v1/weights.bin", back)
	if r.code != exitOK || r.stdout != "" {
		t.Fatalf("files get: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("downloaded %d bytes that differ from the %d uploaded", len(got), len(data))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 { // the upload and the download
		t.Errorf("the directory holds %d files, want no partial file left", len(entries))
	}

	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	r = againstServer(t, srv, session{}, "files", "get", "models/v1/weights.bin", sub)
	if got, err := os.ReadFile(filepath.Join(sub, "weights.bin")); r.code != exitOK || err != nil || !bytes.Equal(got, data) {
		t.Errorf("files get into a directory: exit %d, %v, %d bytes; %s", r.code, err, len(got), r.stderr)
	}

	r = againstServer(t, srv, session{}, "files", "get", "models/v1/weights.bin", "-")
	if r.code != exitOK || r.stdout != string(data) || r.stderr != "" {
		t.Errorf("files get to stdout: exit %d, %d bytes, stderr %q", r.code, len(r.stdout), r.stderr)
	}
}

// TestFilesGetDefaultName downloads to the remote file's name in the
// current directory.
func TestFilesGetDefaultName(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	srv := falmock.NewServer(falmock.WithDownloadSize(1000))
	defer srv.Close()
	r := againstServer(t, srv, session{}, "files", "get", "datasets/train.jsonl")
	checkGolden(t, "files-get-default-name", r)
	got, err := os.ReadFile(filepath.Join(dir, "train.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	_, _ = want.ReadFrom(falmock.DownloadContent(1000))
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the downloaded file differs from what the mock served")
	}
}

// TestFilesGetFailureKeepsFile leaves the local file as it was when the
// download fails.
func TestFilesGetFailureKeepsFile(t *testing.T) {
	t.Parallel()
	srv := falmock.NewServer()
	defer srv.Close()
	if err := srv.Inject("serverlessDownloadFile", falmock.Fault{Truncate: true, Times: 1}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	local := filepath.Join(dir, "keep.txt")
	if err := os.WriteFile(local, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := againstServer(t, srv, session{}, "files", "get", "a/b.bin", local)
	if r.code != exitFailed || !strings.HasPrefix(r.stderr, "falctl: ") {
		t.Errorf("exit %d, stderr %q; want exit 1 and the error", r.code, r.stderr)
	}
	if got, _ := os.ReadFile(local); string(got) != "old" {
		t.Errorf("the local file holds %q, want it untouched", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the directory holds %d files, want no partial file left", len(entries))
	}
}

// TestFilesProgress draws a progress line on stderr when it is a terminal,
// and none when it is not.
func TestFilesProgress(t *testing.T) {
	t.Parallel()
	const size = 5 << 20
	srv := falmock.NewServer(falmock.WithDownloadSize(size))
	defer srv.Close()
	dir := t.TempDir()
	local := filepath.Join(dir, "big.bin")

	r := againstServer(t, srv, session{stderrTTY: true}, "files", "get", "data/big.bin", local)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(r.stderr, "\n")
	if len(lines) != 3 || lines[2] != "" {
		t.Fatalf("stderr = %q, want the progress line and the summary", r.stderr)
	}
	draws := strings.Split(lines[0], "\r")[1:]
	if len(draws) < 2 || len(draws) > 101 {
		t.Errorf("the progress line was drawn %d times, want between 2 and 101", len(draws))
	}
	if last := strings.TrimRight(draws[len(draws)-1], " "); last != "data/big.bin  5.0 MiB / 5.0 MiB  100%" {
		t.Errorf("last progress = %q", last)
	}
	if want := "downloaded data/big.bin (5242880 bytes) to " + local; lines[1] != want {
		t.Errorf("summary = %q, want %q", lines[1], want)
	}

	r = againstServer(t, srv, session{stderrTTY: true}, "files", "put", local, "data/copy.bin")
	if r.code != exitOK || !strings.Contains(r.stderr, "\r"+local+"  5.0 MiB / 5.0 MiB  100%\n") {
		t.Errorf("upload: exit %d, stderr %q", r.code, r.stderr)
	}

	r = againstServer(t, srv, session{}, "files", "get", "data/big.bin", local)
	if r.code != exitOK || strings.Contains(r.stderr, "\r") {
		t.Errorf("without a terminal: exit %d, stderr %q; want no progress", r.code, r.stderr)
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB", 1 << 50: "1.0 PiB", 1 << 62: "4096.0 PiB",
	} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestFilesGetMissingDirectory refuses, before downloading anything, a
// local path whose directory does not exist, naming the path given.
func TestFilesGetMissingDirectory(t *testing.T) {
	t.Parallel()
	srv := falmock.NewServer()
	defer srv.Close()
	local := filepath.Join(t.TempDir(), "missing", "b.bin")
	r := againstServer(t, srv, session{}, "files", "get", "a/b.bin", local)
	want := "falctl: cannot write " + local + ": there is no directory " + filepath.Dir(local) + "\n"
	if r.code != exitFailed || r.stderr != want {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.stderr, want)
	}
	if n := len(srv.RequestsFor("serverlessDownloadFile")); n != 0 {
		t.Errorf("%d downloads, want none", n)
	}
}

// TestWriteFileErrorNamesTheFile reports a failure to write with the
// path asked for, never the hidden file written first.
func TestWriteFileErrorNamesTheFile(t *testing.T) {
	t.Parallel()
	name := filepath.Join(t.TempDir(), "gone", "x.bin")
	_, err := writeFile(name, strings.NewReader("data"))
	if err == nil || !strings.HasPrefix(err.Error(), "writing "+name+": ") || strings.Contains(err.Error(), ".part") {
		t.Errorf("error %v; want one naming %s alone", err, name)
	}
}
