package genclient

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// decoderTestTypes are types shaped like oapi-codegen's, and some it does
// not write but a future revision might make it write.
const decoderTestTypes = `package falapi

import (
	"encoding/json"
	"time"
)

type Kind string

func (e Kind) Valid() bool { return true }

type Union struct{ union json.RawMessage }

func (t *Union) UnmarshalJSON(b []byte) error { return nil }

type Labels = map[string]string

type Filters []Kind

type Page struct {
	Name     string            ` + "`json:\"name\"`" + `
	Count    *int              ` + "`json:\"count,omitempty\"`" + `
	Kinds    []Kind            ` + "`json:\"kinds\"`" + `
	KindPtr  *Kind             ` + "`json:\"kind_ptr,omitempty\"`" + `
	Labels   Labels            ` + "`json:\"labels\"`" + `
	Note     Nullable[string]  ` + "`json:\"note,omitzero\"`" + `
	When     Nullable[time.Time] ` + "`json:\"when\"`" + `
	Anything interface{}       ` + "`json:\"anything\"`" + `
	Extra    map[string]interface{} ` + "`json:\"extra\"`" + `
	At       time.Time         ` + "`json:\"at\"`" + `
	Raw      json.RawMessage   ` + "`json:\"raw\"`" + `
	Union    *Union            ` + "`json:\"union,omitempty\"`" + `
	Filters  Filters           ` + "`json:\"filters\"`" + `
	Big      int64             ` + "`json:\"big\"`" + `
	Untagged string
	NoName   string            ` + "`json:\",omitempty\"`" + `
	BadName  string            ` + "`json:\"a\\\\b\"`" + `
	Ignored  string            ` + "`json:\"-\"`" + `
	Upper    string            ` + "`json:\"NAME\"`" + `
	hidden   string
}

type Quoted struct {
	N int ` + "`json:\"n,string\"`" + `
}

type Twice struct {
	A string ` + "`json:\"x\"`" + `
	B string ` + "`json:\"x\"`" + `
}

type Embeds struct {
	Kind
	C string ` + "`json:\"c\"`" + `
}
`

// goAPIOf reads Go source as the generator reads falapi.gen.go.
func goAPIOf(t *testing.T, source string) *goAPI {
	t.Helper()
	file := filepath.Join(t.TempDir(), "types.go")
	if err := os.WriteFile(file, []byte(source), 0o644); err != nil {
		t.Fatal(err)
	}
	api, err := readGoAPI(file)
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// TestDecoderPlans checks the statement the generator writes for each
// kind of field, the keys it matches, and the structs it leaves to
// encoding/json whole.
func TestDecoderPlans(t *testing.T) {
	g := newDecoderGen(goAPIOf(t, decoderTestTypes))
	if fn := g.root("Page"); fn != "decodePage" {
		t.Fatalf("root function %q", fn)
	}
	body, fields := g.structBody("Page", g.api.structs["Page"])
	for _, want := range []string{
		", len(keysOfPage))",
		"f = d.Field(order, f, keysOfPage[:], fieldOfPage)",
		"jsondec.String(d, &v.Name)",
		"jsondec.IntPtr(d, &v.Count)",
		"jsondec.Slice(d, &v.Kinds, jsondec.String[falapi.Kind])",
		"jsondec.StringPtr(d, &v.KindPtr)",
		"jsondec.Map(d, &v.Labels, jsondec.String[string])",
		"if d.Null() {\nv.Note.SetNull()\n} else {\nvar x string\njsondec.String(d, &x)\nv.Note.Set(x)\n}",
		"var x time.Time\njsondec.Unmarshal(d, &x)\nv.When.Set(x)",
		"jsondec.Fallback(d, &v.Anything)",
		"jsondec.Fallback(d, &v.Extra)",
		"jsondec.Unmarshal(d, &v.At)",
		"jsondec.Unmarshal(d, &v.Raw)",
		"jsondec.Ptr(d, &v.Union, decodeUnion)",
		"decodeFilters(d, &v.Filters)",
		"jsondec.Fallback(d, &v.Big)",
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("the decoder of Page lacks %q:\n%s", want, body)
		}
	}
	for _, absent := range []string{"v.Ignored", "v.hidden"} {
		if strings.Contains(body, absent) {
			t.Errorf("the decoder of Page decodes %s", absent)
		}
	}
	keys := map[string]bool{}
	for _, k := range fields.Exact {
		keys[k.Key] = true
	}
	for _, want := range []string{`"name"`, `"Untagged"`, `"NoName"`, `"BadName"`, `"NAME"`} {
		if !keys[want] {
			t.Errorf("no exact case for %s: %v", want, fields.Exact)
		}
	}
	if fields.Keys != "keysOfPage" || len(fields.Quoted) != len(fields.Exact) || fields.Quoted[0] != "`\"name\"`" {
		t.Errorf("the keys of Page's fields are %s %v", fields.Keys, fields.Quoted)
	}
	folds := 0
	for _, k := range fields.Fold {
		if k.Key == `"NAME"` {
			folds++
			if k.Index != 0 {
				t.Errorf("the fold NAME goes to field %d, want the first field with it (0)", k.Index)
			}
		}
	}
	if folds != 1 {
		t.Errorf("%d fold cases for NAME, want 1", folds)
	}
	if !g.imports["time"] {
		t.Errorf("time is not imported: %v", g.imports)
	}
	for _, typ := range []string{"Quoted", "Twice", "Embeds"} {
		if body, _ := g.structBody(typ, g.api.structs[typ]); body != "jsondec.Fallback(d, v)" {
			t.Errorf("%s is not left to encoding/json whole:\n%s", typ, body)
		}
	}
	if body, _ := g.namedBody("Union"); body != "jsondec.Unmarshal(d, v)" {
		t.Errorf("the union decodes with %q, not its UnmarshalJSON", body)
	}
	if g.err != nil {
		t.Fatal(g.err)
	}
}
