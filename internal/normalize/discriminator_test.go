package normalize

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDiscriminatorMappings(t *testing.T) {
	var schemas node
	if err := json.Unmarshal([]byte(`{
		"Circle": {"type": "object", "properties": {"kind": {"const": "circle"}}},
		"Square": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["square"]}}},
		"Blob": {"type": "object", "properties": {"kind": {"type": "string"}}},
		"Shape": {"oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
			"discriminator": {"propertyName": "kind", "mapping": {"Circle": "#/components/schemas/Circle"}}},
		"Holder": {"type": "object", "properties": {"shape": {"anyOf": [{"$ref": "#/components/schemas/Square"}, {"$ref": "#/components/schemas/Circle"}],
			"discriminator": {"propertyName": "kind"}}}},
		"Inline": {"oneOf": [{"type": "object", "properties": {"kind": {"const": "a"}}}, {"$ref": "#/components/schemas/Circle"}],
			"discriminator": {"propertyName": "kind"}},
		"Open": {"oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Blob"}],
			"discriminator": {"propertyName": "kind"}},
		"Twice": {"oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Circle"}],
			"discriminator": {"propertyName": "kind"}}
	}`), &schemas); err != nil {
		t.Fatal(err)
	}
	warnings := discriminatorMappings(schemas)

	mapping := func(s node) node { return child(child(s, "discriminator"), "mapping") }
	want := node{"circle": "#/components/schemas/Circle", "square": "#/components/schemas/Square"}
	if got := mapping(child(schemas, "Shape")); !reflect.DeepEqual(got, want) {
		t.Errorf("Shape's mapping %v, want %v (the values the branches hold, not their names)", got, want)
	}
	if got := mapping(child(child(child(schemas, "Holder"), "properties"), "shape")); !reflect.DeepEqual(got, want) {
		t.Errorf("a nested union's mapping %v, want %v", got, want)
	}
	for _, name := range []string{"Inline", "Open", "Twice"} {
		if d := child(child(schemas, name), "discriminator"); d != nil {
			t.Errorf("%s keeps its discriminator %v", name, d)
		}
		if list(child(schemas, name), "oneOf") == nil {
			t.Errorf("%s lost its union", name)
		}
	}
	wantWarnings := []string{
		"Inline: discriminator removed: branch 0 is not a component",
		`Open: discriminator removed: #/components/schemas/Blob does not hold one value of kind`,
		`Twice: discriminator removed: two branches hold kind "circle"`,
	}
	if !reflect.DeepEqual(warnings, wantWarnings) {
		t.Errorf("warnings %q, want %q", warnings, wantWarnings)
	}
}
