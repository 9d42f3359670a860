package normalize

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
)

// securityDoc is testdata/security.openapi.json, a small sound document
// whose security is fal's: apiKey and adminApiKey, both fal's key header,
// global and per operation, an operation without security and a webhook.
func securityDoc(t *testing.T, patch ...PatchOp) []byte {
	t.Helper()
	raw := readFile(t, "testdata/security.openapi.json")
	if len(patch) == 0 {
		return raw
	}
	out, err := PatchDocument(raw, patch)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func remove(path string) PatchOp             { return PatchOp{Op: "remove", Path: path} }
func replace(path string, value any) PatchOp { return PatchOp{Op: "replace", Path: path, Value: value} }
func add(path string, value any) PatchOp     { return PatchOp{Op: "add", Path: path, Value: value} }

// scheme builds a security scheme definition.
func scheme(kv ...string) map[string]any {
	s := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		s[kv[i]] = kv[i+1]
	}
	return s
}

var (
	bearer   = scheme("type", "http", "scheme", "bearer")
	basic    = scheme("type", "http", "scheme", "Basic")
	digest   = scheme("type", "http", "scheme", "digest")
	inQuery  = scheme("type", "apiKey", "in", "query", "name", "api_key")
	inHeader = scheme("type", "apiKey", "in", "header", "name", "X-Fal-Key")
	oauth    = map[string]any{"type": "oauth2", "flows": map[string]any{"clientCredentials": map[string]any{"tokenUrl": "https://example.com/token", "scopes": map[string]any{}}}}
)

