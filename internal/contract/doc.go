// Package contract holds the contract tests of the client: every operation
// of the schema the module embeds is called through pkg/fal against
// pkg/falmock, and its request, its answer and its errors are checked
// against the schema. The tests are generic (nothing is written per
// operation), so they run unchanged on a client generated from any revision
// of fal's schema: `go test ./internal/contract/`.
//
// TestContractAgainstPrism sends the same requests to Prism, an OpenAPI mock
// that shares no code with this module and validates each request against
// the published schema; it runs under `make conformance` (which installs
// Prism) and is skipped when FAL_PRISM does not name Prism's executable.
package contract
