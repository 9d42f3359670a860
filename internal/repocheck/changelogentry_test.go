package repocheck

import (
	"os"
	"os/exec"
	"testing"
)

// changelogEntryScript is the awk program with which the schema workflow
// adds the entry of a schema update to CHANGELOG.md.
const changelogEntryScript = moduleRoot + "/.github/scripts/changelog-entry.awk"

// TestChangelogEntry runs changelog-entry.awk on the changelogs of
// testdata/changelog-entry: the entry goes first under Changed of
// [Unreleased], and the changelog stays valid.
func TestChangelogEntry(t *testing.T) {
	for _, name := range []string{"empty-changed", "with-entries", "no-changed"} {
		t.Run(name, func(t *testing.T) {
			dir := "testdata/changelog-entry/"
			want, err := os.ReadFile(dir + name + ".want.md")
			if err != nil {
				t.Fatal(err)
			}
			got, err := exec.Command("awk", "-v", "entry=- Schema: the entry.", "-f", changelogEntryScript, dir+name+".md").Output()
			if err != nil {
				t.Fatalf("awk: %v", err)
			}
			if string(got) != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if _, err := parseChangelog(got); err != nil {
				t.Errorf("the changelog is no longer valid: %v", err)
			}
		})
	}
}