// TestSecurityRepairs normalizes variants of the security test document
// and checks the repairs made and the schemes the generator's input ends
// with: fal's key header wherever fal's server takes it.
func TestSecurityRepairs(t *testing.T) {
	tests := []struct {
		name  string
		patch []PatchOp
		hints Hints
		// repairs lists a substring of each repair, in order.
		repairs []string
		// keyHeaders are the schemes that must end as fal's key header.
		keyHeaders []string
		// warning is a substring of a warning other than a repair.
		warning string
	}{
		{name: "sound document", keyHeaders: []string{"apiKey", "adminApiKey"}},
		{
			name:       "operations name an undefined scheme",
			patch:      []PatchOp{remove("/components/securitySchemes/adminApiKey")},
			repairs:    []string{`/paths/~1keys/get/security/0/adminApiKey names security scheme "adminApiKey", which components.securitySchemes does not define (and 1 more): defined as fal's key header`},
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "the global requirement names an undefined scheme",
			patch:      []PatchOp{replace("/security", []any{map[string]any{"fooKey": []any{}}})},
			repairs:    []string{`/security/0/fooKey names security scheme "fooKey"`},
			keyHeaders: []string{"fooKey"},
		},
		{
			name:    "no scheme is defined",
			patch:   []PatchOp{remove("/components")},
			repairs: []string{`/security/0/apiKey names security scheme "apiKey"`, `/paths/~1keys/get/security/0/adminApiKey names security scheme "adminApiKey"`},
			// the webhook's requirement names apiKey too: one repair per scheme
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "a webhook names an undefined scheme",
			patch:      []PatchOp{replace("/webhooks/usageReport/post/security/0", map[string]any{"webhookKey": []any{}})},
			repairs:    []string{`/webhooks/usageReport/post/security/0/webhookKey names security scheme "webhookKey"`},
			keyHeaders: []string{"webhookKey"},
		},
		{
			name: "a callback names an undefined scheme",
			patch: []PatchOp{add("/paths/~1meta/get/callbacks", map[string]any{"onChange": map[string]any{"{$request.query.url}": map[string]any{"post": map[string]any{
				"operationId": "onChange", "security": []any{map[string]any{"callbackKey": []any{}}}, "responses": map[string]any{"200": map[string]any{"description": "ok"}},
			}}}})},
			repairs:    []string{`/paths/~1meta/get/callbacks/onChange/{$request.query.url}/post/security/0/callbackKey names security scheme "callbackKey"`},
			keyHeaders: []string{"callbackKey"},
		},
		{
			name:       "both schemes are http bearer",
			patch:      []PatchOp{replace("/components/securitySchemes/apiKey", bearer), replace("/components/securitySchemes/adminApiKey", bearer)},
			repairs:    []string{"/components/securitySchemes/adminApiKey is http bearer: read as fal's key header", "/components/securitySchemes/apiKey is http bearer"},
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "http basic",
			patch:      []PatchOp{replace("/components/securitySchemes/adminApiKey", basic)},
			repairs:    []string{"/components/securitySchemes/adminApiKey is http basic"},
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "undefined and http at once",
			patch:      []PatchOp{remove("/components/securitySchemes/adminApiKey"), replace("/components/securitySchemes/apiKey", bearer)},
			repairs:    []string{`names security scheme "adminApiKey"`, "/components/securitySchemes/apiKey is http bearer"},
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "a scheme defined by $ref",
			patch:      []PatchOp{add("/components/securitySchemes/falKey", map[string]any{"$ref": "#/components/securitySchemes/apiKey"}), replace("/security/0", map[string]any{"falKey": []any{}})},
			keyHeaders: []string{"apiKey"},
		},
		{
			name:       "a scheme no requirement names is left alone",
			patch:      []PatchOp{add("/components/securitySchemes/oauth", oauth), add("/components/securitySchemes/bearer", bearer)},
			keyHeaders: []string{"apiKey", "adminApiKey"},
		},
		{
			name:       "a query key offered beside the key header",
			patch:      []PatchOp{add("/components/securitySchemes/queryKey", inQuery), add("/security/-", map[string]any{"queryKey": []any{}})},
			keyHeaders: []string{"apiKey"},
		},
		{
			name:       "a query key read as the key header by a hint",
			patch:      []PatchOp{replace("/components/securitySchemes/apiKey", inQuery)},
			hints:      Hints{Overrides: Overrides{SecuritySchemes: map[string]string{"apiKey": KeyReading}}},
			repairs:    []string{`/components/securitySchemes/apiKey is apiKey in query "api_key": read as fal's key header, "Authorization: Key <key>", as hints.yaml's overrides.securitySchemes says`},
			keyHeaders: []string{"apiKey"},
		},
		{
			name:       "a hint for a scheme that is already the key header",
			hints:      Hints{Overrides: Overrides{SecuritySchemes: map[string]string{"apiKey": KeyReading}}},
			keyHeaders: []string{"apiKey"},
			warning:    "hints: overrides.securitySchemes.apiKey no longer applies: it already is fal's key header",
		},
		{
			name:    "a hint for a scheme the document lacks",
			hints:   Hints{Overrides: Overrides{SecuritySchemes: map[string]string{"gone": KeyReading}}},
			warning: "hints: overrides.securitySchemes.gone no longer applies: components.securitySchemes does not define it",
		},
		{
			name:    "a hinted patch",
			patch:   []PatchOp{replace("/paths/~1models/get/responses/200/content/application~1json/example/count", "two")},
			hints:   Hints{Overrides: Overrides{Patch: []PatchOp{remove("/paths/~1models/get/responses/200/content/application~1json/example")}}},
			repairs: []string{"remove /paths/~1models/get/responses/200/content/application~1json/example, as hints.yaml's overrides.patch[0] says"},
		},
		{
			name:    "a hinted patch that no longer applies",
			hints:   Hints{Overrides: Overrides{Patch: []PatchOp{remove("/paths/~1gone")}}},
			warning: "hints: overrides.patch[0] no longer applies: remove /paths/~1gone: no such location",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Normalize(securityDoc(t, tt.patch...), Config{Hints: tt.hints})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Repairs) != len(tt.repairs) {
				t.Fatalf("repairs:\n%s\nwant %d", strings.Join(res.Repairs, "\n"), len(tt.repairs))
			}
			for i, want := range tt.repairs {
				if !strings.HasPrefix(res.Repairs[i], "repaired: ") || !strings.Contains(res.Repairs[i], want) {
					t.Errorf("repair %d: %q, want one containing %q", i, res.Repairs[i], want)
				}
				if !slices.Contains(res.Warnings, res.Repairs[i]) {
					t.Errorf("repair %q is not among the warnings", res.Repairs[i])
				}
			}
			if tt.warning != "" && !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, tt.warning) }) {
				t.Errorf("no warning contains %q:\n%s", tt.warning, strings.Join(res.Warnings, "\n"))
			}
			doc, err := decodeTree(res.JSON)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.keyHeaders {
				if s := securityScheme(doc, name); !isKeyHeader(s) {
					t.Errorf("scheme %s = %v, want fal's key header", name, s)
				}
			}
			for _, name := range namedSchemes(doc) {
				if s := securityScheme(doc, name); !isKeyHeader(s) && !strings.Contains(tt.name, "beside") {
					t.Errorf("scheme %s = %v is named by a requirement and is not fal's key header", name, s)
				}
			}
		})
	}
}

