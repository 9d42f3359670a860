package fal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/falplatform/fal-go/internal/progress"
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
	s := c.settings.with(opts)
	return c.callJSON(ctx, op, s, func(server string) (*http.Request, error) {
		body, contentType, length := multipartFile(field, file, s.progress)
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
func multipartFile(field string, file Upload, progressFn func(done, total int64)) (io.ReadCloser, string, int64) {
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
		`Content-Disposition: form-data; name="` + headerEscaper.Replace(field) + `"; filename="` + headerEscaper.Replace(name) + "\"\r\n" +
		"Content-Type: " + headerEscaper.Replace(ctype) + "\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	content, total, length := file.Body, int64(-1), int64(-1)
	if file.Size > 0 {
		content = &exactReader{r: file.Body, left: file.Size}
		total, length = file.Size, int64(len(head))+file.Size+int64(len(tail))
	}
	if progressFn != nil {
		content = progress.NewReader(content, total, progressFn)
	}
	body := io.MultiReader(strings.NewReader(head), content, strings.NewReader(tail))
	return io.NopCloser(body), "multipart/form-data; boundary=" + boundary, length
}

// headerEscaper escapes what would break out of a quoted header value:
// quotes and backslashes as mime/multipart does, and CR and LF, which it
// does not, so that no file name can add a header.
var headerEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "%0D", "\n", "%0A")

// exactReader reads exactly the size an Upload announced: a source that
// ends early is an error rather than a short form, and bytes beyond the
// size are not sent.
type exactReader struct {
	r    io.Reader
	left int64
}

func (e *exactReader) Read(p []byte) (int, error) {
	if e.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > e.left {
		p = p[:e.left]
	}
	n, err := e.r.Read(p)
	e.left -= int64(n)
	if errors.Is(err, io.EOF) && e.left > 0 {
		return n, fmt.Errorf("the upload's body ended %d bytes before its Size: %w", e.left, io.ErrUnexpectedEOF)
	}
	if e.left == 0 && err == nil {
		err = io.EOF
	}
	return n, err
}
