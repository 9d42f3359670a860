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
	var warnings []string
	for _, name := range slices.Sorted(maps.Keys(schemas)) {
		s, _ := schemas[name].(node)
		walkSchema(s, false, func(s node, _ bool) {
			warnings = append(warnings, renameCollidingFields(name, child(s, "properties"))...)
		})
	}
	return warnings
}

// renameCollidingFields renames the colliding properties of one object
// (see distinctFieldNames); owner names the object in the warnings.
func renameCollidingFields(owner string, props node) []string {
	groups := map[string][]string{}
	for _, p := range slices.Sorted(maps.Keys(props)) {
		key := foldName(p)
		if n, ok := props[p].(node); ok && str(n, "x-go-name") != "" {
			key = foldName(str(n, "x-go-name"))
		}
		groups[key] = append(groups[key], p)
	}
	var warnings []string
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		group := groups[key]
		for _, p := range group[1:] {
			n, ok := props[p].(node)
			if !ok {
				continue
			}
			name := ""
			for i := 2; name == "" || groups[foldName(name)] != nil; i++ {
				name = pascal(p) + strconv.Itoa(i)
			}
			groups[foldName(name)] = []string{p}
			renamed := maps.Clone(n)
			renamed["x-go-name"] = name
			props[p] = renamed
			warnings = append(warnings, fmt.Sprintf("%s: properties %s and %s would be the same Go field: %s is %s", owner, group[0], p, p, name))
		}
	}
	return warnings
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
