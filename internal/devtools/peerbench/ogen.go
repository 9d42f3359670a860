package peerbench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/ogen-go/ogen"
	"github.com/ogen-go/ogen/gen"
	"go.uber.org/zap"
)

// BuildTag guards the generated ogen client and the program that uses it:
// ordinary builds, tests and linters of this module skip both, so they
// work before the client is generated and never vet ogen's code.
const BuildTag = "peerbench"

// OgenUnion is the schema ogen cannot generate as an anyOf: a union of two
// object schemas without a discriminator. Read as a oneOf, ogen tells the
// branches apart by their required properties.
const OgenUnion = "ModelOpenAPI"

// OgenSchema is the normalized schema as ogen needs it: ModelOpenAPI's
// anyOf becomes a oneOf (its branches never both match: one requires
// "openapi", the other "error"). Nothing else changes. It fails when the
// schema no longer has that anyOf, so that a changed schema is noticed.
func OgenSchema(normalized []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(normalized))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse the normalized schema: %w", err)
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	union, _ := schemas[OgenUnion].(map[string]any)
	branches, ok := union["anyOf"]
	if !ok {
		return nil, fmt.Errorf("components.schemas.%s has no anyOf: the patch for ogen no longer applies", OgenUnion)
	}
	delete(union, "anyOf")
	union["oneOf"] = branches
	return json.Marshal(doc)
}

// GenerateOgen writes an ogen client of schema (already patched by
// OgenSchema) into dir as package pkg, with the client features only: no
// server, no webhook server, no OpenTelemetry, no stub handler. Each file
// gets the BuildTag constraint.
func GenerateOgen(schema []byte, dir, pkg string) error {
	spec, err := ogen.Parse(schema)
	if err != nil {
		return fmt.Errorf("ogen: parse the schema: %w", err)
	}
	g, err := gen.NewGenerator(spec, gen.Options{
		Generator: gen.GenerateOptions{Features: &gen.FeatureOptions{
			DisableAll: true,
			Enable:     gen.FeatureSet{gen.PathsClient.Name: {}},
		}},
		Logger: zap.NewNop(),
	})
	if err != nil {
		return fmt.Errorf("ogen: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := removeGenerated(dir); err != nil {
		return err
	}
	if err := g.WriteSource(taggedFiles{dir: dir}, pkg); err != nil {
		return fmt.Errorf("ogen: write the client: %w", err)
	}
	return nil
}

// taggedFiles writes ogen's files with the BuildTag constraint on top.
type taggedFiles struct {
	dir string
}

// WriteFile implements ogen's gen.FileSystem.
func (t taggedFiles) WriteFile(name string, content []byte) error {
	tagged := append([]byte("//go:build "+BuildTag+"\n\n"), content...)
	return os.WriteFile(filepath.Join(t.dir, name), tagged, 0o644)
}

// removeGenerated deletes the files a previous run generated in dir.
func removeGenerated(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "oas_") && strings.HasSuffix(e.Name(), "_gen.go") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// OgenVersion is the version of ogen this module pins, as built in.
func OgenVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/ogen-go/ogen" {
				return dep.Version
			}
		}
	}
	return "(unknown version)"
}
