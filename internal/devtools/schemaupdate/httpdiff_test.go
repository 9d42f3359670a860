package schemaupdate

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDiffHTTPOnRealRevisions checks oasdiff's view of each step of the real
// history against what the schema files say when read with encoding/json.
func TestDiffHTTPOnRealRevisions(t *testing.T) {
	tests := []struct {
		old, revised int
		knownAdded   []string
		breaking     []string // checks oasdiff must report, by id
	}{
		{0, 1, []string{"listAssets", "uploadAsset", "createWorkflow"}, []string{"request-parameter-pattern-added", "response-property-became-nullable"}},
		{1, 2, []string{"getStorageSettings", "serverlessListApps", "getAssetLineage"}, nil},
		{2, 3, []string{"getOrganizationBillingEvents", "serverlessListAppRevisions"}, []string{"request-parameter-property-enum-value-removed"}},
		{3, 0, nil, []string{"api-path-removed-without-deprecation"}}, // a downgrade removes what the others added
	}
	for _, tt := range tests {
		old, revised := revisionFiles[tt.old], revisionFiles[tt.revised]
		t.Run(name(old)+"_to_"+name(revised), func(t *testing.T) {
			got, err := diffHTTP(readFile(t, old), readFile(t, revised))
			if err != nil {
				t.Fatal(err)
			}
			oldIDs, newIDs := operationIDs(t, old), operationIDs(t, revised)
			if want := minus(newIDs, oldIDs); !slices.Equal(ids(got.Added), want) {
				t.Errorf("added %v, the schemas say %v", ids(got.Added), want)
			}
			if want := minus(oldIDs, newIDs); !slices.Equal(ids(got.Removed), want) {
				t.Errorf("removed %v, the schemas say %v", ids(got.Removed), want)
			}
			for _, id := range tt.knownAdded {
				if !slices.Contains(ids(got.Added), id) {
					t.Errorf("%s is not among the added operations", id)
				}
			}
			checks := map[string]bool{}
			for _, b := range got.Breaking {
				checks[b.Check] = true
				if b.Level != "error" && b.Level != "warning" {
					t.Errorf("breaking change at level %q: %+v", b.Level, b)
				}
				if b.Text == "" || b.Operation.ID == "" {
					t.Errorf("breaking change without text or operation: %+v", b)
				}
			}
			for _, c := range tt.breaking {
				if !checks[c] {
					t.Errorf("oasdiff did not report %s; it reported %v", c, checks)
				}
			}
			if tt.breaking == nil && tt.old < tt.revised && len(got.Breaking) != 0 {
				t.Errorf("want no breaking change, got %+v", got.Breaking)
			}
		})
	}
}

// TestDiffHTTPIsDeterministic diffs the same pair twice.
func TestDiffHTTPIsDeterministic(t *testing.T) {
	old, revised := readFile(t, revisionFiles[2]), readFile(t, revisionFiles[3])
	a, err := diffHTTP(old, revised)
	if err != nil {
		t.Fatal(err)
	}
	b, err := diffHTTP(old, revised)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two diffs of the same pair differ:\n%+v\n%+v", a, b)
	}
}

func name(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file[strings.LastIndex(file, "/")+1:], "openapi-"), ".json")
}
