package repocheck

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A changelog is what the checks read from a CHANGELOG.md in the form of
// Keep a Changelog 1.1.0 (https://keepachangelog.com/en/1.1.0/).
type changelog struct {
	// releases are the released versions, newest first.
	releases []release
}

// A release is the heading of a released version.
type release struct {
	version string // x.y.z
	date    string // YYYY-MM-DD
	line    int
}

// The lines parseChangelog reads.
var (
	unreleasedHeading = regexp.MustCompile(`^## \[Unreleased\]$`)
	releaseHeading    = regexp.MustCompile(`^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})( \[YANKED\])?$`)
	linkDefinition    = regexp.MustCompile(`^\[([^\]]+)\]: \S+$`)
)

// changeKinds are the headings Keep a Changelog groups changes under.
var changeKinds = []string{"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}

// A section is the part of the changelog under one "## " heading.
type section struct {
	name    string // "Unreleased" or the version
	line    int
	kinds   map[string]bool
	entries int
}

// parseChangelog reads src as Keep a Changelog: an [Unreleased] section
// first, then the releases, newest first, each "## [x.y.z] - YYYY-MM-DD"
// with entries under the headings of changeKinds, and a link definition
// for each section. Every departure is an error naming its line.
func parseChangelog(src []byte) (*changelog, error) {
	var (
		cl       changelog
		sections []*section
		links    = map[string]bool{}
		errs     []error
	)
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...)))
	}
	for i, text := range strings.Split(string(src), "\n") {
		line := i + 1
		var cur *section
		if len(sections) > 0 {
			cur = sections[len(sections)-1]
		}
		switch {
		case strings.HasPrefix(text, "## "):
			s := &section{line: line, kinds: map[string]bool{}}
			if unreleasedHeading.MatchString(text) {
				s.name = "Unreleased"
				if len(sections) > 0 {
					fail(line, "[Unreleased] must be the first section")
				}
			} else if m := releaseHeading.FindStringSubmatch(text); m != nil {
				s.name = m[1]
				if len(sections) == 0 {
					fail(line, "the first section must be ## [Unreleased]")
				}
				if err := cl.addRelease(release{version: m[1], date: m[2], line: line}); err != nil {
					fail(line, "%v", err)
				}
			} else {
				fail(line, "%q is neither ## [Unreleased] nor ## [x.y.z] - YYYY-MM-DD", text)
			}
			sections = append(sections, s)
		case strings.HasPrefix(text, "### "):
			kind := strings.TrimPrefix(text, "### ")
			switch {
			case cur == nil:
				fail(line, "%q stands before any version", text)
			case !slices.Contains(changeKinds, kind):
				fail(line, "%q is not one of %s", kind, strings.Join(changeKinds, ", "))
			case cur.kinds[kind]:
				fail(line, "[%s] has two %q headings", cur.name, kind)
			default:
				cur.kinds[kind] = true
			}
		case strings.HasPrefix(text, "- ") && cur != nil:
			cur.entries++
		case linkDefinition.MatchString(text):
			links[linkDefinition.FindStringSubmatch(text)[1]] = true
		}
	}
	if len(sections) == 0 {
		fail(1, "no ## [Unreleased] section and no release")
	}
	for _, s := range sections {
		if s.name == "" { // a bad heading, already an error
			continue
		}
		if s.name != "Unreleased" && s.entries == 0 {
			fail(s.line, "release %s lists no change", s.name)
		}
		if !links[s.name] {
			fail(s.line, "[%s] has no link definition (\"[%s]: https://...\") at the end", s.name, s.name)
		}
	}
	return &cl, errors.Join(errs...)
}

// addRelease appends r to the releases, which must come newest first.
func (cl *changelog) addRelease(r release) error {
	if _, err := time.Parse(time.DateOnly, r.date); err != nil {
		return fmt.Errorf("%s is not a date", r.date)
	}
	if n := len(cl.releases); n > 0 {
		prev := cl.releases[n-1]
		if compareVersions(r.version, prev.version) >= 0 {
			return fmt.Errorf("%s follows %s (line %d): releases go newest first", r.version, prev.version, prev.line)
		}
		if r.date > prev.date {
			return fmt.Errorf("%s is dated %s, after %s of %s (line %d)", r.version, r.date, prev.date, prev.version, prev.line)
		}
	}
	cl.releases = append(cl.releases, r)
	return nil
}

// compareVersions compares two x.y.z versions as numbers, part by part.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range as {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// checkVersion reports whether version, fal.Version, is the latest release
// of the changelog.
func checkVersion(version string, cl *changelog) error {
	if len(cl.releases) == 0 {
		return fmt.Errorf("fal.Version is %s but CHANGELOG.md has no release: add \"## [%s] - YYYY-MM-DD\" after [Unreleased]", version, version)
	}
	latest := cl.releases[0]
	if version != latest.version {
		return fmt.Errorf("fal.Version is %s but the latest release in CHANGELOG.md is %s (line %d): a release changes pkg/fal/version.go and CHANGELOG.md together", version, latest.version, latest.line)
	}
	return nil
}
