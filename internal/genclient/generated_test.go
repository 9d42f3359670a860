package genclient

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const generatedTypes = "../../gen/falapi/falapi.gen.go"

// TestFalapiHoldsTypesOnly keeps gen/falapi to the request and response
// types: no function of its own (oapi-codegen's client and request builders
// live in internal/falapiref, for tests), and no type that sends requests.
func TestFalapiHoldsTypesOnly(t *testing.T) {
	files, err := filepath.Glob("../../gen/falapi/*.go")
	if err != nil || len(files) < 3 {
		t.Fatalf("gen/falapi has %v (%v)", files, err)
	}
	types := 0
	for _, file := range files {
		types += checkTypesOnly(t, file)
	}
	if types < 100 {
		t.Errorf("only %d types: the check is not reading the generated files", types)
	}
}

// checkTypesOnly fails on any function or client type of file and
// returns how many types it declares.
func checkTypesOnly(t *testing.T, file string) int {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	types := 0
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				t.Errorf("gen/falapi declares the function %s", d.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				types++
				if strings.Contains(ts.Name.Name, "Client") || strings.Contains(ts.Name.Name, "Doer") {
					t.Errorf("gen/falapi declares the client type %s", ts.Name.Name)
				}
			}
		}
	}
	return types
}

// TestGeneratedTypesAreClean holds gen/falapi to what issue 2 asks of it:
// no float32, no anonymous struct in any exported declaration, a doc
// comment from the schema on every component that has a description, and Go
// initialisms in names.
func TestGeneratedTypesAreClean(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, generatedTypes, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			ts, ok := spec.(*ast.TypeSpec)
			if !ok || !ts.Name.IsExported() {
				continue
			}
			if gd.Doc != nil {
				docs[ts.Name.Name] = gd.Doc.Text()
			}
			ast.Inspect(ts.Type, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.StructType:
					if x != ts.Type {
						t.Errorf("%s: anonymous struct at %s", ts.Name.Name, fset.Position(x.Pos()))
					}
					for _, field := range x.Fields.List {
						for _, n := range field.Names {
							checkInitialisms(t, ts.Name.Name+"."+n.Name, n.Name)
						}
					}
				case *ast.Ident:
					if x.Name == "float32" {
						t.Errorf("%s: float32 at %s", ts.Name.Name, fset.Position(x.Pos()))
					}
				}
				return true
			})
			checkInitialisms(t, "type "+ts.Name.Name, ts.Name.Name)
		}
	}

	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Description string `json:"description"`
			} `json:"schemas"`
		} `json:"components"`
	}
	data, err := os.ReadFile("../../gen/falapi/openapi.normalized.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	described := 0
	for name, s := range doc.Components.Schemas {
		if s.Description == "" {
			continue
		}
		described++
		text := strings.Join(strings.Fields(docs[name]), " ")
		want := strings.Join(strings.Fields(s.Description), " ")
		if !strings.Contains(text, want[:min(len(want), 60)]) {
			t.Errorf("type %s: doc comment %q does not carry the schema description %q", name, text, want)
		}
	}
	if described < 100 {
		t.Errorf("only %d described components: the check is not looking at the schema", described)
	}
}

// checkInitialisms fails for a name that spells an initialism in mixed
// case (EndpointId for EndpointID).
func checkInitialisms(t *testing.T, what, name string) {
	t.Helper()
	for _, w := range splitCamel(name) {
		switch w {
		case "Id", "Api", "Url", "Uri", "Uuid", "Http", "Json", "Acl", "Csv", "Sse":
			t.Errorf("%s spells the initialism %s in mixed case", what, strings.ToUpper(w))
		}
	}
}

func splitCamel(s string) []string {
	var words []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			words = append(words, s[start:i])
			start = i
		}
	}
	return append(words, s[start:])
}
