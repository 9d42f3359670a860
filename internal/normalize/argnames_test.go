package normalize

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestPathArgNames(t *testing.T) {
	var op node
	if err := json.Unmarshal([]byte(`{"parameters": [
		{"name": "ctx", "in": "path"},
		{"name": "content_type", "in": "path"},
		{"name": "path_param_0", "in": "path"},
		{"name": "owner", "in": "path"},
		{"name": "server", "in": "path", "x-go-name": "Host"},
		{"name": "body", "in": "query"},
		{"$ref": "#/components/parameters/Shared"}
	]}`), &op); err != nil {
		t.Fatal(err)
	}
	pathArgNames(operation{id: "op", node: op}, Config{})
	var got []string
	for _, p := range parameters(operation{node: op}) {
		got = append(got, str(p, "name")+"="+str(p, "x-go-name"))
	}
	want := []string{"ctx=CtxParam", "content_type=ContentTypeParam", "path_param_0=PathParam0Param", "owner=", "server=Host", "body=", "="}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Go names %q, want %q", got, want)
	}
}
