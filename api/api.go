// Package api holds fal's published Platform API schema, byte for byte as fal
// serves it (see PROVENANCE.md), and the hand-kept inputs that turn it into
// the generated client: names.yaml (Go names for inline schemas) and
// hints.yaml (facts the schema leaves out).
package api

import _ "embed"

// OpenAPI is api/openapi.json, the published OpenAPI 3.1 document, unchanged.
//
//go:embed openapi.json
var OpenAPI []byte

// Names is api/names.yaml: the Go type names of the schemas the document
// writes inline, keyed by where they sit (see internal/normalize); the mock
// server reads it to find a schema the hints name.
//
//go:embed names.yaml
var Names []byte

// Hints is api/hints.yaml: facts about the API that the schema leaves out,
// which the generator and the mock server both read.
//
//go:embed hints.yaml
var Hints []byte

// SHA256 is the hex sha256 of OpenAPI recorded in PROVENANCE.md; a test keeps
// the two in step.
const SHA256 = "fea770b0772efd3431e73feebcd592733db891af1dd28c4ded86ae161e765f38"
