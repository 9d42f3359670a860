package normalize

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

const schemaRefPrefix = "#/components/schemas/"

// A site is one place where a hoisted schema stood inline.
type site struct {
	loc      location
	schema   node // the schema as it stood there, children already hoisted
	ref      node // the {"$ref": ...} that now stands there
	wrapper  node // the node in the parent: ref itself, or anyOf [ref, null]
	nullable bool
	selfRefs []node // markers left by recursiveTree, to point at this component
}

// A group holds the sites whose schemas are structurally identical.
type group struct {
	id    int
	sites []*site
}

// hoister moves inline schemas into components and merges identical ones.
type hoister struct {
	cfg    Config
	byKey  map[string]*group
	groups []*group
}

func newHoister(cfg Config) *hoister {
	return &hoister{cfg: cfg, byKey: map[string]*group{}}
}

// hoistable reports whether a schema becomes a named component: an object
// with properties, a string enum, or a union of two or more schemas.
func hoistable(s node) bool {
	if len(child(s, "properties")) > 0 {
		return true
	}
	if len(list(s, "enum")) > 0 && hasType(s, "string") {
		return true
	}
	return len(nonNullBranches(s)) >= 2
}

// nonNullBranches returns the anyOf or oneOf branches of s that are not
// {"type": "null"}.
func nonNullBranches(s node) []any {
	for _, kw := range []string{"anyOf", "oneOf"} {
		if l := list(s, kw); len(l) > 0 {
			return slices.DeleteFunc(slices.Clone(l), func(b any) bool {
				bn, _ := b.(node)
				return isNullSchema(bn)
			})
		}
	}
	return nil
}

// visit hoists the schema s found at loc and everything inline below it,
// children first, and returns what now stands at loc.
func (h *hoister) visit(s node, loc location) node {
	if s == nil || s["$ref"] != nil {
		return s
	}
	if props := child(s, "properties"); props != nil {
		for _, name := range slices.Sorted(maps.Keys(props)) {
			if p, ok := props[name].(node); ok {
				props[name] = h.visit(p, loc.property(name))
			}
		}
	}
	if items := child(s, "items"); items != nil {
		s["items"] = h.visit(items, loc.items())
	}
	if values := child(s, "additionalProperties"); len(values) > 0 {
		s["additionalProperties"] = h.visit(values, loc.values())
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		for i, b := range list(s, kw) {
			if bn, ok := b.(node); ok {
				list(s, kw)[i] = h.visit(bn, loc.variant(i))
			}
		}
	}
	if !hoistable(s) {
		return s
	}
	return h.add(s, loc)
}

// add registers s as a site of the group of its structural twins and returns
// the reference that replaces it.
func (h *hoister) add(s node, loc location) node {
	nullable := stripNull(s)
	key := fingerprint(s)
	g := h.byKey[key]
	if g == nil {
		g = &group{id: len(h.groups)}
		h.byKey[key] = g
		h.groups = append(h.groups, g)
	}
	st := &site{loc: loc, schema: s, nullable: nullable, selfRefs: selfMarkers(s)}
	st.ref = node{"$ref": fmt.Sprintf("%sgroup%d", schemaRefPrefix, g.id)}
	st.wrapper = st.ref
	if nullable {
		st.wrapper = node{"anyOf": []any{st.ref, node{"type": "null"}}}
	}
	if d, ok := s["description"]; ok {
		st.wrapper["description"] = d
	}
	g.sites = append(g.sites, st)
	return st.wrapper
}

