package fal_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestDoCallsAnOperationFalmockServes(t *testing.T) {
	srv := newMock(t, falmock.WithKeys("k-1"))
	c := srv.Client()
	var prices falapi.PriceList
	if err := c.Do(t.Context(), http.MethodGet, "/models/pricing", nil, &prices, fal.WithQuery("endpoint_id", "fal-ai/flux/dev")); err != nil {
		t.Fatal(err)
	}
	if len(prices.Prices) == 0 || prices.Prices[0].EndpointID == "" {
		t.Errorf("decoded %+v", prices)
	}
	rec := lastRequest(t, srv)
	if rec.OperationID != "getPricing" || !rec.Valid || rec.Header.Get("Authorization") != "Key k-1" {
		t.Errorf("the mock saw %s valid=%v (%s) with %q", rec.OperationID, rec.Valid, rec.Problem, rec.Header.Get("Authorization"))
	}
	if ua := rec.Header.Get("User-Agent"); !strings.HasPrefix(ua, "fal-go/") {
		t.Errorf("User-Agent %q", ua)
	}
}

func TestDoRetries(t *testing.T) {
	for _, tc := range []struct {
		name     string
		faults   []falmock.Fault
		attempts int
	}{
		{"503 twice", []falmock.Fault{{Status: 503, Times: 2}}, 3},
		{"429 with Retry-After", []falmock.Fault{{Status: 429, RetryAfter: "1", Times: 1}}, 2},
		{"a dropped connection", []falmock.Fault{{Drop: true, Times: 1}}, 2},
		{"a truncated body", []falmock.Fault{{Truncate: true, Times: 1}}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			for _, f := range tc.faults {
				if err := srv.Inject("getMeta", f); err != nil {
					t.Fatal(err)
				}
			}
			var meta falapi.Meta
			if err := srv.Client().Do(t.Context(), http.MethodGet, "meta", nil, &meta); err != nil {
				t.Fatalf("after the faults: %v", err)
			}
			if n := len(srv.Requests()); n != tc.attempts || len(meta.WebhookIPRanges) == 0 {
				t.Errorf("%d attempts, meta %+v; want %d attempts and the ranges", n, meta, tc.attempts)
			}
		})
	}
}

