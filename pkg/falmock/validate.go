package falmock

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// authError is a failed credential check: 401 for a missing, malformed or
// unknown key, 403 for a valid key that is not an admin key where one is
// required.
type authError struct {
	status int
	msg    string
}

func (e *authError) Error() string { return e.msg }

// validationOptions are the openapi3filter options of a handler: one set
// that validates the body, one that leaves it to readUpload.
func (h *Handler) validationOptions() (withBody, withoutBody *openapi3filter.Options) {
	withBody = &openapi3filter.Options{
		AuthenticationFunc:      h.authenticate,
		SkipSettingDefaults:     true,
		SchemaValidationOptions: formatOptions,
	}
	withoutBody = &openapi3filter.Options{
		AuthenticationFunc:      h.authenticate,
		SkipSettingDefaults:     true,
		SchemaValidationOptions: formatOptions,
		ExcludeRequestBody:      true,
	}
	withBody.WithCustomSchemaErrorFunc(schemaProblem)
	withoutBody.WithCustomSchemaErrorFunc(schemaProblem)
	return withBody, withoutBody
}

// validateRequest checks a request against its operation with
// openapi3filter.ValidateRequest: security, path, query, headers and (except
// for multipart uploads, which are streamed) the body. It returns 0 for a
// valid request, else the status to answer and a message naming what was
// wrong.
func (h *Handler) validateRequest(r *http.Request, o *operation, params map[string]string) (int, string) {
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      o.route,
		Options:    h.optsBody,
	}
	if o.multipart {
		// Keep the upload unread: the security check would read it whole.
		body := r.Body
		r.Body = http.NoBody
		defer func() { r.Body = body }()
		in.Options = h.optsNoBody
	}
	err := openapi3filter.ValidateRequest(r.Context(), in)
	if err == nil {
		return 0, ""
	}
	var ae *authError
	if errors.As(err, &ae) {
		return ae.status, ae.msg
	}
	return http.StatusBadRequest, problemMessage(err)
}

// problemMessage is a validation error on one line.
func problemMessage(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

// jsonSchemaHeader starts the report of the JSON Schema 2020-12 validator,
// whose following lines each name the failing location and reason.
const jsonSchemaHeader = "jsonschema validation failed"

// schemaProblem words a schema error without the schema and value dumps:
// "at '/name': got number, want string", joining nested reasons with "; ".
func schemaProblem(se *openapi3.SchemaError) string {
	lines := strings.Split(se.Reason, "\n")
	if strings.HasPrefix(lines[0], jsonSchemaHeader) {
		lines = lines[1:]
	} else if ptr := se.JSONPointer(); len(ptr) > 0 {
		lines[0] = fmt.Sprintf("at '/%s': %s", strings.Join(ptr, "/"), lines[0])
	}
	out := lines[:0]
	for _, l := range lines {
		l = strings.TrimPrefix(strings.TrimSpace(l), "- ")
		if l = strings.TrimPrefix(l, "at '': "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "; ")
}

// authenticate is the openapi3filter.AuthenticationFunc: it checks the key
// a request offers for one security scheme of the operation (see
// credentialOf).
func (h *Handler) authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	opID := in.RequestValidationInput.Route.Operation.OperationID
	c, ok := credentialOf(in.SecurityScheme)
	if !ok {
		return &authError{http.StatusUnauthorized, fmt.Sprintf("security scheme %q of type %q is not supported by falmock", in.SecuritySchemeName, describeScheme(in.SecurityScheme))}
	}
	raw := c.read(in.RequestValidationInput.Request)
	if raw == "" {
		if o := h.spec.byID[opID]; o != nil && o.authOptional {
			return nil
		}
		return &authError{http.StatusUnauthorized, fmt.Sprintf("missing API key: send it in the %s as %s", c.place(), c.formsText())}
	}
	key, ok := c.key(raw)
	if !ok {
		return &authError{http.StatusUnauthorized, fmt.Sprintf("malformed %s: want %s", c.place(), c.formsText())}
	}
	admin := h.cfg.adminKeys[key]
	if len(h.cfg.keys) > 0 && !h.cfg.keys[key] && !admin {
		return &authError{http.StatusUnauthorized, "invalid API key"}
	}
	if len(h.cfg.adminKeys) > 0 && isAdminScheme(in.SecuritySchemeName) && !admin {
		return &authError{http.StatusForbidden, fmt.Sprintf("%s needs an admin API key (security scheme %q)", opID, in.SecuritySchemeName)}
	}
	return nil
}

// isAdminScheme reports whether a security scheme is an admin one, by its
// name (fal's is adminApiKey).
func isAdminScheme(name string) bool {
	return strings.Contains(strings.ToLower(name), "admin")
}
