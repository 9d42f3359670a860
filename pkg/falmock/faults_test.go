package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/gen/falapi"
)

// freshClient opens a new connection for every request, so that Go's
// transport never retries a request on a dropped connection behind the
// test's back.
func freshClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func TestFaults(t *testing.T) {
	httpDate := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC).Format(http.TimeFormat)
	tests := []struct {
		name  string
		op    string
		fault Fault
		check func(t *testing.T, r response)
	}{
		{"rate limited with Retry-After seconds", "getUsage", Fault{Status: 429, RetryAfter: "2"},
			wantEnvelope(429, falapi.ErrorTypeRateLimited, "2")},
		{"unavailable with Retry-After date", "getUsage", Fault{Status: 503, RetryAfter: httpDate},
			wantEnvelope(503, falapi.ErrorTypeServerError, httpDate)},
		{"forbidden", "createApiKey", Fault{Status: 403}, wantEnvelope(403, falapi.ErrorTypeAuthorizationError, "")},
		{"not found", "getAsset", Fault{Status: 404}, wantEnvelope(404, falapi.ErrorTypeNotFound, "")},
		{"conflict", "createAssetTag", Fault{Status: 409}, wantEnvelope(409, falapi.ErrorTypeValidationError, "")},
		{"not implemented", "getMeta", Fault{Status: 501}, wantEnvelope(501, falapi.ErrorTypeNotImplemented, "")},
		{"dropped connection", "getUsage", Fault{Drop: true}, func(t *testing.T, r response) {
			if r.Err == nil {
				t.Fatalf("got status %d, want a transport error", r.StatusCode)
			}
		}},
		{"truncated JSON", "getPricing", Fault{Truncate: true}, func(t *testing.T, r response) {
			if !errors.Is(r.Err, io.ErrUnexpectedEOF) {
				t.Fatalf("read error %v, want unexpected EOF", r.Err)
			}
			if len(r.Body) == 0 || int64(len(r.Body)) >= r.ContentLength || json.Valid(r.Body) {
				t.Errorf("got %d of %d bytes (valid JSON: %v)", len(r.Body), r.ContentLength, json.Valid(r.Body))
			}
		}},
		{"JSON cut after some bytes", "getPricing", Fault{DropAfter: 37}, func(t *testing.T, r response) {
			if r.StatusCode != 200 || !errors.Is(r.Err, io.ErrUnexpectedEOF) || len(r.Body) != 37 || r.ContentLength <= 37 {
				t.Fatalf("status %d, %d of %d bytes, read error %v; want 37 then unexpected EOF", r.StatusCode, len(r.Body), r.ContentLength, r.Err)
			}
		}},
		{"download cut after some bytes", "serverlessDownloadFile", Fault{DropAfter: 100}, func(t *testing.T, r response) {
			want, _ := io.ReadAll(io.LimitReader(DownloadContent(defaultDownloadSize), 100))
			if r.StatusCode != 200 || !errors.Is(r.Err, io.ErrUnexpectedEOF) || !bytes.Equal(r.Body, want) {
				t.Fatalf("status %d, %d bytes, read error %v; want the first 100 then unexpected EOF", r.StatusCode, len(r.Body), r.Err)
			}
		}},
		{"cut beyond the body's end", "getMeta", Fault{DropAfter: 1 << 20}, func(t *testing.T, r response) {
			if r.StatusCode != 200 || r.Err != nil || !json.Valid(r.Body) {
				t.Fatalf("status %d, read error %v, body %q; want the whole answer", r.StatusCode, r.Err, r.Body)
			}
		}},
		{"truncated with a status", "getPricing", Fault{Truncate: true, Status: 500}, func(t *testing.T, r response) {
			if r.StatusCode != 500 || !errors.Is(r.Err, io.ErrUnexpectedEOF) {
				t.Fatalf("status %d, read error %v", r.StatusCode, r.Err)
			}
		}},
		{"malformed JSON", "getPricing", Fault{Malformed: true}, func(t *testing.T, r response) {
			if r.Err != nil || r.StatusCode != 200 || json.Valid(r.Body) || r.Header.Get("Content-Type") != "application/json" {
				t.Fatalf("status %d, err %v, valid %v, type %q", r.StatusCode, r.Err, json.Valid(r.Body), r.Header.Get("Content-Type"))
			}
		}},
		{"malformed on a bodiless answer", "deleteApiKey", Fault{Malformed: true}, func(t *testing.T, r response) {
			if r.Err != nil || r.StatusCode != 200 || json.Valid(r.Body) {
				t.Fatalf("status %d, err %v, body %q", r.StatusCode, r.Err, r.Body)
			}
		}},
		{"HTML proxy page", "getUsage", Fault{HTML: true}, func(t *testing.T, r response) {
			if r.Err != nil || r.StatusCode != 502 || r.Header.Get("Content-Type") != "text/html" || !strings.HasPrefix(string(r.Body), "<html>") {
				t.Fatalf("status %d, err %v, type %q, body %q", r.StatusCode, r.Err, r.Header.Get("Content-Type"), r.Body)
			}
		}},
		{"HTML page with a status", "getUsage", Fault{HTML: true, Status: 504}, func(t *testing.T, r response) {
			if r.Err != nil || r.StatusCode != 504 || !strings.Contains(string(r.Body), "504 Gateway Timeout") {
				t.Fatalf("status %d, err %v, body %q", r.StatusCode, r.Err, r.Body)
			}
		}},
		{"Retry-After on a success", "getUsage", Fault{RetryAfter: "1"}, func(t *testing.T, r response) {
			if r.Err != nil || r.StatusCode != 200 || r.Header.Get("Retry-After") != "1" || !json.Valid(r.Body) {
				t.Fatalf("status %d, err %v, Retry-After %q", r.StatusCode, r.Err, r.Header.Get("Retry-After"))
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			if err := srv.Inject(tt.op, tt.fault); err != nil {
				t.Fatal(err)
			}
			tt.check(t, send(t, freshClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID[tt.op]})))
			recs := srv.RequestsFor(tt.op)
			if len(recs) != 1 || recs[0].Fault == nil || *recs[0].Fault != tt.fault {
				t.Fatalf("recorded %+v, want the fault", recs)
			}
		})
	}
}

