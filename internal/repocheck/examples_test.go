package repocheck

import (
	"os"
	"strings"
	"sync"
	"testing"
)

// sharedTypeChecker builds the type checker once for every test.
var sharedTypeChecker = sync.OnceValues(func() (*typeChecker, error) { return newTypeChecker(moduleRoot) })

func typeCheckerFor(t *testing.T) *typeChecker {
	t.Helper()
	tc, err := sharedTypeChecker()
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// TestDocExamplesCompile type-checks every Go example of the module's
// Markdown files and doc comments.
func TestDocExamplesCompile(t *testing.T) {
	examples, err := documentExamples(moduleRoot)
	if err != nil {
		t.Fatal(err)
	}
	perFile := map[string]int{}
	for _, ex := range examples {
		perFile[ex.file]++
	}
	// The documents that have examples today: a walk that finds none of
	// them checks nothing.
	for _, file := range []string{"README.md", "pkg/fal/doc.go", "pkg/falmock/doc.go", "pkg/falprom/falprom.go"} {
		if perFile[file] == 0 {
			t.Errorf("found no Go example in %s", file)
		}
	}
	tc := typeCheckerFor(t)
	for _, ex := range examples {
		if err := tc.check(ex); err != nil {
			t.Errorf("the example at %s does not compile:\n%s\n%s", ex.name(), indent(ex.code), err)
		}
	}
	t.Logf("%d examples in %d files", len(examples), len(perFile))
}

func indent(code string) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(code, "\n"), "\n", "\n\t")
}

// TestExampleCheckerFailsOnBrokenExamples runs the check on the documents of
// testdata/examples: each broken example must fail with its error at its
// place in the document, and the rest must pass.
func TestExampleCheckerFailsOnBrokenExamples(t *testing.T) {
	tests := []struct {
		file     string
		examples int
		want     []string // the errors, in order: "line: message" with the document's line
	}{
		{file: "compiles.md", examples: 4},
		{file: "undefined.md", examples: 1, want: []string{"4:45: undefined: ptr"}},
		{file: "mistyped.md", examples: 1, want: []string{"5:10: cannot use c.GetMeta(ctx) (value of type *falapi.Meta) as int value in assignment"}},
		{file: "syntax.md", examples: 1, want: []string{"7:16: missing ',' before newline in composite literal"}},
		{file: "decl.md", examples: 1, want: []string{"5:15: undefined: c", "5:25: undefined: ctx"}},
		{file: "compiles.go", examples: 2},
		{file: "broken.go", examples: 2, want: []string{"4:17: undefined: fal.NoSuchThing", "9:33: cannot use \"admin\""}},
		{file: "syntax.go", examples: 1, want: []string{"5:26: missing ',' before newline in argument list"}},
	}
	tc := typeCheckerFor(t)
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rel := "testdata/examples/" + tt.file
			src, err := os.ReadFile(rel)
			if err != nil {
				t.Fatal(err)
			}
			examples, err := fileExamples(rel, src)
			if err != nil {
				t.Fatal(err)
			}
			if len(examples) != tt.examples {
				t.Fatalf("found %d Go examples, want %d", len(examples), tt.examples)
			}
			var got []string
			for _, ex := range examples {
				if err := tc.check(ex); err != nil {
					got = append(got, strings.Split(err.Error(), "\n")...)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d, at %q", strings.Join(got, "\n"), len(tt.want), tt.want)
			}
			for i, want := range tt.want {
				if !strings.HasPrefix(got[i], rel+":"+want) {
					t.Errorf("error %d is\n\t%s\nwant it to start with\n\t%s:%s", i, got[i], rel, want)
				}
			}
		})
	}
}
