package api

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"regexp"
	"testing"
)

func TestOpenAPIMatchesRecordedSHA256(t *testing.T) {
	sum := sha256.Sum256(OpenAPI)
	if got := hex.EncodeToString(sum[:]); got != SHA256 {
		t.Fatalf("api/openapi.json has sha256 %s, recorded %s: the vendored schema was edited or replaced without updating its provenance", got, SHA256)
	}
}

func TestProvenanceRecordsTheSameSHA256(t *testing.T) {
	doc, err := os.ReadFile("PROVENANCE.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("sha256 \\| `([0-9a-f]{64})`").FindSubmatch(doc)
	if m == nil {
		t.Fatal("PROVENANCE.md records no sha256")
	}
	if string(m[1]) != SHA256 {
		t.Fatalf("PROVENANCE.md records %s, api.SHA256 is %s", m[1], SHA256)
	}
}
