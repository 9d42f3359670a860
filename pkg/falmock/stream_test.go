package falmock

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/internal/normalize"
)

// sseBlock is one block of a server-sent-events stream: an event, or a
// comment line.
type sseBlock struct {
	id, event string
	data      []string // one entry per data line
	comment   string
}

// nextBlock reads one block, up to the blank line that ends it.
func nextBlock(r *bufio.Reader) (sseBlock, error) {
	var b sseBlock
	lines := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if errors.Is(err, io.EOF) && line != "" {
				return b, io.ErrUnexpectedEOF
			}
			return b, err
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			if lines == 0 {
				continue
			}
			return b, nil
		}
		lines++
		field, value, _ := strings.Cut(line, ":")
		value = strings.TrimPrefix(value, " ")
		switch field {
		case "":
			b.comment = value
		case "id":
			b.id = value
		case "event":
			b.event = value
		case "data":
			b.data = append(b.data, value)
		}
	}
}

// readBlocks reads the blocks of a whole stream, failing the test on a
// read error or a block the stream does not finish.
func readBlocks(t *testing.T, r *bufio.Reader) []sseBlock {
	t.Helper()
	var blocks []sseBlock
	for {
		b, err := nextBlock(r)
		if errors.Is(err, io.EOF) {
			return blocks
		}
		if err != nil {
			t.Fatal(err)
		}
		blocks = append(blocks, b)
	}
}

// openStream opens the log stream, closed when the test ends.
func openStream(t *testing.T, srv *Server, ctx context.Context) *bufio.Reader {
	t.Helper()
	req := validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["serverlessLogsStream"]}).WithContext(ctx)
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return bufio.NewReader(resp.Body)
}

func TestLogStream(t *testing.T) {
	tests := []struct {
		name string
		ls   LogStream
	}{
		{"default", LogStream{Events: 3, Heartbeats: 2}},
		{"more events than heartbeats", LogStream{Events: 5, Heartbeats: 1}},
		{"more heartbeats than events", LogStream{Events: 1, Heartbeats: 4}},
		{"heartbeats only", LogStream{Heartbeats: 2}},
		{"multi-line data", LogStream{Events: 2, MultilineData: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithLogStream(tt.ls))
			var events, pings int
			seen := map[string]bool{}
			for _, b := range readBlocks(t, openStream(t, srv, t.Context())) {
				if b.comment != "" {
					if b.comment != "ping" {
						t.Errorf("comment %q, want ping", b.comment)
					}
					pings++
					continue
				}
				events++
				if b.id != strconv.Itoa(events) || b.event != logEventName {
					t.Errorf("event %d: id %q event %q", events, b.id, b.event)
				}
				if tt.ls.MultilineData != (len(b.data) > 1) {
					t.Errorf("event %d: %d data lines, multi-line %v", events, len(b.data), tt.ls.MultilineData)
				}
				data := strings.Join(b.data, "\n")
				var entry any
				if err := json.Unmarshal([]byte(data), &entry); err != nil {
					t.Fatalf("event %d: data is not JSON: %v\n%s", events, err, data)
				}
				if err := validateValue(srv.spec, logEntrySchema(t, srv.spec), entry); err != nil {
					t.Errorf("event %d is not a log entry: %v", events, err)
				}
				compact, _ := json.Marshal(entry)
				if seen[string(compact)] {
					t.Errorf("event %d repeats an earlier entry: %s", events, compact)
				}
				seen[string(compact)] = true
			}
			if events != tt.ls.Events || pings != tt.ls.Heartbeats {
				t.Errorf("got %d events and %d pings, want %d and %d", events, pings, tt.ls.Events, tt.ls.Heartbeats)
			}
		})
	}
}

