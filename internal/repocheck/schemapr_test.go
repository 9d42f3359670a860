package repocheck

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// schemaPRScript is the script with which the schema workflow proposes an
// update.
const schemaPRScript = moduleRoot + "/.github/scripts/schema-pr.sh"

// A schemaDay is one run of the schema workflow: what fal serves, and what
// the script must do about it.
type schemaDay struct {
	name       string
	schema     string // api/openapi.json as fal serves it
	served     string // the day
	operations int
	// mainCatchesUp merges the schema into main before the run.
	mainCatchesUp bool
	report        string
	maxBody       int // MAX_BODY, when set
	// wantGH are the gh calls, in order.
	wantGH []string
	// wantPush is true when the branch must be pushed anew: main plus one
	// commit that holds the schema and its changelog entry, mentioning
	// wasOperations.
	wantPush      bool
	wasOperations int
	// wantBody is the body of the pull request created or edited.
	wantBody string
	// wantPulls is the stand-in's record of the pull requests after the run.
	wantPulls string
}

const ghList = "gh pr list --head schema/update --base main --state open --json number --jq .[0].number // empty"

// longReport is a report over the MAX_BODY of its day.
var longReport = strings.Repeat("- `Operation`: a line of the report\n", 10)

// TestSchemaPullRequest runs schema-pr.sh through six days of a repository
// (a bare origin, main, and a stand-in for gh): it opens one pull request
// when fal's schema changes, leaves it alone while the schema stays, updates
// it when the schema changes again, closes it when main catches up, and
// opens a new one for the next change.
func TestSchemaPullRequest(t *testing.T) {
	for _, tool := range []string{"bash", "git", "awk", "sed"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	days := []schemaDay{
		{
			name: "fal serves main's schema", schema: `{"v":1}`, served: "2026-11-29", operations: 82,
			report: "# nothing new\n", wantGH: []string{ghList},
		},
		{
			name: "fal adds an operation", schema: `{"v":2}`, served: "2026-11-30", operations: 83,
			report:   "# report 2\n",
			wantGH:   []string{ghList, "gh pr create --base main --head schema/update --title Update fal's schema to the revision served on 2026-11-30 --body-file BODY"},
			wantPush: true, wasOperations: 82, wantBody: "# report 2\n", wantPulls: "1 open\n",
		},
		{
			name: "the same schema a day later", schema: `{"v":2}`, served: "2026-12-01", operations: 83,
			report: "# report 3\n", wantPulls: "1 open\n",
		},
		{
			name: "fal changes again, with a long report", schema: `{"v":3}`, served: "2026-12-02", operations: 84,
			report: longReport, maxBody: 100,
			wantGH:   []string{ghList, "gh pr edit 1 --title Update fal's schema to the revision served on 2026-12-02 --body-file BODY"},
			wantPush: true, wasOperations: 82,
			wantBody: strings.Repeat("- `Operation`: a line of the report\n", 2) +
				"\n\n*The report is cut here; the whole of it is in the artifact of the run https://ci.example/runs/4*\n",
			wantPulls: "1 open\n",
		},
		{
			name: "main catches up", schema: `{"v":3}`, served: "2026-12-03", operations: 84, mainCatchesUp: true,
			report:    "# nothing new\n",
			wantGH:    []string{ghList, "gh pr close 1 --delete-branch --comment main already holds fal's current schema, so this update is out of date. https://ci.example/runs/5"},
			wantPulls: "1 closed\n",
		},
		{
			name: "fal changes once more", schema: `{"v":4}`, served: "2026-12-04", operations: 85,
			report:   "# report 6\n",
			wantGH:   []string{ghList, "gh pr create --base main --head schema/update --title Update fal's schema to the revision served on 2026-12-04 --body-file BODY"},
			wantPush: true, wasOperations: 84, wantBody: "# report 6\n", wantPulls: "1 closed\n2 open\n",
		},
	}
	r := newSchemaRepo(t)
	for i, day := range days {
		if !t.Run(day.name, func(t *testing.T) { r.run(t, i+1, day) }) {
			break // the days build on each other
		}
	}
}

// A schemaRepo is a bare origin with a main branch, a clone that pushes to
// main, and the stand-in for gh.
type schemaRepo struct {
	dir    string
	origin string
	seed   string // the clone that commits to main
	env    []string
	branch string // the last commit pushed to schema/update
}

func newSchemaRepo(t *testing.T) *schemaRepo {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	gh, err := os.ReadFile("testdata/schema-pr/gh")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "gh"), gh, 0o755); err != nil {
		t.Fatal(err)
	}
	r := &schemaRepo{dir: dir, origin: filepath.Join(dir, "origin.git"), seed: filepath.Join(dir, "seed")}
	r.env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=schema bot", "GIT_AUTHOR_EMAIL=bot@example.com",
		"GIT_COMMITTER_NAME=schema bot", "GIT_COMMITTER_EMAIL=bot@example.com",
		"GH_LOG="+filepath.Join(dir, "gh.log"), "GH_STATE="+filepath.Join(dir, "gh.state"), "GH_BODY="+filepath.Join(dir, "gh.body"),
	)
	if err := os.WriteFile(filepath.Join(dir, "gh.state"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r.git(t, dir, "init", "--quiet", "--bare", "--initial-branch=main", r.origin)
	r.git(t, dir, "clone", "--quiet", r.origin, r.seed)
	changelog, err := os.ReadFile("testdata/changelog-entry/empty-changed.md")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(r.seed, "CHANGELOG.md"), string(changelog))
	r.serve(t, r.seed, `{"v":1}`, "2026-11-28", 82)
	r.git(t, r.seed, "add", "-A")
	r.git(t, r.seed, "commit", "--quiet", "-m", "main")
	r.git(t, r.seed, "push", "--quiet", "origin", "HEAD:main")
	return r
}

