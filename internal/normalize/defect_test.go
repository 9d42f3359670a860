package normalize

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestDefectsNameTheirPointer breaks the security test document in ways
// kin-openapi refuses and checks that the refusal names the JSON pointer of
// the defect and the hints.yaml entry that would override it, in the
// indented document and in a compact one whose line holds multi-byte
// characters before the defect (kin-openapi counts columns in characters).
func TestDefectsNameTheirPointer(t *testing.T) {
	const models = "/paths/~1models/get"
	const media = models + "/responses/200/content/application~1json"
	tests := []struct {
		name             string
		patch            []PatchOp
		pointer          string
		problem          string
		override         string
		overrideFixesIt  bool
		overrideHintFrom func(d *DefectError) Hints
	}{
		{
			name:            "example breaks its schema",
			patch:           []PatchOp{replace(media+"/example/count", "two")},
			pointer:         media + "/example/count",
			problem:         "got string, want integer",
			override:        `overrides: {patch: [{op: remove, path: "` + media + `/example"}]}`,
			overrideFixesIt: true,
		},
		{
			name:            "unknown schema type",
			patch:           []PatchOp{replace(media+"/schema/properties/name/type", "strin")},
			pointer:         media + "/schema/properties/name/type",
			problem:         `unsupported 'type' value "strin"`,
			override:        `overrides: {patch: [{op: remove, path: "` + media + `/schema/properties/name/type"}]}`,
			overrideFixesIt: true,
		},
		{
			name:     "missing info version",
			patch:    []PatchOp{remove("/info/version")},
			pointer:  "/info/version",
			problem:  "value of version must be a non-empty string",
			override: `overrides: {patch: [{op: add, path: "/info/version", value: "<value>"}]}`,
		},
		{
			name:            "parameter without schema",
			patch:           []PatchOp{add(models+"/parameters", []any{map[string]any{"name": "q", "in": "query"}})},
			pointer:         models + "/parameters/0",
			problem:         "parameter must contain exactly one of content and schema",
			override:        `overrides: {patch: [{op: remove, path: "` + models + `/parameters/0"}]}`,
			overrideFixesIt: true,
		},
		{
			name:            "http scheme without a scheme",
			patch:           []PatchOp{add("/components/securitySchemes/spare", scheme("type", "http", "scheme", ""))},
			pointer:         "/components/securitySchemes/spare/scheme",
			problem:         `invalid 'scheme' value ""`,
			override:        `overrides: {securitySchemes: {"spare": key}}`,
			overrideFixesIt: true,
		},
		{
			name:    "path parameter not declared",
			patch:   []PatchOp{add("/paths/~1models~1{id}", map[string]any{"get": map[string]any{"operationId": "getModel", "responses": map[string]any{"200": map[string]any{"description": "ok"}}}})},
			pointer: "/paths/~1models~1{id}",
			problem: "must define exactly all path parameters",
		},
	}
	for _, tt := range tests {
		for _, compact := range []bool{false, true} {
			name := tt.name
			if compact {
				name += "/compact"
			}
			t.Run(name, func(t *testing.T) {
				raw := securityDoc(t, tt.patch...)
				if compact {
					var buf bytes.Buffer
					if err := json.Compact(&buf, raw); err != nil {
						t.Fatal(err)
					}
					raw = buf.Bytes()
				}
				_, err := Normalize(raw, Config{})
				var d *DefectError
				if !errors.As(err, &d) {
					t.Fatalf("err = %v, want a *DefectError", err)
				}
				if d.Pointer != tt.pointer {
					t.Errorf("pointer %q, want %q", d.Pointer, tt.pointer)
				}
				if !strings.Contains(d.Problem, tt.problem) || strings.Contains(d.Problem, "\n") {
					t.Errorf("problem %q, want one line containing %q", d.Problem, tt.problem)
				}
				if tt.override != "" && d.Override != tt.override {
					t.Errorf("override %s, want %s", d.Override, tt.override)
				}
				if !strings.HasPrefix(err.Error(), "published schema: "+tt.pointer+": ") {
					t.Errorf("message %q does not start with the pointer", err)
				}
				if !tt.overrideFixesIt {
					return
				}
				h, err := ParseHints([]byte(d.Override))
				if err != nil {
					t.Fatalf("the override %s does not parse: %v", d.Override, err)
				}
				if _, err := Normalize(raw, Config{Hints: h}); err != nil {
					t.Errorf("with the override %s: %v", d.Override, err)
				}
			})
		}
	}
}

func TestLocateAcceptsASoundDocument(t *testing.T) {
	if err := Locate(securityDoc(t)); err != nil {
		t.Fatal(err)
	}
}

func TestKeyPointer(t *testing.T) {
	data := []byte(`{"a": [1, {"b~/c": {"d": []}}, "é"], "e": {"f": 2}}`)
	tests := []struct {
		at   string // the text the target offset starts
		want string
	}{
		{`"a"`, "/a"},
		{`"b~/c"`, "/a/1/b~0~1c"},
		{`"d"`, "/a/1/b~0~1c/d"},
		{`"e"`, "/e"},
		{`"f"`, "/e/f"},
	}
	for _, tt := range tests {
		off := bytes.Index(data, []byte(tt.at))
		if got, ok := keyPointer(data, off); !ok || got != tt.want {
			t.Errorf("at %s: %q %v, want %q", tt.at, got, ok, tt.want)
		}
	}
	if got, ok := keyPointer(data, bytes.Index(data, []byte("1,"))); ok {
		t.Errorf("a number is not a key, got %q", got)
	}
}

// TestContextPointer locates errors that carry no origin by the scopes of
// kin-openapi's context wrappers, through joined and multiple errors.
func TestContextPointer(t *testing.T) {
	leaf := errors.New("bad")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"component", &openapi3.SectionValidationError{Section: "components", Cause: &openapi3.ComponentValidationError{Section: "security scheme", Name: "k", Cause: leaf}}, "/components/securitySchemes/k"},
		{"operation", &openapi3.SectionValidationError{Section: "paths", Cause: &openapi3.PathValidationError{Path: "/models/{id}", Cause: &openapi3.OperationValidationError{Method: "GET", Cause: leaf}}}, "/paths/~1models~1{id}/get"},
		{"webhook in a multiple error", &openapi3.SectionValidationError{Section: "webhooks", Cause: openapi3.MultiError{&openapi3.WebhookValidationError{Name: "w", Cause: leaf}}}, "/webhooks/w"},
		{"joined", errors.Join(&openapi3.SectionValidationError{Section: "info", Cause: leaf}, errors.New("other")), "/info"},
		{"nothing", leaf, ""},
	}
	for _, tt := range tests {
		if got := contextPointer(tt.err); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	problem := problemText(&openapi3.SectionValidationError{Section: "paths", Cause: openapi3.MultiError{errors.New("example failed:\n- at '/x': got number\n- at '/y': got string\nSchema:\n  {}")}})
	if problem != "example failed: at '/x': got number; at '/y': got string" {
		t.Errorf("problemText = %q", problem)
	}
}
