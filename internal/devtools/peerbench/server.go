package peerbench

import (
	"net/http"
	"net/http/httptest"
	"strconv"
)

// APIKey is the key every client sends; the server refuses calls without it
// so that each client is seen to authenticate.
const APIKey = "peer-bench-key"

// NewServer serves each fixture's body at /v1 + its path, as fal does, to
// GET requests that carry APIKey.
func NewServer(fixtures []Fixture) *httptest.Server {
	mux := http.NewServeMux()
	for _, f := range fixtures {
		body := f.Body
		mux.HandleFunc("GET /v1"+f.Path, func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Key "+APIKey {
				http.Error(w, `{"error":{"type":"authorization_error","message":"no key"}}`, http.StatusUnauthorized)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = w.Write(body)
		})
	}
	return httptest.NewServer(mux)
}