// TestLogStreamKeepOpen checks that events are flushed as written (they
// arrive while the stream is still open), that heartbeats keep coming, and
// that the handler ends when the client goes away.
func TestLogStreamKeepOpen(t *testing.T) {
	tests := []struct {
		name     string
		interval time.Duration
		pings    int // heartbeats to read after the events
	}{
		{"events flushed while open", time.Hour, 0},
		{"heartbeats until cancelled", time.Millisecond, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithLogStream(LogStream{Events: 2, KeepOpen: true, HeartbeatInterval: tt.interval}))
			// The deadline turns events that never arrive into a failure.
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			r := openStream(t, srv, ctx)
			for i := range 2 {
				if b, err := nextBlock(r); err != nil || b.id != strconv.Itoa(i+1) {
					t.Fatalf("event %d: %+v, %v", i+1, b, err)
				}
			}
			for i := range tt.pings {
				if b, err := nextBlock(r); err != nil || b.comment != "ping" {
					t.Fatalf("heartbeat %d: %+v, %v", i+1, b, err)
				}
			}
			cancel()
			closeWithin(t, srv, 10*time.Second)
			recs := srv.RequestsFor("serverlessLogsStream")
			if len(recs) != 1 || recs[0].Status != http.StatusOK {
				t.Errorf("recorded %+v", recs)
			}
		})
	}
}

func TestLogStreamFaults(t *testing.T) {
	tests := []struct {
		name  string
		fault Fault
		check func(t *testing.T, status int, body string)
	}{
		{"status", Fault{Status: 500}, func(t *testing.T, status int, body string) {
			if status != 500 || envelopeOf(t, []byte(body)).Type != falapi.ErrorTypeServerError {
				t.Errorf("status %d body %q", status, body)
			}
		}},
		{"truncated", Fault{Truncate: true}, func(t *testing.T, status int, body string) {
			if status != 200 || body == "" || strings.HasSuffix(body, "\n\n") {
				t.Errorf("status %d, body %q is not cut inside an event", status, body)
			}
		}},
		{"malformed", Fault{Malformed: true}, func(t *testing.T, status int, body string) {
			b, err := nextBlock(bufio.NewReader(strings.NewReader(body)))
			if err != nil || status != 200 || len(b.data) == 0 || json.Valid([]byte(strings.Join(b.data, "\n"))) {
				t.Errorf("status %d, event %+v (%v), want data that is not JSON", status, b, err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t)
			if err := srv.Inject("serverlessLogsStream", tt.fault); err != nil {
				t.Fatal(err)
			}
			resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["serverlessLogsStream"]}))
			tt.check(t, resp.StatusCode, string(body))
		})
	}
}

// TestLogStreamResumesAfterLastEventID checks that a request with a
// Last-Event-ID header gets the events after that one (heartbeats kept in
// their places), and that an ID the stream never sent is refused.
func TestLogStreamResumesAfterLastEventID(t *testing.T) {
	tests := []struct {
		name    string
		lastID  string
		wantIDs []string
		pings   int
	}{
		{"no header", "", []string{"1", "2", "3", "4"}, 2},
		{"after the first", "1", []string{"2", "3", "4"}, 1},
		{"after the third", "3", []string{"4"}, 0},
		{"after the last", "4", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithLogStream(LogStream{Events: 4, Heartbeats: 2}))
			req := validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["serverlessLogsStream"], headers: http.Header{lastEventIDHeader: {tt.lastID}}})
			resp, body := do(t, srv.HTTPClient(), req)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			var ids []string
			pings := 0
			for _, b := range readBlocks(t, bufio.NewReader(strings.NewReader(string(body)))) {
				if b.comment != "" {
					pings++
					continue
				}
				ids = append(ids, b.id)
			}
			if !slices.Equal(ids, tt.wantIDs) || pings != tt.pings {
				t.Errorf("events %v and %d pings, want %v and %d", ids, pings, tt.wantIDs, tt.pings)
			}
		})
	}
	for _, bad := range []string{"0", "5", "x", "-1"} {
		t.Run("refuses "+bad, func(t *testing.T) {
			srv := newTestServer(t, WithLogStream(LogStream{Events: 4}))
			req := validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["serverlessLogsStream"], headers: http.Header{lastEventIDHeader: {bad}}})
			resp, body := do(t, srv.HTTPClient(), req)
			env := envelopeOf(t, body)
			if resp.StatusCode != http.StatusBadRequest || env.Type != falapi.ErrorTypeValidationError || !strings.Contains(env.Message, "Last-Event-ID") {
				t.Errorf("status %d, envelope %+v; want 400 naming Last-Event-ID", resp.StatusCode, env)
			}
		})
	}
}

