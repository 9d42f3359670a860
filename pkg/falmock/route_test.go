package falmock

import (
	"maps"
	"net/http"
	"os"
	"slices"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestRoute routes against a fixed revision of the schema (2026-07-30), so
// that the cases hold whatever the vendored schema becomes.
func TestRoute(t *testing.T) {
	schema, err := os.ReadFile("../../testdata/schemas/openapi-2026-07-30.json")
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	rt := h.spec.router
	tests := []struct {
		name    string
		method  string
		path    string
		op      string // "" when no operation matches
		params  map[string]string
		allowed []string // methods of a path that matched without the method
	}{
		{"literal", http.MethodGet, "/v1/models", "getModels", map[string]string{}, nil},
		{"param", http.MethodGet, "/v1/assets/a1", "getAsset", map[string]string{"vector_id": "a1"}, nil},
		{"param then literal", http.MethodGet, "/v1/assets/a1/lineage", "getAssetLineage", map[string]string{"asset_id": "a1"}, nil},
		{"literal beats param", http.MethodGet, "/v1/assets/characters", "listAssetCharacters", map[string]string{}, nil},
		{"literal beats param at first difference", http.MethodGet, "/v1/assets/characters/lineage", "getAssetCharacter", map[string]string{"character_id": "lineage"}, nil},
		{"two params", http.MethodGet, "/v1/workflows/alice/flow", "getWorkflow", map[string]string{"username": "alice", "workflow_name": "flow"}, nil},
		{"escaped slash stays in its parameter", http.MethodGet, "/v1/serverless/files/file/dir%2Fcat.jpg", "serverlessDownloadFile", map[string]string{"file": "dir/cat.jpg"}, nil},
		{"a file path takes the remaining segments", http.MethodGet, "/v1/serverless/files/file/data/images/cat%20one.jpg", "serverlessDownloadFile", map[string]string{"file": "data/images/cat one.jpg"}, nil},
		{"a file path target of an upload", http.MethodPost, "/v1/serverless/files/file/local/a/b.bin", "serverlessUploadLocalFile", map[string]string{"target_path": "a/b.bin"}, nil},
		{"a file path has no empty segment", http.MethodGet, "/v1/serverless/files/file/data//cat.jpg", "", nil, nil},
		{"an ID takes one segment only", http.MethodGet, "/v1/compute/instances/a/b", "", nil, nil},
		{"method picks the operation", http.MethodDelete, "/v1/assets/tags/t1", "deleteAssetTag", map[string]string{"tag_id": "t1"}, nil},
		{"wrong method", http.MethodPut, "/v1/assets/tags/t1", "", nil, []string{"DELETE", "PATCH"}},
		{"unknown path", http.MethodGet, "/v1/nope", "", nil, nil},
		{"too deep", http.MethodGet, "/v1/models/usage/extra", "", nil, nil},
		{"trailing slash", http.MethodGet, "/v1/models/", "", nil, nil},
		{"outside the base path", http.MethodGet, "/models", "", nil, nil},
		{"base path prefix only", http.MethodGet, "/v1models", "", nil, nil},
		{"empty parameter", http.MethodGet, "/v1/assets//lineage", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := rt.route(tt.method, tt.path)
			got := ""
			if m.op != nil {
				got = m.op.id
			}
			if got != tt.op {
				t.Fatalf("route(%s %s) = %q, want %q", tt.method, tt.path, got, tt.op)
			}
			if tt.op != "" && !maps.Equal(m.params, tt.params) {
				t.Errorf("params %v, want %v", m.params, tt.params)
			}
			if !slices.Equal(m.allowed, tt.allowed) {
				t.Errorf("allowed %v, want %v", m.allowed, tt.allowed)
			}
		})
	}
}

// TestUnroutable checks the envelopes of unknown paths and wrong methods.
func TestUnroutable(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/nope", http.StatusNotFound, ""},
		{http.MethodGet, "/models/", http.StatusNotFound, ""},
		{http.MethodPost, "/models", http.StatusMethodNotAllowed, "GET"},
		{http.MethodPut, "/assets/tags/t1", http.StatusMethodNotAllowed, "DELETE, PATCH"},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Key "+testKey)
		resp, body := do(t, srv.HTTPClient(), req)
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
		}
		env := envelopeOf(t, body)
		if env.Type != falapi.ErrorTypeNotFound || *env.RequestID != resp.Header.Get(requestIDHeader) {
			t.Errorf("%s %s: envelope %+v, header request id %q", tt.method, tt.path, env, resp.Header.Get(requestIDHeader))
		}
		if got := resp.Header.Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
	for _, r := range srv.Requests() {
		if r.Valid || r.OperationID != "" || r.Problem == "" {
			t.Errorf("recorded %s %s as valid=%v op=%q problem=%q", r.Method, r.Path, r.Valid, r.OperationID, r.Problem)
		}
	}
}
