package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// notifyingBuffer is a syncBuffer that signals every write, so that a test
// can wait for a log line without polling.
type notifyingBuffer struct {
	syncBuffer
	written chan struct{}
}

func newNotifyingBuffer() *notifyingBuffer {
	return &notifyingBuffer{written: make(chan struct{}, 1)}
}

func (b *notifyingBuffer) Write(p []byte) (int, error) {
	n, err := b.syncBuffer.Write(p)
	select {
	case b.written <- struct{}{}:
	default:
	}
	return n, err
}

// waitFor waits until the buffer's text satisfies done, and fails the test
// if that takes longer than a minute.
func (b *notifyingBuffer) waitFor(t *testing.T, what string, done func(string) bool) string {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		if text := b.String(); done(text) {
			return text
		}
		select {
		case <-b.written:
		case <-deadline:
			t.Fatalf("no %s after a minute; output:\n%s", what, b.String())
		}
	}
}

// running is fal-exporter running in-process.
type running struct {
	addr           string
	stdout, stderr *notifyingBuffer
	stop           func() int
}

// startExporter runs fal-exporter with args (and JSON logs at debug level
// on a free loopback port) until the test stops it, and waits until every
// source has ended its first refresh.
func startExporter(t *testing.T, args ...string) *running {
	t.Helper()
	r := &running{stdout: newNotifyingBuffer(), stderr: newNotifyingBuffer()}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	args = append([]string{"--web.listen-address=127.0.0.1:0", "--log.level=debug", "--log.format=json"}, args...)
	go func() { exited <- run(ctx, args, r.stdout, r.stderr) }()
	stopped := false
	r.stop = func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		return <-exited
	}
	t.Cleanup(func() { r.stop() })

	logs := r.stderr.waitFor(t, "listening line", func(s string) bool { return strings.Contains(s, `"msg":"listening"`) })
	for _, line := range strings.Split(logs, "\n") {
		var entry struct{ Msg, Address string }
		if json.Unmarshal([]byte(line), &entry) == nil && entry.Msg == "listening" {
			r.addr = entry.Address
		}
	}
	r.stderr.waitFor(t, "first refresh of every source", func(s string) bool {
		ended := strings.Count(s, `"msg":"source refreshed"`) + strings.Count(s, `"msg":"source refresh failed; serving its last values"`) +
			strings.Count(s, `"msg":"source skipped`)
		return ended >= 5
	})
	return r
}

// get fetches a path of the running exporter.
func (r *running) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get("http://" + r.addr + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestRunMock runs fal-exporter --mock as a user would and scrapes it:
// every source is up and serves its metrics.
func TestRunMock(t *testing.T) {
	r := startExporter(t, "--mock", "--pricing.endpoints=fal-ai/flux/dev")
	status, metrics := r.get(t, "/metrics")
	if status != http.StatusOK {
		t.Fatalf("GET /metrics: %d", status)
	}
	for _, want := range []string{
		`fal_up{source="usage"} 1`, `fal_up{source="billing"} 1`, `fal_up{source="pricing"} 1`,
		`fal_up{source="queues"} 1`, `fal_up{source="app_metrics"} 1`,
		"fal_usage_cost{", "fal_account_credit_balance{", `fal_pricing_unit_price{currency="USD",endpoint="fal-ai/flux/dev"`,
		"fal_app_queue_size{", "fal_serverless_app_runners{", "go_goroutines ", "process_cpu_seconds_total ",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("the scrape has no %s", want)
		}
	}
	if code := r.stop(); code != 0 {
		t.Errorf("exit code %d after SIGTERM, want 0", code)
	}
	if !strings.Contains(r.stderr.String(), `"msg":"stopped"`) {
		t.Errorf("no stop logged:\n%s", r.stderr)
	}
}

// echoingFal is falmock, except that its app metrics answer a 500 whose
// message repeats the Authorization header it was sent, as a careless
// proxy might.
func echoingFal(t *testing.T, mock *falmock.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/serverless/metrics") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			msg, _ := json.Marshal("refused " + r.Header.Get("Authorization"))
			_, _ = w.Write([]byte(`{"error":{"type":"server_error","message":` + string(msg) + `}}`))
			return
		}
		mock.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestNoKeyInAnyOutput runs fal-exporter with FAL_KEY set to a marker key
// against a fal that refuses the admin operations (403) and echoes the key
// in an error, then scans everything it wrote and served for the key:
// stdout, the logs, the metrics, the landing page, a 404.
func TestNoKeyInAnyOutput(t *testing.T) {
	mock, err := falmock.NewHandler(falmock.WithKeys(testKey), falmock.WithAdminKeys("another-admin-key"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAL_BASE_URL", echoingFal(t, mock).URL+mock.BasePath())
	r := startExporter(t, "--pricing.endpoints=fal-ai/flux/dev")

	outputs := map[string]string{}
	for _, path := range []string{"/metrics", "/", "/nothing-here"} {
		_, outputs["GET "+path] = r.get(t, path)
	}
	if code := r.stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	outputs["stdout"], outputs["logs"] = r.stdout.String(), r.stderr.String()

	for name, text := range outputs {
		for _, part := range []string{testKey, "MARKER-secret", "fal-key-id"} {
			if strings.Contains(text, part) {
				t.Errorf("%s shows %q:\n%s", name, part, text)
			}
		}
	}
	for _, want := range []string{`"msg":"source skipped`, `"status":403`, "[REDACTED]", `"source":"app_metrics"`} {
		if !strings.Contains(outputs["logs"], want) {
			t.Errorf("the logs have no %s, so the test did not play what it means to:\n%s", want, outputs["logs"])
		}
	}
	if !strings.Contains(outputs["GET /metrics"], `fal_up{source="pricing"} 1`) {
		t.Errorf("the key did not reach fal, which needs it for pricing:\n%s", outputs["GET /metrics"])
	}
}

func TestRunExitCodes(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		code     int
		out, err string
	}{
		{name: "version", args: []string{"--version"}, code: 0, out: "fal-exporter version " + fal.Version + " ("},
		{name: "help", args: []string{"--help"}, code: 0, err: "--web.listen-address=string"},
		{name: "bad flag", args: []string{"--usage.window=year"}, code: 2, err: `fal-exporter: --usage.window "year"`},
		{name: "no key", args: nil, env: map[string]string{"FAL_KEY": ""}, code: 2, err: "no API key: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET), or try the exporter on fal's mock API with --mock"},
		{name: "port taken", args: []string{"--mock", "--web.listen-address=" + busy.Addr().String()}, code: 1, err: `"msg":"cannot listen"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr strings.Builder
			code := run(context.Background(), append([]string{"--log.format=json"}, tt.args...), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.out) || !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("stdout %q, stderr %q; want them to say %q and %q", stdout.String(), stderr.String(), tt.out, tt.err)
			}
		})
	}
}
