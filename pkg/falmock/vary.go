package falmock

import (
	"fmt"
	"hash/fnv"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// variation tells one copy of a value (an item of a page, of a unique list,
// an event of a stream) apart from the others while keeping it valid: a
// free-form string gets "-<tag>" appended, and a string with a format
// (stated by the schema, or shown by the value itself, as a timestamp in a
// plain string) stays in that format:
//
//   - date-time: ordinal hours later, in the same offset and precision;
//   - date: ordinal days later;
//   - uuid: a uuid derived from the tag;
//   - uri: the tag as a path segment before the last one;
//   - email: the tag after the local part.
//
// Strings of other formats, enums and consts are left alone, as is any
// string the change would take out of its pattern or length bounds.
type variation struct {
	// tag marks the copy: "p2-1" for item 1 of page 2.
	tag string
	// ordinal is the copy's place (1, 2, ...), by which dates and times
	// move; 0 leaves them as they are.
	ordinal int
	// fixed names the fields the request set (see echo): they are left as
	// they are.
	fixed map[string]bool
	// name, when set, is the text a free-form identity takes in place of
	// its own before the tag: the term of a search the items answer.
	name string
}

// varyValue tells v apart by tag alone; dates and times are left as they
// are.
func varyValue(v any, ref *openapi3.SchemaRef, tag string) any {
	return variation{tag: tag}.apply(v, ref)
}

// apply varies a string, or the identity of an object: its "id" and "*_id"
// fields that are not fixed or, lacking ID fields, its first free-form
// string field or, lacking one, its first string field with a format. An
// object whose every ID is fixed is left as it is.
func (va variation) apply(v any, ref *openapi3.SchemaRef) any {
	if ref == nil || ref.Value == nil {
		return v
	}
	s := ref.Value
	switch x := v.(type) {
	case string:
		if nv, ok := va.varyString(s, x); ok {
			return nv
		}
	case map[string]any:
		va.varyObject(s, x)
	}
	return v
}

func (va variation) varyObject(s *openapi3.Schema, x map[string]any) {
	var ids, plain, formatted []string
	fixedID := false
	for _, k := range slices.Sorted(maps.Keys(x)) {
		p := s.Properties[k]
		str, isString := x[k].(string)
		if va.fixed[k] {
			fixedID = fixedID || (isString && isIDField(k))
			continue
		}
		if p == nil || p.Value == nil || !isString {
			continue
		}
		if _, ok := va.varyString(p.Value, str); !ok {
			continue
		}
		switch {
		case isIDField(k):
			ids = append(ids, k)
		case stringFormat(p.Value, str) == "":
			plain = append(plain, k)
		default:
			formatted = append(formatted, k)
		}
	}
	switch {
	case len(ids) > 0, fixedID:
	case len(plain) > 0:
		ids = plain[:1]
	case len(formatted) > 0:
		ids = formatted[:1]
	}
	for _, k := range ids {
		p := s.Properties[k].Value
		str := x[k].(string)
		if va.name != "" && stringFormat(p, str) == "" {
			if named, ok := va.varyString(p, va.name); ok {
				x[k] = named
				continue
			}
		}
		x[k], _ = va.varyString(p, str)
	}
}

// isIDField reports whether a property is named as an ID: "id" or "*_id".
func isIDField(name string) bool {
	return name == "id" || strings.HasSuffix(name, "_id")
}

// varyString varies a string if its schema leaves room for it.
func (va variation) varyString(s *openapi3.Schema, v string) (string, bool) {
	if !s.Type.Permits(openapi3.TypeString) || len(s.Enum) > 0 || s.Const != nil {
		return "", false
	}
	nv, ok := va.varyFormatted(stringFormat(s, v), v)
	if !ok {
		return "", false
	}
	n := uint64(utf8.RuneCountInString(nv))
	if n < s.MinLength || (s.MaxLength != nil && n > *s.MaxLength) {
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

// varyFormatted varies v within its format ("" for free-form text).
func (va variation) varyFormatted(format, v string) (string, bool) {
	switch format {
	case "":
		return v + "-" + va.tag, true
	case "uuid":
		h := fnv.New64a()
		h.Write([]byte(va.tag))
		return fmt.Sprintf("00000000-0000-4000-8000-%012x", h.Sum64()&0xffffffffffff), true
	case "date-time":
		t, err := time.Parse(time.RFC3339, v)
		if err != nil || va.ordinal == 0 {
			return "", false
		}
		layout := time.RFC3339
		if strings.Contains(v, ".") {
			layout = time.RFC3339Nano
		}
		return t.Add(time.Duration(va.ordinal) * time.Hour).Format(layout), true
	case "date":
		t, err := time.Parse(time.DateOnly, v)
		if err != nil || va.ordinal == 0 {
			return "", false
		}
		return t.AddDate(0, 0, va.ordinal).Format(time.DateOnly), true
	case "email":
		local, domain, ok := strings.Cut(v, "@")
		if !ok {
			return "", false
		}
		return local + "-" + va.tag + "@" + domain, true
	case "uri", "url", "iri":
		u, err := url.Parse(v)
		if err != nil || u.Scheme == "" || u.Opaque != "" {
			return "", false
		}
		dir, file := path.Split(u.Path)
		if dir == "" {
			dir = "/"
		}
		u.Path = path.Join(dir, va.tag, file)
		u.RawPath = ""
		return u.String(), true
	}
	return "", false
}

// valueFormats recognize, in a string whose schema states no format, the
// formats its value shows.
var valueFormats = []struct {
	format string
	is     func(string) bool
}{
	{"date-time", func(v string) bool { _, err := time.Parse(time.RFC3339, v); return err == nil }},
	{"date", func(v string) bool { _, err := time.Parse(time.DateOnly, v); return err == nil }},
	{"uuid", regexp.MustCompile(uuidPattern).MatchString},
	{"email", regexp.MustCompile(openapi3.FormatOfStringForEmail).MatchString},
	{"uri", func(v string) bool {
		u, err := url.Parse(v)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	}},
}

// stringFormat is the format of a string: the one its schema states, else
// the one its value shows, else "" for free-form text.
func stringFormat(s *openapi3.Schema, v string) string {
	if s.Format != "" {
		return s.Format
	}
	for _, f := range valueFormats {
		if f.is(v) {
			return f.format
		}
	}
	return ""
}
