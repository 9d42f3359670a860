package fal

import (
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
)

// Upload is a file to send to an upload operation. Body is streamed as the
// request is sent, never held in memory whole; it is read once, so an
// upload is not retried.
type Upload struct {
	// Name is the file name sent with the form (default "file").
	Name string
	// Body is the content.
	Body io.Reader
	// Size is the number of bytes in Body, or 0 when unknown (the request is
	// then sent chunked). It is used for progress and Content-Length.
	Size int64
	// ContentType is the file's media type (default application/octet-stream).
	ContentType string
}

// multipartBuilder builds an upload request with the given body.
type multipartBuilder func(server, contentType string, body io.Reader) (*http.Request, error)

// doUpload calls an operation whose request is a multipart form holding
// one file in field, and decodes its JSON answer into out.
func (c *Client) doUpload(ctx context.Context, op *operation, opts []Option, build multipartBuilder, field string, file Upload, out any) error {
	if file.Body == nil {
		return argError(op, "file", "Upload.Body is nil")
	}
	var progress func(done, total int64)
	if p := c.settings.with(opts).progress; p != nil {
		progress = p
	}
	return c.doJSON(ctx, op, opts, func(server string) (*http.Request, error) {
		body, contentType, length := multipartFile(field, file, progress)
		req, err := build(server, contentType, body)
		if err != nil {
			_ = body.Close()
			return nil, err
		}
		req.ContentLength = length
		return req, nil
	}, out)
}

// multipartFile streams a one-file multipart form through a pipe. It
// returns the body, its Content-Type and its length (-1 when the file's size
// is unknown).
func multipartFile(field string, file Upload, progress func(done, total int64)) (io.ReadCloser, string, int64) {
	name := file.Name
	if name == "" {
		name = "file"
	}
	ctype := file.ContentType
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	header := textproto.MIMEHeader{}
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, quoteEscaper.Replace(field), quoteEscaper.Replace(name)))
	header.Set("Content-Type", ctype)

	length := int64(-1)
	if file.Size > 0 {
		length = multipartLength(mw.Boundary(), header, file.Size)
	}
	total := file.Size
	if total <= 0 {
		total = -1
	}
	go func() {
		part, err := mw.CreatePart(header)
		if err == nil {
			_, err = io.Copy(part, &countingReader{r: file.Body, total: total, progress: progress})
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, mw.FormDataContentType(), length
}

// multipartLength is the exact size of a one-part form whose file has size
// bytes: what multipart.Writer writes around it.
func multipartLength(boundary string, header textproto.MIMEHeader, size int64) int64 {
	var head strings.Builder
	head.WriteString("--" + boundary + "\r\n")
	for _, k := range []string{"Content-Disposition", "Content-Type"} {
		head.WriteString(k + ": " + header.Get(k) + "\r\n")
	}
	head.WriteString("\r\n")
	tail := "\r\n--" + boundary + "--\r\n"
	return int64(head.Len()) + size + int64(len(tail))
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"")

// countingReader reports the bytes read through it.
type countingReader struct {
	r        io.Reader
	done     int64
	total    int64
	progress func(done, total int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.done += int64(n)
		if c.progress != nil {
			c.progress(c.done, c.total)
		}
	}
	return n, err
}
