package genclient

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

func TestGoArgName(t *testing.T) {
	for in, want := range map[string]string{
		"collection_id": "collectionID",
		"id":            "id",
		"api_key_id":    "apiKeyID",
		"owner":         "owner",
		"workflow_name": "workflowName",
		"type":          "typeParam",
		"url":           "url",
		"ctx":           "ctxParam",
		"content_type":  "contentTypeParam",
		"Server":        "serverParam",
	} {
		if got := goArgName(in); got != want {
			t.Errorf("goArgName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTagFile(t *testing.T) {
	for in, want := range map[string]string{
		"Serverless":   "serverless.gen.go",
		"Model Access": "model_access.gen.go",
		"API-Keys":     "api_keys.gen.go",
	} {
		if got := tagFile(in); got != want {
			t.Errorf("tagFile(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFailReturnsTypeCheck compiles the statement each result kind returns
// a failed argument check with, in a function of that kind's result type.
func TestFailReturnsTypeCheck(t *testing.T) {
	for _, tc := range []struct {
		m      method
		result string
	}{
		{method{Result: resultEvents, OutType: "falapi.Entry"}, "func(func(Event[Entry], error) bool)"},
		{method{Result: resultJSON, OutType: "falapi.Entry"}, "(*Entry, error)"},
		{method{Result: resultJSON, OutType: "bool"}, "(bool, error)"},
		{method{Result: resultJSON, OutType: "[]Entry"}, "([]Entry, error)"},
		{method{Result: resultNoContent}, "error"},
		{method{Result: resultCSV}, "(*Entry, error)"},
	} {
		src := "package p\n\ntype Event[T any] struct { ID string; Data T }\n\ntype Entry struct{}\n\nfunc f(err error) " + tc.result + " {\n\t" + strings.ReplaceAll(failReturn(tc.m), "falapi.", "") + "\n}\n"
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "p.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.result, err, src)
		}
		if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, nil); err != nil {
			t.Errorf("%s: %v\n%s", tc.result, err, src)
		}
	}
}
