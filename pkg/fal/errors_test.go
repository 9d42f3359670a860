package fal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/falplatform/fal-go/gen/falapi"
)

func TestNon2xxAnswersBecomeAPIErrors(t *testing.T) {
	sentinels := []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrValidation, ErrRateLimited, ErrServer, ErrNotImplemented}
	for _, tc := range []struct {
		status   int
		errType  string
		want     []error
		wantType falapi.ErrorType
	}{
		{400, "validation_error", []error{ErrValidation}, falapi.ErrorTypeValidationError},
		{401, "authorization_error", []error{ErrUnauthorized}, falapi.ErrorTypeAuthorizationError},
		{403, "authorization_error", []error{ErrForbidden}, falapi.ErrorTypeAuthorizationError},
		{404, "not_found", []error{ErrNotFound}, falapi.ErrorTypeNotFound},
		{422, "validation_error", []error{ErrValidation}, falapi.ErrorTypeValidationError},
		{429, "rate_limited", []error{ErrRateLimited}, falapi.ErrorTypeRateLimited},
		{500, "server_error", []error{ErrServer}, falapi.ErrorTypeServerError},
		{501, "not_implemented", []error{ErrServer, ErrNotImplemented}, falapi.ErrorTypeNotImplemented},
		{400, "not_implemented", []error{ErrValidation, ErrNotImplemented}, falapi.ErrorTypeNotImplemented},
		{409, "conflict_added_later", nil, falapi.ErrorType("conflict_added_later")},
	} {
		t.Run(fmt.Sprint(tc.status, tc.errType), func(t *testing.T) {
			c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Fal-Billable-Units", "0")
				jsonAnswer(w, tc.status, fmt.Sprintf(errorBody, tc.errType, "it went wrong"))
			}, WithMaxRetries(0))
			_, err := c.GetComputeInstance(context.Background(), "inst_1")
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("want *APIError, got %T %v", err, err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Type != tc.wantType || apiErr.Message != "it went wrong" ||
				apiErr.RequestID != "req-123" || apiErr.DocsURL != "https://docs.fal.ai/errors" || apiErr.Operation != "GetComputeInstance" {
				t.Errorf("fields: %+v", apiErr)
			}
			if apiErr.Header.Get("X-Fal-Billable-Units") != "0" || apiErr.Header.Get("Content-Type") != "application/json" {
				t.Errorf("headers: %v", apiErr.Header)
			}
			for _, s := range sentinels {
				if got, want := errors.Is(err, s), slices.Contains(tc.want, s); got != want {
					t.Errorf("errors.Is(err, %v) = %v, want %v", s, got, want)
				}
			}
			admin := tc.status == 401 || tc.status == 403
			if apiErr.AdminKeyRequired != admin || strings.Contains(err.Error(), "admin API key") != admin {
				t.Errorf("admin hint: %v in %q", apiErr.AdminKeyRequired, err)
			}
		})
	}
}

func TestKeyEchoedInAnErrorAnswerIsScrubbed(t *testing.T) {
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo", r.Header.Get("Authorization"))
		w.Header().Set("X-Request-Id", "edge-7")
		jsonAnswer(w, 401, fmt.Sprintf(errorBody, "authorization_error", "bad key "+testKey))
	})
	_, err := c.GetComputeInstance(context.Background(), "inst_1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %v", err)
	}
	if got := apiErr.Header.Get("X-Echo"); got != "Key [REDACTED]" {
		t.Errorf("echoed header %q, want the key redacted", got)
	}
	if out := fmt.Sprintf("%+v %s", apiErr, apiErr.Body); strings.Contains(out, testKey) {
		t.Errorf("the error shows the key: %s", out)
	}
}

