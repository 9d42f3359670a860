package falmock

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// maxRequestBody bounds the request bodies (other than multipart uploads)
// the mock reads; a larger one is answered 413.
const maxRequestBody = 32 << 20

// Handler is the mock as an http.Handler: it serves every operation of the
// schema under the schema's base path (/v1), validates each request and
// answers from the schema. Use it to serve the mock in-process; Server wraps
// it in a listening httptest.Server. A Handler is safe for concurrent use.
type Handler struct {
	cfg        config
	spec       *spec
	optsBody   *openapi3filter.Options
	optsNoBody *openapi3filter.Options
	seq        atomic.Int64
	rec        recorder
	faults     faultQueue

	streams sync.Map // operation ID -> *eventStream, its framed events
}

// Operation describes one operation the mock serves.
type Operation struct {
	// ID is the operationId.
	ID string
	// Method and Path are the HTTP method and the path template relative
	// to the base path, e.g. "GET" and "/assets/{asset_id}".
	Method string
	Path   string
	// Security names the security schemes the operation accepts.
	Security []string
	// AuthOptional is set when the operation also accepts requests without
	// a key (its description says "**Authentication:** Optional").
	AuthOptional bool
	// Paginated is set for operations served as several pages.
	Paginated bool
	// Status and MediaType are those of the success answer (MediaType is
	// empty for a bodiless answer such as 204).
	Status    int
	MediaType string
	// ErrorStatuses are the 4xx and 5xx statuses the operation documents,
	// in increasing order: the ones worth a Fault in a test.
	ErrorStatuses []int
	// HasExample is set when the published example of the success body is
	// valid and used; ExampleProblem says why published examples were
	// rejected (the answer is then synthesized).
	HasExample     bool
	ExampleProblem string
}

// NewHandler loads the schema (once per distinct schema bytes, shared by
// all handlers) and returns a mock serving it.
func NewHandler(opts ...Option) (*Handler, error) {
	cfg := newConfig(opts)
	s, err := loadSpec(cfg.schema)
	if err != nil {
		return nil, fmt.Errorf("falmock: %w", err)
	}
	h := &Handler{cfg: cfg, spec: s}
	h.optsBody, h.optsNoBody = h.validationOptions()
	return h, nil
}

// BasePath is the path the operations are served under, from the schema's
// first server URL ("/v1" for fal's).
func (h *Handler) BasePath() string {
	return h.spec.basePath
}

// Operations lists the schema's operations by path and method. Listing
// them decodes every path of the schema (see Schemas in the package doc); an
// operation whose path cannot be served is listed with its ID, Method and
// Path only, and ExampleRequest, or a call, says why.
func (h *Handler) Operations() []Operation {
	out := make([]Operation, len(h.spec.ops))
	for i, o := range h.spec.ops {
		out[i] = Operation{ID: o.id, Method: o.method, Path: o.path}
		if o.load() != nil {
			continue
		}
		_, hasExample := o.exampleValue()
		out[i].Security, out[i].AuthOptional = o.securitySchemes(), o.authOptional
		out[i].Paginated, out[i].Status, out[i].MediaType = o.paginated, o.status, o.mediaType
		out[i].HasExample, out[i].ExampleProblem = hasExample, o.exampleProblem
		out[i].ErrorStatuses = o.errorStatuses()
	}
	return out
}

// Inject queues a fault for the next valid calls of an operation (or of any
// operation, with AnyOperation). Faults of one operation apply in the order
// they were injected; one with Times 0 applies to every call and keeps those
// queued after it from ever applying.
func (h *Handler) Inject(operationID string, f Fault) error {
	if _, ok := h.spec.byID[operationID]; !ok && operationID != AnyOperation {
		return fmt.Errorf("falmock: inject: unknown operation %q", operationID)
	}
	if err := f.check(); err != nil {
		return fmt.Errorf("falmock: inject into %s: %w", operationID, err)
	}
	h.faults.add(operationID, f)
	return nil
}

// ClearFaults removes every queued fault.
func (h *Handler) ClearFaults() {
	h.faults.clear()
}

// Requests returns a copy of every request received so far, in order.
func (h *Handler) Requests() []Request {
	return h.rec.snapshot(func(*Request) bool { return true })
}

// RequestsFor returns a copy of the requests routed to an operation.
func (h *Handler) RequestsFor(operationID string) []Request {
	return h.rec.snapshot(func(r *Request) bool { return r.OperationID == operationID })
}

// Failures returns falmock's own failures, one per request answered 500
// because falmock's answer did not validate against the schema it was built
// from, or because the schema's path of the operation could not be served.
// A test can fail on any.
func (h *Handler) Failures() []error {
	return h.rec.failuresCopy()
}

// Reset forgets the recorded requests and failures and clears the faults.
func (h *Handler) Reset() {
	h.rec.reset()
	h.faults.clear()
}

// ServeHTTP routes, validates, records and answers one request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := fmt.Sprintf("falmock-%08d", h.seq.Add(1))
	rec := h.rec.add(&Request{
		RequestID: id, Method: r.Method, Path: r.URL.EscapedPath(),
		Query: r.URL.Query(), Header: r.Header.Clone(),
	})
	sw := &statusWriter{ResponseWriter: w, record: func(b []byte) { h.rec.addResponse(rec, b) }}
	sw.Header().Set(requestIDHeader, id)
	defer func() { h.rec.set(rec, func(q *Request) { q.Status = sw.status }) }()
	h.serve(sw, r, rec)
}

