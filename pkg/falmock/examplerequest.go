package falmock

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/normalize"
)

// ExampleRequest is a request an operation accepts, built from the schema by
// Handler.ExampleRequest, for tests that call every operation without
// knowing any of them: contract tests of a client, or a smoke test of a
// proxy.
type ExampleRequest struct {
	// PathParams holds a value for each path parameter, unescaped. A file
	// path parameter (api/hints.yaml) holds several segments, such as
	// "datasets/images/cat.jpg": package fal sends it escaped as one
	// segment (datasets%2Fimages%2Fcat.jpg), and the mock also serves it
	// sent with its slashes.
	PathParams map[string]string
	// Query holds a value for every query parameter, required or not,
	// serialized as the parameter's style says (an exploded list is one
	// value per item). The cursor of a paginated operation is left out:
	// without one, the first page is served.
	Query url.Values
	// Header holds a value for every header parameter.
	Header http.Header
	// Body is a JSON request body carrying every property of its schema,
	// or nil when the operation takes no JSON body.
	Body []byte
	// BodyType is the media type to send Body as: application/json, or the
	// +json type the operation takes (application/merge-patch+json).
	BodyType string
	// FileField is the form field that carries the file of a
	// multipart/form-data upload, or empty when the operation takes none.
	FileField string
}

// examplePathPrefix is put before a file path parameter value that holds
// no slash, so that the example always spans several segments.
const examplePathPrefix = "dir/sub/"

// ExampleRequest returns a request that the operation accepts. Each
// parameter gets its own example when that validates against its schema,
// else a value synthesized from the schema the way answers are (its schema's
// example, a format-aware string, the first enum value, a number within its
// bounds, one list item); the body is synthesized with every property. Send
// it with the key of Server.Client (or any accepted key) and the mock
// answers with the operation's success status.
func (h *Handler) ExampleRequest(operationID string) (ExampleRequest, error) {
	o, ok := h.spec.byID[operationID]
	if !ok {
		return ExampleRequest{}, fmt.Errorf("falmock: example request: unknown operation %q", operationID)
	}
	if err := o.load(); err != nil {
		return ExampleRequest{}, err
	}
	sy := newSynthesizer(h.spec)
	ex := ExampleRequest{PathParams: map[string]string{}, Query: url.Values{}, Header: http.Header{}}
	for _, p := range o.parameters() {
		v := parameterExample(sy, p)
		switch p.In {
		case openapi3.ParameterInPath:
			s := strings.Join(formValues(v, false), ",")
			if o.isFilePathParam(p.Name) && !strings.Contains(s, "/") {
				s = examplePathPrefix + s
			}
			ex.PathParams[p.Name] = s
		case openapi3.ParameterInQuery:
			if o.paginated && p.Name == cursorParam {
				continue
			}
			explode := true
			if sm, err := p.SerializationMethod(); err == nil {
				explode = sm.Explode
			}
			ex.Query[p.Name] = formValues(v, explode)
		case openapi3.ParameterInHeader:
			ex.Header.Set(p.Name, strings.Join(formValues(v, false), ","))
		}
	}
	rb := o.route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return ex, nil
	}
	if o.multipart {
		ex.FileField = fileField(rb.Value.Content.Get("multipart/form-data"))
		return ex, nil
	}
	if mt := normalize.JSONMediaType(rb.Value.Content); mt != "" {
		body, err := encodeJSON(sy.value(rb.Value.Content[mt].Schema, ""))
		if err != nil {
			return ExampleRequest{}, fmt.Errorf("falmock: example request of %s: encode the body: %w", operationID, err)
		}
		ex.Body, ex.BodyType = body, mt
	}
	return ex, nil
}

// parameters lists the parameters of the operation, then those of its path
// item that the operation does not redefine.
func (o *operation) parameters() []*openapi3.Parameter {
	var out []*openapi3.Parameter
	own := map[string]bool{}
	for _, p := range o.route.Operation.Parameters {
		if p != nil && p.Value != nil {
			out = append(out, p.Value)
			own[p.Value.In+" "+p.Value.Name] = true
		}
	}
	for _, p := range o.route.PathItem.Parameters {
		if p != nil && p.Value != nil && !own[p.Value.In+" "+p.Value.Name] {
			out = append(out, p.Value)
		}
	}
	return out
}

// isFilePathParam reports whether param is the file path parameter that
// ends the operation's path (api/hints.yaml).
func (o *operation) isFilePathParam(param string) bool {
	for _, pr := range o.spec.router.paths {
		if pr.template == o.path {
			return pr.filePath && pr.segments[len(pr.segments)-1].param == param
		}
	}
	return false
}

// parameterExample is the parameter's own example when it validates against
// the parameter's schema, else a value synthesized from that schema.
func parameterExample(sy synthesizer, p *openapi3.Parameter) any {
	candidates := []any{p.Example}
	for _, name := range slices.Sorted(maps.Keys(p.Examples)) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil {
			candidates = append(candidates, ex.Value.Value)
		}
	}
	if p.Schema != nil && p.Schema.Value != nil {
		for _, c := range candidates {
			if c != nil && sy.valid(p.Schema.Value, c) {
				return c
			}
		}
	}
	return sy.value(p.Schema, p.Name)
}

// formValues writes a parameter value as text: a list as one value per item
// when explode is set, else as one comma-separated value; numbers in plain
// decimal; objects as JSON.
func formValues(v any, explode bool) []string {
	switch x := v.(type) {
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, formValues(e, explode)...)
		}
		if !explode {
			return []string{strings.Join(out, ",")}
		}
		return out
	case string:
		return []string{x}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case bool:
		return []string{strconv.FormatBool(x)}
	case nil:
		return []string{""}
	}
	b, _ := json.Marshal(v) // a value decoded from JSON always encodes
	return []string{string(b)}
}

// fileField names the form field that carries the file: the first, by
// name, whose schema describes file content, else the first field.
func fileField(media *openapi3.MediaType) string {
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return "file"
	}
	props := media.Schema.Value.Properties
	names := slices.Sorted(maps.Keys(props))
	sort.SliceStable(names, func(i, j int) bool {
		return isFileSchema(props[names[i]]) && !isFileSchema(props[names[j]])
	})
	if len(names) == 0 {
		return "file"
	}
	return names[0]
}
