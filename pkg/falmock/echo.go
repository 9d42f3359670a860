package falmock

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/normalize"
)

// searchParams are the names fal gives its free-text search parameters
// (getModels' q, searchRequests' query, listWorkflows' search, ...).
var searchParams = map[string]bool{"q": true, "query": true, "search": true}

// minFieldWord is the length below which a word of a search parameter's
// description ("by", "or") is not taken for the name of a field.
const minFieldWord = 3

// echo is what a request identifies that its answer shows, where the
// schema links the two by name: a path or query parameter, or a top-level
// field of a JSON body, whose name is also the name of a property of the
// answer (endpoint_id, id, instance_type, estimate_type, category, ...),
// and a free-text search (q, query or search) whose description names the
// property it searches ("filter models by name, description, or
// category": display_name).
//
// The answer shows each such value in the outermost objects that have the
// property, and a list of values (endpoint_id=a&endpoint_id=b) as one item
// per value in the lists of such objects (spread over the items in turn on
// a page). The items of a search are named after its term (see variation).
// A value with which the answer would fail its schema is not shown.
type echo struct {
	fields []echoField
	// term is the text of the search, when its field is shown, and
	// searchField the property that shows it.
	term, searchField string
}

// echoField is one request value to show in the answer.
type echoField struct {
	name string
	// values holds the value (list is false) or the values of a list:
	// strings from the path and query, JSON values from a body.
	values []any
	list   bool
}

// requestEcho reads from a request what its answer is to show.
func (o *operation) requestEcho(r *http.Request, pathParams map[string]string) echo {
	var e echo
	mediaType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	jsonContent := normalize.IsJSONMedia(strings.TrimSpace(mediaType))
	if r.URL.RawQuery == "" && len(pathParams) == 0 && !jsonContent {
		return e
	}
	fields := o.answerFields()
	add := func(f echoField) bool {
		if len(f.values) == 0 || fields.schemas[f.name] == nil || slices.ContainsFunc(e.fields, func(g echoField) bool { return g.name == f.name }) {
			return false
		}
		e.fields = append(e.fields, f)
		return true
	}
	query := r.URL.Query()
	for _, p := range o.parameters() {
		switch p.In {
		case openapi3.ParameterInPath:
			if v, ok := pathParams[p.Name]; ok {
				add(echoField{name: p.Name, values: []any{v}})
			}
		case openapi3.ParameterInQuery:
			values := query[p.Name]
			switch {
			case len(values) == 0 || p.Name == cursorParam:
			case searchParams[p.Name]:
				if field := fields.searchedBy(p); field != "" && values[0] != "" && add(echoField{name: field, values: []any{values[0]}}) {
					e.term, e.searchField = values[0], field
				}
			default:
				list := make([]any, len(values))
				for i, v := range values {
					list[i] = v
				}
				add(echoField{name: p.Name, values: list, list: len(values) > 1 || permitsArray(p.Schema)})
			}
		}
	}
	var body map[string]any
	if jsonContent {
		body = jsonBody(r)
	}
	for _, name := range slices.Sorted(maps.Keys(body)) {
		if list, ok := body[name].([]any); ok {
			add(echoField{name: name, values: list, list: true})
		} else {
			add(echoField{name: name, values: []any{body[name]}})
		}
	}
	slices.SortFunc(e.fields, func(a, b echoField) int { return strings.Compare(a.name, b.name) })
	return e
}

// jsonBody decodes the JSON object a request carries, or returns nil.
func jsonBody(r *http.Request) map[string]any {
	if r.GetBody == nil {
		return nil
	}
	rc, err := r.GetBody()
	if err != nil {
		return nil
	}
	defer func() { _ = rc.Close() }() // a buffer: nothing to report
	var body map[string]any
	if err := json.NewDecoder(io.LimitReader(rc, maxRequestBody)).Decode(&body); err != nil {
		return nil
	}
	return body
}

// key identifies the echo among answers; it is empty when there is nothing
// to show.
func (e echo) key() string {
	if len(e.fields) == 0 {
		return ""
	}
	parts := make([]any, 0, len(e.fields)+1)
	for _, f := range e.fields {
		parts = append(parts, []any{f.name, f.list, f.values})
	}
	parts = append(parts, e.term)
	b, _ := json.Marshal(parts) // values decoded from a request always encode
	return string(b)
}