func wantEnvelope(status int, errType falapi.ErrorType, retryAfter string) func(*testing.T, response) {
	return func(t *testing.T, r response) {
		t.Helper()
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.StatusCode != status {
			t.Fatalf("status %d, want %d", r.StatusCode, status)
		}
		if env := envelopeOf(t, r.Body); env.Type != errType || !strings.Contains(env.Message, strconv.Itoa(status)) {
			t.Errorf("envelope %+v, want type %q", env, errType)
		}
		if got := r.Header.Get("Retry-After"); got != retryAfter {
			t.Errorf("Retry-After %q, want %q", got, retryAfter)
		}
	}
}

// TestFaultTimes checks that a fault applies to its next N calls only, that
// queued faults apply in order, and that Times 0 applies to every call.
func TestFaultTimes(t *testing.T) {
	tests := []struct {
		name   string
		op     string
		faults []Fault
		want   []int
	}{
		{"fail twice then succeed", "getUsage", []Fault{{Status: 503, Times: 2}}, []int{503, 503, 200, 200}},
		{"queued in order", "getUsage", []Fault{{Status: 429, Times: 1}, {Status: 500, Times: 1}}, []int{429, 500, 200}},
		{"always", "getUsage", []Fault{{Status: 500}}, []int{500, 500, 500}},
		{"always, blocking those after it", "getUsage", []Fault{{Status: 500}, {Status: 429, Times: 1}}, []int{500, 500}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			for _, f := range tt.faults {
				if err := srv.Inject(tt.op, f); err != nil {
					t.Fatal(err)
				}
			}
			for i, want := range tt.want {
				resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID[tt.op]}))
				if resp.StatusCode != want {
					t.Fatalf("call %d: status %d, want %d: %s", i+1, resp.StatusCode, want, body)
				}
			}
			srv.ClearFaults()
			if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID[tt.op]})); resp.StatusCode != 200 {
				t.Errorf("after ClearFaults: status %d", resp.StatusCode)
			}
		})
	}
}

