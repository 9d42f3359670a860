package falmock

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxSampleDepth bounds the recursion of synthesis; fal's schemas are inline
// and acyclic, so it is only a guard against a self-referencing document.
const maxSampleDepth = 32

// patternCandidates are tried, after the format's own sample, for a string
// whose schema has a pattern.
var patternCandidates = []string{"2025-01-15", "2025-01", "falmock", "falmock_1", "1", "a"}

// synthesizer builds deterministic sample values from schemas: every
// property (required or not), format-aware strings, the first enum value,
// numbers within their bounds, one array item (or minItems), the first
// union branch that validates, and a value rather than null where a type
// allows both. Scalar schemas use their own example when it is valid, else
// the value a property of the same name has in the answer's published
// example (see withValuesOf).
type synthesizer struct {
	opts []openapi3.SchemaValidationOption
	// seen holds, by property name, the first scalar value of that name in
	// a published example.
	seen map[string]any
	// open counts the objects and arrays being synthesized: one met again
	// inside itself is recursive (a tree of nodes), and an optional
	// property or a list that leads back into it is left empty.
	open map[*openapi3.Schema]int
}

func newSynthesizer(s *spec) synthesizer {
	return synthesizer{opts: s.visitOpts, open: map[*openapi3.Schema]int{}}
}

// recursive reports whether ref leads back into an object or array being
// synthesized, directly or as the items of a list.
func (sy synthesizer) recursive(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return false
	}
	return sy.open[ref.Value] > 0 || sy.recursive(ref.Value.Items)
}

// value synthesizes a value for ref; name is the property it is for, used
// as the text of plain strings.
func (sy synthesizer) value(ref *openapi3.SchemaRef, name string) any {
	return sy.sample(ref, name, 0)
}

func (sy synthesizer) valid(s *openapi3.Schema, v any) bool {
	return s.VisitJSON(v, sy.opts...) == nil
}

func (sy synthesizer) sample(ref *openapi3.SchemaRef, name string, depth int) any {
	if ref == nil || ref.Value == nil || depth > maxSampleDepth {
		return map[string]any{}
	}
	s := ref.Value
	switch {
	case s.Always != nil:
		return map[string]any{}
	case s.Const != nil:
		return s.Const
	case len(s.Enum) > 0:
		return firstEnum(s.Enum)
	}
	if v, ok := sy.example(s); ok {
		return v
	}
	if v, ok := sy.seenValue(s, name); ok {
		return v
	}
	switch {
	case len(s.AllOf) > 0:
		return sy.allOf(s, name, depth)
	case len(s.OneOf) > 0:
		return sy.union(s, s.OneOf, name, depth)
	case len(s.AnyOf) > 0:
		return sy.union(s, s.AnyOf, name, depth)
	}
	switch schemaType(s) {
	case openapi3.TypeObject:
		sy.open[s]++
		defer func() { sy.open[s]-- }()
		return sy.object(s, depth)
	case openapi3.TypeArray:
		sy.open[s]++
		defer func() { sy.open[s]-- }()
		return sy.array(s, name, depth)
	case openapi3.TypeString:
		return sampleString(s, name)
	case openapi3.TypeInteger:
		return sampleNumber(s, true)
	case openapi3.TypeNumber:
		return sampleNumber(s, false)
	case openapi3.TypeBoolean:
		return true
	case openapi3.TypeNull:
		return nil
	}
	return map[string]any{}
}

// example is the schema's own example when the schema describes a scalar (or
// an array or union of scalars) and the example validates against it.
// Objects are always synthesized so that they carry every property.
func (sy synthesizer) example(s *openapi3.Schema) (any, bool) {
	if !scalarSchema(s, 0) {
		return nil, false
	}
	candidates := make([]any, 0, 1+len(s.Examples))
	if s.Example != nil {
		candidates = append(candidates, s.Example)
	}
	candidates = append(candidates, s.Examples...)
	for _, c := range candidates {
		if c != nil && sy.valid(s, c) {
			return c, true
		}
	}
	return nil, false
}

// withValuesOf returns a synthesizer that gives a scalar property without
// an example of its own the value a property of the same name has in
// example, when that value fits the property's schema. The rows of an array
// the published example leaves out (the summary of a usage page) then name
// the endpoint, unit and currency its other rows show, not placeholders.
// The first value in document order (object keys sorted) is used, so
// answers stay the same from run to run.
func (sy synthesizer) withValuesOf(example any) synthesizer {
	sy.seen = map[string]any{}
	collectScalars(example, sy.seen)
	return sy
}