// TestSecurityRefusals checks that a scheme the client cannot satisfy is
// refused with its pointer, what requires it, and the override.
func TestSecurityRefusals(t *testing.T) {
	tests := []struct {
		name  string
		patch []PatchOp
		want  []string // a substring of each refusal, in order
	}{
		{
			name:  "apiKey in query",
			patch: []PatchOp{replace("/components/securitySchemes/apiKey", inQuery)},
			want:  []string{`/components/securitySchemes/apiKey: security scheme "apiKey" is apiKey in query "api_key", and /paths/~1models/get (and 1 more) requires it, while the client sends only fal's key header, "Authorization: Key <key>"; to override, add to api/hints.yaml: overrides: {securitySchemes: {"apiKey": key}}`},
		},
		{
			name:  "apiKey in another header",
			patch: []PatchOp{replace("/components/securitySchemes/adminApiKey", inHeader)},
			want:  []string{`/components/securitySchemes/adminApiKey: security scheme "adminApiKey" is apiKey in header "X-Fal-Key", and /paths/~1keys/get (and 1 more) requires it`},
		},
		{
			name:  "http digest and oauth2",
			patch: []PatchOp{replace("/components/securitySchemes/apiKey", digest), replace("/components/securitySchemes/adminApiKey", oauth)},
			want: []string{
				`/components/securitySchemes/adminApiKey: security scheme "adminApiKey" is oauth2, and /paths/~1keys/get (and 1 more) requires it`,
				`/components/securitySchemes/apiKey: security scheme "apiKey" is http digest, and /paths/~1models/get (and 1 more) requires it`,
			},
		},
		{
			name:  "a requirement that also needs a query key",
			patch: []PatchOp{add("/components/securitySchemes/queryKey", inQuery), add("/paths/~1keys/get/security/0/queryKey", []any{})},
			want:  []string{`security scheme "queryKey" is apiKey in query "api_key", and /paths/~1keys/get requires it`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Normalize(securityDoc(t, tt.patch...), Config{})
			if err == nil {
				t.Fatal("the document was accepted")
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("%d refusals, want %d:\n%v", len(lines), len(tt.want), err)
			}
			for i, want := range tt.want {
				if !strings.Contains(lines[i], want) {
					t.Errorf("refusal %d:\n%s\nwant it to contain\n%s", i, lines[i], want)
				}
			}
			var d *DefectError
			if !errors.As(err, &d) || !strings.HasPrefix(d.Pointer, "/components/securitySchemes/") || !strings.Contains(d.Override, "securitySchemes") {
				t.Errorf("not a *DefectError naming a scheme and its override: %#v", d)
			}
		})
	}
}

// TestRepairMakesOnlyLoadRepairs checks the repair falmock and the schema
// tools share: an undefined scheme is defined, the hints' overrides apply,
// http schemes stay as published (falmock validates them as such), and a
// document that needs nothing is returned as it came.
// leavesSoundDocument checks that repair returns a sound document as it is,
// and returns a defective one: an http bearer apiKey and an undefined
// adminApiKey.
func leavesSoundDocument(t *testing.T, repair func([]byte, Hints) ([]byte, []string, error)) (defective []byte) {
	t.Helper()
	sound := securityDoc(t)
	out, repairs, err := repair(sound, Hints{})
	if err != nil || len(repairs) != 0 || !bytes.Equal(out, sound) {
		t.Errorf("sound document: %d repairs, err %v, changed %v", len(repairs), err, !bytes.Equal(out, sound))
	}
	return securityDoc(t, remove("/components/securitySchemes/adminApiKey"), replace("/components/securitySchemes/apiKey", bearer))
}

