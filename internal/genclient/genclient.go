// Package genclient writes the typed per-operation methods of pkg/fal from
// the normalized schema and the types oapi-codegen generated from it: one
// method per operation that returns the decoded success body (or a stream)
// or an error, plus Pages and Iter methods for paginated operations, in one
// file per tag of the schema. It also writes what the tests and the README
// derive from the same operations. The runtime the methods call is
// handwritten in pkg/fal; nothing here is per operation.
package genclient

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strings"
	"text/template"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/normalize"
)

// Output is what Generate writes.
type Output struct {
	// Methods maps the name of each file of pkg/fal (one per tag, such as
	// "assets.gen.go") to its Go source.
	Methods map[string][]byte
	// BuilderTable is pkg/fal/builders_gen_test.go: every build function
	// paired with oapi-codegen's request builder it must agree with.
	BuilderTable []byte
	// ReferenceAliases is internal/falapiref/types.gen.go: the falapi types
	// under the names oapi-codegen's client code in falapiref uses.
	ReferenceAliases []byte
	// OperationsTable is the README's table of operations, in Markdown.
	OperationsTable string
	// Nullable is gen/falapi/nullable.gen.go: the type of the properties
	// that may be null.
	Nullable []byte
	// Decoders is internal/falapidec/decode.gen.go: the decoders of the
	// answers, events and error envelopes package fal decodes.
	Decoders []byte
	// DecoderTable is internal/falapidec/responses_gen_test.go: the types
	// those decoders decode whole, for the differential tests.
	DecoderTable []byte
}

// Generate returns the generated files for the normalized document spec
// and oapi-codegen's output file types.
func Generate(spec []byte, typesFile string) (*Output, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("normalized schema: %w", err)
	}
	api, err := readGoAPI(typesFile)
	if err != nil {
		return nil, err
	}
	methods, err := buildMethods(doc, api)
	if err != nil {
		return nil, err
	}
	for i := range methods {
		methods[i].Fail = failReturn(methods[i])
	}
	out := &Output{Methods: map[string][]byte{}, OperationsTable: operationsTable(methods)}
	for _, tag := range tags(methods) {
		var ofTag []method
		for _, m := range methods {
			if m.Tag == tag {
				ofTag = append(ofTag, m)
			}
		}
		data := tagData{Tag: tag, Imports: imports(ofTag), Types: usesTypesPackage(ofTag), Methods: ofTag, Falapi: true}
		src, err := execute(fileTemplate, data)
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(src, []byte("falapi.")) {
			// No method of the tag names a falapi type: drop the import.
			data.Falapi = false
			if src, err = execute(fileTemplate, data); err != nil {
				return nil, err
			}
		}
		out.Methods[tagFile(tag)] = src
	}
	if out.BuilderTable, err = execute(builderTableTemplate, methods); err != nil {
		return nil, err
	}
	if out.ReferenceAliases, err = execute(referenceAliasesTemplate, api.types); err != nil {
		return nil, err
	}
	if out.Nullable, err = format.Source([]byte(nullableSource)); err != nil {
		return nil, err
	}
	if out.Decoders, out.DecoderTable, err = decoderFiles(doc, api, methods); err != nil {
		return nil, err
	}
	return out, nil
}

// tagData is what the template of one tag's file is given.
type tagData struct {
	Tag     string
	Imports []string // standard packages
	Types   bool     // whether to import oapi-codegen's runtime types as openapi_types
	Falapi  bool     // whether the file uses package falapi
	Methods []method
}

// tags lists the tags of the methods in the order they first appear.
func tags(methods []method) []string {
	var out []string
	for _, m := range methods {
		if !slices.Contains(out, m.Tag) {
			out = append(out, m.Tag)
		}
	}
	return out
}

// tagFile names the file of a tag's methods: "Serverless" ->
// "serverless.gen.go", "Model Access" -> "model_access.gen.go".
func tagFile(tag string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '_'
	}, tag)
	return name + ".gen.go"
}

// execute runs a template and formats its output as Go source.
func execute(t *template.Template, data any) ([]byte, error) {
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("generated code does not parse: %w\n%s", err, buf.Bytes())
	}
	return src, nil
}

// failReturn is the statement that returns a failed argument check.
func failReturn(m method) string {
	switch {
	case m.Result == resultNoContent:
		return "return err"
	case m.Result == resultEvents:
		return "return func(yield func(Event[" + m.OutType + "], error) bool) { yield(Event[" + m.OutType + "]{}, err) }"
	case m.Result == resultJSON && byValue(m.OutType) && !strings.HasPrefix(m.OutType, "[]") && m.OutType != "json.RawMessage":
		return "return " + zeroValue(m.OutType) + ", err"
	}
	return "return nil, err"
}

// zeroValue is the zero value of a Go basic type.
func zeroValue(goType string) string {
	switch goType {
	case "bool":
		return "false"
	case "string":
		return `""`
	}
	return "0"
}

// usesTypesPackage reports whether an argument of the methods is one of
// oapi-codegen's runtime types (openapi_types.UUID, openapi_types.Date).
func usesTypesPackage(methods []method) bool {
	for _, m := range methods {
		for _, a := range m.Args {
			if strings.HasPrefix(a.Type, "openapi_types.") {
				return true
			}
		}
	}
	return false
}

// imports lists the standard packages the methods use.
func imports(methods []method) []string {
	set := map[string]bool{"context": true, "net/http": true}
	for _, m := range methods {
		if len(m.Checks) > 0 {
			set["errors"] = true
		}
		if m.UploadField != "" {
			set["io"] = true
		}
		if m.Result == resultEvents || m.Pages != nil {
			set["iter"] = true
		}
		if m.OutType == "json.RawMessage" {
			set["encoding/json"] = true
		}
		for _, a := range m.Args {
			if strings.HasPrefix(a.Type, "time.") {
				set["time"] = true
			}
		}
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// goName spells an operationId or parameter name as oapi-codegen does.
func goName(s string) string { return normalize.GoName(s) }
