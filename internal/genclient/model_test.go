package genclient

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestResultKinds(t *testing.T) {
	obj := &openapi3.MediaType{Schema: &openapi3.SchemaRef{Ref: "#/components/schemas/Widget", Value: &openapi3.Schema{}}}
	for _, tc := range []struct{ media, result, out string }{
		{"application/json", resultJSON, "falapi.Widget"},
		{"application/vnd.fal.widget+json", resultJSON, "falapi.Widget"},
		{"application/problem+json", resultJSON, "falapi.Widget"},
		{"text/event-stream", resultEvents, "falapi.Widget"},
		{"text/csv", resultCSV, ""},
		{"application/x-ndjson", resultDownload, ""},
		{"application/zip", resultDownload, ""},
		{"image/png", resultDownload, ""},
		{"", resultNoContent, ""},
	} {
		var m method
		if err := m.result("200", tc.media, obj); err != nil {
			t.Fatal(err)
		}
		if m.Result != tc.result || m.OutType != tc.out {
			t.Errorf("%q: result %s %s, want %s %s", tc.media, m.Result, m.OutType, tc.result, tc.out)
		}
	}
}
