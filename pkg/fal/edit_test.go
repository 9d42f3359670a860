package fal

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEditJSON(t *testing.T) {
	for _, tc := range []struct {
		name, doc, path, value string // value "" deletes
		want, wantErr          string
	}{
		{name: "set a new field", doc: `{"b":1,"a":[1, 2]}`, path: "c", value: `"x"`, want: `{"a":[1,2],"b":1,"c":"x"}`},
		{name: "replace a field", doc: `{"a":{"b":1}}`, path: "a", value: `2`, want: `{"a":2}`},
		{name: "set deep, creating objects", doc: `{}`, path: "a.b.c", value: `true`, want: `{"a":{"b":{"c":true}}}`},
		{name: "set through null", doc: `{"a":null}`, path: "a.b", value: `1`, want: `{"a":{"b":1}}`},
		{name: "keep the text of other values", doc: `{"n":1.50, "s":"\u00e9", "a":{"x":1e3,"y":2}}`, path: "a.y", value: `3`, want: `{"a":{"x":1e3,"y":3},"n":1.50,"s":"\u00e9"}`},
		{name: "delete", doc: `{"a":{"b":1,"c":2}}`, path: "a.b", want: `{"a":{"c":2}}`},
		{name: "delete a missing field", doc: `{"a":1}`, path: "b.c", want: `{"a":1}`},
		{name: "delete through null", doc: `{"a":null}`, path: "a.b", want: `{"a":null}`},
		{name: "through a number", doc: `{"a":{"b":4}}`, path: "a.b.c", value: `1`, wantErr: "a.b is a number, not an object"},
		{name: "through a string", doc: `{"a":"s"}`, path: "a.b", value: `1`, wantErr: "a is a string, not an object"},
		{name: "through a boolean", doc: `{"a":false}`, path: "a.b", wantErr: "a is a boolean, not an object"},
		{name: "a body that is an array", doc: `[{"a":1}]`, path: "a", value: `1`, wantErr: "the body is an array, not a JSON object"},
		{name: "a body that is null", doc: `null`, path: "a", value: `1`, wantErr: "the body is null, not a JSON object"},
		{name: "an empty body", doc: ``, path: "a", value: `1`, wantErr: "the body is empty, not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := editJSON([]byte(tc.doc), strings.Split(tc.path, "."), json.RawMessage(tc.value), tc.value == "", "")
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("got %s, %v; want the error %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Errorf("got %s, %v; want %s", got, err, tc.want)
			}
		})
	}
}

// FuzzEditJSON edits JSON documents of any shape: the result is valid JSON
// holding the value at the path, or an error; it never panics.
func FuzzEditJSON(f *testing.F) {
	f.Add([]byte(`{"a":{"b":1}}`), "a.b", false)
	f.Add([]byte(`{"a":[1]}`), "a.0", true)
	f.Add([]byte(`{"a":null,"b":"x"}`), "a.c.d", false)
	f.Fuzz(func(t *testing.T, doc []byte, path string, del bool) {
		keys, err := splitJSONPath(path)
		if err != nil {
			return
		}
		got, err := editJSON(doc, keys, json.RawMessage(`{"set":true}`), del, "")
		if err != nil {
			return
		}
		if !json.Valid(got) {
			t.Fatalf("edited %s into invalid JSON %s", doc, got)
		}
		var v any
		if err := json.Unmarshal(got, &v); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			obj, ok := v.(map[string]any)
			if !ok {
				if del {
					return // deleting below a missing or null field changes nothing
				}
				t.Fatalf("%s of %s: %v is no object", path, got, v)
			}
			if v, ok = obj[k]; !ok {
				if del {
					return
				}
				t.Fatalf("set %s in %s: missing", path, got)
			}
		}
		if del {
			t.Fatalf("deleted %s in %s: still there", path, got)
		}
		if m, ok := v.(map[string]any); !ok || m["set"] != true {
			t.Fatalf("set %s in %s: holds %v", path, got, v)
		}
	})
}