// TestLogStreamDropAfter checks that DropAfter cuts each of the first K
// connections after N bytes, in the middle of an event, and that a client
// resuming from the last whole event it got reads every event once.
func TestLogStreamDropAfter(t *testing.T) {
	const events, cut, times = 6, 300, 3
	srv := newTestServer(t, WithLogStream(LogStream{Events: events, Heartbeats: 2}))
	if err := srv.Inject("serverlessLogsStream", Fault{DropAfter: cut, Times: times}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	lastID := ""
	for conn := 1; ; conn++ {
		req := validRequest(t, srv.URL, requestSpec{op: srv.spec.byID["serverlessLogsStream"], headers: http.Header{lastEventIDHeader: {lastID}}})
		r := send(t, freshClient(), req)
		if conn <= times {
			if !errors.Is(r.Err, io.ErrUnexpectedEOF) || len(r.Body) != cut || strings.HasSuffix(string(r.Body), "\n\n") {
				t.Fatalf("connection %d: %d bytes, error %v; want %d bytes cut mid-event, then unexpected EOF", conn, len(r.Body), r.Err, cut)
			}
		} else if r.Err != nil {
			t.Fatalf("connection %d: %v", conn, r.Err)
		}
		br := bufio.NewReader(strings.NewReader(string(r.Body)))
		for {
			b, err := nextBlock(br)
			if err != nil {
				break // io.EOF, or io.ErrUnexpectedEOF for the event cut off
			}
			if b.id != "" {
				ids = append(ids, b.id)
				lastID = b.id
			}
		}
		if conn > times {
			break
		}
	}
	want := []string{"1", "2", "3", "4", "5", "6"}
	if !slices.Equal(ids, want) {
		t.Errorf("events %v, want %v once each", ids, want)
	}
	if n := len(srv.RequestsFor("serverlessLogsStream")); n != times+1 {
		t.Errorf("%d connections, want %d", n, times+1)
	}
}

// TestStreamsWithTheirOwnSchema serves a second event stream, one whose
// answer publishes the schema of its events (as a stream fal adds would):
// its events follow that schema and carry no event name, each stream keeps
// its own events, and the log stream's are still log entries.
func TestStreamsWithTheirOwnSchema(t *testing.T) {
	t.Parallel()
	events := map[string]any{"get": map[string]any{
		"operationId": "streamGizmoEvents",
		"security":    []any{map[string]any{"apiKey": []any{}}},
		"parameters":  []any{map[string]any{"name": "gizmo_id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}},
		"responses": map[string]any{"200": map[string]any{"description": "events", "content": map[string]any{"text/event-stream": map[string]any{"schema": map[string]any{
			"type": "object", "required": []any{"seq", "state"},
			"properties": map[string]any{"seq": map[string]any{"type": "integer"}, "state": map[string]any{"type": "string", "enum": []any{"queued", "done"}}},
		}}}}},
	}}
	doc, err := normalize.PatchDocument(api.OpenAPI, []normalize.PatchOp{{Op: "add", Path: "/paths/~1gizmos~1{gizmo_id}~1events", Value: events}})
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, WithSchema(doc), WithLogStream(LogStream{Events: 3}))
	read := func(id string) []sseBlock {
		op := loaded(t, srv.spec.byID[id])
		resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: op}))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", id, resp.StatusCode, body)
		}
		return readBlocks(t, bufio.NewReader(strings.NewReader(string(body))))
	}
	gizmo := srv.spec.byID["streamGizmoEvents"].schema()
	for i, b := range read("streamGizmoEvents") {
		var v any
		if err := json.Unmarshal([]byte(strings.Join(b.data, "\n")), &v); err != nil {
			t.Fatal(err)
		}
		if err := validateValue(srv.spec, gizmo, v); err != nil || b.event != "" || b.id != strconv.Itoa(i+1) {
			t.Errorf("gizmo event %d: id %q, event %q, %v: %v", i+1, b.id, b.event, v, err)
		}
	}
	logs := read("serverlessLogsStream")
	if len(logs) != 3 {
		t.Fatalf("%d log events, want 3", len(logs))
	}
	for i, b := range logs {
		var v any
		if err := json.Unmarshal([]byte(strings.Join(b.data, "\n")), &v); err != nil {
			t.Fatal(err)
		}
		if err := validateValue(srv.spec, logEntrySchema(t, srv.spec), v); err != nil || b.event != logEventName {
			t.Errorf("log event %d: event %q: %v", i+1, b.event, err)
		}
	}
	if f := srv.Failures(); len(f) != 0 {
		t.Errorf("falmock failures: %v", f)
	}
}
