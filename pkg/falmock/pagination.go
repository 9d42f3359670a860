package falmock

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

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
// item and told apart (see variation), and the cursor fields point to the
// next page, or say there is none. What the request identifies (e) is left
// as the base shows it, except that a list of values is spread over the
// items in turn; items whose every ID the request gave (a summary row of
// the one endpoint asked for) are listed once, on the first page, one per
// value.
func pageValue(sy synthesizer, o *operation, base any, page, pages, perPage int, e echo) any {
	m, ok := base.(map[string]any)
	if !ok {
		return base
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	fixed := e.names()
	for name, prop := range o.schema().Value.Properties {
		if prop.Value == nil || schemaType(prop.Value) != openapi3.TypeArray {
			continue
		}
		var item any
		if list, ok := m[name].([]any); ok && len(list) > 0 {
			item = list[0]
		} else {
			item = e.show(sy.withValuesOf(m).value(prop.Value.Items, name))
		}
		n := perPage
		if e.pins(item) {
			n = 0
			if page == 1 {
				n = e.count(item)
			}
		}
		items := make([]any, n)
		for i := range items {
			ordinal := (page-1)*perPage + i + 1
			va := variation{tag: itemTag(page, i+1), ordinal: ordinal, fixed: fixed, name: e.term}
			items[i] = e.spread(va.apply(deepCopy(item), prop.Value.Items), ordinal)
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
