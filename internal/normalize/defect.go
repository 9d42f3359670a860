package normalize

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

// DefectError is a defect of a published document that the normalizer does
// not repair: where it is, what is wrong, and the hints.yaml entry that would
// override it.
type DefectError struct {
	// Pointer is the JSON pointer (RFC 6901) of the defect; empty when
	// nothing in kin-openapi's error locates it.
	Pointer string
	// Problem says what is wrong.
	Problem string
	// Override is the hints.yaml entry that would override the refusal, in
	// YAML flow style; empty when none would (a defect of the normalizer's
	// own output).
	Override string
	// Err is kin-openapi's error, when kin-openapi found the defect.
	Err error
}

func (e *DefectError) Error() string {
	where := e.Pointer
	if where == "" {
		where = "(no JSON pointer found)"
	}
	msg := where + ": " + e.Problem
	if e.Override != "" {
		msg += "; to override, add to api/hints.yaml: " + e.Override
	}
	return msg
}

func (e *DefectError) Unwrap() error { return e.Err }

// validate loads data with kin-openapi and validates it, examples included
// when examples is set. A document kin-openapi refuses gives a
// *DefectError (see Locate).
func validate(data []byte, examples bool) error {
	var opts []openapi3.ValidationOption
	if !examples {
		opts = append(opts, openapi3.DisableExamplesValidation())
	}
	if loadAndValidate(data, false, opts) == nil {
		return nil
	}
	return Locate(data, opts...)
}

// loadAndValidate loads data with kin-openapi, recording where each element
// stands when origins is set, and validates it with opts.
func loadAndValidate(data []byte, origins bool, opts []openapi3.ValidationOption) error {
	load := loadDocument
	if origins {
		loader := openapi3.NewLoader()
		loader.IncludeOrigin = true
		load = loader.LoadFromData
	}
	doc, err := load(data)
	if err != nil {
		return err
	}
	return doc.Validate(context.Background(), opts...)
}

// Locate loads and validates data with kin-openapi again, this time
// recording where each element stands, and returns the defect kin-openapi
// refuses as a *DefectError that names its JSON pointer and the hints.yaml
// entry that would override it; nil when kin-openapi accepts data. It costs
// a second load, so callers run it once a document has failed.
func Locate(data []byte, opts ...openapi3.ValidationOption) error {
	err := loadAndValidate(data, true, opts)
	if err == nil {
		return nil
	}
	doc, _ := decodeTree(data)
	d := &DefectError{Err: err, Problem: problemText(err)}
	target := ""
	d.Pointer, target = errorPointer(doc, data, err)
	d.Override = overrideFor(doc, target)
	return d
}

// errorPointer finds the JSON pointer of the defect err reports, from the
// pointer a leaf error carries, else from the origin kin-openapi recorded
// (refined by the field or example value at fault), else from the section,
// path, operation or component its context wrappers name. It also returns
// the pointer an override should target: the example, not the value in it.
func errorPointer(doc node, data []byte, err error) (ptr, target string) {
	var undefined *openapi3.SecurityRequirementSchemeUndefinedError
	if errors.As(err, &undefined) {
		return undefined.JSONPointer, undefined.JSONPointer
	}
	ptr, ok := originPointer(data, innermostOrigin(err))
	if !ok {
		ptr = contextPointer(err)
		return ptr, ptr
	}
	var sve *openapi3.SchemaValueError
	if errors.As(err, &sve) {
		if v, _ := resolve(doc, ptr); !strings.HasSuffix(ptr, "/value") && hasKey(v, sve.ValueKind) {
			ptr += pointer(sve.ValueKind)
		}
		return ptr + instancePointer(sve.Cause), ptr
	}
	if field := faultyField(err); field != "" {
		ptr += pointer(field)
	}
	return ptr, ptr
}

func hasKey(v any, key string) bool {
	n, ok := v.(node)
	_, has := n[key]
	return ok && has
}

