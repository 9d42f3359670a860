package normalize

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// PatchOp is one operation of a JSON Patch (RFC 6902) on an OpenAPI
// document: hints.yaml's overrides.patch and the variants of
// testdata/schemas are lists of them. Op is add, remove, replace or test;
// Path is a JSON pointer (RFC 6901); Value is the value to add, to replace
// with, or to test for.
type PatchOp struct {
	Op    string `json:"op" yaml:"op"`
	Path  string `json:"path" yaml:"path"`
	Value any    `json:"value,omitempty" yaml:"value,omitempty"`
}

// patchOps are the operations PatchOp supports.
var patchOps = []string{"add", "remove", "replace", "test"}

// check rejects an operation that cannot apply to any document.
func (op PatchOp) check() error {
	if !slices.Contains(patchOps, op.Op) {
		return fmt.Errorf("op %q is not one of %s", op.Op, strings.Join(patchOps, ", "))
	}
	tokens, err := parsePointer(op.Path)
	if err != nil {
		return err
	}
	if len(tokens) == 0 {
		return errors.New("path \"\" is the whole document, which a patch may not replace")
	}
	return nil
}

// String writes the operation as a hints.yaml entry in YAML flow style.
func (op PatchOp) String() string {
	s := fmt.Sprintf("{op: %s, path: %q", op.Op, op.Path)
	if op.Op != "remove" {
		var v bytes.Buffer
		enc := json.NewEncoder(&v)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(op.Value)
		s += ", value: " + strings.TrimSuffix(v.String(), "\n")
	}
	return s + "}"
}

// PatchDocument applies ops in order to the JSON document raw and returns
// the result (sorted keys, indented). Any operation that does not apply is
// an error naming it.
func PatchDocument(raw []byte, ops []PatchOp) ([]byte, error) {
	doc, err := decodeTree(raw)
	if err != nil {
		return nil, err
	}
	for i, op := range ops {
		if err := applyPatchOp(doc, op); err != nil {
			return nil, fmt.Errorf("patch[%d]: %w", i, err)
		}
	}
	return encodeTree(doc)
}

// applyPatchOp applies one operation to the document tree doc.
func applyPatchOp(doc node, op PatchOp) error {
	if err := op.check(); err != nil {
		return err
	}
	value, err := jsonValue(op.Value)
	if err != nil {
		return fmt.Errorf("%s %s: %w", op.Op, op.Path, err)
	}
	tokens, _ := parsePointer(op.Path)
	if _, err := patchAt(doc, tokens, op.Op, value); err != nil {
		return fmt.Errorf("%s %s: %w", op.Op, op.Path, err)
	}
	return nil
}

// patchAt applies the operation at the location tokens points to below cur
// and returns cur's new value (an insertion into an array makes a new slice).
func patchAt(cur any, tokens []string, op string, value any) (any, error) {
	key := tokens[0]
	if len(tokens) > 1 {
		next, ok := member(cur, key)
		if !ok {
			return nil, fmt.Errorf("no such location: %q is missing", key)
		}
		changed, err := patchAt(next, tokens[1:], op, value)
		if err != nil {
			return nil, err
		}
		return setMember(cur, key, changed)
	}
	old, exists := member(cur, key)
	switch {
	case op == "add":
		return addMember(cur, key, value)
	case !exists:
		return nil, errors.New("no such location")
	case op == "remove":
		return removeMember(cur, key)
	case op == "replace":
		return setMember(cur, key, value)
	case !reflect.DeepEqual(old, value): // test
		return nil, errors.New("the value differs")
	}
	return cur, nil
}

// member returns the member key of an object or the item of an array at
// index key.
func member(cur any, key string) (any, bool) {
	switch c := cur.(type) {
	case node:
		v, ok := c[key]
		return v, ok
	case []any:
		i, err := arrayIndex(key, len(c)-1)
		if err != nil {
			return nil, false
		}
		return c[i], true
	}
	return nil, false
}

func setMember(cur any, key string, value any) (any, error) {
	switch c := cur.(type) {
	case node:
		c[key] = value
		return c, nil
	case []any:
		i, err := arrayIndex(key, len(c)-1)
		if err != nil {
			return nil, err
		}
		c[i] = value
		return c, nil
	}
	return nil, fmt.Errorf("%q: the parent is neither an object nor an array", key)
}

func addMember(cur any, key string, value any) (any, error) {
	c, ok := cur.([]any)
	if !ok {
		return setMember(cur, key, value)
	}
	if key == "-" {
		return append(c, value), nil
	}
	i, err := arrayIndex(key, len(c))
	if err != nil {
		return nil, err
	}
	return slices.Insert(c, i, value), nil
}

func removeMember(cur any, key string) (any, error) {
	switch c := cur.(type) {
	case node:
		delete(c, key)
		return c, nil
	case []any:
		i, err := arrayIndex(key, len(c)-1)
		if err != nil {
			return nil, err
		}
		return slices.Delete(c, i, i+1), nil
	}
	return nil, fmt.Errorf("%q: the parent is neither an object nor an array", key)
}

// arrayIndex reads an array index of at most maxIndex, as RFC 6901 writes
// it (no sign, no leading zero).
func arrayIndex(key string, maxIndex int) (int, error) {
	i, err := strconv.Atoi(key)
	if err != nil || i < 0 || i > maxIndex || strconv.Itoa(i) != key {
		return 0, fmt.Errorf("%q is not an array index from 0 to %d", key, maxIndex)
	}
	return i, nil
}

// jsonValue converts a value decoded from YAML or JSON to the types the
// document tree holds (node, []any, json.Number, string, bool, nil).
func jsonValue(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// pointerEscaper escapes a reference token of a JSON pointer.
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// pointer joins reference tokens into a JSON pointer (RFC 6901).
func pointer(tokens ...string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(pointerEscaper.Replace(t))
	}
	return b.String()
}

// parsePointer splits a JSON pointer into its reference tokens, unescaped.
func parsePointer(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("%q is not a JSON pointer: it must start with /", p)
	}
	tokens := strings.Split(p[1:], "/")
	for i, t := range tokens {
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(t, "~0", ""), "~1", ""), "~") {
			return nil, fmt.Errorf("%q is not a JSON pointer: ~ must be followed by 0 or 1", p)
		}
		tokens[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return tokens, nil
}

// resolve returns the value at pointer p in doc.
func resolve(doc node, p string) (any, bool) {
	tokens, err := parsePointer(p)
	if err != nil {
		return nil, false
	}
	var cur any = doc
	for _, t := range tokens {
		var ok bool
		if cur, ok = member(cur, t); !ok {
			return nil, false
		}
	}
	return cur, true
}
