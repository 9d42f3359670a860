// Command peer-ogen generates the ogen client that `make bench-peers`
// measures fal-go against. It reads the normalized schema, patches it as
// ogen needs (peerbench.OgenSchema: ModelOpenAPI's anyOf read as a oneOf),
// and writes a client-only ogen v1.24.0 client (no server, webhooks or
// OpenTelemetry) into peerbench/ogenfal, a git-ignored folder, with the
// peerbench build tag on every file:
//
//	peer-ogen [-schema ../../gen/falapi/openapi.normalized.json] [-o peerbench/ogenfal]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/falplatform/fal-go/internal/devtools/peerbench"
)

func main() {
	schemaPath := flag.String("schema", "../../gen/falapi/openapi.normalized.json", "the normalized schema")
	out := flag.String("o", "peerbench/ogenfal", "where the client goes (package ogenfal)")
	flag.Parse()
	if err := run(*schemaPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "peer-ogen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string) error {
	normalized, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	patched, err := peerbench.OgenSchema(normalized)
	if err != nil {
		return err
	}
	if err := peerbench.GenerateOgen(patched, out, "ogenfal"); err != nil {
		return err
	}
	fmt.Printf("peer-ogen: ogen v1.24.0 client of %s written to %s (patched for ogen: %s anyOf read as oneOf; client features only)\n",
		schemaPath, out, peerbench.OgenUnion)
	return nil
}
