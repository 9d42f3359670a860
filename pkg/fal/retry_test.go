package fal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/gen/falapi"
)

// failThen answers status for the first n requests, then 200 with body.
func failThen(n, status int, header http.Header, body string) func(int, http.ResponseWriter, *http.Request) {
	return func(i int, w http.ResponseWriter, r *http.Request) {
		if i < n {
			for k, v := range header {
				w.Header()[k] = v
			}
			jsonAnswer(w, status, fmt.Sprintf(errorBody, "server_error", "try again"))
			return
		}
		jsonAnswer(w, 200, body)
	}
}

func TestRetriesRetryableStatuses(t *testing.T) {
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			c, rec, waits := newTestClient(t, failThen(2, status, nil, `{"webhook_ip_ranges":[]}`))
			if _, err := c.GetMeta(context.Background()); err != nil {
				t.Fatalf("two failures then success should succeed with 2 retries: %v", err)
			}
			if rec.count() != 3 {
				t.Errorf("%d attempts, want 3", rec.count())
			}
			if want := []time.Duration{500 * time.Millisecond, time.Second}; !slices.Equal(*waits, want) {
				t.Errorf("waits %v, want %v", *waits, want)
			}
		})
	}
}

func TestGivesUpAfterMaxRetries(t *testing.T) {
	c, rec, _ := newTestClient(t, failThen(10, 503, nil, `{}`))
	_, err := c.GetMeta(context.Background())
	if !errors.Is(err, ErrServer) || rec.count() != 3 {
		t.Fatalf("err %v after %d attempts; want ErrServer after 3", err, rec.count())
	}
	_, err = c.GetMeta(context.Background(), WithMaxRetries(0))
	if !errors.Is(err, ErrServer) || rec.count() != 4 {
		t.Fatalf("WithMaxRetries(0): %d attempts in all, want 4", rec.count())
	}
	c5, rec5, _ := newTestClient(t, failThen(10, 503, nil, `{}`), WithMaxRetries(5))
	c5.GetMeta(context.Background())
	if rec5.count() != 6 {
		t.Fatalf("WithMaxRetries(5): %d attempts, want 6", rec5.count())
	}
}

func TestDoesNotRetryOtherStatuses(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 422, 501} {
		c, rec, _ := newTestClient(t, failThen(10, status, nil, `{}`))
		c.GetMeta(context.Background())
		if rec.count() != 1 {
			t.Errorf("%d: %d attempts, want 1", status, rec.count())
		}
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	c, _, waits := newTestClient(t, failThen(100, 503, nil, `{}`), WithMaxRetries(6), WithRetryDelay(time.Second, 5*time.Second))
	c.GetMeta(context.Background())
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second, 5 * time.Second}
	if !slices.Equal(*waits, want) {
		t.Errorf("waits %v, want %v", *waits, want)
	}
	for range 1000 {
		if d := randomJitter(time.Second); d < 500*time.Millisecond || d > time.Second {
			t.Fatalf("jitter gave %v outside [0.5s, 1s]", d)
		}
	}
}

