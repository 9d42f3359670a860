package falmock

import (
	"errors"
	"fmt"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/getkin/kin-openapi/openapi3"
)

// parseRepairedSpec is parseSpec for a revision fal may have published with
// defects. It reads the document as go generate does: through the overrides
// of api/hints.yaml and, when parseSpec refuses it, through normalize.Repair
// (a security requirement naming a scheme the document does not define
// reads as fal's key header). A sound document with no override is parsed
// once, as it came; a document still refused names its defect's JSON
// pointer.
func parseRepairedSpec(data []byte) (*spec, error) {
	hints, err := normalize.ParseHints(api.Hints)
	if err != nil {
		return nil, err
	}
	return parseWithHints(data, hints)
}

// parseWithHints is parseRepairedSpec with the hints given.
func parseWithHints(data []byte, hints normalize.Hints) (*spec, error) {
	if hints.Overrides.Empty() {
		s, err := parseSpec(data)
		if err == nil {
			return s, nil
		}
		repaired, repairs, rerr := normalize.Repair(data, hints)
		if rerr != nil || len(repairs) == 0 {
			return nil, located(data, err)
		}
		data = repaired
	} else {
		repaired, _, err := normalize.Repair(data, hints)
		if err != nil {
			return nil, fmt.Errorf("repair openapi document: %w", err)
		}
		data = repaired
	}
	s, err := parseSpec(data)
	if err != nil {
		return nil, located(data, err)
	}
	return s, nil
}

// located adds the JSON pointer of the defect to err, a refusal of data by
// kin-openapi, when normalize.Locate finds one.
func located(data []byte, err error) error {
	var d *normalize.DefectError
	if errors.As(normalize.Locate(data, openapi3.DisableExamplesValidation()), &d) && d.Pointer != "" {
		return fmt.Errorf("%w (at %s)", err, d.Pointer)
	}
	return err
}
