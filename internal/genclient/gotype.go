package genclient

import (
	"fmt"
	"go/ast"
	"go/parser"
	"strings"
)

// goType is a Go type expression of package falapi, parsed, as the
// decoder generator walks it.
type goType struct {
	kind typeKind
	name string  // basic: its name; named: the falapi type; external: "pkg.Name"
	elem *goType // pointer, slice, map (its values) and nullable
	key  *goType // map
}

type typeKind int

const (
	kindOther    typeKind = iota // anything else: interfaces, arrays, channels
	kindBasic                    // string, bool, int, float64, ...
	kindNamed                    // a type defined in falapi
	kindPointer                  // *T
	kindSlice                    // []T
	kindMap                      // map[K]V
	kindNullable                 // falapi.Nullable[T]
	kindExternal                 // a type of another package: time.Time, json.RawMessage
)

// parseType parses a type expression as written in falapi's source (falapi
// names unqualified), following falapi's aliases.
func (a *goAPI) parseType(typ string) (*goType, error) {
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return nil, fmt.Errorf("type %s: %w", typ, err)
	}
	return a.typeOf(e, 0)
}

func (a *goAPI) typeOf(e ast.Expr, depth int) (*goType, error) {
	if depth > 64 {
		return nil, fmt.Errorf("type aliases loop")
	}
	switch e := e.(type) {
	case *ast.Ident:
		if basicTypes[e.Name] {
			return &goType{kind: kindBasic, name: e.Name}, nil
		}
		if target, ok := a.aliases[e.Name]; ok {
			te, err := parser.ParseExpr(target)
			if err != nil {
				return nil, err
			}
			return a.typeOf(te, depth+1)
		}
		return &goType{kind: kindNamed, name: e.Name}, nil
	case *ast.StarExpr:
		return a.wrap(kindPointer, e.X, depth)
	case *ast.ArrayType:
		if e.Len != nil {
			return &goType{kind: kindOther}, nil
		}
		return a.wrap(kindSlice, e.Elt, depth)
	case *ast.MapType:
		t, err := a.wrap(kindMap, e.Value, depth)
		if err != nil {
			return nil, err
		}
		t.key, err = a.typeOf(e.Key, depth+1)
		return t, err
	case *ast.IndexExpr:
		if id, ok := e.X.(*ast.Ident); ok && id.Name == "Nullable" {
			return a.wrap(kindNullable, e.Index, depth)
		}
	case *ast.SelectorExpr:
		if pkg, ok := e.X.(*ast.Ident); ok {
			if pkg.Name == "falapi" {
				return a.typeOf(e.Sel, depth+1)
			}
			return &goType{kind: kindExternal, name: pkg.Name + "." + e.Sel.Name}, nil
		}
	}
	return &goType{kind: kindOther}, nil
}

func (a *goAPI) wrap(kind typeKind, elem ast.Expr, depth int) (*goType, error) {
	t, err := a.typeOf(elem, depth+1)
	if err != nil {
		return nil, err
	}
	return &goType{kind: kind, elem: t}, nil
}

// basicTypes are Go's predeclared types a schema can map to.
var basicTypes = map[string]bool{
	"string": true, "bool": true, "byte": true, "rune": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true,
	"float32": true, "float64": true,
}

// externalImports are the packages of the external types the generated
// decoders can name, by the name falapi imports them under.
var externalImports = map[string]string{
	"json":          "encoding/json",
	"time":          "time",
	"openapi_types": "github.com/oapi-codegen/runtime/types",
}

// String is the type as package falapidec writes it: falapi's names
// qualified.
func (t *goType) String() string {
	switch t.kind {
	case kindBasic, kindExternal:
		return t.name
	case kindNamed:
		return "falapi." + t.name
	case kindPointer:
		return "*" + t.elem.String()
	case kindSlice:
		return "[]" + t.elem.String()
	case kindMap:
		return "map[" + t.key.String() + "]" + t.elem.String()
	case kindNullable:
		return "falapi.Nullable[" + t.elem.String() + "]"
	}
	return "interface{}"
}

// nameable reports whether the generated code can spell the type: it holds
// no interface or other unknown kind, and no external type of a package
// outside externalImports.
func (t *goType) nameable() bool {
	switch t.kind {
	case kindOther:
		return false
	case kindExternal:
		pkg, _, _ := strings.Cut(t.name, ".")
		return externalImports[pkg] != ""
	case kindMap:
		return t.key.nameable() && t.elem.nameable()
	case kindPointer, kindSlice, kindNullable:
		return t.elem.nameable()
	}
	return true
}

// ident spells the type as part of a Go identifier: []Model -> ListOfModel.
func (t *goType) ident() string {
	switch t.kind {
	case kindBasic:
		return strings.ToUpper(t.name[:1]) + t.name[1:]
	case kindNamed:
		return t.name
	case kindExternal:
		pkg, name, _ := strings.Cut(t.name, ".")
		return pascalPackage(pkg) + name
	case kindPointer:
		return "PtrTo" + t.elem.ident()
	case kindSlice:
		return "ListOf" + t.elem.ident()
	case kindMap:
		return "MapOf" + t.elem.ident()
	case kindNullable:
		return "Nullable" + t.elem.ident()
	}
	return "Value"
}

// pascalPackage spells a package name as a part of an identifier:
// openapi_types -> OpenapiTypes.
func pascalPackage(pkg string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(pkg, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