// faultyField names the field of the located element that a leaf error
// finds at fault.
func faultyField(err error) string {
	var (
		schemaType *openapi3.SchemaTypeError
		schemeType *openapi3.InvalidSecuritySchemeTypeError
		httpScheme *openapi3.InvalidHTTPSchemeError
		apiKeyIn   *openapi3.APIKeyInInvalidError
		paramIn    *openapi3.InvalidParameterInError
		required   *openapi3.RequiredFieldError
	)
	switch {
	case errors.As(err, &schemaType), errors.As(err, &schemeType):
		return "type"
	case errors.As(err, &httpScheme):
		return "scheme"
	case errors.As(err, &apiKeyIn), errors.As(err, &paramIn):
		return "in"
	case errors.As(err, &required):
		return required.Field[strings.LastIndex(required.Field, ".")+1:]
	}
	return ""
}

// schemaErrorLocation matches the location the JSON Schema 2020-12
// validator names in a reason: "- at '/x': got number, want string".
var schemaErrorLocation = regexp.MustCompile(`at '(/[^']*)'`)

// instancePointer is the pointer, within the value checked, of the first
// failure of a schema check.
func instancePointer(err error) string {
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		return ""
	}
	if p := se.JSONPointer(); len(p) > 0 {
		return pointer(p...)
	}
	if m := schemaErrorLocation.FindStringSubmatch(se.Reason); m != nil {
		return m[1]
	}
	return ""
}

// componentSections maps the section a ComponentValidationError names to
// its key under components.
var componentSections = map[string]string{
	"schema": "schemas", "parameter": "parameters", "header": "headers",
	"request body": "requestBodies", "response": "responses",
	"security scheme": "securitySchemes", "example": "examples",
	"link": "links", "callback": "callbacks",
}

// contextPointer builds a pointer from the scopes kin-openapi's context
// wrappers name: the section, then the path and operation, webhook or
// component. Each wrapper stands at most once in a chain, in that order.
func contextPointer(err error) string {
	var (
		tokens    []string
		section   *openapi3.SectionValidationError
		path      *openapi3.PathValidationError
		webhook   *openapi3.WebhookValidationError
		operation *openapi3.OperationValidationError
		params    *openapi3.PathParametersError
		component *openapi3.ComponentValidationError
	)
	if errors.As(err, &section) {
		tokens = append(tokens, section.Section)
	}
	if errors.As(err, &path) {
		tokens = append(tokens, path.Path)
	}
	if errors.As(err, &webhook) {
		tokens = append(tokens, webhook.Name)
	}
	if errors.As(err, &operation) {
		tokens = append(tokens, strings.ToLower(operation.Method))
	}
	if errors.As(err, &params) {
		tokens = append(tokens, params.Path, strings.ToLower(params.Method))
	}
	if errors.As(err, &component) {
		tokens = append(tokens, componentSections[component.Section], component.Name)
	}
	if len(tokens) == 0 {
		return ""
	}
	return pointer(tokens...)
}

// nextError unwraps one level of err; of several errors it takes the first,
// which is the one kin-openapi's message starts with.
func nextError(err error) error {
	if next := errors.Unwrap(err); next != nil {
		return next
	}
	var multi openapi3.MultiError
	if errors.As(err, &multi) && len(multi) > 0 {
		return multi[0]
	}
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		if errs := joined.Unwrap(); len(errs) > 0 {
			return errs[0]
		}
	}
	return nil
}

// originType is the type of the Origin field kin-openapi's errors carry.
var originType = reflect.TypeFor[*openapi3.Origin]()

// innermostOrigin returns the last origin with a position along err's
// chain: that of the element closest to the defect. kin-openapi's errors
// carry it in a field named Origin, which many error types share and no
// interface exposes.
func innermostOrigin(err error) *openapi3.Origin {
	var found *openapi3.Origin
	for e := err; e != nil; e = nextError(e) {
		v := reflect.ValueOf(e)
		if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
			continue
		}
		f := v.Elem().FieldByName("Origin")
		if !f.IsValid() || f.Type() != originType {
			continue
		}
		if o := f.Interface().(*openapi3.Origin); o != nil && o.Key != nil && o.Key.Line > 0 {
			found = o
		}
	}
	return found
}

// originPointer maps an origin to the JSON pointer of the element it heads:
// kin-openapi records the line and column (in characters) of the element's
// key, or of its first field.
func originPointer(data []byte, o *openapi3.Origin) (string, bool) {
	if o == nil {
		return "", false
	}
	offset, ok := byteOffset(data, o.Key.Line, o.Key.Column)
	if !ok {
		return "", false
	}
	ptr, ok := keyPointer(data, offset)
	if ok && isItem(o) {
		ptr = ptr[:strings.LastIndexByte(ptr, '/')]
	}
	return ptr, ok
}

