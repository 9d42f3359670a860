package fal

import (
	"context"
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
		return nil
	}
	defer body.release()
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	return decodeAnswer(op, resp.StatusCode, body.data, out)
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
