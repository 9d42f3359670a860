package schemaupdate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Options configure Update.
type Options struct {
	// Repo is the root of the fal-go checkout to update; "." when empty.
	Repo string
	// From is where the new schema is: an http or https URL, or a file
	// path; DefaultSource when empty.
	From string
	// Date is the day the schema was served, YYYY-MM-DD; today (UTC) when
	// empty.
	Date string
	// SkipTests skips the contract tests: generate, build and vet still run.
	SkipTests bool
	// Commands are the steps' command lines; an empty one is the constant
	// of its step (GenerateCommand, BuildCommand, VetCommand,
	// ContractTestCommand).
	Commands Commands
	// HTTPClient fetches From when it is a URL; http.DefaultClient when nil.
	HTTPClient *http.Client
	// Log receives a line per step; nil discards them.
	Log io.Writer
}

func (o *Options) setDefaults() error {
	if o.Repo == "" {
		o.Repo = "."
	}
	if o.From == "" {
		o.From = DefaultSource
	}
	if o.Date == "" {
		o.Date = time.Now().UTC().Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, o.Date); err != nil {
		return fmt.Errorf("date %q is not YYYY-MM-DD", o.Date)
	}
	o.Commands = o.Commands.withDefaults()
	if o.Log == nil {
		o.Log = io.Discard
	}
	return nil
}

// Update replaces the schema of the checkout at opts.Repo with the one at
// opts.From, regenerates the client and checks it (see package doc). It
// always returns a report; the error is non-nil when the update was not
// applied, in which case the tree is as it was.
func Update(ctx context.Context, opts Options) (*Report, error) {
	err := opts.setDefaults()
	r := &Report{Provenance: Provenance{Source: sourceLabel(opts.From), Date: opts.Date}}
	if err != nil {
		return r.fail(err)
	}
	logf := func(format string, args ...any) { _, _ = fmt.Fprintf(opts.Log, format+"\n", args...) }
	edits, oldAPI, err := r.compare(ctx, opts, logf)
	if err != nil {
		return r.fail(err)
	}
	return r.apply(ctx, opts, edits, oldAPI, logf)
}

// compare does everything that does not touch the tree: it reads and
// validates the new schema, diffs it against the current one, normalizes it,
// prepares the edits of api/ and loads the current Go API.
func (r *Report) compare(ctx context.Context, opts Options, logf func(string, ...any)) ([]edit, goAPI, error) {
	raw, err := ReadSource(ctx, opts.From, opts.HTTPClient)
	if err != nil {
		return nil, nil, err
	}
	hints, err := repoHints(opts.Repo)
	if err != nil {
		return nil, nil, err
	}
	revised, err := LoadSchema(raw, hints)
	if err != nil {
		return nil, nil, fmt.Errorf("new schema: %w", err)
	}
	r.Provenance = provenanceOf(revised)
	r.Provenance.Source, r.Provenance.Date = sourceLabel(opts.From), opts.Date
	oldRaw, err := os.ReadFile(filepath.Join(opts.Repo, schemaFile))
	if err != nil {
		return nil, nil, fmt.Errorf("current schema: %w", err)
	}
	old, err := LoadSchema(oldRaw, hints)
	if err != nil {
		return nil, nil, fmt.Errorf("current schema: %w", err)
	}
	r.Old = provenanceOf(old)
	logf("schema: %d operations (sha256 %s), was %d", r.Provenance.Operations, r.Provenance.SHA256, r.Old.Operations)

	if r.HTTP, err = diffHTTP(oldRaw, raw); err != nil {
		return nil, nil, err
	}
	logf("oasdiff: %d operations added, %d removed, %d breaking changes", len(r.HTTP.Added), len(r.HTTP.Removed), len(r.HTTP.Breaking))
	if r.Warnings, err = normalizerWarnings(opts.Repo, raw); err != nil {
		return nil, nil, fmt.Errorf("new schema: %w", err)
	}
	// The old revision's warnings only tell which unnamed schemas are new;
	// without them every one counts as new.
	oldWarnings, _ := normalizerWarnings(opts.Repo, oldRaw)
	r.Warnings.markNew(oldWarnings)
	edits, err := schemaEdits(opts.Repo, revised, r.Provenance)
	if err != nil {
		return nil, nil, err
	}
	oldAPI, err := loadGoAPI(ctx, opts.Repo)
	if err != nil {
		r.GoNote = "the Go API before the update did not load: " + err.Error()
	}
	return edits, oldAPI, nil
}

// apply writes the edits, runs the pipeline and compares the Go API with
// oldAPI (when it loaded); when anything fails it puts the tree back.
func (r *Report) apply(ctx context.Context, opts Options, edits []edit, oldAPI goAPI, logf func(string, ...any)) (*Report, error) {
	snap, err := takeSnapshot(opts.Repo)
	if err != nil {
		return r.fail(err)
	}
	r.Steps = opts.Commands.steps(opts.SkipTests)
	if err := writeEdits(opts.Repo, edits); err != nil {
		return r.rollBack(snap, err)
	}
	checks, tests := r.Steps[:len(r.Steps)-1], r.Steps[len(r.Steps)-1:]
	if s := runSteps(ctx, opts.Repo, checks, logf); s != nil {
		r.GoNote = "the new code did not build"
		return r.rollBack(snap, fmt.Errorf("%s failed: %s", s.Name, s.Command))
	}
	// The new API is compared before the tests run, so that a report of
	// failed tests still says what changed.
	newAPI, err := loadGoAPI(ctx, opts.Repo)
	if err != nil {
		r.GoNote = "the Go API after the update did not load: " + err.Error()
		return r.rollBack(snap, err)
	}
	if oldAPI != nil {
		r.Go = diffGoAPI(oldAPI, newAPI)
	}
	if s := runSteps(ctx, opts.Repo, tests, logf); s != nil {
		return r.rollBack(snap, fmt.Errorf("%s failed: %s", s.Name, s.Command))
	}
	r.Applied = true
	return r, nil
}

// fail records err as the reason the update was not applied.
func (r *Report) fail(err error) (*Report, error) {
	r.Failure = err.Error()
	return r, err
}

// rollBack puts the tree back as snap holds it after err stopped the update.
func (r *Report) rollBack(snap *snapshot, err error) (*Report, error) {
	restored, rerr := snap.restore()
	r.Restored = restored
	if rerr != nil {
		err = errors.Join(err, fmt.Errorf("the tree is left half updated: %w", rerr))
	}
	return r.fail(err)
}
