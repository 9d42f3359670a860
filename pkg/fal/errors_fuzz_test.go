package fal

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/falplatform/fal-go/gen/falapi"
)

// FuzzNewAPIError feeds error answers of any shape (body, content type,
// Retry-After) to the code that reads them: it never panics, its message
// stays short, and the key the server may echo never comes out.
func FuzzNewAPIError(f *testing.F) {
	f.Add([]byte(`{"error":{"type":"rate_limited","message":"slow down","request_id":"r1"}}`), "application/json", "3", 429)
	f.Add([]byte("<html><body><h1>502 Bad Gateway</h1>"+testKey+"</body></html>"), "text/html", "Sat, 28 Nov 2026 12:00:10 GMT", 502)
	f.Add([]byte{0xff, 0xfe, '<', 0}, "", "-1", 500)
	f.Fuzz(func(t *testing.T, body []byte, contentType, retry string, status int) {
		if status < 400 || status > 599 {
			status = 500
		}
		resp := &http.Response{
			StatusCode: status,
			Status:     http.StatusText(status),
			Header:     http.Header{"Content-Type": {contentType}, "Retry-After": {retry}, "X-Echo": {"Key " + testKey}},
			Body:       io.NopCloser(bytes.NewReader(body)),
		}
		op := &operation{name: "GetMeta", auth: authAdmin}
		err := newAPIError(op, resp, newAPIKey(testKey), time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC))
		msg := err.Error()
		if msg == "" || err.StatusCode != status {
			t.Fatalf("error %q for status %d", msg, status)
		}
		if strings.Contains(msg, testKey) || bytes.Contains(err.Body, []byte(testKey)) || strings.Contains(fmt.Sprint(err.Header), testKey) {
			t.Fatalf("the key came out: %q", msg)
		}
		if err.RetryAfter < 0 || err.RetryAfter > 24*time.Hour {
			t.Fatalf("Retry-After %q read as %v", retry, err.RetryAfter)
		}
		var env falapi.Error
		if !isEnvelope(body, &env) && utf8.RuneCountInString(err.Message) > snippetLength+len(resp.Status)+len(contentType)+40 {
			t.Fatalf("snippet of %d runes", utf8.RuneCountInString(err.Message))
		}
	})
}
