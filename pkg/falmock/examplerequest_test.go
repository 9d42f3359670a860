package falmock

import (
	"bytes"
	"context"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// exampleHTTPRequest builds the HTTP request an ExampleRequest describes,
// as a generated client would send it: path parameters escaped whole (the
// slashes of a file path too), the query, the headers, the JSON body or a form
// carrying a small file, and the default key.
func exampleHTTPRequest(t testing.TB, baseURL string, op Operation, ex ExampleRequest) *http.Request {
	t.Helper()
	path := op.Path
	for name, value := range ex.PathParams {
		path = strings.ReplaceAll(path, "{"+name+"}", url.PathEscape(value))
	}
	u := baseURL + path
	if len(ex.Query) > 0 {
		u += "?" + ex.Query.Encode()
	}
	var body io.Reader
	contentType := ""
	switch {
	case ex.Body != nil:
		body, contentType = bytes.NewReader(ex.Body), ex.BodyType
	case ex.FileField != "":
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, err := mw.CreateFormFile(ex.FileField, "example.bin")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte("0123456789"))
		mw.Close()
		body, contentType = &buf, mw.FormDataContentType()
	}
	req, err := http.NewRequestWithContext(context.Background(), op.Method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range ex.Header {
		req.Header[k] = v
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Key "+DefaultKey)
	return req
}

func TestExampleRequestIsValidForEveryOperation(t *testing.T) {
	t.Parallel()
	for rev, schema := range schemaRevisions(t) {
		t.Run(rev, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, WithSchema(schema))
			for _, op := range srv.Operations() {
				srv.Reset()
				ex, err := srv.ExampleRequest(op.ID)
				if err != nil {
					t.Fatal(err)
				}
				resp := send(t, srv.HTTPClient(), exampleHTTPRequest(t, srv.URL, op, ex))
				if resp.Err != nil || resp.StatusCode != op.Status {
					t.Errorf("%s: got %d (%v), want %d: %s", op.ID, resp.StatusCode, resp.Err, op.Status, truncate(resp.Body))
				}
				recs := srv.Requests()
				if len(recs) != 1 || !recs[0].Valid || recs[0].OperationID != op.ID {
					t.Fatalf("%s: recorded %+v", op.ID, recs)
				}
				if !maps.Equal(recs[0].PathParams, ex.PathParams) {
					t.Errorf("%s: path parameters %v arrived as %v", op.ID, ex.PathParams, recs[0].PathParams)
				}
				if !reflect.DeepEqual(recs[0].Query, ex.Query) && len(ex.Query) > 0 {
					t.Errorf("%s: query %v arrived as %v", op.ID, ex.Query, recs[0].Query)
				}
				o := srv.spec.byID[op.ID]
				for _, p := range o.parameters() {
					_, inQuery := ex.Query[p.Name]
					skipped := o.paginated && p.Name == cursorParam
					if p.In == "query" && inQuery == skipped {
						t.Errorf("%s: query parameter %s: in the example %v, want %v", op.ID, p.Name, inQuery, !skipped)
					}
				}
			}
		})
	}
}

func TestExampleRequest(t *testing.T) {
	schema, err := os.ReadFile("testdata/examples.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, WithSchema(schema))
	tests := []struct {
		op   string
		want ExampleRequest
	}{
		{"updateThing", ExampleRequest{
			// The operation's thing_id replaces the path item's.
			PathParams: map[string]string{"thing_id": "thing-1"},
			Query: url.Values{
				"shared":  {"path-item"},
				"limit":   {"1"}, // the example, 50, is out of bounds
				"ratio":   {"0.5"},
				"tag":     {"a", "b"},
				"kind":    {"x,y"}, // explode: false
				"verbose": {"true"},
				// Lists that may be null, which kin-openapi alone cannot
				// decode (see decodableParameters).
				"ids":  {"p", "q"},
				"mode": {"3"},
			},
			Header:   http.Header{"Idempotency-Key": {formatSamples["uuid"]}},
			Body:     []byte(`{"name":"name","note":"note","size":2}` + "\n"),
			BodyType: "application/json",
		}},
		{"serverlessListDirectory", ExampleRequest{
			PathParams: map[string]string{"dir": examplePathPrefix + "dir"},
			Query:      url.Values{}, Header: http.Header{},
		}},
		{"uploadThing", ExampleRequest{
			PathParams: map[string]string{}, Query: url.Values{}, Header: http.Header{},
			FileField: "payload",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			got, err := srv.ExampleRequest(tt.op)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v (body %s)\nwant %+v (body %s)", got, got.Body, tt.want, tt.want.Body)
			}
			op := operationByID(t, srv.Handler, tt.op)
			srv.Reset()
			resp := send(t, srv.HTTPClient(), exampleHTTPRequest(t, srv.URL, op, got))
			if resp.Err != nil || resp.StatusCode != op.Status {
				t.Errorf("got %d (%v), want %d: %s", resp.StatusCode, resp.Err, op.Status, truncate(resp.Body))
			}
		})
	}
	if _, err := srv.ExampleRequest("noSuchOperation"); err == nil || !strings.Contains(err.Error(), "noSuchOperation") {
		t.Errorf("unknown operation: got %v, want an error naming it", err)
	}
}

