package peerbench

import (
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// Fixture is one operation's answer, served alike to every client.
type Fixture struct {
	// Operation is the method name in fal-go (GetModels).
	Operation string
	// Path is where the server answers it, under /v1 (/models).
	Path string
	// List is the answer's list property (models, time_series) and Items
	// the number of its entries.
	List  string
	Items int
	// Body is the JSON answer.
	Body []byte
}

// fixtureSpec says how a fixture grows from an operation's example: its
// list property is filled with items copies of the example's first entry.
type fixtureSpec struct {
	operation, operationID, list string
	items                        int
}

var fixtureSpecs = []fixtureSpec{
	{operation: "GetModels", operationID: "getModels", list: "models", items: 100},
	{operation: "GetUsage", operationID: "getUsage", list: "time_series", items: 10_000},
	{operation: "GetAnalytics", operationID: "getAnalytics", list: "time_series", items: 10_000},
}

// Fixtures builds the answers of GetModels (100 models), GetUsage and
// GetAnalytics (10,000 time buckets each) from the examples of an OpenAPI
// document (the normalized schema): each example gets every optional
// property its schema defines, then its list is filled with copies of its
// first entry whose IDs, times and numbers vary with their position. A
// time-series page's summary holds the first bucket's record. The same
// document always gives the same bytes.
func Fixtures(schema []byte) ([]Fixture, error) {
	doc, err := parseDocument(schema)
	if err != nil {
		return nil, err
	}
	out := make([]Fixture, 0, len(fixtureSpecs))
	for _, spec := range fixtureSpecs {
		f, err := buildFixture(doc, spec)
		if err != nil {
			return nil, fmt.Errorf("fixture of %s: %w", spec.operation, err)
		}
		out = append(out, f)
	}
	return out, nil
}

func buildFixture(doc *document, spec fixtureSpec) (Fixture, error) {
	path, schema, example, err := doc.jsonAnswer(spec.operationID)
	if err != nil {
		return Fixture{}, err
	}
	expanded, err := (&expander{doc: doc}).expand(schema, example, spec.operationID)
	if err != nil {
		return Fixture{}, err
	}
	page, ok := expanded.(map[string]any)
	if !ok {
		return Fixture{}, fmt.Errorf("the example is not an object")
	}
	list, _ := page[spec.list].([]any)
	if len(list) == 0 {
		return Fixture{}, fmt.Errorf("the example's %s is empty", spec.list)
	}
	first := list[0]
	items := make([]any, spec.items)
	for i := range items {
		items[i] = vary(first, "", i)
	}
	page[spec.list] = items
	if _, ok := page["summary"]; ok {
		records, _ := first.(map[string]any)["results"].([]any)
		if len(records) == 0 {
			return Fixture{}, fmt.Errorf("the example's first bucket has no results")
		}
		page["summary"] = records[:1]
	}
	body, err := json.Marshal(page)
	if err != nil {
		return Fixture{}, err
	}
	return Fixture{Operation: spec.operation, Path: path, List: spec.list, Items: spec.items, Body: body}, nil
}

// vary copies v for the i-th entry of a list: endpoint IDs get a suffix
// (one of 100), bucket times move on by i hours, whole numbers grow by i
// mod 7 and fractions are scaled by 1 + (i mod 89)/100.
func vary(v any, key string, i int) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[k] = vary(val, k, i)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for j, val := range x {
			out[j] = vary(val, key, i)
		}
		return out
	case string:
		switch key {
		case "endpoint_id":
			return fmt.Sprintf("%s-%02d", x, i%100)
		case "bucket":
			if t, err := time.Parse(time.RFC3339, x); err == nil {
				return t.Add(time.Duration(i) * time.Hour).Format(time.RFC3339)
			}
		}
		return x
	case float64:
		if x == math.Trunc(x) {
			return x + float64(i%7)
		}
		return math.Round(x*(1+float64(i%89)/100)*1e4) / 1e4
	}
	return v
}