func TestHonoursRetryAfterUpToTheCap(t *testing.T) {
	c, _, waits := newTestClient(t, failThen(1, 429, http.Header{"Retry-After": {"7"}}, `{}`))
	if _, err := c.GetMeta(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(*waits, []time.Duration{7 * time.Second}) {
		t.Errorf("waits %v, want [7s]", *waits)
	}
	date := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	c, _, waits = newTestClient(t, failThen(1, 503, http.Header{"Retry-After": {date}}, `{}`), WithRetryAfterMax(30*time.Second))
	if _, err := c.GetMeta(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(*waits, []time.Duration{30 * time.Second}) {
		t.Errorf("waits %v, want the 30s cap", *waits)
	}
}

func TestWritesAreRetriedOnlyWithAnIdempotencyKey(t *testing.T) {
	// createApiKey accepts no Idempotency-Key: one attempt only.
	c, rec, _ := newTestClient(t, failThen(1, 503, nil, `{}`))
	_, err := c.CreateAPIKey(context.Background(), falapi.CreateAPIKeyRequest{Alias: "ci"})
	if !errors.Is(err, ErrServer) || rec.count() != 1 {
		t.Fatalf("non-idempotent POST: err %v, %d attempts; want the error after 1", err, rec.count())
	}
	if req, _ := rec.request(0); req.Header.Get("Idempotency-Key") != "" {
		t.Errorf("sent an Idempotency-Key to an operation that does not take one")
	}

	// createComputeInstance accepts one: the client adds it and retries
	// with the same key and the same body.
	c, rec, _ = newTestClient(t, failThen(2, 503, nil, `{"id":"i","instance_type":"gpu_1x_h100_sxm5","region":"us-east","status":"ready"}`))
	body := falapi.CreateComputeInstanceRequest{InstanceType: falapi.InstanceTypeGpu1XH100Sxm5, SSHKey: "ssh-ed25519 AAAA"}
	if _, err := c.CreateComputeInstance(context.Background(), body); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 3 {
		t.Fatalf("%d attempts, want 3", rec.count())
	}
	first, firstBody := rec.request(0)
	key := first.Header.Get("Idempotency-Key")
	if len(key) < 16 {
		t.Fatalf("idempotency key %q", key)
	}
	for i := 1; i < 3; i++ {
		req, b := rec.request(i)
		if req.Header.Get("Idempotency-Key") != key || !bytes.Equal(b, firstBody) || len(b) == 0 {
			t.Errorf("attempt %d: key %q body %q; want %q and %q", i, req.Header.Get("Idempotency-Key"), b, key, firstBody)
		}
	}

	// A second call gets a new key; a given key is used as given.
	c.CreateComputeInstance(context.Background(), body)
	if req, _ := rec.request(3); req.Header.Get("Idempotency-Key") == key {
		t.Error("two calls shared one idempotency key")
	}
	c.CreateComputeInstance(context.Background(), body, WithIdempotencyKey("mine-1"))
	if req, _ := rec.request(4); req.Header.Get("Idempotency-Key") != "mine-1" {
		t.Errorf("WithIdempotencyKey: sent %q", req.Header.Get("Idempotency-Key"))
	}
}

func TestRetriesDroppedConnections(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 0 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		jsonAnswer(w, 200, `{"webhook_ip_ranges":[]}`)
	})
	if _, err := c.GetMeta(context.Background()); err != nil {
		t.Fatalf("a dropped connection should be retried: %v", err)
	}
	if rec.count() != 2 {
		t.Errorf("%d attempts, want 2", rec.count())
	}
}

func TestStopsRetryingWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		cancel()
		jsonAnswer(w, 503, `{}`)
	})
	_, err := c.GetMeta(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if rec.count() != 1 {
		t.Errorf("%d attempts after the context ended, want 1", rec.count())
	}
}

func TestRealSleepStopsAtOnceWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("sleepContext did not return at once")
	}
}

func TestTimeoutBoundsTheCall(t *testing.T) {
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	_, err := c.GetMeta(context.Background(), WithTimeout(time.Millisecond), WithMaxRetries(0))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want DeadlineExceeded, got %v", err)
	}
}

// metaBody is a 400-byte answer of GetMeta.
var metaBody = func() string {
	head, tail := `{"webhook_ip_ranges":["10.0.0.0/8"],"pad":"`, `"}`
	return head + strings.Repeat("x", 400-len(head)-len(tail)) + tail
}()

// cutBody starts a 200 answer announcing all of metaBody and breaks the
// connection after 37 bytes: with a reset (the connection is hijacked and
// closed with SO_LINGER 0) or a clean close.
func cutBody(reset bool) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if !reset {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", fmt.Sprint(len(metaBody)))
			w.WriteHeader(200)
			io.WriteString(w, metaBody[:37])
			return // the server closes the connection: the body is short
		}
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(metaBody), metaBody[:37])
		buf.Flush()
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}
}

