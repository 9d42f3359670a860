package fal

import (
	"context"
	"fmt"
	"io"
)

// Metrics is a Prometheus text exposition as fal serves it. Parse it into
// metric families with package falprom (kept apart so that programs that
// never read metrics do not link Prometheus' parser).
type Metrics struct {
	// Text is the body as served.
	Text []byte
	// ContentType is the media type the server sent, such as
	// "text/plain; version=0.0.4".
	ContentType string
}

// maxMetricsSize bounds a metrics body; an exposition is text for humans
// and scrapers, never gigabytes.
const maxMetricsSize = 32 << 20

// doMetrics calls an operation that answers with Prometheus text.
func (c *Client) doMetrics(ctx context.Context, op *operation, opts []Option, build requestBuilder) (*Metrics, error) {
	resp, _, err := c.openStream(ctx, op, opts, "text/plain", build)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	text, err := io.ReadAll(io.LimitReader(resp.Body, maxMetricsSize+1))
	if err != nil {
		return nil, fmt.Errorf("fal: %s: reading the metrics: %w", op.name, err)
	}
	if len(text) > maxMetricsSize {
		return nil, fmt.Errorf("fal: %s: the metrics exceed %d bytes", op.name, maxMetricsSize)
	}
	return &Metrics{Text: text, ContentType: resp.Header.Get("Content-Type")}, nil
}
