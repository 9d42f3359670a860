package schemaupdate

import (
	"strings"
	"testing"
)

func TestLoadSchemaCountsOperations(t *testing.T) {
	for i, want := range []int{32, 67, 79, 82} {
		s, err := LoadSchema(readFile(t, revisions[i]))
		if err != nil {
			t.Fatalf("%s: %v", revisions[i], err)
		}
		if got := len(s.Operations()); got != want {
			t.Errorf("%s: %d operations, want %d", revisions[i], got, want)
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
			_, err := LoadSchema([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one containing %q", err, tt.err)
			}
		})
	}
}

func TestSchemaDescribe(t *testing.T) {
	s, err := LoadSchema(readFile(t, revisions[3]))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Describe(), "Platform APIs, v1 (OpenAPI 3.1.0)"; got != want {
		t.Fatalf("Describe() = %q, want %q (as PROVENANCE.md writes it)", got, want)
	}
}
