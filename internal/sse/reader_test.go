package sse

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// tooLarge stands for an ErrEventTooLarge error in a list of results.
var tooLarge = Event{Type: "<too large>"}

// mode is one way of feeding a stream to a Reader.
type mode struct {
	name string
	src  func([]byte) io.Reader
	opts []Option
}

// modes feed streams whole, in pieces, one byte at a time and through a
// buffer smaller than their lines.
var modes = []mode{
	{"whole", func(b []byte) io.Reader { return bytes.NewReader(b) }, nil},
	{"bytewise", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }, nil},
	{"halves", func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) }, nil},
	{"eof with data", func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) }, nil},
	{"small buffer", func(b []byte) io.Reader { return bytes.NewReader(b) }, []Option{withBufferSize(16)}},
	{"bytewise small buffer", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }, []Option{withBufferSize(16)}},
}

// readAll returns the events of a Reader, copied, with tooLarge in place of
// each ErrEventTooLarge, up to the first other error, which it returns.
func readAll(r *Reader) ([]Event, error) {
	var events []Event
	for {
		for r.Next() {
			ev := *r.Event()
			ev.ID = append([]byte{}, ev.ID...)
			ev.Data = append([]byte{}, ev.Data...)
			events = append(events, ev)
		}
		if err := r.Err(); !errors.Is(err, ErrEventTooLarge) {
			return events, err
		}
		events = append(events, tooLarge)
	}
}

// ev builds an expected event.
func ev(typ, data, id string) Event {
	return Event{Type: typ, Data: []byte(data), ID: []byte(id)}
}

// equalEvents reports whether two lists of events are the same.
func equalEvents(a, b []Event) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type || !bytes.Equal(a[i].ID, b[i].ID) || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

