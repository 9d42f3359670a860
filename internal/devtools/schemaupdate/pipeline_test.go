package schemaupdate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/internal/normalize"
)

// copyCheckout copies the checkout into a temporary directory that the test
// may change at will.
func copyCheckout(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fal-go")
	if err := CopyModule(repoRoot, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// chainStep is one update of TestUpdatePipeline's chain.
type chainStep struct {
	name      string
	old, from string // schema files: the one the tree holds, the new one
	url       bool   // serve the new one over HTTP
	older     bool   // the new one is older than today's
	tests     bool   // run the contract tests
	breaking  bool   // oasdiff must find breaking changes
	added     []string
}

// TestUpdatePipeline walks one copy of the checkout through the real history
// of the schema, 2026-03-18 -> 2026-06-12 -> 2026-07-30 -> today, and on to
// a future revision with schemas the name map does not know, checking each
// report against what the schema files say; then it checks that an update
// whose tests fail leaves the tree as it was, and that the same update twice
// gives the same report.
//
// Only the steps to today's schema and beyond run the whole pipeline. Tests
// (internal/normalize/wire_test.go, pkg/falmock) and programs (cmd/falctl)
// are written against today's schema and do not compile, or fail, with an
// older one: the steps to older revisions build and vet what is generated
// from the schema (gen/ and pkg/), which is what History checks in full.
func TestUpdatePipeline(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates and builds a copy of the module eight times")
	}
	start := time.Now()
	repo := copyCheckout(t)
	future := filepath.Join(t.TempDir(), "openapi-future.json")
	if err := os.WriteFile(future, futureRevision(t), 0o644); err != nil {
		t.Fatal(err)
	}
	chain := []chainStep{
		{name: "today_to_2026-03-18", old: revisionFiles[3], from: revisionFiles[0], older: true, breaking: true},
		{name: "2026-03-18_to_2026-06-12", old: revisionFiles[0], from: revisionFiles[1], older: true, breaking: true, added: []string{"listAssets", "uploadAsset", "getOrganizationUsage"}},
		{name: "2026-06-12_to_2026-07-30", old: revisionFiles[1], from: revisionFiles[2], older: true, added: []string{"getStorageSettings", "serverlessListApps"}},
		{name: "2026-07-30_to_today", old: revisionFiles[2], from: revisionFiles[3], url: true, tests: true, breaking: true, added: []string{"getOrganizationBillingEvents", "serverlessListAppRevisions"}},
		{name: "today_to_future", old: revisionFiles[3], from: future, added: []string{"getWidget"}},
	}
	var futureReport string
	for _, step := range chain {
		ok := t.Run(step.name, func(t *testing.T) {
			r := runChainStep(t, repo, step)
			checkChainReport(t, repo, step, r)
			if step.from == future {
				checkUnnamed(t, repo, r)
				futureReport = r.Markdown()
			}
		})
		if !ok {
			t.Fatalf("step %s failed: the next steps start from the wrong revision", step.name)
		}
	}

	t.Run("failed_tests_restore_the_tree", func(t *testing.T) {
		// A contract test that pins today's schema: the update to
		// 2026-07-30 generates, builds and vets, then fails it.
		pin := filepath.Join(repo, "internal", "contract", "pin_test.go")
		src := "package contract_test\n\nimport (\n\t\"testing\"\n\n\t\"github.com/falplatform/fal-go/api\"\n)\n\nfunc TestPinnedSchema(t *testing.T) {\n\tif api.SHA256 != " + strconv.Quote(fileSHA256(t, revisionFiles[3])) + " {\n\t\tt.Fatal(\"the schema is not today's\")\n\t}\n}\n"
		// The chain left the future revision; go back to today's first.
		mustUpdate(t, Options{Repo: repo, From: revisionFiles[3], Date: "2026-08-21", SkipTests: true})
		if err := os.WriteFile(pin, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(pin)
		before := treeHashes(t, repo)
		r, err := Update(context.Background(), Options{Repo: repo, From: revisionFiles[2], Date: "2026-07-30"})
		if err == nil || r.Applied {
			t.Fatalf("the update applied although a test fails:\n%s", r.Markdown())
		}
		if after := treeHashes(t, repo); !maps.Equal(before, after) {
			t.Errorf("the tree changed: %v", diffKeys(before, after))
		}
		md := r.Markdown()
		for _, want := range []string{"**Result: not applied.** contract tests failed", "## Failure: contract tests", "TestPinnedSchema", "`api/openapi.json`", "`pkg/fal/models.gen.go`", "## Operations removed (3)"} {
			if !strings.Contains(md, want) {
				t.Errorf("the report lacks %q:\n%s", want, md)
			}
		}
		if !slices.Contains(r.Restored, "gen/falapi/falapi.gen.go") {
			t.Errorf("restored %v: the generated types were not put back", r.Restored)
		}
	})

	t.Run("same_inputs_same_report", func(t *testing.T) {
		// The tree holds today's schema again: the update to the future
		// revision is the same as in the chain.
		r := mustUpdate(t, Options{Repo: repo, From: future, Date: "2026-08-21", SkipTests: true})
		if got := r.Markdown(); got != futureReport {
			t.Errorf("the same update reported differently:\n--- first\n%s\n--- second\n%s", futureReport, got)
		}
	})
	t.Logf("pipeline tests took %s", time.Since(start).Round(time.Second))
}

// runChainStep runs one update of the chain and fails unless it applied.
func runChainStep(t *testing.T, repo string, step chainStep) *Report {
	t.Helper()
	opts := Options{Repo: repo, From: step.from, Date: "2026-08-21", SkipTests: !step.tests}
	if step.older {
		opts.Commands = Commands{Build: "go build ./gen/... ./pkg/...", Vet: "go vet ./gen/..."}
	}
	if step.url {
		srv := schemaServer(t, readFile(t, step.from))
		opts.From, opts.HTTPClient = srv.URL+"/v1/openapi.json", srv.Client()
	}
	return mustUpdate(t, opts)
}

func mustUpdate(t *testing.T, opts Options) *Report {
	t.Helper()
	var log strings.Builder
	opts.Log = &log
	start := time.Now()
	r, err := Update(context.Background(), opts)
	t.Logf("update to %s: %s\n%s", opts.From, time.Since(start).Round(time.Millisecond), log.String())
	if err != nil || !r.Applied {
		t.Fatalf("update to %s: %v\n%s\n%s", opts.From, err, log.String(), r.Markdown())
	}
	return r
}

// checkChainReport checks a report against the two schema files and the tree.
func checkChainReport(t *testing.T, repo string, step chainStep, r *Report) {
	t.Helper()
	md := r.Markdown()
	t.Logf("%s: %s", step.name, summary(r))
	oldIDs, newIDs := operationIDs(t, step.old), operationIDs(t, step.from)
	added, removed := minus(newIDs, oldIDs), minus(oldIDs, newIDs)
	if got := ids(r.HTTP.Added); !slices.Equal(got, added) {
		t.Errorf("added %v, the schemas say %v", got, added)
	}
	if got := ids(r.HTTP.Removed); !slices.Equal(got, removed) {
		t.Errorf("removed %v, the schemas say %v", got, removed)
	}
	for _, id := range step.added {
		if !slices.Contains(added, id) {
			t.Errorf("%s is not added by this step", id)
		}
	}
	contains := []string{
		"**Result: applied.**",
		"| operations | " + strconv.Itoa(len(oldIDs)) + " | " + strconv.Itoa(len(newIDs)) + " |",
		"## Operations added (" + strconv.Itoa(len(added)) + ")",
		"## Operations removed (" + strconv.Itoa(len(removed)) + ")",
		"## Schemas the name map does not name (" + strconv.Itoa(len(r.Warnings.Unnamed)) + ")",
	}
	fal := goChanges(t, r, "pkg/fal")
	for _, id := range added {
		contains = append(contains, "` "+id+"\n")
		if m := "(*Client)." + normalize.GoName(id) + ": added"; !slices.Contains(fal.Compatible, m) {
			t.Errorf("pkg/fal: no %q", m)
		}
	}
	for _, id := range removed {
		contains = append(contains, "` "+id+"\n")
		if m := "(*Client)." + normalize.GoName(id) + ": removed"; !slices.Contains(fal.Incompatible, m) {
			t.Errorf("pkg/fal: no %q", m)
		}
	}
	for _, want := range contains {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if step.breaking != (len(r.HTTP.Breaking) > 0) {
		t.Errorf("%d breaking changes, want some: %v", len(r.HTTP.Breaking), step.breaking)
	}
	if !strings.Contains(md, "## Breaking changes of the HTTP contract ("+strconv.Itoa(len(r.HTTP.Breaking))+")") {
		t.Error("the report lacks the breaking changes section")
	}
	for _, b := range r.HTTP.Breaking {
		if !strings.Contains(md, b.Text) {
			t.Errorf("the report lacks the breaking change %q", b.Text)
		}
	}
	for _, s := range r.Steps {
		want := StepPassed
		if s.Name == stepTest && !step.tests {
			want = StepSkipped
		}
		if s.State != want {
			t.Errorf("step %s %s, want %s", s.Name, s.State, want)
		}
	}
	// The tree records the new schema.
	if got := fileSHA256(t, filepath.Join(repo, schemaFile)); got != fileSHA256(t, step.from) {
		t.Errorf("api/openapi.json is not the new schema byte for byte")
	}
	prov := string(readFile(t, filepath.Join(repo, provenanceFile)))
	for _, row := range []string{"| operations | " + strconv.Itoa(len(newIDs)) + " |", "| sha256 | `" + fileSHA256(t, step.from) + "` |"} {
		if !strings.Contains(prov, row) {
			t.Errorf("api/PROVENANCE.md lacks %q", row)
		}
	}
	if !strings.Contains(string(readFile(t, filepath.Join(repo, apiGoFile))), fileSHA256(t, step.from)) {
		t.Error("api/api.go does not record the new sha256")
	}
}

// checkUnnamed checks the report's unnamed schemas against the future
// revision's new operation and the generated types.
func checkUnnamed(t *testing.T, repo string, r *Report) {
	t.Helper()
	if len(r.Warnings.Unnamed) == 0 {
		t.Fatal("no unnamed schema reported for getWidget")
	}
	types := string(readFile(t, filepath.Join(repo, "gen", "falapi", "falapi.gen.go")))
	falapi := goChanges(t, r, "gen/falapi")
	md := r.Markdown()
	for _, u := range r.Warnings.Unnamed {
		if !u.New || !strings.HasPrefix(u.Locations[0], "getWidget.") {
			t.Errorf("%+v: want a new schema of getWidget", u)
		}
		if !strings.Contains(md, "- `"+u.Name+"` (new) at `"+u.Locations[0]) {
			t.Errorf("the report does not list %s", u.Name)
		}
		if !strings.Contains(types, "\ntype "+u.Name+" ") {
			t.Errorf("gen/falapi has no type %s", u.Name)
		}
		if !slices.Contains(falapi.Compatible, u.Name+": added") {
			t.Errorf("gen/falapi: %s is not reported added", u.Name)
		}
	}
}

// summary counts what a report lists, for the test's log.
func summary(r *Report) string {
	levels := map[string]int{}
	for _, b := range r.HTTP.Breaking {
		levels[b.Level]++
	}
	s := fmt.Sprintf("operations %d -> %d: %d added, %d removed; breaking %d (%d error, %d warning), %d harmless; unnamed schemas %d",
		r.Old.Operations, r.Provenance.Operations, len(r.HTTP.Added), len(r.HTTP.Removed), len(r.HTTP.Breaking), levels["error"], levels["warning"], r.HTTP.Other, len(r.Warnings.Unnamed))
	for _, c := range r.Go {
		s += fmt.Sprintf("; %s: %d incompatible, %d compatible", c.Package, len(c.Incompatible), len(c.Compatible))
	}
	return s
}

func goChanges(t *testing.T, r *Report, pkg string) GoChanges {
	t.Helper()
	for _, c := range r.Go {
		if c.Package == pkg {
			return c
		}
	}
	t.Fatalf("no Go API changes for %s (%s)", pkg, r.GoNote)
	return GoChanges{}
}

func fileSHA256(t *testing.T, file string) string {
	t.Helper()
	sum := sha256.Sum256(readFile(t, file))
	return hex.EncodeToString(sum[:])
}

// treeHashes returns the sha256 and mode of every file under root.
func treeHashes(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		out[rel] = fileSHA256(t, path) + " " + info.Mode().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffKeys returns the keys whose values differ between a and b.
func diffKeys(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
