package sse

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"
)

// referenceParse is a plain transcription of the standard's event stream
// interpretation over a whole stream, with the Reader's size limit added:
// the fuzzer checks the Reader against it. truncated reports whether the
// stream ends in the middle of a line, or after fields no blank line ended.
func referenceParse(in []byte, limit int) (events []Event, lastID string, retry time.Duration, truncated bool) {
	in = bytes.TrimPrefix(in, []byte(bom))
	var (
		data, typ, idBuf       []byte
		hasData, skip, pending bool
	)
	drop := func() {
		events = append(events, tooLarge)
		skip, hasData, data, typ = true, false, nil, nil
	}
	for {
		i := bytes.IndexAny(in, "\r\n")
		if i < 0 {
			return events, lastID, retry, pending || len(in) > 0
		}
		line := in[:i]
		if in[i] == '\r' && i+1 < len(in) && in[i+1] == '\n' {
			i++
		}
		in = in[i+1:]

		if len(line) == 0 {
			lastID = string(idBuf)
			if !skip && hasData {
				t := "message"
				if len(typ) > 0 {
					t = string(typ)
				}
				events = append(events, Event{ID: []byte(lastID), Type: t, Data: append([]byte{}, data...)})
			}
			skip, hasData, data, typ, pending = false, false, nil, nil, false
			continue
		}
		if line[0] == ':' {
			continue
		}
		pending = true
		name, value := line, []byte{}
		if c := bytes.IndexByte(line, ':'); c >= 0 {
			name, value = line[:c], line[c+1:]
			value = bytes.TrimPrefix(value, []byte(" "))
		}
		switch string(name) {
		case "data":
			if skip {
				continue
			}
			size := len(data) + len(value)
			if hasData {
				size++
			}
			if size > limit {
				drop()
				continue
			}
			if hasData {
				data = append(data, '\n')
			}
			data = append(data, value...)
			hasData = true
		case "event":
			if skip {
				continue
			}
			if len(value) > limit {
				drop()
				continue
			}
			typ = value
		case "id":
			if len(value) > limit {
				drop()
				continue
			}
			if bytes.IndexByte(value, 0) < 0 {
				idBuf = value
			}
		case "retry":
			// ParseUint accepts digits only: no sign, no space.
			if n, err := strconv.ParseUint(string(value), 10, 64); err == nil && n <= uint64(maxRetry) {
				retry = time.Duration(n) * time.Millisecond
			}
		}
	}
}

// encode writes events as a server would, with the given line ending, a
// heartbeat comment before each event when heartbeats is set, and a retry
// field giving the event's index before every other event. An empty ID is not
// written, so the event keeps the previous one.
func encode(events []Event, eol string, heartbeats bool) []byte {
	var b bytes.Buffer
	for i, ev := range events {
		if heartbeats {
			b.WriteString(": heartbeat" + eol)
		}
		if i%2 == 0 {
			fmt.Fprintf(&b, "retry: %d%s", i, eol)
		}
		if len(ev.ID) > 0 {
			b.WriteString("id: " + string(ev.ID) + eol)
		}
		if ev.Type != "message" {
			b.WriteString("event: " + ev.Type + eol)
		}
		for line := range bytes.SplitSeq(ev.Data, []byte("\n")) {
			b.WriteString("data: ")
			b.Write(line)
			b.WriteString(eol)
		}
		b.WriteString(eol)
	}
	return b.Bytes()
}

// eventsFrom makes events that can be encoded out of arbitrary bytes:
// events are separated by 0xFF and hold data, type and ID separated by 0xFE.
// It returns the events as a Reader must return them.
func eventsFrom(in []byte) []Event {
	var events []Event
	var id []byte
	for _, part := range bytes.Split(in, []byte{0xFF}) {
		fields := bytes.SplitN(part, []byte{0xFE}, 3)
		for len(fields) < 3 {
			fields = append(fields, nil)
		}
		ev := Event{
			Data: bytes.ReplaceAll(fields[0], []byte("\r"), []byte("\n")),
			Type: string(dropBytes(fields[1], "\r\n")),
			ID:   dropBytes(fields[2], "\r\n\x00"),
		}
		if ev.Type == "" {
			ev.Type = "message"
		}
		if len(ev.ID) > 0 {
			id = ev.ID
		}
		events = append(events, ev)
		events[len(events)-1].ID = id
	}
	return events
}