func TestOperationErrorStatuses(t *testing.T) {
	schema, err := os.ReadFile("testdata/examples.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, WithSchema(schema))
	want := map[string][]int{
		"updateThing":             {400, 422, 503}, // not 200, not default
		"serverlessListDirectory": nil,
		"uploadThing":             nil,
	}
	for id, statuses := range want {
		if got := operationByID(t, srv.Handler, id).ErrorStatuses; !slices.Equal(got, statuses) {
			t.Errorf("%s: ErrorStatuses = %v, want %v", id, got, statuses)
		}
	}
}

// operationByID finds an operation of h, failing the test if there is none.
func operationByID(t testing.TB, h *Handler, id string) Operation {
	t.Helper()
	for _, op := range h.Operations() {
		if op.ID == id {
			return op
		}
	}
	t.Fatalf("no operation %s", id)
	return Operation{}
}

func TestRequestResponseBody(t *testing.T) {
	schema, err := os.ReadFile("testdata/examples.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := newTestServer(t, WithSchema(schema))
	op := operationByID(t, srv.Handler, "updateThing")
	ex, err := srv.ExampleRequest(op.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Whatever the answer, the recording holds exactly what the client read.
	tests := []struct {
		name  string
		fault *Fault
	}{
		{"answer", nil},
		{"error envelope", &Fault{Status: 503, Times: 1}},
		{"truncated", &Fault{Truncate: true, Times: 1}},
		{"dropped", &Fault{Drop: true, Times: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Reset()
			if tt.fault != nil {
				if err := srv.Inject(op.ID, *tt.fault); err != nil {
					t.Fatal(err)
				}
			}
			resp := send(t, srv.HTTPClient(), exampleHTTPRequest(t, srv.URL, op, ex))
			recs := srv.Requests()
			if len(recs) != 1 {
				t.Fatalf("recorded %d requests", len(recs))
			}
			got := recs[0].ResponseBody
			if !bytes.Equal(got, resp.Body) {
				t.Errorf("ResponseBody = %q, the client read %q", got, resp.Body)
			}
			switch {
			case tt.fault == nil:
				if len(got) == 0 {
					t.Error("the answer was not recorded")
				}
			case tt.fault.Status != 0:
				if env := envelopeOf(t, got); *env.RequestID != recs[0].RequestID {
					t.Errorf("ResponseBody %q is not the envelope of %s (%v)", got, recs[0].RequestID, err)
				}
			case tt.fault.Truncate:
				if resp.Err == nil || int64(len(got)) >= resp.ContentLength {
					t.Errorf("recorded %d of %d bytes (read error %v), want a cut body", len(got), resp.ContentLength, resp.Err)
				}
			}
		})
	}
}

func TestRequestResponseBodyIsBounded(t *testing.T) {
	size := int64(MaxRecordedResponse + 1000)
	srv := newTestServer(t, WithDownloadSize(size))
	op := operationByID(t, srv.Handler, "serverlessDownloadFile")
	ex, err := srv.ExampleRequest(op.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp := send(t, srv.HTTPClient(), exampleHTTPRequest(t, srv.URL, op, ex))
	if resp.Err != nil || int64(len(resp.Body)) != size {
		t.Fatalf("read %d bytes (%v), want %d", len(resp.Body), resp.Err, size)
	}
	got := srv.Requests()[0].ResponseBody
	want, err := io.ReadAll(DownloadContent(MaxRecordedResponse))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("recorded %d bytes, want the first %d of the download", len(got), len(want))
	}
}
