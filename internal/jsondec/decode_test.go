package jsondec_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/jsondec"
)

// sameAsEncodingJSON decodes in into a sample with jsondec and with
// json.Unmarshal, and fails unless both succeed with deeply equal values
// or both fail with the same error (Decode reports encoding/json's).
func sameAsEncodingJSON(t *testing.T, in []byte) {
	t.Helper()
	var want, got sample
	wantErr := json.Unmarshal(in, &want)
	gotErr := jsondec.Decode(in, &got, sampleDecode)
	switch {
	case wantErr == nil && gotErr != nil:
		t.Fatalf("%q: encoding/json decodes it, jsondec fails: %v", in, gotErr)
	case wantErr != nil && gotErr == nil:
		t.Fatalf("%q: encoding/json fails (%v), jsondec decodes it: %+v", in, wantErr, got)
	case wantErr != nil:
		if gotErr.Error() != wantErr.Error() {
			t.Fatalf("%q: error %q, encoding/json says %q", in, gotErr, wantErr)
		}
	case !reflect.DeepEqual(want, got):
		t.Fatalf("%q:\njsondec       %+v\nencoding/json %+v", in, got, want)
	}
}

// decodeCases are documents whose decoding must match encoding/json's,
// grouped by what they probe.
var decodeCases = map[string][]string{
	"values": {
		`{"s":"x","kind":"new-kind","f":1.5,"i":-3,"b":true,"sp":"p","kind_p":"k","fp":0,"ip":0,"bp":false}`,
		`{"list":["a","b"],"items":[{"name":"n","score":2,"tags":["t"]}],"map":{"a":1,"b":2},"raw":{"x":[1,2]},"any":[1,"x",null,{"y":true}]}`,
		`{"child":{"s":"inner","child":{"i":7}},"when":"2025-01-15T12:00:00+02:00"}`,
		` {"s" : "spaced" , "i" : 1 } `,
		"\t\r\n{}\n",
		`null`,
		`{}`,
	},
	"nulls": {
		`{"s":null,"f":null,"i":null,"b":null,"sp":null,"list":null,"items":null,"map":null,"child":null,"raw":null,"when":null,"any":null}`,
		`{"s":"x","s":null}`,
		`{"items":[null,{"score":null}]}`,
		`{"map":{"a":null}}`,
	},
	"keys": {
		`{"S":"upper","KIND":"k","Items":[{"NAME":"n","Score":1}]}`,
		`{"ſ":"long s","\u212aind":"kelvin"}`,
		`{"\u0073":"escaped key","ki\u006ed":"k"}`,
		`{"unknown":{"a":[1,{"b":null}]},"s":"after","x":[],"y":"\u00e9"}`,
		`{"-":"dash","Skip":"skipped","hidden":"h"}`,
		`{"s\u0000":"nul in key","é":"accent"}`,
	},
	"duplicates": {
		`{"s":"a","s":"b"}`,
		`{"items":[{"name":"a","tags":["x","y"]},{"name":"b"}],"items":[{"score":1}]}`,
		`{"items":[{"name":"a"},{"name":"b"},{"name":"c"}],"items":[],"items":[{"score":1},{"score":2}]}`,
		`{"items":[{"name":"a"},{"name":"b"},{"name":"c"}],"items":[{}],"items":[{},{},{}]}`,
		`{"map":{"a":1},"map":{"b":2}}`,
		`{"child":{"s":"a","i":1},"child":{"s":"b"}}`,
		`{"sp":"a","sp":"b","fp":1,"fp":2}`,
		`{"raw":[1],"raw":{"z":0}}`,
		`{"any":{"a":1},"any":{"b":2}}`,
	},
	"strings": {
		`{"s":"\"\\\/\b\f\n\r\t"}`,
		`{"s":"\u00e9\u4e16\ud83d\ude00"}`,
		`{"s":"\ud800"}`,
		`{"s":"\ud800x"}`,
		`{"s":"\ud800\u0041"}`,
		`{"s":"\udc00\ud800"}`,
		`{"s":"\ud83d\ude00\ud83d"}`,
		"{\"s\":\"bad \xff\xfe utf-8 \xc3\"}",
		"{\"s\":\"trunc \xe4\xb8\"}",
		"{\"s\":\"valid é 世界 \xf0\x9f\x98\x80\"}",
		"{\"s\":\"ctl \x01\"}",
		"{\"s\":\"tab \t\"}",
		`{"s":"\x"}`,
		`{"s":"\u12"}`,
		`{"s":"\u12G4"}`,
		`{"s":"` + strings.Repeat("long ", 2000) + `"}`,
		`{"list":["","\u0000",""]}`,
	},
	"numbers": {
		`{"f":0.1,"i":0}`,
		`{"f":-0.0,"i":-0}`,
		`{"f":1e22,"i":1}`,
		`{"f":1e23}`,
		`{"f":9007199254740993}`,
		`{"f":9007199254740992}`,
		`{"f":900805.5674303005}`,
		`{"f":123456789012345678901234567890}`,
		`{"f":0.30000000000000004}`,
		`{"f":1.7976931348623157e308}`,
		`{"f":1e309}`,
		`{"f":1e-400}`,
		`{"f":4.9e-324}`,
		`{"f":1E+2,"fp":2e-2}`,
		`{"f":0.000000000000000000000000000001}`,
		`{"f":1e99999999999999999999}`,
		`{"i":9223372036854775807}`,
		`{"i":9223372036854775808}`,
		`{"i":-9223372036854775808}`,
		`{"i":999999999999999999}`,
		`{"i":1.0}`,
		`{"i":1e2}`,
		`{"i":01}`,
		`{"f":1.}`,
		`{"f":.5}`,
		`{"f":-}`,
		`{"f":1e}`,
		`{"f":1e+}`,
		`{"f":+1}`,
		`{"f":0x10}`,
		`{"f":NaN}`,
		`{"f":1x}`,
	},
	"mismatches": {
		`{"s":1}`,
		`{"s":true}`,
		`{"s":{}}`,
		`{"f":"1"}`,
		`{"i":"1"}`,
		`{"b":"true"}`,
		`{"b":1}`,
		`{"list":"x"}`,
		`{"list":[1]}`,
		`{"items":{}}`,
		`{"map":[]}`,
		`{"map":{"a":"x"}}`,
		`{"child":[]}`,
		`{"child":"x"}`,
		`{"when":"not a time"}`,
		`{"when":5}`,
		`[]`,
		`"x"`,
		`1`,
		`true`,
	},
	"syntax": {
		``,
		` `,
		`{`,
		`{"s"`,
		`{"s":`,
		`{"s":"x"`,
		`{"s":"x",}`,
		`{"s":"x" "i":1}`,
		`{"s" "x"}`,
		`{s:"x"}`,
		`{"list":[1,]}`,
		`{"list":[,1]}`,
		`{"list":["a" "b"]}`,
		`{"unknown":[1,]}`,
		`{"unknown":{"a":1,}}`,
		`{"unknown":tru}`,
		`{"unknown":nul}`,
		`{"unknown":falsey}`,
		`{} {}`,
		`{}x`,
		`{"s":"x"}]`,
		"{\"s\":\"x\"}\x00",
		`nullx`,
		`{"raw":[1,]}`,
		`{"raw":{"a"}}`,
		`{"any":[}`,
		`{"unknown":"\q"}`,
	},
}

