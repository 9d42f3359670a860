package schemaupdate

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseWarnings(t *testing.T) {
	w := parseWarnings([]string{
		"hints: events: streamLogs has no text/event-stream response",
		"no name in api/names.yaml for the schema at b.response.200, c.response.200; named BResponse",
		"no name in api/names.yaml for the schema at a.request; named ARequest",
	})
	want := &NormalizerWarnings{
		Unnamed: []UnnamedSchema{
			{Name: "ARequest", Locations: []string{"a.request"}},
			{Name: "BResponse", Locations: []string{"b.response.200", "c.response.200"}},
		},
		Other: []string{"hints: events: streamLogs has no text/event-stream response"},
	}
	if !reflect.DeepEqual(w, want) {
		t.Fatalf("got %+v\nwant %+v", w, want)
	}
	w.markNew(&NormalizerWarnings{Unnamed: []UnnamedSchema{{Name: "BResponse"}}})
	if !w.Unnamed[0].New || w.Unnamed[1].New {
		t.Fatalf("markNew: %+v", w.Unnamed)
	}
}

// TestNewInlineSchemaGetsANameAndAWarning: a revision with inline schemas
// the name map does not know normalizes; each gets a name derived from its
// location and a warning, and the names are the same on every run.
func TestNewInlineSchemaGetsANameAndAWarning(t *testing.T) {
	future := futureRevision(t)
	w, err := normalizerWarnings(repoRoot, future)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Unnamed) == 0 {
		t.Fatal("no warning about getWidget's schemas")
	}
	locations := map[string]string{}
	for _, u := range w.Unnamed {
		for _, loc := range u.Locations {
			if !strings.HasPrefix(loc, "getWidget.") {
				t.Errorf("%s at %s: only getWidget's schemas are new", u.Name, loc)
			}
			locations[loc] = u.Name
		}
	}
	for _, loc := range []string{"getWidget.response.200", "getWidget.response.200.shape", "getWidget.response.200.kind"} {
		if locations[loc] == "" {
			t.Errorf("no derived name for %s; got %v", loc, locations)
		}
	}
	again, err := normalizerWarnings(repoRoot, future)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w, again) {
		t.Fatalf("two runs named differently:\n%+v\n%+v", w, again)
	}
}
