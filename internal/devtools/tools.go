//go:build tools

// Package devtools pins the development tools that need a newer Go than the
// library itself (golangci-lint needs go 1.26; the library keeps go 1.25 so
// that users on the previous Go release can import it). The Makefile builds
// them from this module: nothing here is imported by the library. The schema
// tools live here for the same reason (oasdiff and apidiff need go 1.26):
// cmd/update-schema and cmd/schema-history, over package schemaupdate. ogen
// is the peer that `make bench-peers` generates a client with and measures
// fal-go against (package peerbench).
package devtools

import (
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	_ "github.com/ogen-go/ogen/cmd/ogen"
	_ "golang.org/x/vuln/cmd/govulncheck"
)
