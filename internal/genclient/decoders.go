package genclient

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/internal/jsondec"
	"github.com/falplatform/fal-go/internal/normalize"
)

// The decoders of internal/falapidec: for every type an answer, an event
// or an error envelope decodes into, and every type reachable from those,
// a function that decodes it with the runtime of internal/jsondec, exactly
// as encoding/json would. They are written from the Go types oapi-codegen
// generated (read from its source), so that they follow the fields, tags
// and methods that exist:
//
//   - a struct: an exact-key switch, then a case-folded one, then a call
//     per field; a struct encoding/json would read in ways these do not
//     (embedded fields, ",string" options, names taken twice) goes to
//     encoding/json whole;
//   - a type with an UnmarshalJSON method (unions, maps with additional
//     properties; json.RawMessage, time.Time): its method, given the
//     value's bytes;
//   - falapi.Nullable[T]: null, or a T decoded as a T is;
//   - strings, numbers, bools, pointers, slices and maps: the runtime's
//     functions for them;
//   - anything else (interfaces, TextUnmarshalers, other kinds): the
//     value's bytes handed to encoding/json.

// decoderGen plans the decoder functions.
type decoderGen struct {
	api     *goAPI
	byType  map[string]string // a type, as written in falapidec -> its function
	byName  map[string]string // a function -> its type
	funcs   []decoderFunc
	imports map[string]bool // packages of external types named
	slots   int             // struct decoders numbered so far (their jsondec.Decoder.Order)
	err     error
}

// decoderFunc is one generated function: func Name(d *jsondec.Decoder, v *Type).
type decoderFunc struct {
	Name, Type string
	Body       string
	// Fields is the key matcher of a struct's decoder: fieldOf<Name>.
	Fields *fieldMatcher
}

// fieldMatcher maps a key to the index of a struct's field: its exact
// name, else its case fold. Keys names the array of the fields' keys as
// JSON writes them (Quoted, as Go literals), which the decoder's guesses
// of the next key compare with (jsondec.Decoder.Field).
type fieldMatcher struct {
	Name   string
	Exact  []keyCase
	Fold   []keyCase
	Keys   string
	Quoted []string
}

type keyCase struct {
	Key   string // quoted
	Index int
}

// decoderRoot is a type package fal decodes whole: Unmarshal's cases.
type decoderRoot struct {
	Type, Func string
}

func newDecoderGen(api *goAPI) *decoderGen {
	return &decoderGen{api: api, byType: map[string]string{}, byName: map[string]string{}, imports: map[string]bool{}}
}

// root adds a type decoded whole and returns its function, or "" when the
// type is left to encoding/json.
func (g *decoderGen) root(typ string) string {
	t, err := g.api.parseType(typ)
	if err != nil {
		g.fail(err)
		return ""
	}
	if !t.nameable() || g.fallsBack(t) {
		return ""
	}
	return g.funcOf(t)
}

func (g *decoderGen) fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

// fallsBack reports whether a value of type t is handed to encoding/json
// as it stands: so are pointers, slices and maps of such values, whole.
func (g *decoderGen) fallsBack(t *goType) bool {
	switch t.kind {
	case kindBasic:
		return scalarFunc(t.name) == ""
	case kindNamed, kindNullable:
		return false
	case kindExternal:
		return !unmarshalers[t.name]
	case kindPointer, kindSlice:
		return !t.elem.nameable() || g.fallsBack(t.elem)
	case kindMap:
		return !stringKind(g.api, t.key) || !t.elem.nameable() || g.fallsBack(t.elem)
	}
	return true
}

// unmarshalers are the external types whose UnmarshalJSON the decoders
// call.
var unmarshalers = map[string]bool{"json.RawMessage": true, "time.Time": true}

// scalarFunc is the runtime's function for a basic type, or "".
func scalarFunc(basic string) string {
	switch basic {
	case "string":
		return "String"
	case "float64":
		return "Float"
	case "int":
		return "Int"
	case "bool":
		return "Bool"
	}
	return ""
}

// scalarOf is the basic type under t (a basic type, or a falapi type
// defined on one, such as a string enum) when the runtime decodes it
// directly, or "".
func scalarOf(api *goAPI, t *goType) string {
	switch t.kind {
	case kindBasic:
		return scalarFunc(t.name)
	case kindNamed:
		if methods := api.methods[t.name]; methods["UnmarshalJSON"] || methods["UnmarshalText"] {
			return ""
		}
		if u, ok := api.underlying[t.name]; ok && basicTypes[u] {
			return scalarFunc(u)
		}
	}
	return ""
}

// stringKind reports whether a map key type is a string (or a string type
// of falapi).
func stringKind(api *goAPI, t *goType) bool { return scalarOf(api, t) == "String" }

