package main

import (
	"os/exec"
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
