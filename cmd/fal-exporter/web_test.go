package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestLandingPage(t *testing.T) {
	srv := falmock.NewServer(falmock.WithKeys("plain-key"), falmock.WithAdminKeys("admin-key"))
	defer srv.Close()
	e := newTestExporter(t, falmockClient(srv, fal.WithAPIKey("plain-key")), "--pricing.endpoints=fal-ai/flux/dev",
		"--web.telemetry-path=/fal/metrics")
	for _, name := range []string{"usage", "pricing"} {
		e.source(t, name).refresh(context.Background())
	}

	rec := httptest.NewRecorder()
	e.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	page := rec.Body.String()
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	for _, want := range []string{
		`<a href="/fal/metrics">Metrics</a>`,
		"read from " + srv.URL + "/",
		"<tr><td>usage</td><td>5m0s</td><td>skipped: the key cannot read it (admin key needed)</td><td>never</td></tr>",
		"<tr><td>billing</td><td>5m0s</td><td>down</td><td>never</td></tr>",
		"<tr><td>pricing</td><td>1h0m0s</td><td>up</td><td>2026-03-17T09:30:00Z</td></tr>",
		"<tr><td>queues</td><td>15s</td><td>down</td><td>never</td></tr>",
		"<tr><td>app_metrics</td><td>30s</td><td>down</td><td>never</td></tr>",
		"Version " + fal.Version,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the landing page has no %s:\n%s", want, page)
		}
	}

	for path, want := range map[string]int{"/fal/metrics": http.StatusOK, "/metrics": http.StatusNotFound, "/other": http.StatusNotFound} {
		rec := httptest.NewRecorder()
		e.handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d", path, rec.Code, want)
		}
	}
}

// slowFal answers like falmock, but only after 10 seconds; arrived gets
// a value as each request comes in, answered counts the answers sent. A
// request whose client goes away ends at once, unanswered.
func slowFal(t *testing.T, arrived chan<- string, answered *atomic.Int64) *httptest.Server {
	t.Helper()
	mock, err := falmock.NewHandler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case arrived <- r.URL.Path:
		default:
		}
		select {
		case <-time.After(10 * time.Second):
			mock.ServeHTTP(w, r)
			answered.Add(1)
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestScrapeDoesNotWaitOnFal starts every source against a fal that
// answers after 10 seconds and scrapes 20 times while they all wait: every
// scrape returns, reporting the sources down, before fal has answered
// anything, each in under a second, and typically (the median) in under
// 100ms. (The median, not the slowest: on a loaded machine under the race
// detector a scrape of Go's runtime metrics alone can take longer.)
func TestScrapeDoesNotWaitOnFal(t *testing.T) {
	arrived := make(chan string, 16)
	var answered atomic.Int64
	slow := slowFal(t, arrived, &answered)
	client, err := fal.NewClient(append(clientOptions(), fal.WithBaseURL(slow.URL+"/v1"), fal.WithAPIKey(testKey))...)
	if err != nil {
		t.Fatal(err)
	}
	e := newTestExporter(t, client, "--pricing.endpoints=fal-ai/flux/dev")
	exporterSrv := httptest.NewServer(e.handler())
	defer exporterSrv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	e.start(ctx)
	defer e.wait()
	defer cancel()
	for range e.sources {
		<-arrived // every source is now waiting on fal
	}

	var took []time.Duration
	for range 20 {
		start := time.Now()
		resp, err := http.Get(exporterSrv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		took = append(took, time.Since(start))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("scrape: %d %v", resp.StatusCode, err)
		}
		if !strings.Contains(string(body), `fal_up{source="usage"} 0`) {
			t.Fatalf("the scrape does not report usage down:\n%s", body)
		}
	}
	if n := answered.Load(); n != 0 {
		t.Fatalf("fal answered %d requests during the scrapes: the test did not keep fal slow", n)
	}
	slices.Sort(took)
	if slowest := took[len(took)-1]; slowest >= time.Second {
		t.Errorf("a scrape took %v while fal was slow, want far less than fal's 10s", slowest)
	}
	if median := took[len(took)/2]; median >= 100*time.Millisecond {
		t.Errorf("the median scrape took %v while fal was slow, want under 100ms (all: %v)", median, took)
	}
	t.Logf("20 scrapes while every source waited on fal: fastest %v, median %v, slowest %v", took[0], took[len(took)/2], took[len(took)-1])
}

// BenchmarkScrape measures a whole scrape over HTTP of an exporter whose
// sources hold the answers of testdata/fal, beside a baseline: the same
// handler serving only Go's and the process's metrics, which every
// client_golang program serves.
func BenchmarkScrape(b *testing.B) {
	srv := fixtureServer(b)
	e := newTestExporter(b, fixtureClient(b, srv), "--pricing.endpoints=fal-ai/flux/dev,fal-ai/veo3")
	e.refreshAll(b)
	baseline := newTestExporter(b, fixtureClient(b, srv), "--collector.usage=false", "--collector.billing=false",
		"--collector.pricing=false", "--collector.queues=false", "--collector.app-metrics=false")

	for _, bm := range []struct {
		name string
		h    http.Handler
	}{{"baseline-go-and-process-only", baseline.handler()}, {"exporter", e.handler()}} {
		b.Run(bm.name, func(b *testing.B) {
			scrapeSrv := httptest.NewServer(bm.h)
			defer scrapeSrv.Close()
			b.ReportAllocs()
			for b.Loop() {
				resp, err := http.Get(scrapeSrv.URL + "/metrics")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := io.Copy(io.Discard, resp.Body); err != nil {
					b.Fatal(err)
				}
				_ = resp.Body.Close()
			}
		})
	}
}