// funcOf returns the function that decodes a t (a func(*jsondec.Decoder,
// *T) value), planning it when it is new.
func (g *decoderGen) funcOf(t *goType) string {
	if s := scalarOf(g.api, t); s != "" {
		return "jsondec." + s + "[" + t.String() + "]"
	}
	key := t.String()
	if name, ok := g.byType[key]; ok {
		return name
	}
	name := "decode" + t.ident()
	for i := 2; g.byName[name] != ""; i++ {
		name = "decode" + t.ident() + strconv.Itoa(i)
	}
	g.byType[key], g.byName[name] = name, key
	g.importsOf(t)
	i := len(g.funcs)
	g.funcs = append(g.funcs, decoderFunc{Name: name, Type: key})
	var body string
	var fields *fieldMatcher
	if t.kind == kindNamed {
		body, fields = g.namedBody(t.name)
	} else {
		body = g.stmt(t, "v", "v")
	}
	g.funcs[i].Body, g.funcs[i].Fields = body, fields
	return name
}

// importsOf records the packages of the external types the generated code
// names when it writes t.
func (g *decoderGen) importsOf(t *goType) {
	for ; t != nil; t = t.elem {
		if t.key != nil {
			g.importsOf(t.key)
		}
		if t.kind == kindExternal {
			pkg, _, _ := strings.Cut(t.name, ".")
			g.imports[externalImports[pkg]] = true
		}
	}
}

// namedBody is the body of a falapi type's decoder.
func (g *decoderGen) namedBody(name string) (string, *fieldMatcher) {
	methods := g.api.methods[name]
	switch {
	case methods["UnmarshalJSON"]:
		return "jsondec.Unmarshal(d, v)", nil
	case methods["UnmarshalText"]:
		return "jsondec.Fallback(d, v)", nil
	}
	if fields, ok := g.api.structs[name]; ok {
		return g.structBody(name, fields)
	}
	u, err := g.api.parseType(g.api.underlying[name])
	if err != nil {
		g.fail(err)
		return "jsondec.Fallback(d, v)", nil
	}
	if u.kind == kindSlice || u.kind == kindMap {
		return g.stmt(u, "v", "v"), nil
	}
	return "jsondec.Fallback(d, v)", nil
}

// stmt is the statement that decodes a value of type t, given as val (an
// expression of the value, or of a pointer to it, for method calls) and
// addr (a pointer to it).
func (g *decoderGen) stmt(t *goType, val, addr string) string {
	if s := scalarOf(g.api, t); s != "" {
		return "jsondec." + s + "(d, " + addr + ")"
	}
	if g.fallsBack(t) {
		return "jsondec.Fallback(d, " + addr + ")"
	}
	switch t.kind {
	case kindNamed:
		return g.funcOf(t) + "(d, " + addr + ")"
	case kindExternal:
		return "jsondec.Unmarshal(d, " + addr + ")"
	case kindPointer:
		if s := scalarOf(g.api, t.elem); s != "" {
			return "jsondec." + s + "Ptr(d, " + addr + ")"
		}
		return "jsondec.Ptr(d, " + addr + ", " + g.funcOf(t.elem) + ")"
	case kindSlice:
		return "jsondec.Slice(d, " + addr + ", " + g.funcOf(t.elem) + ")"
	case kindMap:
		return "jsondec.Map(d, " + addr + ", " + g.funcOf(t.elem) + ")"
	case kindNullable:
		if !t.elem.nameable() || g.fallsBack(t.elem) || t.elem.kind == kindNullable {
			return "jsondec.Unmarshal(d, " + addr + ")"
		}
		// As Nullable's UnmarshalJSON: null, or a T decoded afresh.
		g.importsOf(t.elem)
		return "if d.Null() {\n" + val + ".SetNull()\n} else {\nvar x " + t.elem.String() + "\n" +
			g.stmt(t.elem, "x", "&x") + "\n" + val + ".Set(x)\n}"
	}
	return "jsondec.Fallback(d, " + addr + ")"
}

