package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// logEventName is the event field of every log event.
const logEventName = "log"

// heartbeat is the comment line sent between events to keep the stream
// alive.
const heartbeat = ": ping\n\n"

// malformedEvent is the event sent for Fault.Malformed: its data is not
// JSON.
const malformedEvent = "id: 1\nevent: " + logEventName + "\ndata: {\"timestamp\": \"falmock malformed event\n\n"

// eventStream holds the framed events of one event-stream operation, built
// once per handler.
type eventStream struct {
	once   sync.Once
	events [][]byte
	err    error
}

// streamEvents returns the framed events of an event-stream operation, each
// checked against the schema of its events.
func (h *Handler) streamEvents(o *operation) ([][]byte, error) {
	v, _ := h.streams.LoadOrStore(o.id, &eventStream{})
	s := v.(*eventStream)
	s.once.Do(func() {
		s.events, s.err = h.buildEvents(o)
	})
	return s.events, s.err
}

func (h *Handler) buildEvents(o *operation) ([][]byte, error) {
	es, err := o.eventSchema()
	if err != nil {
		return nil, err
	}
	schema := es.schema
	base := h.eventBase(es)
	events := make([][]byte, max(h.cfg.logStream.Events, 0))
	for i := range events {
		entry := varyValue(deepCopy(base), schema, "e"+strconv.Itoa(i+1))
		if err := validateValue(h.spec, schema, entry); err != nil {
			return nil, fmt.Errorf("falmock bug: event %d of %s failed the schema of its events: %w", i+1, o.id, err)
		}
		var data []byte
		var err error
		if h.cfg.logStream.MultilineData {
			data, err = json.MarshalIndent(entry, "", "  ")
		} else {
			data, err = json.Marshal(entry)
		}
		if err != nil {
			return nil, fmt.Errorf("falmock bug: encode event %d of %s: %w", i+1, o.id, err)
		}
		events[i] = frameEvent(i+1, es.name, data)
	}
	return events, nil
}

// eventBase is the first event value the operation that holds such values
// answers with (the log entries of a log history page: its example or
// synthesized page), or a value synthesized from the schema.
func (h *Handler) eventBase(es eventSchema) any {
	if es.source != nil {
		if entry, ok := valueAt(es.source.base(h.cfg.synthesize), es.steps); ok {
			return entry
		}
	}
	return newSynthesizer(h.spec).value(es.schema, "log")
}

// frameEvent frames one server-sent event, with no event field when name
// is empty; each line of data becomes its own "data:" line.
func frameEvent(id int, name string, data []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "id: %d\n", id)
	if name != "" {
		fmt.Fprintf(&b, "event: %s\n", name)
	}
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		b.WriteString("data: ")
		b.Write(line)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// lastEventIDHeader is the header a client reconnecting to an event stream
// sends with the ID of the last event it received.
const lastEventIDHeader = "Last-Event-ID"

// resumeAt is the index of the first event to send to a request whose
// Last-Event-ID header is id, among n events whose IDs are 1 to n: the one
// after that ID, or the first without the header.
func resumeAt(id string, n int) (int, error) {
	if id == "" {
		return 0, nil
	}
	k, err := strconv.Atoi(id)
	if err != nil || k < 1 || k > n {
		return 0, fmt.Errorf("header %s: %q is not the ID of an event of this stream (1 to %d)", lastEventIDHeader, id, n)
	}
	return k, nil
}

// serveEventStream answers an event-stream operation: events and heartbeats,
// each flushed as it is written, then the end of the stream or, with
// KeepOpen, heartbeats until the client goes away. A request with a
// Last-Event-ID header resumes after that event.
func (h *Handler) serveEventStream(w http.ResponseWriter, r *http.Request, o *operation, f *Fault, rec *Request) {
	events, err := h.streamEvents(o)
	if err == nil {
		err = o.checkHeaders(r.Context())
	}
	if err != nil {
		h.bug(w, rec, err)
		return
	}
	from, err := resumeAt(r.Header.Get(lastEventIDHeader), len(events))
	if err != nil {
		h.reject(w, rec, http.StatusBadRequest, err.Error())
		return
	}
	w.Header().Set("Content-Type", o.mediaType)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(o.status)
	rc := http.NewResponseController(w)
	send := func(b []byte) bool {
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil && r.Context().Err() == nil
	}
	switch {
	case f != nil && f.Truncate:
		first := []byte(heartbeat)
		if from < len(events) {
			first = events[from]
		}
		send(first[:len(first)/2])
		return
	case f != nil && f.Malformed:
		send([]byte(malformedEvent))
		return
	}
	ls := h.cfg.logStream
	for i := from; i < len(events); i++ {
		ev := events[i]
		if i < ls.Heartbeats && !send([]byte(heartbeat)) {
			return
		}
		if !send(ev) {
			return
		}
	}
	for i := len(events); i < ls.Heartbeats; i++ {
		if !send([]byte(heartbeat)) {
			return
		}
	}
	if ls.KeepOpen {
		keepAlive(r.Context(), ls.HeartbeatInterval, func() bool { return send([]byte(heartbeat)) })
	}
}

// keepAlive calls beat every interval until ctx ends or beat fails.
func keepAlive(ctx context.Context, interval time.Duration, beat func() bool) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if !beat() {
				return
			}
		}
	}
}
