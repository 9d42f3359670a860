package repocheck

import (
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

func TestMakeTargets(t *testing.T) {
	src, err := os.ReadFile("testdata/makefile/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	want := []makeTarget{
		{name: "build", help: "build everything", line: 10},
		{name: "test", line: 16},
		{name: "clean", help: "remove bin/", line: 19},
	}
	if got := makeTargets(src); !reflect.DeepEqual(got, want) {
		t.Errorf("makeTargets:\n%+v\nwant\n%+v", got, want)
	}
}

// TestEveryMakeTargetHasHelp fails when a target of the Makefile has no
// "## " comment on its rule's line, and so no line in `make help`.
func TestEveryMakeTargetHasHelp(t *testing.T) {
	src, err := os.ReadFile(moduleRoot + "/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	targets := makeTargets(src)
	if len(targets) == 0 {
		t.Fatal("found no target in the Makefile")
	}
	for _, target := range targets {
		if target.help == "" {
			t.Errorf("Makefile:%d: target %s has no help: end its rule's line with \"## what it does\"", target.line, target.name)
		}
	}
}

// TestMakeHelp runs `make help` on the Makefile, and on the one of
// testdata/makefile with the Makefile's help rule: each documented target
// has its line, and nothing else does.
func TestMakeHelp(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	makefile, err := os.ReadFile(moduleRoot + "/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	fixture, err := os.ReadFile("testdata/makefile/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		makefile []byte
	}{
		{"Makefile", makefile},
		{"testdata/makefile/Makefile", append(append(fixture, '\n'), helpRule(t, makefile)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := t.TempDir() + "/Makefile"
			if err := os.WriteFile(path, tt.makefile, 0o644); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, target := range makeTargets(tt.makefile) {
				if target.help != "" {
					want = append(want, target.name+" "+target.help)
				}
			}
			out, err := exec.Command("make", "--no-print-directory", "-s", "-f", path, "help").CombinedOutput()
			if err != nil {
				t.Fatalf("make help: %v\n%s", err, out)
			}
			var got []string
			for line := range strings.Lines(string(out)) {
				got = append(got, strings.Join(strings.Fields(line), " "))
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("make help printed:\n%s\nwant the lines (spaces aside):\n%s", out, strings.Join(want, "\n"))
			}
		})
	}
}

// helpRule returns the help rule of makefile: its line and its recipe.
func helpRule(t *testing.T, makefile []byte) []byte {
	t.Helper()
	var rule []string
	for line := range strings.Lines(string(makefile)) {
		switch {
		case strings.HasPrefix(line, "help:"):
			rule = append(rule, line)
		case len(rule) > 0 && strings.HasPrefix(line, "\t"):
			rule = append(rule, line)
		case len(rule) > 0:
			return []byte(strings.Join(rule, ""))
		}
	}
	if len(rule) == 0 {
		t.Fatal("the Makefile has no help rule")
	}
	return []byte(strings.Join(rule, ""))
}
