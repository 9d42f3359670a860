package normalize

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestDistinctFieldNames(t *testing.T) {
	var schemas node
	if err := json.Unmarshal([]byte(`{
		"Widget": {"type": "object", "properties": {
			"fooBar": {"$ref": "#/components/schemas/Gadget"},
			"foo_bar": {"type": "string"},
			"FOO-BAR": {"type": "integer"},
			"foo_bar2": {"type": "string"},
			"user_id": {"type": "string"},
			"userId": {"type": "string", "x-go-name": "OwnerID"},
			"inner": {"type": "object", "properties": {"a_b": {"type": "string"}, "aB": {"type": "string"}}}
		}},
		"Gadget": {"type": "object", "properties": {"plain": {"type": "string"}, "other": {"type": "string"}}}
	}`), &schemas); err != nil {
		t.Fatal(err)
	}
	shared := child(child(schemas, "Widget"), "properties")["foo_bar"].(node)
	warnings := distinctFieldNames(schemas)

	goNames := func(props node) map[string]string {
		names := map[string]string{}
		for p, v := range props {
			names[p], _ = v.(node)["x-go-name"].(string)
		}
		return names
	}
	widget := child(child(schemas, "Widget"), "properties")
	// FOO-BAR sorts first and keeps its default name; FooBar2 is taken by
	// foo_bar2, so the others get 3 and 4.
	want := map[string]string{"FOO-BAR": "", "fooBar": "FooBar3", "foo_bar": "FooBar4", "foo_bar2": "", "user_id": "", "userId": "OwnerID", "inner": ""}
	if got := goNames(widget); !reflect.DeepEqual(got, want) {
		t.Errorf("Widget's Go names %v, want %v", got, want)
	}
	if got := child(widget, "fooBar")["$ref"]; got != "#/components/schemas/Gadget" {
		t.Errorf("the renamed $ref lost its target: %v", got)
	}
	if got, want := goNames(child(child(widget, "inner"), "properties")), map[string]string{"aB": "", "a_b": "AB2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("inner's Go names %v, want %v", got, want)
	}
	if got := goNames(child(child(schemas, "Gadget"), "properties")); got["plain"] != "" || got["other"] != "" {
		t.Errorf("Gadget's properties were renamed: %v", got)
	}
	if shared["x-go-name"] != nil {
		t.Error("the schema node itself was changed, not a copy in the object")
	}
	wantWarnings := []string{
		"Widget: properties FOO-BAR and fooBar would be the same Go field: fooBar is FooBar3",
		"Widget: properties FOO-BAR and foo_bar would be the same Go field: foo_bar is FooBar4",
		"Widget: properties aB and a_b would be the same Go field: a_b is AB2",
	}
	if !reflect.DeepEqual(warnings, wantWarnings) {
		t.Errorf("warnings %q, want %q", warnings, wantWarnings)
	}
}

func TestDistinctParamNames(t *testing.T) {
	var op node
	if err := json.Unmarshal([]byte(`{"parameters": [
		{"name": "foo_bar", "in": "query"},
		{"name": "fooBar", "in": "query"},
		{"name": "Foo-Bar", "in": "header"},
		{"name": "foo_bar", "in": "path"},
		{"name": "limit", "in": "query"}
	]}`), &op); err != nil {
		t.Fatal(err)
	}
	warnings := distinctParamNames(operation{id: "listThings", node: op}, Config{})
	var got []string
	for _, p := range parameters(operation{node: op}) {
		got = append(got, str(p, "in")+" "+str(p, "name")+"="+str(p, "x-go-name"))
	}
	// The path parameter is an argument, not a field: it takes no part.
	want := []string{"query foo_bar=FooBar3", "query fooBar=FooBar2", "header Foo-Bar=", "path foo_bar=", "query limit="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Go names %q, want %q", got, want)
	}
	wantWarnings := []string{
		"listThings: parameters Foo-Bar and fooBar would be the same Go field: fooBar is FooBar2",
		"listThings: parameters Foo-Bar and foo_bar would be the same Go field: foo_bar is FooBar3",
	}
	if !reflect.DeepEqual(warnings, wantWarnings) {
		t.Errorf("warnings %q, want %q", warnings, wantWarnings)
	}
}
