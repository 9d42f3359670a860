package fal

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// testKey is the key tests send; no output may ever contain it.
const testKey = "sk-test-0123456789abcdef"

// recorder is a test server that answers from a script and records what it
// received.
type recorder struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   [][]byte
	answer   func(n int, w http.ResponseWriter, r *http.Request)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	n := len(rec.requests)
	rec.requests = append(rec.requests, r)
	rec.bodies = append(rec.bodies, body)
	rec.mu.Unlock()
	rec.answer(n, w, r)
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.requests)
}

func (rec *recorder) request(i int) (*http.Request, []byte) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.requests[i], rec.bodies[i]
}

// newTestClient starts a server answering with answer and returns a client
// of it whose retries wait no real time: the waits are recorded instead.
func newTestClient(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request), opts ...Option) (*Client, *recorder, *[]time.Duration) {
	t.Helper()
	rec := &recorder{answer: answer}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	t.Setenv("FAL_KEY", "")
	t.Setenv("FAL_KEY_ID", "")
	t.Setenv("FAL_KEY_SECRET", "")
	t.Setenv("FAL_BASE_URL", "")
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL + "/v1"), WithAPIKey(testKey)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	var mu sync.Mutex
	c.settings.sleep = func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	c.settings.jitter = func(d time.Duration) time.Duration { return d }
	return c, rec, &waits
}

// jsonAnswer writes a JSON body with a status.
func jsonAnswer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

const errorBody = `{"error":{"type":"%s","message":"%s","docs_url":"https://docs.fal.ai/errors","request_id":"req-123"}}`
