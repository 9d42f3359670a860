package normalize

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// distinctFieldNames gives every property of an object a Go field of its
// own. Property names that differ only in case or separators (fooBar and
// foo_bar) would become one field name, and gen/falapi would not compile:
// each such property after the first, in name order, gets an x-go-name
// with a number (FooBar2), beside its schema or its $ref, which oapi-codegen
// honours. It returns a warning for each.
func distinctFieldNames(schemas node) []string {
	return forEachComponentSchema(schemas, func(name string, s node) []string {
		return renameCollidingFields(name, child(s, "properties"))
	})
}

// renameCollidingFields renames the colliding properties of one object
// (see distinctFieldNames); owner names the object in the warnings.
func renameCollidingFields(owner string, props node) []string {
	explicit := map[string]string{}
	for p, v := range props {
		if n, ok := v.(node); ok {
			explicit[p] = str(n, "x-go-name")
		}
	}
	renames, warnings := collidingNames(owner, "properties", explicit)
	for p, name := range renames {
		renamed := maps.Clone(props[p].(node))
		renamed["x-go-name"] = name
		props[p] = renamed
	}
	return warnings
}

// distinctParamNames does for the query, header and cookie parameters of
// an operation, fields of one params struct, what distinctFieldNames does
// for properties.
func distinctParamNames(op operation, _ Config) []string {
	explicit := map[string]string{}
	byName := map[string]node{}
	for _, p := range parameters(op) {
		if in := str(p, "in"); in != "" && in != "path" {
			explicit[str(p, "name")] = str(p, "x-go-name")
			byName[str(p, "name")] = p
		}
	}
	renames, warnings := collidingNames(op.id, "parameters", explicit)
	for p, name := range renames {
		byName[p]["x-go-name"] = name
	}
	return warnings
}

// collidingNames finds, among names (each with its x-go-name, or ""), those
// that would be the same Go field as another, and gives each after the
// first, in name order, a Go name with a number (FooBar2) that no other
// takes; kind and owner word the warnings.
func collidingNames(owner, kind string, names map[string]string) (map[string]string, []string) {
	groups := map[string][]string{}
	for _, p := range slices.Sorted(maps.Keys(names)) {
		key := foldName(p)
		if goName := names[p]; goName != "" {
			key = foldName(goName)
		}
		groups[key] = append(groups[key], p)
	}
	renames := map[string]string{}
	var warnings []string
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		group := groups[key]
		for _, p := range group[1:] {
			name := ""
			for i := 2; name == "" || groups[foldName(name)] != nil; i++ {
				name = pascal(p) + strconv.Itoa(i)
			}
			groups[foldName(name)] = []string{p}
			renames[p] = name
			warnings = append(warnings, fmt.Sprintf("%s: %s %s and %s would be the same Go field: %s is %s", owner, kind, group[0], p, p, name))
		}
	}
	return renames, warnings
}

// foldName is a property name as far as Go field names tell names apart:
// its letters and digits, in lower case.
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