// dropBytes returns a copy of b without the bytes in cut.
func dropBytes(b []byte, cut string) []byte {
	var out []byte
	for _, c := range b {
		if strings.IndexByte(cut, c) < 0 {
			out = append(out, c)
		}
	}
	return out
}

// sizedReader returns at most n bytes per Read.
type sizedReader struct {
	r io.Reader
	n int
}

func (s sizedReader) Read(p []byte) (int, error) {
	return s.r.Read(p[:min(len(p), s.n)])
}

// readLimited reads all events like readAll, and also checks that none is
// larger than limit.
func readLimited(t *testing.T, r *Reader, limit int) []Event {
	t.Helper()
	events, err := readAll(r)
	if err != nil {
		t.Fatalf("Err() = %v", err)
	}
	for _, ev := range events {
		if len(ev.Data) > limit || len(ev.ID) > limit || (ev.Type != "message" && ev.Type != tooLarge.Type && len(ev.Type) > limit) {
			t.Fatalf("event with %d bytes of data, type %q and ID %q passed the limit of %d", len(ev.Data), ev.Type, ev.ID, limit)
		}
	}
	return events
}

func FuzzReader(f *testing.F) {
	f.Add([]byte("data: hello\n\n"), uint8(0), uint8(0), uint16(0))
	f.Add([]byte("\xEF\xBB\xBFevent: log\r\nid: 1\r\ndata: {\"a\":1}\r\n\r\n: ping\r\r"), uint8(1), uint8(2), uint16(5))
	f.Add([]byte("data\rdata:\ndata:  x\r\n\nid: a\x00b\nretry: 12\nretry: x\n\n"), uint8(3), uint8(1), uint16(3))
	f.Add(logStream(5), uint8(30), uint8(7), uint16(100))
	f.Add([]byte("one\xFEtype\xFEid\xFFtwo\nlines\xFE\xFE\xFF\xFEonly type"), uint8(0), uint8(5), uint16(8))
	f.Fuzz(func(t *testing.T, in []byte, bufSize, chunk uint8, limit uint16) {
		opts := []Option{withBufferSize(int(bufSize)), WithMaxEventSize(int(limit) + 1)}
		src := sizedReader{bytes.NewReader(in), int(chunk) + 1}

		// Limited: as the reference, with the Reader possibly reporting an
		// oversized line that the stream does not finish.
		max := int(limit) + 1
		r := NewReader(src, opts...)
		got := readLimited(t, r, max)
		want, lastID, retry, truncated := referenceParse(in, max)
		if len(got) == len(want)+1 && got[len(got)-1].Type == tooLarge.Type {
			got = got[:len(want)]
		}
		if !equalEvents(got, want) {
			t.Fatalf("events:\n got %q\nwant %q", got, want)
		}
		if r.LastEventID() != lastID || r.Retry() != retry || r.Truncated() != truncated {
			t.Fatalf("LastEventID, Retry, Truncated = %q, %v, %v; want %q, %v, %v", r.LastEventID(), r.Retry(), r.Truncated(), lastID, retry, truncated)
		}

		// Round trip through the reference encoder, with each line ending.
		events := eventsFrom(in)
		for i, eol := range []string{"\n", "\r", "\r\n"} {
			stream := encode(events, eol, (int(chunk)+i)%2 == 0)
			r := NewReader(sizedReader{bytes.NewReader(stream), int(chunk) + 1}, withBufferSize(int(bufSize)), WithMaxEventSize(len(stream)))
			if got := readLimited(t, r, len(stream)); !equalEvents(got, events) {
				t.Fatalf("round trip with %q:\nstream %q\n   got %q\n  want %q", eol, stream, got, events)
			}
			if r.Truncated() {
				t.Fatalf("round trip with %q: Truncated() at the end of a complete stream %q", eol, stream)
			}
			if want := time.Duration((len(events)-1)/2*2) * time.Millisecond; r.Retry() != want {
				t.Fatalf("round trip with %q: Retry() = %v, want %v", eol, r.Retry(), want)
			}
		}
	})
}
