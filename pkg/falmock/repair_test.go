package falmock

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/normalize"
)

// TestRepairedSchemas loads documents through the repair go generate makes
// and the overrides of hints.yaml, and checks what a refused one says.
func TestRepairedSchemas(t *testing.T) {
	schema, err := os.ReadFile("testdata/security.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	sound, err := normalize.PatchDocument(schema, []normalize.PatchOp{{Op: "remove", Path: "/paths/~1undefined"}})
	if err != nil {
		t.Fatal(err)
	}
	broken, err := normalize.PatchDocument(sound, []normalize.PatchOp{{Op: "replace", Path: "/paths/~1bearer/get/responses/200/content/application~1json/schema/properties/ok/type", Value: "bool"}})
	if err != nil {
		t.Fatal(err)
	}
	oauthAsKey := normalize.Hints{Overrides: normalize.Overrides{SecuritySchemes: map[string]string{"oauth": normalize.KeyReading}}}

	t.Run("undefined scheme", func(t *testing.T) {
		s, err := parseWithHints(schema, normalize.Hints{})
		if err != nil {
			t.Fatal(err)
		}
		got := s.doc.Components.SecuritySchemes["undefinedKey"]
		if got == nil || got.Value.Type != "apiKey" || got.Value.In != "header" || got.Value.Name != "Authorization" {
			t.Fatalf("undefinedKey = %+v, want fal's key header", got)
		}
		if bearer := s.doc.Components.SecuritySchemes["bearerKey"].Value; bearer.Type != "http" {
			t.Errorf("bearerKey = %+v, want it as published", bearer)
		}
	})
	t.Run("a sound document is served as it came", func(t *testing.T) {
		s, err := parseWithHints(sound, normalize.Hints{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.doc.Components.SecuritySchemes["undefinedKey"]; ok {
			t.Error("a scheme was added to a sound document")
		}
	})
	t.Run("an override reads a scheme as fal's key", func(t *testing.T) {
		s, err := parseWithHints(sound, oauthAsKey)
		if err != nil {
			t.Fatal(err)
		}
		h := newHandlerForSpec(t, s)
		req := validRequest(t, "http://falmock.test/v1", requestSpec{op: s.byID["oauth"], key: "k"})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Errorf("status %d with the override: %s", rec.Code, rec.Body)
		}
	})
	t.Run("a refused path names the defect", func(t *testing.T) {
		// Paths are validated on first use: the broken one is answered 500
		// with the defect's pointer, and listed among the failures.
		for _, hints := range []normalize.Hints{{}, oauthAsKey} {
			s, err := parseWithHints(broken, hints)
			if err != nil {
				t.Fatal(err)
			}
			h := newHandlerForSpec(t, s)
			req := httptest.NewRequest(http.MethodGet, "http://falmock.test/v1/bearer", nil)
			req.Header.Set("Authorization", "Bearer k")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			const pointer = "(at /paths/~1bearer/get/responses/200/content/application~1json/schema/properties/ok/type)"
			if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), pointer) {
				t.Errorf("status %d %s, want 500 naming the defect's pointer", rec.Code, rec.Body)
			}
			if failures := h.Failures(); len(failures) != 1 || !strings.Contains(failures[0].Error(), pointer) {
				t.Errorf("failures %v, want the defect", failures)
			}
		}
	})
}

// newHandlerForSpec is a Handler with the default options serving s.
func newHandlerForSpec(t *testing.T, s *spec) *Handler {
	t.Helper()
	h := &Handler{cfg: newConfig(nil), spec: s}
	h.optsBody, h.optsNoBody = h.validationOptions()
	return h
}