// names are the properties the echo sets.
func (e echo) names() map[string]bool {
	if len(e.fields) == 0 {
		return nil
	}
	names := make(map[string]bool, len(e.fields))
	for _, f := range e.fields {
		names[f.name] = true
	}
	return names
}

// applyTo returns a copy of v showing the echo, and the echo of the fields
// it shows: those whose values every property of their name accepts.
func (e echo) applyTo(o *operation, v any) (any, echo) {
	fields := o.answerFields()
	v = deepCopy(v)
	var shown echo
	for _, f := range e.fields {
		if !fields.accept(o.spec, f) {
			continue
		}
		var found bool
		if v, found = f.show(v); !found {
			continue
		}
		shown.fields = append(shown.fields, f)
		if f.name == e.searchField {
			shown.term, shown.searchField = e.term, e.searchField
		}
	}
	return v, shown
}

// show sets every field of the echo in v (see echoField.show).
func (e echo) show(v any) any {
	for _, f := range e.fields {
		v, _ = f.show(v)
	}
	return v
}

// agreement counts the fields whose value v already shows at its top
// level: how well a published example fits the request.
func (e echo) agreement(v any) int {
	m, ok := v.(map[string]any)
	if !ok {
		return 0
	}
	n := 0
	for _, f := range e.fields {
		if cur, ok := m[f.name]; ok && isScalar(cur) && cur == f.convert(f.values[0], cur) {
			n++
		}
	}
	return n
}

// pins reports whether the request gave every ID of item (its "id" and
// "*_id" fields): the item is then the one the request named.
func (e echo) pins(item any) bool {
	m, ok := item.(map[string]any)
	if !ok {
		return false
	}
	names := e.names()
	ids := 0
	for k, v := range m {
		if _, isString := v.(string); isString && isIDField(k) {
			if !names[k] {
				return false
			}
			ids++
		}
	}
	return ids > 0
}

// count is how many items a list of item holds when the request names
// them: one per value of its longest list.
func (e echo) count(item any) int {
	m, _ := item.(map[string]any)
	n := 1
	for _, f := range e.fields {
		if _, ok := m[f.name]; ok && f.list {
			n = max(n, len(f.values))
		}
	}
	return n
}

// spread gives item (the ordinal-th of a page) its value of each list of
// several values, in turn.
func (e echo) spread(item any, ordinal int) any {
	m, ok := item.(map[string]any)
	if !ok {
		return item
	}
	for _, f := range e.fields {
		if cur, ok := m[f.name]; ok && f.list && len(f.values) > 1 {
			m[f.name] = f.convert(f.values[(ordinal-1)%len(f.values)], cur)
		}
	}
	return item
}

// show sets the field in the outermost objects of v that have it, and
// makes the lists of such objects hold one item per value of a list. It
// returns v and whether v had the field anywhere.
func (f echoField) show(v any) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		if cur, ok := x[f.name]; ok {
			x[f.name] = f.valueFor(cur)
			return x, true
		}
		found := false
		for _, k := range slices.Sorted(maps.Keys(x)) {
			var ok bool
			x[k], ok = f.show(x[k])
			found = found || ok
		}
		return x, found
	case []any:
		if f.list && itemsHave(x, f.name) {
			out := make([]any, len(f.values))
			for i, value := range f.values {
				item := deepCopy(x[i%len(x)]).(map[string]any)
				item[f.name] = f.convert(value, item[f.name])
				out[i] = item
			}
			return out, true
		}
		found := false
		for i := range x {
			var ok bool
			x[i], ok = f.show(x[i])
			found = found || ok
		}
		return x, found
	}
	return v, false
}

// valueFor is the value that replaces cur: the list for a list property,
// else the (first) value.
func (f echoField) valueFor(cur any) any {
	if items, ok := cur.([]any); ok {
		var like any
		if len(items) > 0 {
			like = items[0]
		}
		out := make([]any, len(f.values))
		for i, v := range f.values {
			out[i] = f.convert(v, like)
		}
		return out
	}
	return f.convert(f.values[0], cur)
}

// convert reads a value of the path or query, which is text, as the type of
// the value it replaces (a number or a boolean); JSON values are kept.
func (f echoField) convert(v, like any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	switch like.(type) {
	case float64:
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return n
		}
	case bool:
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
	}
	return s
}

// itemsHave reports whether list holds objects only, the first of which
// has the property name.
func itemsHave(list []any, name string) bool {
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return false
		}
		if _, has := m[name]; i == 0 && !has {
			return false
		}
	}
	return len(list) > 0
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, float64, bool:
		return true
	}
	return false
}

