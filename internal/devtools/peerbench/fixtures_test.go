package peerbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/falplatform/fal-go/api"
)

const normalizedSchema = "../../../gen/falapi/openapi.normalized.json"

var (
	fixturesOnce sync.Once
	fixtures     []Fixture
	fixturesErr  error
)

// readNormalized reads the normalized schema the fixtures come from.
func readNormalized(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(normalizedSchema)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// testFixtures builds the fixtures once for all tests.
func testFixtures(t *testing.T) []Fixture {
	t.Helper()
	fixturesOnce.Do(func() {
		schema, err := os.ReadFile(normalizedSchema)
		if err != nil {
			fixturesErr = err
			return
		}
		fixtures, fixturesErr = Fixtures(schema)
	})
	if fixturesErr != nil {
		t.Fatal(fixturesErr)
	}
	return fixtures
}

func TestFixturesShape(t *testing.T) {
	want := []struct {
		operation, path, list string
		items                 int
	}{
		{"GetModels", "/models", "models", 100},
		{"GetUsage", "/models/usage", "time_series", 10_000},
		{"GetAnalytics", "/models/analytics", "time_series", 10_000},
	}
	got := testFixtures(t)
	if len(got) != len(want) {
		t.Fatalf("%d fixtures, want %d", len(got), len(want))
	}
	for i, w := range want {
		f := got[i]
		if f.Operation != w.operation || f.Path != w.path || f.List != w.list || f.Items != w.items {
			t.Errorf("fixture %d is %s %s %s %d, want %+v", i, f.Operation, f.Path, f.List, f.Items, w)
		}
		var page map[string]json.RawMessage
		if err := json.Unmarshal(f.Body, &page); err != nil {
			t.Fatalf("%s: %v", f.Operation, err)
		}
		var list []map[string]any
		if err := json.Unmarshal(page[f.List], &list); err != nil || len(list) != w.items {
			t.Errorf("%s: %s holds %d entries (%v), want %d", f.Operation, f.List, len(list), err, w.items)
		}
		if len(list) > 2 && fmt.Sprint(list[1]) == fmt.Sprint(list[2]) {
			t.Errorf("%s: entries 1 and 2 are the same: %v", f.Operation, list[1])
		}
	}
}

func TestFixturesAreDeterministic(t *testing.T) {
	again, err := Fixtures(readNormalized(t))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range testFixtures(t) {
		if !bytes.Equal(f.Body, again[i].Body) {
			t.Errorf("%s: two builds differ", f.Operation)
		}
	}
}

// TestFixturesHaveEveryProperty walks each fixture beside its schema: every
// object holds every property its schema defines.
func TestFixturesHaveEveryProperty(t *testing.T) {
	doc, err := parseDocument(readNormalized(t))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{"GetModels": "getModels", "GetUsage": "getUsage", "GetAnalytics": "getAnalytics"}
	for _, f := range testFixtures(t) {
		_, s, _, err := doc.jsonAnswer(ids[f.Operation])
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(f.Body, &v); err != nil {
			t.Fatal(err)
		}
		if missing := missingProperty(t, doc, s, v, ""); missing != "" {
			t.Errorf("%s: no %s", f.Operation, missing)
		}
	}
}

func missingProperty(t *testing.T, doc *document, schema map[string]any, v any, path string) string {
	t.Helper()
	s, err := doc.resolve(schema)
	if err != nil {
		t.Fatal(err)
	}
	if branches := unionBranches(s); branches != nil {
		for _, b := range branches {
			bs, _ := b.(map[string]any)
			rs, err := doc.resolve(bs)
			if err != nil {
				t.Fatal(err)
			}
			if fits(schemaType(rs), v) {
				return missingProperty(t, doc, bs, v, path)
			}
		}
		return path + " (no branch of its union fits)"
	}
	switch x := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, name := range sortedKeys(props) {
			pv, ok := x[name]
			if !ok {
				return path + "/" + name
			}
			ps, _ := props[name].(map[string]any)
			if m := missingProperty(t, doc, ps, pv, path+"/"+name); m != "" {
				return m
			}
		}
	case []any:
		items, _ := s["items"].(map[string]any)
		for i, item := range x {
			if m := missingProperty(t, doc, items, item, fmt.Sprintf("%s/%d", path, i)); m != "" {
				return m
			}
		}
	}
	return ""
}

// TestFixturesMatchTheUpstreamSchema validates each fixture as an answer of
// its operation against fal's published schema, independently of the
// normalized one the fixtures come from.
func TestFixturesMatchTheUpstreamSchema(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true}
	if doc.IsOpenAPI31OrLater() {
		opts.SchemaValidationOptions = append(opts.SchemaValidationOptions, openapi3.EnableJSONSchema2020())
	}
	for _, f := range testFixtures(t) {
		item := doc.Paths.Value(f.Path)
		if item == nil || item.Get == nil {
			t.Fatalf("%s: no GET %s in the schema", f.Operation, f.Path)
		}
		req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.fal.ai/v1"+f.Path, nil)
		if err != nil {
			t.Fatal(err)
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{
				Request: req,
				Route:   &routers.Route{Spec: doc, Path: f.Path, PathItem: item, Method: http.MethodGet, Operation: item.Get},
			},
			Status:  http.StatusOK,
			Header:  http.Header{"Content-Type": {"application/json"}},
			Options: opts,
		}
		in.SetBodyBytes(f.Body)
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			t.Errorf("%s: the fixture fails the schema: %v", f.Operation, err)
		}
	}
}
