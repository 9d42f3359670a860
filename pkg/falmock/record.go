package falmock

import (
	"bytes"
	"maps"
	"net/http"
	"net/url"
	"sync"
)

// MaxRecordedBody is how many leading bytes of a request body a Request
// keeps in Body.
const MaxRecordedBody = 1 << 20

// MaxRecordedResponse is how many leading bytes of the body answered to a
// request a Request keeps in ResponseBody: every JSON answer, and the start
// of a download, which may be of any size.
const MaxRecordedResponse = 64 << 10

// Request is one request the mock received, recorded for assertions.
type Request struct {
	// RequestID is the ID the mock answered with, in the X-Request-Id
	// header and in error envelopes.
	RequestID string
	// OperationID is the operation the request was routed to, empty when
	// none matched.
	OperationID string
	// Method and Path are as received (Path in its escaped form, including
	// the base path such as /v1).
	Method string
	Path   string
	// PathParams holds the decoded path parameters.
	PathParams map[string]string
	// Query and Header are copies of the request's query and headers.
	Query  url.Values
	Header http.Header
	// Body holds the first MaxRecordedBody bytes of the body; it is nil for
	// multipart uploads, which are counted, not kept.
	Body []byte
	// BodySize is the number of body bytes the mock read.
	BodySize int64
	// Upload describes the file of a multipart upload.
	Upload *Upload
	// Valid reports whether the request passed validation against the
	// schema; Problem says why it did not.
	Valid   bool
	Problem string
	// Status is the status answered (0 while a stream is still being
	// answered, or when the connection was dropped).
	Status int
	// ResponseBody holds the first MaxRecordedResponse bytes of the body the
	// mock answered with, as written: the JSON of an answer or of an error
	// envelope, the events of a stream as far as they went, half a body
	// under a Truncate fault. Each write is recorded before it is sent, so
	// a client that has read a body finds it here.
	ResponseBody []byte
	// Page is the page served by a paginated operation (1-based), else 0.
	Page int
	// Fault is the injected fault that shaped the answer, if any.
	Fault *Fault
	// Bug is set when falmock's own answer failed its schema (the client
	// got a 500 server_error); see Handler.Failures.
	Bug string
}

// Upload is what the mock kept of an uploaded file: its form field, file
// name, content type and size, never its content.
type Upload struct {
	Field       string
	Filename    string
	ContentType string
	Size        int64
}

// recorder keeps the requests and the mock's own failures, safe for
// concurrent use.
type recorder struct {
	mu       sync.Mutex
	requests []*Request
	failures []error
}

// add records a request and returns it for later updates through set.
func (rc *recorder) add(r *Request) *Request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests = append(rc.requests, r)
	return r
}

// set updates a recorded request.
func (rc *recorder) set(r *Request, update func(*Request)) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	update(r)
}

// addResponse appends what was written of an answer's body to a recorded
// request, up to MaxRecordedResponse bytes.
func (rc *recorder) addResponse(r *Request, b []byte) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if room := MaxRecordedResponse - len(r.ResponseBody); room > 0 {
		r.ResponseBody = append(r.ResponseBody, b[:min(len(b), room)]...)
	}
}

// fail records a failure of falmock itself.
func (rc *recorder) fail(err error) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.failures = append(rc.failures, err)
}

// snapshot copies the recorded requests for which keep returns true.
func (rc *recorder) snapshot(keep func(*Request) bool) []Request {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := make([]Request, 0, len(rc.requests))
	for _, r := range rc.requests {
		if keep(r) {
			c := *r
			c.Header = r.Header.Clone()
			c.Query = url.Values(http.Header(r.Query).Clone())
			c.PathParams = maps.Clone(r.PathParams)
			c.ResponseBody = bytes.Clone(r.ResponseBody)
			if r.Fault != nil {
				f := *r.Fault
				c.Fault = &f
			}
			if r.Upload != nil {
				u := *r.Upload
				c.Upload = &u
			}
			out = append(out, c)
		}
	}
	return out
}

func (rc *recorder) failuresCopy() []error {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]error(nil), rc.failures...)
}

func (rc *recorder) reset() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.requests, rc.failures = nil, nil
}