// permitsArray reports whether a parameter's schema allows a list.
func permitsArray(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return false
	}
	s := ref.Value
	if s.Type.Permits(openapi3.TypeArray) {
		return true
	}
	return slices.ContainsFunc(append(slices.Clone(s.AnyOf), s.OneOf...), permitsArray)
}

// fieldSet is the properties an answer's schema has anywhere, by name
// (one name may be several properties, in different objects), and the
// names of those that may hold a string.
type fieldSet struct {
	schemas map[string][]*openapi3.Schema
	strings map[string]bool
}

// fieldSets caches the fieldSet of each answer schema: it is read for every
// request.
var fieldSets sync.Map // *openapi3.SchemaRef -> fieldSet

// answerFields is the fieldSet of the operation's answer.
func (o *operation) answerFields() fieldSet {
	ref := o.schema()
	if ref == nil {
		return fieldSet{}
	}
	if fs, ok := fieldSets.Load(ref); ok {
		return fs.(fieldSet)
	}
	fs, _ := fieldSets.LoadOrStore(ref, collectFields(ref))
	return fs.(fieldSet)
}

// collectFields walks a schema for its properties.
func collectFields(ref *openapi3.SchemaRef) fieldSet {
	fs := fieldSet{schemas: map[string][]*openapi3.Schema{}, strings: map[string]bool{}}
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		for name, p := range s.Properties {
			if p == nil || p.Value == nil {
				continue
			}
			fs.schemas[name] = append(fs.schemas[name], p.Value)
			if permitsString(p.Value) {
				fs.strings[name] = true
			}
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
			for _, b := range group {
				walk(b)
			}
		}
	}
	walk(ref)
	return fs
}

// accept reports whether every property named as the field accepts its
// value: its list, for a list property, else each of its values.
func (fs fieldSet) accept(s *spec, f echoField) bool {
	opts := append([]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}, s.visitOpts...)
	for _, p := range fs.schemas[f.name] {
		var values []any
		if p.Type.Permits(openapi3.TypeArray) {
			list := make([]any, len(f.values))
			for i, v := range f.values {
				list[i] = convertFor(v, p.Items)
			}
			values = []any{list}
		} else {
			for _, v := range f.values {
				values = append(values, convertFor(v, &openapi3.SchemaRef{Value: p}))
			}
		}
		for _, v := range values {
			if p.VisitJSON(v, opts...) != nil {
				return false
			}
		}
	}
	return true
}

// convertFor reads a value of the path or query, which is text, as the
// type its schema calls for when that is not a string.
func convertFor(v any, ref *openapi3.SchemaRef) any {
	s, ok := v.(string)
	if !ok || ref == nil || ref.Value == nil {
		return v
	}
	t := ref.Value.Type
	switch {
	case t.IsEmpty() || t.Permits(openapi3.TypeString):
	case t.Permits(openapi3.TypeNumber) || t.Permits(openapi3.TypeInteger):
		if n, err := strconv.ParseFloat(s, 64); err == nil {
			return n
		}
	case t.Permits(openapi3.TypeBoolean):
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
	}
	return v
}

// permitsString reports whether a schema allows a string, directly or in a
// branch of a union.
func permitsString(s *openapi3.Schema) bool {
	if s.Type.Permits(openapi3.TypeString) && len(s.Enum) == 0 {
		return true
	}
	for _, b := range append(slices.Clone(s.AnyOf), s.OneOf...) {
		if b != nil && b.Value != nil && permitsString(b.Value) {
			return true
		}
	}
	return false
}

// searchedBy is the string property a search parameter searches: the first
// word of its description that names one, either whole (name) or as a word
// of it (display_name). It is empty when the description names none.
func (fs fieldSet) searchedBy(p *openapi3.Parameter) string {
	desc := p.Description
	if desc == "" && p.Schema != nil && p.Schema.Value != nil {
		desc = p.Schema.Value.Description
	}
	names := slices.Sorted(maps.Keys(fs.strings))
	isWordChar := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for _, word := range strings.FieldsFunc(strings.ToLower(desc), func(r rune) bool { return !isWordChar(r) }) {
		if len(word) < minFieldWord {
			continue
		}
		if fs.strings[word] {
			return word
		}
		for _, name := range names {
			if slices.Contains(strings.Split(name, "_"), word) {
				return name
			}
		}
	}
	return ""
}