func TestReaderSpec(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name     string
		in       string
		max      int
		want     []Event
		lastID   string
		retry    time.Duration
		comments int64
		// truncated is set when the stream stops in the middle of an
		// event or a line.
		truncated bool
	}{
		{name: "empty stream", in: ""},
		{name: "one event", in: "data: hello\n\n", want: []Event{ev("message", "hello", "")}},
		{name: "data lines joined by LF", in: "data: a\ndata: b\ndata: c\n\n", want: []Event{ev("message", "a\nb\nc", "")}},
		{name: "empty data lines", in: "data\ndata:\ndata: \n\n", want: []Event{ev("message", "\n\n", "")}},
		{name: "field without colon has empty value", in: "data\n\n", want: []Event{ev("message", "", "")}},
		{name: "one leading space stripped", in: "data:  two\ndata:none\n\n", want: []Event{ev("message", " two\nnone", "")}},
		{name: "colon in value", in: "data: a: b:c\n\n", want: []Event{ev("message", "a: b:c", "")}},
		{name: "event type", in: "event: log\ndata: x\n\n", want: []Event{ev("log", "x", "")}},
		{name: "empty event type is message", in: "event:\ndata: x\n\n", want: []Event{ev("message", "x", "")}},
		{name: "last event type wins", in: "event: a\nevent: b\ndata: x\n\n", want: []Event{ev("b", "x", "")}},
		{name: "same type again", in: "event: a\ndata: 1\n\nevent: a\ndata: 2\n\nevent: b\ndata: 3\n\nevent:a\ndata: 4\n\n", want: []Event{ev("a", "1", ""), ev("a", "2", ""), ev("b", "3", ""), ev("a", "4", "")}},
		{name: "type emptied", in: "event: a\ndata: 1\n\nevent: a\nevent:\ndata: 2\n\nevent: a\nevent: \ndata: 3\n\n", want: []Event{ev("a", "1", ""), ev("message", "2", ""), ev("message", "3", "")}},
		{name: "type reset after dispatch", in: "event: a\ndata: x\n\ndata: y\n\n", want: []Event{ev("a", "x", ""), ev("message", "y", "")}},
		{name: "type reset by block without data", in: "event: a\n\ndata: y\n\n", want: []Event{ev("message", "y", "")}},
		{name: "no dispatch without data", in: "event: a\nid: 1\n\n\n\n", lastID: "1"},
		{name: "id persists", in: "id: 1\ndata: a\n\ndata: b\n\n", want: []Event{ev("message", "a", "1"), ev("message", "b", "1")}, lastID: "1"},
		{name: "empty id resets", in: "id: 1\ndata: a\n\nid\ndata: b\n\n", want: []Event{ev("message", "a", "1"), ev("message", "b", "")}},
		{name: "id with NUL ignored", in: "id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\n", want: []Event{ev("message", "a", "1"), ev("message", "b", "1")}, lastID: "1"},
		{name: "id committed by blank line", in: "data: a\n\nid: 7\n\n", want: []Event{ev("message", "a", "")}, lastID: "7"},
		{name: "id not committed at EOF", in: "id: 7\n", lastID: "", truncated: true},
		{name: "id after data in the same event", in: "data: a\nid: 5\n\n", want: []Event{ev("message", "a", "5")}, lastID: "5"},
		{name: "retry", in: "retry: 1500\n\n", retry: 1500 * time.Millisecond},
		{name: "retry with data", in: "retry: 20\ndata: a\n\n", want: []Event{ev("message", "a", "")}, retry: 20 * time.Millisecond},
		{name: "retry not digits ignored", in: "retry: 10\n\nretry: 1 0\nretry: -5\nretry: 5s\nretry: one\n\n", retry: 10 * time.Millisecond},
		{name: "retry empty ignored", in: "retry: 10\n\nretry:\nretry\n\n", retry: 10 * time.Millisecond},
		{name: "retry overflow ignored", in: "retry: 10\nretry: 99999999999999999999\n\n", retry: 10 * time.Millisecond},
		{name: "retry zero", in: "retry: 10\nretry: 0\n\n", retry: 0},
		{name: "retry long", in: "retry: 0000000000000000000000000000042\n\n", retry: 42 * time.Millisecond},
		{name: "comments", in: ":\n: ping\n:ping\n\ndata: a\n: inside\n\n", want: []Event{ev("message", "a", "")}, comments: 4},
		{name: "comment is not data", in: ": data: x\n\n", comments: 1},
		{name: "unknown fields ignored", in: "foo: bar\nData: x\ndata : y\n data: z\nretryx: 1\n\n"},
		{name: "BOM at start ignored", in: "\xEF\xBB\xBFdata: a\n\n", want: []Event{ev("message", "a", "")}},
		{name: "second BOM not ignored", in: "\xEF\xBB\xBF\xEF\xBB\xBFdata: a\n\ndata: b\n\n", want: []Event{ev("message", "b", "")}},
		{name: "BOM later not ignored", in: "data: a\n\n\xEF\xBB\xBFdata: b\n\n", want: []Event{ev("message", "a", "")}},
		{name: "BOM alone", in: "\xEF\xBB\xBF"},
		{name: "partial BOM", in: "\xEF\xBB", truncated: true},
		{name: "CRLF", in: "data: a\r\ndata: b\r\n\r\n", want: []Event{ev("message", "a\nb", "")}},
		{name: "CR", in: "data: a\rdata: b\r\r", want: []Event{ev("message", "a\nb", "")}},
		{name: "mixed line endings", in: "data: a\rdata: b\r\ndata: c\n\r\n", want: []Event{ev("message", "a\nb\nc", "")}},
		{name: "LF CR is two line endings", in: "data: a\n\rdata: b\n\n", want: []Event{ev("message", "a", ""), ev("message", "b", "")}},
		{name: "CR CR LF dispatches", in: "data: a\r\r\ndata: b\n\n", want: []Event{ev("message", "a", ""), ev("message", "b", "")}},
		{name: "unterminated event discarded", in: "data: a\n\ndata: b\n", want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "unterminated line discarded", in: "data: a\n\ndata: b", want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "cut after an event field", in: "data: a\n\nevent: log\n", want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "cut after an unknown field", in: "data: a\n\nfoo: bar\r", want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "cut in a comment", in: "data: a\n\n: pi", want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "cut in a long line", in: "data: a\n\ndata: " + long, want: []Event{ev("message", "a", "")}, truncated: true},
		{name: "ends after a comment", in: "data: a\n\n: ping\n", want: []Event{ev("message", "a", "")}, comments: 1},
		{name: "ends after a long comment", in: "data: a\n\n: " + long + "\r\n", want: []Event{ev("message", "a", "")}, comments: 1},
		{name: "ends after a CR", in: "data: a\r\r", want: []Event{ev("message", "a", "")}},
		{name: "NUL in data kept", in: "data: a\x00b\n\n", want: []Event{ev("message", "a\x00b", "")}},
		{name: "invalid UTF-8 kept", in: "data: \xff\xfe\n\n", want: []Event{ev("message", "\xff\xfe", "")}},
		{name: "long lines", in: "event: " + long + "\nid: " + long + "\ndata: " + long + "\ndata:" + long + "\n: " + long + "\n" + long + ": x\n" + long + "\n\n", want: []Event{ev(long, long+"\n"+long, long)}, lastID: long, comments: 1},
		{name: "long line colon at buffer end", in: "data:" + strings.Repeat(" ", 20) + "\n\n", want: []Event{ev("message", strings.Repeat(" ", 19), "")}},
		{name: "data at limit", in: "data: 12345\ndata: 6789\n\n", max: 10, want: []Event{ev("message", "12345\n6789", "")}},
		{name: "data over limit", in: "data: 12345\ndata: 67890\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "")}},
		{name: "data over limit by separator", in: "data: 1234567890\ndata\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "")}},
		{name: "long data over limit", in: "data: " + long + "\ndata: " + long + "\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "")}},
		{name: "type over limit", in: "event: 12345678901\ndata: a\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "")}},
		{name: "id over limit", in: "id: 1\n\nid: 12345678901\ndata: a\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "1")}, lastID: "1"},
		{name: "skipped event keeps id and retry", in: "data: 12345678901\nid: 9\nretry: 3\n\ndata: ok\n\n", max: 10, want: []Event{tooLarge, ev("message", "ok", "9")}, lastID: "9", retry: 3 * time.Millisecond},
		{name: "over limit at EOF", in: "data: 12345678901\n", max: 10, want: []Event{tooLarge}, truncated: true},
		{name: "over limit ended", in: "data: 12345678901\n\n", max: 10, want: []Event{tooLarge}},
	}
	for _, tt := range tests {
		for _, m := range modes {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				opts := append([]Option{WithMaxEventSize(tt.max)}, m.opts...)
				r := NewReader(m.src([]byte(tt.in)), opts...)
				got, err := readAll(r)
				if err != nil {
					t.Fatalf("Err() = %v at the end of the stream", err)
				}
				if !equalEvents(got, tt.want) {
					t.Errorf("events:\n got %q\nwant %q", got, tt.want)
				}
				if r.LastEventID() != tt.lastID {
					t.Errorf("LastEventID() = %q, want %q", r.LastEventID(), tt.lastID)
				}
				if r.Retry() != tt.retry {
					t.Errorf("Retry() = %v, want %v", r.Retry(), tt.retry)
				}
				if r.Comments() != tt.comments {
					t.Errorf("Comments() = %d, want %d", r.Comments(), tt.comments)
				}
				if r.Truncated() != tt.truncated {
					t.Errorf("Truncated() = %v, want %v", r.Truncated(), tt.truncated)
				}
				if r.Next() || r.Err() != nil {
					t.Errorf("Next after the end returned true or Err() = %v", r.Err())
				}
			})
		}
	}
}

func TestReaderWithLastEventID(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   []Event
		lastID string
	}{
		{"events without id keep it", "data: a\n\nid: 8\ndata: b\n\n", []Event{ev("message", "a", "7"), ev("message", "b", "8")}, "8"},
		{"empty id resets it", "id\ndata: a\n\n", []Event{ev("message", "a", "")}, ""},
		{"stream without events", ": ping\n\n", nil, "7"},
		{"id not committed at EOF", "id: 8\n", nil, "7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(strings.NewReader(tt.in), WithLastEventID("7"))
			if r.LastEventID() != "7" {
				t.Fatalf("LastEventID() = %q before reading, want 7", r.LastEventID())
			}
			got, err := readAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if !equalEvents(got, tt.want) {
				t.Errorf("events:\n got %q\nwant %q", got, tt.want)
			}
			if r.LastEventID() != tt.lastID {
				t.Errorf("LastEventID() = %q, want %q", r.LastEventID(), tt.lastID)
			}
		})
	}
}