func TestDecodeAsEncodingJSON(t *testing.T) {
	for group, cases := range decodeCases {
		t.Run(group, func(t *testing.T) {
			for _, c := range cases {
				sameAsEncodingJSON(t, []byte(c))
			}
		})
	}
}

// TestDecodeDepth holds the nesting limit to encoding/json's: 10000 open
// objects and arrays decode, 10001 do not, whichever path reads them.
func TestDecodeDepth(t *testing.T) {
	for _, field := range []string{"unknown", "any", "raw"} {
		for _, depth := range []int{9999, 10000} {
			in := `{"` + field + `":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`
			sameAsEncodingJSON(t, []byte(in))
		}
	}
	deep := strings.Repeat(`{"child":`, 10001) + `{}` + strings.Repeat(`}`, 10001)
	sameAsEncodingJSON(t, []byte(deep))
}

// TestDecodedStringsAreCopies checks that decoded strings share no memory
// with the document, which pkg/fal reads into a pooled buffer.
func TestDecodedStringsAreCopies(t *testing.T) {
	in := []byte(`{"s":"plain","sp":"ptr","list":["a","b"],"map":{"key":1},"items":[{"name":"n\u00e9"}],"kind":"k"}`)
	var got sample
	if err := jsondec.Decode(in, &got, sampleDecode); err != nil {
		t.Fatal(err)
	}
	want := got
	want.List = append([]string(nil), got.List...)
	for i := range in {
		in[i] = 'X'
	}
	if got.S != "plain" || *got.SP != "ptr" || got.List[0] != "a" || got.Items[0].Name != "né" || got.Kind != "k" {
		t.Errorf("decoded strings changed with the document: %+v", got)
	}
	for k := range got.Map {
		if k != "key" {
			t.Errorf("map key changed with the document: %q", k)
		}
	}
}

