// Package normalize turns fal's published OpenAPI 3.1 document into the
// document oapi-codegen generates the client from, without touching the
// published file.
//
// fal writes every schema inline, and has published defective revisions. The
// normalizer
//   - repairs, before anything is validated, the defects fal's server
//     tolerates (repairRules and keyRules in repairs.go: a security
//     requirement naming an undefined scheme, http bearer or basic schemes
//     where fal takes its key header), applies the overrides of
//     api/hints.yaml, and refuses any other defect with a *DefectError that
//     names its JSON pointer and the hints.yaml entry that would override it;
//   - applies the operation rules in rules.go, one fix-up each;
//   - hoists every inline object, string enum and union into
//     components.schemas, children first;
//   - merges schemas that differ only in annotations (description, examples,
//     default), so the error envelope repeated on ~500 responses is one type;
//   - names each component from the hand-kept map in api/names.yaml, or, when
//     the map does not name it, from its operation and role (with a warning),
//     so that a new upstream revision never breaks generation;
//   - points each text/event-stream response at the schema its events carry
//     (api/hints.yaml);
//   - gives every property that may be null the Go type falapi.Nullable[T]
//     (nullable.go).
//
// kin-openapi checks the published document (repaired) before and the result
// after.
package normalize

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Result is the outcome of a normalization.
type Result struct {
	// JSON is the generator's input: deterministic, indented JSON.
	JSON []byte
	// Warnings lists, sorted, the repairs and what the name map or the hints
	// did not cover: schemas that got a derived name, names taken twice,
	// hints that no longer match the schema.
	Warnings []string
	// Repairs lists the repairs of the published document, each also a
	// warning (they start with "repaired: ").
	Repairs []string
	// Components counts the named schemas written; Sites counts the inline
	// schemas they replaced.
	Components, Sites int
}

// Normalize rewrites the published document raw according to cfg.
func Normalize(raw []byte, cfg Config) (*Result, error) {
	doc, err := decodeTree(raw)
	if err != nil {
		return nil, fmt.Errorf("published schema: %w", err)
	}
	var log repairLog
	if err := applyRules(doc, cfg.Hints, &log, repairRules, keyRules); err != nil {
		return nil, fmt.Errorf("published schema: %w", err)
	}
	published := raw
	if len(log.repairs) > 0 {
		if published, err = encodeTree(doc); err != nil {
			return nil, err
		}
	}
	if err := validate(published, true); err != nil {
		return nil, fmt.Errorf("published schema: %w", err)
	}
	warnings := slices.Concat(log.repairs, log.warnings)
	ops := operations(doc)
	for _, op := range ops {
		if op.id == "" {
			return nil, fmt.Errorf("%s %s has no operationId", op.method, op.path)
		}
		for _, rule := range operationRules {
			warnings = append(warnings, rule.apply(op, cfg)...)
		}
	}

	h := newHoister(cfg)
	for _, op := range ops {
		hoistOperation(h, op)
	}
	schemas := child(doc, "components")["schemas"]
	existing, _ := schemas.(node)
	reserved := map[string]bool{}
	for name := range existing {
		reserved[name] = true
	}
	components, nameWarnings := h.name(reserved)
	warnings = append(warnings, nameWarnings...)
	describeEnums(components)
	link(components)
	out := node{}
	for name, s := range existing {
		out[name] = s
	}
	sites := 0
	for _, c := range components {
		out[c.name] = c.schema
		sites += len(c.sites)
	}
	comps := child(doc, "components")
	if comps == nil {
		comps = node{}
		doc["components"] = comps
	}
	comps["schemas"] = out
	warnings = append(warnings, eventSchemas(ops, cfg, out)...)
	warnings = append(warnings, nullableValues(out)...)
	warnings = append(warnings, distinctFieldNames(out)...)
	warnings = append(warnings, discriminatorMappings(out)...)

	data, err := encodeTree(doc)
	if err != nil {
		return nil, err
	}
	if err := validate(data, false); err != nil {
		// A defect of the normalizer's own output: no hint overrides it.
		var d *DefectError
		if errors.As(err, &d) {
			d.Override = ""
		}
		return nil, fmt.Errorf("normalized schema: %w", err)
	}
	sort.Strings(warnings)
	return &Result{JSON: data, Warnings: warnings, Repairs: log.repairs, Components: len(components), Sites: sites}, nil
}

// hoistOperation hoists the schemas of one operation's parameters, request
// body and responses.
func hoistOperation(h *hoister, op operation) {
	loc := operationLocation(op.id)
	for _, p := range parameters(op) {
		if s := child(p, "schema"); s != nil {
			p["schema"] = h.visit(s, loc.param(str(p, "name")))
		}
	}
	content := child(child(op.node, "requestBody"), "content")
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		media := child(content, ct)
		if s := child(media, "schema"); s != nil {
			media["schema"] = h.visit(s, loc.request())
		}
	}
	responses := child(op.node, "responses")
	for _, status := range slices.Sorted(maps.Keys(responses)) {
		content := child(child(responses, status), "content")
		for _, ct := range slices.Sorted(maps.Keys(content)) {
			media := child(content, ct)
			if s := child(media, "schema"); s != nil {
				media["schema"] = h.visit(s, loc.response(status))
			}
		}
	}
}

// eventSchemas points the empty schema of each text/event-stream response at
// the component its events carry, as api/hints.yaml says.
func eventSchemas(ops []operation, cfg Config, schemas node) []string {
	var warnings []string
	for _, op := range ops {
		name, ok := cfg.Hints.Events[op.id]
		if !ok {
			continue
		}
		if _, exists := schemas[name]; !exists {
			warnings = append(warnings, fmt.Sprintf("hints: events: %s: no schema is named %s", op.id, name))
			continue
		}
		found := false
		responses := child(op.node, "responses")
		for _, status := range slices.Sorted(maps.Keys(responses)) {
			if media := child(child(child(responses, status), "content"), "text/event-stream"); media != nil {
				media["schema"] = node{"$ref": schemaRefPrefix + name}
				found = true
			}
		}
		if !found {
			warnings = append(warnings, fmt.Sprintf("hints: events: %s has no text/event-stream response", op.id))
		}
	}
	return warnings
}
