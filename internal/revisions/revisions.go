// Package revisions lists the revisions of fal's schema the pipeline is
// checked against, besides api/openapi.json: the published revisions kept in
// testdata/schemas, and the variants in testdata/schemas/variants, each a
// published revision with a JSON Patch (RFC 6902) that reproduces a defect
// fal once published, or adds constructs fal has not published yet
// (future-constructs). A variant is built when it is read, so no patched
// copy of a 700 KB revision is kept.
package revisions

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/falplatform/fal-go/internal/normalize"
)

// Dir is where the revisions are kept, relative to the repository's root.
const Dir = "testdata/schemas"

// Revision is one revision of the schema: published, or a defect variant.
type Revision struct {
	// Name is the published revision's file name
	// ("openapi-2026-07-30.json"), or, for a variant, its base's name with
	// the variant's ("openapi-2026-07-30+undefined-admin-scheme.json").
	Name string
	// Description says, for a variant, which defect it reproduces.
	Description string
	// Base is the file of the published revision a variant patches.
	Base string
	// File is the revision's file, or the variant's (its patch).
	File string
	// Patch is the variant's patch of Base; nil for a published revision.
	Patch []normalize.PatchOp
}

// variantFile is the content of a variant's file.
type variantFile struct {
	Description string              `json:"description"`
	Base        string              `json:"base"`
	Patch       []normalize.PatchOp `json:"patch"`
}

// Published lists the published revisions kept under root, oldest first
// (their names hold the date).
func Published(root string) ([]Revision, error) {
	files, err := filepath.Glob(filepath.Join(root, Dir, "openapi-*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	out := make([]Revision, len(files))
	for i, f := range files {
		out[i] = Revision{Name: filepath.Base(f), File: f}
	}
	return out, nil
}

// Variants lists the variants kept under root, by name.
func Variants(root string) ([]Revision, error) {
	files, err := filepath.Glob(filepath.Join(root, Dir, "variants", "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []Revision
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var v variantFile
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if v.Base == "" || filepath.Base(v.Base) != v.Base || len(v.Patch) == 0 || v.Description == "" {
			return nil, fmt.Errorf("%s: a variant needs a description, the file name of its base in %s and a patch", f, Dir)
		}
		out = append(out, Revision{
			Name:        strings.TrimSuffix(v.Base, ".json") + "+" + filepath.Base(f),
			Description: v.Description,
			Base:        filepath.Join(root, Dir, v.Base),
			File:        f,
			Patch:       v.Patch,
		})
	}
	return out, nil
}

// All lists the published revisions, then the variants.
func All(root string) ([]Revision, error) {
	published, err := Published(root)
	if err != nil {
		return nil, err
	}
	variants, err := Variants(root)
	return append(published, variants...), err
}

// Read returns the revision's document: the published file, or the
// variant's base with its patch applied.
func (r Revision) Read() ([]byte, error) {
	if r.Patch == nil {
		return os.ReadFile(r.File)
	}
	base, err := os.ReadFile(r.Base)
	if err != nil {
		return nil, fmt.Errorf("variant %s: %w", r.Name, err)
	}
	doc, err := normalize.PatchDocument(base, r.Patch)
	if err != nil {
		return nil, fmt.Errorf("variant %s: %w", r.Name, err)
	}
	return doc, nil
}

// WriteVariants writes the document of each variant under root into dir,
// as dir/<Name>, and returns the files.
func WriteVariants(root, dir string) ([]string, error) {
	variants, err := Variants(root)
	if err != nil {
		return nil, err
	}
	var files []string
	var errs []error
	for _, v := range variants {
		doc, err := v.Read()
		if err != nil {
			errs = append(errs, err)
			continue
		}
		file := filepath.Join(dir, v.Name)
		if err := os.WriteFile(file, doc, 0o644); err != nil {
			errs = append(errs, err)
			continue
		}
		files = append(files, file)
	}
	return files, errors.Join(errs...)
}
