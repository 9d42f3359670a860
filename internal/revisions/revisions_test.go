package revisions

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const root = "../.."

func names(revs []Revision) []string {
	out := make([]string, len(revs))
	for i, r := range revs {
		out[i] = r.Name
	}
	return out
}

func TestAll(t *testing.T) {
	all, err := All(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"openapi-2026-03-18.json", "openapi-2026-06-12.json", "openapi-2026-07-30.json",
		"openapi-2026-07-30+future-constructs.json", "openapi-2026-06-12+http-bearer-keys.json",
		"openapi-2026-07-30+undefined-admin-scheme.json",
	}
	if got := names(all); !slices.Equal(got, want) {
		t.Fatalf("All() = %v, want %v", got, want)
	}
}

// securitySchemes reads components.securitySchemes of a document.
func securitySchemes(t *testing.T, doc []byte) map[string]map[string]any {
	t.Helper()
	var v struct {
		Components struct {
			SecuritySchemes map[string]map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return v.Components.SecuritySchemes
}

// pathsOf reads the paths of a document.
func pathsOf(t *testing.T, doc []byte) map[string]any {
	t.Helper()
	var v struct {
		Paths map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	return v.Paths
}

// TestVariantsReproduceTheDefects reads each variant and checks the defect
// (or the constructs) it stands for, against its base.
func TestVariantsReproduceTheDefects(t *testing.T) {
	variants, err := Variants(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		t.Run(v.Name, func(t *testing.T) {
			doc, err := v.Read()
			if err != nil {
				t.Fatal(err)
			}
			base, err := os.ReadFile(v.Base)
			if err != nil {
				t.Fatal(err)
			}
			before, after := securitySchemes(t, base), securitySchemes(t, doc)
			switch {
			case strings.Contains(v.Name, "undefined-admin-scheme"):
				if before["adminApiKey"] == nil || after["adminApiKey"] != nil || after["apiKey"] == nil {
					t.Errorf("schemes %v, want apiKey alone (the base has %v)", after, before)
				}
			case strings.Contains(v.Name, "http-bearer-keys"):
				for _, name := range []string{"apiKey", "adminApiKey"} {
					if s := after[name]; s["type"] != "http" || s["scheme"] != "bearer" || before[name]["type"] != "apiKey" {
						t.Errorf("%s = %v (base %v), want http bearer", name, s, before[name])
					}
				}
			case strings.Contains(v.Name, "future-constructs"):
				if added := len(pathsOf(t, doc)) - len(pathsOf(t, base)); added != 8 {
					t.Errorf("the variant adds %d paths, want its 8", added)
				}
			default:
				t.Errorf("no check for variant %s", v.Name)
			}
		})
	}
}

func TestWriteVariants(t *testing.T) {
	dir := t.TempDir()
	files, err := WriteVariants(root, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3 {
		t.Fatalf("wrote %v", files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || !json.Valid(data) {
			t.Errorf("%s: %v, valid JSON %v", f, err, json.Valid(data))
		}
	}
}

func TestBadVariants(t *testing.T) {
	tests := map[string]struct{ file, err string }{
		"unknown field":      {`{"description": "d", "base": "openapi-2026-03-18.json", "patch": [], "extra": 1}`, `unknown field "extra"`},
		"no patch":           {`{"description": "d", "base": "openapi-2026-03-18.json", "patch": []}`, "a variant needs"},
		"base outside":       {`{"description": "d", "base": "../openapi-2026-03-18.json", "patch": [{"op": "remove", "path": "/info"}]}`, "a variant needs"},
		"patch does not fit": {`{"description": "d", "base": "openapi-2026-03-18.json", "patch": [{"op": "remove", "path": "/nowhere"}]}`, "patch[0]: remove /nowhere: no such location"},
		"base missing":       {`{"description": "d", "base": "openapi-1999-01-01.json", "patch": [{"op": "remove", "path": "/info"}]}`, "no such file"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			tmp := t.TempDir()
			dir := filepath.Join(tmp, Dir, "variants")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			base, err := os.ReadFile(filepath.Join(root, Dir, "openapi-2026-03-18.json"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmp, Dir, "openapi-2026-03-18.json"), base, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = WriteVariants(tmp, t.TempDir())
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("err = %v, want one containing %q", err, tt.err)
			}
		})
	}
}
