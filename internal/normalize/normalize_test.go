package normalize

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// repo returns a path from the repository root.
func repo(path string) string { return filepath.Join("..", "..", path) }

func loadConfig(t *testing.T) Config {
	t.Helper()
	cfg, err := LoadConfig(repo("api/names.yaml"), repo("api/hints.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func normalizeFile(t *testing.T, path string, cfg Config) (*Result, node) {
	t.Helper()
	res, err := Normalize(readFile(t, path), cfg)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res, tree(t, res)
}

// tree decodes the normalized document of res.
func tree(t *testing.T, res *Result) node {
	t.Helper()
	doc, err := decodeTree(res.JSON)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// normalizedCurrent is the vendored schema normalized with the vendored
// name map and hints, once for every test that reads it: a normalization
// takes most of a second.
var normalizedCurrent = sync.OnceValues(func() (*Result, error) {
	cfg, err := LoadConfig(repo("api/names.yaml"), repo("api/hints.yaml"))
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(repo("api/openapi.json"))
	if err != nil {
		return nil, err
	}
	return Normalize(raw, cfg)
})

// current returns normalizedCurrent, failing the test if it failed. Tests
// read it and must not change it.
func current(t *testing.T) *Result {
	t.Helper()
	res, err := normalizedCurrent()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// inlineSchemas lists, by JSON pointer, the schemas under paths that are
// still objects with properties, enums or unions instead of references.
func inlineSchemas(doc node) []string {
	var found []string
	var walk func(v any, ptr string, isSchema bool)
	walk = func(v any, ptr string, isSchema bool) {
		switch t := v.(type) {
		case node:
			if isSchema && t["$ref"] == nil && hoistable(t) {
				found = append(found, ptr)
			}
			for k, c := range t {
				walk(c, ptr+"/"+k, k == "schema" || k == "items" || k == "additionalProperties" || strings.HasPrefix(ptr, "properties") || isSchema && k != "properties" && k != "enum" && k != "required")
			}
		case []any:
			for i, c := range t {
				walk(c, ptr+"/"+string(rune('0'+i%10)), isSchema)
			}
		}
	}
	walk(doc["paths"], "#/paths", false)
	return found
}

func TestCurrentSchemaIsFullyNamedByTheMap(t *testing.T) {
	t.Parallel()
	res := current(t)
	doc := tree(t, res)
	if len(res.Warnings) != 0 {
		t.Errorf("the name map and hints should cover the vendored schema, got warnings:\n%s", strings.Join(res.Warnings, "\n"))
	}
	if left := inlineSchemas(doc); len(left) != 0 {
		t.Errorf("%d schemas are still inline, e.g. %v", len(left), left[:min(3, len(left))])
	}
	raw, err := decodeTree(readFile(t, repo("api/openapi.json")))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(operations(doc)), len(operations(raw)); got != want || want == 0 {
		t.Errorf("normalized document has %d operations, the published one %d", got, want)
	}
	schemas := child(child(doc, "components"), "schemas")
	for _, want := range []string{"Price", "UsageLineItem", "ComputeInstance", "APIKey", "Error", "Model", "LogEntry"} {
		if schemas[want] == nil {
			t.Errorf("no component %s", want)
		}
	}
	t.Logf("%d components replace %d inline schemas", res.Components, res.Sites)
}

func TestErrorEnvelopeIsOneType(t *testing.T) {
	t.Parallel()
	doc := tree(t, current(t))
	errorBodies := 0
	for _, op := range operations(doc) {
		for status, r := range child(op.node, "responses") {
			if status[0] != '4' && status[0] != '5' {
				continue
			}
			s := child(child(child(r.(node), "content"), "application/json"), "schema")
			if got := str(s, "$ref"); got != schemaRefPrefix+"Error" {
				t.Errorf("%s %s: error body is %v, want a reference to Error", op.id, status, s)
			}
			errorBodies++
		}
	}
	if errorBodies < 500 {
		t.Errorf("found %d error bodies, want the ~536 of the schema", errorBodies)
	}
}

func TestNormalizeIsDeterministic(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	raw := readFile(t, repo("api/openapi.json"))
	// The same document with its keys in another order (re-encoded sorted)
	// and the run repeated must give the same bytes.
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	resorted, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	first := current(t)
	for name, input := range map[string][]byte{"repeated": raw, "keys resorted": resorted} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			again, err := Normalize(input, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.JSON, again.JSON) {
				t.Fatal("the run gave different output")
			}
		})
	}
}

func TestHistoricalSchemasNormalize(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	files, _ := filepath.Glob(repo("testdata/schemas/openapi-*.json"))
	if len(files) != 3 {
		t.Fatalf("want the 3 historical schemas, found %v", files)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			res, doc := normalizeFile(t, f, cfg)
			if left := inlineSchemas(doc); len(left) != 0 {
				t.Errorf("%d schemas are still inline, e.g. %v", len(left), left[:min(3, len(left))])
			}
			for _, w := range res.Warnings {
				if strings.Contains(w, "nullable property") {
					t.Error("warning:", w)
				}
				t.Log("warning:", w)
			}
		})
	}
}

