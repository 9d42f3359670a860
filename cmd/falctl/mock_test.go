package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMockProgramMissing says where --mock looked for the mock program and
// how to install it, before anything is sent.
func TestMockProgramMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := falctl(t, session{}, "--mock", "pricing", "fal-ai/flux/dev")
	if r.code != exitFailed || r.stdout != "" || !strings.Contains(r.stderr, "go install github.com/falplatform/fal-go/cmd/falmock@latest") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and how to install falmock", r.code, r.stdout, r.stderr)
	}
}

// TestMockRunsWithGoRunWhenNotInstalled: without the mock program, a falctl
// built from this module (go run ./cmd/falctl) runs it with go run, and
// says how to start faster.
func TestMockRunsWithGoRunWhenNotInstalled(t *testing.T) {
	bin := t.TempDir()
	if err := os.Symlink(os.Args[0], filepath.Join(bin, "go")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	r := falctl(t, session{}, "--mock", "pricing", "fal-ai/flux/dev")
	if r.code != exitOK || !strings.Contains(r.stdout, "fal-ai/flux/dev") {
		t.Fatalf("exit %d, stdout %q, stderr %q; want the prices from the mock", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "running it with go run "+mockPackage) || !strings.Contains(r.stderr, "go install "+mockPackage+"@latest") {
		t.Errorf("stderr %q does not say that the mock runs with go run, and how to install it", r.stderr)
	}
}

// TestNoMockInTheBinary keeps the mock, and the schema validator it links,
// out of falctl: their package initialization would cost every command
// (the mock runs as its own program).
func TestNoMockInTheBinary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for dep := range strings.FieldsSeq(string(out)) {
		for _, heavy := range []string{"github.com/falplatform/fal-go/pkg/falmock", "github.com/getkin/kin-openapi", "github.com/santhosh-tekuri/jsonschema", "go.yaml.in/yaml"} {
			if strings.HasPrefix(dep, heavy) {
				t.Errorf("falctl links %s", dep)
			}
		}
	}
}
