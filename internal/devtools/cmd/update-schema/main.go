// Command update-schema replaces fal's published schema in a fal-go checkout
// with a new revision, regenerates the client, runs the contract tests and
// writes a Markdown report of what changed (see package schemaupdate).
// `make update-schema` runs it at the root of the checkout:
//
//	update-schema [-from https://api.fal.ai/v1/openapi.json | -from file.json]
//	              [-repo .] [-report bin/schema-update.md] [-date YYYY-MM-DD] [-skip-tests]
//
// The update is all or nothing: when generation, the build, vet or the tests
// fail, every file it wrote is put back and it exits with status 1, the
// report saying what failed.
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
	var opts schemaupdate.Options
	flag.StringVar(&opts.From, "from", schemaupdate.DefaultSource, "the new schema: an http(s) URL, or a file path to work offline")
	flag.StringVar(&opts.Repo, "repo", ".", "root of the fal-go checkout to update")
	flag.StringVar(&opts.Date, "date", "", "day the schema was served, YYYY-MM-DD (default today, UTC)")
	flag.BoolVar(&opts.SkipTests, "skip-tests", false, "skip the contract tests (generate, build and vet still run)")
	report := flag.String("report", "bin/schema-update.md", "where to write the Markdown report; - for standard output")
	flag.Parse()
	if flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: update-schema [-from url|file] [-repo dir] [-report file] [-date YYYY-MM-DD] [-skip-tests]")
		os.Exit(2)
	}
	opts.Log = os.Stderr

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	r, err := schemaupdate.Update(ctx, opts)
	if werr := writeReport(*report, r.Markdown()); werr != nil {
		fmt.Fprintln(os.Stderr, "update-schema:", werr)
		os.Exit(1)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "update-schema: not applied:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "update-schema: applied %s (%d operations); report: %s\n", opts.From, r.Provenance.Operations, *report)
}

// writeReport writes the report to path, or to standard output for "-".
func writeReport(path, md string) error {
	if path == "-" {
		_, err := os.Stdout.WriteString(md)
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(md), 0o644)
}
