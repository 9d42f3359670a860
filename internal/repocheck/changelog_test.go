package repocheck

import (
	"os"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/fal"
)

// TestVersionIsLatestRelease fails when fal.Version is not the latest
// release of CHANGELOG.md (the first version after [Unreleased]).
func TestVersionIsLatestRelease(t *testing.T) {
	src, err := os.ReadFile(moduleRoot + "/CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	cl, err := parseChangelog(src)
	if err != nil {
		t.Fatalf("CHANGELOG.md does not follow Keep a Changelog:\n%v", err)
	}
	if err := checkVersion(fal.Version, cl); err != nil {
		t.Error(err)
	}
}

func TestParseChangelog(t *testing.T) {
	tests := []struct {
		file     string
		releases []string // versions, newest first
		errs     []string // the errors, in order
	}{
		{file: "valid.md", releases: []string{"1.10.0", "1.9.2"}},
		{file: "unreleased-only.md"},
		{file: "no-unreleased.md", releases: []string{"1.0.0"}, errs: []string{
			"line 3: the first section must be ## [Unreleased]",
		}},
		{file: "bad-heading.md", errs: []string{
			`line 5: "## 1.0.0 (2026-11-30)" is neither ## [Unreleased] nor ## [x.y.z] - YYYY-MM-DD`,
		}},
		{file: "out-of-order.md", releases: []string{"1.9.0"}, errs: []string{
			"line 11: 1.10.0 follows 1.9.0 (line 5): releases go newest first",
		}},
		{file: "sections.md", releases: []string{"1.0.0"}, errs: []string{
			`line 5: "New stuff" is not one of Added, Changed, Deprecated, Removed, Fixed, Security`,
			`line 15: [1.0.0] has two "Fixed" headings`,
		}},
		{file: "empty-release.md", errs: []string{
			"line 5: 2026-11-31 is not a date",
			"line 5: release 1.0.0 lists no change",
			`line 5: [1.0.0] has no link definition ("[1.0.0]: https://...") at the end`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src, err := os.ReadFile("testdata/changelog/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			cl, err := parseChangelog(src)
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errs, "\n"))
			}
			var versions []string
			for _, r := range cl.releases {
				versions = append(versions, r.version)
			}
			if strings.Join(versions, " ") != strings.Join(tt.releases, " ") {
				t.Errorf("releases %q, want %q", versions, tt.releases)
			}
		})
	}
}

func TestCheckVersion(t *testing.T) {
	released := &changelog{releases: []release{{version: "1.10.0", date: "2026-12-01", line: 11}, {version: "1.9.2", date: "2026-11-30", line: 17}}}
	tests := []struct {
		name    string
		version string
		cl      *changelog
		err     string
	}{
		{name: "latest", version: "1.10.0", cl: released},
		{name: "older", version: "1.9.2", cl: released, err: "fal.Version is 1.9.2 but the latest release in CHANGELOG.md is 1.10.0 (line 11): a release changes pkg/fal/version.go and CHANGELOG.md together"},
		{name: "unreleased", version: "1.11.0", cl: released, err: "fal.Version is 1.11.0 but the latest release in CHANGELOG.md is 1.10.0 (line 11): a release changes pkg/fal/version.go and CHANGELOG.md together"},
		{name: "no release", version: "0.1.0", cl: &changelog{}, err: `fal.Version is 0.1.0 but CHANGELOG.md has no release: add "## [0.1.0] - YYYY-MM-DD" after [Unreleased]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkVersion(tt.version, tt.cl)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.err {
				t.Errorf("checkVersion(%s) = %q, want %q", tt.version, got, tt.err)
			}
		})
	}
}
