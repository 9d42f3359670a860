package falapidec_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/falplatform/fal-go/internal/falapidec"
)

// responseType is a type package fal decodes whole (responses_gen_test.go
// lists them): how to make one, and the operations whose answers (or
// events) it decodes, or whether it decodes error envelopes.
type responseType struct {
	name    string
	new     func() any
	answers []string
	events  []string
	errors  bool
}

// sameAsEncodingJSON decodes data into a new value of rt with Unmarshal
// and with json.Unmarshal, and fails unless both succeed with deeply equal
// values or both fail.
func sameAsEncodingJSON(t *testing.T, rt responseType, data []byte) {
	t.Helper()
	want, got := rt.new(), rt.new()
	wantErr := json.Unmarshal(data, want)
	gotErr := falapidec.Unmarshal(data, got)
	switch {
	case wantErr == nil && gotErr != nil:
		t.Fatalf("%s: encoding/json decodes %q, Unmarshal fails: %v", rt.name, data, gotErr)
	case wantErr != nil && gotErr == nil:
		t.Fatalf("%s: encoding/json fails on %q (%v), Unmarshal decodes it", rt.name, data, wantErr)
	case wantErr == nil && !reflect.DeepEqual(want, got):
		t.Fatalf("%s: %q decodes differently:\nUnmarshal     %+v\nencoding/json %+v", rt.name, data, got, want)
	}
}

// TestEveryResponseTypeHasADecoder checks that Unmarshal decodes each
// response type with a generated decoder, not by handing it to
// encoding/json: its type switch has a case for each.
func TestEveryResponseTypeHasADecoder(t *testing.T) {
	src, err := os.ReadFile("decode.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(responseTypes) < 20 {
		t.Fatalf("only %d response types", len(responseTypes))
	}
	for _, rt := range responseTypes {
		if !bytes.Contains(src, []byte("\tcase *"+rt.name+":\n")) {
			t.Errorf("Unmarshal has no case for %s", rt.name)
		}
	}
}

// TestEveryResponseTypeHasSeeds checks that falmock answers every response
// type, so that the differential tests below see each with real data.
func TestEveryResponseTypeHasSeeds(t *testing.T) {
	s := loadSeeds(t)
	for _, rt := range responseTypes {
		if len(s.bodiesOf(rt)) == 0 {
			t.Errorf("%s: falmock gave no answer to seed it with", rt.name)
		}
	}
}

// TestUnmarshalAsEncodingJSON is the deterministic part of FuzzUnmarshal:
// every seed of every response type, and each of its mutations.
func TestUnmarshalAsEncodingJSON(t *testing.T) {
	s := loadSeeds(t)
	for _, rt := range responseTypes {
		t.Run(rt.name, func(t *testing.T) {
			t.Parallel() // decoders and their pools shared between goroutines
			for _, seed := range s.bodiesOf(rt) {
				sameAsEncodingJSON(t, rt, seed)
				for _, m := range mutations(seed) {
					sameAsEncodingJSON(t, rt, m)
				}
			}
		})
	}
}

// FuzzUnmarshal feeds the same bytes to Unmarshal and to json.Unmarshal:
// the first byte picks the response type, the rest is the document. The
// corpus is every seed and mutation of TestUnmarshalAsEncodingJSON.
func FuzzUnmarshal(f *testing.F) {
	s := loadSeeds(f)
	for i, rt := range responseTypes {
		for _, seed := range s.bodiesOf(rt) {
			f.Add(append([]byte{byte(i)}, seed...))
			for _, m := range mutations(seed) {
				f.Add(append([]byte{byte(i)}, m...))
			}
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if len(in) == 0 {
			return
		}
		sameAsEncodingJSON(t, responseTypes[int(in[0])%len(responseTypes)], in[1:])
	})
}
