package normalize

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// The normalizer rewrites the document as a JSON tree rather than through
// kin-openapi's typed model: a $ref may then keep the description of the
// place it stands in (an OpenAPI 3.1 sibling keyword), numbers keep their
// exact spelling, and nothing the generator does not read is lost.
// kin-openapi validates the document before and after (see Normalize).
type node = map[string]any

// decodeTree parses JSON keeping numbers as written.
func decodeTree(data []byte) (node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc node
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return doc, nil
}

// encodeTree writes the tree with sorted keys, two-space indent and no HTML
// escaping, so that the same input always gives the same bytes.
func encodeTree(doc node) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func child(n node, key string) node {
	c, _ := n[key].(node)
	return c
}

func list(n node, key string) []any {
	l, _ := n[key].([]any)
	return l
}

func str(n node, key string) string {
	s, _ := n[key].(string)
	return s
}

// types returns a schema's type keyword as a list ("string" -> [string]).
func types(s node) []string {
	switch t := s["type"].(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, v := range t {
			if name, ok := v.(string); ok {
				out = append(out, name)
			}
		}
		return out
	}
	return nil
}

// setTypes writes a type list back, as a plain string when it has one entry.
func setTypes(s node, ts []string) {
	switch len(ts) {
	case 0:
		delete(s, "type")
	case 1:
		s["type"] = ts[0]
	default:
		l := make([]any, len(ts))
		for i, t := range ts {
			l[i] = t
		}
		s["type"] = l
	}
}

func hasType(s node, t string) bool { return slices.Contains(types(s), t) }

// isNullSchema reports whether s is {"type": "null"}.
func isNullSchema(s node) bool {
	ts := types(s)
	return len(ts) == 1 && ts[0] == "null"
}

// httpMethods lists the operation keys of a path item in the order the
// normalizer visits them.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// operation is one operation of the document while it is being normalized.
type operation struct {
	id     string
	method string
	path   string
	node   node
}

// operations lists the document's operations by path, then method.
func operations(doc node) []operation {
	paths := child(doc, "paths")
	var ops []operation
	for _, p := range slices.Sorted(maps.Keys(paths)) {
		item, _ := paths[p].(node)
		for _, m := range httpMethods {
			op, ok := item[m].(node)
			if !ok {
				continue
			}
			ops = append(ops, operation{id: str(op, "operationId"), method: m, path: p, node: op})
		}
	}
	return ops
}
