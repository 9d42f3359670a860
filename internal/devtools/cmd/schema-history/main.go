// Command schema-history proves that the pipeline still turns every
// historical revision of fal's schema into a client that compiles: in a
// temporary copy of the module it replaces the schema with each revision in
// turn, regenerates, builds and vets (see schemaupdate.History). `make
// history` runs it at the root of the checkout:
//
//	schema-history [-repo .] [revision.json ...]
//
// Without arguments it checks testdata/schemas/*.json, oldest first, then
// api/openapi.json. It exits with status 1 when a revision fails.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/falplatform/fal-go/internal/devtools/schemaupdate"
)

func main() {
	repo := flag.String("repo", ".", "root of the fal-go checkout")
	flag.Parse()
	schemas := flag.Args()
	if len(schemas) == 0 {
		var err error
		if schemas, err = schemaupdate.Revisions(*repo); err != nil {
			fmt.Fprintln(os.Stderr, "schema-history:", err)
			os.Exit(1)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	results, err := schemaupdate.History(ctx, *repo, schemas, os.Stderr)
	for _, r := range results {
		state := "ok"
		if r.Err != nil {
			state = "FAILED"
		}
		fmt.Printf("%-40s %3d operations  %s\n", filepath.Base(r.Schema), r.Operations, state)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "schema-history:", err)
		os.Exit(1)
	}
}
