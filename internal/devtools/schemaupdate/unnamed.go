package schemaupdate

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/falplatform/fal-go/internal/normalize"
)

// UnnamedSchema is an inline schema api/names.yaml does not name yet: the
// normalizer named it from its location, and warned.
type UnnamedSchema struct {
	// Name is the Go type name the normalizer derived.
	Name string
	// Locations are where the schema stands (see internal/normalize).
	Locations []string
	// New is true when the old revision did not have a schema of this name
	// unnamed.
	New bool
}

// NormalizerWarnings are the normalizer's warnings about a revision.
type NormalizerWarnings struct {
	// Repairs are the defects of the published document the normalizer
	// repaired, in document order (see internal/normalize, repairs.go).
	Repairs []string
	// Unnamed are the schemas the name map does not name, by name.
	Unnamed []UnnamedSchema
	// Other are the other warnings (a name taken twice, a stale hint).
	Other []string
}

// unnamedWarning matches the normalizer's warning about a schema the name
// map does not name (internal/normalize, hoist.go).
var unnamedWarning = regexp.MustCompile(`^no name in api/names\.yaml for the schema at (.+); named (\w+)$`)

// normalizerWarnings normalizes raw with the name map and hints of the
// checkout at root, as go generate will, and sorts its warnings.
func normalizerWarnings(root string, raw []byte) (*NormalizerWarnings, error) {
	cfg, err := normalize.LoadConfig(filepath.Join(root, namesFile), filepath.Join(root, hintsFile))
	if err != nil {
		return nil, fmt.Errorf("normalize: %w", err)
	}
	res, err := normalize.Normalize(raw, cfg)
	if err != nil {
		return nil, fmt.Errorf("normalize: %w", err)
	}
	return parseWarnings(res.Warnings, res.Repairs), nil
}

// parseWarnings sorts the normalizer's warnings into the repairs, unnamed
// schemas, ordered by name, and the rest, in the normalizer's (sorted)
// order.
func parseWarnings(warnings, repairs []string) *NormalizerWarnings {
	w := &NormalizerWarnings{Repairs: repairs}
	for _, line := range warnings {
		if slices.Contains(repairs, line) {
			continue
		}
		m := unnamedWarning.FindStringSubmatch(line)
		if m == nil {
			w.Other = append(w.Other, line)
			continue
		}
		w.Unnamed = append(w.Unnamed, UnnamedSchema{Name: m[2], Locations: strings.Split(m[1], ", ")})
	}
	slices.SortFunc(w.Unnamed, func(a, b UnnamedSchema) int { return strings.Compare(a.Name, b.Name) })
	return w
}

// markNew marks the schemas of w that old did not have unnamed.
func (w *NormalizerWarnings) markNew(old *NormalizerWarnings) {
	before := map[string]bool{}
	if old != nil {
		for _, u := range old.Unnamed {
			before[u.Name] = true
		}
	}
	for i := range w.Unnamed {
		w.Unnamed[i].New = !before[w.Unnamed[i].Name]
	}
}
