package genclient

import (
	"bytes"
	"encoding/json"
	"go/format"
	"os"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestNullableFileIsCurrent checks that gen/falapi/nullable.gen.go is what
// this package writes.
func TestNullableFileIsCurrent(t *testing.T) {
	want, err := format.Source([]byte(nullableSource))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../gen/falapi/nullable.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("gen/falapi/nullable.gen.go is not what genclient writes: run go generate ./gen/...")
	}
}

// TestNullableStates holds falapi.Nullable's three states apart, in Go and
// in JSON, on generated types: a PATCH body (optional fields, omitzero) and
// an answer (required fields).
func TestNullableStates(t *testing.T) {
	var unspecified, null, value falapi.Nullable[int]
	null.SetNull()
	value.Set(3600)
	for _, c := range []struct {
		name                 string
		n                    falapi.Nullable[int]
		specified, isNull    bool
		get                  int
		getErr               bool
		patch, answerEncoded string
	}{
		{"unspecified", unspecified, false, false, 0, true, `{}`, `{"expiration_duration_seconds":null,"initial_acl":null}`},
		{"null", null, true, true, 0, true, `{"expiration_duration_seconds":null}`, `{"expiration_duration_seconds":null,"initial_acl":null}`},
		{"value", value, true, false, 3600, false, `{"expiration_duration_seconds":3600}`, `{"expiration_duration_seconds":3600,"initial_acl":null}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.n.IsSpecified() != c.specified || c.n.IsNull() != c.isNull || c.n.IsZero() == c.specified {
				t.Errorf("IsSpecified %v, IsNull %v, IsZero %v", c.n.IsSpecified(), c.n.IsNull(), c.n.IsZero())
			}
			got, err := c.n.Get()
			if got != c.get || (err != nil) != c.getErr || c.n.GetOrEmpty() != c.get {
				t.Errorf("Get = %d, %v; GetOrEmpty = %d", got, err, c.n.GetOrEmpty())
			}
			patch, err := json.Marshal(falapi.StorageSettingsUpdate{ExpirationDurationSeconds: c.n})
			if err != nil || string(patch) != c.patch {
				t.Errorf("PATCH body %s, %v; want %s", patch, err, c.patch)
			}
			answer, err := json.Marshal(falapi.StorageSettings{ExpirationDurationSeconds: c.n})
			if err != nil || string(answer) != c.answerEncoded {
				t.Errorf("answer encoded %s, %v; want %s", answer, err, c.answerEncoded)
			}
			var back falapi.StorageSettingsUpdate
			if err := json.Unmarshal(patch, &back); err != nil || back.ExpirationDurationSeconds != c.n {
				t.Errorf("%s decodes to %+v, %v", patch, back.ExpirationDurationSeconds, err)
			}
		})
	}
	var n falapi.Nullable[string]
	n.Set("x")
	n.SetUnspecified()
	if n != (falapi.Nullable[string]{}) {
		t.Errorf("SetUnspecified left %+v", n)
	}
	var withMessage struct {
		Message falapi.Nullable[string] `json:"message"`
	}
	if err := json.Unmarshal([]byte(`{"message":1}`), &withMessage); err == nil {
		t.Error("a number decodes into Nullable[string]")
	}
	defer func() {
		if recover() == nil {
			t.Error("MustGet of an unspecified value did not panic")
		}
	}()
	unspecified.MustGet()
}
