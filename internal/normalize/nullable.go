package normalize

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// nullableValues gives every property that may be null the Go type
// falapi.Nullable[T] (gen/falapi/nullable.gen.go), through oapi-codegen's
// x-go-type: a value, not a pointer, holding one of three states, so that
// null, absent and a value stay three different things in both
// directions (PATCH bodies send null to clear a field). An optional one is
// tagged omitzero, which leaves an unspecified value out. It runs on the
// named components, once every $ref is known; a property whose shape it
// cannot spell in Go is left to oapi-codegen (a pointer) with a warning.
func nullableValues(schemas node) []string {
	return forEachComponentSchema(schemas, func(name string, s node) []string {
		var warnings []string
		props := child(s, "properties")
		required := list(s, "required")
		for _, prop := range slices.Sorted(maps.Keys(props)) {
			p, _ := props[prop].(node)
			if p == nil || !nullable(p, schemas, nil) {
				continue
			}
			inner := goType(withoutNull(p), schemas)
			if inner == "" {
				warnings = append(warnings, fmt.Sprintf("%s.%s: a nullable property whose Go type the normalizer cannot spell: it stays a pointer", name, prop))
				continue
			}
			p["x-go-type"] = "Nullable[" + inner + "]"
			p["x-go-type-skip-optional-pointer"] = true
			if !slices.Contains(required, any(prop)) {
				p["x-omitempty"] = false
				p["x-omitzero"] = true
			}
		}
		return warnings
	})
}

// nullable reports whether oapi-codegen reads s as nullable: null among
// its types, a {"type": "null"} branch of its anyOf or oneOf, a nullable
// allOf member, or a $ref to a nullable schema.
func nullable(s node, schemas node, seen map[string]bool) bool {
	if ref := str(s, "$ref"); strings.HasPrefix(ref, schemaRefPrefix) {
		name := strings.TrimPrefix(ref, schemaRefPrefix)
		if seen[name] {
			return false
		}
		seen = maps.Clone(seen)
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[name] = true
		target, _ := schemas[name].(node)
		return target != nil && nullable(target, schemas, seen)
	}
	if hasType(s, "null") {
		return true
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		for _, b := range list(s, kw) {
			if bn, _ := b.(node); isNullSchema(bn) {
				return true
			}
		}
	}
	for _, m := range list(s, "allOf") {
		if mn, _ := m.(node); mn != nil && nullable(mn, schemas, seen) {
			return true
		}
	}
	return false
}

// withoutNull is s without its null: null dropped from its types, or its
// one non-null anyOf/oneOf branch (with s's extensions).
func withoutNull(s node) node {
	if branches := nonNullBranches(s); len(branches) == 1 && (len(list(s, "anyOf")) > 0 || len(list(s, "oneOf")) > 0) {
		b, _ := branches[0].(node)
		return b
	}
	out := maps.Clone(s)
	setTypes(out, slices.DeleteFunc(types(s), func(t string) bool { return t == "null" }))
	return out
}

// goType spells the Go type oapi-codegen generates for s (not null), as
// oapi-codegen.yaml configures it, or "" for a shape it does not know.
func goType(s node, schemas node) string {
	if t := str(s, "x-go-type"); t != "" {
		return t
	}
	if ref := str(s, "$ref"); ref != "" {
		if !strings.HasPrefix(ref, schemaRefPrefix) {
			return ""
		}
		return GoName(strings.TrimPrefix(ref, schemaRefPrefix))
	}
	if members := list(s, "allOf"); len(members) == 1 {
		m, _ := members[0].(node)
		return goType(withoutNull(m), schemas)
	}
	ts := types(s)
	if len(ts) != 1 || len(list(s, "anyOf")) > 0 || len(list(s, "oneOf")) > 0 || len(list(s, "allOf")) > 0 {
		return ""
	}
	switch ts[0] {
	case "string":
		return formatType(stringFormats, str(s, "format"), "string")
	case "integer":
		return formatType(integerFormats, str(s, "format"), "int")
	case "number":
		return formatType(numberFormats, str(s, "format"), "float64")
	case "boolean":
		return "bool"
	case "array":
		return containerType("[]", child(s, "items"), schemas)
	case "object":
		if len(child(s, "properties")) > 0 {
			return ""
		}
		return containerType("map[string]", child(s, "additionalProperties"), schemas)
	}
	return ""
}

// containerType spells a slice or map (prefix) of elem: any value when
// elem is nil, nothing when elem may be null (oapi-codegen would hold it
// by pointer) or cannot be spelled.
func containerType(prefix string, elem node, schemas node) string {
	if elem == nil {
		return prefix + "interface{}"
	}
	if nullable(elem, schemas, nil) {
		return ""
	}
	if t := goType(elem, schemas); t != "" {
		return prefix + t
	}
	return ""
}

// The Go types of formats, as oapi-codegen's DefaultTypeMapping has them;
// numbers default to float64, as oapi-codegen.yaml's type-mapping says.
var (
	stringFormats = map[string]string{
		"byte": "[]byte", "email": "openapi_types.Email", "date": "openapi_types.Date",
		"date-time": "time.Time", "duration": "openapi_types.Duration", "json": "json.RawMessage",
		"uuid": "openapi_types.UUID", "binary": "openapi_types.File",
	}
	integerFormats = map[string]string{
		"int": "int", "int8": "int8", "int16": "int16", "int32": "int32", "int64": "int64",
		"uint": "uint", "uint8": "uint8", "uint16": "uint16", "uint32": "uint32", "uint64": "uint64",
	}
	numberFormats = map[string]string{"float": "float32", "double": "float64"}
)

func formatType(formats map[string]string, format, fallback string) string {
	if t, ok := formats[format]; ok {
		return t
	}
	return fallback
}
