// Package schemaupdate replaces fal's published schema (api/openapi.json) in a
// fal-go checkout with a new revision, regenerates the client, checks it, and
// reports what changed; it is the logic behind `make update-schema` and
// `make history`.
//
// An update is all or nothing. Update validates the new schema with
// kin-openapi before it touches the tree (after the repairs and overrides
// the normalizer applies; any other defect is refused with its JSON pointer
// and the hints.yaml entry that would override it), then writes api/openapi.json, its
// recorded sha256 (api/api.go) and its provenance (api/PROVENANCE.md), runs
// go generate, go build, go vet and the contract tests (see the commands in
// command.go), and, if any of them fails, puts back every file it changed.
// Either way it returns a Report, which renders as Markdown:
//   - the operations added and removed, and the breaking changes of the HTTP
//     contract, as github.com/oasdiff/oasdiff finds them;
//   - the changes of the exported Go API of gen/falapi and pkg/fal, as
//     golang.org/x/exp/apidiff finds them;
//   - the defects of fal's document the normalizer repaired;
//   - the schemas api/names.yaml does not name yet, with the names
//     internal/normalize derived for them;
//   - what ran, and what failed.
//
// History runs the same replace-and-check pipeline on each of a list of
// revisions in a temporary copy of the module, to prove that every one still
// generates a client that compiles; by default the published revisions of
// testdata/schemas, api/openapi.json and the variants of
// testdata/schemas/variants (see Revisions).
package schemaupdate
