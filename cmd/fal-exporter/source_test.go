package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestRetryWait(t *testing.T) {
	tests := []struct {
		interval   time.Duration
		failures   int
		retryAfter time.Duration
		want       time.Duration
	}{
		{time.Minute, 1, 0, 5 * time.Second},
		{time.Minute, 2, 0, 10 * time.Second},
		{time.Minute, 4, 0, 40 * time.Second},
		{time.Minute, 8, 0, 10 * time.Minute}, // 5s·2^7 = 640s, capped at 10m
		{time.Minute, 100, 0, 10 * time.Minute},
		{2 * time.Second, 1, 0, 2 * time.Second},           // never later than the interval at first
		{time.Hour, 100, 0, time.Hour},                     // a long interval is the cap
		{time.Minute, 1, 2 * time.Minute, 2 * time.Minute}, // Retry-After wins when longer
		{time.Minute, 3, 2 * time.Second, 20 * time.Second},
		{time.Minute, 1, 30 * time.Hour, time.Hour}, // honoured up to an hour
	}
	for _, tt := range tests {
		if got := retryWait(tt.interval, tt.failures, tt.retryAfter); got != tt.want {
			t.Errorf("retryWait(%v, %d, %v) = %v, want %v", tt.interval, tt.failures, tt.retryAfter, got, tt.want)
		}
	}
}

// TestSourceRunFollowsWaits runs a source whose fetch fails twice, then
// works, on a fake clock: the loop waits 5s, then 10s, then its interval,
// and returns when its context ends.
func TestSourceRunFollowsWaits(t *testing.T) {
	results := []error{errors.New("boom"), errors.New("boom again"), nil, nil}
	clk := newFakeClock()
	fetches := 0
	s := &source[int]{
		name: "test", interval: time.Minute, timeout: time.Second, clock: clk.clock(),
		log: slog.New(slog.DiscardHandler), observe: func(string, time.Duration) {},
		fetch: func(context.Context) (int, error) {
			err := results[fetches]
			fetches++
			return fetches, err
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.run(ctx)
		close(done)
	}()
	for i, want := range []time.Duration{5 * time.Second, 10 * time.Second, time.Minute} {
		if got := <-clk.waits; got != want {
			t.Errorf("wait %d: %v, want %v", i+1, got, want)
		}
		if i < 2 {
			clk.fire <- testNow
		}
	}
	cancel()
	<-done
	if fetches != 3 || s.snapshot() != 3 || !s.health().up {
		t.Errorf("after %d fetches: data %d, up %v; want 3 fetches, data 3, up", fetches, s.snapshot(), s.health().up)
	}
}

// sourceFamily is a family each source serves, and the first operation
// its refresh calls.
var sourceFamily = map[string]struct{ family, operation string }{
	"usage":       {"fal_usage_cost", "GetUsage"},
	"billing":     {"fal_account_credit_balance", "GetAccountBilling"},
	"pricing":     {"fal_pricing_unit_price", "GetPricing"},
	"queues":      {"fal_app_queue_size", "ServerlessListApps"},
	"app_metrics": {"fal_serverless_app_runners", "ServerlessGetMetrics"},
}

// TestSourceFaults plays each of falmock's faults on each source after a
// good refresh: the source goes down, keeps serving its last values,
// counts the request under the status fal gave, backs off (or waits for
// Retry-After), and comes back up once fal answers again.
func TestSourceFaults(t *testing.T) {
	faults := []struct {
		name   string
		fault  falmock.Fault
		status string
		waits  [2]time.Duration
	}{
		// A slow answer outlasts the refresh's time limit (--fal.timeout),
		// which is 300ms in this test and 30s for the others.
		{"server error", falmock.Fault{Status: 503}, "503", [2]time.Duration{5 * time.Second, 10 * time.Second}},
		{"rate limited with Retry-After", falmock.Fault{Status: 429, RetryAfter: "120"}, "429", [2]time.Duration{2 * time.Minute, 2 * time.Minute}},
		{"rate limited with a short Retry-After", falmock.Fault{Status: 429, RetryAfter: "7"}, "429", [2]time.Duration{7 * time.Second, 10 * time.Second}},
		{"slow answer", falmock.Fault{Delay: 10 * time.Second}, "error", [2]time.Duration{5 * time.Second, 10 * time.Second}},
		{"dropped connection", falmock.Fault{Drop: true}, "error", [2]time.Duration{5 * time.Second, 10 * time.Second}},
		{"truncated answer", falmock.Fault{Truncate: true}, "200", [2]time.Duration{5 * time.Second, 10 * time.Second}},
		{"proxy error page", falmock.Fault{HTML: true}, "502", [2]time.Duration{5 * time.Second, 10 * time.Second}},
	}
	for name, sf := range sourceFamily {
		for _, f := range faults {
			t.Run(name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				timeout := "--fal.timeout=30s"
				if f.fault.Delay > 0 {
					timeout = "--fal.timeout=300ms"
				}
				srv := falmock.NewServer()
				defer srv.Close()
				e := newTestExporter(t, falmockClient(srv), timeout, "--pricing.endpoints=fal-ai/flux/dev",
					"--usage.interval=1m", "--billing.interval=1m", "--pricing.interval=1m", "--queues.interval=1m", "--app-metrics.interval=1m")
				s := e.source(t, name)
				if _, again := s.refresh(context.Background()); !again || !s.health().up {
					t.Fatalf("the first refresh failed; logs:\n%s", e.logs)
				}
				before := e.scrape(t, sf.family)
				if before == "" {
					t.Fatalf("no %s after a good refresh", sf.family)
				}

				requestsBefore := testutil.ToFloat64(e.self.requests.WithLabelValues(sf.operation, f.status))
				if err := srv.Inject(falmock.AnyOperation, f.fault); err != nil {
					t.Fatal(err)
				}
				for i, want := range f.waits {
					wait, again := s.refresh(context.Background())
					if !again || wait != want {
						t.Errorf("failure %d: waits %v (again %v), want %v", i+1, wait, again, want)
					}
				}
				if s.health().up {
					t.Error("the source is up after failing")
				}
				if after := e.scrape(t, sf.family); after != before {
					t.Errorf("the last values changed on failure:\nbefore\n%s\nafter\n%s", before, after)
				}
				if up, ok := e.series(t, "fal_up")[`source="`+name+`"`]; !ok || up != 0 {
					t.Errorf("fal_up of %s is %g (served: %v), want 0", name, up, ok)
				}
				if got := testutil.ToFloat64(e.self.requests.WithLabelValues(sf.operation, f.status)) - requestsBefore; got != 2 {
					t.Errorf("requests of %s with status %s: %g more, want 2", sf.operation, f.status, got)
				}

				srv.ClearFaults()
				if wait, _ := s.refresh(context.Background()); wait != time.Minute || !s.health().up {
					t.Errorf("after the fault: waits %v, up %v; want 1m and up", wait, s.health().up)
				}
				if !strings.Contains(e.logs.String(), `"msg":"source refreshes again","source":"`+name+`","after_failures":2`) {
					t.Errorf("no log of the recovery:\n%s", e.logs)
				}
			})
		}
	}
}