// collectScalars records in seen the first string, number or boolean held
// under each property name in v.
func collectScalars(v any, seen map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			switch e := x[k].(type) {
			case string, float64, bool:
				if _, ok := seen[k]; !ok {
					seen[k] = e
				}
			default:
				collectScalars(e, seen)
			}
		}
	case []any:
		for _, e := range x {
			collectScalars(e, seen)
		}
	}
}

// seenValue is the value withValuesOf recorded for the property name, when
// s describes a scalar and the value is valid for it.
func (sy synthesizer) seenValue(s *openapi3.Schema, name string) (any, bool) {
	v, ok := sy.seen[name]
	if !ok || !scalarSchema(s, 0) || !sy.valid(s, v) {
		return nil, false
	}
	return v, true
}

func (sy synthesizer) allOf(s *openapi3.Schema, name string, depth int) any {
	merged := map[string]any{}
	if len(s.Properties) > 0 {
		merged = sy.object(s, depth)
	}
	for _, part := range s.AllOf {
		v := sy.sample(part, name, depth+1)
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		for k, pv := range m {
			merged[k] = pv
		}
	}
	return merged
}

// union returns the value of the first branch that validates against the
// whole union, trying non-null branches first.
func (sy synthesizer) union(s *openapi3.Schema, branches openapi3.SchemaRefs, name string, depth int) any {
	ordered := make(openapi3.SchemaRefs, 0, len(branches))
	var nulls openapi3.SchemaRefs
	for _, b := range branches {
		if b != nil && b.Value != nil && schemaType(b.Value) == openapi3.TypeNull {
			nulls = append(nulls, b)
			continue
		}
		ordered = append(ordered, b)
	}
	ordered = append(ordered, nulls...)
	var first any
	for i, b := range ordered {
		v := sy.sample(b, name, depth+1)
		if i == 0 {
			first = v
		}
		if sy.valid(s, v) {
			return v
		}
	}
	return first
}

func (sy synthesizer) object(s *openapi3.Schema, depth int) map[string]any {
	m := make(map[string]any, len(s.Properties))
	for name, p := range s.Properties {
		if sy.recursive(p) && !slices.Contains(s.Required, name) {
			continue
		}
		m[name] = sy.sample(p, name, depth+1)
	}
	extra := s.AdditionalProperties.Schema
	if extra == nil {
		extra = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
	}
	for _, name := range s.Required {
		if _, ok := m[name]; !ok {
			m[name] = sy.sample(extra, name, depth+1)
		}
	}
	if len(m) == 0 && s.AdditionalProperties.Schema != nil {
		m["key"] = sy.sample(s.AdditionalProperties.Schema, "key", depth+1)
	}
	return m
}

func (sy synthesizer) array(s *openapi3.Schema, name string, depth int) []any {
	n := max(int(s.MinItems), 1)
	if unconstrained(s.Items) || sy.recursive(s.Items) {
		// Items the schema says nothing of have no shape to show, and items
		// of a schema being synthesized would never end: an empty list (or
		// only the items minItems asks for) is the honest sample.
		n = int(s.MinItems)
	}
	if s.MaxItems != nil && uint64(n) > *s.MaxItems {
		n = int(*s.MaxItems)
	}
	items := make([]any, n)
	for i := range items {
		items[i] = sy.sample(s.Items, name, depth+1)
		if s.UniqueItems && i > 0 {
			items[i] = variation{tag: itemTag(0, i+1), ordinal: i + 1}.apply(items[i], s.Items)
		}
	}
	return items
}

// schemaType is the first non-null type a schema allows, "null" if it allows
// only null, or the type its keywords imply when it names none.
func schemaType(s *openapi3.Schema) string {
	types := s.Type.Slice()
	for _, t := range types {
		if t != openapi3.TypeNull {
			return t
		}
	}
	switch {
	case len(types) > 0:
		return openapi3.TypeNull
	case len(s.Properties) > 0 || s.AdditionalProperties.Schema != nil:
		return openapi3.TypeObject
	case s.Items != nil:
		return openapi3.TypeArray
	}
	return ""
}

