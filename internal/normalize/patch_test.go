package normalize

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestPatchDocument(t *testing.T) {
	const doc = `{"a": {"b": 1, "c~/d": [10, 20]}, "e": [{"f": true}]}`
	tests := []struct {
		name string
		ops  []PatchOp
		want string // the document after, or the error's substring after "error: "
	}{
		{"add a member", []PatchOp{add("/a/x", map[string]any{"y": []any{1, "two"}})}, `{"a": {"b": 1, "c~/d": [10, 20], "x": {"y": [1, "two"]}}, "e": [{"f": true}]}`},
		{"add replaces a member", []PatchOp{add("/a/b", 2)}, `{"a": {"b": 2, "c~/d": [10, 20]}, "e": [{"f": true}]}`},
		{"insert into an array", []PatchOp{add("/a/c~0~1d/1", 15)}, `{"a": {"b": 1, "c~/d": [10, 15, 20]}, "e": [{"f": true}]}`},
		{"append to an array", []PatchOp{add("/a/c~0~1d/-", 30), add("/a/c~0~1d/3", 40)}, `{"a": {"b": 1, "c~/d": [10, 20, 30, 40]}, "e": [{"f": true}]}`},
		{"remove a member", []PatchOp{remove("/a/b")}, `{"a": {"c~/d": [10, 20]}, "e": [{"f": true}]}`},
		{"remove an item", []PatchOp{remove("/a/c~0~1d/0")}, `{"a": {"b": 1, "c~/d": [20]}, "e": [{"f": true}]}`},
		{"replace deep in an array", []PatchOp{replace("/e/0/f", false)}, `{"a": {"b": 1, "c~/d": [10, 20]}, "e": [{"f": false}]}`},
		{"test then replace", []PatchOp{{Op: "test", Path: "/a/b", Value: 1}, replace("/a/b", nil)}, `{"a": {"b": null, "c~/d": [10, 20]}, "e": [{"f": true}]}`},
		{"a failed test", []PatchOp{{Op: "test", Path: "/a/b", Value: 2}}, `error: patch[0]: test /a/b: the value differs`},
		{"remove what is missing", []PatchOp{remove("/a/z")}, `error: patch[0]: remove /a/z: no such location`},
		{"replace below what is missing", []PatchOp{replace("/z/y", 1)}, `error: patch[0]: replace /z/y: no such location: "z" is missing`},
		{"an index past the end", []PatchOp{add("/e/2", 1)}, `error: patch[0]: add /e/2: "2" is not an array index from 0 to 1`},
		{"an index with a leading zero", []PatchOp{replace("/e/00", 1)}, `error: patch[0]: replace /e/00: no such location`},
		{"the second operation fails", []PatchOp{remove("/a/b"), remove("/a/b")}, `error: patch[1]: remove /a/b: no such location`},
		{"the whole document", []PatchOp{replace("", 1)}, `error: patch[0]: path "" is the whole document`},
		{"a bad escape", []PatchOp{remove("/a/~2")}, `error: patch[0]: "/a/~2" is not a JSON pointer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := PatchDocument([]byte(doc), tt.ops)
			if want, isErr := strings.CutPrefix(tt.want, "error: "); isErr {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("err = %v, want one containing %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", out, tt.want)
			}
		})
	}
}

func TestPointerRoundTrip(t *testing.T) {
	for _, tokens := range [][]string{{"paths", "/models/{id}", "get"}, {"a~b", "~1", ""}, {}} {
		p := pointer(tokens...)
		back, err := parsePointer(p)
		if err != nil || !slices.Equal(back, tokens) {
			t.Errorf("%q: %q, %v; want %q", p, back, err, tokens)
		}
	}
	if got := pointer("paths", "/models", "get"); got != "/paths/~1models/get" {
		t.Errorf("pointer = %q", got)
	}
}

func TestPatchOpString(t *testing.T) {
	for _, tt := range []struct {
		op   PatchOp
		want string
	}{
		{remove("/a~1b"), `{op: remove, path: "/a~1b"}`},
		{add("/x", map[string]any{"k": "<v>"}), `{op: add, path: "/x", value: {"k":"<v>"}}`},
	} {
		if got := tt.op.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
		h, err := ParseHints([]byte("overrides: {patch: [" + tt.op.String() + "]}"))
		if err != nil || !reflect.DeepEqual(h.Overrides.Patch, []PatchOp{tt.op}) {
			t.Errorf("%s does not read back as hints: %+v, %v", tt.op, h.Overrides.Patch, err)
		}
	}
}
