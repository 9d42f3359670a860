package normalize

import (
	"encoding/json"
	"slices"
	"strings"
)

// annotations are the keywords that document a schema without changing what
// it accepts; two schemas that differ only in these are merged.
var annotations = map[string]bool{
	"description": true, "title": true, "example": true, "examples": true,
	"default": true, "$comment": true,
}

// fingerprint is a canonical JSON form of a schema without its annotations:
// equal fingerprints mean structurally identical schemas. Hoisted children
// are already references, so the fingerprint covers them by identity.
func fingerprint(s node) string {
	data, err := json.Marshal(canonical(s))
	if err != nil {
		// The tree came from JSON, so it always encodes again.
		panic(err)
	}
	return string(data)
}

// canonical copies a schema without annotations or extensions, with its
// required list sorted; subschemas are treated the same way, property names
// and enum values are kept as they are.
func canonical(s node) node {
	out := make(node, len(s))
	for k, v := range s {
		if annotations[k] || strings.HasPrefix(k, "x-") {
			continue
		}
		switch k {
		case "properties":
			props := node{}
			in, _ := v.(node)
			for name, p := range in {
				props[name] = canonicalValue(p)
			}
			out[k] = props
		case "items", "additionalProperties", "not":
			out[k] = canonicalValue(v)
		case "anyOf", "oneOf", "allOf":
			in, _ := v.([]any)
			branches := make([]any, 0, len(in))
			for _, b := range in {
				branches = append(branches, canonicalValue(b))
			}
			out[k] = branches
		case "required":
			in, _ := v.([]any)
			req := slices.Clone(in)
			slices.SortFunc(req, func(a, b any) int {
				as, _ := a.(string)
				bs, _ := b.(string)
				return strings.Compare(as, bs)
			})
			out[k] = req
		default:
			out[k] = v
		}
	}
	return out
}

// canonicalValue canonicalizes a subschema, which may also be a boolean.
func canonicalValue(v any) any {
	if s, ok := v.(node); ok {
		return canonical(s)
	}
	return v
}
