package schemaupdate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// repoRoot is the root of the fal-go checkout this module lives in. Tests
// read it and copy it; they never write it.
const repoRoot = "../../.."

// revisionFiles are the historical schemas vendored in the checkout, oldest
// first, and the current one.
var revisionFiles = []string{
	filepath.Join(repoRoot, "testdata", "schemas", "openapi-2026-03-18.json"),
	filepath.Join(repoRoot, "testdata", "schemas", "openapi-2026-06-12.json"),
	filepath.Join(repoRoot, "testdata", "schemas", "openapi-2026-07-30.json"),
	filepath.Join(repoRoot, schemaFile),
}

// operationIDs reads the operationIds of a schema file with encoding/json
// alone, independently of kin-openapi and oasdiff.
func operationIDs(t *testing.T, file string) map[string]bool {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(readFile(t, file), &doc); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, item := range doc.Paths {
		for method, raw := range item {
			if !slices.Contains([]string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}, method) {
				continue
			}
			var op struct {
				OperationID string `json:"operationId"`
			}
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatal(err)
			}
			ids[op.OperationID] = true
		}
	}
	return ids
}

// minus returns the sorted members of a that b lacks.
func minus(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// ids returns the sorted operationIds of ops.
func ids(ops []Operation) []string {
	out := make([]string, 0, len(ops))
	for _, op := range ops {
		out = append(out, op.ID)
	}
	slices.Sort(out)
	return out
}

func readFile(t *testing.T, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// futureRevision returns the current schema with one more operation, GET
// /widgets/{widget_id} (getWidget), whose response is written inline as fal
// writes every schema: a revision with schemas api/names.yaml cannot name.
func futureRevision(t *testing.T) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFile(t, revisionFiles[3]), &doc); err != nil {
		t.Fatal(err)
	}
	const op = `{
		"operationId": "getWidget",
		"summary": "Get a widget",
		"parameters": [{"name": "widget_id", "in": "path", "required": true, "schema": {"type": "string"}}],
		"responses": {"200": {"description": "The widget", "content": {"application/json": {"schema": {
			"type": "object",
			"required": ["id", "shape"],
			"properties": {
				"id": {"type": "string"},
				"kind": {"type": "string", "enum": ["round", "square"]},
				"shape": {"type": "object", "properties": {"sides": {"type": "integer"}, "label": {"type": "string"}}}
			}
		}}}}}
	}`
	var get any
	if err := json.Unmarshal([]byte(op), &get); err != nil {
		t.Fatal(err)
	}
	doc["paths"].(map[string]any)["/widgets/{widget_id}"] = map[string]any{"get": get}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}
