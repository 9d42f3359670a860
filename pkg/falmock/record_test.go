package falmock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestRecording(t *testing.T) {
	srv := newTestServer(t)
	o := srv.spec.byID["createAssetCollection"]
	body := []byte(`{"name": "Campaign"}`)
	req := validRequest(t, srv.URL, requestSpec{op: o, body: body, headers: http.Header{"Idempotency-Key": {"idem-1"}}})
	resp, _ := do(t, srv.HTTPClient(), req)
	recs := srv.Requests()
	if len(recs) != 1 {
		t.Fatalf("recorded %d requests", len(recs))
	}
	r := recs[0]
	checks := []struct {
		what      string
		got, want any
	}{
		{"operation", r.OperationID, o.id},
		{"method", r.Method, http.MethodPost},
		{"path", r.Path, "/v1/assets/collections"},
		{"authorization", r.Header.Get("Authorization"), "Key " + testKey},
		{"idempotency key", r.Header.Get("Idempotency-Key"), "idem-1"},
		{"body", string(r.Body), string(body)},
		{"body size", r.BodySize, int64(len(body))},
		{"valid", r.Valid, true},
		{"status", r.Status, http.StatusCreated},
		{"request id", r.RequestID, resp.Header.Get(requestIDHeader)},
		{"page", r.Page, 0},
		{"fault", r.Fault == nil, true},
		{"bug", r.Bug, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: recorded %v, want %v", c.what, c.got, c.want)
		}
	}

	// Snapshots are copies.
	r.Header.Set("Authorization", "changed")
	r.Query.Set("x", "y")
	if again := srv.Requests()[0]; again.Header.Get("Authorization") != "Key "+testKey || again.Query.Has("x") {
		t.Error("changing a snapshot changed the recording")
	}

	srv.Reset()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("after Reset: %d requests", n)
	}
}

func TestRecordingParams(t *testing.T) {
	srv := newTestServer(t)
	o := srv.spec.byID["getAssetLineage"]
	req := validRequest(t, srv.URL, requestSpec{op: o, query: url.Values{"depth": {"2"}}})
	req.URL.Path, req.URL.RawPath = "/v1/assets/asset 1/lineage", ""
	if resp, body := do(t, srv.HTTPClient(), req); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	r := srv.RequestsFor(o.id)[0]
	if r.PathParams["asset_id"] != "asset 1" || r.Query.Get("depth") != "2" || r.Path != "/v1/assets/asset%201/lineage" {
		t.Errorf("recorded params %v, query %v, path %q", r.PathParams, r.Query, r.Path)
	}
}

func TestRecordedBodyBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		size     int
		status   int
		recorded int
	}{
		{"under the bound", 1000, http.StatusCreated, 1000},
		{"over the bound", MaxRecordedBody + MaxRecordedBody/2, http.StatusCreated, MaxRecordedBody},
		{"too large to accept", maxRequestBody + 1, http.StatusRequestEntityTooLarge, MaxRecordedBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			o := srv.spec.byID["createAssetCollection"]
			prefix, suffix := `{"name": "n", "description": "`, `"}`
			body := []byte(prefix + strings.Repeat("d", tt.size-len(prefix)-len(suffix)) + suffix)
			resp, out := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: o, body: body}))
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, truncate(out))
			}
			r := srv.RequestsFor(o.id)[0]
			if len(r.Body) != tt.recorded || !bytes.Equal(r.Body, body[:tt.recorded]) {
				t.Errorf("recorded %d bytes, want the first %d", len(r.Body), tt.recorded)
			}
			if tt.status == http.StatusCreated && r.BodySize != int64(len(body)) {
				t.Errorf("body size %d, want %d", r.BodySize, len(body))
			}
		})
	}
}

// TestConcurrentUse drives one server from many goroutines while faults are
// injected and recordings read (run with -race).
func TestConcurrentUse(t *testing.T) {
	srv := newTestServer(t)
	ops := []*operation{srv.spec.byID["getMeta"], srv.spec.byID["getUsage"], srv.spec.byID["createApiKey"], srv.spec.byID["listApiKeys"]}
	const workers, calls = 16, 8
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range calls {
				o := ops[(w+i)%len(ops)]
				if i%4 == 0 {
					if err := srv.Inject(o.id, Fault{Status: 503, Times: 1}); err != nil {
						t.Error(err)
					}
				}
				resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: o}))
				if resp.StatusCode != o.status && resp.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("%s: status %d: %s", o.id, resp.StatusCode, body)
				}
				if resp.StatusCode == o.status && o.mediaType != "" && !json.Valid(body) {
					t.Errorf("%s: invalid JSON", o.id)
				}
				srv.Requests()
			}
		})
	}
	wg.Wait()
	recs := srv.Requests()
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.RequestID] = true
	}
	if len(recs) != workers*calls || len(ids) != len(recs) {
		t.Errorf("recorded %d requests with %d distinct ids, want %d", len(recs), len(ids), workers*calls)
	}
}
