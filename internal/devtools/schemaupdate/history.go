package schemaupdate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/falplatform/fal-go/internal/revisions"
)

// HistoryResult is the outcome of one revision in History.
type HistoryResult struct {
	// Schema is the file of the revision.
	Schema string
	// Operations counts its operations.
	Operations int
	// Steps are generate, build, vet and the contract tests, and their
	// outcome.
	Steps []*Step
	// Err says what failed; nil when the revision passed.
	Err error
}

// History copies the module at repo into a temporary directory and, for
// each schema file in turn, makes the copy hold it as Update would (without
// the reports), then generates, builds and vets the copy and runs the
// contract tests in it. It goes on after a
// revision fails and returns an error naming every one that did. The
// checkout at repo is never written.
//
// Before the build, the copy loses the code written against today's schema
// rather than generated from the revision at hand (see pinned): it may use
// operations and fields an older revision lacks, while History proves that
// the pipeline turns each revision into a client that compiles, vets and
// passes the contract tests, which are generic.
func History(ctx context.Context, repo string, schemas []string, log io.Writer) ([]HistoryResult, error) {
	if log == nil {
		log = io.Discard
	}
	dir, err := os.MkdirTemp("", "fal-go-history-")
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer func() { _ = os.RemoveAll(dir) }()
	if err := CopyModule(repo, dir); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	var results []HistoryResult
	var errs []error
	for _, file := range schemas {
		logf := func(format string, args ...any) {
			_, _ = fmt.Fprintf(log, "%s: "+format+"\n", append([]any{filepath.Base(file)}, args...)...)
		}
		res := checkRevision(ctx, dir, file, logf)
		if res.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, res.Err))
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

// checkRevision makes the module at dir hold the schema in file and runs
// generate, build, vet and the contract tests.
func checkRevision(ctx context.Context, dir, file string, logf func(string, ...any)) HistoryResult {
	res := HistoryResult{Schema: file, Steps: Commands{}.withDefaults().steps(false)}
	raw, err := os.ReadFile(file)
	if err != nil {
		res.Err = err
		return res
	}
	hints, err := repoHints(dir)
	if err != nil {
		res.Err = err
		return res
	}
	s, err := LoadSchema(raw, hints)
	if err != nil {
		res.Err = err
		return res
	}
	res.Operations = len(s.Operations())
	p := provenanceOf(s)
	p.Source, p.Date = sourceLabel(file), time.Now().UTC().Format(time.DateOnly)
	edits, err := schemaEdits(dir, s, p)
	if err == nil {
		err = writeEdits(dir, edits)
	}
	if err != nil {
		res.Err = err
		return res
	}
	logf("%d operations", res.Operations)
	generate, checks := res.Steps[:1], res.Steps[1:]
	failed := runSteps(ctx, dir, generate, logf)
	if failed == nil {
		// Generation writes pinned files too (pkg/fal/builders_gen_test.go).
		if err := removePinned(dir); err != nil {
			res.Err = err
			return res
		}
		failed = runSteps(ctx, dir, checks, logf)
	}
	if failed != nil {
		res.Err = fmt.Errorf("%s failed: %s\n%s", failed.Name, failed.Command, tail(failed.Output, maxOutputLines))
	}
	return res
}

// pinned reports whether the file rel (slash-separated, relative to the
// module's root) is code written against today's schema: a test file other
// than the generic contract tests, or a program under cmd/ (falctl reads
// fields the older revisions lack).
func pinned(rel string) bool {
	if strings.HasPrefix(rel, "internal/contract/") {
		return false
	}
	return strings.HasSuffix(rel, "_test.go") || strings.HasPrefix(rel, "cmd/")
}

// removePinned removes the pinned files of the module copy at dir.
func removePinned(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil || !pinned(filepath.ToSlash(rel)) {
			return err
		}
		return os.Remove(path)
	})
}

// Revisions returns the schema files History checks by default: the
// published revisions in testdata/schemas, oldest first (their names hold
// the date), the vendored api/openapi.json, then the variants of
// testdata/schemas/variants, each written into dir as its base revision
// patched (see internal/revisions).
func Revisions(repo, dir string) ([]string, error) {
	published, err := revisions.Published(repo)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, r := range published {
		files = append(files, r.File)
	}
	files = append(files, filepath.Join(repo, schemaFile))
	variants, err := revisions.WriteVariants(repo, dir)
	return append(files, variants...), err
}
