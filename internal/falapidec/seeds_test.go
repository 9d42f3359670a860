package falapidec_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// The seeds of the differential tests are what falmock answers: for each
// operation, the body of its success answer (the schema's example, and a
// synthesized one carrying every optional property), the data of each
// event of a stream, and error envelopes.

// seeds holds the answers of every operation, by operationId, and the
// error envelopes.
type seeds struct {
	answers map[string][][]byte
	events  map[string][][]byte
	errors  [][]byte
}

// mockAnswers collects the seeds once per test binary.
var mockAnswers = sync.OnceValues(collectSeeds)

func collectSeeds() (*seeds, error) {
	s := &seeds{answers: map[string][][]byte{}, events: map[string][][]byte{}}
	for _, opts := range [][]falmock.Option{nil, {falmock.WithSynthesizedAnswers()}} {
		h, err := falmock.NewHandler(opts...)
		if err != nil {
			return nil, err
		}
		for _, op := range h.Operations() {
			if op.Status >= 300 || !strings.Contains(op.MediaType, "json") && op.MediaType != "text/event-stream" {
				continue
			}
			ex, err := h.ExampleRequest(op.ID)
			if err != nil {
				return nil, err
			}
			if ex.FileField != "" {
				continue // a multipart upload: another operation answers the same type
			}
			rec := serve(h, op, ex)
			if rec.Code != op.Status {
				return nil, fmt.Errorf("%s: falmock answered %d: %s", op.ID, rec.Code, rec.Body)
			}
			if op.MediaType == "text/event-stream" {
				s.events[op.ID] = append(s.events[op.ID], eventData(rec.Body.Bytes())...)
				continue
			}
			s.answers[op.ID] = append(s.answers[op.ID], rec.Body.Bytes())
		}
		if len(s.errors) == 0 {
			s.errors, err = errorEnvelopes(h)
			if err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// serve sends an operation's example request to the mock in-process.
func serve(h *falmock.Handler, op falmock.Operation, ex falmock.ExampleRequest) *httptest.ResponseRecorder {
	path := h.BasePath() + pathParam.ReplaceAllStringFunc(op.Path, func(m string) string {
		return url.PathEscape(ex.PathParams[m[1:len(m)-1]])
	})
	if len(ex.Query) > 0 {
		path += "?" + ex.Query.Encode()
	}
	req := httptest.NewRequest(op.Method, path, bytes.NewReader(ex.Body))
	for name, values := range ex.Header {
		req.Header[name] = values
	}
	if ex.Body != nil {
		req.Header.Set("Content-Type", ex.BodyType)
	}
	req.Header.Set("Authorization", "Key falapidec-test")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// errorEnvelopes makes the mock answer errors: injected statuses on the
// first operation that takes no key, a missing key and an unknown path.
func errorEnvelopes(h *falmock.Handler) ([][]byte, error) {
	var out [][]byte
	for _, op := range h.Operations() {
		if len(op.Security) > 0 && !op.AuthOptional || op.Method != http.MethodGet {
			continue
		}
		ex, err := h.ExampleRequest(op.ID)
		if err != nil {
			return nil, err
		}
		for _, status := range []int{400, 404, 429, 500, 501} {
			if err := h.Inject(op.ID, falmock.Fault{Status: status, Times: 1}); err != nil {
				return nil, err
			}
			out = append(out, serve(h, op, ex).Body.Bytes())
		}
		break
	}
	for _, target := range []string{"/models/usage", "/no/such/path"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, h.BasePath()+target, nil))
		out = append(out, rec.Body.Bytes())
	}
	for _, body := range out {
		if !bytes.HasPrefix(bytes.TrimSpace(body), []byte(`{"error"`)) {
			return nil, fmt.Errorf("falmock answered %q, not an error envelope", body)
		}
	}
	return out, nil
}

// eventData returns the data of each event of a Server-Sent Events
// stream: its data lines joined by newlines.
func eventData(stream []byte) [][]byte {
	var out [][]byte
	for block := range strings.SplitSeq(strings.ReplaceAll(string(stream), "\r\n", "\n"), "\n\n") {
		var data []string
		for line := range strings.SplitSeq(block, "\n") {
			if v, ok := strings.CutPrefix(line, "data:"); ok {
				data = append(data, strings.TrimPrefix(v, " "))
			}
		}
		if len(data) > 0 {
			out = append(out, []byte(strings.Join(data, "\n")))
		}
	}
	return out
}

// bodiesOf returns the seeds of a response type: the answers of its
// operations, the events of its streams, the error envelopes.
func (s *seeds) bodiesOf(rt responseType) [][]byte {
	var out [][]byte
	for _, op := range rt.answers {
		out = append(out, s.answers[op]...)
	}
	for _, op := range rt.events {
		out = append(out, s.events[op]...)
	}
	if rt.errors {
		out = append(out, s.errors...)
	}
	return out
}

// loadSeeds returns the seeds, failing the test when falmock cannot give
// them.
func loadSeeds(tb testing.TB) *seeds {
	tb.Helper()
	s, err := mockAnswers()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}
