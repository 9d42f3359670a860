package schemaupdate

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// DefaultSource is where fal serves the Platform APIs schema.
const DefaultSource = "https://api.fal.ai/v1/openapi.json"

// maxSchemaBytes bounds a download; the schema is under 1 MB today.
const maxSchemaBytes = 64 << 20

// isURL reports whether from is an http or https URL rather than a file path.
func isURL(from string) bool {
	return strings.HasPrefix(from, "https://") || strings.HasPrefix(from, "http://")
}

// ReadSource returns the schema at from: an http or https URL, fetched with
// client (http.DefaultClient when nil), or else the path of a file.
func ReadSource(ctx context.Context, from string, client *http.Client) ([]byte, error) {
	if !isURL(from) {
		data, err := os.ReadFile(from)
		if err != nil {
			return nil, fmt.Errorf("read schema: %w", err)
		}
		return data, nil
	}
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, from, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch schema: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch schema: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch schema: %s answered %s", from, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSchemaBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch schema: %w", err)
	}
	if len(data) > maxSchemaBytes {
		return nil, fmt.Errorf("fetch schema: %s is larger than %d bytes", from, maxSchemaBytes)
	}
	return data, nil
}

// sourceLabel is how PROVENANCE.md records where a schema came from: the URL,
// or, for a file, its name.
func sourceLabel(from string) string {
	if isURL(from) {
		return from
	}
	return "local file `" + filepath.Base(from) + "`"
}
