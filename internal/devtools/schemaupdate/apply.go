package schemaupdate

import (
	"fmt"
	"os"
	"path/filepath"
)

// An edit is the new content of one file of the checkout.
type edit struct {
	path string // relative to the root
	data []byte
}

// schemaEdits returns the edits that make the checkout at root hold the
// revision s with provenance p: api/openapi.json byte for byte, the SHA256
// constant of api/api.go and the table of api/PROVENANCE.md. Nothing is
// written: a file that cannot be edited fails the update before it starts.
func schemaEdits(root string, s *Schema, p Provenance) ([]edit, error) {
	src, err := os.ReadFile(filepath.Join(root, apiGoFile))
	if err != nil {
		return nil, err
	}
	if src, err = setSHA256(src, p.SHA256); err != nil {
		return nil, err
	}
	md, err := os.ReadFile(filepath.Join(root, provenanceFile))
	if err != nil {
		return nil, err
	}
	if md, err = setProvenance(md, p); err != nil {
		return nil, err
	}
	return []edit{
		{path: schemaFile, data: s.Raw},
		{path: apiGoFile, data: src},
		{path: provenanceFile, data: md},
	}, nil
}

// writeEdits writes the edits under root, keeping each file's mode.
func writeEdits(root string, edits []edit) error {
	for _, e := range edits {
		path := filepath.Join(root, filepath.FromSlash(e.path))
		if err := writeFileAtomic(path, e.data, fileMode(path, 0o644)); err != nil {
			return fmt.Errorf("write %s: %w", e.path, err)
		}
	}
	return nil
}
