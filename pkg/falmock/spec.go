package falmock

import (
	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"

	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

// optionalAuthMarker is how fal's schema says, in an operation's description,
// that the operation also accepts requests without a key (getModels).
const optionalAuthMarker = "**Authentication:** Optional"

// logEntrySource names the operation and property whose items describe one
// log entry; the event-stream operation publishes an empty schema and sends
// these entries as its events.
const (
	logEntrySourceOperation = "serverlessLogsHistory"
	logEntrySourceProperty  = "items"
)

// spec is an OpenAPI document loaded once, with what the mock derives from
// it. It is shared, read-only, by every Handler serving the same bytes.
type spec struct {
	doc       *openapi3.T
	basePath  string
	ops       []*operation
	byID      map[string]*operation
	router    *router
	visitOpts []openapi3.SchemaValidationOption

	logEntry *openapi3.SchemaRef

	answers sync.Map // answerKey -> *answer
}

// operation is one operation of the document and its derived facts.
type operation struct {
	spec   *spec
	id     string
	method string
	path   string
	route  *routers.Route

	authOptional bool
	status       int
	mediaType    string
	media        *openapi3.MediaType
	multipart    bool
	paginated    bool

	exampleOnce    sync.Once
	example        any
	exampleOK      bool
	exampleProblem string

	synthOnce sync.Once
	synth     any

	headersOnce sync.Once
	headersErr  error
}

// specCache holds every loaded document, keyed by a hash of its bytes.
var (
	specCache sync.Map // uint64 -> *specEntry
	specSeed  = maphash.MakeSeed()
)

// specEntry loads one document once, however many handlers ask for it.
type specEntry struct {
	data []byte
	once sync.Once
	spec *spec
	err  error
}

// loadSpec returns the loaded document for data, loading and validating it
// on first use only.
func loadSpec(data []byte) (*spec, error) {
	key := maphash.Bytes(specSeed, data)
	v, ok := specCache.Load(key)
	if !ok {
		v, _ = specCache.LoadOrStore(key, &specEntry{data: bytes.Clone(data)})
	}
	e := v.(*specEntry)
	if !bytes.Equal(e.data, data) {
		// A hash collision: serve the document without caching it.
		return parseRepairedSpec(data)
	}
	e.once.Do(func() { e.spec, e.err = parseRepairedSpec(data) })
	return e.spec, e.err
}

// parseSpec loads and validates a document and derives the operations, the
// router and the log entry schema from it.
func parseSpec(data []byte) (*spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load openapi document: %w", err)
	}
	// Examples are checked against their schemas when they are first
	// served, with the JSON Schema 2020-12 validator that 3.1 needs.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("validate openapi document: %w", err)
	}
	decodableParameters(doc)
	s := &spec{doc: doc, byID: map[string]*operation{}}
	s.visitOpts = append(s.visitOpts, formatOptions...)
	if doc.IsOpenAPI31OrLater() {
		s.visitOpts = append(s.visitOpts, openapi3.EnableJSONSchema2020())
	}
	var server *openapi3.Server
	if len(doc.Servers) > 0 {
		server = doc.Servers[0]
		u, err := url.Parse(server.URL)
		if err != nil {
			return nil, fmt.Errorf("parse server url %q: %w", server.URL, err)
		}
		s.basePath = strings.TrimSuffix(u.Path, "/")
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", method, path)
			}
			if _, dup := s.byID[op.OperationID]; dup {
				return nil, fmt.Errorf("operationId %q is used twice", op.OperationID)
			}
			o := newOperation(s, server, path, item, method, op)
			s.ops = append(s.ops, o)
			s.byID[o.id] = o
		}
	}
	sort.Slice(s.ops, func(i, j int) bool {
		if s.ops[i].path != s.ops[j].path {
			return s.ops[i].path < s.ops[j].path
		}
		return s.ops[i].method < s.ops[j].method
	})
	hints, err := normalize.ParseHints(api.Hints)
	if err != nil {
		return nil, err
	}
	s.router = newRouter(s.basePath, s.ops, hints.FilePath)
	s.logEntry = logEntrySchema(s.byID[logEntrySourceOperation])
	return s, nil
}

func newOperation(s *spec, server *openapi3.Server, path string, item *openapi3.PathItem, method string, op *openapi3.Operation) *operation {
	o := &operation{
		spec:   s,
		id:     op.OperationID,
		method: method,
		path:   path,
		route: &routers.Route{
			Spec: s.doc, Server: server, Path: path, PathItem: item,
			Method: method, Operation: op,
		},
		authOptional: strings.Contains(op.Description, optionalAuthMarker),
		status:       http.StatusOK,
	}
	if op.Responses != nil {
		o.status, o.mediaType, o.media = successResponse(op.Responses)
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		_, o.multipart = rb.Value.Content["multipart/form-data"]
	}
	o.paginated = o.hasQueryParam(cursorParam) && isPageSchema(o.schema())
	return o
}

// successResponse finds the lowest 2xx status of an operation and the media
// type it answers with (empty for a bodiless answer such as 204).
func successResponse(responses *openapi3.Responses) (int, string, *openapi3.MediaType) {
	best := 0
	for code := range responses.Map() {
		n, err := strconv.Atoi(code)
		if err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	if best == 0 {
		return http.StatusOK, "", nil
	}
	r := responses.Status(best)
	if r == nil || r.Value == nil || len(r.Value.Content) == 0 {
		return best, "", nil
	}
	types := make([]string, 0, len(r.Value.Content))
	for mt := range r.Value.Content {
		types = append(types, mt)
	}
	sort.Strings(types)
	mt := types[0]
	if _, ok := r.Value.Content["application/json"]; ok {
		mt = "application/json"
	}
	return best, mt, r.Value.Content[mt]
}

// errorStatuses lists the 4xx and 5xx statuses of the operation's
// responses, in increasing order.
func (o *operation) errorStatuses() []int {
	var out []int
	if o.route.Operation.Responses == nil {
		return out
	}
	for code := range o.route.Operation.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n >= 400 && n <= 599 {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// hasQueryParam reports whether the operation, or its path, declares a
// query parameter.
func (o *operation) hasQueryParam(name string) bool {
	for _, params := range []openapi3.Parameters{o.route.Operation.Parameters, o.route.PathItem.Parameters} {
		if p := params.GetByInAndName(openapi3.ParameterInQuery, name); p != nil {
			return true
		}
	}
	return false
}

// schema is the schema of the operation's success body, or nil.
func (o *operation) schema() *openapi3.SchemaRef {
	if o.media == nil {
		return nil
	}
	return o.media.Schema
}

// securitySchemes names the security schemes the operation accepts.
func (o *operation) securitySchemes() []string {
	sec := o.route.Operation.Security
	if sec == nil {
		sec = &o.spec.doc.Security
	}
	var names []string
	for _, req := range *sec {
		for name := range req {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// logEntrySchema is the schema of one event of the log stream: the items of
// the log history page, or an empty schema when the document has none.
func logEntrySchema(history *operation) *openapi3.SchemaRef {
	if history != nil {
		if page := history.schema(); page != nil && page.Value != nil {
			if items := page.Value.Properties[logEntrySourceProperty]; items != nil && items.Value != nil && items.Value.Items != nil {
				return items.Value.Items
			}
		}
	}
	return &openapi3.SchemaRef{Value: &openapi3.Schema{}}
}
