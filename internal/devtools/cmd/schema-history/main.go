// Command schema-history proves that the pipeline still turns every
// historical revision of fal's schema into a client that compiles: in a
// temporary copy of the module it replaces the schema with each revision in
// turn, regenerates, builds and vets (see schemaupdate.History). `make
// history` runs it at the root of the checkout:
//
//	schema-history [-repo .] [revision.json ...]
//
// Without arguments it checks testdata/schemas/*.json, oldest first, then
// api/openapi.json, then the variants of testdata/schemas/variants (fal's
// revisions whose requirements name an undefined scheme, or whose keys are
// http bearer, and one with constructs fal has not published yet). It prints each revision's result and the time the
// whole check took, and exits with status 1 when a revision fails.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	"github.com/falplatform/fal-go/internal/devtools/schemaupdate"
)

func main() {
	repo := flag.String("repo", ".", "root of the fal-go checkout")
	flag.Parse()
	if err := run(*repo, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "schema-history:", err)
		os.Exit(1)
	}
}

func run(repo string, schemas []string) error {
	if len(schemas) == 0 {
		variants, err := os.MkdirTemp("", "fal-go-variants-")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(variants) }()
		if schemas, err = schemaupdate.Revisions(repo, variants); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	results, err := schemaupdate.History(ctx, repo, schemas, os.Stderr)
	for _, r := range results {
		state := "ok"
		if r.Err != nil {
			state = "FAILED"
		}
		fmt.Printf("%-50s %3d operations  %s\n", filepath.Base(r.Schema), r.Operations, state)
	}
	fmt.Printf("%d revisions in %s\n", len(results), time.Since(start).Round(time.Second))
	return err
}
