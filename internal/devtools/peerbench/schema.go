package peerbench

import (
	"encoding/json"
	"fmt"
	"strings"
)

// document is an OpenAPI document read as plain JSON values, enough to walk
// schemas, follow local $refs and read examples.
type document struct {
	root map[string]any
}

func parseDocument(data []byte) (*document, error) {
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("parse openapi document: %w", err)
	}
	return &document{root: root}, nil
}

// resolve follows a schema's local $ref chain to the schema it names.
func (d *document) resolve(schema map[string]any) (map[string]any, error) {
	for range 32 {
		ref, ok := schema["$ref"].(string)
		if !ok {
			return schema, nil
		}
		target, err := d.pointer(ref)
		if err != nil {
			return nil, err
		}
		next, ok := target.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s is not a schema", ref)
		}
		schema = next
	}
	return nil, fmt.Errorf("$ref chain too long at %v", schema["$ref"])
}

// pointer returns the value at a local JSON pointer ("#/a/b").
func (d *document) pointer(ref string) (any, error) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("$ref %q is not local", ref)
	}
	var cur any = d.root
	for _, token := range strings.Split(rest, "/") {
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q: %q is not inside an object", ref, token)
		}
		if cur, ok = m[token]; !ok {
			return nil, fmt.Errorf("$ref %q: no %q", ref, token)
		}
	}
	return cur, nil
}

// jsonAnswer returns the schema and example of the JSON 200 answer of the
// operation with the given ID.
func (d *document) jsonAnswer(operationID string) (path string, schema map[string]any, example any, err error) {
	paths, _ := d.root["paths"].(map[string]any)
	for p, item := range paths {
		ops, _ := item.(map[string]any)
		for _, op := range ops {
			o, _ := op.(map[string]any)
			if o == nil || o["operationId"] != operationID {
				continue
			}
			media, err := d.valueAt(o, "responses", "200", "content", "application/json")
			if err != nil {
				return "", nil, nil, fmt.Errorf("%s: %w", operationID, err)
			}
			m, _ := media.(map[string]any)
			schema, _ := m["schema"].(map[string]any)
			if schema == nil || m["example"] == nil {
				return "", nil, nil, fmt.Errorf("%s: the JSON 200 answer has no schema or no example", operationID)
			}
			return p, schema, m["example"], nil
		}
	}
	return "", nil, nil, fmt.Errorf("no operation %q in the schema", operationID)
}

func (d *document) valueAt(v any, keys ...string) (any, error) {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("no %q", k)
		}
		if v, ok = m[k]; !ok {
			return nil, fmt.Errorf("no %q", k)
		}
	}
	return v, nil
}