func TestRetriesABodyThatBreaksWhileRead(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reset bool
	}{{"clean close", false}, {"connection reset", true}} {
		t.Run(tc.name, func(t *testing.T) {
			cut := cutBody(tc.reset)
			c, rec, waits := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 0 {
					cut(w)
					return
				}
				jsonAnswer(w, 200, metaBody)
			})
			meta, err := c.GetMeta(context.Background())
			if err != nil {
				t.Fatalf("a body cut while read should be retried: %v", err)
			}
			if rec.count() != 2 || len(*waits) != 1 {
				t.Errorf("%d attempts and %d waits, want 2 and 1", rec.count(), len(*waits))
			}
			if !slices.Equal(meta.WebhookIPRanges, []string{"10.0.0.0/8"}) {
				t.Errorf("decoded %+v", meta)
			}

			c, rec, _ = newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { cut(w) })
			_, err = c.GetMeta(context.Background())
			if err == nil || rec.count() != 3 {
				t.Fatalf("always cut: err %v after %d attempts, want an error after 3", err, rec.count())
			}
			if !strings.HasPrefix(err.Error(), "fal: GetMeta: reading the 200 answer: ") || !strings.HasSuffix(err.Error(), " (attempts: 3)") {
				t.Errorf("error %q should say what broke and after how many attempts", err)
			}
			if !tc.reset && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("error %q does not wrap io.ErrUnexpectedEOF", err)
			}
		})
	}
}

func TestDoesNotRetryAnAnswerThatDoesNotDecode(t *testing.T) {
	for name, body := range map[string]string{
		"syntax": `{"webhook_ip_ranges":["10.0.0.0/8"`,
		"type":   `{"webhook_ip_ranges":"10.0.0.0/8"}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { jsonAnswer(w, 200, body) })
			_, err := c.GetMeta(context.Background())
			if err == nil || !strings.HasPrefix(err.Error(), "fal: GetMeta: decoding the 200 answer: ") {
				t.Fatalf("got %v, want a decoding error", err)
			}
			if rec.count() != 1 {
				t.Errorf("%d attempts for an answer that arrived whole, want 1", rec.count())
			}
		})
	}
}

func TestDoesNotRetryABrokenBodyOfAWriteWithoutIdempotencyKey(t *testing.T) {
	cut := cutBody(false)
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { cut(w) })
	_, err := c.CreateAPIKey(context.Background(), falapi.CreateAPIKeyRequest{Alias: "ci"})
	if !errors.Is(err, io.ErrUnexpectedEOF) || rec.count() != 1 {
		t.Fatalf("err %v after %d attempts; want io.ErrUnexpectedEOF after 1", err, rec.count())
	}
	if !strings.HasSuffix(err.Error(), "(attempts: 1)") {
		t.Errorf("error %q does not count its attempt", err)
	}
}

// TestReadAnswerReusesItsBuffer: a body of any announced length (or none)
// is read into a pooled buffer, so that reading answers one after another
// allocates nothing once the pool holds a buffer large enough.
func TestReadAnswerReusesItsBuffer(t *testing.T) {
	if raceDetector {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	data := bytes.Repeat([]byte("0123456789"), 10_000)
	r := bytes.NewReader(data)
	for _, tc := range []struct {
		name   string
		length int64
	}{
		{"announced", int64(len(data))},
		{"unknown", -1},
		{"overstated beyond maxPresize", maxPresize + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []byte
			allocs := testing.AllocsPerRun(10, func() {
				r.Reset(data)
				b, err := readAnswer(r, tc.length)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got[:0], b.data...)
				b.release()
			})
			if !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes, want %d", len(got), len(data))
			}
			if allocs > 0 {
				t.Errorf("%v allocations to read %d bytes announced as %d", allocs, len(data), tc.length)
			}
		})
	}
}