func (h *Handler) serve(w http.ResponseWriter, r *http.Request, rec *Request) {
	if h.cfg.latency > 0 && !wait(r.Context(), h.cfg.latency) {
		return
	}
	m := h.spec.router.route(r.Method, r.URL.EscapedPath())
	switch {
	case m.path == nil:
		h.reject(w, rec, http.StatusNotFound, fmt.Sprintf("no operation at %s", r.URL.Path))
		return
	case m.op == nil:
		w.Header().Set("Allow", strings.Join(m.allowed, ", "))
		h.reject(w, rec, http.StatusMethodNotAllowed, fmt.Sprintf("method %s is not allowed on %s (allowed: %s)", r.Method, m.path.template, strings.Join(m.allowed, ", ")))
		return
	}
	o := m.op
	h.rec.set(rec, func(q *Request) { q.OperationID, q.PathParams = o.id, m.params })
	if err := o.load(); err != nil {
		h.bug(w, rec, err)
		return
	}
	if !o.multipart {
		if status, msg := h.readBody(w, r, rec); status != 0 {
			h.reject(w, rec, status, msg)
			return
		}
	}
	if status, msg := h.validateRequest(r, o, m.params); status != 0 {
		h.reject(w, rec, status, msg)
		return
	}
	if o.multipart {
		up, n, err := readUpload(r, o)
		h.rec.set(rec, func(q *Request) { q.Upload, q.BodySize = up, n })
		if err != nil {
			h.reject(w, rec, http.StatusBadRequest, err.Error())
			return
		}
	}
	page := 0
	if o.paginated {
		var err error
		if page, err = decodeCursor(o.id, r.URL.Query().Get(cursorParam), h.cfg.pages); err != nil {
			h.reject(w, rec, http.StatusBadRequest, err.Error())
			return
		}
	}
	f := h.faults.take(o.id)
	h.rec.set(rec, func(q *Request) { q.Valid, q.Page, q.Fault = true, page, f })
	if f != nil && h.playFault(w, r, f, rec.RequestID) {
		return
	}
	if f != nil && f.DropAfter > 0 {
		cut := &cutWriter{ResponseWriter: w, left: f.DropAfter}
		defer cut.drop()
		w = cut
	}
	h.answer(w, r, o, page, f, rec)
}

// answer writes the success answer of an operation, shaped by its media
// type and broken as a body fault says.
func (h *Handler) answer(w http.ResponseWriter, r *http.Request, o *operation, page int, f *Fault, rec *Request) {
	switch o.mediaType {
	case "":
		if err := o.checkHeaders(r.Context()); err != nil {
			h.bug(w, rec, err)
			return
		}
		if f != nil && (f.Malformed || f.Truncate) {
			writeBody(w, o.status, "application/json", nil, f)
			return
		}
		w.WriteHeader(o.status)
	case "text/event-stream":
		h.serveEventStream(w, r, o, f, rec)
	default:
		if o.download() {
			h.serveDownload(w, r, o, f, rec)
			return
		}
		a := h.bodyAnswer(r, o, page, rec.PathParams)
		if a.err != nil {
			h.bug(w, rec, a.err)
			return
		}
		writeBody(w, o.status, o.mediaType, a.body, f)
	}
}

// readBody reads a request body (up to maxRequestBody) so that it can be
// recorded and validated, and puts it back for the validator.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request, rec *Request) (int, string) {
	if r.Body == nil || r.Body == http.NoBody {
		return 0, ""
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	h.rec.set(rec, func(q *Request) {
		q.BodySize = int64(len(data))
		q.Body = bytes.Clone(data[:min(len(data), MaxRecordedBody)])
	})
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", maxRequestBody)
	case err != nil:
		return http.StatusBadRequest, fmt.Sprintf("request body could not be read: %v", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	return 0, ""
}

// reject answers an invalid request with the error envelope and records
// why.
func (h *Handler) reject(w http.ResponseWriter, rec *Request, status int, msg string) {
	h.rec.set(rec, func(q *Request) { q.Valid, q.Problem = false, msg })
	writeError(w, status, msg, rec.RequestID)
}

// bug answers 500 server_error for an answer of falmock's that failed its
// own schema, and records it on the request and among the failures.
func (h *Handler) bug(w http.ResponseWriter, rec *Request, err error) {
	h.rec.fail(err)
	h.rec.set(rec, func(q *Request) { q.Bug = err.Error() })
	writeError(w, http.StatusInternalServerError, err.Error(), rec.RequestID)
}

// statusWriter remembers the status written through it, and hands each
// piece of the body to record before sending it.
type statusWriter struct {
	http.ResponseWriter
	status int
	record func([]byte)
}

func (s *statusWriter) WriteHeader(status int) {
	if s.status == 0 {
		s.status = status
	}
	s.ResponseWriter.WriteHeader(status)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	s.record(b)
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (to flush
// and hijack).
func (s *statusWriter) Unwrap() http.ResponseWriter {
	return s.ResponseWriter
}
