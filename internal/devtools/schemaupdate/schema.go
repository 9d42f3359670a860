package schemaupdate

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/getkin/kin-openapi/openapi3"
)

// Schema is one revision of fal's published OpenAPI document, loaded and
// validated with kin-openapi (repaired as the normalizer repairs it).
type Schema struct {
	// Raw is the published document byte for byte.
	Raw []byte
	doc *openapi3.T
}

// Operation is one operation of a schema.
type Operation struct {
	// Method is the HTTP method, upper case.
	Method string
	// Path is the path template, as the schema writes it.
	Path string
	// ID is the operationId.
	ID string
}

// String returns the operation as "GET /path (operationId)".
func (o Operation) String() string {
	return fmt.Sprintf("%s %s (%s)", o.Method, o.Path, o.ID)
}

// LoadSchema parses raw as an OpenAPI document and validates it as the
// normalizer does, examples included: through the repairs and the overrides
// of hints (normalize.Repair), so that a defect fal's server tolerates
// loads, and any other is refused with its JSON pointer. It also requires
// every operation to have an operationId, which the generator names methods
// after.
func LoadSchema(raw []byte, hints normalize.Hints) (*Schema, error) {
	repaired, _, err := normalize.Repair(raw, hints)
	if err != nil {
		return nil, fmt.Errorf("load schema: %w", err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(repaired)
	if err != nil {
		return nil, fmt.Errorf("load schema: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		if located := normalize.Locate(repaired); located != nil {
			err = located
		}
		return nil, fmt.Errorf("validate schema: %w", err)
	}
	s := &Schema{Raw: raw, doc: doc}
	ops := s.Operations()
	if len(ops) == 0 {
		return nil, errors.New("validate schema: it has no operations")
	}
	for _, op := range ops {
		if op.ID == "" {
			return nil, fmt.Errorf("validate schema: %s %s has no operationId", op.Method, op.Path)
		}
	}
	return s, nil
}

// repoHints reads api/hints.yaml of the checkout at root.
func repoHints(root string) (normalize.Hints, error) {
	data, err := os.ReadFile(filepath.Join(root, hintsFile))
	if err != nil {
		return normalize.Hints{}, err
	}
	return normalize.ParseHints(data)
}

// Operations returns the schema's operations ordered by path, then method.
func (s *Schema) Operations() []Operation {
	var ops []Operation
	for path, item := range s.doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, Operation{Method: strings.ToUpper(method), Path: path, ID: op.OperationID})
		}
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Method, b.Method))
	})
	return ops
}

// SHA256 returns the hex sha256 of the document's bytes.
func (s *Schema) SHA256() string {
	sum := sha256.Sum256(s.Raw)
	return hex.EncodeToString(sum[:])
}

// Describe returns the document's title, version and OpenAPI version as
// PROVENANCE.md writes them: "Platform APIs, v1 (OpenAPI 3.1.0)".
func (s *Schema) Describe() string {
	title, version := "", ""
	if s.doc.Info != nil {
		title, version = s.doc.Info.Title, s.doc.Info.Version
	}
	return fmt.Sprintf("%s, %s (OpenAPI %s)", title, version, s.doc.OpenAPI)
}