// withOperation returns the current schema with one more operation whose
// response is an inline object the map cannot know.
func withOperation(t *testing.T, raw []byte) []byte {
	t.Helper()
	doc, err := decodeTree(raw)
	if err != nil {
		t.Fatal(err)
	}
	child(doc, "paths")["/zz/widgets"] = node{"get": node{
		"operationId": "listWidgets",
		"security":    []any{node{"apiKey": []any{}}},
		"responses": node{"200": node{
			"description": "widgets",
			"content": node{"application/json": node{"schema": node{
				"type": "object",
				"properties": node{
					"widgets": node{"type": "array", "items": node{
						"type": "object", "required": []any{"id"},
						"properties": node{"id": node{"type": "string"}, "size": node{"type": "number"}},
					}},
				},
			}}},
		}},
	}}
	out, err := encodeTree(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func componentNames(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := decodeTree(data)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(child(child(doc, "components"), "schemas")))
}

func TestUnknownSchemaGetsADerivedNameAndNamesDoNotMove(t *testing.T) {
	t.Parallel()
	cfg := loadConfig(t)
	raw := readFile(t, repo("api/openapi.json"))
	before := current(t)
	after, err := Normalize(withOperation(t, raw), cfg)
	if err != nil {
		t.Fatalf("a new inline schema must not fail the pipeline: %v", err)
	}
	old, now := componentNames(t, before.JSON), componentNames(t, after.JSON)
	for _, name := range old {
		if !slices.Contains(now, name) {
			t.Errorf("component %s disappeared when an unrelated operation was added", name)
		}
	}
	for _, want := range []string{"ListWidgetsResponse", "ListWidgetsResponseWidgetsItem"} {
		if !slices.Contains(now, want) {
			t.Errorf("no derived component %s; have %d new: %v", want, len(now)-len(old), now)
		}
		if !slices.ContainsFunc(after.Warnings, func(w string) bool { return strings.HasSuffix(w, "named "+want) }) {
			t.Errorf("no warning names %s: %v", want, after.Warnings)
		}
	}
}

func TestStructurallyIdenticalSchemasMerge(t *testing.T) {
	a := node{"type": "object", "description": "one", "required": []any{"x", "y"}, "properties": node{"x": node{"type": "string", "example": "a"}, "y": node{"type": "integer"}}}
	b := node{"type": "object", "description": "two", "required": []any{"y", "x"}, "properties": node{"x": node{"type": "string", "description": "the x"}, "y": node{"type": "integer"}}}
	c := node{"type": "object", "properties": node{"x": node{"type": "string"}, "y": node{"type": "number"}}}
	if fingerprint(a) != fingerprint(b) {
		t.Error("schemas that differ only in annotations and required order should merge")
	}
	if fingerprint(a) == fingerprint(c) {
		t.Error("schemas with different property types must not merge")
	}
	d := node{"type": "object", "properties": node{"description": node{"type": "string"}}}
	e := node{"type": "object", "properties": node{"title": node{"type": "string"}}}
	if fingerprint(d) == fingerprint(e) {
		t.Error("property names that are also annotation keywords must count")
	}
}

func TestRecursiveTreeCollapses(t *testing.T) {
	level := func(children node) node {
		return node{"type": "object", "required": []any{"id", "children"}, "properties": node{
			"id":       node{"type": "string"},
			"children": node{"type": "array", "items": children},
		}}
	}
	tree := level(level(level(node{})))
	recursiveTree(tree, false)
	items := child(child(child(tree, "properties"), "children"), "items")
	if items[selfMarker] != true {
		t.Fatalf("the unrolled tree was not cut: %v", items)
	}
	flat := level(node{"type": "object", "properties": node{"other": node{"type": "string"}}})
	recursiveTree(flat, false)
	if child(child(child(flat, "properties"), "children"), "items")[selfMarker] != nil {
		t.Error("a different child schema must not become recursive")
	}
}

func TestLocationNames(t *testing.T) {
	for loc, want := range map[location]string{
		"getModels.response.200.models[].metadata":    "GetModelsResponseModelsItemMetadata",
		"listApiKeys.response.200.keys[]":             "ListAPIKeysResponseKeysItem",
		"getPricing.response.404":                     "GetPricingError404",
		"getModels.params.status":                     "GetModelsStatus",
		"estimatePricing.request|1.endpoints{}":       "EstimatePricingRequestVariant1EndpointsValue",
		"serverlessUploadFromUrl.request":             "ServerlessUploadFromURLRequest",
		"getOrganizationUsage.response.201.summary[]": "GetOrganizationUsageResponseSummaryItem",
	} {
		if got := loc.derivedName(); got != want {
			t.Errorf("%s: got %s, want %s", loc, got, want)
		}
	}
}

func TestNameMapPatterns(t *testing.T) {
	cfg := Config{Names: map[string]string{
		"*.response.400":          "Error",
		"getPricing.response.400": "PricingError",
		"*.*.400":                 "Broad",
	}}
	for loc, want := range map[location]string{
		"getModels.response.400":  "Error",
		"getPricing.response.400": "PricingError",
		"getModels.request.400":   "Broad",
	} {
		if got, _ := cfg.nameFor(loc); got != want {
			t.Errorf("%s: got %q, want %q", loc, got, want)
		}
	}
	if _, ok := cfg.nameFor("getModels.response.400.error"); ok {
		t.Error("a pattern must match whole locations only")
	}
}

func TestConfigRejectsBadNames(t *testing.T) {
	dir := t.TempDir()
	names, hints := filepath.Join(dir, "names.yaml"), filepath.Join(dir, "hints.yaml")
	os.WriteFile(hints, []byte("events: {}\n"), 0o644)
	for _, bad := range []string{"schemas: {x.response.200: apiKey}", "schemas: {x.response.200: Api_Key}", "schemas: {x.response.200: ApiKey}", "unknown: 1"} {
		os.WriteFile(names, []byte(bad+"\n"), 0o644)
		if _, err := LoadConfig(names, hints); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