// TestAdminSourcesSkippedOnce runs the exporter with a key that is not an
// admin key: usage and billing are skipped after one request each, with
// one log line each, and stop; the other sources go on.
func TestAdminSourcesSkippedOnce(t *testing.T) {
	srv := falmock.NewServer(falmock.WithKeys("plain-key"), falmock.WithAdminKeys("admin-key"))
	defer srv.Close()
	e := newTestExporter(t, falmockClient(srv, fal.WithAPIKey("plain-key")), "--collector.app-metrics=false", "--collector.queues=false",
		"--pricing.endpoints=fal-ai/flux/dev")

	for _, name := range []string{"usage", "billing"} {
		done := make(chan struct{})
		go func() {
			e.source(t, name).run(context.Background())
			close(done)
		}()
		select {
		case <-done:
		case wait := <-e.clock.waits:
			t.Fatalf("source %s waits %v to refresh again instead of stopping", name, wait)
		}
	}
	pricing := e.source(t, "pricing")
	for range 3 {
		pricing.refresh(context.Background())
	}

	for _, op := range []string{"getUsage", "getAccountBilling"} {
		if n := len(srv.RequestsFor(op)); n != 1 {
			t.Errorf("%s was called %d times, want once", op, n)
		}
	}
	logs := e.logs.String()
	for _, name := range []string{"usage", "billing"} {
		if n := strings.Count(logs, `"msg":"source skipped: it needs an admin API key and the key given cannot read it; set FAL_KEY to an admin key to collect it","source":"`+name+`"`); n != 1 {
			t.Errorf("%d log lines say %s is skipped, want 1:\n%s", n, name, logs)
		}
	}
	if got, want := fmt.Sprint(e.series(t, "fal_exporter_source_skipped")), `map[source="billing":1 source="pricing":0 source="usage":1]`; got != want {
		t.Errorf("fal_exporter_source_skipped %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(e.series(t, "fal_up")), `map[source="pricing":1]`; got != want {
		t.Errorf("fal_up %s, want %s", got, want)
	}
}
