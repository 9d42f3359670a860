package peerbench

import (
	"fmt"
	"slices"
	"strings"
)

// absent marks a property the example leaves out.
type absentValue struct{}

var absent = absentValue{}

// expander completes an example so that it holds every property its schema
// defines: values the example gives are kept, the others are made up
// deterministically from the schema (its example, its first enum value, or
// a value of its type).
type expander struct {
	doc *document
}

func (e *expander) expand(schema map[string]any, example any, name string) (any, error) {
	s, err := e.doc.resolve(schema)
	if err != nil {
		return nil, err
	}
	if example == nil {
		return nil, nil // an explicit null stays null
	}
	if branches := unionBranches(s); branches != nil {
		branch, err := e.pickBranch(branches, example)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return e.expand(branch, example, name)
	}
	if example == absent {
		if v, ok := s["example"]; ok && v != nil {
			example = v
		} else if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
			return enum[0], nil
		}
	}
	switch t := schemaType(s); t {
	case "object":
		return e.object(s, example, name)
	case "array":
		return e.array(s, example, name)
	case "string", "number", "integer", "boolean":
		if example != absent {
			return example, nil
		}
		return scalar(t, name, s), nil
	default:
		if example != absent {
			return example, nil
		}
		return nil, fmt.Errorf("%s: cannot make up a value of an untyped schema", name)
	}
}

func (e *expander) object(s map[string]any, example any, name string) (any, error) {
	given := map[string]any{}
	if example != absent {
		m, ok := example.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: example %v is not an object", name, example)
		}
		given = m
	}
	out := make(map[string]any, len(given))
	for k, v := range given {
		out[k] = v
	}
	props, _ := s["properties"].(map[string]any)
	for _, prop := range sortedKeys(props) {
		ps, _ := props[prop].(map[string]any)
		v, ok := given[prop]
		if !ok {
			v = absent
		}
		ev, err := e.expand(ps, v, prop)
		if err != nil {
			return nil, err
		}
		out[prop] = ev
	}
	return out, nil
}

func (e *expander) array(s map[string]any, example any, name string) (any, error) {
	items, _ := s["items"].(map[string]any)
	if example == absent {
		v, err := e.expand(items, absent, name)
		if err != nil {
			return nil, err
		}
		return []any{v}, nil
	}
	given, ok := example.([]any)
	if !ok {
		return nil, fmt.Errorf("%s: example %v is not an array", name, example)
	}
	out := make([]any, len(given))
	for i, v := range given {
		ev, err := e.expand(items, v, name)
		if err != nil {
			return nil, err
		}
		out[i] = ev
	}
	return out, nil
}

// pickBranch chooses the first branch of a union whose type fits the
// example (the first branch for a made-up value).
func (e *expander) pickBranch(branches []any, example any) (map[string]any, error) {
	for _, b := range branches {
		bs, _ := b.(map[string]any)
		rs, err := e.doc.resolve(bs)
		if err != nil {
			return nil, err
		}
		if example == absent || fits(schemaType(rs), example) {
			return bs, nil
		}
	}
	return nil, fmt.Errorf("no branch of the union fits the example %v", example)
}

func unionBranches(s map[string]any) []any {
	for _, k := range []string{"oneOf", "anyOf"} {
		if b, ok := s[k].([]any); ok && len(b) > 0 {
			return b
		}
	}
	return nil
}

// schemaType is a schema's type other than "null", inferred as "object"
// from properties when the type is not given.
func schemaType(s map[string]any) string {
	switch t := s["type"].(type) {
	case string:
		return t
	case []any:
		for _, v := range t {
			if v != "null" {
				return fmt.Sprint(v)
			}
		}
	}
	if _, ok := s["properties"]; ok {
		return "object"
	}
	if _, ok := s["enum"]; ok {
		return "string"
	}
	return ""
}

func fits(t string, v any) bool {
	switch v.(type) {
	case map[string]any:
		return t == "object"
	case []any:
		return t == "array"
	case string:
		return t == "string"
	case float64:
		return t == "number" || t == "integer"
	case bool:
		return t == "boolean"
	}
	return false
}

// scalar makes up a value of a scalar type for the property name, within
// the schema's length bounds.
func scalar(t, name string, s map[string]any) any {
	switch t {
	case "number":
		return 1.25
	case "integer":
		return 3.0
	case "boolean":
		return false
	}
	v := "example " + strings.ReplaceAll(name, "_", " ")
	if strings.HasSuffix(name, "_url") {
		v = "https://fal.ai/example/" + name
	}
	if maxLen, ok := s["maxLength"].(float64); ok && len(v) > int(maxLen) {
		v = v[:int(maxLen)]
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