// structBody is the decoder of a struct type, and its key matcher.
func (g *decoderGen) structBody(name string, fields []goField) (string, *fieldMatcher) {
	type wire struct {
		json  string
		field goField
	}
	var wires []wire
	for _, f := range fields {
		if !unicode.IsUpper(rune(f.name[0])) {
			continue
		}
		tag, hasTag := reflect.StructTag(f.tag).Lookup("json")
		if tag == "-" {
			continue
		}
		jsonName, opts, _ := strings.Cut(tag, ",")
		if !hasTag || !validTagName(jsonName) {
			jsonName = f.name
		}
		if slices.Contains(strings.Split(opts, ","), "string") ||
			slices.ContainsFunc(wires, func(w wire) bool { return w.json == jsonName }) {
			// encoding/json reads these in ways the decoders do not.
			return "jsondec.Fallback(d, v)", nil
		}
		wires = append(wires, wire{jsonName, f})
	}
	if g.api.embeds[name] {
		return "jsondec.Fallback(d, v)", nil
	}
	if len(wires) == 0 {
		return "if !d.BeginObject() {\nreturn\n}\nfor i := 0; d.NextField(i); i++ {\nd.Key()\nd.Skip()\n}", nil
	}
	var b strings.Builder
	m := &fieldMatcher{Name: "fieldOf" + name, Keys: "keysOf" + name}
	folds := map[string]bool{}
	fmt.Fprintf(&b, "if !d.BeginObject() {\nreturn\n}\norder := d.Order(%d, len(%s))\nf := -1\n", g.slots, m.Keys)
	g.slots++
	fmt.Fprintf(&b, "for i := 0; d.NextField(i); i++ {\nf = d.Field(order, f, %s[:], %s)\nswitch f {\n", m.Keys, m.Name)
	for i, w := range wires {
		t, err := g.api.parseType(w.field.typ)
		if err != nil {
			g.fail(err)
			return "", nil
		}
		fmt.Fprintf(&b, "case %d:\n%s\n", i, g.stmt(t, "v."+w.field.name, "&v."+w.field.name))
		m.Exact = append(m.Exact, keyCase{strconv.Quote(w.json), i})
		m.Quoted = append(m.Quoted, goLiteral(strconv.Quote(w.json)))
		// The first field of a fold takes it, as in encoding/json.
		if fold := jsondec.FoldString(w.json); !folds[fold] {
			folds[fold] = true
			m.Fold = append(m.Fold, keyCase{strconv.Quote(fold), i})
		}
	}
	b.WriteString("default:\nd.Skip()\n}\n}")
	return b.String(), m
}

// goLiteral writes s as a Go string literal, raw when it can be.
func goLiteral(s string) string {
	if strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}

// validTagName reports whether encoding/json takes a json tag's name (else
// it uses the field's).
func validTagName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// decoderFiles returns internal/falapidec/decode.gen.go, the decoders of
// every type package fal decodes whole, and responses_gen_test.go, the
// table of those types for the tests.
func decoderFiles(doc *openapi3.T, api *goAPI, methods []method) (decoders, table []byte, err error) {
	byType := map[string]*responseType{}
	add := func(typ string) *responseType {
		if byType[typ] == nil {
			byType[typ] = &responseType{Type: typ}
		}
		return byType[typ]
	}
	for _, m := range methods {
		switch m.Result {
		case resultJSON:
			r := add(m.OutType)
			r.Operations = append(r.Operations, m.ID)
		case resultEvents:
			r := add(m.OutType)
			r.Events = append(r.Events, m.ID)
		}
	}
	for _, typ := range errorTypes(doc) {
		add(typ).Errors = true
	}
	g := newDecoderGen(api)
	var data decodersData
	var tableData responsesData
	for _, typ := range slices.Sorted(maps.Keys(byType)) {
		t, err := api.parseType(strings.ReplaceAll(typ, "falapi.", ""))
		if err != nil {
			return nil, nil, err
		}
		if !t.nameable() {
			continue
		}
		if fn := g.root(strings.ReplaceAll(typ, "falapi.", "")); fn != "" {
			data.Roots = append(data.Roots, decoderRoot{Type: t.String(), Func: fn})
		}
		r := byType[typ]
		r.Type = t.String()
		tableData.Types = append(tableData.Types, *r)
	}
	if g.err != nil {
		return nil, nil, g.err
	}
	data.Funcs = g.funcs
	data.Imports = slices.Sorted(maps.Keys(g.imports))
	for _, r := range tableData.Types {
		for pkg, path := range externalImports {
			if strings.Contains(r.Type, pkg+".") && !slices.Contains(tableData.Imports, path) {
				tableData.Imports = append(tableData.Imports, path)
			}
		}
	}
	slices.Sort(tableData.Imports)
	if decoders, err = execute(decodersTemplate, data); err != nil {
		return nil, nil, err
	}
	if table, err = execute(responsesTemplate, tableData); err != nil {
		return nil, nil, err
	}
	return decoders, table, nil
}

// errorTypes lists the Go types of the JSON bodies of every operation's
// error answers (fal's error envelope).
func errorTypes(doc *openapi3.T) []string {
	set := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(path).Operations() {
			for status, resp := range op.Responses.Map() {
				if strings.HasPrefix(status, "2") || resp.Value == nil {
					continue
				}
				if media := resp.Value.Content[normalize.JSONMediaType(resp.Value.Content)]; media != nil {
					set[schemaGoType(media.Schema)] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(set))
}
