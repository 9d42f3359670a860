package genclient

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/normalize"
)

// The result kinds of a generated method, by the success response.
const (
	resultJSON      = "json"      // decoded into a typed value
	resultNoContent = "noContent" // no body: the method returns only an error
	resultEvents    = "events"    // text/event-stream: iter.Seq2 of typed events
	resultDownload  = "download"  // application/octet-stream and any other body: *Download
	resultCSV       = "csv"       // text/csv: *CSVStream
	resultMetrics   = "metrics"   // text/plain in Prometheus format: *Metrics
)

// method is one operation as the template writes it.
type method struct {
	ID          string // operationId
	Name        string // Go name, as oapi-codegen spells it
	HTTPMethod  string
	Path        string
	Doc         []string     // doc comment lines, without "// "
	Auth        string       // authNone, authOptional, authKey or authAdmin
	Idempotent  bool         // the operation accepts an Idempotency-Key header
	Args        []arg        // the method's arguments between ctx and opts
	Tag         string       // the operation's first tag: the file it is written to
	SubTag      string       // its second tag, if any: its group in the README
	Builder     string       // oapi-codegen's request builder, which the tests hold build<Name> to
	BuildArgs   []string     // the build function's arguments after server
	Checks      []string     // argument checks, Go expressions returning error
	DerefParams string       // the params type, when checks read its fields
	Plan        *requestPlan // how build<Name> makes the request
	Result      string       // one of the result kinds
	OutType     string       // decoded type (json) or event type (events)
	UploadField string       // the multipart field of an upload
	Pages       *pages
	Fail        string // the statement returning a failed check's error
}

type arg struct{ Name, Type string }

// pages describes a paginated operation to the template.
type pages struct {
	ParamsType string // e.g. falapi.GetModelsParams
	PageType   string // e.g. falapi.ModelsPage
	ItemType   string // e.g. falapi.Model
	ItemsField string // e.g. Models
	ItemsJSON  string // e.g. models
	Cursor     string // expression setting the cursor on q from cursor (*string)
	Start      string // expression of the first cursor: the one params holds, if any
	NextCursor string // expression reading the next cursor of page as a string
	HasMore    string // expression reading has_more of page as a bool
	ArgsPrefix []arg  // the method's arguments before params (path parameters)
	ArgsSuffix []arg  // the method's arguments after params (a request body)
}

// buildMethods turns every operation of the normalized document into a method.
func buildMethods(doc *openapi3.T, api *goAPI) ([]method, error) {
	var out []method
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for _, verb := range []string{"GET", "PUT", "POST", "DELETE", "PATCH"} {
			op := item.GetOperation(verb)
			if op == nil {
				continue
			}
			m, err := buildMethod(doc, api, verb, path, op)
			if err != nil {
				return nil, fmt.Errorf("%s (%s %s): %w", op.OperationID, verb, path, err)
			}
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func buildMethod(doc *openapi3.T, api *goAPI, verb, path string, op *openapi3.Operation) (method, error) {
	m := method{ID: op.OperationID, Name: goName(op.OperationID), HTTPMethod: verb, Path: path, Tag: "Untagged"}
	if len(op.Tags) > 0 && op.Tags[0] != "" {
		m.Tag = op.Tags[0]
	}
	if len(op.Tags) > 1 {
		m.SubTag = op.Tags[1]
	}
	m.Auth = authOf(doc, op)
	m.Doc = docLines(m, op)
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInHeader && strings.EqualFold(p.Value.Name, "Idempotency-Key") {
			m.Idempotent = true
		}
	}

	status, media, content := successResponse(op)
	multipart := op.RequestBody != nil && op.RequestBody.Value.Content.Get("multipart/form-data") != nil
	m.Builder = "New" + m.Name + "Request"
	switch media := jsonBodyMedia(op); {
	case multipart:
		m.Builder += "WithBody"
	case media != "" && media != "application/json":
		m.Builder += "With" + bodyMediaName(api, m.Name, media) + "Body"
	}
	params, err := requestParams(api, m.Name, path, op)
	if err != nil {
		return m, err
	}
	if err := m.arguments(api, op, params, multipart); err != nil {
		return m, err
	}
	if m.Plan, err = planRequest(api, op, path, params, multipart); err != nil {
		return m, err
	}
	if err := m.result(status, media, content); err != nil {
		return m, err
	}
	if items, ok := op.Extensions["x-fal-page-items"].(string); ok && m.Result == resultJSON {
		pg, err := m.pagination(api, items)
		if err != nil {
			return m, err
		}
		m.Pages = pg
	}
	return m, nil
}

// arguments maps the build function's parameters to the method's arguments and
// writes the checks they need.
func (m *method) arguments(api *goAPI, op *openapi3.Operation, params []goParam, multipart bool) error {
	pathParams := map[string]*openapi3.Parameter{}
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInPath {
			pathParams[goArgName(p.Value.Name)] = p.Value
		}
	}
	opRef := "&op" + m.Name
	for i := 0; i < len(params); i++ {
		p := params[i]
		switch {
		case p.name == "params" && onlyIdempotencyKey(op):
			// The transport sets the key (see WithIdempotencyKey): no
			// params argument for the caller to fill.
			m.BuildArgs = append(m.BuildArgs, "nil")
		case p.name == "params":
			m.Args = append(m.Args, arg{"params", qualify(p.typ)})
			m.BuildArgs = append(m.BuildArgs, "params")
			checks, err := paramChecks(api, op, opRef, strings.TrimPrefix(p.typ, "*"))
			if err != nil {
				return err
			}
			if len(checks) > 0 {
				m.DerefParams = qualify(strings.TrimPrefix(p.typ, "*"))
				m.Checks = append(m.Checks, checks...)
			}
		case p.name == "body" && !multipart:
			typ := qualify(api.resolve(p.typ))
			m.Args = append(m.Args, arg{"body", typ})
			if strings.HasPrefix(typ, "[]") {
				// A nil list is sent as [] (JSON null is not a list).
				m.BuildArgs = append(m.BuildArgs, "nonNil(body)")
			} else {
				m.BuildArgs = append(m.BuildArgs, "body")
			}
		case p.name == "contentType" && multipart:
			m.Args = append(m.Args, arg{"file", "Upload"})
			m.BuildArgs = append(m.BuildArgs, "contentType", "body")
			i++ // the body reader that follows
			field, err := uploadField(op)
			if err != nil {
				return err
			}
			m.UploadField = field
		default:
			spec, ok := pathParams[p.name]
			if !ok {
				return fmt.Errorf("builder parameter %s %s is not a path parameter", p.name, p.typ)
			}
			m.Args = append(m.Args, arg{p.name, qualify(p.typ)})
			m.BuildArgs = append(m.BuildArgs, p.name)
			switch {
			case p.typ != "string":
				// A number, boolean, date or UUID is always a segment.
			case spec.Extensions["x-fal-file-path"] == true:
				m.Checks = append(m.Checks, fmt.Sprintf("checkFilePath(%s, %q, %s)", opRef, spec.Name, p.name))
			default:
				m.Checks = append(m.Checks, fmt.Sprintf("checkRequired(%s, %q, %s)", opRef, spec.Name, p.name))
			}
		}
	}
	return nil
}

