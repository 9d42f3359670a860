package falmock

import (
	"net/http"
	"net/http/httptest"
)

// Server is a mock of fal's Platform API listening on a loopback address,
// shaped like httptest.Server: point a client at URL and Close it when the
// test ends. The Handler's methods (Inject, Requests, Failures, ...) are
// available on it directly.
//
// A ready *fal.Client for the server will be added next to HTTPClient once
// pkg/fal exists.
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

// Close shuts the server down and blocks until every outstanding request
// has ended.
func (s *Server) Close() {
	s.ts.Close()
}
