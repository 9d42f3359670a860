package fal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"time"

	"github.com/falplatform/fal-go/internal/falapidec"
	"github.com/falplatform/fal-go/internal/sse"
)

// Event is one event of a Server-Sent Events stream, such as a line of
// ServerlessLogsStream: its data, decoded, and the ID the server gave it.
type Event[T any] struct {
	// ID is the event's ID (its SSE "id" field, or the last one the stream
	// gave when it has none); empty when the server gives no IDs. A stream
	// that drops resumes after the last ID it received. To resume in a later
	// call, pass it as WithHeader("Last-Event-ID", id).
	ID string
	// Data is the event's data, decoded from JSON.
	Data T
}

// defaultMaxReconnects is how many reconnects in a row an event stream
// makes by default: with the default backoff, about a minute without an
// event before it gives up.
const defaultMaxReconnects = 10

// lastEventIDHeader carries the ID of the last event received to the server
// when a stream reconnects.
const lastEventIDHeader = "Last-Event-ID"

// WithMaxReconnects sets how many times in a row an event stream
// (ServerlessLogsStream) reconnects when its connection drops, before it
// ends with an error that says so (default 10). The count starts over with
// every event received. 0 turns resuming off: the first drop ends the
// stream with an error.
func WithMaxReconnects(n int) Option {
	return func(s *settings) {
		if n < 0 {
			s.fail(fmt.Errorf("fal: WithMaxReconnects: %d is negative", n))
			return
		}
		s.maxReconnects = n
	}
}

// withLastEventID makes a request carry Last-Event-ID: id, replacing any
// the caller set (an empty id sends none).
func withLastEventID(id string) Option {
	return func(s *settings) {
		s.header = s.header.Clone()
		if s.header == nil {
			s.header = http.Header{}
		}
		if id == "" {
			s.header.Del(lastEventIDHeader)
		} else {
			s.header.Set(lastEventIDHeader, id)
		}
	}
}

// errCutMidEvent is the cause of a stream that the server closed in the
// middle of an event.
var errCutMidEvent = fmt.Errorf("the connection closed in the middle of an event: %w", io.ErrUnexpectedEOF)

// doEvents calls an operation that answers with Server-Sent Events and
// yields each event's data decoded as T, with its ID. It ends when the
// server ends the stream between events, when the caller breaks, or when
// ctx ends (yielding ctx's error); the body is always closed. Memory stays
// flat however long the stream runs. An event that does not decode is
// yielded as an error, and the stream goes on if the caller does.
//
// When the connection drops (a transport error, or a close in the middle
// of an event) the stream reconnects, with Last-Event-ID set to the ID of
// the last whole event, so that no event is lost or yielded twice; see
// eventStream.run.
func doEvents[T any](ctx context.Context, c *Client, op *operation, opts []Option, build requestBuilder) iter.Seq2[Event[T], error] {
	return func(yield func(Event[T], error) bool) {
		s := c.settings.with(opts)
		st := &eventStream[T]{c: c, op: op, opts: opts, build: build, s: s, lastID: s.header.Get(lastEventIDHeader)}
		st.run(ctx, yield)
	}
}

// eventStream is the state of one event stream across its connections.
type eventStream[T any] struct {
	c     *Client
	op    *operation
	opts  []Option
	build requestBuilder
	s     *settings

	lastID   string        // the ID of the last whole event, sent on reconnecting
	retry    time.Duration // the reconnection time the server set, or 0
	seen     bool          // an event has arrived
	failures int           // reconnects in a row without an event
}

