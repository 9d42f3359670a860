package fal

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Download is a file (or any other body that is not JSON) being downloaded. Read it, or copy it to a writer with
// WriteTo, then Close it. Nothing is buffered beyond what a read asks for,
// so files of any size keep memory flat.
type Download struct {
	// Size is the length the server announced, or -1 when it did not.
	Size int64
	// ContentType is the media type the server sent.
	ContentType string

	body     io.ReadCloser
	done     int64
	progress func(done, total int64)
	op       *operation
}

// doDownload calls an operation that answers with a file.
func (c *Client) doDownload(ctx context.Context, op *operation, opts []Option, build requestBuilder) (*Download, error) {
	resp, s, err := c.openStream(ctx, op, opts, "*/*", build)
	if err != nil {
		return nil, err
	}
	return &Download{
		Size:        resp.ContentLength,
		ContentType: resp.Header.Get("Content-Type"),
		body:        resp.Body,
		progress:    s.progress,
		op:          op,
	}, nil
}

// Read reads the next bytes of the file.
func (d *Download) Read(p []byte) (int, error) {
	n, err := d.body.Read(p)
	d.advance(n)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("fal: %s: reading the download: %w", d.op.name, err)
	}
	return n, err
}

// WriteTo copies the rest of the file to w, reporting progress as it goes
// (WithProgress), and returns the number of bytes written.
func (d *Download) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, copyBufferSize)
	var written int64
	for {
		n, err := d.Read(buf)
		if n > 0 {
			m, werr := w.Write(buf[:n])
			written += int64(m)
			if werr != nil {
				return written, werr
			}
			if m < n {
				return written, io.ErrShortWrite
			}
		}
		if errors.Is(err, io.EOF) {
			return written, nil
		}
		if err != nil {
			return written, err
		}
	}
}

// Close ends the download and releases the connection.
func (d *Download) Close() error { return d.body.Close() }

func (d *Download) advance(n int) {
	if n <= 0 {
		return
	}
	d.done += int64(n)
	if d.progress != nil {
		d.progress(d.done, d.Size)
	}
}

// copyBufferSize is the chunk WriteTo moves at a time.
const copyBufferSize = 256 << 10