// TestFaultScope checks which calls a fault applies to: only valid calls of
// its operation, or of any operation with AnyOperation.
func TestFaultScope(t *testing.T) {
	srv := newTestServer(t)
	if err := srv.Inject("getUsage", Fault{Status: 500, Times: 1}); err != nil {
		t.Fatal(err)
	}
	usage := srv.spec.byID["getUsage"]
	if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["getPricing"]})); resp.StatusCode != 200 {
		t.Errorf("another operation: status %d", resp.StatusCode)
	}
	if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: usage, noKey: true})); resp.StatusCode != 401 {
		t.Errorf("invalid call: status %d, want 401 (the fault waits for a valid call)", resp.StatusCode)
	}
	if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: usage})); resp.StatusCode != 500 {
		t.Errorf("valid call: status %d, want the fault's 500", resp.StatusCode)
	}
	if err := srv.Inject(AnyOperation, Fault{Status: 502, Times: 2}); err != nil {
		t.Fatal(err)
	}
	for i, call := range []struct {
		op   string
		want int
	}{{"getMeta", 502}, {"listApiKeys", 502}, {"getMeta", 200}} {
		if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID[call.op]})); resp.StatusCode != call.want {
			t.Errorf("call %d, %s under AnyOperation: status %d, want %d", i+1, call.op, resp.StatusCode, call.want)
		}
	}
}

func TestFaultDelay(t *testing.T) {
	srv := newTestServer(t)
	op := srv.spec.byID["getMeta"]
	const delay = 50 * time.Millisecond
	if err := srv.Inject(op.id, Fault{Delay: delay, Times: 1}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: op})); resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if elapsed := time.Since(start); elapsed < delay {
		t.Errorf("answered after %v, want at least %v", elapsed, delay)
	}

	// A client that gives up ends a long delay.
	if err := srv.Inject(op.id, Fault{Delay: time.Hour, Times: 1}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if r := send(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: op}).WithContext(ctx)); !errors.Is(r.Err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the client's deadline", r.Err)
	}
	closeWithin(t, srv, 10*time.Second)
}

func TestLatency(t *testing.T) {
	const latency = 30 * time.Millisecond
	srv := newTestServer(t, WithLatency(latency))
	start := time.Now()
	do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["getMeta"]}))
	if elapsed := time.Since(start); elapsed < latency {
		t.Errorf("answered after %v, want at least %v", elapsed, latency)
	}
}

func TestInjectRejects(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		name  string
		op    string
		fault Fault
	}{
		{"unknown operation", "getNothing", Fault{Status: 500}},
		{"two kinds", "getMeta", Fault{Drop: true, HTML: true}},
		{"drop with a status", "getMeta", Fault{Drop: true, Status: 500}},
		{"drop after with a status", "getMeta", Fault{DropAfter: 10, Status: 500}},
		{"drop and drop after", "getMeta", Fault{Drop: true, DropAfter: 10}},
		{"drop after negative", "getMeta", Fault{DropAfter: -1}},
		{"success status", "getMeta", Fault{Status: 200}},
		{"not a status", "getMeta", Fault{Status: 42}},
		{"negative times", "getMeta", Fault{Status: 500, Times: -1}},
		{"negative delay", "getMeta", Fault{Delay: -time.Second}},
	}
	for _, tt := range tests {
		if err := srv.Inject(tt.op, tt.fault); err == nil {
			t.Errorf("%s: Inject accepted %+v", tt.name, tt.fault)
		}
	}
	if resp, _ := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["getMeta"]})); resp.StatusCode != 200 {
		t.Errorf("a rejected fault was played: status %d", resp.StatusCode)
	}
}

// closeWithin closes the server, failing the test if outstanding handlers
// do not end in time.
func closeWithin(t *testing.T, srv *Server, d time.Duration) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		srv.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("handlers still running %v after Close", d)
	}
}
