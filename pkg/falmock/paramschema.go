package falmock

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// decodableParameters rewrites the parameter schemas of a path item that
// kin-openapi's request decoder cannot read: a list or object that may also
// be null, such as {"type": ["array", "null"]}, is decoded only when its type
// is "array" or "object" alone, and is otherwise refused whatever is sent. A
// query string cannot carry a JSON null, so dropping "null" from such a type
// changes no request the schema accepts. The parameter gets a copy of its
// schema; schemas shared with bodies are left as they are.
func decodableParameters(item *openapi3.PathItem) {
	params := slices.Clone(item.Parameters)
	for _, op := range item.Operations() {
		params = append(params, op.Parameters...)
	}
	for _, p := range params {
		if p == nil || p.Value == nil || p.Value.Schema == nil {
			continue
		}
		p.Value.Schema = decodableSchema(p.Value.Schema)
	}
}

// decodableSchema returns ref, or a copy of it whose type, and the types of
// its direct union branches, name "array" or "object" without "null".
func decodableSchema(ref *openapi3.SchemaRef) *openapi3.SchemaRef {
	if ref == nil || ref.Value == nil {
		return ref
	}
	s := ref.Value
	typ := nonNullContainer(s.Type)
	var anyOf, oneOf openapi3.SchemaRefs
	changed := typ != nil
	for _, group := range []struct {
		in  openapi3.SchemaRefs
		out *openapi3.SchemaRefs
	}{{s.AnyOf, &anyOf}, {s.OneOf, &oneOf}} {
		for _, b := range group.in {
			nb := decodableSchema(b)
			changed = changed || nb != b
			*group.out = append(*group.out, nb)
		}
	}
	if !changed {
		return ref
	}
	c := *s
	if typ != nil {
		c.Type = typ
	}
	c.AnyOf, c.OneOf = anyOf, oneOf
	return &openapi3.SchemaRef{Value: &c}
}

// nonNullContainer returns the type without "null" when it is a list or an
// object that may be null, else nil.
func nonNullContainer(t *openapi3.Types) *openapi3.Types {
	types := t.Slice()
	if len(types) != 2 || !slices.Contains(types, openapi3.TypeNull) {
		return nil
	}
	for _, x := range types {
		if x == openapi3.TypeArray || x == openapi3.TypeObject {
			return &openapi3.Types{x}
		}
	}
	return nil
}
