package repocheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"slices"
	"strings"
)

// modulePath is the import path of this module.
const modulePath = "github.com/falplatform/fal-go"

// knownImports are the packages an example may use without importing them,
// by the name it calls them: the module's packages and the standard ones
// examples reach for. An example that names one gets its import, as
// goimports would add it.
var knownImports = map[string]string{
	"fal":      modulePath + "/pkg/fal",
	"falapi":   modulePath + "/gen/falapi",
	"falmock":  modulePath + "/pkg/falmock",
	"falprom":  modulePath + "/pkg/falprom",
	"sse":      modulePath + "/internal/sse",
	"bytes":    "bytes",
	"context":  "context",
	"errors":   "errors",
	"fmt":      "fmt",
	"http":     "net/http",
	"httptest": "net/http/httptest",
	"io":       "io",
	"iter":     "iter",
	"json":     "encoding/json",
	"log":      "log",
	"os":       "os",
	"slices":   "slices",
	"slog":     "log/slog",
	"strings":  "strings",
	"testing":  "testing",
	"time":     "time",
}

// The forms an example takes, told apart by its first token.
type form int

const (
	// fileForm is a whole file: the example starts with a package clause.
	fileForm form = iota
	// declForm is declarations (func, type, var, const, import), checked
	// as a file of package example.
	declForm
	// stmtForm is statements, checked as a block of the function
	// stmtScope: the names examples take as given (ctx, the client c, a
	// falmock server srv and err) are its parameters, and the block lets
	// the example declare them again with :=.
	stmtForm
)

// stmtScope opens the function and the block that hold an example of
// statements.
const stmtScope = "func _(ctx context.Context, c *fal.Client, srv *falmock.Server, err error) error {\n{\n"

// stmtScopeImports are the packages stmtScope needs.
var stmtScopeImports = []string{"context", "fal", "falmock"}

// formOf tells the form of code by its first token. A var, const or type
// declaration may also begin statements: then stmtForm is the fallback.
func formOf(code string) (f form, fallback bool) {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(code)), []byte(code), nil, scanner.ScanComments)
	tok := token.COMMENT
	for tok == token.COMMENT {
		_, tok, _ = s.Scan()
	}
	switch tok {
	case token.PACKAGE:
		return fileForm, false
	case token.FUNC, token.IMPORT:
		return declForm, false
	case token.VAR, token.CONST, token.TYPE:
		return declForm, true
	}
	return stmtForm, false
}

// source is the Go file that holds the example's code in form f, with the
// given imports, and a //line comment that points the code's positions at
// the document.
func (f form) source(ex example, imports []string) string {
	code := fmt.Sprintf("//line %s:%d:1\n%s", ex.file, ex.line, elidePlaceholders(ex.code))
	switch f {
	case fileForm:
		return code
	case declForm:
		return "package example\n\n" + importDecl(imports) + code
	}
	return "package example\n\n" + importDecl(imports) + stmtScope + code + "\n}\nreturn nil\n}\n"
}

// wrapperName names the file wrap parses. It stands at the root, so that
// the relative paths of the //line comments stay relative to the root.
const wrapperName = "example.go"

// wrap parses the example as a Go file that compiles when the example does:
// in its form, with the imports of the known packages it names and does not
// declare, as goimports would add them. Declarations followed by statements
// are statements; when they parse as neither, the error is the statements'.
func wrap(ex example) (*ast.File, *token.FileSet, error) {
	f, fallback := formOf(ex.code)
	file, fset, err := wrapAs(ex, f)
	if err != nil && fallback {
		return wrapAs(ex, stmtForm)
	}
	return file, fset, err
}

// wrapAs parses the example in form f.
func wrapAs(ex example, f form) (*ast.File, *token.FileSet, error) {
	var imports []string
	if f == stmtForm {
		imports = stmtScopeImports
	}
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, wrapperName, f.source(ex, imports), 0)
	if err != nil || f == fileForm {
		return file, fset, err
	}
	if missing := missingImports(file, imports); len(missing) > 0 {
		fset = token.NewFileSet()
		file, err = parser.ParseFile(fset, wrapperName, f.source(ex, slices.Concat(imports, missing)), 0)
	}
	return file, fset, err
}

// missingImports returns the names of knownImports that f uses as a
// package without declaring or importing them.
func missingImports(f *ast.File, imported []string) []string {
	var names []string
	for _, id := range f.Unresolved {
		if _, ok := knownImports[id.Name]; ok && !slices.Contains(imported, id.Name) && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	slices.Sort(names)
	return names
}

// importDecl is the import declaration of the packages knownImports names.
func importDecl(names []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, name := range names {
		fmt.Fprintf(&b, "\t%s %q\n", name, knownImports[name])
	}
	b.WriteString(")\n\n")
	return b.String()
}

// placeholder is a line that stands for elided code.
var placeholder = regexp.MustCompile(`(?m)^([ \t]*)\.\.\.[ \t]*$`)

// elidePlaceholders turns every line that is only "..." into a comment.
func elidePlaceholders(code string) string {
	return placeholder.ReplaceAllString(code, "$1// ...")
}

// goSyntax matches what only Go code holds among the indented blocks of doc
// comments (command lines, tables, grammars): a short variable declaration,
// an error check, a line that opens a block, or a statement keyword.
var goSyntax = regexp.MustCompile(`:=|\berr != nil\b|\{[ \t]*$|^[ \t]*(func|for|if|switch|select|return|defer|var|const|type|package|import)\b`)

// readsAsGo reports whether a block of a doc comment is meant as Go: it
// parses as Go, or it holds Go's syntax (and so is broken Go rather than a
// command line or a table).
func readsAsGo(ex example) bool {
	if _, _, err := wrap(ex); err == nil {
		return true
	}
	for line := range strings.Lines(ex.code) {
		if goSyntax.MatchString(line) {
			return true
		}
	}
	return false
}
