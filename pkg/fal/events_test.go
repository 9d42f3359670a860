package fal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// logEventSize is the size of each event resumeServer sends for IDs 1 to 9.
const logEventSize = 45

// resumeServer serves a log stream of events with IDs 1 to events, from
// the one after the request's Last-Event-ID, and breaks connections as its
// fields say. Connections are counted from 0.
type resumeServer struct {
	events int
	// cuts[n] is where connection n is cut, in bytes of its body (beyond
	// len(cuts), or at or beyond the body's end, it is served whole): the
	// connection is dropped, or, with closeCleanly, the answer ends there.
	cuts         []int
	closeCleanly bool
	// noIDs leaves the id fields out; retry, when set, is sent as a retry
	// field at the start of each connection.
	noIDs bool
	retry string
	// status[n] answers connection n with that status, and Retry-After
	// when retryAfter is set.
	status     map[int]int
	retryAfter string
}

// body is what a connection resuming after Last-Event-ID lastID gets.
func (s resumeServer) body(lastID string) []byte {
	from, _ := strconv.Atoi(lastID)
	var b bytes.Buffer
	if s.retry != "" {
		fmt.Fprintf(&b, "retry: %s\n\n", s.retry)
	}
	for i := from + 1; i <= s.events; i++ {
		if !s.noIDs {
			fmt.Fprintf(&b, "id: %d\n", i)
		}
		fmt.Fprintf(&b, "event: log\ndata: {\"message\":\"line %d\"}\n\n", i)
	}
	return b.Bytes()
}

func (s resumeServer) answer(n int, w http.ResponseWriter, r *http.Request) {
	if status := s.status[n]; status != 0 {
		if s.retryAfter != "" {
			w.Header().Set("Retry-After", s.retryAfter)
		}
		jsonAnswer(w, status, fmt.Sprintf(errorBody, "server_error", "try later"))
		return
	}
	body := s.body(r.Header.Get(lastEventIDHeader))
	w.Header().Set("Content-Type", "text/event-stream")
	if n >= len(s.cuts) || s.cuts[n] >= len(body) {
		_, _ = w.Write(body)
		return
	}
	_, _ = w.Write(body[:s.cuts[n]])
	if s.closeCleanly {
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	if conn, _, err := rc.Hijack(); err == nil {
		_ = conn.Close()
	}
}

// newLeakCheckedClient is newTestClient with an HTTP client of its own, and
// a check, once the server and the client's idle connections are closed,
// that no goroutine the test started is left.
func newLeakCheckedClient(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request), opts ...Option) (*Client, *recorder, *[]time.Duration) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	hc := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		hc.CloseIdleConnections()
		goleak.VerifyNone(t, ignore)
	})
	return newTestClient(t, answer, append([]Option{WithHTTPClient(hc)}, opts...)...)
}

// streamResult is what ranging over a log stream gave.
type streamResult struct {
	ids      []string
	messages []string
	err      error // the last error yielded
	errs     int   // how many errors were yielded
}

// readLogStream ranges over the log stream of c until it ends.
func readLogStream(ctx context.Context, c *Client, opts ...Option) streamResult {
	var res streamResult
	for ev, err := range c.ServerlessLogsStream(ctx, nil, nil, opts...) {
		if err != nil {
			res.err = err
			res.errs++
			continue
		}
		res.ids = append(res.ids, ev.ID)
		res.messages = append(res.messages, ev.Data.Message)
	}
	return res
}

// idsUpTo lists the IDs 1 to n.
func idsUpTo(n int) []string {
	var ids []string
	for i := 1; i <= n; i++ {
		ids = append(ids, strconv.Itoa(i))
	}
	return ids
}

// sentLastEventIDs lists the Last-Event-ID header of each request.
func sentLastEventIDs(rec *recorder) [][]string {
	var out [][]string
	for i := range rec.count() {
		r, _ := rec.request(i)
		out = append(out, r.Header.Values(lastEventIDHeader))
	}
	return out
}