// run connects, yields the events and reconnects after each drop, until
// the stream ends, the caller stops, ctx ends or the reconnects run out.
// A failure to connect the first time ends the stream at once; after
// that, transport errors and retryable statuses (408, 429, 5xx) are retried
// after a wait: the server's Retry-After, else its SSE reconnection time,
// else the client's backoff. A stream whose server gives no event IDs is
// not resumed once an event has arrived, as it would start over.
func (st *eventStream[T]) run(ctx context.Context, yield func(Event[T], error) bool) {
	var zero Event[T]
	opts := st.opts
	for connected := false; ; connected = true {
		resp, _, err := st.c.openStream(ctx, st.op, opts, "text/event-stream", st.build)
		if err != nil && (!connected || !st.reconnectable(ctx, err)) {
			yield(zero, err)
			return
		}
		if err == nil {
			stop, readErr := st.read(resp.Body, yield)
			if stop || readErr == nil {
				return
			}
			if ctxErr := ctx.Err(); ctxErr != nil {
				readErr = ctxErr
			}
			err = fmt.Errorf("fal: %s: reading the event stream: %w", st.op.name, readErr)
			if ctx.Err() != nil || st.s.maxReconnects == 0 {
				yield(zero, err)
				return
			}
		}
		if st.failures++; st.failures > st.s.maxReconnects {
			yield(zero, fmt.Errorf("%w (gave up after %d reconnects in a row without an event)", err, st.s.maxReconnects))
			return
		}
		if st.seen && st.lastID == "" {
			yield(zero, fmt.Errorf("%w (cannot resume: the server gives its events no IDs)", err))
			return
		}
		wait := st.wait(err)
		if st.s.logger != nil {
			st.s.logger.LogAttrs(ctx, slog.LevelInfo, "fal: reconnecting", slog.String("operation", st.op.name),
				slog.Int("attempt", st.failures), slog.Duration("wait", wait),
				slog.String("last_event_id", st.lastID), slog.String("error", err.Error()))
		}
		if err := st.s.sleep(ctx, wait); err != nil {
			yield(zero, fmt.Errorf("fal: %s: %w", st.op.name, err))
			return
		}
		opts = append(st.opts[:len(st.opts):len(st.opts)], withLastEventID(st.lastID))
	}
}

// read yields the events of one connection and closes its body. It
// reports whether the caller stopped, and why the connection ended: nil
// when the server ended the stream between events, errCutMidEvent, or the
// error reading it.
func (st *eventStream[T]) read(body io.ReadCloser, yield func(Event[T], error) bool) (stop bool, err error) {
	defer func() { _ = body.Close() }()
	events := sse.NewReader(body, sse.WithLastEventID(st.lastID))
	defer func() {
		st.lastID = events.LastEventID()
		if r := events.Retry(); r > 0 {
			st.retry = r
		}
	}()
	for {
		if !events.Next() {
			err := events.Err()
			switch {
			case errors.Is(err, sse.ErrEventTooLarge):
				if !yield(Event[T]{}, fmt.Errorf("fal: %s: %w", st.op.name, err)) {
					return true, nil
				}
				continue
			case err == nil && events.Truncated():
				err = errCutMidEvent
			}
			return false, err
		}
		st.seen, st.failures = true, 0
		ev := events.Event()
		if len(ev.Data) == 0 {
			continue
		}
		out := Event[T]{ID: events.LastEventID()}
		if err := falapidec.Unmarshal(ev.Data, &out.Data); err != nil {
			if !yield(Event[T]{}, fmt.Errorf("fal: %s: event %q does not decode: %w", st.op.name, out.ID, err)) {
				return true, nil
			}
			continue
		}
		if !yield(out, nil) {
			return true, nil
		}
	}
}

// reconnectable reports whether a failed reconnect is worth another: a
// transport error or a retryable status, while ctx lasts.
func (st *eventStream[T]) reconnectable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return retryableStatus(apiErr.StatusCode)
	}
	return true
}

// wait is the pause before the next reconnect: the server's Retry-After,
// else the reconnection time of its SSE retry field (both capped by
// WithRetryAfterMax), else the client's backoff.
func (st *eventStream[T]) wait(err error) time.Duration {
	var apiErr *APIError
	switch {
	case errors.As(err, &apiErr) && apiErr.RetryAfter > 0:
		return min(apiErr.RetryAfter, st.s.retryAfterMax)
	case st.retry > 0:
		return min(st.retry, st.s.retryAfterMax)
	}
	return backoff(st.s, st.failures-1)
}
