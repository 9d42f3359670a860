package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// A location names where an inline schema sits in the document, in a form that
// survives unrelated schema changes: the operationId, the role the schema plays
// in that operation, and the path from there to the schema.
//
//	getPricing.response.200.prices[]        items of the prices array of the 200 body
//	getModels.params.status                 the status query parameter
//	estimatePricing.request|1               second branch of the request body's oneOf
//	getModels.response.200.models[].metadata{}  values of the metadata map
//
// The name map in api/names.yaml is keyed by these strings.
type location string

func operationLocation(operationID string) location { return location(operationID) }

func (l location) param(name string) location      { return l + ".params." + location(name) }
func (l location) request() location               { return l + ".request" }
func (l location) response(status string) location { return l + ".response." + location(status) }
func (l location) property(name string) location   { return l + "." + location(name) }
func (l location) items() location                 { return l + ItemsStep }
func (l location) values() location                { return l + ValuesStep }
func (l location) variant(i int) location          { return l + variantMark + location(strconv.Itoa(i)) }

// Steps of a SchemaPath that are not property names.
const (
	// ItemsStep goes to the items of an array.
	ItemsStep = "[]"
	// ValuesStep goes to the values of a map (additionalProperties).
	ValuesStep = "{}"
	// variantMark starts a step to a branch of an anyOf, oneOf or allOf:
	// "|1" is the second.
	variantMark = "|"
)

// A SchemaPath is a location taken apart: the operation, the role the
// schema plays in it, and the steps from the role's schema down to it.
type SchemaPath struct {
	// OperationID is the operation's operationId.
	OperationID string
	// Role is "request", "params" or "response".
	Role string
	// Name is the parameter of a "params" role, the status of a "response".
	Name string
	// Steps lead from the role's schema down: a property name, ItemsStep,
	// ValuesStep, or "|N" for branch N of an anyOf, oneOf or allOf (see
	// Variant).
	Steps []string
}

// ParseLocation takes a location of api/names.yaml apart, for example
// "serverlessLogsHistory.response.200.items[]" into the operation
// serverlessLogsHistory, the role response, the name 200 and the steps
// "items" and ItemsStep.
func ParseLocation(loc string) (SchemaPath, error) {
	bad := func(why string) (SchemaPath, error) {
		return SchemaPath{}, fmt.Errorf("location %q: %s", loc, why)
	}
	op, rest, ok := strings.Cut(loc, ".")
	if !ok || op == "" {
		return bad("want operationId.role")
	}
	p := SchemaPath{OperationID: op}
	p.Role, rest = cutStep(rest)
	switch p.Role {
	case "request":
	case "params", "response":
		if !strings.HasPrefix(rest, ".") {
			return bad(fmt.Sprintf("%s needs a name after it", p.Role))
		}
		if p.Name, rest = cutStep(rest[1:]); p.Name == "" {
			return bad(fmt.Sprintf("%s needs a name after it", p.Role))
		}
	default:
		return bad(fmt.Sprintf("unknown role %q (want request, params or response)", p.Role))
	}
	for rest != "" {
		var step string
		switch {
		case strings.HasPrefix(rest, ItemsStep), strings.HasPrefix(rest, ValuesStep):
			step, rest = rest[:2], rest[2:]
		case strings.HasPrefix(rest, variantMark):
			var n string
			n, rest = cutStep(rest[1:])
			if _, err := strconv.Atoi(n); err != nil {
				return bad(fmt.Sprintf("branch %q is not a number", n))
			}
			step = variantMark + n
		case strings.HasPrefix(rest, "."):
			if step, rest = cutStep(rest[1:]); step == "" {
				return bad("empty property name")
			}
		default:
			return bad(fmt.Sprintf("unexpected %q", rest))
		}
		p.Steps = append(p.Steps, step)
	}
	return p, nil
}

// cutStep splits s before the first character that starts another step.
func cutStep(s string) (step, rest string) {
	if i := strings.IndexAny(s, ".[{|"); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

// Variant reports whether step goes to a branch of an anyOf, oneOf or
// allOf, and which.
func Variant(step string) (int, bool) {
	n, ok := strings.CutPrefix(step, variantMark)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(n)
	return i, err == nil
}

// derivedName is the Go type name a schema at l gets when the name map does
// not name it: the operation and role spelled out in PascalCase, for example
// getModels.response.200.models[].metadata -> GetModelsResponseModelsItemMetadata.
func (l location) derivedName() string {
	var b strings.Builder
	s := string(l)
	word := func(w string) { b.WriteString(pascal(w)) }
	for len(s) > 0 {
		i := strings.IndexAny(s, ".[{|")
		if i < 0 {
			word(s)
			break
		}
		if i > 0 {
			word(s[:i])
		}
		switch {
		case strings.HasPrefix(s[i:], "[]"):
			b.WriteString("Item")
			s = s[i+2:]
		case strings.HasPrefix(s[i:], "{}"):
			b.WriteString("Value")
			s = s[i+2:]
		case s[i] == '|':
			b.WriteString("Variant")
			s = s[i+1:]
		default:
			s = s[i+1:]
		}
	}
	return fixupRoles(b.String())
}

// fixupRoles shortens the role words of a derived name: the success body of an
// operation is its Response, an error body its Error; a parameter drops the
// "Params" word.
func fixupRoles(name string) string {
	for _, status := range []string{"200", "201", "202", "203", "206"} {
		name = strings.Replace(name, "Response"+status, "Response", 1)
	}
	name = strings.Replace(name, "Params", "", 1)
	if i := strings.Index(name, "Response"); i >= 0 && len(name) > i+8 && (name[i+8] == '4' || name[i+8] == '5') {
		name = name[:i] + "Error" + name[i+8:]
	}
	return name
}

// pascal turns an identifier fragment (snake_case, kebab-case, camelCase or
// digits) into PascalCase with Go initialisms: "api_key" -> "APIKey".
func pascal(s string) string {
	var b strings.Builder
	for _, w := range splitWords(s) {
		if up := strings.ToUpper(w); initialisms[up] {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	return b.String()
}

// splitWords splits at non-alphanumerics and at lower-to-upper case changes.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = nil
		}
	}
	var prev rune
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return words
}

// Initialisms are the words Go spells in capitals: oapi-codegen's own list
// plus the additional-initialisms of oapi-codegen.yaml, so that a name derived
// here is one the generator keeps as it is.
var initialisms = map[string]bool{
	"ACL": true, "AMQP": true, "API": true, "ASCII": true, "CPU": true, "CSS": true,
	"CSV": true, "DB": true, "DNS": true, "EOF": true, "GID": true, "GPU": true,
	"GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true, "IP": true,
	"JSON": true, "QPS": true, "RAM": true, "RPC": true, "RTP": true, "SIP": true,
	"SLA": true, "SMTP": true, "SQL": true, "SSE": true, "SSH": true, "TCP": true,
	"TLS": true, "TS": true, "TTL": true, "UDP": true, "UI": true, "UID": true,
	"URI": true, "URL": true, "UTF8": true, "UUID": true, "VM": true, "XML": true,
	"XMPP": true, "XSRF": true, "XSS": true,
}

// GoName spells an identifier (an operationId, a parameter name) the way the
// generator does: PascalCase with Go initialisms, "listApiKeys" -> "ListAPIKeys".
func GoName(s string) string { return pascal(s) }
