package schemaupdate

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestUpdateRefusesABadSchemaBeforeTouchingTheTree: a schema that does not
// load, or a failed download, stops the update before it writes anything.
func TestUpdateRefusesABadSchemaBeforeTouchingTheTree(t *testing.T) {
	repo := copyCheckout(t)
	before := treeHashes(t, repo)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/openapi.json":
			w.Write([]byte(`{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {"/x": {"get": {"responses": {"200": {"description": "ok"}}}}}}`))
		default:
			http.Error(w, "upstream is down", http.StatusBadGateway)
		}
	}))
	defer srv.Close()
	tests := []struct {
		name, from, date, failure string
	}{
		{"no operationId", srv.URL + "/v1/openapi.json", "", "new schema: validate schema: GET /x has no operationId"},
		{"server error", srv.URL + "/down", "", "502 Bad Gateway"},
		{"bad date", revisionFiles[2], "30/07/2026", `date "30/07/2026" is not YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Update(context.Background(), Options{Repo: repo, From: tt.from, Date: tt.date, HTTPClient: srv.Client()})
			if err == nil || r.Applied {
				t.Fatal("the update applied")
			}
			md := r.Markdown()
			if !strings.Contains(md, "**Result: not applied.**") || !strings.Contains(md, tt.failure) || !strings.Contains(md, "The tree was not changed.") {
				t.Errorf("the report does not say what failed (%q):\n%s", tt.failure, md)
			}
			if after := treeHashes(t, repo); !maps.Equal(before, after) {
				t.Errorf("the tree changed: %v", diffKeys(before, after))
			}
		})
	}
}
