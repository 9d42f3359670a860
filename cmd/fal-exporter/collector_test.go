package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/fal"
)

// fixtureServer answers the operations the exporter calls with the files
// of testdata/fal, and fails the test on a request the exporter should not
// have sent.
func fixtureServer(t testing.TB) *httptest.Server {
	t.Helper()
	file := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, err := os.ReadFile(filepath.Join("testdata", "fal", name))
			if err != nil {
				t.Error(err)
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			if strings.HasSuffix(name, ".txt") {
				w.Header().Set("Content-Type", "text/plain; version=0.0.4")
			} else {
				w.Header().Set("Content-Type", "application/json")
			}
			_, _ = w.Write(body)
		}
	}
	expectQuery := func(want string, next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if got := r.URL.Query().Encode(); got != want {
				t.Errorf("%s %s: query %s, want %s", r.Method, r.URL.Path, got, want)
			}
			next(w, r)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/models/usage", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page := "usage-page1.json"
		if q.Get("cursor") == "cGFnZTI=" {
			page = "usage-page2.json"
			q.Del("cursor")
		}
		if got, want := q.Encode(), "expand=summary&start=2026-03-01T00%3A00%3A00Z&timezone=UTC"; got != want {
			t.Errorf("GetUsage query %s, want %s", got, want)
		}
		file(page)(w, r)
	})
	mux.HandleFunc("GET /v1/account/billing", expectQuery("expand=credits", file("billing.json")))
	mux.HandleFunc("GET /v1/models/pricing", expectQuery("endpoint_id=fal-ai%2Fflux%2Fdev&endpoint_id=fal-ai%2Fveo3", file("pricing.json")))
	mux.HandleFunc("GET /v1/serverless/apps", expectQuery("", file("apps.json")))
	mux.HandleFunc("GET /v1/serverless/apps/me/{name}/queue", func(w http.ResponseWriter, r *http.Request) {
		file("queue-"+r.PathValue("name")+".json")(w, r)
	})
	mux.HandleFunc("GET /v1/serverless/metrics", file("metrics.txt"))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// fixtureClient is a client of the fixture server configured as the
// exporter's.
func fixtureClient(t testing.TB, srv *httptest.Server) *fal.Client {
	t.Helper()
	c, err := fal.NewClient(append(clientOptions(), fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey(testKey), fal.WithHTTPClient(srv.Client()))...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestExposition refreshes every source once from known answers and
// checks everything the exporter then serves under fal_ against
// testdata/exposition.golden: usage and cost (top 3 endpoints, the rest as
// "other"), the credit balance, unit prices, queue sizes, fal's app
// metrics under fal_serverless_ and the exporter's health.
func TestExposition(t *testing.T) {
	e := newTestExporter(t, fixtureClient(t, fixtureServer(t)),
		"--usage.top-endpoints=3", "--pricing.endpoints=fal-ai/flux/dev,fal-ai/veo3")
	e.refreshAll(t)

	families, err := e.gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, mf := range families {
		if strings.HasPrefix(mf.GetName(), "fal_") && mf.GetName() != "fal_exporter_build_info" {
			names = append(names, mf.GetName())
		}
	}
	golden := filepath.Join("testdata", "exposition.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(e.scrape(t, names...)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	e.checkExposition(t, string(want), names...)
	var wantNames []string
	for _, line := range strings.Split(string(want), "\n") {
		if name, ok := strings.CutPrefix(line, "# TYPE "); ok {
			wantNames = append(wantNames, strings.Fields(name)[0])
		}
	}
	if !slices.Equal(names, wantNames) {
		t.Errorf("families served: %v\nin the golden file: %v", names, wantNames)
	}
}

// TestOwnMetricsAvoidAppMetricsPrefix checks that nothing the exporter
// makes itself (nor Go's or the process's metrics) is named under the
// prefix kept for fal's app metrics: whatever fal serves cannot collide.
func TestOwnMetricsAvoidAppMetricsPrefix(t *testing.T) {
	e := newTestExporter(t, fixtureClient(t, fixtureServer(t)),
		"--pricing.endpoints=fal-ai/flux/dev,fal-ai/veo3", "--collector.app-metrics=false")
	e.refreshAll(t)
	families, err := e.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	if len(families) < len(ownDescs) {
		t.Fatalf("only %d families gathered", len(families))
	}
	for _, mf := range families {
		if strings.HasPrefix(mf.GetName(), appMetricsPrefix) {
			t.Errorf("the exporter's own metric %s is named under %s", mf.GetName(), appMetricsPrefix)
		}
	}
}
