package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestEcho checks, on a small schema made for it, each way an answer shows
// what its request identifies.
func TestEcho(t *testing.T) {
	schema, err := os.ReadFile("testdata/echo.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, WithSchema(schema), WithPages(2), WithItemsPerPage(2))
	page2 := encodeCursor("listThings", 2)
	tests := []struct {
		name   string
		method string
		target string
		body   string
		want   string
	}{
		{"path and query values, read as the types they replace", http.MethodGet, "/things/t9?count=7&active=true", "",
			`{"thing_id": "t9", "kind": "a", "count": 7, "active": true, "parts": [{"thing_id": "part"}]}`},
		{"a value the answer's schema allows", http.MethodGet, "/things/t9?kind=b", "",
			`{"thing_id": "t9", "kind": "b", "count": 1, "active": false, "parts": [{"thing_id": "part"}]}`},
		{"a value the answer's schema refuses is not shown", http.MethodGet, "/things/t9?kind=c", "",
			`{"thing_id": "t9", "kind": "a", "count": 1, "active": false, "parts": [{"thing_id": "part"}]}`},
		{"a parameter the answer has no field for changes nothing", http.MethodGet, "/things/t0?verbose=true", "",
			`{"thing_id": "t0", "kind": "a", "count": 1, "active": false, "parts": [{"thing_id": "part"}]}`},
		{"body fields: a value, a list, an object", http.MethodPost, "/things", `{"kind": "c", "labels": ["x", "y"], "spec": {"size": 3}}`,
			`{"thing_id": "t1", "kind": "c", "labels": ["x", "y"], "spec": {"size": 3}}`},
		{"the published example that agrees with the request", http.MethodPost, "/things", `{"kind": "b"}`,
			`{"thing_id": "t2", "kind": "b", "labels": [], "spec": {"size": 1}}`},
		{"a page without filters", http.MethodGet, "/things", "",
			`{"items": [{"event_id": "e0-p1-1", "thing_id": "t0-p1-1", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"},
			            {"event_id": "e0-p1-2", "thing_id": "t0-p1-2", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"}],
			  "totals": [{"thing_id": "t0-p1-1", "n": 1}, {"thing_id": "t0-p1-2", "n": 1}],
			  "next_cursor": "` + page2 + `", "has_more": true}`},
		{"a list spread over the items; items it names listed once", http.MethodGet, "/things?thing_id=x&thing_id=y", "",
			`{"items": [{"event_id": "e0-p1-1", "thing_id": "x", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"},
			            {"event_id": "e0-p1-2", "thing_id": "y", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"}],
			  "totals": [{"thing_id": "x", "n": 1}, {"thing_id": "y", "n": 1}],
			  "next_cursor": "` + page2 + `", "has_more": true}`},
		{"the next page of the list", http.MethodGet, "/things?thing_id=x&thing_id=y&cursor=" + page2, "",
			`{"items": [{"event_id": "e0-p2-1", "thing_id": "x", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"},
			            {"event_id": "e0-p2-2", "thing_id": "y", "title": "Thing", "created_at": "2025-01-15T00:00:00Z"}],
			  "totals": [], "next_cursor": null, "has_more": false}`},
		{"a search: the field its description names, and the items' names", http.MethodGet, "/things?q=bolt", "",
			`{"items": [{"event_id": "bolt-p1-1", "thing_id": "bolt-p1-1", "title": "bolt", "created_at": "2025-01-15T00:00:00Z"},
			            {"event_id": "bolt-p1-2", "thing_id": "bolt-p1-2", "title": "bolt", "created_at": "2025-01-15T00:00:00Z"}],
			  "totals": [{"thing_id": "bolt-p1-1", "n": 1}, {"thing_id": "bolt-p1-2", "n": 1}],
			  "next_cursor": "` + page2 + `", "has_more": true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body *bytes.Reader
			if tt.body != "" {
				body = bytes.NewReader([]byte(tt.body))
			}
			req, err := http.NewRequestWithContext(context.Background(), tt.method, srv.URL+tt.target, readerOrNil(body))
			if err != nil {
				t.Fatal(err)
			}
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, got := do(t, srv.HTTPClient(), req)
			if resp.StatusCode/100 != 2 {
				t.Fatalf("status %d: %s", resp.StatusCode, got)
			}
			checkJSON(t, got, tt.want)
		})
	}
}

// readerOrNil keeps a nil *bytes.Reader from becoming a non-nil io.Reader.
func readerOrNil(r *bytes.Reader) interface{ Read([]byte) (int, error) } {
	if r == nil {
		return nil
	}
	return r
}

// checkJSON compares two JSON documents by value.
func checkJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("answered %s\nwant %s", got, want)
	}
}

// TestEchoFal checks the answers to the requests of fal's schema that
// looked broken when they ignored the request.
func TestEchoFal(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name  string
		op    string
		query url.Values
		body  string
		check func(t *testing.T, answer map[string]any)
	}{
		{"pricing of two endpoints answers both", "getPricing", url.Values{"endpoint_id": {"fal-ai/a", "fal-ai/b"}}, "",
			func(t *testing.T, a map[string]any) {
				if got := fieldOf(a["prices"], "endpoint_id"); !reflect.DeepEqual(got, []any{"fal-ai/a", "fal-ai/b"}) {
					t.Errorf("prices of %v", got)
				}
			}},
		{"a unit price estimate", "estimatePricing", nil, `{"estimate_type": "unit_price", "endpoints": {"fal-ai/a": {"unit_quantity": 2}}}`,
			func(t *testing.T, a map[string]any) {
				if a["estimate_type"] != "unit_price" {
					t.Errorf("estimate_type %v", a["estimate_type"])
				}
			}},
		{"an instance of the type asked for", "createComputeInstance", nil, `{"instance_type": "gpu_8x_h100_sxm5", "sector": "sector_3", "ssh_key": "ssh-ed25519 AAAA"}`,
			func(t *testing.T, a map[string]any) {
				if a["instance_type"] != "gpu_8x_h100_sxm5" || a["sector"] != "sector_3" {
					t.Errorf("instance_type %v, sector %v", a["instance_type"], a["sector"])
				}
			}},
		{"a model search", "getModels", url.Values{"q": {"upscale"}}, "",
			func(t *testing.T, a map[string]any) {
				for _, m := range a["models"].([]any) {
					model := m.(map[string]any)
					name := model["metadata"].(map[string]any)["display_name"]
					if id := model["endpoint_id"].(string); !strings.Contains(id, "upscale") || strings.Contains(id, "flux") || name != "upscale" {
						t.Errorf("model %s named %v found by a search for upscale", id, name)
					}
				}
			}},
		{"a semantic search names no field: answers as without it", "searchRequests", url.Values{"query": {"cat astronaut"}}, "",
			func(t *testing.T, a map[string]any) {
				if b, _ := json.Marshal(a); strings.Contains(string(b), "cat astronaut") {
					t.Errorf("the answer shows the query: %s", b)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := requestSpec{op: srv.spec.byID[tt.op], query: tt.query}
			if tt.body != "" {
				rs.body = []byte(tt.body)
			}
			resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, rs))
			if resp.StatusCode/100 != 2 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			var a map[string]any
			if err := json.Unmarshal(body, &a); err != nil {
				t.Fatal(err)
			}
			tt.check(t, a)
		})
	}
}

// fieldOf lists a field of each object of a list.
func fieldOf(list any, name string) []any {
	var out []any
	items, _ := list.([]any)
	for _, item := range items {
		m, _ := item.(map[string]any)
		out = append(out, m[name])
	}
	return out
}

// FuzzEcho sends bodies and query strings to the echo test schema's
// operations: whatever the request, the mock answers without a failure of
// its own (a 2xx, or a 4xx for a request the schema refuses).
func FuzzEcho(f *testing.F) {
	schema, err := os.ReadFile("testdata/echo.openapi.json")
	if err != nil {
		f.Fatal(err)
	}
	h, err := NewHandler(WithSchema(schema))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("kind=c&labels=x", []byte(`{"kind": "b", "labels": ["x", "y"], "spec": {"size": 3}}`))
	f.Add("thing_id=x&thing_id=y&q=bolt", []byte(`{"kind": "a", "labels": []}`))
	f.Add("count=7&active=maybe", []byte(`{"kind": null, "spec": [1, {"size": "big"}]}`))
	f.Fuzz(func(t *testing.T, query string, body []byte) {
		for _, target := range []struct{ method, path string }{
			{http.MethodPost, "/api/things"},
			{http.MethodGet, "/api/things"},
			{http.MethodGet, "/api/things/t1"},
		} {
			req := httptest.NewRequest(target.method, target.path+"?"+url.PathEscape(query), bytes.NewReader(body))
			if target.method == http.MethodPost {
				req.Header.Set("Content-Type", "application/json")
			} else {
				req.URL.RawQuery = query
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s %s?%s with %q: %d %s", target.method, target.path, query, body, rec.Code, rec.Body)
			}
		}
		if failures := h.Failures(); len(failures) > 0 {
			t.Fatalf("falmock failed: %v", failures)
		}
		h.Reset()
	})
}
