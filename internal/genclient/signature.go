package genclient

import (
	"fmt"
	"go/token"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/normalize"
)

// requestParams lists the parameters of an operation's build function after
// the server URL, read from the schema: the path parameters in the order
// the path names them, then the params struct when the operation has query
// or header parameters, then the body (a JSON value, or a multipart form's
// content type and reader). The order and types are those of oapi-codegen's
// request builders, so that a test can hold the two to the same wire
// format.
func requestParams(api *goAPI, name, path string, op *openapi3.Operation) ([]goParam, error) {
	var out []goParam
	byName := map[string]*openapi3.Parameter{}
	hasParamsStruct := false
	for _, p := range op.Parameters {
		switch p.Value.In {
		case openapi3.ParameterInPath:
			byName[p.Value.Name] = p.Value
		case openapi3.ParameterInQuery, openapi3.ParameterInHeader:
			hasParamsStruct = true
		default:
			return nil, fmt.Errorf("parameter %s is in %s, which the client does not send", p.Value.Name, p.Value.In)
		}
	}
	for _, seg := range pathTemplateParams(path) {
		p, ok := byName[seg]
		if !ok {
			return nil, fmt.Errorf("path parameter {%s} is not declared", seg)
		}
		typ, err := pathParamType(api, p.Schema)
		if err != nil {
			return nil, fmt.Errorf("path parameter %s: %w", seg, err)
		}
		out = append(out, goParam{name: goArgName(seg), typ: typ})
	}
	if hasParamsStruct {
		typ := name + "Params"
		if _, ok := api.structs[typ]; !ok {
			return nil, fmt.Errorf("falapi has no %s for the query and header parameters", typ)
		}
		out = append(out, goParam{name: "params", typ: "*" + typ})
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return out, nil
	}
	content := op.RequestBody.Value.Content
	switch media := jsonBodyMedia(op); {
	case media != "":
		typ := name + bodyMediaName(api, name, media) + "RequestBody"
		if _, ok := api.aliases[typ]; !ok {
			return nil, fmt.Errorf("falapi has no %s for the %s body", typ, media)
		}
		out = append(out, goParam{name: "body", typ: typ})
	case content.Get("multipart/form-data") != nil:
		out = append(out, goParam{name: "contentType", typ: "string"}, goParam{name: "body", typ: "io.Reader"})
	default:
		return nil, fmt.Errorf("request body media types %v: the client sends JSON and multipart forms only", slices.Sorted(maps.Keys(content)))
	}
	return out, nil
}

// jsonBodyMedia is the JSON media type of an operation's request body:
// application/json, else a type with the +json suffix
// (application/merge-patch+json); empty when the body is not JSON.
func jsonBodyMedia(op *openapi3.Operation) string {
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	return normalize.JSONMediaType(op.RequestBody.Value.Content)
}

// bodyMediaName is how oapi-codegen names a JSON body's media type in the
// body's type (<Op><name>RequestBody) and builder
// (New<Op>RequestWith<name>Body): "JSON" for application/json, else the
// media type's letters and digits in PascalCase, "+" read as "Plus"
// (application/merge-patch+json: "ApplicationMergePatchPlusJSON"), as
// found among the aliases oapi-codegen wrote; empty when none matches.
func bodyMediaName(api *goAPI, op, media string) string {
	if media == "application/json" {
		return "JSON"
	}
	want := strings.ToLower(nonAlnum.ReplaceAllString(strings.ReplaceAll(media, "+", "plus"), ""))
	for alias := range api.aliases {
		middle, ok := strings.CutPrefix(alias, op)
		if name, body := strings.CutSuffix(middle, "RequestBody"); ok && body && strings.ToLower(name) == want {
			return name
		}
	}
	return ""
}

var nonAlnum = regexp.MustCompile(`[^A-Za-z0-9]`)

// pathParamType is the Go type oapi-codegen gives a path parameter: the
// falapi type a reference names, or the type of a string, integer, number
// or boolean by its format. The request plan must have a formatter for it.
func pathParamType(api *goAPI, s *openapi3.SchemaRef) (string, error) {
	typ := ""
	v := s.Value
	switch {
	case s.Ref != "":
		typ = goName(strings.TrimPrefix(s.Ref, "#/components/schemas/"))
	case v.Type.Is("string"):
		typ = formatType(v.Format, "string", map[string]string{
			"uuid": "openapi_types.UUID", "date": "openapi_types.Date", "date-time": "time.Time",
			"email": "", "binary": "", "byte": "", // types the request plan has no formatter for
		})
	case v.Type.Is("integer"):
		typ = formatType(v.Format, "int", map[string]string{
			"int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64",
			"uint": "uint", "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
		})
	case v.Type.Is("number"):
		typ = formatType(v.Format, "float64", map[string]string{"float": "float32"})
	case v.Type.Is("boolean"):
		typ = "bool"
	}
	if _, ok := api.formatterOf(typ); typ == "" || !ok {
		return "", fmt.Errorf("a %v of format %q is not a path parameter the client can send", v.Type, v.Format)
	}
	return typ, nil
}

// formatType is the type a format names in byFormat, or def for a format
// it does not name.
func formatType(format, def string, byFormat map[string]string) string {
	if typ, ok := byFormat[format]; ok {
		return typ
	}
	return def
}

// pathTemplateParams lists the {names} of a path template in order.
func pathTemplateParams(path string) []string {
	var names []string
	for {
		open := strings.IndexByte(path, '{')
		if open < 0 {
			return names
		}
		closing := strings.IndexByte(path[open:], '}')
		if closing < 0 {
			return names
		}
		names = append(names, path[open+1:open+closing])
		path = path[open+closing+1:]
	}
}

// goArgName spells a parameter name as a Go argument: lower camel case
// with initialisms kept whole (collection_id -> collectionID, id -> id,
// api_key_id -> apiKeyID), never a Go keyword nor a name the generated
// code uses (type -> typeParam, ctx -> ctxParam).
func goArgName(s string) string {
	exported := goName(s)
	upper := 0
	for upper < len(exported) && unicode.IsUpper(rune(exported[upper])) {
		upper++
	}
	switch {
	case upper == len(exported):
		exported = strings.ToLower(exported)
	case upper > 1:
		// An initialism leads: lower it but for the letter that starts
		// the next word (APIKey -> apiKey).
		exported = strings.ToLower(exported[:upper-1]) + exported[upper-1:]
	default:
		exported = strings.ToLower(exported[:1]) + exported[1:]
	}
	if token.IsKeyword(exported) || generatedNames[exported] {
		exported += "Param"
	}
	return exported
}

// generatedNames are the identifiers the generated methods and build
// functions use beside their path arguments: the receiver, the other
// arguments and locals, the packages they call and the types they spell. A
// path parameter named so gets "Param" after its name.
var generatedNames = map[string]bool{
	"c": true, "ctx": true, "opts": true, "params": true, "body": true, "file": true,
	"build": true, "out": true, "server": true, "u": true, "req": true, "err": true,
	"contentType": true, "cursor": true, "page": true,
	"context": true, "errors": true, "falapi": true, "http": true, "io": true, "iter": true, "strings": true,
	"string": true, "bool": true, "error": true, "any": true,
}
