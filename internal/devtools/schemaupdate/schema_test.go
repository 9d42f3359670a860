package schemaupdate

import (
	"errors"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/falplatform/fal-go/internal/revisions"
)

func TestLoadSchemaCountsOperations(t *testing.T) {
	for i, want := range []int{32, 67, 79, 82} {
		s, err := LoadSchema(readFile(t, revisionFiles[i]), normalize.Hints{})
		if err != nil {
			t.Fatalf("%s: %v", revisionFiles[i], err)
		}
		if got := len(s.Operations()); got != want {
			t.Errorf("%s: %d operations, want %d", revisionFiles[i], got, want)
		}
	}
}

func TestLoadSchemaRejects(t *testing.T) {
	tests := map[string]struct{ doc, err string }{
		"not JSON": {`<html>`, "load schema"},
		"no paths": {`{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}`, "no operations"},
		"no operationId": {`{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
			"/x": {"get": {"responses": {"200": {"description": "ok"}}}}}}`, "GET /x has no operationId"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := LoadSchema([]byte(tt.doc), normalize.Hints{})
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestSchemaDescribe(t *testing.T) {
	s, err := LoadSchema(readFile(t, revisionFiles[3]), normalize.Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Describe(), "Platform APIs, v1 (OpenAPI 3.1.0)"; got != want {
		t.Fatalf("Describe() = %q, want %q (as PROVENANCE.md writes it)", got, want)
	}
}

// TestLoadSchemaRepairs loads the variants of testdata/schemas, as
// the normalizer reads them, and refuses a defect it does not repair with
// its pointer, unless hints.yaml overrides it.
func TestLoadSchemaRepairs(t *testing.T) {
	variants, err := revisions.Variants(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		doc, err := v.Read()
		if err != nil {
			t.Fatal(err)
		}
		s, err := LoadSchema(doc, normalize.Hints{})
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		if len(s.Operations()) == 0 {
			t.Errorf("%s: no operations", v.Name)
		}
	}

	const example = "/paths/~1models~1pricing/get/responses/200/content/application~1json/example"
	broken, err := normalize.PatchDocument(readFile(t, revisionFiles[3]), []normalize.PatchOp{{Op: "replace", Path: example + "/prices/0/unit_price", Value: "cheap"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = LoadSchema(broken, normalize.Hints{})
	var d *normalize.DefectError
	if !errors.As(err, &d) || d.Pointer != example+"/prices/0/unit_price" || !strings.Contains(err.Error(), `{op: remove, path: "`+example+`"}`) {
		t.Fatalf("err = %v, want a refusal naming the pointer and the override", err)
	}
	override := normalize.Hints{Overrides: normalize.Overrides{Patch: []normalize.PatchOp{{Op: "remove", Path: example}}}}
	if _, err := LoadSchema(broken, override); err != nil {
		t.Errorf("with the override: %v", err)
	}
}
