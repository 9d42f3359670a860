// Command genclient writes pkg/fal/operations.gen.go: the typed method of
// every operation, generated from the normalized schema and the types
// oapi-codegen wrote (see package genclient). go generate runs it last:
//
//	genclient -spec openapi.normalized.json -types falapi.gen.go -o ../../pkg/fal/operations.gen.go -test-o ../../pkg/fal/builders_gen_test.go
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/falplatform/fal-go/internal/genclient"
)

func main() {
	spec := flag.String("spec", "", "the normalized OpenAPI document")
	types := flag.String("types", "", "the Go file oapi-codegen generated from it")
	out := flag.String("o", "", "the methods file to write")
	testOut := flag.String("test-o", "", "the test table file to write")
	flag.Parse()
	if *spec == "" || *types == "" || *out == "" || *testOut == "" {
		fmt.Fprintln(os.Stderr, "usage: genclient -spec normalized.json -types falapi.gen.go -o operations.gen.go -test-o builders_gen_test.go")
		os.Exit(2)
	}
	if err := run(*spec, *types, *out, *testOut); err != nil {
		fmt.Fprintln(os.Stderr, "genclient:", err)
		os.Exit(1)
	}
}

func run(spec, types, out, testOut string) error {
	doc, err := os.ReadFile(spec)
	if err != nil {
		return err
	}
	methods, table, err := genclient.Generate(doc, types)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, methods, 0o644); err != nil {
		return err
	}
	return os.WriteFile(testOut, table, 0o644)
}