// stripNull removes null from a schema that is about to become a component
// and reports whether it was there: nullability belongs to the place that
// uses the component, so that a nullable and a plain use share one type.
func stripNull(s node) bool {
	nullable := false
	if ts := types(s); slices.Contains(ts, "null") {
		setTypes(s, slices.DeleteFunc(ts, func(t string) bool { return t == "null" }))
		nullable = true
	}
	if enum := list(s, "enum"); slices.Contains(enum, nil) {
		s["enum"] = slices.DeleteFunc(enum, func(v any) bool { return v == nil })
		nullable = true
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		l := list(s, kw)
		if len(l) == 0 {
			continue
		}
		kept := nonNullBranches(s)
		if len(kept) != len(l) {
			s[kw] = kept
			nullable = true
		}
	}
	return nullable
}

// component is one entry of components.schemas to be written.
type component struct {
	name   string
	schema node
	sites  []*site
	mapped bool
}

// name splits every group by the names the map gives its sites and picks a
// name for each part; see Normalize for the rules.
func (h *hoister) name(reserved map[string]bool) ([]*component, []string) {
	var mapped, derived []*component
	for _, g := range h.groups {
		parts := map[string]*component{}
		var order []string
		var unnamed []*site
		for _, st := range g.sites {
			name, ok := h.cfg.nameFor(st.loc)
			if !ok {
				unnamed = append(unnamed, st)
				continue
			}
			if parts[name] == nil {
				parts[name] = &component{name: name, schema: st.schema, mapped: true}
				order = append(order, name)
			}
			parts[name].sites = append(parts[name].sites, st)
		}
		if len(order) == 0 {
			c := &component{name: derivedGroupName(unnamed), schema: unnamed[0].schema, sites: unnamed}
			derived = append(derived, c)
			continue
		}
		// Sites the map does not name join the part that is named exactly by
		// the first of the group's sites, so that they share its type.
		first := parts[order[0]]
		first.sites = append(first.sites, unnamed...)
		for _, name := range order {
			mapped = append(mapped, parts[name])
		}
	}
	var warnings []string
	taken := map[string]bool{}
	for n := range reserved {
		taken[n] = true
	}
	claim := func(c *component) {
		base := c.name
		for i := 2; taken[c.name]; i++ {
			c.name = fmt.Sprintf("%s%d", base, i)
		}
		if c.name != base {
			warnings = append(warnings, fmt.Sprintf("name %s is taken by a different schema; the schema at %s is named %s", base, c.sites[0].loc, c.name))
		}
		taken[c.name] = true
	}
	for _, c := range mapped {
		claim(c)
	}
	for _, c := range derived {
		claim(c)
		locs := make([]string, len(c.sites))
		for i, st := range c.sites {
			locs[i] = string(st.loc)
		}
		warnings = append(warnings, fmt.Sprintf("no name in api/names.yaml for the schema at %s; named %s", strings.Join(locs, ", "), c.name))
	}
	all := append(mapped, derived...)
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	return all, warnings
}

// derivedGroupName picks, of the names derived from a group's locations, the
// shortest (then the first in order), so that the name does not depend on the
// order in which the sites were found.
func derivedGroupName(sites []*site) string {
	best := ""
	for _, st := range sites {
		n := st.loc.derivedName()
		if best == "" || len(n) < len(best) || (len(n) == len(best) && n < best) {
			best = n
		}
	}
	return best
}

// selfMarkers finds the markers recursiveTree left in the items of s's array
// properties.
func selfMarkers(s node) []node {
	var markers []node
	props := child(s, "properties")
	for _, name := range slices.Sorted(maps.Keys(props)) {
		p, _ := props[name].(node)
		if items := child(p, "items"); items[selfMarker] == true {
			markers = append(markers, items)
		}
	}
	return markers
}

// link points every site at its component's final name and drops a site's
// description where it only repeats the component's.
func link(components []*component) {
	for _, c := range components {
		for _, st := range c.sites {
			for _, m := range st.selfRefs {
				delete(m, selfMarker)
				m["$ref"] = schemaRefPrefix + c.name
			}
			st.ref["$ref"] = schemaRefPrefix + c.name
			if st.wrapper["description"] == c.schema["description"] {
				delete(st.wrapper, "description")
			}
		}
	}
}
