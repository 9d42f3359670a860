package falmock

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
)

func TestSynthesize(t *testing.T) {
	h, err := NewHandler()
	if err != nil {
		t.Fatal(err)
	}
	sy := newSynthesizer(h.spec)
	tests := []struct {
		name   string
		schema string
		want   string // JSON
	}{
		{"date-time", `{"type": "string", "format": "date-time"}`, `"2025-01-15T10:30:00Z"`},
		{"uri", `{"type": "string", "format": "uri"}`, `"https://example.com/falmock"`},
		{"uuid", `{"type": "string", "format": "uuid"}`, `"3fa85f64-5717-4562-b3fc-2c963f66afa6"`},
		{"email", `{"type": "string", "format": "email"}`, `"user@example.com"`},
		{"plain string is named after its property", `{"type": "object", "properties": {"alias": {"type": "string"}}}`, `{"alias": "alias"}`},
		{"pattern", `{"type": "string", "pattern": "^\\d{4}-\\d{2}$"}`, `"2025-01"`},
		{"length bounds", `{"type": "object", "properties": {"cc": {"type": "string", "maxLength": 1}, "x": {"type": "string", "minLength": 3}}}`, `{"cc": "c", "x": "xxx"}`},
		{"valid scalar example", `{"type": "string", "example": "fal-ai/flux/dev"}`, `"fal-ai/flux/dev"`},
		{"invalid scalar example", `{"type": "integer", "minimum": 5, "example": 1}`, `5`},
		{"first enum value", `{"type": "string", "enum": ["b", "a"]}`, `"b"`},
		{"enum skips null", `{"type": ["string", "null"], "enum": [null, "x"]}`, `"x"`},
		{"const", `{"const": 7}`, `7`},
		{"integer within bounds", `{"type": "integer", "minimum": 10, "maximum": 20}`, `10`},
		{"number under maximum", `{"type": "number", "maximum": 1}`, `1`},
		{"exclusive minimum", `{"type": "integer", "exclusiveMinimum": 1}`, `2`},
		{"multipleOf", `{"type": "integer", "minimum": 3, "multipleOf": 5}`, `5`},
		{"nullable is a value", `{"type": ["integer", "null"]}`, `1`},
		{"null only", `{"type": "null"}`, `null`},
		{"boolean", `{"type": "boolean"}`, `true`},
		{"all properties", `{"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": ["boolean", "null"]}}, "required": ["a"]}`, `{"a": 1, "b": true}`},
		{"map", `{"type": "object", "additionalProperties": {"type": "string"}}`, `{"key": "key"}`},
		{"one array item", `{"type": "array", "items": {"type": "integer"}}`, `[1]`},
		{"minItems", `{"type": "array", "items": {"type": "integer"}, "minItems": 2}`, `[1, 1]`},
		{"first union branch", `{"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}`, `"string"`},
		{"union skips null", `{"anyOf": [{"type": "null"}, {"type": "integer"}]}`, `1`},
		{"oneOf takes the first branch that validates", `{"oneOf": [{"type": "integer"}, {"type": "number"}]}`, `1.5`},
		{"allOf merges", `{"allOf": [{"type": "object", "properties": {"a": {"type": "integer"}}}, {"type": "object", "properties": {"b": {"type": "boolean"}}}]}`, `{"a": 1, "b": true}`},
		{"empty schema", `{}`, `{}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s openapi3.Schema
			if err := json.Unmarshal([]byte(tt.schema), &s); err != nil {
				t.Fatal(err)
			}
			ref := &openapi3.SchemaRef{Value: &s}
			got := sy.value(ref, "")
			var want any
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("synthesized %#v, want %#v", got, want)
			}
			if !reflect.DeepEqual(sy.value(ref, ""), got) {
				t.Error("synthesis is not deterministic")
			}
			if err := validateValue(h.spec, ref, got); err != nil {
				t.Errorf("synthesized value fails its schema: %v", err)
			}
		})
	}
}

// TestSynthesizeWithValuesOfAnExample: a scalar property without an example
// of its own takes the value its name has in the answer's example, when that
// value fits; the first in document order (keys sorted) wins, whatever order
// the maps iterate in.
func TestSynthesizeWithValuesOfAnExample(t *testing.T) {
	h, err := NewHandler()
	if err != nil {
		t.Fatal(err)
	}
	var example any
	if err := json.Unmarshal([]byte(`{
		"b": [{"currency": "EUR", "unit": "video"}],
		"a": {"currency": "USD", "unit": "image", "quantity": 4, "flag": false, "count": 2.5}
	}`), &example); err != nil {
		t.Fatal(err)
	}
	var s openapi3.Schema
	if err := json.Unmarshal([]byte(`{"type": "object", "properties": {
		"currency": {"type": "string", "minLength": 3, "maxLength": 3},
		"unit": {"type": "string", "enum": ["second", "minute"]},
		"quantity": {"type": "number", "maximum": 3},
		"count": {"type": "integer"},
		"flag": {"type": "boolean"},
		"other": {"type": "string"}
	}}`), &s); err != nil {
		t.Fatal(err)
	}
	ref := &openapi3.SchemaRef{Value: &s}
	want := map[string]any{
		"currency": "USD",    // the first in key order ("a" before "b")
		"unit":     "second", // "image" is not in the enum
		"quantity": 1.5,      // 4 is above the maximum
		"count":    1.0,      // 2.5 is not an integer
		"flag":     false,
		"other":    "other", // no value of that name: named after itself
	}
	for range 5 {
		got := newSynthesizer(h.spec).withValuesOf(example).value(ref, "")
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("synthesized %#v, want %#v", got, want)
		}
	}
}

// TestSynthesizeRecursiveSchema: a schema that holds itself (a tree of
// nodes, through components and $ref) gives a finite value that validates:
// an optional property leading back into it is left out, a required list
// of it is empty.
func TestSynthesizeRecursiveSchema(t *testing.T) {
	var node, op any
	if err := json.Unmarshal([]byte(`{"type": "object", "required": ["name", "parts"], "properties": {
		"name": {"type": "string"},
		"parent": {"$ref": "#/components/schemas/Node"},
		"children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
		"parts": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}`), &node); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`{"get": {"operationId": "getTree", "security": [{"apiKey": []}],
		"responses": {"200": {"description": "a tree", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}}}}`), &op); err != nil {
		t.Fatal(err)
	}
	doc, err := normalize.PatchDocument(api.OpenAPI, []normalize.PatchOp{
		{Op: "add", Path: "/components/schemas/Node", Value: node},
		{Op: "add", Path: "/paths/~1trees", Value: op},
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHandler(WithSchema(doc))
	if err != nil {
		t.Fatal(err)
	}
	schema := loaded(t, h.spec.byID["getTree"]).schema()
	got := newSynthesizer(h.spec).value(schema, "")
	want := map[string]any{"name": "name", "parts": []any{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("synthesized %#v, want %#v", got, want)
	}
	if err := validateValue(h.spec, schema, got); err != nil {
		t.Errorf("the value fails its schema: %v", err)
	}
}
