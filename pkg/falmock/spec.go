package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"go.yaml.in/yaml/v3"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
)

// spec is an OpenAPI document loaded once, with what the mock derives from
// it. It is shared, read-only, by every Handler serving the same bytes.
//
// Loading reads the document's outline only: its top (servers, security,
// components) and the operationId of each path and method. Each path item
// is decoded, validated and turned into operations the first time one of
// its operations is used, so that a mock that serves one call decodes one
// path of fal's 63.
type spec struct {
	// doc is the document without its paths: what every route refers to
	// for its security schemes and OpenAPI version.
	doc       *openapi3.T
	server    *openapi3.Server
	basePath  string
	ops       []*operation
	byID      map[string]*operation
	router    *router
	hints     normalize.Hints
	visitOpts []openapi3.SchemaValidationOption

	// data is the document as JSON, for naming where a path's defect
	// stands when the path fails on first use.
	data []byte

	// schemeUsers names, for each security scheme a requirement names, an
	// operation that names it ("" for the document's own requirement).
	schemeUsers map[string]string

	// decodeMu makes path items decode one at a time: resolving the
	// references of one walks the components every route shares.
	decodeMu sync.Mutex

	answers sync.Map // answerKey -> *answer
}

// pathEntry is one path of the document: its path item as JSON until one
// of its operations is first used, then decoded.
type pathEntry struct {
	template string
	raw      json.RawMessage
	once     sync.Once
	item     *openapi3.PathItem
	err      error
}

// operation is one operation of the document and its derived facts. Routing
// needs only id, method and path; load fills in the rest.
type operation struct {
	spec   *spec
	id     string
	method string
	path   string
	entry  *pathEntry

	loadOnce sync.Once
	loadErr  error

	route        *routers.Route
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

	eventOnce sync.Once
	event     eventSchema
	eventErr  error
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

// loadSpec returns the loaded document for data, loading its outline on
// first use only.
func loadSpec(data []byte) (*spec, error) {
	key := maphash.Bytes(specSeed, data)
	v, ok := specCache.Load(key)
	if !ok {
		v, _ = specCache.LoadOrStore(key, &specEntry{data: bytes.Clone(data)})
	}
	e := v.(*specEntry)
	if !bytes.Equal(e.data, data) {
		// A hash collision: serve the document without caching it.
		return parseRepairedSpec(bytes.Clone(data))
	}
	e.once.Do(func() { e.spec, e.err = parseRepairedSpec(e.data) })
	return e.spec, e.err
}

// parseSpec reads a document's outline: it loads and validates everything
// but the path items, and lists the operations of every path for the
// router. The spec keeps data, which must not change.
func parseSpec(data []byte) (*spec, error) {
	data, err := asJSON(data)
	if err != nil {
		return nil, fmt.Errorf("read openapi document: %w", err)
	}
	top := map[string]json.RawMessage{}
	var paths []byte
	err = members(data, func(name string, value []byte) error {
		if name == "paths" {
			paths = value
		} else {
			top[name] = value
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read openapi document: %w", err)
	}
	doc, err := loadTop(top)
	if err != nil {
		return nil, err
	}
	s := &spec{doc: doc, data: data, byID: map[string]*operation{}}
	s.visitOpts = append(s.visitOpts, formatOptions...)
	if doc.IsOpenAPI31OrLater() {
		s.visitOpts = append(s.visitOpts, openapi3.EnableJSONSchema2020())
	}
	if len(doc.Servers) > 0 {
		s.server = doc.Servers[0]
		u, err := url.Parse(s.server.URL)
		if err != nil {
			return nil, fmt.Errorf("parse server url %q: %w", s.server.URL, err)
		}
		s.basePath = strings.TrimSuffix(u.Path, "/")
	}
	if paths != nil {
		err := members(paths, func(template string, item []byte) error {
			return s.addPath(&pathEntry{template: template, raw: item})
		})
		if err != nil {
			return nil, err
		}
	}
	if err := s.checkSchemeNames(); err != nil {
		return nil, err
	}
	sort.Slice(s.ops, func(i, j int) bool {
		if s.ops[i].path != s.ops[j].path {
			return s.ops[i].path < s.ops[j].path
		}
		return s.ops[i].method < s.ops[j].method
	})
	if s.hints, err = normalize.ParseHints(api.Hints); err != nil {
		return nil, err
	}
	s.router = newRouter(s.basePath, s.ops, s.hints.FilePath)
	return s, nil
}

// asJSON returns a YAML document as JSON; a JSON one is returned as it is.
func asJSON(data []byte) ([]byte, error) {
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		return data, nil
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, errors.New("the document is not a JSON or YAML object")
	}
	return json.Marshal(v)
}

// loadTop decodes and validates the document without its paths, resolving
// the references of its components.
func loadTop(top map[string]json.RawMessage) (*openapi3.T, error) {
	data, err := json.Marshal(top)
	if err != nil {
		return nil, fmt.Errorf("read openapi document: %w", err)
	}
	doc := &openapi3.T{}
	if err := json.Unmarshal(data, doc); err != nil {
		return nil, fmt.Errorf("load openapi document: %w", err)
	}
	doc.Paths = openapi3.NewPaths()
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		return nil, fmt.Errorf("load openapi document: %w", err)
	}
	// Examples are checked against their schemas when they are first
	// served, with the JSON Schema 2020-12 validator that 3.1 needs.
	if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("validate openapi document: %w", err)
	}
	return doc, nil
}

// pathMethods are the methods of a path item's operations, by their key.
var pathMethods = map[string]string{
	"get": http.MethodGet, "put": http.MethodPut, "post": http.MethodPost, "delete": http.MethodDelete,
	"options": http.MethodOptions, "head": http.MethodHead, "patch": http.MethodPatch, "trace": http.MethodTrace,
}

