package falmock

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// AnyOperation is the operationId to give Inject for a fault that applies to
// every operation that has no fault of its own queued.
const AnyOperation = "*"

// Fault is a failure the mock plays on a valid request of one operation
// instead of (or on top of) its normal answer. At most one of Drop,
// DropAfter, Truncate, Malformed and HTML may be set.
//
//	srv.Inject("getUsage", falmock.Fault{Status: 429, RetryAfter: "1", Times: 2})
type Fault struct {
	// Status answers this status (400-599) with fal's error envelope and the
	// type that goes with it (429 rate_limited, 5xx server_error, ...). With
	// Truncate or Malformed it replaces the success status; with HTML it
	// defaults to 502.
	Status int
	// RetryAfter is sent as the Retry-After header: seconds ("2") or an
	// HTTP date.
	RetryAfter string
	// Delay holds the answer back this long (less if the client goes away).
	Delay time.Duration
	// Drop closes the connection without answering.
	Drop bool
	// DropAfter sends the normal answer's status, headers and first
	// DropAfter bytes of its body, then closes the connection instead of
	// ending the answer: a log stream cut in the middle of an event, a
	// download or a JSON body cut short. With Times K, the first K calls
	// are cut; a client that resumes the log stream gets the rest.
	DropAfter int
	// Truncate declares the full Content-Length but sends only the first
	// half of the body, cutting JSON mid-value.
	Truncate bool
	// Malformed answers invalid JSON with the success status.
	Malformed bool
	// HTML answers an HTML error page, as a proxy in front of the API
	// would (502 unless Status says otherwise).
	HTML bool
	// Times is how many calls the fault applies to; 0 means every call
	// from now on.
	Times int
}

// malformedBody is the invalid JSON answered for Fault.Malformed.
const malformedBody = `{"error": {"type": "server_error", "message": "falmock malformed body` + "\n"

// htmlBody is the page answered for Fault.HTML, shaped like a proxy's.
const htmlBody = "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"

func (f Fault) check() error {
	kinds := 0
	for _, set := range []bool{f.Drop, f.DropAfter != 0, f.Truncate, f.Malformed, f.HTML} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds > 1:
		return errors.New("fault sets more than one of Drop, DropAfter, Truncate, Malformed and HTML")
	case (f.Drop || f.DropAfter != 0) && f.Status != 0:
		return errors.New("fault drops the connection and cannot have a Status")
	case f.DropAfter < 0:
		return fmt.Errorf("fault DropAfter %d is negative", f.DropAfter)
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return fmt.Errorf("fault status %d is not an HTTP status", f.Status)
	case f.Status != 0 && f.Status < 400 && !f.Truncate && !f.Malformed:
		return fmt.Errorf("fault status %d is not an error status", f.Status)
	case f.Times < 0:
		return fmt.Errorf("fault times %d is negative", f.Times)
	case f.Delay < 0:
		return fmt.Errorf("fault delay %v is negative", f.Delay)
	}
	return nil
}

// answersError reports whether the fault replaces the answer with an error
// envelope.
func (f Fault) answersError() bool {
	return f.Status >= 400 && !f.Truncate && !f.Malformed && !f.HTML
}

// faultQueue holds the faults injected per operation, in order.
type faultQueue struct {
	mu   sync.Mutex
	byOp map[string][]*queuedFault
}

// queuedFault is a fault and the calls it has left (0: unlimited).
type queuedFault struct {
	fault Fault
	left  int
}

func (q *faultQueue) add(operationID string, f Fault) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.byOp == nil {
		q.byOp = map[string][]*queuedFault{}
	}
	q.byOp[operationID] = append(q.byOp[operationID], &queuedFault{fault: f, left: f.Times})
}

// take returns the fault for the next call of an operation, if any, and
// counts the call against it.
func (q *faultQueue) take(operationID string) *Fault {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, id := range []string{operationID, AnyOperation} {
		queue := q.byOp[id]
		if len(queue) == 0 {
			continue
		}
		head := queue[0]
		if head.left > 0 {
			head.left--
			if head.left == 0 {
				q.byOp[id] = queue[1:]
			}
		}
		f := head.fault
		return &f
	}
	return nil
}

func (q *faultQueue) clear() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.byOp = nil
}

// playFault plays the part of a fault that comes before the answer: the
// delay, the Retry-After header, and the faults that replace the answer.
// It reports whether the request is fully answered.
func (h *Handler) playFault(w http.ResponseWriter, r *http.Request, f *Fault, requestID string) bool {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	if f.Delay > 0 && !wait(r.Context(), f.Delay) {
		return true
	}
	switch {
	case f.Drop:
		dropConnection(w)
		return true
	case f.HTML:
		status := f.Status
		if status == 0 {
			status = http.StatusBadGateway
		}
		text := http.StatusText(status)
		body := fmt.Sprintf(htmlBody, status, text, status, text)
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body)) // the client has gone if this fails
		return true
	case f.answersError():
		writeError(w, f.Status, fmt.Sprintf("falmock injected fault: %d %s", f.Status, http.StatusText(f.Status)), requestID)
		return true
	}
	return false
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 and recorders cannot be hijacked: abort the handler, which
		// resets the stream or closes the connection.
		panic(http.ErrAbortHandler)
	}
	// The connection is dropped on purpose: its close error tells nothing.
	_ = conn.Close()
}

// errDropped is what a cutWriter's writes return once it has dropped the
// connection.
var errDropped = errors.New("falmock: connection dropped by a DropAfter fault")

// cutWriter passes the first left bytes of an answer's body to the client,
// then drops the connection (Fault.DropAfter).
type cutWriter struct {
	http.ResponseWriter
	left    int
	dropped bool
}

func (c *cutWriter) Write(b []byte) (int, error) {
	if c.dropped {
		return 0, errDropped
	}
	if len(b) < c.left {
		c.left -= len(b)
		return c.ResponseWriter.Write(b)
	}
	n, err := c.ResponseWriter.Write(b[:c.left])
	c.left -= n
	c.drop()
	if err == nil {
		err = errDropped
	}
	return n, err
}

// drop closes the connection, once, with what was written so far flushed.
func (c *cutWriter) drop() {
	if !c.dropped {
		c.dropped = true
		// Hijacking discards what the server still buffers: flush it first.
		// A failed flush means the client has gone already.
		_ = http.NewResponseController(c.ResponseWriter).Flush()
		dropConnection(c.ResponseWriter)
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *cutWriter) Unwrap() http.ResponseWriter {
	return c.ResponseWriter
}

// writeBody answers status with body, broken as the fault says.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte, f *Fault) {
	if f != nil && f.Malformed {
		body = []byte(malformedBody)
		contentType = "application/json"
		if status == http.StatusNoContent {
			status = http.StatusOK
		}
	}
	if f != nil && f.Status != 0 && (f.Malformed || f.Truncate) {
		status = f.Status
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if f != nil && f.Truncate {
		body = body[:len(body)/2]
	}
	_, _ = w.Write(body) // the client has gone if this fails
}

// wait pauses for d, and reports false if the request's context ended
// first.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
