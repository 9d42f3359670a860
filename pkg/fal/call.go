package fal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// doJSON makes a call whose answer is JSON (or empty): it decodes a 2xx body
// into out, or returns the call's error. out may be nil to discard the body.
func (c *Client) doJSON(ctx context.Context, op *operation, opts []Option, build requestBuilder, out any) error {
	return c.callJSON(ctx, op, c.settings.with(opts), build, out)
}

// callJSON is doJSON with the call's settings already made.
func (c *Client) callJSON(ctx context.Context, op *operation, s *settings, build requestBuilder, out any) error {
	if err := s.check(op); err != nil {
		return err
	}
	if s.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
		defer cancel()
	}
	req, err := c.newRequest(ctx, op, s, "", build)
	if err != nil {
		return err
	}
	read := out != nil || s.keepBody
	resp, body, err := c.send(ctx, op, s, req, read)
	if err != nil {
		return err
	}
	if !read {
		drainAndClose(resp.Body)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if err := decodeJSON(body, out); err != nil {
		return fmt.Errorf("fal: %s: decoding the %d answer: %w", op.name, resp.StatusCode, err)
	}
	return nil
}

// decodeJSON is where every JSON answer is decoded.
func decodeJSON(body []byte, out any) error {
	return json.Unmarshal(body, out)
}

// maxPrealloc bounds the buffer allocated up front for a body from its
// Content-Length, so that a length that lies cannot claim memory the body
// never fills; a larger body grows the buffer as it arrives.
const maxPrealloc = 16 << 20

// readAnswer reads a whole answer into one buffer, sized from
// Content-Length when the server sent it (one byte more, to see the end
// without growing), and closes the body. A body longer than announced, or
// of unknown length, grows the buffer as it arrives.
func readAnswer(resp *http.Response) ([]byte, error) {
	defer func() { _ = resp.Body.Close() }()
	size := int64(bytes.MinRead)
	if n := resp.ContentLength; n >= 0 && n < maxPrealloc {
		size = n + 1
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// openStream makes a call whose answer is read as a stream: it returns the
// 2xx response with its body open. A timeout bounds the wait for the
// headers only; the body stays bound to ctx, and closing it releases
// everything.
func (c *Client) openStream(ctx context.Context, op *operation, opts []Option, accept string, build requestBuilder) (*http.Response, *settings, error) {
	s := c.settings.with(opts)
	if err := s.check(op); err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	var timer *time.Timer
	if s.timeout > 0 {
		timer = time.AfterFunc(s.timeout, cancel)
	}
	req, err := c.newRequest(ctx, op, s, accept, build)
	if err != nil {
		cancel()
		return nil, nil, err
	}
	resp, _, err := c.send(ctx, op, s, req, false)
	if timer != nil && !timer.Stop() && err == nil {
		// The timeout fired as the headers arrived: the body is cut off.
		drainAndClose(resp.Body)
		err = fmt.Errorf("fal: %s: %w", op.name, context.DeadlineExceeded)
	}
	if err != nil {
		cancel()
		return nil, nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, s, nil
}

// cancelOnClose ends a stream's context when its body is closed.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

// Close closes the body and releases its context.
func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}
