package schemaupdate

import (
	"fmt"
	"strings"
	"testing"
)

func TestMarkdownOfAFailedUpdate(t *testing.T) {
	var out strings.Builder
	for i := range 100 {
		fmt.Fprintf(&out, "line %d\n", i)
	}
	r := &Report{
		Provenance: Provenance{Source: DefaultSource, Date: "2026-09-01", Description: "Platform APIs, v1 (OpenAPI 3.1.0)", Operations: 83, SHA256: "new"},
		Old:        Provenance{Description: "Platform APIs, v1 (OpenAPI 3.1.0)", Operations: 82, SHA256: "old"},
		HTTP: &HTTPChanges{
			Added:    []Operation{{Method: "GET", Path: "/widgets", ID: "listWidgets"}},
			Breaking: []Breaking{{Level: "error", Operation: Operation{Method: "GET", Path: "/models", ID: "getModels"}, Check: "response-property-type-changed", Text: "changed a type"}},
			Other:    4,
		},
		GoNote:   "the new code did not build",
		Warnings: &NormalizerWarnings{Unnamed: []UnnamedSchema{{Name: "ListWidgetsResponse", Locations: []string{"listWidgets.response.200"}, New: true}}},
		Steps: []*Step{
			{Name: stepGenerate, Command: GenerateCommand, State: StepPassed},
			{Name: stepBuild, Command: BuildCommand, State: StepFailed, Output: out.String()},
			{Name: stepVet, Command: VetCommand, State: StepNotRun},
			{Name: stepTest, Command: ContractTestCommand, State: StepNotRun},
		},
		Failure:  "build failed: go build ./...",
		Restored: []string{"api/openapi.json", "gen/falapi/falapi.gen.go"},
	}
	md := r.Markdown()
	for _, want := range []string{
		"New schema from https://api.fal.ai/v1/openapi.json, served on 2026-09-01.",
		"| operations | 82 | 83 |",
		"**Result: not applied.** build failed: go build ./...",
		"put back: `api/openapi.json`, `gen/falapi/falapi.gen.go`.",
		"| build | `go build ./...` | failed |\n| vet | `go vet ./...` | not run |",
		"## Operations added (1)\n\n- `GET /widgets` listWidgets\n",
		"## Operations removed (0)\n\nNone.",
		"## Breaking changes of the HTTP contract (1)",
		"Not listed: 4 changes",
		"- error: GET /models (getModels): changed a type (response-property-type-changed)",
		"## Go API changes (0 incompatible)\n\nNot computed: the new code did not build",
		"## Schemas the name map does not name (1)",
		"- `ListWidgetsResponse` (new) at `listWidgets.response.200`",
		"## Failure: build",
		"[40 lines before these]\nline 40\n",
		"line 99\n```\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "line 39\n") {
		t.Error("the report holds more than the tail of the output")
	}
	if md != r.Markdown() {
		t.Error("two renderings differ")
	}
}
