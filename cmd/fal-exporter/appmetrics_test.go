package main

import (
	"cmp"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falprom"
)

// metricsServer serves a file of testdata/fal as fal's app metrics.
func metricsServer(t *testing.T, file string) *fal.Client {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "fal", file))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/serverless/metrics" {
			t.Errorf("unexpected request %s", r.URL)
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		_, _ = w.Write(text)
	}))
	t.Cleanup(srv.Close)
	return fixtureClient(t, srv)
}

// TestAppMetricsCannotCollide serves app metrics named like the
// exporter's own metrics, like Go's, and twice the same name with and
// without fal's prefix: each is served under fal_serverless_ with its
// labels, HELP and TYPE, the exporter's own metrics stay its own, the
// scrape has no error, and the one name that cannot be served is logged
// once.
func TestAppMetricsCannotCollide(t *testing.T) {
	e := newTestExporter(t, metricsServer(t, "metrics-clashing.txt"),
		"--collector.usage=false", "--collector.billing=false", "--collector.pricing=false", "--collector.queues=false")
	apps := e.source(t, "app_metrics")
	for range 2 {
		if _, again := apps.refresh(t.Context()); !again || !apps.health().up {
			t.Fatalf("refresh failed:\n%s", e.logs)
		}
	}
	e.checkExposition(t, `# HELP fal_serverless_app_duration_count a gauge named like a histogram's count (served by fal as a gauge)
# TYPE fal_serverless_app_duration_count untyped
fal_serverless_app_duration_count 7
# HELP fal_serverless_app_latency_seconds a real histogram
# TYPE fal_serverless_app_latency_seconds histogram
fal_serverless_app_latency_seconds_bucket{le="0.5"} 3
fal_serverless_app_latency_seconds_bucket{le="+Inf"} 4
fal_serverless_app_latency_seconds_sum 2.5
fal_serverless_app_latency_seconds_count 4
# HELP fal_serverless_requests_total requests, as fal names them
# TYPE fal_serverless_requests_total counter
fal_serverless_requests_total{application="me/my-app",status="200"} 10
# HELP fal_serverless_up fal's own up, which must not replace the exporter's
# TYPE fal_serverless_up gauge
fal_serverless_up{application="me/my-app"} 1
# HELP fal_serverless_usage_cost a name the exporter uses for itself
# TYPE fal_serverless_usage_cost gauge
fal_serverless_usage_cost 99
# HELP fal_serverless_go_goroutines a Go runtime name
# TYPE fal_serverless_go_goroutines gauge
fal_serverless_go_goroutines 12345
`, "fal_serverless_app_duration_count", "fal_serverless_app_latency_seconds", "fal_serverless_requests_total",
		"fal_serverless_up", "fal_serverless_usage_cost", "fal_serverless_go_goroutines")

	if got := e.series(t, "fal_up"); len(got) != 1 || got[`source="app_metrics"`] != 1 {
		t.Errorf("fal_up is %v, want the exporter's own", got)
	}
	if got := e.series(t, "go_goroutines")[""]; got == 12345 || got == 0 {
		t.Errorf("go_goroutines is %g, want the exporter's own", got)
	}
	if n := strings.Count(e.logs.String(), `"msg":"a metric fal serves is not re-exposed: another one gets the same name","metric":"requests_total","as":"fal_serverless_requests_total"`); n != 1 {
		t.Errorf("%d log lines about requests_total, want 1:\n%s", n, e.logs)
	}
}

// FuzzAppMetrics feeds any Prometheus text fal could serve through the
// parser and reexpose: whatever parses comes out under fal_serverless_,
// one family per name, without timestamps, labels sorted, and gathers
// beside the exporter's own metrics.
func FuzzAppMetrics(f *testing.F) {
	for _, file := range []string{"metrics.txt", "metrics-clashing.txt"} {
		text, err := os.ReadFile(filepath.Join("testdata", "fal", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
	}
	f.Add([]byte("x 1\nfal_x 2\n"))
	f.Add([]byte("# TYPE a summary\na{quantile=\"0.5\"} 1\na_sum 2\na_count 3\n"))
	e := newTestExporter(f, idleClient(f), "--collector.usage=false", "--collector.billing=false", "--collector.pricing=false", "--collector.queues=false")
	f.Fuzz(func(t *testing.T, text []byte) {
		families, err := falprom.Parse(text)
		if err != nil {
			return
		}
		out, dropped := reexpose(families)
		if len(out)+len(dropped) != len(families) {
			t.Fatalf("%d families in, %d out and %d dropped", len(families), len(out), len(dropped))
		}
		seen := map[string]bool{}
		for _, mf := range out {
			name := mf.GetName()
			if !strings.HasPrefix(name, appMetricsPrefix) || seen[name] {
				t.Fatalf("family %q is not under %s, or served twice", name, appMetricsPrefix)
			}
			seen[name] = true
			for _, m := range mf.Metric {
				if m.TimestampMs != nil {
					t.Fatalf("%s keeps a timestamp", name)
				}
				if !slices.IsSortedFunc(m.Label, func(a, b *dto.LabelPair) int { return cmp.Compare(a.GetName(), b.GetName()) }) {
					t.Fatalf("%s has unsorted labels", name)
				}
			}
		}
		e.appMetrics.data = out
		gathered, _ := e.gatherer().Gather() // fal may serve what no registry accepts, such as a repeated series: scrapes serve the rest
		for _, own := range []string{"fal_up", "fal_exporter_build_info"} {
			if !slices.ContainsFunc(gathered, func(mf *dto.MetricFamily) bool { return mf.GetName() == own }) {
				t.Fatalf("the exporter's %s is missing beside the app metrics", own)
			}
		}
	})
}

// idleClient is a client for an exporter that a test never lets call fal.
func idleClient(t testing.TB) *fal.Client {
	t.Helper()
	c, err := fal.NewClient(append(clientOptions(), fal.WithBaseURL("http://127.0.0.1:1/v1"), fal.WithAPIKey(testKey))...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