func TestRepairMakesOnlyLoadRepairs(t *testing.T) {
	defective := leavesSoundDocument(t, Repair)
	out, repairs, err := Repair(defective, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(repairs) != 1 || !strings.Contains(repairs[0], `"adminApiKey"`) {
		t.Errorf("repairs %q, want only the undefined adminApiKey", repairs)
	}
	doc, err := decodeTree(out)
	if err != nil {
		t.Fatal(err)
	}
	if !isKeyHeader(securityScheme(doc, "adminApiKey")) {
		t.Errorf("adminApiKey = %v, want fal's key header", securityScheme(doc, "adminApiKey"))
	}
	if s := securityScheme(doc, "apiKey"); str(s, "type") != "http" {
		t.Errorf("apiKey = %v, want it as published (http bearer)", s)
	}
	if err := validate(out, true); err != nil {
		t.Errorf("the repaired document does not validate: %v", err)
	}

	hinted := Hints{Overrides: Overrides{SecuritySchemes: map[string]string{"apiKey": KeyReading}}}
	out, repairs, err = Repair(defective, hinted)
	if err != nil || len(repairs) != 2 {
		t.Fatalf("with a hint: repairs %q, err %v", repairs, err)
	}
	if doc, _ = decodeTree(out); !isKeyHeader(securityScheme(doc, "apiKey")) {
		t.Errorf("apiKey = %v, want the hint's reading", securityScheme(doc, "apiKey"))
	}
}

func TestClientReadingWritesTheKeyHeader(t *testing.T) {
	defective := leavesSoundDocument(t, ClientReading)
	out, repairs, err := ClientReading(defective, Hints{})
	if err != nil {
		t.Fatal(err)
	}
	if len(repairs) != 2 {
		t.Errorf("repairs %q, want the undefined adminApiKey and the bearer apiKey", repairs)
	}
	doc, err := decodeTree(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"apiKey", "adminApiKey"} {
		if !isKeyHeader(securityScheme(doc, name)) {
			t.Errorf("%s = %v, want fal's key header", name, securityScheme(doc, name))
		}
	}
	if err := validate(out, true); err != nil {
		t.Errorf("the document does not validate: %v", err)
	}
}

func TestOverridesAreChecked(t *testing.T) {
	tests := map[string]struct{ yaml, err string }{
		"unknown reading": {"overrides:\n  securitySchemes:\n    apiKey: bearer\n", `overrides.securitySchemes.apiKey: "bearer" is not a reading (want "key")`},
		"unknown op":      {"overrides:\n  patch:\n    - {op: move, path: /info}\n", `overrides.patch[0]: op "move" is not one of add, remove, replace, test`},
		"not a pointer":   {"overrides:\n  patch:\n    - {op: remove, path: info}\n", `overrides.patch[0]: "info" is not a JSON pointer`},
		"whole document":  {"overrides:\n  patch:\n    - {op: remove, path: \"\"}\n", "overrides.patch[0]: path \"\" is the whole document"},
		"unknown key":     {"overrides:\n  schemes: {}\n", "field schemes not found"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseHints([]byte(tt.yaml)); err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one containing %q", err, tt.err)
			}
		})
	}
	h, err := ParseHints([]byte("overrides:\n  securitySchemes: {apiKey: key}\n  patch:\n    - {op: add, path: /info/x-note, value: {a: [1, true]}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Overrides.Empty() || h.Overrides.SecuritySchemes["apiKey"] != KeyReading || len(h.Overrides.Patch) != 1 {
		t.Errorf("overrides = %+v", h.Overrides)
	}
}
