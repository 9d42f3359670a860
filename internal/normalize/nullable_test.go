package normalize

import (
	"strings"
	"testing"
)

// TestNullableValues checks the Go type and tags nullableValues gives each
// shape of nullable property, and that it leaves the others alone.
func TestNullableValues(t *testing.T) {
	schemas := node{
		"Status":      node{"type": "string", "enum": []any{"a"}},
		"MaybeStatus": node{"type": []any{"string", "null"}, "enum": []any{"a", nil}},
		"Holder": node{
			"type":     "object",
			"required": []any{"req"},
			"properties": node{
				"req":      node{"type": []any{"string", "null"}},
				"opt":      node{"type": []any{"number", "null"}},
				"count":    node{"type": []any{"integer", "null"}, "format": "int64"},
				"flag":     node{"type": []any{"boolean", "null"}},
				"when":     node{"type": []any{"string", "null"}, "format": "date-time"},
				"id":       node{"type": []any{"string", "null"}, "format": "uuid"},
				"link":     node{"type": []any{"string", "null"}, "format": "uri"},
				"labels":   node{"type": []any{"object", "null"}, "additionalProperties": node{"type": "string"}},
				"anything": node{"type": []any{"object", "null"}},
				"tags":     node{"type": []any{"array", "null"}, "items": node{"$ref": "#/components/schemas/Status"}},
				"status":   node{"anyOf": []any{node{"$ref": "#/components/schemas/Status"}, node{"type": "null"}}},
				"viaRef":   node{"$ref": "#/components/schemas/MaybeStatus"},
				"viaAllOf": node{"allOf": []any{node{"type": []any{"string", "null"}}}},
				"plain":    node{"type": "string"},
				"union":    node{"anyOf": []any{node{"type": "string"}, node{"type": "integer"}, node{"type": "null"}}},
				"nulls":    node{"type": []any{"array", "null"}, "items": node{"type": []any{"string", "null"}}},
			},
		},
	}
	warnings := nullableValues(schemas)
	props := child(schemas["Holder"].(node), "properties")
	for prop, want := range map[string]string{
		"req": "Nullable[string]", "opt": "Nullable[float64]", "count": "Nullable[int64]", "flag": "Nullable[bool]",
		"when": "Nullable[time.Time]", "id": "Nullable[openapi_types.UUID]", "link": "Nullable[string]",
		"labels": "Nullable[map[string]string]", "anything": "Nullable[map[string]interface{}]",
		"tags": "Nullable[[]Status]", "status": "Nullable[Status]", "viaRef": "Nullable[MaybeStatus]",
		"viaAllOf": "Nullable[string]", "plain": "", "union": "", "nulls": "",
	} {
		p := child(props, prop)
		if got := str(p, "x-go-type"); got != want {
			t.Errorf("%s: x-go-type %q, want %q", prop, got, want)
		}
		optional := prop != "req" && want != ""
		if p["x-omitzero"] == true != optional || (want != "") != (p["x-go-type-skip-optional-pointer"] == true) {
			t.Errorf("%s: omitzero %v, skip pointer %v", prop, p["x-omitzero"], p["x-go-type-skip-optional-pointer"])
		}
	}
	for _, prop := range []string{"union", "nulls"} {
		found := false
		for _, w := range warnings {
			found = found || strings.HasPrefix(w, "Holder."+prop+": ")
		}
		if !found {
			t.Errorf("no warning for %s: %v", prop, warnings)
		}
	}
	if len(warnings) != 2 {
		t.Errorf("warnings %v, want one each for union and nulls", warnings)
	}
}