// onlyIdempotencyKey reports whether the operation's only query or header
// parameter is the Idempotency-Key header.
func onlyIdempotencyKey(op *openapi3.Operation) bool {
	found := false
	for _, p := range op.Parameters {
		switch {
		case p.Value.In == openapi3.ParameterInPath:
		case p.Value.In == openapi3.ParameterInHeader && strings.EqualFold(p.Value.Name, "Idempotency-Key"):
			found = true
		default:
			return false
		}
	}
	return found
}

// paramChecks checks the fields of the params struct that must be set.
// Enum values are not checked: a value the vendored schema does not list
// yet may be one fal accepts since, and the server judges it.
func paramChecks(api *goAPI, op *openapi3.Operation, opRef, paramsType string) ([]string, error) {
	var checks []string
	for _, p := range op.Parameters {
		v := p.Value
		if (v.In != openapi3.ParameterInQuery && v.In != openapi3.ParameterInHeader) || !v.Required {
			continue
		}
		f, err := api.field(paramsType, v.Name)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("%q", v.Name)
		switch {
		case f.typ == "string" || api.isStringEnum(f.typ):
			checks = append(checks, fmt.Sprintf("checkRequired(%s, %s, p.%s)", opRef, name, f.name))
		case strings.HasPrefix(f.typ, "[]"):
			checks = append(checks, fmt.Sprintf("checkNotEmpty(%s, %s, p.%s)", opRef, name, f.name))
		}
	}
	return checks, nil
}

// uploadField is the name of the multipart field that carries the file.
func uploadField(op *openapi3.Operation) (string, error) {
	s := op.RequestBody.Value.Content.Get("multipart/form-data").Schema
	if s == nil || s.Value == nil || len(s.Value.Properties) != 1 {
		return "", fmt.Errorf("the multipart body must have exactly one field, the file")
	}
	for name := range s.Value.Properties {
		return name, nil
	}
	return "", nil
}

// successResponse returns the first 2xx response's status, media type and
// content.
func successResponse(op *openapi3.Operation) (string, string, *openapi3.MediaType) {
	var statuses []string
	for status := range op.Responses.Map() {
		if strings.HasPrefix(status, "2") {
			statuses = append(statuses, status)
		}
	}
	sort.Strings(statuses)
	if len(statuses) == 0 {
		return "", "", nil
	}
	resp := op.Responses.Value(statuses[0]).Value
	var types []string
	for ct := range resp.Content {
		types = append(types, ct)
	}
	sort.Strings(types)
	if len(types) == 0 {
		return statuses[0], "", nil
	}
	return statuses[0], types[0], resp.Content[types[0]]
}

