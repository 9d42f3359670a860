package repocheck

import (
	"regexp"
	"strings"
)

// A makeTarget is a target of a Makefile rule and the help of its line:
// the text after "## ", which `make help` prints.
type makeTarget struct {
	name string
	help string
	line int
}

// ruleLine matches the first line of a rule whose target is a name, not a
// file named through a variable ($(LINT)) or a special target (.PHONY); an
// assignment (:=, ::=) is not a rule.
var ruleLine = regexp.MustCompile(`^([A-Za-z0-9_-][A-Za-z0-9_.-]*)[ \t]*:([^=:]|$)`)

// makeTargets returns the named targets of the rules of the Makefile src.
func makeTargets(src []byte) []makeTarget {
	var targets []makeTarget
	for i, line := range strings.Split(string(src), "\n") {
		m := ruleLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		_, help, _ := strings.Cut(line, "## ")
		targets = append(targets, makeTarget{name: m[1], help: strings.TrimSpace(help), line: i + 1})
	}
	return targets
}
