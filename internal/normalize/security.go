package normalize

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// requirement is one security requirement object: where it stands and the
// schemes it names (all of which a request must satisfy), sorted.
type requirement struct {
	ptr     string
	schemes []string
}

// securedOperation is an operation and the requirements it is under (one of
// which a request must meet): its own, or the document's when it states
// none. No requirement, or an empty one, means no key is needed.
type securedOperation struct {
	ptr          string
	requirements []requirement
}

// requirementsAt reads the security requirements of the list at key of n,
// where n stands at pointer ptr.
func requirementsAt(n node, key, ptr string) []requirement {
	var out []requirement
	for i, r := range list(n, key) {
		rn, _ := r.(node)
		out = append(out, requirement{
			ptr:     ptr + pointer(key, strconv.Itoa(i)),
			schemes: slices.Sorted(maps.Keys(rn)),
		})
	}
	return out
}

// securedOperations lists the operations of paths, webhooks and callbacks,
// in document order, with the requirements each is under.
func securedOperations(doc node) []securedOperation {
	global := requirementsAt(doc, "security", "")
	var ops []securedOperation
	var walk func(items node, ptr string)
	walk = func(items node, ptr string) {
		for _, key := range slices.Sorted(maps.Keys(items)) {
			item := child(items, key)
			for _, m := range httpMethods {
				op := child(item, m)
				if op == nil {
					continue
				}
				opPtr := ptr + pointer(key, m)
				reqs := global
				if _, own := op["security"]; own {
					reqs = requirementsAt(op, "security", opPtr)
				}
				ops = append(ops, securedOperation{ptr: opPtr, requirements: reqs})
				callbacks := child(op, "callbacks")
				for _, name := range slices.Sorted(maps.Keys(callbacks)) {
					walk(child(callbacks, name), opPtr+pointer("callbacks", name))
				}
			}
		}
	}
	walk(child(doc, "paths"), "/paths")
	walk(child(doc, "webhooks"), "/webhooks")
	return ops
}

// allRequirements lists every security requirement object of the document:
// the global ones, then each operation's own, in document order.
func allRequirements(doc node) []requirement {
	out := requirementsAt(doc, "security", "")
	seen := map[string]bool{}
	for _, r := range out {
		seen[r.ptr] = true
	}
	for _, op := range securedOperations(doc) {
		for _, r := range op.requirements {
			if !seen[r.ptr] {
				seen[r.ptr] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// namedSchemes lists the schemes some requirement names, sorted.
func namedSchemes(doc node) []string {
	names := map[string]bool{}
	for _, r := range allRequirements(doc) {
		for _, name := range r.schemes {
			names[name] = true
		}
	}
	return slices.Sorted(maps.Keys(names))
}

// maxRefHops bounds the chain of $ref a security scheme may follow.
const maxRefHops = 8

// securityScheme returns the definition of scheme name, following local
// $refs, or nil.
func securityScheme(doc node, name string) node {
	scheme := child(child(child(doc, "components"), "securitySchemes"), name)
	for range maxRefHops {
		ref, ok := strings.CutPrefix(str(scheme, "$ref"), "#")
		if !ok {
			break
		}
		target, _ := resolve(doc, ref)
		scheme, _ = target.(node)
	}
	return scheme
}

// setSecurityScheme defines scheme name, replacing any definition.
func setSecurityScheme(doc node, name string, scheme node) {
	components := child(doc, "components")
	if components == nil {
		components = node{}
		doc["components"] = components
	}
	schemes := child(components, "securitySchemes")
	if schemes == nil {
		schemes = node{}
		components["securitySchemes"] = schemes
	}
	schemes[name] = scheme
}

// schemePointer is the JSON pointer of the definition of scheme name.
func schemePointer(name string) string {
	return pointer("components", "securitySchemes", name)
}
