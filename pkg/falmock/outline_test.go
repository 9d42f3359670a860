package falmock

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// member is a name and raw value as members reads them.
type member struct{ name, value string }

// outlineOf lists the members of an object as members reads them.
func outlineOf(data []byte) ([]member, error) {
	var out []member
	err := members(data, func(name string, value []byte) error {
		out = append(out, member{name, string(value)})
		return nil
	})
	return out, err
}

func TestMembers(t *testing.T) {
	for _, tt := range []struct {
		data string
		want []string
	}{
		{`{}`, nil},
		{` { "a" : 1 , "b":"x\"}" ,"c":{"d":[1,{"e":"]"}]},"f":[], "g":true, "h":null, "i":-1.5e3 } `,
			[]string{`a=1`, `b="x\"}"`, `c={"d":[1,{"e":"]"}]}`, `f=[]`, `g=true`, `h=null`, `i=-1.5e3`}},
		{`{"\u002fpets\\":"\\"}`, []string{`/pets\="\\"`}},
		{"{\n\t\"x\":\"a\\\\\\\"b\"\r\n}", []string{`x="a\\\"b"`}},
	} {
		got, err := outlineOf([]byte(tt.data))
		var flat []string
		for _, m := range got {
			flat = append(flat, m.name+"="+m.value)
		}
		if err != nil || strings.Join(flat, "|") != strings.Join(tt.want, "|") {
			t.Errorf("members(%s) = %q, %v; want %q", tt.data, got, err, tt.want)
		}
	}
	for data, mention := range map[string]string{
		``:              "want a JSON object",
		`[1]`:           "want a JSON object",
		`{"a" 1}`:       "want ':'",
		`{"a":1 "b":2}`: "want ',' or '}'",
		`{"a":1,}`:      "want a member name",
		`{"a":}`:        "want a value",
		`{"a":"b}`:      "unterminated string",
		`{"a":{"b":1`:   "unterminated object",
		`{"a":1} x`:     "unexpected text after the object",
		`{"a":1`:        "unexpected end",
		`{a:1}`:         "want a member name",
	} {
		if _, err := outlineOf([]byte(data)); err == nil || !strings.Contains(err.Error(), mention) {
			t.Errorf("members(%q): error %v, want one that says %q", data, err, mention)
		}
	}
}

// FuzzMembers checks members against encoding/json: on any valid JSON
// object it gives the same names and values, and on any input it ends
// without panicking.
func FuzzMembers(f *testing.F) {
	for _, seed := range []string{`{}`, `{"a":1,"b":[{"c":"\"}"}],"d":{"e":null}}`, `{"\u00e9":"\\"}`, `{"a":1`, `[`, `{"a":"\\\""}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := outlineOf(data)
		var want map[string]json.RawMessage
		if json.Unmarshal(data, &want) != nil || bytes.TrimSpace(data)[0] != '{' {
			return
		}
		if err != nil {
			t.Fatalf("members refused valid JSON %q: %v", data, err)
		}
		seen := map[string]string{}
		for _, m := range got {
			seen[m.name] = m.value
		}
		if len(seen) != len(want) {
			t.Fatalf("members found %d names, encoding/json %d: %q", len(seen), len(want), data)
		}
		for name, value := range want {
			if !bytes.Equal([]byte(seen[name]), value) {
				t.Fatalf("member %q: %q, encoding/json %q", name, seen[name], value)
			}
		}
	})
}
