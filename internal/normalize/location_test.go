package normalize

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLocation(t *testing.T) {
	op := operationLocation
	for _, tt := range []struct {
		loc  location
		want SchemaPath
	}{
		{op("serverlessLogsHistory").response("200").property("items").items(),
			SchemaPath{OperationID: "serverlessLogsHistory", Role: "response", Name: "200", Steps: []string{"items", ItemsStep}}},
		{op("getModels").param("status"), SchemaPath{OperationID: "getModels", Role: "params", Name: "status"}},
		{op("estimatePricing").request().variant(1).property("endpoints").values(),
			SchemaPath{OperationID: "estimatePricing", Role: "request", Steps: []string{"|1", "endpoints", ValuesStep}}},
		{op("serverlessLogsHistory").request().items().property("condition_type"),
			SchemaPath{OperationID: "serverlessLogsHistory", Role: "request", Steps: []string{ItemsStep, "condition_type"}}},
		{op("getModels").response("200").property("models").items().property("openapi").variant(0),
			SchemaPath{OperationID: "getModels", Role: "response", Name: "200", Steps: []string{"models", ItemsStep, "openapi", "|0"}}},
	} {
		got, err := ParseLocation(string(tt.loc))
		if err != nil {
			t.Errorf("%s: %v", tt.loc, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.loc, got, tt.want)
		}
	}
	for loc, mention := range map[string]string{
		"getModels":                       "want operationId.role",
		".response.200":                   "want operationId.role",
		"getModels.answer":                `unknown role "answer"`,
		"getModels.params":                "params needs a name",
		"getModels.response.":             "response needs a name",
		"getModels.response.200..items":   "empty property name",
		"getModels.request|x":             `branch "x" is not a number`,
		"getModels.request[":              `unexpected "["`,
		"getModels.response.200.items[]]": `unexpected "]"`,
	} {
		if _, err := ParseLocation(loc); err == nil || !strings.Contains(err.Error(), mention) {
			t.Errorf("%s: error %v, want one that says %q", loc, err, mention)
		}
	}
}

func TestVariant(t *testing.T) {
	for step, want := range map[string]int{"|0": 0, "|12": 12, "items": -1, ItemsStep: -1, "|": -1} {
		got, ok := Variant(step)
		if ok != (want >= 0) || (ok && got != want) {
			t.Errorf("Variant(%q) = %d, %v; want %d", step, got, ok, want)
		}
	}
}