// isItem reports whether an origin is that of an element with no key of its
// own (an array item): kin-openapi then records the position of its first
// field as the element's.
func isItem(o *openapi3.Origin) bool {
	for _, f := range o.Fields {
		if f.Line == o.Key.Line && f.Column == o.Key.Column {
			return true
		}
	}
	return false
}

// byteOffset converts a 1-based line and column in characters to a byte
// offset in data.
func byteOffset(data []byte, line, column int) (int, bool) {
	off := 0
	for range line - 1 {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	for range column - 1 {
		if off >= len(data) || data[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off, true
}

// keyPointer returns the JSON pointer of the member whose key starts at
// byte offset target of the JSON document data.
func keyPointer(data []byte, target int) (string, bool) {
	type frame struct {
		object, wantKey bool
		key             string
		index           int
	}
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		start := skipSeparators(data, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		top := len(stack) - 1
		if key, isKey := tok.(string); isKey && top >= 0 && stack[top].wantKey {
			stack[top].key, stack[top].wantKey = key, false
			if start != target {
				continue
			}
			tokens := make([]string, len(stack))
			for i, f := range stack {
				tokens[i] = f.key
				if !f.object {
					tokens[i] = strconv.Itoa(f.index)
				}
			}
			return pointer(tokens...), true
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{object: true, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack, top = stack[:top], top-1
		}
		if top >= 0 { // a value of the enclosing object or array ended
			if stack[top].object {
				stack[top].wantKey = true
			} else {
				stack[top].index++
			}
		}
	}
}

// skipSeparators returns the offset of the first byte at or after off that
// starts a token: past white space, commas and colons.
func skipSeparators(data []byte, off int) int {
	for off < len(data) && strings.IndexByte(" \t\r\n,:", data[off]) >= 0 {
		off++
	}
	return off
}

// contextWrappers are kin-openapi's errors that only say where their
// cause happened.
var contextWrappers = map[reflect.Type]bool{
	reflect.TypeFor[*openapi3.SectionValidationError]():           true,
	reflect.TypeFor[*openapi3.PathValidationError]():              true,
	reflect.TypeFor[*openapi3.OperationValidationError]():         true,
	reflect.TypeFor[*openapi3.ComponentValidationError]():         true,
	reflect.TypeFor[*openapi3.WebhookValidationError]():           true,
	reflect.TypeFor[*openapi3.ParameterFieldValidationError]():    true,
	reflect.TypeFor[*openapi3.HeaderFieldValidationError]():       true,
	reflect.TypeFor[*openapi3.MediaTypeExampleValidationError]():  true,
	reflect.TypeFor[*openapi3.MediaTypeEncodingValidationError](): true,
	reflect.TypeFor[*openapi3.ParameterExampleValidationError]():  true,
	reflect.TypeFor[*openapi3.TagValidationError]():               true,
}

// problemText words what err finds wrong without the wrappers' "where"
// (the pointer says it) or the schema and value dumps, on one line.
func problemText(err error) string {
	for contextWrappers[reflect.TypeOf(err)] && nextError(err) != nil {
		err = nextError(err)
	}
	msg, _, _ := strings.Cut(err.Error(), "\nSchema:")
	var b strings.Builder
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimPrefix(strings.TrimSpace(l), "- ")
		if l == "" || strings.HasPrefix(l, "jsonschema validation failed with") {
			continue
		}
		if b.Len() > 0 {
			// A line ending in a colon introduces the next; others list.
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// overrideFor is the hints.yaml entry that would override a defect at
// pointer target: the reading of a security scheme, else a patch that
// removes the part at fault, or adds the one missing.
func overrideFor(doc node, target string) string {
	tokens, err := parsePointer(target)
	if err != nil || len(tokens) == 0 {
		return "overrides: {patch: [...]} (a JSON Patch of the published document)"
	}
	if len(tokens) >= 3 && tokens[0] == "components" && tokens[1] == "securitySchemes" {
		return schemeOverride(tokens[2])
	}
	op := PatchOp{Op: "remove", Path: target}
	if _, exists := resolve(doc, target); !exists {
		op = PatchOp{Op: "add", Path: target, Value: "<value>"}
	}
	return "overrides: {patch: [" + op.String() + "]}"
}
