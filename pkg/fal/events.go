package fal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/falplatform/fal-go/internal/sse"
)

// doEvents calls an operation that answers with Server-Sent Events and
// yields each event's data decoded as T. It ends when the server closes the
// stream, when the caller breaks, or when ctx ends (yielding ctx's error);
// the body is always closed. Memory stays flat however long the stream runs.
// An event that does not decode is yielded as an error, and the stream goes
// on if the caller does.
func doEvents[T any](ctx context.Context, c *Client, op *operation, opts []Option, build requestBuilder) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		resp, _, err := c.openStream(ctx, op, opts, "text/event-stream", build)
		if err != nil {
			yield(zero, err)
			return
		}
		defer func() { _ = resp.Body.Close() }()
		events := sse.NewReader(resp.Body)
		for {
			if !events.Next() {
				err := events.Err()
				switch {
				case err == nil:
					return
				case errors.Is(err, sse.ErrEventTooLarge):
					if !yield(zero, fmt.Errorf("fal: %s: %w", op.name, err)) {
						return
					}
					continue
				}
				if ctxErr := ctx.Err(); ctxErr != nil {
					err = ctxErr
				}
				yield(zero, fmt.Errorf("fal: %s: reading the event stream: %w", op.name, err))
				return
			}
			ev := events.Event()
			if len(ev.Data) == 0 {
				continue
			}
			var v T
			if err := json.Unmarshal(ev.Data, &v); err != nil {
				if !yield(zero, fmt.Errorf("fal: %s: event %q does not decode: %w", op.name, ev.ID, err)) {
					return
				}
				continue
			}
			if !yield(v, nil) {
				return
			}
		}
	}
}
