package schemaupdate

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// schemaServer serves body at /v1/openapi.json, as fal serves its schema.
func schemaServer(t *testing.T, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/openapi.json" || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestReadSourceFetchesURL(t *testing.T) {
	want := readFile(t, revisionFiles[2])
	srv := schemaServer(t, want)
	got, err := ReadSource(context.Background(), srv.URL+"/v1/openapi.json", srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("fetched %d bytes, served %d", len(got), len(want))
	}
}

func TestReadSourceRefusesErrorStatus(t *testing.T) {
	srv := schemaServer(t, nil)
	_, err := ReadSource(context.Background(), srv.URL+"/v2/openapi.json", srv.Client())
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("err = %v, want one naming the 404", err)
	}
}

func TestReadSourceReadsFile(t *testing.T) {
	got, err := ReadSource(context.Background(), revisionFiles[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, readFile(t, revisionFiles[0])) {
		t.Fatal("read bytes differ from the file")
	}
	if _, err := ReadSource(context.Background(), filepath.Join(t.TempDir(), "missing.json"), nil); err == nil {
		t.Fatal("a missing file read without error")
	}
}

func TestSourceLabel(t *testing.T) {
	for in, want := range map[string]string{
		DefaultSource:                           DefaultSource,
		"http://127.0.0.1:1234/v1/openapi.json": "http://127.0.0.1:1234/v1/openapi.json",
		"/tmp/x/openapi-2026-06-12.json":        "local file `openapi-2026-06-12.json`",
	} {
		if got := sourceLabel(in); got != want {
			t.Errorf("sourceLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