// addPath lists the operations of one path from the operationId of each.
func (s *spec) addPath(e *pathEntry) error {
	return members(e.raw, func(key string, value []byte) error {
		if key == "$ref" {
			return fmt.Errorf("path %s is a $ref, which falmock does not follow", e.template)
		}
		method, ok := pathMethods[key]
		if !ok {
			return nil
		}
		var id string
		var security openapi3.SecurityRequirements
		err := members(value, func(name string, value []byte) error {
			switch name {
			case "operationId":
				return json.Unmarshal(value, &id)
			case "security":
				return json.Unmarshal(value, &security)
			}
			return nil
		})
		switch {
		case err != nil:
			return fmt.Errorf("read openapi document: %s %s: %w", method, e.template, err)
		case id == "":
			return fmt.Errorf("%s %s has no operationId", method, e.template)
		case s.byID[id] != nil:
			return fmt.Errorf("operationId %q is used twice", id)
		}
		o := &operation{spec: s, id: id, method: method, path: e.template, entry: e, status: http.StatusOK}
		s.noteSchemeNames(id, security)
		s.ops = append(s.ops, o)
		s.byID[id] = o
		return nil
	})
}

// noteSchemeNames remembers, for checkSchemeNames, an operation that names
// each security scheme its requirements name.
func (s *spec) noteSchemeNames(operationID string, reqs openapi3.SecurityRequirements) {
	for _, req := range reqs {
		for name := range req {
			if _, ok := s.schemeUsers[name]; !ok {
				if s.schemeUsers == nil {
					s.schemeUsers = map[string]string{}
				}
				s.schemeUsers[name] = operationID
			}
		}
	}
}

// checkSchemeNames refuses, as a full validation of the document would, a
// security requirement naming a scheme the components do not define: the
// paths are validated one by one on first use, and this defect (which fal
// has published, and which parseRepairedSpec repairs) would otherwise show
// only when the operation is called.
func (s *spec) checkSchemeNames() error {
	s.noteSchemeNames("", s.doc.Security)
	for _, name := range slices.Sorted(maps.Keys(s.schemeUsers)) {
		if s.doc.Components == nil || s.doc.Components.SecuritySchemes[name] == nil {
			where := "the document's security"
			if op := s.schemeUsers[name]; op != "" {
				where = "operation " + op
			}
			return fmt.Errorf("validate openapi document: %s refers to undefined security scheme %q", where, name)
		}
	}
	return nil
}

// pathItem decodes, resolves and validates a path item on first use.
func (s *spec) pathItem(e *pathEntry) (*openapi3.PathItem, error) {
	e.once.Do(func() {
		s.decodeMu.Lock()
		defer s.decodeMu.Unlock()
		e.item, e.err = s.decodePathItem(e.template, e.raw)
		if e.err != nil {
			e.err = located(s.data, e.err)
		}
		e.raw = nil
	})
	return e.item, e.err
}

func (s *spec) decodePathItem(template string, raw json.RawMessage) (*openapi3.PathItem, error) {
	item := &openapi3.PathItem{}
	if err := json.Unmarshal(raw, item); err != nil {
		return nil, fmt.Errorf("load path %s: %w", template, err)
	}
	paths := openapi3.NewPaths(openapi3.WithPath(template, item))
	// The path is resolved against the document's components, in a
	// document of its own so that the shared top is never written to.
	one := &openapi3.T{OpenAPI: s.doc.OpenAPI, Info: s.doc.Info, Components: s.doc.Components, Paths: paths}
	if err := openapi3.NewLoader().ResolveRefsIn(one, nil); err != nil {
		return nil, fmt.Errorf("load path %s: %w", template, err)
	}
	opts := []openapi3.ValidationOption{openapi3.DisableExamplesValidation()}
	if s.doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if s.doc.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	if err := paths.Validate(context.Background(), opts...); err != nil {
		return nil, fmt.Errorf("validate path %s: %w", template, err)
	}
	decodableParameters(item)
	return item, nil
}

// load decodes the operation's path item, on first use, and derives the
// operation's facts from it.
func (o *operation) load() error {
	o.loadOnce.Do(func() {
		item, err := o.spec.pathItem(o.entry)
		if err != nil {
			o.loadErr = fmt.Errorf("falmock: the schema's %s %s cannot be served: %w", o.method, o.path, err)
			return
		}
		op := item.GetOperation(o.method)
		o.route = &routers.Route{
			Spec: o.spec.doc, Server: o.spec.server, Path: o.path, PathItem: item,
			Method: o.method, Operation: op,
		}
		o.authOptional = normalize.AuthOptional(op.Description)
		if op.Responses != nil {
			o.status, o.mediaType, o.media = successResponse(op.Responses)
		}
		if rb := op.RequestBody; rb != nil && rb.Value != nil {
			_, o.multipart = rb.Value.Content["multipart/form-data"]
		}
		o.paginated = o.hasQueryParam(cursorParam) && isPageSchema(o.schema())
	})
	return o.loadErr
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

// download reports whether the operation's success body is one the
// client streams as a download: neither JSON, a CSV report, an event stream
// nor text in a format api/hints.yaml names (Prometheus metrics), but
// octet-stream, an image or any other text.
func (o *operation) download() bool {
	_, formatted := o.spec.hints.Formats[o.id]
	if formatted && strings.HasPrefix(o.mediaType, "text/") {
		return false
	}
	return o.mediaType != "" && !normalize.IsJSONMedia(o.mediaType) && o.mediaType != "text/csv" && o.mediaType != "text/event-stream"
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
