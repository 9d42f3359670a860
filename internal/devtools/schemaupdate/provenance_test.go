package schemaupdate

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestSetProvenanceRewritesTheRows(t *testing.T) {
	md := readFile(t, filepath.Join(repoRoot, provenanceFile))
	p := Provenance{Source: "local file `x.json`", Date: "2026-06-12", Description: "Platform APIs, v1 (OpenAPI 3.1.0)", Operations: 67, SHA256: strings.Repeat("ab", 32)}
	got, err := setProvenance(md, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{
		"| source | local file `x.json` |",
		"| served on | 2026-06-12 |",
		"| operations | 67 |",
		"| sha256 | `" + p.SHA256 + "` |",
	} {
		if !strings.Contains(string(got), row+"\n") {
			t.Errorf("no row %q in\n%s", row, got)
		}
	}
	// api/api_test.go reads the sha256 with this expression.
	m := regexp.MustCompile("sha256 \\| `([0-9a-f]{64})`").FindSubmatch(got)
	if m == nil || string(m[1]) != p.SHA256 {
		t.Errorf("api/api_test.go would read %q", m)
	}
	if strings.Count(string(got), "\n") != strings.Count(string(md), "\n") {
		t.Error("the number of lines changed")
	}
}

func TestSetProvenanceRefusesAnUnknownLayout(t *testing.T) {
	if _, err := setProvenance([]byte("# Provenance\n\nserved on a Tuesday\n"), Provenance{}); err == nil {
		t.Fatal("no error for a file without the table")
	}
}

func TestSetSHA256(t *testing.T) {
	src := readFile(t, filepath.Join(repoRoot, apiGoFile))
	sum := strings.Repeat("0f", 32)
	got, err := setSHA256(src, sum)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `const SHA256 = "`+sum+`"`) {
		t.Fatalf("no new constant in\n%s", got)
	}
	if _, err := setSHA256(append(src, got...), sum); err == nil {
		t.Fatal("no error for two constants")
	}
}
