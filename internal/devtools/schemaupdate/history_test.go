package schemaupdate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHistory runs the check of `make history` on every vendored revision
// and defect variant, after a file that is not a schema, which must fail
// alone.
func TestHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates, builds and vets a copy of the module for each revision")
	}
	variants := t.TempDir()
	files, err := Revisions(repoRoot, variants)
	if err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(revisionFiles),
		filepath.Join(variants, "openapi-2026-07-30+future-constructs.json"),
		filepath.Join(variants, "openapi-2026-06-12+http-bearer-keys.json"),
		filepath.Join(variants, "openapi-2026-07-30+undefined-admin-scheme.json"))
	if !slices.Equal(files, want) {
		t.Fatalf("Revisions() = %v, want %v", files, want)
	}
	bad := filepath.Join(t.TempDir(), "openapi-broken.json")
	if err := os.WriteFile(bad, []byte(`{"openapi": "3.1.0"`), 0o644); err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	results, err := History(context.Background(), repoRoot, append([]string{bad}, files...), &log)
	if err == nil || !strings.Contains(err.Error(), "openapi-broken.json") {
		t.Errorf("err = %v, want one naming the broken file", err)
	}
	if len(results) != len(files)+1 {
		t.Fatalf("%d results for %d files", len(results), len(files)+1)
	}
	if results[0].Err == nil {
		t.Error("the broken file passed")
	}
	for _, r := range results[1:] {
		if r.Err != nil {
			t.Errorf("%s: %v\n%s", r.Schema, r.Err, log.String())
			continue
		}
		if want := len(operationIDs(t, r.Schema)); r.Operations != want {
			t.Errorf("%s: %d operations, want %d", r.Schema, r.Operations, want)
		}
		if len(r.Steps) != 4 {
			t.Errorf("%s: %d steps, want generate, build, vet and the contract tests", r.Schema, len(r.Steps))
		}
		for _, s := range r.Steps {
			if s.State != StepPassed {
				t.Errorf("%s: step %s %s", r.Schema, s.Name, s.State)
			}
		}
	}
	if !strings.Contains(log.String(), "openapi.json: ") {
		t.Errorf("the log does not name the revisions:\n%s", log.String())
	}
}
