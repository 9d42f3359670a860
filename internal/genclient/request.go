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
}

// pathPart is a literal piece of the path, or a parameter to escape.
type pathPart struct {
	Literal string
	Param   string // the Go parameter
	File    bool   // a file path: escaped segment by segment
}

// fieldPart writes one field of the params struct.
type fieldPart struct {
	Helper string // the pkg/fal helper that writes it
	Key    string // the query key with its "=", escaped, or the header name
	Field  string // the Go field of params
}

// queryHelpers maps the Go types of params fields to the helper that
// writes them; an enum type is written as the string it is.
var queryHelpers = map[string]string{
	"*string":  "queryPtr",
	"string":   "queryString",
	"[]string": "queryList",
	"*int":     "queryInt",
	"*bool":    "queryBool",
	"*float64": "queryFloat",
}

// planRequest works out the request plan of an operation, or says which
// parameter it cannot send.
func planRequest(api *goAPI, op *openapi3.Operation, path string, builder []goParam, multipart bool) (*requestPlan, error) {
	plan := &requestPlan{Params: builder}
	args := map[string]bool{}
	for _, p := range builder {
		args[p.name] = true
	}
	fileParams := map[string]bool{}
	for _, p := range op.Parameters {
		if p.Value.In == openapi3.ParameterInPath && p.Value.Extensions["x-fal-file-path"] == true {
			fileParams[p.Value.Name] = true
		}
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
		plan.Path = append(plan.Path, pathPart{Param: arg, File: fileParams[name]})
		rest = rest[closing+1:]
	}

	for _, p := range builder {
		switch p.name {
		case "body":
			plan.Body = "json"
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

// planParams plans the query and header parameters of the params struct.
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
		typ := f.typ
		for _, wrap := range []string{"*", "[]"} {
			if base := strings.TrimPrefix(typ, wrap); base != typ && api.isStringEnum(base) {
				typ = wrap + "string"
			}
		}
		if api.isStringEnum(typ) {
			typ = "string"
		}
		switch {
		case v.In == openapi3.ParameterInQuery && (v.Style == "" || v.Style == "form") && (v.Explode == nil || *v.Explode) && !v.AllowReserved:
			helper, ok := queryHelpers[typ]
			if !ok {
				return fmt.Errorf("query parameter %s is a %s, which the request plan cannot write", v.Name, f.typ)
			}
			plan.Query = append(plan.Query, fieldPart{Helper: helper, Key: url.QueryEscape(v.Name) + "=", Field: f.name})
		case v.In == openapi3.ParameterInHeader && typ == "*string":
			plan.Headers = append(plan.Headers, fieldPart{Helper: "setHeader", Key: v.Name, Field: f.name})
		default:
			return fmt.Errorf("parameter %s (in %s, style %q) is not one the request plan can send", v.Name, v.In, v.Style)
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
