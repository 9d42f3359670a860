package schemaupdate

import (
	"fmt"
	"regexp"
	"strconv"
)

// Files of the checkout that record the vendored schema, relative to its root.
const (
	schemaFile     = "api/openapi.json"
	apiGoFile      = "api/api.go"
	provenanceFile = "api/PROVENANCE.md"
	namesFile      = "api/names.yaml"
	hintsFile      = "api/hints.yaml"
)

// Provenance is what api/PROVENANCE.md records about api/openapi.json.
type Provenance struct {
	// Source is where the schema came from: a URL, or a local file.
	Source string
	// Date is the day it was served, YYYY-MM-DD.
	Date string
	// Description is the title, version and OpenAPI version (see Schema.Describe).
	Description string
	// Operations counts its operations.
	Operations int
	// SHA256 is the hex sha256 of its bytes.
	SHA256 string
}

// provenanceOf describes s; where and when it was served are the caller's
// to fill in.
func provenanceOf(s *Schema) Provenance {
	return Provenance{Description: s.Describe(), Operations: len(s.Operations()), SHA256: s.SHA256()}
}

var sha256Const = regexp.MustCompile(`const SHA256 = "[0-9a-f]*"`)

// setSHA256 rewrites the SHA256 constant of api/api.go's source src.
func setSHA256(src []byte, sum string) ([]byte, error) {
	if n := len(sha256Const.FindAllIndex(src, -1)); n != 1 {
		return nil, fmt.Errorf("%s: want one `const SHA256 = \"...\"`, found %d", apiGoFile, n)
	}
	return sha256Const.ReplaceAllLiteral(src, []byte("const SHA256 = "+strconv.Quote(sum))), nil
}

// setProvenance rewrites the rows of the table in api/PROVENANCE.md's text md
// that describe the schema; every row must be there exactly once.
func setProvenance(md []byte, p Provenance) ([]byte, error) {
	rows := []struct{ key, value string }{
		{"source", p.Source},
		{"served on", p.Date},
		{"title / version", p.Description},
		{"operations", strconv.Itoa(p.Operations)},
		{"sha256", "`" + p.SHA256 + "`"},
	}
	for _, row := range rows {
		re := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(row.key) + ` \|.*\|[ \t]*$`)
		if n := len(re.FindAllIndex(md, -1)); n != 1 {
			return nil, fmt.Errorf("%s: want one row %q, found %d", provenanceFile, row.key, n)
		}
		md = re.ReplaceAllLiteral(md, []byte("| "+row.key+" | "+row.value+" |"))
	}
	return md, nil
}
