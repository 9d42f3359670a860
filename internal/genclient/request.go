package genclient

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// requestPlan is how a generated build function makes an operation's
// request without reflection: the URL piece by piece, each query parameter
// with the helper for its Go type, the headers and the body. Its wire format
// is oapi-codegen's (a generated test holds every operation to that).
type requestPlan struct {
	Params  []goParam   // the build function's parameters after server, as oapi-codegen's builder has them
	Path    []pathPart  // the path after the base URL
	Query   []fieldPart // query parameters, in the schema's order
	Headers []fieldPart // header parameters
	Body    string      // "", "json" or "reader" (a multipart body built by the caller)
	// BodyMedia is the media type of a JSON body: application/json or a
	// +json type.
	BodyMedia string
}

// pathPart is a literal piece of the path, or a parameter to escape.
type pathPart struct {
	Literal string
	Param   string // the Go parameter
	Format  string // the pkg/fal formatter of a parameter that is not a string
}

// fieldPart writes one field of the params struct.
type fieldPart struct {
	Helper string // the pkg/fal helper that writes it: its shape
	Format string // the pkg/fal formatter of one value of the field
	Key    string // the query key with its "=", escaped, or the header name
	Field  string // the Go field of params
}

// valueFormatters maps the Go type of one parameter value, a generated
// defined type (an enum) read as its underlying type, to the pkg/fal
// formatter that gives the text oapi-codegen's runtime gives it.
var valueFormatters = map[string]string{
	"string":             "formatString",
	"bool":               "formatBool",
	"int":                "formatInt",
	"int8":               "formatInt",
	"int16":              "formatInt",
	"int32":              "formatInt",
	"int64":              "formatInt",
	"uint":               "formatUint",
	"uint8":              "formatUint",
	"uint16":             "formatUint",
	"uint32":             "formatUint",
	"uint64":             "formatUint",
	"float32":            "formatFloat32",
	"float64":            "formatFloat64",
	"time.Time":          "formatTime",
	"openapi_types.Date": "formatDate",
	"openapi_types.UUID": "formatUUID",
}

// paramShape is how a params field holds its value: as it is, behind a
// pointer (optional) or as a list.
type paramShape int

const (
	shapeValue paramShape = iota
	shapePointer
	shapeList
)

// splitParamType reads the Go type of a params field as its shape and the
// formatter of one of its values.
func (a *goAPI) splitParamType(typ string) (paramShape, string, bool) {
	shape := shapeValue
	switch {
	case strings.HasPrefix(typ, "*"):
		shape, typ = shapePointer, typ[1:]
	case strings.HasPrefix(typ, "[]"):
		shape, typ = shapeList, typ[2:]
	}
	format, ok := a.formatterOf(typ)
	return shape, format, ok
}

// formatterOf is the pkg/fal formatter of one value of typ, a defined type
// (an enum) read as its underlying type.
func (a *goAPI) formatterOf(typ string) (string, bool) {
	if u, ok := a.underlying[a.resolve(typ)]; ok {
		typ = u
	}
	format, ok := valueFormatters[typ]
	return format, ok
}

// planRequest works out the request plan of an operation, or says which
// parameter it cannot send.
func planRequest(api *goAPI, op *openapi3.Operation, path string, builder []goParam, multipart bool) (*requestPlan, error) {
	plan := &requestPlan{Params: builder}
	args := map[string]bool{}
	argTypes := map[string]string{}
	for _, p := range builder {
		args[p.name] = true
		argTypes[p.name] = p.typ
	}
	rest := strings.TrimPrefix(path, "/")
	for rest != "" {
		open := strings.Index(rest, "{")
		if open < 0 {
			plan.Path = append(plan.Path, pathPart{Literal: rest})
			break
		}
		closing := strings.Index(rest, "}")
		if open > 0 {
			plan.Path = append(plan.Path, pathPart{Literal: rest[:open]})
		}
		name := rest[open+1 : closing]
		arg := goArgName(name)
		if !args[arg] {
			return nil, fmt.Errorf("path parameter {%s} has no argument", name)
		}
		part := pathPart{Param: arg}
		if typ := argTypes[arg]; typ != "string" {
			part.Format, _ = api.formatterOf(typ) // requestParams has checked it
		}
		plan.Path = append(plan.Path, part)
		rest = rest[closing+1:]
	}

	for _, p := range builder {
		switch p.name {
		case "body":
			plan.Body, plan.BodyMedia = "json", jsonBodyMedia(op)
			if multipart {
				plan.Body = "reader"
			}
		case "params":
			if err := plan.planParams(api, op, strings.TrimPrefix(p.typ, "*")); err != nil {
				return nil, err
			}
		}
	}
	return plan, nil
}

// planParams plans the query and header parameters of the params struct:
// query parameters in form style, a list exploded (the key repeated) or
// not (the values joined by commas), and header parameters in simple
// style, each holding one value.
func (plan *requestPlan) planParams(api *goAPI, op *openapi3.Operation, paramsType string) error {
	for _, p := range op.Parameters {
		v := p.Value
		if v.In == openapi3.ParameterInPath {
			continue
		}
		f, err := api.field(paramsType, v.Name)
		if err != nil {
			return err
		}
		shape, format, ok := api.splitParamType(f.typ)
		if !ok {
			return fmt.Errorf("%s parameter %s is a %s, which the request plan cannot write", v.In, v.Name, f.typ)
		}
		exploded := v.Explode == nil || *v.Explode
		switch {
		case v.In == openapi3.ParameterInQuery && (v.Style == "" || v.Style == "form") && !v.AllowReserved:
			helper := [...]string{shapeValue: "queryOne", shapePointer: "queryOpt", shapeList: "queryEach"}[shape]
			if shape == shapeList && !exploded {
				helper = "queryJoined"
			}
			plan.Query = append(plan.Query, fieldPart{Helper: helper, Format: format, Key: url.QueryEscape(v.Name) + "=", Field: f.name})
		case v.In == openapi3.ParameterInHeader && (v.Style == "" || v.Style == "simple") && shape != shapeList:
			helper := [...]string{shapeValue: "headerOne", shapePointer: "headerOpt"}[shape]
			plan.Headers = append(plan.Headers, fieldPart{Helper: helper, Format: format, Key: v.Name, Field: f.name})
		default:
			return fmt.Errorf("parameter %s (in %s, style %q, a %s) is not one the request plan can send", v.Name, v.In, v.Style, f.typ)
		}
	}
	return nil
}

// BuildSignature is the parameter list of a build function after server.
func (plan *requestPlan) BuildSignature() string {
	var b strings.Builder
	for _, p := range plan.Params {
		fmt.Fprintf(&b, ", %s %s", p.name, qualify(p.typ))
	}
	return b.String()
}
