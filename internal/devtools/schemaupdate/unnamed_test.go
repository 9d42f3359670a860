package schemaupdate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/revisions"
)

func TestParseWarnings(t *testing.T) {
	const repair = `repaired: /security/0/k names security scheme "k", which components.securitySchemes does not define: defined as fal's key header`
	w := parseWarnings([]string{
		"hints: events: streamLogs has no text/event-stream response",
		"no name in api/names.yaml for the schema at b.response.200, c.response.200; named BResponse",
		"no name in api/names.yaml for the schema at a.request; named ARequest",
		repair,
	}, []string{repair})
	want := &NormalizerWarnings{
		Repairs: []string{repair},
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

// TestRepairsAreReported: the normalizer's repairs of a defect variant
// reach the report's own section, not the other warnings.
func TestRepairsAreReported(t *testing.T) {
	variants, err := revisions.Variants(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range variants {
		if !strings.Contains(v.Name, "http-bearer") {
			continue
		}
		doc, err := v.Read()
		if err != nil {
			t.Fatal(err)
		}
		w, err := normalizerWarnings(repoRoot, doc)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Repairs) != 2 || len(w.Other) != 0 {
			t.Fatalf("repairs %q, other warnings %q; want the two http bearer schemes repaired", w.Repairs, w.Other)
		}
		md := (&Report{Warnings: w}).Markdown()
		for _, want := range []string{
			"## Defects of the published schema, repaired (2)",
			"- /components/securitySchemes/adminApiKey is http bearer: read as fal's key header",
			"- /components/securitySchemes/apiKey is http bearer: read as fal's key header",
		} {
			if !strings.Contains(md, want) {
				t.Errorf("the report lacks %q:\n%s", want, md)
			}
		}
		return
	}
	t.Fatal("no http bearer variant")
}
