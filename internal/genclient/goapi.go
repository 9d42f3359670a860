package genclient

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

// goAPI is what the generator needs to know of the types oapi-codegen
// wrote: their fields, aliases and methods, read from its AST so that the
// methods we write use exactly what exists.
type goAPI struct {
	types      []string                   // exported type names, in file order
	structs    map[string][]goField       // struct type -> fields
	embeds     map[string]bool            // struct types with an embedded field
	aliases    map[string]string          // alias type -> the type it names
	underlying map[string]string          // other defined type -> its underlying type
	methods    map[string]map[string]bool // type -> its method names
}

type goParam struct{ name, typ string }

// Name is the parameter's name, for templates.
func (p goParam) Name() string { return p.name }

// Typ is the parameter's type, for templates.
func (p goParam) Typ() string { return p.typ }

type goField struct {
	name string
	typ  string
	json string // the json name, or the form name for parameters
	tag  string // the whole struct tag
}

func readGoAPI(file string) (*goAPI, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	api := &goAPI{
		structs:    map[string][]goField{},
		embeds:     map[string]bool{},
		aliases:    map[string]string{},
		underlying: map[string]string{},
		methods:    map[string]map[string]bool{},
	}
	src := func(n ast.Node) string {
		var b strings.Builder
		if err := printer.Fprint(&b, fset, n); err != nil {
			panic(err)
		}
		return b.String()
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				recv := strings.TrimPrefix(src(d.Recv.List[0].Type), "*")
				if api.methods[recv] == nil {
					api.methods[recv] = map[string]bool{}
				}
				api.methods[recv][d.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				ts, ok := spec.(*ast.TypeSpec)
				if !ok {
					continue
				}
				if ts.Name.IsExported() {
					api.types = append(api.types, ts.Name.Name)
				}
				if ts.Assign.IsValid() {
					api.aliases[ts.Name.Name] = src(ts.Type)
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					api.underlying[ts.Name.Name] = src(ts.Type)
					continue
				}
				var fields []goField
				for _, field := range st.Fields.List {
					tag := ""
					if field.Tag != nil {
						tag, _ = strconv.Unquote(field.Tag.Value)
					}
					if len(field.Names) == 0 {
						api.embeds[ts.Name.Name] = true
					}
					for _, n := range field.Names {
						fields = append(fields, goField{name: n.Name, typ: src(field.Type), json: tagName(tag), tag: tag})
					}
				}
				api.structs[ts.Name.Name] = fields
			}
		}
	}
	return api, nil
}

// tagName is the wire name in a field tag: the form name of a query
// parameter, else the json name.
func tagName(tag string) string {
	st := reflect.StructTag(tag)
	for _, key := range []string{"form", "json"} {
		if v, ok := st.Lookup(key); ok {
			name, _, _ := strings.Cut(v, ",")
			return name
		}
	}
	return ""
}

// field finds the field of a struct type by its wire name.
func (a *goAPI) field(typ, wire string) (goField, error) {
	for _, f := range a.structs[a.resolve(typ)] {
		if f.json == wire {
			return f, nil
		}
	}
	return goField{}, fmt.Errorf("type %s has no field for %q", typ, wire)
}

// isStringEnum reports whether typ is a generated enum: a string type with
// a Valid method.
func (a *goAPI) isStringEnum(typ string) bool { return a.methods[typ]["Valid"] }

// resolve follows aliases to the named type they stand for.
func (a *goAPI) resolve(typ string) string {
	for {
		target, ok := a.aliases[typ]
		if !ok {
			return typ
		}
		typ = target
	}
}
