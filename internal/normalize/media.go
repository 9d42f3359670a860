package normalize

import (
	"maps"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// IsJSONMedia reports whether a media type is JSON: application/json, or a
// type with the +json suffix (application/problem+json,
// application/merge-patch+json).
func IsJSONMedia(media string) bool {
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// JSONMediaType returns the JSON media type of a body's content that the
// client uses: application/json when it is there, else the first +json type
// in order; empty when none is JSON. The generator and falmock both read
// bodies through it, so that they agree.
func JSONMediaType(content openapi3.Content) string {
	if content.Get("application/json") != nil {
		return "application/json"
	}
	for _, media := range slices.Sorted(maps.Keys(content)) {
		if IsJSONMedia(media) {
			return media
		}
	}
	return ""
}
