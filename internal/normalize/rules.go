package normalize

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// An operationRule rewrites one operation before its schemas are hoisted.
type operationRule struct {
	name  string
	apply func(op operation, cfg Config) []string // returns warnings
}

// operationRules are the fix-ups fal's schema needs, in the order they run.
// Each is one line here; Normalize hoists and merges after them.
var operationRules = []operationRule{
	// optionalAuth: "**Authentication:** Optional" in the description adds the empty security requirement.
	{"optionalAuth", optionalAuth},
	// stringOrArrayParams: a query parameter "string or array of strings" becomes the array (same query string).
	{"stringOrArrayParams", stringOrArrayParams},
	// dateParams: a parameter "date-time or YYYY-MM-DD" becomes a string that takes either.
	{"dateParams", dateParams},
	// nullUnions: anyOf/oneOf of one schema and {"type": "null"} becomes that schema with null in its type.
	{"nullUnions", forEachSchema(nullUnion)},
	// rawJSONValues: a property or item with no type at all is raw JSON (json.RawMessage, omitzero: null survives a round trip).
	{"rawJSONValues", forEachSchema(rawJSONValues)},
	// recursiveTrees: an object nested in itself through an array, level after level down to {}, refers to itself.
	{"recursiveTrees", forEachSchema(recursiveTree)},
	// optionalContainers: an optional, non-null array or map is a plain slice or map tagged omitzero (absent, [] and {} stay apart).
	{"optionalContainers", forEachSchema(optionalContainers)},
	// arrayParams: an optional array parameter is a plain slice; an empty one sends nothing.
	{"arrayParams", arrayParams},
	// uuidParams: a uuid parameter is a plain string, as callers hold request IDs (the server still checks it).
	{"uuidParams", uuidParams},
	// pathArgNames: a path parameter named like an identifier of oapi-codegen's client code ({ctx}) gets its own Go name (ctxParam).
	{"pathArgNames", pathArgNames},
	// distinctParamNames: parameters whose names differ only in case or separators (foo_bar, fooBar) get Go fields of their own (FooBar2).
	{"distinctParamNames", distinctParamNames},
	// filePathParams (hint): a path parameter holding a file path is marked x-fal-file-path.
	{"filePathParams", filePathParams},
	// textFormats (hint): a text response in a known format is marked x-fal-format.
	{"textFormats", textFormats},
	// pagination: a cursor parameter and a body with next_cursor, has_more and one array (or the hinted one) mark x-fal-page-items.
	{"pagination", pagination},
}

func optionalAuth(op operation, _ Config) []string {
	if !AuthOptional(str(op.node, "description")) {
		return nil
	}
	sec := list(op.node, "security")
	if !slices.ContainsFunc(sec, func(r any) bool { rn, _ := r.(node); return len(rn) == 0 }) {
		op.node["security"] = append(sec, node{})
	}
	return nil
}

func parameters(op operation) []node {
	var out []node
	for _, p := range list(op.node, "parameters") {
		if pn, ok := p.(node); ok {
			out = append(out, pn)
		}
	}
	return out
}

func stringOrArrayParams(op operation, _ Config) []string {
	for _, p := range parameters(op) {
		s := child(p, "schema")
		branches := list(s, "anyOf")
		if str(p, "in") != "query" || len(branches) != 2 {
			continue
		}
		one, _ := branches[0].(node)
		many, _ := branches[1].(node)
		if !hasType(one, "string") || !hasType(many, "array") || !hasType(child(many, "items"), "string") {
			continue
		}
		delete(s, "anyOf")
		s["type"] = "array"
		s["items"] = many["items"]
		p["style"], p["explode"] = "form", true
		for _, holder := range []node{s, p} {
			if ex, ok := holder["example"].(string); ok {
				holder["example"] = []any{ex}
			}
		}
	}
	return nil
}

func dateParams(op operation, _ Config) []string {
	for _, p := range parameters(op) {
		s := child(p, "schema")
		branches := list(s, "anyOf")
		if len(branches) != 2 {
			continue
		}
		dt, _ := branches[0].(node)
		d, _ := branches[1].(node)
		if str(dt, "format") != "date-time" || !hasType(d, "string") || str(d, "pattern") == "" {
			continue
		}
		delete(s, "anyOf")
		s["type"] = "string"
	}
	return nil
}

