package fal

import (
	"context"
	"io"
)

// doText calls an operation that answers with text in no format the client
// parses, and returns the body to read and close.
func (c *Client) doText(ctx context.Context, op *operation, opts []Option, build requestBuilder) (io.ReadCloser, error) {
	resp, _, err := c.openStream(ctx, op, opts, "text/plain", build)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}
