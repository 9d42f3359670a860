package schemaupdate

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopyModuleLeavesOutGitBinAndNestedModules(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	writeTree(t, src, map[string]string{
		"go.mod":                     "module example.com/m\n",
		"api/openapi.json":           "{}",
		".git/HEAD":                  "ref",
		"bin/golangci-lint":          "binary",
		"internal/devtools/go.mod":   "module example.com/m/internal/devtools\n",
		"internal/devtools/tools.go": "package devtools",
		"internal/normalize/a.go":    "package normalize",
		"pkg/bin/b.go":               "package bin",
	})
	if err := CopyModule(src, dst); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]bool{
		"go.mod":                   true,
		"api/openapi.json":         true,
		"internal/normalize/a.go":  true,
		"pkg/bin/b.go":             true,
		".git":                     false,
		"bin":                      false,
		"internal/devtools/go.mod": false,
	} {
		_, err := os.Stat(filepath.Join(dst, rel))
		if got := err == nil; got != want {
			t.Errorf("%s copied: %v, want %v", rel, got, want)
		}
	}
}
