package genclient

import (
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestDocLines(t *testing.T) {
	m := method{Name: "GetWidget", HTTPMethod: "GET", Path: "/widgets/{widget_id}", Auth: "authAdmin"}
	op := &openapi3.Operation{
		Summary:     "Get a widget.",
		Description: "Returns one widget.",
		Extensions:  map[string]any{"x-mint": map[string]any{"href": "/platform-apis/v1/widgets/get"}},
	}
	want := []string{
		"GetWidget calls GET /widgets/{widget_id} (Get a widget).",
		"",
		"Returns one widget.",
		"",
		"It needs an admin API key (adminApiKey); a 401 or 403 answer says so.",
		"",
		"API reference: " + docsSite + "/platform-apis/v1/widgets/get",
	}
	if got := docLines(m, op); !slices.Equal(got, want) {
		t.Errorf("doc:\n%q\nwant:\n%q", got, want)
	}

	op.Deprecated = true
	want = append(want, "", "Deprecated: fal's schema marks GET /widgets/{widget_id} as deprecated.")
	if got := docLines(m, op); !slices.Equal(got, want) {
		t.Errorf("doc of a deprecated operation:\n%q\nwant:\n%q", got, want)
	}
}
