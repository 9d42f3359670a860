package fal

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/falplatform/fal-go/internal/progress"
)

// Download is a file (or any other body that is not JSON) being downloaded.
// Read it, or copy it to a writer with WriteTo, then Close it. Nothing is
// buffered beyond what a read asks for, so files of any size keep memory
// flat. WithProgress reports the bytes read.
type Download struct {
	// Size is the length the server announced, or -1 when it did not.
	Size int64
	// ContentType is the media type the server sent.
	ContentType string

	body   io.Closer
	reader io.Reader // the body, counted when there is a progress callback
	op     *operation
}

// doDownload calls an operation that answers with a file.
func (c *Client) doDownload(ctx context.Context, op *operation, opts []Option, build requestBuilder) (*Download, error) {
	resp, s, err := c.openStream(ctx, op, opts, "application/octet-stream", build)
	if err != nil {
		return nil, err
	}
	d := &Download{
		Size:        resp.ContentLength,
		ContentType: resp.Header.Get("Content-Type"),
		body:        resp.Body,
		reader:      resp.Body,
		op:          op,
	}
	if s.progress != nil {
		d.reader = progress.NewReader(resp.Body, resp.ContentLength, s.progress)
	}
	return d, nil
}

// Read reads the next bytes of the file.
func (d *Download) Read(p []byte) (int, error) {
	n, err := d.reader.Read(p)
	return n, d.wrap(err)
}

// WriteTo copies the rest of the file to w and returns the number of bytes
// written.
func (d *Download) WriteTo(w io.Writer) (int64, error) {
	n, err := io.CopyBuffer(onlyWriter{w}, d.reader, make([]byte, copyBufferSize))
	return n, d.wrap(err)
}

// copyBufferSize is the chunk WriteTo moves at a time: large, so that a
// gigabyte moves in few reads.
const copyBufferSize = 256 << 10

// onlyWriter hides a writer's ReadFrom, so that io.CopyBuffer uses the
// buffer it is given (io.Discard's ReadFrom would read 8 KiB at a time).
type onlyWriter struct{ io.Writer }

// Close ends the download and releases the connection.
func (d *Download) Close() error { return d.body.Close() }

// wrap names the operation in a read error; io.EOF stays as it is.
func (d *Download) wrap(err error) error {
	if err == nil || errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return err
	}
	return fmt.Errorf("fal: %s: reading the download: %w", d.op.name, err)
}
