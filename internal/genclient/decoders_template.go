package genclient

import "text/template"

// decodersTemplate writes internal/falapidec/decode.gen.go from a
// decodersData.
var decodersTemplate = template.Must(template.New("decoders").Parse(Header + `
package falapidec

import (
	"encoding/json"
{{- range .Imports}}
	{{if eq . "github.com/oapi-codegen/runtime/types"}}openapi_types {{end}}"{{.}}"
{{- end}}

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/internal/jsondec"
)

// Unmarshal decodes data, one whole JSON document, into v as
// json.Unmarshal(data, v) does, with the generated decoder of v's type
// when v points to a type package fal decodes (an answer, an event, an
// error envelope); any other v goes to json.Unmarshal. Strings in v never
// share memory with data.
func Unmarshal(data []byte, v any) error {
	switch v := v.(type) {
{{- range .Roots}}
	case *{{.Type}}:
		return jsondec.Decode(data, v, {{.Func}})
{{- end}}
	}
	return json.Unmarshal(data, v)
}
{{range .Funcs}}
func {{.Name}}(d *jsondec.Decoder, v *{{.Type}}) {
{{.Body}}
}
{{- with .Fields}}

var {{.Keys}} = [...]string{ {{- range $i, $k := .Quoted}}{{if $i}}, {{end}}{{$k}}{{end -}} }

func {{.Name}}(key []byte) int {
	switch string(key) {
{{- range .Exact}}
	case {{.Key}}:
		return {{.Index}}
{{- end}}
	}
	var fold [jsondec.FoldBuffer]byte
	switch string(jsondec.AppendFold(fold[:0], key)) {
{{- range .Fold}}
	case {{.Key}}:
		return {{.Index}}
{{- end}}
	}
	return -1
}
{{- end}}
{{end}}`))

// decodersData is what decodersTemplate is given.
type decodersData struct {
	Imports []string // standard or external packages, besides encoding/json
	Roots   []decoderRoot
	Funcs   []decoderFunc
}

// responsesTemplate writes internal/falapidec/responses_gen_test.go: the
// types Unmarshal decodes whole, each with the operations whose answers
// (or events, or error envelopes) it decodes, for the differential tests.
var responsesTemplate = template.Must(template.New("responses").Parse(Header + `
package falapidec_test

import (
{{- range .Imports}}
	{{if eq . "github.com/oapi-codegen/runtime/types"}}openapi_types {{end}}"{{.}}"
{{- end}}

	"github.com/falplatform/fal-go/gen/falapi"
)

// responseTypes are the types package fal decodes answers, events and
// error envelopes into, with where each comes from.
var responseTypes = []responseType{
{{- range .Types}}
	{
		name: "{{.Type}}",
		new:  func() any { return new({{.Type}}) },
{{- if .Operations}}
		answers: []string{ {{- range $i, $op := .Operations}}{{if $i}}, {{end}}"{{$op}}"{{end -}} },
{{- end}}
{{- if .Events}}
		events: []string{ {{- range $i, $op := .Events}}{{if $i}}, {{end}}"{{$op}}"{{end -}} },
{{- end}}
{{- if .Errors}}
		errors: true,
{{- end}}
	},
{{- end}}
}
`))

// responsesData is what responsesTemplate is given.
type responsesData struct {
	Imports []string
	Types   []responseType
}

// responseType is one type of responsesTemplate.
type responseType struct {
	Type       string // as written in falapidec
	Operations []string
	Events     []string
	Errors     bool
}