// chunkReader returns its chunks one per Read, then err.
type chunkReader struct {
	chunks []string
	err    error
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.chunks) == 0 {
		return 0, c.err
	}
	n := copy(p, c.chunks[0])
	c.chunks[0] = c.chunks[0][n:]
	if c.chunks[0] == "" {
		c.chunks = c.chunks[1:]
	}
	return n, nil
}

func TestReaderReads(t *testing.T) {
	errBlocked := errors.New("read past the event")
	tests := []struct {
		name   string
		chunks []string
		want   []Event
	}{
		{"CRLF split across reads", []string{"data: a\r", "\ndata: b\r", "\n\r", "\n"}, []Event{ev("message", "a\nb", "")}},
		{"CR then data in next read", []string{"data: a\r", "data: b\r", "\r"}, []Event{ev("message", "a\nb", "")}},
		{"CR dispatch does not wait for LF", []string{"data: a\r\r"}, []Event{ev("message", "a", "")}},
		{"CRLF dispatch", []string{"data: a\r\n\r\n"}, []Event{ev("message", "a", "")}},
		{"field split across reads", []string{"da", "ta", ":", " ", "a", "\n", "\n"}, []Event{ev("message", "a", "")}},
		{"BOM split across reads", []string{"\xEF", "\xBB", "\xBFdata: a\n\n"}, []Event{ev("message", "a", "")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(&chunkReader{chunks: tt.chunks, err: errBlocked})
			got, err := readAll(r)
			if !errors.Is(err, errBlocked) {
				t.Fatalf("Err() = %v, want the source's error", err)
			}
			if !equalEvents(got, tt.want) {
				t.Errorf("events:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// badReader returns a negative count.
type badReader struct{}

func (badReader) Read([]byte) (int, error) { return -1, nil }

func TestReaderSourceErrors(t *testing.T) {
	errBroken := errors.New("connection reset")
	tests := []struct {
		name string
		src  io.Reader
		want string
	}{
		{"no progress", iotest.ErrReader(nil), io.ErrNoProgress.Error()},
		{"negative count", badReader{}, "sse: source returned an invalid count -1"},
		{"error after an event", io.MultiReader(strings.NewReader("data: a\n\ndata: b\n"), iotest.ErrReader(errBroken)), errBroken.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.src)
			for r.Next() {
			}
			for range 2 {
				if err := r.Err(); err == nil || err.Error() != tt.want {
					t.Fatalf("Err() = %v, want %s", err, tt.want)
				}
				if r.Next() {
					t.Fatal("Next returned true after an error")
				}
			}
		})
	}
}

func TestReaderMemoryBounded(t *testing.T) {
	const max = 1 << 10
	r := NewReader(io.MultiReader(
		strings.NewReader("data: "),
		io.LimitReader(xs{}, 64<<20),
		strings.NewReader("\n\ndata: ok\n\n"),
	), WithMaxEventSize(max))
	if r.Next() {
		t.Fatal("Next returned an event larger than the limit")
	}
	if err := r.Err(); err.Error() != "sse: event too large (limit 1024 bytes)" {
		t.Errorf("Err() = %v", err)
	}
	got, err := readAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Event{ev("message", "ok", "")}; !equalEvents(got, want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
	if c := cap(r.data); c > max {
		t.Errorf("data buffer grew to %d bytes, limit %d", c, max)
	}
	if c := cap(r.buf); c != defaultBufferSize {
		t.Errorf("read buffer grew to %d bytes", c)
	}
}

// xs is an endless stream of 'x' bytes.
type xs struct{}

func (xs) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestReaderAllocations(t *testing.T) {
	stream := logStream(1000)
	r := NewReader(bytes.NewReader(stream))
	for range 10 {
		if !r.Next() {
			t.Fatal(r.Err())
		}
	}
	allocs := testing.AllocsPerRun(1, func() {
		for r.Next() {
			_ = r.Event()
		}
	})
	if allocs > 0 {
		t.Errorf("reading 990 events allocated %v times", allocs)
	}
}
