package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/falplatform/fal-go/internal/normalize"
)

// testKey is the key the tests send unless they test keys.
const testKey = "test-key"

// schemaRevisions are every schema falmock must serve: the current one and
// the earlier revisions kept in testdata.
func schemaRevisions(t testing.TB) map[string][]byte {
	t.Helper()
	revs := map[string][]byte{"current": api.OpenAPI}
	files, err := filepath.Glob("../../testdata/schemas/openapi-*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3 {
		t.Fatalf("found %d earlier schema revisions, want at least 3", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		revs[strings.TrimSuffix(filepath.Base(f), ".json")] = b
	}
	return revs
}

// newTestServer starts a server closed at the end of the test, and fails
// the test if falmock reported failures of its own.
func newTestServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	srv := NewServer(opts...)
	t.Cleanup(func() {
		srv.Close()
		for _, err := range srv.Failures() {
			t.Errorf("falmock failure: %v", err)
		}
	})
	return srv
}

// requestSpec is a request to build: the operation and overrides of its
// synthesized parameters and body.
type requestSpec struct {
	op      *operation
	key     string
	query   url.Values // replaces synthesized query parameters of the same name
	noKey   bool
	body    []byte // replaces the synthesized body when non-nil
	headers http.Header
}

// validRequest builds a request the schema accepts: required parameters and
// the body synthesized from their schemas.
func validRequest(t testing.TB, baseURL string, rs requestSpec) *http.Request {
	t.Helper()
	o := loaded(t, rs.op)
	sy := newSynthesizer(o.spec)
	path := o.path
	query := url.Values{}
	header := http.Header{}
	for _, p := range o.params() {
		if !p.Required {
			continue
		}
		values := formValues(sy.value(p.Schema, p.Name), true)
		switch p.In {
		case openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(values[0]))
		case openapi3.ParameterInQuery:
			query[p.Name] = values
		case openapi3.ParameterInHeader:
			header.Set(p.Name, values[0])
		}
	}
	for k, v := range rs.query {
		query[k] = v
	}
	var body io.Reader
	var contentType string
	if rb := o.route.Operation.RequestBody; rb != nil && rb.Value != nil {
		switch {
		case rs.body != nil:
			body, contentType = bytes.NewReader(rs.body), "application/json"
		case o.multipart:
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, err := mw.CreateFormFile("file_upload", "cat.jpg")
			if err != nil {
				t.Fatal(err)
			}
			fw.Write([]byte("0123456789"))
			mw.Close()
			body, contentType = &buf, mw.FormDataContentType()
		default:
			mt := normalize.JSONMediaType(rb.Value.Content)
			if mt == "" {
				t.Fatalf("%s: the request body is not JSON", o.id)
			}
			b, err := json.Marshal(sy.value(rb.Value.Content[mt].Schema, ""))
			if err != nil {
				t.Fatal(err)
			}
			body, contentType = bytes.NewReader(b), mt
		}
	}
	u := baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequestWithContext(context.Background(), o.method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	key := rs.key
	if key == "" {
		key = testKey
	}
	if !rs.noKey {
		req.Header.Set("Authorization", "Key "+key)
	}
	for k, v := range rs.headers {
		req.Header[k] = v
	}
	return req
}

// loaded returns o with its path decoded, failing the test if it cannot be.
func loaded(t testing.TB, o *operation) *operation {
	t.Helper()
	if err := o.load(); err != nil {
		t.Fatal(err)
	}
	return o
}

// logEntrySchema is the schema of the log stream's events, which the
// hints name LogEntry: the items of the log history page.
func logEntrySchema(t testing.TB, s *spec) *openapi3.SchemaRef {
	t.Helper()
	history := loaded(t, s.byID["serverlessLogsHistory"])
	return history.schema().Value.Properties["items"].Value.Items
}

// params lists the parameters of the operation and of its path item.
func (o *operation) params() []*openapi3.Parameter {
	var out []*openapi3.Parameter
	for _, p := range o.route.PathItem.Parameters {
		out = append(out, p.Value)
	}
	for _, p := range o.route.Operation.Parameters {
		out = append(out, p.Value)
	}
	return out
}

// response is what a client got: the status, headers, declared length and
// body it read, and the transport or read error some faults produce.
type response struct {
	StatusCode    int
	Header        http.Header
	ContentLength int64
	Body          []byte
	Err           error
}

// send sends a request and reads the whole answer, keeping transport and
// read errors in the response.
func send(t testing.TB, client *http.Client, req *http.Request) response {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		return response{Err: err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return response{StatusCode: resp.StatusCode, Header: resp.Header, ContentLength: resp.ContentLength, Body: body, Err: err}
}

// do is send for requests that must get a whole answer: it fails the test
// on a transport or read error, and returns the body apart for brevity.
func do(t testing.TB, client *http.Client, req *http.Request) (response, []byte) {
	t.Helper()
	r := send(t, client, req)
	if r.Err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, r.Err)
	}
	return r, r.Body
}

// checkAnswer validates a response against the operation's schema,
// independently of the mock's own check; streamed bodies are checked for
// status and headers only.
func checkAnswer(t testing.TB, o *operation, req *http.Request, resp response, body []byte) {
	t.Helper()
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: o.route},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options: &openapi3filter.Options{
			IncludeResponseStatus: true,
			ExcludeResponseBody:   o.mediaType == "text/event-stream" || o.mediaType == "application/octet-stream",
		},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s: answer %d fails the schema: %v\n%s", o.id, resp.StatusCode, err, truncate(body))
	}
}

// envelopeOf decodes an error envelope, failing the test if the body is not
// one.
func envelopeOf(t testing.TB, body []byte) falapi.ErrorDetail {
	t.Helper()
	var env falapi.Error
	if err := json.Unmarshal(body, &env); err != nil || env.Error.Type == "" || env.Error.Message == "" || env.Error.RequestID == nil {
		t.Fatalf("not an error envelope (%v): %s", err, truncate(body))
	}
	return env.Error
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}
