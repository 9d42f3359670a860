package falmock

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
)

// Server is a mock of fal's Platform API listening on a loopback address,
// shaped like httptest.Server: point a client at URL and Close it when the
// test ends. The Handler's methods (Inject, Requests, Failures, ...) are
// available on it directly.
//
// Client returns a ready *fal.Client for it.
type Server struct {
	*Handler

	// URL is the base URL of the API, including the schema's base path,
	// e.g. "http://127.0.0.1:41234/v1".
	URL string

	ts *httptest.Server
}

// NewServer starts a mock server. It panics if the schema cannot be loaded
// (as httptest.NewServer panics when it cannot listen); use NewHandler to
// get the error instead.
func NewServer(opts ...Option) *Server {
	h, err := NewHandler(opts...)
	if err != nil {
		panic(err)
	}
	ts := httptest.NewServer(h)
	return &Server{Handler: h, URL: ts.URL + h.BasePath(), ts: ts}
}

// HTTPClient returns an *http.Client configured for the server, like
// httptest.Server.Client.
func (s *Server) HTTPClient() *http.Client {
	return s.ts.Client()
}

// Client returns a *fal.Client of the server: its URL, a key it accepts
// (the first admin key of WithAdminKeys, else the first of WithKeys, else
// DefaultKey) and its HTTP client, with retries that wait milliseconds
// rather than seconds, so that fault tests run fast. opts come last and
// override any of these.
func (s *Server) Client(opts ...fal.Option) *fal.Client {
	base := []fal.Option{
		fal.WithBaseURL(s.URL),
		fal.WithAPIKey(s.clientKey()),
		fal.WithHTTPClient(s.HTTPClient()),
		fal.WithRetryDelay(time.Millisecond, 10*time.Millisecond),
		fal.WithRetryAfterMax(10 * time.Millisecond),
	}
	c, err := fal.NewClient(append(base, opts...)...)
	if err != nil {
		panic(fmt.Sprintf("falmock: %v", err))
	}
	return c
}

// Close shuts the server down and blocks until every outstanding request
// has ended.
func (s *Server) Close() {
	s.ts.Close()
}

// DefaultKey is the key Server.Client sends when no keys are configured
// (any non-empty key is then accepted).
const DefaultKey = "falmock-key"

// clientKey is a key the server accepts for every operation: an admin key
// when there are any, else a configured key, else DefaultKey.
func (h *Handler) clientKey() string {
	for _, keys := range []map[string]bool{h.cfg.adminKeys, h.cfg.keys} {
		if len(keys) > 0 {
			return slices.Sorted(maps.Keys(keys))[0]
		}
	}
	return DefaultKey
}