// run plays one day: a checkout of main, the patch update-schema would
// make, the script, and the checks.
func (r *schemaRepo) run(t *testing.T, n int, day schemaDay) {
	if day.mainCatchesUp {
		r.serve(t, r.seed, day.schema, day.served, day.operations)
		r.git(t, r.seed, "commit", "--quiet", "-am", "merge the schema")
		r.git(t, r.seed, "push", "--quiet", "origin", "HEAD:main")
	}
	checkout := filepath.Join(r.dir, fmt.Sprintf("run%d", n))
	r.git(t, r.dir, "clone", "--quiet", "--depth=1", "--branch=main", "file://"+r.origin, checkout)
	r.serve(t, checkout, day.schema, day.served, day.operations)
	r.git(t, checkout, "add", "-A")
	patch := r.git(t, checkout, "diff", "--cached", "--binary")
	r.git(t, checkout, "reset", "--quiet", "--hard")
	writeFile(t, filepath.Join(r.dir, "patch"), patch)
	writeFile(t, filepath.Join(r.dir, "report.md"), day.report)
	writeFile(t, filepath.Join(r.dir, "gh.log"), "")

	script, err := filepath.Abs(schemaPRScript)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script)
	cmd.Dir = checkout
	cmd.Env = append(r.env, "BASE=main", "PATCH="+filepath.Join(r.dir, "patch"), "REPORT="+filepath.Join(r.dir, "report.md"),
		fmt.Sprintf("RUN_URL=https://ci.example/runs/%d", n))
	if day.maxBody > 0 {
		cmd.Env = append(cmd.Env, fmt.Sprintf("MAX_BODY=%d", day.maxBody))
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("schema-pr.sh: %v\n%s", err, out)
	}

	if got := readFile(t, filepath.Join(r.dir, "gh.log")); got != strings.Join(append(day.wantGH, ""), "\n") {
		t.Errorf("gh calls:\n%s\nwant:\n%s", got, strings.Join(day.wantGH, "\n"))
	}
	if got := readFile(t, filepath.Join(r.dir, "gh.state")); got != day.wantPulls {
		t.Errorf("pull requests:\n%s\nwant:\n%s", got, day.wantPulls)
	}
	if day.wantBody != "" {
		if got := readFile(t, filepath.Join(r.dir, "gh.body")); got != day.wantBody {
			t.Errorf("pull request body:\n%q\nwant:\n%q", got, day.wantBody)
		}
	}
	r.checkBranch(t, day)
}

// checkBranch checks schema/update on origin: pushed anew as main plus one
// commit with the schema and its changelog entry, or left as it was.
func (r *schemaRepo) checkBranch(t *testing.T, day schemaDay) {
	branch := strings.TrimSpace(r.git(t, r.origin, "for-each-ref", "--format=%(objectname)", "refs/heads/schema/update"))
	pushed := branch != r.branch
	r.branch = branch
	if pushed != day.wantPush {
		t.Fatalf("schema/update pushed: %v, want %v", pushed, day.wantPush)
	}
	if !pushed {
		return
	}
	main := strings.TrimSpace(r.git(t, r.origin, "rev-parse", "main"))
	if parent := strings.TrimSpace(r.git(t, r.origin, "rev-parse", branch+"^")); parent != main {
		t.Errorf("schema/update's parent is %s, want main, %s", parent, main)
	}
	if got := r.git(t, r.origin, "show", branch+":api/openapi.json"); got != day.schema {
		t.Errorf("schema/update holds the schema %s, want %s", got, day.schema)
	}
	entry := fmt.Sprintf("### Changed\n\n- Schema: fal's revision served on %s (%d operations, was %d).\n", day.served, day.operations, day.wasOperations)
	changelog := r.git(t, r.origin, "show", branch+":CHANGELOG.md")
	if !strings.Contains(changelog, entry) {
		t.Errorf("schema/update's CHANGELOG.md lacks\n%s\nin\n%s", entry, changelog)
	}
	if _, err := parseChangelog([]byte(changelog)); err != nil {
		t.Errorf("schema/update's CHANGELOG.md is not valid: %v", err)
	}
}

// serve writes what make update-schema writes for a schema served on a
// day: api/openapi.json and its provenance.
func (r *schemaRepo) serve(t *testing.T, dir, schema, served string, operations int) {
	t.Helper()
	provenance := readFile(t, "testdata/schema-pr/PROVENANCE.md")
	provenance = strings.NewReplacer("SERVED", served, "OPERATIONS", fmt.Sprint(operations)).Replace(provenance)
	if err := os.MkdirAll(filepath.Join(dir, "api"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "api", "openapi.json"), schema)
	writeFile(t, filepath.Join(dir, "api", "PROVENANCE.md"), provenance)
}

// git runs git in dir and returns its standard output.
func (r *schemaRepo) git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = r.env
	out, err := cmd.Output()
	if err != nil {
		var exitErr *exec.ExitError
		stderr := ""
		if errors.As(err, &exitErr) {
			stderr = string(exitErr.Stderr)
		}
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	return string(out)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
