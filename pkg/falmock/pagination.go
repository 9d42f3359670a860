package falmock

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// cursorParam is the query parameter that carries a page cursor; the page
// answers next_cursor (null on the last page) and has_more.
const (
	cursorParam     = "cursor"
	nextCursorField = "next_cursor"
	hasMoreField    = "has_more"
	cursorPrefix    = "falmock:"
)

// isPageSchema reports whether a success body is a page: an object with
// next_cursor and has_more.
func isPageSchema(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return false
	}
	p := ref.Value.Properties
	return p[nextCursorField] != nil && p[hasMoreField] != nil
}

// encodeCursor is the opaque cursor of page (1-based) of an operation.
func encodeCursor(operationID string, page int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + operationID + ":" + strconv.Itoa(page)))
}

// decodeCursor returns the page a cursor of this operation points to; an
// empty cursor is page 1.
func decodeCursor(operationID, cursor string, pages int) (int, error) {
	if cursor == "" {
		return 1, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return 0, fmt.Errorf("parameter %q: unknown cursor %q", cursorParam, cursor)
	}
	rest, ok := strings.CutPrefix(string(raw), cursorPrefix+operationID+":")
	if !ok {
		return 0, fmt.Errorf("parameter %q: cursor %q does not belong to %s", cursorParam, cursor, operationID)
	}
	page, err := strconv.Atoi(rest)
	if err != nil || page < 2 || page > pages {
		return 0, fmt.Errorf("parameter %q: cursor %q points to no page (there are %d)", cursorParam, cursor, pages)
	}
	return page, nil
}

// pageValue builds page (1-based) of pages from a page-shaped base value:
// every array property gets perPage items derived from the base's first
// item with their id fields tagged "-p<page>-<n>", and the cursor fields
// point to the next page, or say there is none.
func pageValue(sy synthesizer, o *operation, base any, page, pages, perPage int) any {
	m, ok := base.(map[string]any)
	if !ok {
		return base
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	for name, prop := range o.schema().Value.Properties {
		if prop.Value == nil || schemaType(prop.Value) != openapi3.TypeArray {
			continue
		}
		var item any
		if list, ok := m[name].([]any); ok && len(list) > 0 {
			item = list[0]
		} else {
			item = sy.value(prop.Value.Items, name)
		}
		items := make([]any, perPage)
		for i := range items {
			items[i] = varyValue(deepCopy(item), prop.Value.Items, itemTag(page, i+1))
		}
		out[name] = items
	}
	out[hasMoreField] = page < pages
	out[nextCursorField] = nil
	if page < pages {
		out[nextCursorField] = encodeCursor(o.id, page+1)
	}
	return out
}

// itemTag is the suffix that marks item n (1-based) of page.
func itemTag(page, n int) string {
	return fmt.Sprintf("p%d-%d", page, n)
}

// varyValue makes v distinguishable by tag: a free-form string gets
// "-<tag>" appended, a uuid is derived from tag, and in an object the "id"
// and "*_id" fields (or, lacking those, the first free-form string field)
// are changed that way. Values the schema would then reject are kept.
func varyValue(v any, ref *openapi3.SchemaRef, tag string) any {
	if ref == nil || ref.Value == nil {
		return v
	}
	s := ref.Value
	switch x := v.(type) {
	case string:
		if nv, ok := varyString(s, x, tag); ok {
			return nv
		}
	case map[string]any:
		var ids, others []string
		for _, k := range slices.Sorted(maps.Keys(x)) {
			p := s.Properties[k]
			str, isString := x[k].(string)
			if p == nil || p.Value == nil || !isString {
				continue
			}
			if _, ok := varyString(p.Value, str, tag); !ok {
				continue
			}
			if k == "id" || strings.HasSuffix(k, "_id") {
				ids = append(ids, k)
			} else {
				others = append(others, k)
			}
		}
		if len(ids) == 0 && len(others) > 0 {
			ids = others[:1]
		}
		for _, k := range ids {
			x[k], _ = varyString(s.Properties[k].Value, x[k].(string), tag)
		}
	}
	return v
}

// varyString tags a string if its schema leaves room for it.
func varyString(s *openapi3.Schema, v, tag string) (string, bool) {
	if !s.Type.Permits(openapi3.TypeString) || len(s.Enum) > 0 || s.Const != nil {
		return "", false
	}
	var nv string
	switch s.Format {
	case "":
		nv = v + "-" + tag
	case "uuid":
		h := fnv.New64a()
		h.Write([]byte(tag))
		nv = fmt.Sprintf("00000000-0000-4000-8000-%012x", h.Sum64()&0xffffffffffff)
	default:
		return "", false
	}
	if s.MaxLength != nil && uint64(utf8.RuneCountInString(nv)) > *s.MaxLength {
		return "", false
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil || !re.MatchString(nv) {
			return "", false
		}
	}
	return nv, true
}

// deepCopy copies the maps and slices of a JSON value.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}