func TestEventStreamResumes(t *testing.T) {
	tests := []struct {
		name    string
		server  resumeServer
		opts    []Option
		wantIDs []string
		// sent are the Last-Event-ID values of each connection's request.
		sent    [][]string
		waits   []time.Duration
		wantErr string // a part of the one error yielded, if any
		is      error  // what that error wraps
	}{
		{
			name:    "dropped mid-event three times, once at an event's end",
			server:  resumeServer{events: 9, cuts: []int{2*logEventSize + 10, 10, 3 * logEventSize}},
			wantIDs: idsUpTo(9),
			sent:    [][]string{nil, {"2"}, {"2"}, {"5"}},
			waits:   []time.Duration{500 * time.Millisecond, time.Second, 500 * time.Millisecond},
		},
		{
			name:    "closed cleanly mid-event",
			server:  resumeServer{events: 9, cuts: []int{logEventSize + 20, logEventSize - 1}, closeCleanly: true},
			wantIDs: idsUpTo(9),
			sent:    [][]string{nil, {"1"}, {"1"}}, // the second cut is just before the blank line that ends event 2
			waits:   []time.Duration{500 * time.Millisecond, time.Second},
		},
		{
			name:    "closed cleanly between events is the end",
			server:  resumeServer{events: 9, cuts: []int{2 * logEventSize}, closeCleanly: true},
			wantIDs: idsUpTo(2),
			sent:    [][]string{nil},
		},
		{
			name:    "resuming off",
			server:  resumeServer{events: 9, cuts: []int{2*logEventSize + 10}},
			opts:    []Option{WithMaxReconnects(0)},
			wantIDs: idsUpTo(2),
			sent:    [][]string{nil},
			wantErr: "fal: ServerlessLogsStream: reading the event stream: unexpected EOF",
			is:      io.ErrUnexpectedEOF,
		},
		{
			name:    "resuming off, closed cleanly mid-event",
			server:  resumeServer{events: 9, cuts: []int{10}, closeCleanly: true},
			opts:    []Option{WithMaxReconnects(0)},
			sent:    [][]string{nil},
			wantErr: "the connection closed in the middle of an event: unexpected EOF",
			is:      io.ErrUnexpectedEOF,
		},
		{
			name:    "reconnects run out",
			server:  resumeServer{events: 9, cuts: []int{logEventSize + 10, 10, 10, 10}},
			opts:    []Option{WithMaxReconnects(2)},
			wantIDs: idsUpTo(1),
			sent:    [][]string{nil, {"1"}, {"1"}},
			waits:   []time.Duration{500 * time.Millisecond, time.Second},
			wantErr: "(gave up after 2 reconnects in a row without an event)",
			is:      io.ErrUnexpectedEOF,
		},
		{
			name:    "the count starts over with each event",
			server:  resumeServer{events: 4, cuts: []int{logEventSize + 10, logEventSize + 10, logEventSize + 10}},
			opts:    []Option{WithMaxReconnects(1)},
			wantIDs: idsUpTo(4),
			sent:    [][]string{nil, {"1"}, {"2"}, {"3"}},
			waits:   []time.Duration{500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond},
		},
		{
			name:    "the server's retry field sets the wait",
			server:  resumeServer{events: 9, cuts: []int{logEventSize + 30, 20}, retry: "2500"},
			wantIDs: idsUpTo(9),
			sent:    [][]string{nil, {"1"}, {"1"}},
			waits:   []time.Duration{2500 * time.Millisecond, 2500 * time.Millisecond},
		},
		{
			name:    "the retry field is capped",
			server:  resumeServer{events: 3, cuts: []int{logEventSize + 30}, retry: "120000"},
			opts:    []Option{WithRetryAfterMax(5 * time.Second)},
			wantIDs: idsUpTo(3),
			sent:    [][]string{nil, {"1"}},
			waits:   []time.Duration{5 * time.Second},
		},
		{
			name:    "retryable statuses on reconnect, with Retry-After",
			server:  resumeServer{events: 5, cuts: []int{logEventSize + 10}, status: map[int]int{1: 503, 2: 429}, retryAfter: "3"},
			wantIDs: idsUpTo(5),
			sent:    [][]string{nil, {"1"}, {"1"}, {"1"}},
			waits:   []time.Duration{500 * time.Millisecond, 3 * time.Second, 3 * time.Second},
		},
		{
			name:    "an error status on reconnect ends the stream",
			server:  resumeServer{events: 5, cuts: []int{logEventSize + 10}, status: map[int]int{1: 401}},
			wantIDs: idsUpTo(1),
			sent:    [][]string{nil, {"1"}},
			waits:   []time.Duration{500 * time.Millisecond},
			wantErr: "fal: ServerlessLogsStream: 401",
			is:      ErrUnauthorized,
		},
		{
			name:    "an error status on the first connection is not retried",
			server:  resumeServer{events: 5, status: map[int]int{0: 503}},
			sent:    [][]string{nil},
			wantErr: "fal: ServerlessLogsStream: 503",
			is:      ErrServer,
		},
		{
			name:    "no IDs, dropped before the first event",
			server:  resumeServer{events: 3, cuts: []int{10}, noIDs: true},
			wantIDs: []string{"", "", ""},
			sent:    [][]string{nil, nil},
			waits:   []time.Duration{500 * time.Millisecond},
		},
		{
			name:    "no IDs, dropped after an event",
			server:  resumeServer{events: 3, cuts: []int{50}, noIDs: true},
			wantIDs: []string{""},
			sent:    [][]string{nil},
			wantErr: "(cannot resume: the server gives its events no IDs)",
			is:      io.ErrUnexpectedEOF,
		},
		{
			name:    "a Last-Event-ID of the caller's starts the stream and is replaced",
			server:  resumeServer{events: 9, cuts: []int{logEventSize + 10}},
			opts:    []Option{WithHeader(lastEventIDHeader, "6")},
			wantIDs: []string{"7", "8", "9"},
			sent:    [][]string{{"6"}, {"7"}},
			waits:   []time.Duration{500 * time.Millisecond},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec, waits := newLeakCheckedClient(t, tt.server.answer)
			res := readLogStream(t.Context(), c, tt.opts...)
			if !slices.Equal(res.ids, tt.wantIDs) {
				t.Errorf("events %q, want %q once each, in order", res.ids, tt.wantIDs)
			}
			for i, id := range tt.wantIDs[:min(len(tt.wantIDs), len(res.messages))] {
				if id == "" {
					id = strconv.Itoa(i + 1) // without IDs, the events are the first ones
				}
				if res.messages[i] != "line "+id {
					t.Errorf("event %d carries %q, want line %s", i+1, res.messages[i], id)
				}
			}
			switch {
			case tt.wantErr == "" && res.err != nil:
				t.Errorf("error %v", res.err)
			case tt.wantErr != "" && (res.errs != 1 || !strings.Contains(fmt.Sprint(res.err), tt.wantErr) || !errors.Is(res.err, tt.is)):
				t.Errorf("%d errors, the last %v; want one containing %q and wrapping %v", res.errs, res.err, tt.wantErr, tt.is)
			}
			if got := sentLastEventIDs(rec); !slices.EqualFunc(got, tt.sent, slices.Equal) {
				t.Errorf("connections sent Last-Event-ID %q, want %q", got, tt.sent)
			}
			if !slices.Equal(*waits, tt.waits) {
				t.Errorf("waited %v, want %v", *waits, tt.waits)
			}
		})
	}
}

