package falmock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/gen/falapi"
)

func TestSchemaCache(t *testing.T) {
	t.Parallel()
	revs := schemaRevisions(t)
	first, err := loadSpec(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	again, err := loadSpec(bytes.Clone(api.OpenAPI))
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Error("the same schema bytes were loaded twice")
	}
	other, err := loadSpec(revs["openapi-2026-03-18"])
	if err != nil {
		t.Fatal(err)
	}
	if other == first {
		t.Error("two schemas share one loaded document")
	}
	wantOps := map[string]int{"current": countOperations(t, api.OpenAPI), "openapi-2026-03-18": 32, "openapi-2026-06-12": 67, "openapi-2026-07-30": 79}
	for name, data := range revs {
		h, err := NewHandler(WithSchema(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := len(h.Operations()); got != wantOps[name] {
			t.Errorf("%s: %d operations, want %d", name, got, wantOps[name])
		}
		if h.BasePath() != "/v1" {
			t.Errorf("%s: base path %q", name, h.BasePath())
		}
	}
}

func TestBadSchema(t *testing.T) {
	for _, data := range [][]byte{[]byte("not a schema"), []byte(`{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}}}}}`)} {
		if _, err := NewHandler(WithSchema(data)); err == nil {
			t.Errorf("NewHandler accepted %q", truncate(data))
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("NewServer did not panic on a bad schema")
		}
	}()
	NewServer(WithSchema([]byte("not a schema")))
}

// TestOwnAnswers checks the fallback from an invalid example to synthesis,
// and what happens when falmock cannot build a valid answer.
func TestOwnAnswers(t *testing.T) {
	tiny, err := os.ReadFile("testdata/tiny.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(WithSchema(tiny))
	defer srv.Close()
	if !strings.HasSuffix(srv.URL, "/api") {
		t.Errorf("URL %q does not end in the schema's base path", srv.URL)
	}
	ops := map[string]Operation{}
	for _, o := range srv.Operations() {
		ops[o.ID] = o
	}
	if o := ops["badExample"]; o.HasExample || !strings.Contains(o.ExampleProblem, "count") {
		t.Errorf("badExample: HasExample %v, ExampleProblem %q", o.HasExample, o.ExampleProblem)
	}

	resp, body := do(t, srv.HTTPClient(), mustRequest(t, srv.URL+"/bad-example"))
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != 200 || got["count"] != 1.0 || got["name"] != "name" {
		t.Errorf("bad example: status %d, answer %s, want a synthesized one", resp.StatusCode, body)
	}

	resp, body = do(t, srv.HTTPClient(), mustRequest(t, srv.URL+"/unsatisfiable"))
	env := envelopeOf(t, body)
	if resp.StatusCode != 500 || env.Type != falapi.ErrorTypeServerError || !strings.Contains(env.Message, "falmock bug") {
		t.Errorf("unsatisfiable: status %d, envelope %+v", resp.StatusCode, env)
	}
	if failures := srv.Failures(); len(failures) != 1 || !strings.Contains(failures[0].Error(), "unsatisfiable") {
		t.Errorf("failures %v, want the unsatisfiable answer", failures)
	}
	if recs := srv.RequestsFor("unsatisfiable"); len(recs) != 1 || recs[0].Bug == "" {
		t.Errorf("recorded %+v, want the bug", recs)
	}
}

func mustRequest(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// countOperations counts the operations of a schema from its JSON, without
// kin-openapi, for an independent expectation.
func countOperations(t *testing.T, schema []byte) int {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(schema, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "patch", "head", "options", "trace":
				n++
			}
		}
	}
	return n
}

// TestSchemaIsReadOnDemand checks that a handler decodes only the paths it
// serves, resolves references into the components, serves a YAML document
// too, and refuses only the calls of a path that does not validate.
func TestSchemaIsReadOnDemand(t *testing.T) {
	refs, err := os.ReadFile("testdata/refs.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(refs, &doc); err != nil {
		t.Fatal(err)
	}
	asYAML, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	for name, schema := range map[string][]byte{"json": refs, "yaml": asYAML} {
		t.Run(name, func(t *testing.T) {
			h, err := NewHandler(WithSchema(schema), WithKeys(testKey))
			if err != nil {
				t.Fatal(err)
			}
			get := func(path string) (int, []byte) {
				req := httptest.NewRequest(http.MethodGet, h.BasePath()+path, nil)
				req.Header.Set("Authorization", "Key "+testKey)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec.Code, rec.Body.Bytes()
			}
			if n := decodedPaths(h.spec); n != 0 {
				t.Errorf("%d paths decoded before any call", n)
			}
			if status, body := get("/widgets?limit=11"); status != 400 || !strings.Contains(envelopeOf(t, body).Message, "limit") {
				t.Errorf("limit over the referenced parameter's maximum: %d %s", status, body)
			}
			status, body := get("/widgets/w1")
			var w struct {
				Parts []struct{ SKU string } `json:"parts"`
			}
			if err := json.Unmarshal(body, &w); err != nil || status != 200 || len(w.Parts) != 1 || !strings.HasPrefix(w.Parts[0].SKU, "P-") {
				t.Errorf("getWidget: %d %s, want a widget built from the referenced schemas", status, body)
			}
			if n := decodedPaths(h.spec); n != 2 {
				t.Errorf("%d paths decoded after calls to 2", n)
			}

			status, body = get("/broken/x")
			if env := envelopeOf(t, body); status != 500 || !strings.Contains(env.Message, "/broken/{id}") || !strings.Contains(env.Message, "cannot be served") {
				t.Errorf("broken path: %d %s", status, body)
			}
			if _, err := h.ExampleRequest("brokenPath"); err == nil || !strings.Contains(err.Error(), "/broken/{id}") {
				t.Errorf("ExampleRequest(brokenPath): %v, want the path's problem", err)
			}
			for _, o := range h.Operations() {
				if broken := o.ID == "brokenPath"; broken != (o.Status == 0) {
					t.Errorf("Operations lists %+v", o)
				}
			}
		})
	}
}

// TestConcurrentFirstCalls serves the first calls of every operation at
// once (run it with -race): each path is decoded once, while others are
// served.
func TestConcurrentFirstCalls(t *testing.T) {
	refs, err := os.ReadFile("testdata/refs.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(WithSchema(refs))
	defer srv.Close()
	var wg sync.WaitGroup
	for range 4 {
		for _, path := range []string{"/widgets", "/widgets/a", "/widgets/b"} {
			wg.Go(func() {
				req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
				if err != nil {
					t.Error(err)
					return
				}
				req.Header.Set("Authorization", "Key "+testKey)
				if r := send(t, srv.HTTPClient(), req); r.Err != nil || r.StatusCode != 200 {
					t.Errorf("%s: %d %v %s", path, r.StatusCode, r.Err, r.Body)
				}
			})
		}
	}
	wg.Wait()
}

// decodedPaths counts the paths of s whose item has been decoded.
func decodedPaths(s *spec) int {
	seen := map[*pathEntry]bool{}
	for _, o := range s.ops {
		if o.entry.raw == nil {
			seen[o.entry] = true
		}
	}
	return len(seen)
}
