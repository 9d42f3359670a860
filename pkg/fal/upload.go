package fal

import (
	"context"
	"io"
	"mime/multipart"
	"net/http"
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

// multipartFile makes a one-file multipart form that streams the file: the
// part's header, then the file read straight from file.Body, then the closing
// boundary, byte for byte what mime/multipart writes, with no goroutine and
// no copy between. It returns the body, its Content-Type and its length (-1
// when the file's size is unknown).
func multipartFile(field string, file Upload, progress func(done, total int64)) (io.ReadCloser, string, int64) {
	name := file.Name
	if name == "" {
		name = "file"
	}
	ctype := file.ContentType
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	boundary := multipart.NewWriter(io.Discard).Boundary()
	head := "--" + boundary + "\r\n" +
		`Content-Disposition: form-data; name="` + quoteEscaper.Replace(field) + `"; filename="` + quoteEscaper.Replace(name) + "\"\r\n" +
		"Content-Type: " + ctype + "\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	total, length := int64(-1), int64(-1)
	if file.Size > 0 {
		total, length = file.Size, int64(len(head))+file.Size+int64(len(tail))
	}
	body := io.MultiReader(strings.NewReader(head), &countingReader{r: file.Body, total: total, progress: progress}, strings.NewReader(tail))
	return io.NopCloser(body), "multipart/form-data; boundary=" + boundary, length
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
