//go:build peerbench

// Package ogenfal is the ogen client of fal's normalized schema that
// `make bench-peers` generates here (cmd/peer-ogen) before measuring it.
// Only this file is kept in git: the generated oas_*_gen.go files are
// ignored, and every file carries the peerbench build tag so that the
// module builds, tests and lints without them.
package ogenfal
