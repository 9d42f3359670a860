// Command genclient writes what package genclient generates from the
// normalized schema and the types oapi-codegen wrote from it: pkg/fal's
// typed methods (one file per tag), the test table of its request builders,
// the type aliases of internal/falapiref, gen/falapi's Nullable type (beside
// the types file), the decoders of internal/falapidec with the table of
// their types for its tests, and the README's table of operations. go
// generate runs it last:
//
//	genclient -spec openapi.normalized.json -types falapi.gen.go -fal ../../pkg/fal -ref ../../internal/falapiref -dec ../../internal/falapidec -readme ../../README.md
//
// A file of pkg/fal that an earlier run generated for a tag the schema no
// longer has is removed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/falplatform/fal-go/internal/genclient"
)

func main() {
	spec := flag.String("spec", "", "the normalized OpenAPI document")
	types := flag.String("types", "", "the Go file of types oapi-codegen generated from it")
	falDir := flag.String("fal", "", "the directory of package fal")
	refDir := flag.String("ref", "", "the directory of package falapiref")
	decDir := flag.String("dec", "", "the directory of package falapidec")
	readme := flag.String("readme", "", "the README whose table of operations to update")
	flag.Parse()
	if *spec == "" || *types == "" || *falDir == "" || *refDir == "" || *decDir == "" || *readme == "" {
		fmt.Fprintln(os.Stderr, "usage: genclient -spec normalized.json -types falapi.gen.go -fal pkg/fal -ref internal/falapiref -dec internal/falapidec -readme README.md")
		os.Exit(2)
	}
	if err := run(*spec, *types, *falDir, *refDir, *decDir, *readme); err != nil {
		fmt.Fprintln(os.Stderr, "genclient:", err)
		os.Exit(1)
	}
}

func run(spec, types, falDir, refDir, decDir, readme string) error {
	doc, err := os.ReadFile(spec)
	if err != nil {
		return err
	}
	out, err := genclient.Generate(doc, types)
	if err != nil {
		return err
	}
	if err := removeStale(falDir, out.Methods); err != nil {
		return err
	}
	for name, src := range out.Methods {
		if err := os.WriteFile(filepath.Join(falDir, name), src, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(falDir, "builders_gen_test.go"), out.BuilderTable, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(refDir, "types.gen.go"), out.ReferenceAliases, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(filepath.Dir(types), "nullable.gen.go"), out.Nullable, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(decDir, "decode.gen.go"), out.Decoders, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(decDir, "responses_gen_test.go"), out.DecoderTable, 0o644); err != nil {
		return err
	}
	text, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	updated, err := genclient.SpliceOperationsTable(text, out.OperationsTable)
	if err != nil {
		return fmt.Errorf("%s: %w", readme, err)
	}
	if bytes.Equal(updated, text) {
		return nil
	}
	return os.WriteFile(readme, updated, 0o644)
}

// removeStale deletes the methods files of pkg/fal that this command wrote
// before and would not write now.
func removeStale(dir string, keep map[string][]byte) error {
	old, err := filepath.Glob(filepath.Join(dir, "*.gen.go"))
	if err != nil {
		return err
	}
	for _, file := range old {
		if _, ok := keep[filepath.Base(file)]; ok {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(src, []byte(genclient.Header)) {
			if err := os.Remove(file); err != nil {
				return err
			}
		}
	}
	return nil
}
