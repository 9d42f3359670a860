// Package falmock is a mock of fal's Platform API (https://api.fal.ai/v1)
// for tests, driven entirely by the published OpenAPI document: every
// operation of the schema is served, every request is validated against it,
// and every answer is built from it and checked against it. A new schema
// revision needs no hand work.
//
// It is shaped like net/http/httptest, and hands out a ready client:
//
//	func TestDashboard(t *testing.T) {
//		srv := falmock.NewServer()
//		defer srv.Close()
//		c := srv.Client() // a *fal.Client pointed at srv, with a key it accepts
//		prices, err := c.GetPricing(t.Context(), &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}})
//		// ...
//	}
//
// Any HTTP client can use it too:
//
//	func TestListKeys(t *testing.T) {
//		srv := falmock.NewServer(falmock.WithAdminKeys("admin-key"))
//		defer srv.Close()
//
//		// Point the client under test at srv.URL, which includes the base
//		// path: "http://127.0.0.1:41234/v1". Send "Authorization: Key <key>".
//		req, _ := http.NewRequest("GET", srv.URL+"/keys", nil)
//		req.Header.Set("Authorization", "Key admin-key")
//		resp, err := srv.HTTPClient().Do(req)
//		// ...
//
//		// Assert on what the client sent.
//		for _, r := range srv.RequestsFor("listApiKeys") {
//			if r.Header.Get("Authorization") != "Key admin-key" {
//				t.Errorf("request %s sent %q", r.RequestID, r.Header.Get("Authorization"))
//			}
//		}
//		// Fail on falmock's own bugs (answers that failed their schema).
//		for _, err := range srv.Failures() {
//			t.Error(err)
//		}
//	}
//
// To serve the mock in-process (a CLI, an http.ServeMux), use NewHandler; it
// serves the operations under the schema's base path (Handler.BasePath).
//
// # Schemas
//
// The mock serves api.OpenAPI unless WithSchema gives another document (an
// earlier revision, say), in JSON or YAML. Each distinct document is loaded
// once per process and shared by every server, so starting a server is
// cheap; and loading reads only the document's outline: its top (servers,
// security schemes, components), validated at once, and the operationId of
// each path and method. Each path is decoded, validated and its references
// resolved the first time one of its operations is called or listed by
// Operations, so a program that makes one call pays for one path of the
// schema, not for all of them. A path that fails then is answered 500
// server_error naming the path and the defect, and is listed in Failures.
//
// The document is read as go generate reads it: through the overrides of
// api/hints.yaml, and, where fal published a defect its server tolerates (a
// security requirement naming a scheme the document does not define),
// through the same repair (internal/normalize), which reads the scheme as
// fal's key header.
//
// # Authentication
//
// Each operation needs the credential of one of its security requirements;
// without one it answers 401 authorization_error, as it does for a malformed
// or unknown key (the message says where the key goes, never what was sent).
// The schemes checked are apiKey in a header, a query parameter or a cookie,
// and http bearer and basic. In the Authorization header, fal's own form
// "Key <key>" is accepted for all three, as fal's server takes it: for an
// apiKey scheme it is the only form, beside "Bearer <key>" for bearer and
// "Basic <base64 of id:secret>" (the key "id:secret") for basic. Other
// schemes (oauth2, openIdConnect) answer 401. By default any non-empty key is
// valid. WithKeys limits the valid keys; WithAdminKeys names the admin keys,
// after which an operation of a scheme named like adminApiKey answers 403 to
// any other key. Operations whose description says "**Authentication:**
// Optional" (getModels) and operations without security (getMeta) need no
// key.
//
// # Validation
//
// Path, query, headers, body and credentials are validated with kin-openapi's
// openapi3filter.ValidateRequest against the raw OpenAPI 3.1 document (JSON
// Schema 2020-12), with the uri, uuid and email formats checked too. An
// invalid request gets 400 validation_error with a message naming the
// parameter or body field; an unknown path 404 not_found; a known path with
// another method 405 (with an Allow header). A path parameter that contains a
// "/" must be percent-encoded, as generated clients do, except the file path
// parameters listed in api/hints.yaml, which take the remaining segments.
//
// # Answers
//
// A valid request is answered with the success status of its operation and
// the published example of its body, or, where there is none (or it fails
// its schema, see Operation.ExampleProblem), a value synthesized from the
// schema: every property, required or not; format-aware strings; the first
// enum value; numbers within their bounds; one array item; the first union
// branch that validates; a value rather than null. WithSynthesizedAnswers
// synthesizes even where an example exists, so that round-trip tests see
// every field. A list the example leaves out (the summary of a usage
// page) is synthesized with the values the example gives properties of
// the same name, where they fit: its rows name fal-ai/flux/dev, image and
// USD as the example's time series does.
//
// Answers show what their request identifies, where the schema links the
// two by name: a path or query parameter, or a top-level field of a JSON
// body, whose name is also a property of the answer. GET
// /compute/instances/inst_1 answers id "inst_1"; a pricing request for two
// endpoint_id values answers a price for each; an estimate or an instance
// answers the estimate_type or instance_type asked for (from the published
// example that agrees with the request, when there is one). A free-text
// search parameter (q, query, search) whose description names the property
// it searches ("by name, description, or category") puts its term there,
// and names the items found after it. A value the answer's schema would
// refuse is not shown (nor any, if the answer would then fail its schema).
//
// Each answer is checked against the schema with
// openapi3filter.ValidateResponse the first time it is built (answers
// that show their request are kept for up to 1024 distinct requests);
// one that fails is answered 500 server_error with a message saying it is
// a falmock bug, and is listed by Failures.
//
// # Pagination
//
// Operations that take a cursor query parameter and answer next_cursor and
// has_more serve WithPages pages (default 3). The first call (no cursor)
// returns page 1; next_cursor leads to the following page; the last page has
// has_more false and next_cursor null. An unknown cursor, or one of another
// operation, is answered 400. Each item array of a page holds WithItemsPerPage
// items (default 2) whose "id" and "*_id" fields (or, lacking those, their
// first free-form string field) end in "-p<page>-<n>", so that iterator tests
// can check order and the absence of duplicates. Strings with a format, stated
// by the schema or shown by the value (a timestamp), keep it: a timestamp
// moves forward by an hour per item, a uuid is derived from the tag. Fields
// the request set are not tagged: a list of values (endpoint_id=a&endpoint_id=b)
// is spread over the items in turn, and items whose every ID the request gave
// are listed once, on the first page. Request.Page and Request.Query tell
// which page each request got and which filters it sent.
//
// # Streams, files and reports
//
// The log stream (serverlessLogsStream) is a text/event-stream of log
// entries, whose schema api/hints.yaml names (LogEntry) and api/names.yaml
// places in the raw document (the items of serverlessLogsHistory's page):
// each event has an id (1, 2, ...), "event: log" and its JSON on data lines,
// with ": ping" heartbeat comments between, each flushed as written; see
// LogStream to change the counts, spread the JSON over several data lines,
// or keep the stream open until the client disconnects. A request with a
// Last-Event-ID header resumes after that event, as a reconnecting client
// asks; an ID the stream never sent is answered 400. Any other event
// stream, one whose answer publishes the schema of its events, is served
// the same way with values of that schema and no event name. The file
// download, and every other body the client downloads (an image, text in
// no format api/hints.yaml names), serves WithDownloadSize bytes (the
// bytes DownloadContent reads) with a Content-Length, generated as
// they are written, so gigabyte downloads keep memory flat. The multipart
// upload is streamed through a counter: Request.Upload records the file name
// and size, never the content. Metrics answer the schema's Prometheus
// example; CSV reports are synthesized, with FOCUS columns (BilledCost,
// BillingPeriodStart, ServiceName, ...) for FOCUS reports.
//
// # Faults
//
// Inject plays a Fault on the next calls of one operation, by operationId:
// an error status with its envelope, a Retry-After header, a delay, a
// dropped connection (before the answer, or after N bytes of it), a
// truncated or malformed body, or an HTML error page as a proxy would send.
// A fault applies to the next Times valid calls, or to every call when
// Times is 0, so retry tests can see a failure followed by a success:
//
//	srv.Inject("getUsage", falmock.Fault{Status: 429, RetryAfter: "1", Times: 1})
//	srv.Inject("serverlessLogsStream", falmock.Fault{DropAfter: 300, Times: 3})
//
// # Recordings
//
// Requests lists every request received: operationId, method, path, query,
// headers (Authorization, Idempotency-Key, ...), the first MaxRecordedBody
// bytes of the body, whether it was valid and why not, the status, page and
// fault served, and the first MaxRecordedResponse bytes of the body answered,
// so that a test can compare what a client decoded with what it was sent. A
// Server and a Handler are safe for concurrent use.
//
// # Example requests
//
// ExampleRequest builds, from the schema alone, a request each operation
// accepts: every path, query and header parameter set from its example or
// synthesized, and a body with every property. With Operations, and the
// documented error statuses each one lists (Operation.ErrorStatuses), it lets
// a contract test call every operation of any schema revision without
// knowing any of them.
package falmock