func TestNonJSONErrorBodyGivesABoundedSnippet(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>" +
		strings.Repeat("<p>upstream connect error or disconnect/reset before headers</p>\n", 200) + "</body></html>"
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("X-Request-Id", "edge-42")
		w.WriteHeader(502)
		w.Write([]byte(page))
	}, WithMaxRetries(0))
	_, err := c.GetMeta(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrServer) {
		t.Fatalf("want a server *APIError, got %v", err)
	}
	if !strings.Contains(apiErr.Message, "502 Bad Gateway") || strings.Contains(apiErr.Message, "<") {
		t.Errorf("message should name the status and drop the markup: %q", apiErr.Message)
	}
	if n := utf8.RuneCountInString(apiErr.Message); n > 300 {
		t.Errorf("message has %d runes, want it bounded", n)
	}
	if apiErr.RequestID != "edge-42" {
		t.Errorf("request id %q from the header", apiErr.RequestID)
	}
	if len(apiErr.Body) != len(page) {
		t.Errorf("raw body has %d bytes, want %d", len(apiErr.Body), len(page))
	}
}

func TestErrorBodyIsBounded(t *testing.T) {
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		w.Write([]byte(strings.Repeat("x", 10*maxErrorBody)))
	}, WithMaxRetries(0))
	_, err := c.GetMeta(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || len(apiErr.Body) != maxErrorBody {
		t.Fatalf("body of %d bytes kept, want %d", len(apiErr.Body), maxErrorBody)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"0":                             0,
		"-4":                            0,
		"soon":                          0,
		"Sat, 28 Nov 2026 12:00:10 GMT": 10 * time.Second,
		"Sat, 28 Nov 2026 11:59:00 GMT": 0,
		"Sat, 29 Nov 2027 00:00:00 GMT": 24 * time.Hour,
		"99999999999":                   24 * time.Hour,
	} {
		h := http.Header{}
		h.Set("Retry-After", value)
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q: %v, want %v", value, got, want)
		}
	}
}

func TestArgumentErrors(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		jsonAnswer(w, 200, `{}`)
	})
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		call      func() error
		arguments []string
	}{
		{"empty id", func() error { _, err := c.GetComputeInstance(ctx, ""); return err }, []string{"id"}},
		{"required enum unset", func() error { _, err := c.GetFocusReport(ctx, &falapi.GetFocusReportParams{}); return err }, []string{"source"}},
		{"required list", func() error { _, err := c.GetPricing(ctx, nil); return err }, []string{"endpoint_id"}},
		{"two at once", func() error { return c.ServerlessFlushAppQueue(ctx, "", "", nil) }, []string{"owner", "name"}},
		{"path escape", func() error { _, err := c.ServerlessDownloadFile(ctx, "../../keys"); return err }, []string{"file"}},
		{"empty segment", func() error { _, err := c.ServerlessListDirectory(ctx, "a//b"); return err }, []string{"dir"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if !errors.Is(err, ErrInvalidArgument) {
				t.Fatalf("want an argument error, got %v", err)
			}
			for _, a := range tc.arguments {
				if !strings.Contains(err.Error(), ": "+a+": ") {
					t.Errorf("%q does not name %s", err, a)
				}
			}
		})
	}
	if rec.count() != 0 {
		t.Errorf("%d requests were sent for bad arguments", rec.count())
	}
}

func TestFilePathsAreEscapedAsOneSegment(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/serverless/files/list/") {
			jsonAnswer(w, 200, `[]`)
			return
		}
		jsonAnswer(w, 200, `{}`)
	})
	if _, err := c.ServerlessListDirectory(context.Background(), "data sets/a?b#c/100%"); err != nil {
		t.Fatal(err)
	}
	req, _ := rec.request(0)
	if want := "/v1/serverless/files/list/data%20sets%2Fa%3Fb%23c%2F100%25"; req.RequestURI != want {
		t.Errorf("sent %s, want %s", req.RequestURI, want)
	}
	if _, err := c.GetComputeInstance(context.Background(), "a/b"); err != nil {
		t.Fatal(err)
	}
	if req, _ := rec.request(1); req.RequestURI != "/v1/compute/instances/a%2Fb" {
		t.Errorf("an ID keeps its slash escaped: sent %s", req.RequestURI)
	}
}
