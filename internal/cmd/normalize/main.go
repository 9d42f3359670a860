// Command normalize writes the generator's input for fal's published OpenAPI
// document: see package normalize. go generate runs it before oapi-codegen:
//
//	normalize -names api/names.yaml -hints api/hints.yaml -o out.json api/openapi.json
//
// Warnings (schemas the name map does not name, hints that no longer apply)
// go to standard error; they never fail the run.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/falplatform/fal-go/internal/normalize"
)

func main() {
	names := flag.String("names", "api/names.yaml", "hand-kept map of schema locations to Go type names")
	hints := flag.String("hints", "api/hints.yaml", "facts about the API that the schema leaves out")
	out := flag.String("o", "", "where to write the normalized document (required)")
	flag.Parse()
	if *out == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: normalize -o out.json [-names names.yaml] [-hints hints.yaml] openapi.json")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *names, *hints, *out); err != nil {
		fmt.Fprintln(os.Stderr, "normalize:", err)
		os.Exit(1)
	}
}

func run(in, names, hints, out string) error {
	cfg, err := normalize.LoadConfig(names, hints)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	res, err := normalize.Normalize(raw, cfg)
	if err != nil {
		return err
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(os.Stderr, "normalize: warning:", w)
	}
	return os.WriteFile(out, res.JSON, 0o644)
}
