package normalize

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Config holds the hand-kept inputs of the normalizer, read from api/.
type Config struct {
	// Names maps a location (see location) or a location pattern to the Go
	// type name of the schema there. In a pattern, a segment "*" stands for
	// any one segment, so "*.response.404" names every operation's 404 body.
	Names map[string]string `yaml:"schemas"`
	// Hints holds facts about the API that its schema does not state.
	Hints Hints `yaml:"-"`
}

// Hints are facts about fal's API that the schema leaves out and the client
// needs, each keyed by operationId.
type Hints struct {
	// Events names the schema each Server-Sent Event's data holds, for
	// operations that answer text/event-stream with an empty schema.
	Events map[string]string `yaml:"events"`
	// Formats names the format of a text response body ("prometheus").
	Formats map[string]string `yaml:"formats"`
	// FilePaths lists the path parameters that hold a slash-separated file
	// path, as "operationId.parameter".
	FilePaths []string `yaml:"filePaths"`
	// PageItems names the array that holds a page's items, for paginated
	// operations whose pages hold more than one array.
	PageItems map[string]string `yaml:"pageItems"`
	// Overrides say how to read defects of a published revision that the
	// normalizer refuses (see DefectError).
	Overrides Overrides `yaml:"overrides"`
}

// Overrides are the hints.yaml entries that override a refusal of the
// normalizer. Repair applies them before anything else, so falmock and the
// schema tools read the document as the generator does.
type Overrides struct {
	// SecuritySchemes says, by scheme name, how to read a security scheme
	// the client cannot satisfy as published. The one reading is
	// KeyReading: fal's key header.
	SecuritySchemes map[string]string `yaml:"securitySchemes"`
	// Patch is applied to the published document, operation by operation,
	// before it is validated.
	Patch []PatchOp `yaml:"patch"`
}

// KeyReading is the reading of Overrides.SecuritySchemes that makes a
// scheme fal's key header, "Authorization: Key <key>".
const KeyReading = "key"

// Empty reports whether o overrides nothing.
func (o Overrides) Empty() bool {
	return len(o.SecuritySchemes) == 0 && len(o.Patch) == 0
}

// LoadConfig reads the name map and the hints from their YAML files.
func LoadConfig(namesFile, hintsFile string) (Config, error) {
	names, err := os.ReadFile(namesFile)
	if err != nil {
		return Config{}, err
	}
	hints, err := os.ReadFile(hintsFile)
	if err != nil {
		return Config{}, err
	}
	cfg, err := ParseConfig(names, hints)
	if err != nil {
		return Config{}, fmt.Errorf("%s, %s: %w", namesFile, hintsFile, err)
	}
	return cfg, nil
}

// ParseConfig reads the name map and the hints from their YAML text
// (api.Names and api.Hints hold the vendored ones).
func ParseConfig(names, hints []byte) (Config, error) {
	var cfg Config
	if err := decodeYAML(names, &cfg); err != nil {
		return Config{}, fmt.Errorf("names: %w", err)
	}
	if err := decodeYAML(hints, &cfg.Hints); err != nil {
		return Config{}, fmt.Errorf("hints: %w", err)
	}
	return cfg, cfg.check()
}

// LocationsOf lists, sorted, the locations that the name map gives name
// (exact entries only: a pattern names no one place).
func (c Config) LocationsOf(name string) []string {
	var locs []string
	for loc, n := range c.Names {
		if n == name && !strings.Contains(loc, "*") {
			locs = append(locs, loc)
		}
	}
	slices.Sort(locs)
	return locs
}

// ParseHints reads hints.yaml (api.Hints holds the vendored one).
func ParseHints(data []byte) (Hints, error) {
	var h Hints
	if err := decodeYAML(data, &h); err != nil {
		return Hints{}, fmt.Errorf("hints: %w", err)
	}
	return h, Config{Hints: h}.check()
}

// FilePath reports whether the hints mark parameter param of operation
// operationID as a slash-separated file path.
func (h Hints) FilePath(operationID, param string) bool {
	return slices.Contains(h.FilePaths, operationID+"."+param)
}

func decodeYAML(data []byte, into any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(into)
}

// check rejects names that are not Go identifiers in the form the generator
// keeps, so that a typo in the map fails at once with the entry named.
func (c Config) check() error {
	for loc, name := range c.Names {
		if pascal(name) != name || name == "" {
			return fmt.Errorf("names: %q: %q is not a Go type name in PascalCase with initialisms (want %q)", loc, name, pascal(name))
		}
	}
	for op, name := range c.Hints.Events {
		if pascal(name) != name {
			return fmt.Errorf("hints: events.%s: %q is not a Go type name", op, name)
		}
	}
	for _, fp := range c.Hints.FilePaths {
		if strings.Count(fp, ".") != 1 {
			return fmt.Errorf("hints: filePaths: %q is not operationId.parameter", fp)
		}
	}
	for name, reading := range c.Hints.Overrides.SecuritySchemes {
		if reading != KeyReading {
			return fmt.Errorf("hints: overrides.securitySchemes.%s: %q is not a reading (want %q)", name, reading, KeyReading)
		}
	}
	for i, op := range c.Hints.Overrides.Patch {
		if err := op.check(); err != nil {
			return fmt.Errorf("hints: overrides.patch[%d]: %w", i, err)
		}
	}
	return nil
}

// nameFor returns the mapped name for loc: an exact entry wins over a pattern,
// and of two patterns the one with fewer wildcards wins (then the smaller).
func (c Config) nameFor(loc location) (string, bool) {
	if name, ok := c.Names[string(loc)]; ok {
		return name, true
	}
	best, bestKey := "", ""
	for _, key := range slices.Sorted(maps.Keys(c.Names)) {
		if !strings.Contains(key, "*") || !matchLocation(key, string(loc)) {
			continue
		}
		if best == "" || strings.Count(key, "*") < strings.Count(bestKey, "*") {
			best, bestKey = c.Names[key], key
		}
	}
	return best, best != ""
}

// matchLocation matches a location against a pattern segment by segment; a
// pattern segment may use path.Match wildcards.
func matchLocation(pattern, loc string) bool {
	ps, ls := strings.Split(pattern, "."), strings.Split(loc, ".")
	if len(ps) != len(ls) {
		return false
	}
	for i := range ps {
		if ps[i] == ls[i] {
			continue
		}
		ok, err := path.Match(ps[i], ls[i])
		if err != nil || !ok {
			return false
		}
	}
	return true
}
