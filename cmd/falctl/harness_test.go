package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/internal/mockproc"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// testKey is the FAL_KEY of every test. No output of any run may show it.
const testKey = "test-key-id:test-secret-that-must-never-be-printed"

// testdata is the directory of the golden files, found before any test
// changes the working directory.
var testdata string

// testNow is the clock of every run, for relative --since and --until.
var testNow = time.Date(2025, 2, 1, 12, 0, 0, 0, time.UTC)

// actAsMockProgram makes the test binary act as the mock program, which
// --mock finds on PATH under the name falmock (see TestMain).
const actAsMockProgram = "FALCTL_TEST_ACT_AS_MOCK_PROGRAM"

func TestMain(m *testing.M) {
	if os.Getenv(actAsMockProgram) != "" {
		os.Exit(serveAsMockProgram())
	}
	for _, name := range []string{"FAL_KEY_ID", "FAL_KEY_SECRET", "FAL_BASE_URL"} {
		os.Unsetenv(name)
	}
	os.Setenv("FAL_KEY", testKey)
	var err error
	if testdata, err = filepath.Abs("testdata"); err != nil {
		panic(err)
	}
	bin, err := os.MkdirTemp("", "falctl-test-bin")
	if err != nil {
		panic(err)
	}
	if err := os.Symlink(os.Args[0], filepath.Join(bin, mockProgram)); err != nil {
		panic(err)
	}
	os.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	os.Setenv(actAsMockProgram, "1")
	code := m.Run()
	os.RemoveAll(bin)
	os.Exit(code)
}

// serveAsMockProgram is the mock program (cmd/falmock) in the test binary.
func serveAsMockProgram() int {
	h, err := falmock.NewHandler()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	args := os.Args[1:]
	if filepath.Base(os.Args[0]) == "go" {
		// Standing in for the go command that runs the mock program.
		if len(args) < 2 || args[0] != "run" || args[1] != mockPackage {
			fmt.Fprintf(os.Stderr, "go was run as %q\n", os.Args)
			return 2
		}
		args = args[2:]
	}
	if len(args) != 1 || args[0] != "-"+mockproc.ExitOnEOF {
		fmt.Fprintf(os.Stderr, "the mock program was run as %q\n", os.Args)
		return 2
	}
	if err := mockproc.Serve(context.Background(), h, h.BasePath(), "127.0.0.1:0", os.Stdout, os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// session describes how falctl is run: its input, what it takes for a
// terminal, the handler --mock serves, the context, and options for its
// client.
type session struct {
	stdin     string
	stdinTTY  bool
	stderrTTY bool
	mock      mockHandler
	ctx       context.Context
	stdout    io.Writer // in addition to the captured output
	options   []fal.Option
}

// result is what a run left: its output and exit code, and whether it
// started anything to close (the --mock server).
type result struct {
	args           []string
	stdout, stderr string
	code           int
	started        bool
}

// falctl runs falctl in-process with args and checks that the key never
// shows in its output.
func falctl(t *testing.T, s session, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	out := io.Writer(&stdout)
	if s.stdout != nil {
		out = io.MultiWriter(&stdout, s.stdout)
	}
	c := &cli{
		stdin:     strings.NewReader(s.stdin),
		stdout:    out,
		stderr:    &stderr,
		stdinTTY:  s.stdinTTY,
		stderrTTY: s.stderrTTY,
		now:       func() time.Time { return testNow },
		mock:      s.mock,
		options:   s.options,
	}
	ctx := s.ctx
	if ctx == nil {
		ctx = t.Context()
	}
	r := result{args: args, code: c.execute(ctx, args), started: len(c.closers) > 0}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	if strings.Contains(r.stdout+r.stderr, testKey) || strings.Contains(r.stdout+r.stderr, "test-secret") {
		t.Errorf("falctl %s printed the API key:\n%s%s", strings.Join(args, " "), r.stdout, r.stderr)
	}
	return r
}

// againstServer runs falctl against srv, as --base-url srv.URL.
func againstServer(t *testing.T, srv *falmock.Server, s session, args ...string) result {
	t.Helper()
	r := falctl(t, s, append([]string{"--base-url", srv.URL}, args...)...)
	r.args[1] = "$MOCK"
	return r
}

// transcript is r as a golden file holds it.
func (r result) transcript() string {
	var b strings.Builder
	args := make([]string, len(r.args))
	for i, a := range r.args {
		args[i] = a
		if a == "" || strings.ContainsAny(a, " \t\n'\"") {
			args[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	fmt.Fprintf(&b, "$ falctl %s\nexit %d\n", strings.Join(args, " "), r.code)
	for _, stream := range []struct{ name, text string }{{"stdout", r.stdout}, {"stderr", r.stderr}} {
		if stream.text == "" {
			continue
		}
		fmt.Fprintf(&b, "-- %s --\n%s", stream.name, stream.text)
		if !strings.HasSuffix(stream.text, "\n") {
			b.WriteString("\n-- (no newline at the end) --\n")
		}
	}
	return b.String()
}

// checkGolden compares r to testdata/name.golden, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name string, r result) {
	t.Helper()
	path := filepath.Join(testdata, name+".golden")
	got := r.transcript()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept it)\n--- got:\n%s--- want:\n%s", path, got, want)
	}
}