func TestEventStreamStopsWhenTheContextEndsWhileWaiting(t *testing.T) {
	c, rec, _ := newLeakCheckedClient(t, resumeServer{events: 9, cuts: []int{logEventSize + 10}}.answer)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	c.settings.sleep = func(ctx context.Context, _ time.Duration) error {
		cancel() // the caller gives up while the stream waits to reconnect
		return ctx.Err()
	}
	res := readLogStream(ctx, c)
	if !slices.Equal(res.ids, idsUpTo(1)) || res.errs != 1 || !errors.Is(res.err, context.Canceled) {
		t.Errorf("events %q, %d errors, the last %v; want event 1 then context.Canceled", res.ids, res.errs, res.err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("%d connections, want 1", n)
	}
}

func TestEventStreamBreakStopsResuming(t *testing.T) {
	c, rec, _ := newLeakCheckedClient(t, resumeServer{events: 9, cuts: []int{2*logEventSize + 10}}.answer)
	n := 0
	for _, err := range c.ServerlessLogsStream(t.Context(), nil, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 2 {
			break
		}
	}
	if got := rec.count(); got != 1 {
		t.Errorf("%d connections after a break, want 1", got)
	}
}

func TestWithMaxReconnectsRefusesANegativeCount(t *testing.T) {
	c, rec, _ := newTestClient(t, resumeServer{events: 1}.answer)
	res := readLogStream(t.Context(), c, WithMaxReconnects(-1))
	if res.errs != 1 || !strings.Contains(fmt.Sprint(res.err), "WithMaxReconnects: -1 is negative") || rec.count() != 0 {
		t.Errorf("%d errors, the last %v, %d requests; want the option's error before any request", res.errs, res.err, rec.count())
	}
}

// FuzzEventStreamResume drops the connections of a log stream at
// arbitrary places, one drop per byte of cuts: wherever they fall, every
// event must arrive once, in order. (A server that ends the answer cleanly
// at an event's end ends the stream: the table of TestEventStreamResumes
// covers those.)
func FuzzEventStreamResume(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{43, 44, 45})
	f.Add([]byte{89, 0, 134, 3})
	f.Add([]byte{200, 1, 1, 1, 1, 1, 250})
	f.Fuzz(func(t *testing.T, cuts []byte) {
		if len(cuts) > 32 {
			cuts = cuts[:32]
		}
		s := resumeServer{events: 9}
		for _, c := range cuts {
			s.cuts = append(s.cuts, int(c)+1)
		}
		c, rec, _ := newTestClient(t, s.answer, WithMaxReconnects(len(cuts)))
		res := readLogStream(t.Context(), c)
		if !slices.Equal(res.ids, idsUpTo(9)) || res.err != nil {
			t.Fatalf("cuts %v: events %q, error %v; want 1 to 9 once each", s.cuts, res.ids, res.err)
		}
		if rec.count() > len(cuts)+1 {
			t.Errorf("%d connections for %d cuts", rec.count(), len(cuts))
		}
	})
}