// forEachSchema lifts a rule on one schema to every schema of an operation.
func forEachSchema(rule func(s node, inline bool)) func(operation, Config) []string {
	return func(op operation, _ Config) []string {
		for _, s := range operationSchemas(op) {
			walkSchema(s, false, rule)
		}
		return nil
	}
}

// forEachComponentSchema calls rule on every schema of the named components,
// in name order, and on each schema inside them as walkSchema reaches it,
// and gathers the warnings rule returns; component is the name of the
// component the schema is in.
func forEachComponentSchema(schemas node, rule func(component string, s node) []string) []string {
	var warnings []string
	for _, name := range slices.Sorted(maps.Keys(schemas)) {
		s, _ := schemas[name].(node)
		walkSchema(s, false, func(s node, _ bool) {
			warnings = append(warnings, rule(name, s)...)
		})
	}
	return warnings
}

// operationSchemas lists the top schemas of an operation: parameters, request
// body and responses, in document order.
func operationSchemas(op operation) []node {
	var out []node
	for _, p := range parameters(op) {
		if s := child(p, "schema"); s != nil {
			out = append(out, s)
		}
	}
	for _, ct := range slices.Sorted(maps.Keys(child(child(op.node, "requestBody"), "content"))) {
		if s := child(child(child(child(op.node, "requestBody"), "content"), ct), "schema"); s != nil {
			out = append(out, s)
		}
	}
	responses := child(op.node, "responses")
	for _, status := range slices.Sorted(maps.Keys(responses)) {
		content := child(child(responses, status), "content")
		for _, ct := range slices.Sorted(maps.Keys(content)) {
			if s := child(child(content, ct), "schema"); s != nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// walkSchema calls rule on s and every subschema below it, parents first;
// inline says whether s is a property value or an array item.
func walkSchema(s node, inline bool, rule func(s node, inline bool)) {
	rule(s, inline)
	for _, name := range slices.Sorted(maps.Keys(child(s, "properties"))) {
		if p, ok := child(s, "properties")[name].(node); ok {
			walkSchema(p, true, rule)
		}
	}
	if items := child(s, "items"); items != nil {
		walkSchema(items, true, rule)
	}
	if values := child(s, "additionalProperties"); values != nil {
		walkSchema(values, false, rule)
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		for _, b := range list(s, kw) {
			if bn, ok := b.(node); ok {
				walkSchema(bn, false, rule)
			}
		}
	}
}

func nullUnion(s node, _ bool) {
	for _, kw := range []string{"anyOf", "oneOf"} {
		branches := list(s, kw)
		if len(branches) < 2 {
			continue
		}
		kept := nonNullBranches(s)
		only, ok := kept[0].(node)
		if len(kept) != 1 || !ok || len(types(only)) == 0 {
			continue
		}
		delete(s, kw)
		for k, v := range only {
			if _, set := s[k]; !set || k == "type" {
				s[k] = v
			}
		}
		setTypes(s, append(types(only), "null"))
	}
}

// schemaKeywords are the keywords that constrain a value's type or shape.
var schemaKeywords = []string{"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const", "properties", "items", "not"}

func rawJSONValues(s node, inline bool) {
	if !inline || slices.ContainsFunc(schemaKeywords, func(k string) bool { _, ok := s[k]; return ok }) {
		return
	}
	// Not a pointer, and omitzero: absent stays absent, a JSON null is kept
	// as the raw "null" (and can be sent, to clear a field), any other
	// value as it came.
	s["x-go-type"] = "json.RawMessage"
	s["x-go-type-skip-optional-pointer"] = true
	s["x-omitempty"] = false
	s["x-omitzero"] = true
}

// selfMarker stands where recursiveTree cut a schema's copy of itself; the
// hoister turns it into a reference to the schema's own component.
const selfMarker = "x-fal-self"

func recursiveTree(s node, _ bool) {
	props := child(s, "properties")
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p, _ := props[name].(node)
		if !hasType(p, "array") {
			continue
		}
		depth, level := 0, child(p, "items")
		for sameShape(s, level, name) {
			depth++
			level = child(child(child(level, "properties"), name), "items")
		}
		if depth >= 2 && level != nil && !hoistable(level) && len(types(level)) == 0 {
			p["items"] = node{selfMarker: true}
		}
	}
}

// sameShape reports whether b is a copy of a: the same properties, equal but
// for the array property via, which holds the next level.
func sameShape(a, b node, via string) bool {
	pa, pb := child(a, "properties"), child(b, "properties")
	if len(pa) == 0 || len(pa) != len(pb) || !hasType(b, "object") {
		return false
	}
	for name, va := range pa {
		vb, ok := pb[name].(node)
		if !ok {
			return false
		}
		if name == via {
			if !hasType(vb, "array") {
				return false
			}
			continue
		}
		an, _ := va.(node)
		if fingerprint(an) != fingerprint(vb) {
			return false
		}
	}
	return fingerprint(node{"required": a["required"]}) == fingerprint(node{"required": b["required"]})
}

func optionalContainers(s node, _ bool) {
	props := child(s, "properties")
	required := list(s, "required")
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p, _ := props[name].(node)
		if p == nil || slices.Contains(required, any(name)) || hasType(p, "null") {
			continue
		}
		isMap := hasType(p, "object") && len(child(p, "properties")) == 0
		if hasType(p, "array") || isMap {
			p["x-go-type-skip-optional-pointer"] = true
			p["x-omitempty"] = false
			p["x-omitzero"] = true
		}
	}
}

func arrayParams(op operation, _ Config) []string {
	for _, p := range parameters(op) {
		if s := child(p, "schema"); p["required"] != true && hasType(s, "array") {
			s["x-go-type-skip-optional-pointer"] = true
		}
	}
	return nil
}

func uuidParams(op operation, _ Config) []string {
	for _, p := range parameters(op) {
		if s := child(p, "schema"); str(s, "format") == "uuid" {
			delete(s, "format")
		}
	}
	return nil
}

func filePathParams(op operation, cfg Config) []string {
	var warnings []string
	for _, fp := range cfg.Hints.FilePaths {
		opID, param, _ := strings.Cut(fp, ".")
		if opID != op.id {
			continue
		}
		i := slices.IndexFunc(parameters(op), func(p node) bool { return str(p, "in") == "path" && str(p, "name") == param })
		if i < 0 {
			warnings = append(warnings, fmt.Sprintf("hints: filePaths: %s has no path parameter %s", op.id, param))
			continue
		}
		parameters(op)[i]["x-fal-file-path"] = true
	}
	return warnings
}

func textFormats(op operation, cfg Config) []string {
	format, ok := cfg.Hints.Formats[op.id]
	if !ok {
		return nil
	}
	responses := child(op.node, "responses")
	for _, status := range slices.Sorted(maps.Keys(responses)) {
		for ct, media := range child(child(responses, status), "content") {
			if strings.HasPrefix(ct, "text/") {
				media.(node)["x-fal-format"] = format
				return nil
			}
		}
	}
	return []string{fmt.Sprintf("hints: formats: %s has no text response", op.id)}
}

func pagination(op operation, cfg Config) []string {
	if !slices.ContainsFunc(parameters(op), func(p node) bool { return str(p, "in") == "query" && str(p, "name") == "cursor" }) {
		return nil
	}
	body := successJSONSchema(op)
	props := child(body, "properties")
	if props["next_cursor"] == nil || props["has_more"] == nil {
		return nil
	}
	var arrays []string
	for _, name := range slices.Sorted(maps.Keys(props)) {
		if p, _ := props[name].(node); hasType(p, "array") {
			arrays = append(arrays, name)
		}
	}
	items, hinted := cfg.Hints.PageItems[op.id]
	switch {
	case hinted && slices.Contains(arrays, items):
	case hinted:
		return []string{fmt.Sprintf("hints: pageItems: %s has no array %s (it has %v)", op.id, items, arrays)}
	case len(arrays) == 1:
		items = arrays[0]
	default:
		return []string{fmt.Sprintf("%s pages through several arrays %v: name the items in hints.yaml pageItems", op.id, arrays)}
	}
	op.node["x-fal-page-items"] = items
	return nil
}

// successJSONSchema returns the JSON schema of an operation's first 2xx
// response, or nil.
func successJSONSchema(op operation) node {
	responses := child(op.node, "responses")
	for _, status := range slices.Sorted(maps.Keys(responses)) {
		if strings.HasPrefix(status, "2") {
			return child(child(child(child(responses, status), "content"), "application/json"), "schema")
		}
	}
	return nil
}