func (m *method) result(status, media string, content *openapi3.MediaType) error {
	switch {
	case media == "":
		m.Result = resultNoContent
	case normalize.IsJSONMedia(media):
		m.Result = resultJSON
		m.OutType = schemaGoType(content.Schema)
	case media == "text/event-stream":
		m.Result = resultEvents
		m.OutType = schemaGoType(content.Schema)
	case media == "text/csv":
		m.Result = resultCSV
	case strings.HasPrefix(media, "text/") && content.Extensions["x-fal-format"] == "prometheus":
		m.Result = resultMetrics
	default:
		// Any other body (octet-stream, plain text, an image) is streamed
		// to the caller as it is.
		m.Result = resultDownload
	}
	return nil
}

// schemaGoType is the Go type a response schema decodes into: its
// component, a slice of one, a Go basic type, or raw JSON.
func schemaGoType(ref *openapi3.SchemaRef) string {
	switch {
	case ref == nil || ref.Value == nil:
		return "json.RawMessage"
	case ref.Ref != "":
		return "falapi." + componentName(ref.Ref)
	case ref.Value.Type.Is("array") && ref.Value.Items != nil:
		return "[]" + schemaGoType(ref.Value.Items)
	}
	for typ, goType := range map[string]string{"boolean": "bool", "string": "string", "integer": "int", "number": "float64"} {
		if ref.Value.Type.Is(typ) {
			return goType
		}
	}
	return "json.RawMessage"
}

// byValue reports whether a decoded type is returned as it is rather than
// by pointer: slices, basic types and raw JSON.
func byValue(goType string) bool {
	return !strings.HasPrefix(goType, "falapi.")
}

func componentName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func (m *method) pagination(api *goAPI, items string) (*pages, error) {
	pageType := strings.TrimPrefix(m.OutType, "falapi.")
	paramsType := m.Args[slices.IndexFunc(m.Args, func(a arg) bool { return a.Name == "params" })].Type
	list, err := api.field(pageType, items)
	if err != nil {
		return nil, err
	}
	next, err := api.field(pageType, "next_cursor")
	if err != nil {
		return nil, err
	}
	more, err := api.field(pageType, "has_more")
	if err != nil {
		return nil, err
	}
	cursor, err := api.field(strings.TrimPrefix(strings.TrimPrefix(paramsType, "*"), "falapi."), "cursor")
	if err != nil {
		return nil, err
	}
	pg := &pages{
		ParamsType: strings.TrimPrefix(paramsType, "*"),
		PageType:   m.OutType,
		ItemType:   qualify(strings.TrimPrefix(list.typ, "[]")),
		ItemsField: list.name,
		ItemsJSON:  items,
	}
	if !strings.HasPrefix(list.typ, "[]") {
		return nil, fmt.Errorf("page items %s are %s, not a slice", items, list.typ)
	}
	switch cursor.typ {
	case "*string":
		pg.Cursor = "q." + cursor.name + " = cursor"
		pg.Start = "base." + cursor.name
	case "string":
		pg.Cursor = "q." + cursor.name + " = deref(cursor)"
		pg.Start = "func() *string { if base." + cursor.name + " == \"\" { return nil }; return &base." + cursor.name + " }()"
	default:
		return nil, fmt.Errorf("cursor parameter is %s", cursor.typ)
	}
	if pg.NextCursor, err = stringValue("page."+next.name, next.typ); err != nil {
		return nil, err
	}
	switch more.typ {
	case "bool":
		pg.HasMore = "page." + more.name
	case "*bool":
		pg.HasMore = "deref(page." + more.name + ")"
	default:
		return nil, fmt.Errorf("has_more is %s", more.typ)
	}
	i := slices.IndexFunc(m.Args, func(a arg) bool { return a.Name == "params" })
	pg.ArgsPrefix, pg.ArgsSuffix = m.Args[:i], m.Args[i+1:]
	return pg, nil
}

// stringValue reads a string, *string or nullable string field as a string.
func stringValue(expr, typ string) (string, error) {
	switch typ {
	case "string":
		return expr, nil
	case "*string":
		return "deref(" + expr + ")", nil
	case "Nullable[string]":
		return expr + ".GetOrEmpty()", nil
	}
	return "", fmt.Errorf("next_cursor is %s", typ)
}

// authOf says which key an operation needs: none, optional (an empty
// security requirement is one of the alternatives), an API key or an admin key.
func authOf(doc *openapi3.T, op *openapi3.Operation) string {
	reqs := doc.Security
	if op.Security != nil {
		reqs = *op.Security
	}
	if len(reqs) == 0 {
		return "authNone"
	}
	admin := false
	for _, r := range reqs {
		if len(r) == 0 {
			return "authOptional"
		}
		if _, ok := r["adminApiKey"]; ok {
			admin = true
		}
	}
	if admin {
		return "authAdmin"
	}
	return "authKey"
}

var exportedIdent = regexp.MustCompile(`(^|[^.\w])([A-Z]\w*)`)

// qualify prefixes the falapi types in a Go type expression with falapi.
func qualify(typ string) string {
	return exportedIdent.ReplaceAllString(typ, "${1}falapi.${2}")
}
