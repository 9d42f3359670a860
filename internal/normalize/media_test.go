package normalize

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestJSONMediaType(t *testing.T) {
	content := func(media ...string) openapi3.Content {
		c := openapi3.Content{}
		for _, m := range media {
			c[m] = &openapi3.MediaType{}
		}
		return c
	}
	for _, tc := range []struct {
		content openapi3.Content
		want    string
	}{
		{content("application/json"), "application/json"},
		// application/json wins over a +json type that sorts before it.
		{content("application/activity+json", "application/json"), "application/json"},
		{content("application/merge-patch+json", "application/activity+json"), "application/activity+json"},
		{content("multipart/form-data", "application/problem+json"), "application/problem+json"},
		{content("text/csv", "application/octet-stream", "application/x-ndjson"), ""},
		{content(), ""},
	} {
		if got := JSONMediaType(tc.content); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.content, got, tc.want)
		}
	}
}
