// Package repocheck holds the checks that keep the repository's own files
// true to the code: every Go code example of the Markdown files and of the
// doc comments compiles, fal.Version is the latest release of CHANGELOG.md,
// every Makefile target documents itself for `make help`, and the schema
// workflow's scripts propose one pull request per schema update. Nothing
// imports it: its tests are the checks, and the code beside them is what
// they share.
package repocheck