// TestDecodeBatchesAllocations checks that strings and optional scalars
// come from shared chunks: a thousand of each cost a few dozen
// allocations, where encoding/json makes one or more each.
func TestDecodeBatchesAllocations(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":"item-` + strconv.Itoa(i) + `","score":` + strconv.Itoa(i) + `}`)
	}
	b.WriteString(`]}`)
	in := b.Bytes()
	allocs := testing.AllocsPerRun(20, func() {
		var v sample
		if err := jsondec.Decode(in, &v, sampleDecode); err != nil {
			t.Fatal(err)
		}
	})
	jsonAllocs := testing.AllocsPerRun(5, func() {
		var v sample
		if err := json.Unmarshal(in, &v); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 60 || jsonAllocs < 2000 {
		t.Errorf("jsondec allocates %.0f times for 1000 items (want at most 60), encoding/json %.0f", allocs, jsonAllocs)
	}
}

// TestFoldString holds the folds of names to encoding/json's matching: a
// key matches a field when their folds are equal.
func TestFoldString(t *testing.T) {
	for _, c := range []struct{ key, field string }{
		{"NAME", "name"}, {"Name", "name"}, {"ſcore", "score"}, {"Kind", "kind"},
		{"end_POINT_id", "endpoint_id"}, {"é", "É"}, {"names", "name"}, {"nam", "name"},
	} {
		matches := jsondec.FoldString(c.key) == jsondec.FoldString(c.field)
		// encoding/json decides with a struct whose only field has the name.
		st := reflect.StructOf([]reflect.StructField{{Name: "F", Type: reflect.TypeFor[int](), Tag: reflect.StructTag(`json:"` + c.field + `"`)}})
		p := reflect.New(st)
		if err := json.Unmarshal([]byte(`{"`+c.key+`":1}`), p.Interface()); err != nil {
			t.Fatal(err)
		}
		if jsonMatches := p.Elem().Field(0).Int() == 1; jsonMatches != matches {
			t.Errorf("key %q, field %q: folds match %v, encoding/json matches %v", c.key, c.field, matches, jsonMatches)
		}
	}
}

// FuzzDecode feeds the same bytes to jsondec and to encoding/json.
func FuzzDecode(f *testing.F) {
	for _, cases := range decodeCases {
		for _, c := range cases {
			f.Add([]byte(c))
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		sameAsEncodingJSON(t, in)
	})
}
