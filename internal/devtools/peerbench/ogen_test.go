package peerbench

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestOgenSchema(t *testing.T) {
	normalized := readNormalized(t)
	patched, err := OgenSchema(normalized)
	if err != nil {
		t.Fatal(err)
	}
	var before, after map[string]any
	if err := json.Unmarshal(normalized, &before); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(patched, &after); err != nil {
		t.Fatal(err)
	}
	union := func(doc map[string]any) map[string]any {
		return doc["components"].(map[string]any)["schemas"].(map[string]any)[OgenUnion].(map[string]any)
	}
	was, is := union(before), union(after)
	if _, ok := is["anyOf"]; ok {
		t.Errorf("%s still has anyOf", OgenUnion)
	}
	if !reflect.DeepEqual(is["oneOf"], was["anyOf"]) {
		t.Errorf("%s oneOf = %v, want the former anyOf %v", OgenUnion, is["oneOf"], was["anyOf"])
	}
	is["anyOf"] = is["oneOf"]
	delete(is, "oneOf")
	if !reflect.DeepEqual(before, after) {
		t.Error("the patch changed more than the union")
	}

	delete(was, "anyOf")
	stale, err := json.Marshal(before)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := OgenSchema(stale); err == nil || !strings.Contains(err.Error(), "no longer applies") {
		t.Errorf("a schema without the anyOf: error %v, want one saying the patch no longer applies", err)
	}
}
