package falmock

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestVariation(t *testing.T) {
	item := variation{tag: itemTag(2, 1), ordinal: 3}
	tests := []struct {
		name   string
		va     variation
		schema string
		value  string
		want   string
	}{
		{"id fields", item, `{"type": "object", "properties": {"id": {"type": "string"}, "key_id": {"type": "string"}, "name": {"type": "string"}}}`,
			`{"id": "a", "key_id": "b", "name": "c"}`, `{"id": "a-p2-1", "key_id": "b-p2-1", "name": "c"}`},
		{"first free string without id fields", item, `{"type": "object", "properties": {"b": {"type": "string"}, "a": {"type": "string", "enum": ["x"]}, "c": {"type": "string"}}}`,
			`{"a": "x", "b": "b", "c": "c"}`, `{"a": "x", "b": "b-p2-1", "c": "c"}`},
		{"uuid id", item, `{"type": "object", "properties": {"id": {"type": "string", "format": "uuid"}}}`,
			`{"id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}`, `{"id": "00000000-0000-4000-8000-150f6ff6b29d"}`},
		{"uuid shown by the value alone", item, `{"type": "object", "properties": {"request_id": {"type": "string"}}}`,
			`{"request_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}`, `{"request_id": "00000000-0000-4000-8000-150f6ff6b29d"}`},
		{"pattern kept", item, `{"type": "object", "properties": {"id": {"type": "string", "pattern": "^[a-z]+$"}, "n": {"type": "string"}}}`,
			`{"id": "abc", "n": "n"}`, `{"id": "abc", "n": "n-p2-1"}`},
		{"string item", item, `{"type": "string"}`, `"s"`, `"s-p2-1"`},
		{"timestamp in a plain string moves by hours, keeping its offset", item,
			`{"type": "object", "properties": {"bucket": {"type": "string"}, "results": {"type": "array"}}}`,
			`{"bucket": "2025-01-15T00:00:00-05:00", "results": []}`, `{"bucket": "2025-01-15T03:00:00-05:00", "results": []}`},
		{"date-time keeps its precision", item, `{"type": "string", "format": "date-time"}`,
			`"2024-11-09T10:30:45.123Z"`, `"2024-11-09T13:30:45.123Z"`},
		{"date moves by days", item, `{"type": "string", "format": "date"}`, `"2025-01-30"`, `"2025-02-02"`},
		{"uri gets a path segment", item, `{"type": "string", "format": "uri"}`,
			`"https://fal.media/files/example.jpg"`, `"https://fal.media/files/p2-1/example.jpg"`},
		{"uri without a path", item, `{"type": "string", "format": "uri"}`, `"https://example.com"`, `"https://example.com/p2-1"`},
		{"email keeps its domain", item, `{"type": "string", "format": "email"}`, `"user@example.com"`, `"user-p2-1@example.com"`},
		{"free text before formats", item, `{"type": "object", "properties": {"created_at": {"type": "string", "format": "date-time"}, "title": {"type": "string"}}}`,
			`{"created_at": "2025-01-15T10:30:00Z", "title": "t"}`, `{"created_at": "2025-01-15T10:30:00Z", "title": "t-p2-1"}`},
		{"a format falmock cannot vary is left", item, `{"type": "object", "properties": {"at": {"type": "string", "format": "time"}, "b": {"type": "string"}}}`,
			`{"at": "10:30:00Z", "b": "b"}`, `{"at": "10:30:00Z", "b": "b-p2-1"}`},
		{"without an ordinal, times are left", variation{tag: "e1"}, `{"type": "object", "properties": {"created_at": {"type": "string", "format": "date-time"}}}`,
			`{"created_at": "2025-01-15T10:30:00Z"}`, `{"created_at": "2025-01-15T10:30:00Z"}`},
		{"too long for maxLength", item, `{"type": "string", "maxLength": 3}`, `"abc"`, `"abc"`},
		{"fixed fields stay", variation{tag: "p1-1", ordinal: 1, fixed: map[string]bool{"endpoint_id": true}},
			`{"type": "object", "properties": {"endpoint_id": {"type": "string"}, "key_id": {"type": "string"}}}`,
			`{"endpoint_id": "a", "key_id": "k"}`, `{"endpoint_id": "a", "key_id": "k-p1-1"}`},
		{"an object whose every ID is fixed stays", variation{tag: "p1-1", ordinal: 1, fixed: map[string]bool{"endpoint_id": true}},
			`{"type": "object", "properties": {"endpoint_id": {"type": "string"}, "unit": {"type": "string"}}}`,
			`{"endpoint_id": "a", "unit": "image"}`, `{"endpoint_id": "a", "unit": "image"}`},
		{"a search names the identity", variation{tag: "p1-2", ordinal: 2, name: "upscale"},
			`{"type": "object", "properties": {"endpoint_id": {"type": "string"}, "request_id": {"type": "string", "format": "uuid"}}}`,
			`{"endpoint_id": "fal-ai/flux/dev", "request_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}`,
			`{"endpoint_id": "upscale-p1-2", "request_id": "00000000-0000-4000-8000-ad0f741495c5"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s openapi3.Schema
			var v, want any
			for _, j := range []struct {
				text string
				into any
			}{{tt.schema, &s}, {tt.value, &v}, {tt.want, &want}} {
				if err := json.Unmarshal([]byte(j.text), j.into); err != nil {
					t.Fatalf("%s: %v", j.text, err)
				}
			}
			ref := &openapi3.SchemaRef{Value: &s}
			got := tt.va.apply(v, ref)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
			if err := s.VisitJSON(got, formatOptions...); err != nil {
				t.Errorf("the varied value fails its schema: %v", err)
			}
		})
	}
}

// TestVaryValue checks the form the log stream uses: a tag alone.
func TestVaryValue(t *testing.T) {
	s := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeObject}, Properties: openapi3.Schemas{
		"app":       {Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}},
		"timestamp": {Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}},
	}}
	got := varyValue(map[string]any{"app": "my-app", "timestamp": "2025-01-15T10:30:00Z"}, &openapi3.SchemaRef{Value: s}, "e2")
	want := map[string]any{"app": "my-app-e2", "timestamp": "2025-01-15T10:30:00Z"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
