package normalize

import (
	"fmt"
	"strings"
)

// discriminatorMappings makes every discriminator one oapi-codegen can
// write correctly. oapi-codegen maps each branch of the union, a $ref, to
// the discriminator value in discriminator.mapping, or, where there is
// none, to the name of the branch's component, which is not the value the
// server sends when the normalizer named the branch. So the mapping is
// written from the value each branch's discriminator property holds (a
// const or a one-value enum); a discriminator whose branches are inline, or
// do not each hold one distinct value, is removed with a warning: the union
// still decodes and validates, only without the helper that picks the
// branch by that property.
func discriminatorMappings(schemas node) []string {
	return forEachComponentSchema(schemas, func(name string, s node) []string {
		if child(s, "discriminator") == nil {
			return nil
		}
		mapping, why := discriminatorMapping(s, schemas)
		if why != "" {
			delete(s, "discriminator")
			return []string{fmt.Sprintf("%s: discriminator removed: %s", name, why)}
		}
		child(s, "discriminator")["mapping"] = mapping
		return nil
	})
}

// discriminatorMapping works out the mapping of the union s from its
// branches, or says why there is none.
func discriminatorMapping(s node, schemas node) (node, string) {
	property := str(child(s, "discriminator"), "propertyName")
	branches := list(s, "oneOf")
	if branches == nil {
		branches = list(s, "anyOf")
	}
	if property == "" || len(branches) == 0 {
		return nil, "no propertyName, or no oneOf or anyOf"
	}
	mapping := node{}
	for i, b := range branches {
		bn, _ := b.(node)
		ref := str(bn, "$ref")
		target, _ := schemas[strings.TrimPrefix(ref, schemaRefPrefix)].(node)
		if !strings.HasPrefix(ref, schemaRefPrefix) || target == nil {
			return nil, fmt.Sprintf("branch %d is not a component", i)
		}
		value, ok := singleValue(child(child(target, "properties"), property))
		if !ok {
			return nil, fmt.Sprintf("%s does not hold one value of %s", ref, property)
		}
		if mapping[value] != nil {
			return nil, fmt.Sprintf("two branches hold %s %q", property, value)
		}
		mapping[value] = ref
	}
	return mapping, ""
}

// singleValue is the one string a schema allows: its const, or the value
// of a one-value enum.
func singleValue(s node) (string, bool) {
	if v, ok := s["const"].(string); ok {
		return v, true
	}
	if values := list(s, "enum"); len(values) == 1 {
		v, ok := values[0].(string)
		return v, ok
	}
	return "", false
}