func TestDoRetriesWritesOnlyWithAnIdempotencyKey(t *testing.T) {
	body := map[string]string{"alias": "ci"}
	srv := newMock(t)
	if err := srv.Inject("createApiKey", falmock.Fault{Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	c := srv.Client()
	err := c.Do(t.Context(), http.MethodPost, "/keys", body, nil)
	if !errors.Is(err, fal.ErrServer) || len(srv.Requests()) != 1 {
		t.Fatalf("a POST without a key: %v after %d attempts, want ErrServer after 1", err, len(srv.Requests()))
	}
	if srv.Requests()[0].Header.Get("Idempotency-Key") != "" {
		t.Error("Do made up an Idempotency-Key")
	}

	srv.Reset()
	if err := srv.Inject("createApiKey", falmock.Fault{Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	var created falapi.CreatedAPIKey
	if err := c.Do(t.Context(), http.MethodPost, "/keys", body, &created, fal.WithIdempotencyKey("ci-1")); err != nil {
		t.Fatal(err)
	}
	recs := srv.Requests()
	if len(recs) != 2 {
		t.Fatalf("%d attempts, want 2", len(recs))
	}
	for i, r := range recs {
		if r.Header.Get("Idempotency-Key") != "ci-1" || string(r.Body) != `{"alias":"ci"}` {
			t.Errorf("attempt %d sent key %q body %s", i, r.Header.Get("Idempotency-Key"), r.Body)
		}
	}
	if created.KeyID == "" {
		t.Errorf("decoded %+v", created)
	}
}

func TestDoMapsErrors(t *testing.T) {
	srv := newMock(t, falmock.WithKeys("k-1"))
	for _, tc := range []struct {
		name   string
		client *fal.Client
		method string
		path   string
		want   error
		status int
		auth   string // the Authorization header the mock must have seen
	}{
		{"a path not in the schema", srv.Client(), http.MethodGet, "/no/such/thing", fal.ErrNotFound, 404, "Key k-1"},
		{"a wrong key", srv.Client(fal.WithAPIKey("other")), http.MethodGet, "/models/pricing", fal.ErrUnauthorized, 401, "Key other"},
		{"no key", srv.Client(fal.WithAPIKey("")), http.MethodGet, "/keys", fal.ErrUnauthorized, 401, ""},
		{"a bad body", srv.Client(), http.MethodPost, "/keys", fal.ErrValidation, 400, "Key k-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.Reset()
			err := tc.client.Do(t.Context(), tc.method, tc.path, map[string]int{"alias": 7}, nil)
			var apiErr *fal.APIError
			if !errors.As(err, &apiErr) || !errors.Is(err, tc.want) || apiErr.StatusCode != tc.status {
				t.Fatalf("got %v, want an *APIError matching %v", err, tc.want)
			}
			if apiErr.Operation != tc.method+" "+tc.path || !strings.HasPrefix(err.Error(), "fal: "+tc.method+" "+tc.path+": ") {
				t.Errorf("the error does not name the call: %q", err)
			}
			rec := lastRequest(t, srv)
			if apiErr.RequestID != rec.RequestID || rec.Header.Get("Authorization") != tc.auth {
				t.Errorf("request ID %q (mock %q), Authorization %q", apiErr.RequestID, rec.RequestID, rec.Header.Get("Authorization"))
			}
		})
	}
}

func TestDoRefusesBadTargetsBeforeAnyRequest(t *testing.T) {
	srv := newMock(t)
	c := srv.Client()
	for _, tc := range []struct {
		method, path, want string
	}{
		{"GET", "", "path: must not be empty"},
		{"GET", "/", "path: must not be empty"},
		{"", "/meta", "method: must not be empty"},
		{"GET", "https://evil.example/v1/meta", "must be a path under the base URL, not a URL"},
		{"GET", "//evil.example/meta", "must be a path under the base URL, not a URL"},
		{"GET", "/models/../../admin", `has a ".." segment`},
		{"GET", "/models/%2e%2e/x", `has a ".." segment`},
		{"GET", "/meta?x=1", "must not have a query or fragment: give the query with fal.WithQuery"},
		{"GET", "/meta#top", "must not have a query or fragment"},
		{"GET", "/v1/meta", "repeats the base URL's path /v1/: give the path after it"},
		{"POST", "/keys", "body: json: unsupported type: chan int"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			var body any
			if strings.Contains(tc.want, "body") {
				body = make(chan int)
			}
			err := c.Do(t.Context(), tc.method, tc.path, body, nil)
			if !errors.Is(err, fal.ErrInvalidArgument) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an argument error with %q", err, tc.want)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
}

func TestDoBodiesAndAnswers(t *testing.T) {
	srv := newMock(t)
	c := srv.Client()
	raw := json.RawMessage(`{"alias":  "as given"}`)
	var answer json.RawMessage
	if err := c.Do(t.Context(), http.MethodPost, "keys", raw, &answer, fal.WithMaxRetries(0)); err != nil {
		t.Fatal(err)
	}
	rec := lastRequest(t, srv)
	if string(rec.Body) != string(raw) || rec.Header.Get("Content-Type") != "application/json" {
		t.Errorf("sent %s as %q, want the raw body as given", rec.Body, rec.Header.Get("Content-Type"))
	}
	if !bytes.Equal(answer, bytes.TrimSpace(rec.ResponseBody)) {
		t.Errorf("out holds %s, the mock answered %s", answer, rec.ResponseBody)
	}

	srv.Reset()
	if err := c.Do(t.Context(), http.MethodDelete, "/keys/key_1", nil, nil); err != nil {
		t.Fatal(err)
	}
	if rec := lastRequest(t, srv); rec.OperationID != "deleteApiKey" || rec.BodySize != 0 || rec.Header.Get("Content-Type") != "" {
		t.Errorf("DELETE: %s sent %d bytes as %q", rec.OperationID, rec.BodySize, rec.Header.Get("Content-Type"))
	}
}

func TestDoHasTheClientsLoggingMiddlewareAndTimeouts(t *testing.T) {
	srv := newMock(t)
	var logs bytes.Buffer
	var seen []string
	c := srv.Client(
		fal.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		fal.WithMiddleware(func(r *http.Request, next fal.Next) (*http.Response, error) {
			seen = append(seen, r.Method+" "+r.URL.Path)
			return next(r)
		}))
	if err := c.Do(t.Context(), http.MethodGet, "/meta", nil, nil); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] != "GET /v1/meta" {
		t.Errorf("middleware saw %q", seen)
	}
	if !strings.Contains(logs.String(), `"operation":"GET /meta"`) {
		t.Errorf("logs:\n%s", logs.String())
	}

	if err := srv.Inject("getMeta", falmock.Fault{Delay: time.Minute}); err != nil {
		t.Fatal(err)
	}
	err := c.Do(context.Background(), http.MethodGet, "/meta", nil, nil, fal.WithTimeout(20*time.Millisecond), fal.WithMaxRetries(0))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want the timeout", err)
	}
}