// scalarSchema reports whether s describes no object anywhere inside it.
func scalarSchema(s *openapi3.Schema, depth int) bool {
	if depth > maxSampleDepth {
		return false
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, b := range group {
			if b == nil || b.Value == nil || !scalarSchema(b.Value, depth+1) {
				return false
			}
		}
	}
	switch schemaType(s) {
	case openapi3.TypeObject:
		return false
	case openapi3.TypeArray:
		return s.Items != nil && s.Items.Value != nil && scalarSchema(s.Items.Value, depth+1)
	case "":
		return len(s.AllOf)+len(s.AnyOf)+len(s.OneOf) > 0
	}
	return true
}

func firstEnum(values []any) any {
	for _, v := range values {
		if v != nil {
			return v
		}
	}
	return nil
}

// formatSamples are the strings synthesized for each string format.
var formatSamples = map[string]string{
	"date-time":     "2025-01-15T10:30:00Z",
	"date":          "2025-01-15",
	"time":          "10:30:00Z",
	"duration":      "PT1H",
	"uri":           "https://example.com/falmock",
	"url":           "https://example.com/falmock",
	"iri":           "https://example.com/falmock",
	"uri-reference": "https://example.com/falmock",
	"uuid":          "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	"email":         "user@example.com",
	"hostname":      "example.com",
	"ipv4":          "192.0.2.10",
	"ipv6":          "2001:db8::10",
	"byte":          "ZmFsbW9jaw==",
}

func sampleString(s *openapi3.Schema, name string) string {
	v, ok := formatSamples[s.Format]
	if !ok {
		v = name
		if v == "" {
			v = "string"
		}
	}
	if s.Pattern != "" {
		if re, err := regexp.Compile(s.Pattern); err == nil && !re.MatchString(v) {
			for _, c := range patternCandidates {
				if re.MatchString(c) {
					v = c
					break
				}
			}
		}
	}
	return fitLength(s, v)
}

// fitLength pads v with "x" or cuts it to the schema's length bounds.
func fitLength(s *openapi3.Schema, v string) string {
	if n := utf8.RuneCountInString(v); uint64(n) < s.MinLength {
		v += strings.Repeat("x", int(s.MinLength)-n)
	}
	if s.MaxLength != nil && uint64(utf8.RuneCountInString(v)) > *s.MaxLength {
		v = string([]rune(v)[:*s.MaxLength])
	}
	return v
}

// sampleNumber is 1 (integers) or 1.5 (numbers), moved inside the schema's
// bounds and onto its multipleOf.
func sampleNumber(s *openapi3.Schema, integer bool) float64 {
	v, step := 1.5, 0.5
	if integer {
		v, step = 1, 1
	}
	lo, loExcl := math.Inf(-1), false
	hi, hiExcl := math.Inf(1), false
	if s.Min != nil {
		lo, loExcl = *s.Min, s.ExclusiveMin.IsTrue()
	}
	if s.ExclusiveMin.Value != nil && *s.ExclusiveMin.Value >= lo {
		lo, loExcl = *s.ExclusiveMin.Value, true
	}
	if s.Max != nil {
		hi, hiExcl = *s.Max, s.ExclusiveMax.IsTrue()
	}
	if s.ExclusiveMax.Value != nil && *s.ExclusiveMax.Value <= hi {
		hi, hiExcl = *s.ExclusiveMax.Value, true
	}
	if v < lo || (loExcl && v == lo) {
		v = lo
		if loExcl {
			v += step
		}
	}
	if v > hi || (hiExcl && v == hi) {
		v = hi
		if hiExcl {
			v -= step
		}
	}
	if !math.IsInf(lo, 0) && !math.IsInf(hi, 0) && (v < lo || v > hi) {
		v = (lo + hi) / 2
	}
	if integer {
		v = math.Ceil(v)
	}
	if m := s.MultipleOf; m != nil && *m > 0 {
		v = math.Ceil(v / *m) * *m
	}
	return v
}

// unconstrained reports whether a schema accepts any value: no type, no
// properties, no enum, no composition.
func unconstrained(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return true
	}
	s := ref.Value
	return s.Type.IsEmpty() && len(s.Properties) == 0 && len(s.Enum) == 0 && s.Const == nil &&
		len(s.AnyOf) == 0 && len(s.OneOf) == 0 && len(s.AllOf) == 0 && s.Items == nil && s.AdditionalProperties.Schema == nil
}
