package falmock

import (
	"errors"
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
)

// uuidPattern is the syntax of a UUID (RFC 4122's 8-4-4-4-12 hex digits),
// which is what JSON Schema's "uuid" format asks; version and variant bits
// are not checked.
const uuidPattern = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`

// formatOptions make the validator check the string formats fal's schema
// uses that kin-openapi leaves unchecked by default (uri, uuid, email). They
// apply to this package's validations only, not to kin-openapi's globals.
var formatOptions = []openapi3.SchemaValidationOption{
	openapi3.WithStringFormatValidators(map[string]openapi3.StringFormatValidator{
		"uri":   openapi3.NewCallbackValidator(validateURI),
		"uuid":  openapi3.NewRegexpFormatValidator(uuidPattern),
		"email": openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail),
	}),
}

// validateURI accepts an absolute URI (one with a scheme), as RFC 3986
// defines "URI".
func validateURI(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme == "" {
		return errors.New("not an absolute URI")
	}
	return nil
}
