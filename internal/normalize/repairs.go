package normalize

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// A repairRule mends, in the published document, one kind of defect fal has
// published, before the document is validated. It notes each repair in the
// log, and returns a *DefectError (or several, joined) for what it refuses.
type repairRule struct {
	name  string
	apply func(doc node, h Hints, log *repairLog) error
}

// repairRules make a revision kin-openapi refuses loadable, as fal's server
// reads it, in the order they run. Repair applies them (falmock and the
// schema tools load a revision through it), and Normalize too.
var repairRules = []repairRule{
	// hintedPatch (hint): hints.yaml's overrides.patch is applied, operation by operation.
	{"hintedPatch", hintedPatch},
	// hintedSchemes (hint): a scheme hints.yaml's overrides.securitySchemes reads as "key" becomes fal's key header.
	{"hintedSchemes", hintedSchemes},
	// undefinedSchemes: a scheme a security requirement (global, of an operation, a webhook or a callback) names and components.securitySchemes lacks is defined, under that name, as fal's key header.
	{"undefinedSchemes", undefinedSchemes},
}

// keyRules make the generator's input say what the client sends: fal's key
// header, whatever scheme the revision describes. Normalize applies them
// after repairRules; falmock does not, so that it validates each scheme as
// published.
var keyRules = []repairRule{
	// httpKeySchemes: an http bearer or basic scheme a requirement names is fal's key header, which fal's server takes in that same Authorization header.
	{"httpKeySchemes", httpKeySchemes},
	// keylessOperations: an operation no requirement of which fal's key header meets is refused, naming the scheme and the override that reads it as the key.
	{"keylessOperations", keylessOperations},
}

// repairLog collects what the rules did: the repairs, and the warnings about
// hints that no longer apply.
type repairLog struct {
	repairs, warnings []string
}

func (l *repairLog) repaired(format string, args ...any) {
	l.repairs = append(l.repairs, "repaired: "+fmt.Sprintf(format, args...))
}

func (l *repairLog) warn(format string, args ...any) {
	l.warnings = append(l.warnings, fmt.Sprintf(format, args...))
}

// applyRules runs rules on doc in order. It stops at the first rule that
// refuses the document.
func applyRules(doc node, h Hints, log *repairLog, rules ...[]repairRule) error {
	for _, list := range rules {
		for _, rule := range list {
			if err := rule.apply(doc, h, log); err != nil {
				return err
			}
		}
	}
	return nil
}

// Repair applies repairRules to the published document raw, with the
// overrides of h. It returns the document to load (raw itself, unchanged,
// when nothing was repaired) and one line per repair, as Normalize warns.
func Repair(raw []byte, h Hints) ([]byte, []string, error) {
	return repair(raw, h, repairRules)
}

// ClientReading is Repair followed by keyRules: the published document as
// the generated client reads it, every scheme the client answers with fal's
// key header written as that header. An independent mock given it checks
// what the client sends, and no more than Repair changes when the schema
// describes its keys as fal's key header already.
func ClientReading(raw []byte, h Hints) ([]byte, []string, error) {
	return repair(raw, h, repairRules, keyRules)
}

func repair(raw []byte, h Hints, rules ...[]repairRule) ([]byte, []string, error) {
	doc, err := decodeTree(raw)
	if err != nil {
		return nil, nil, err
	}
	var log repairLog
	if err := applyRules(doc, h, &log, rules...); err != nil {
		return nil, nil, err
	}
	if len(log.repairs) == 0 {
		return raw, nil, nil
	}
	repaired, err := encodeTree(doc)
	return repaired, log.repairs, err
}

func hintedPatch(doc node, h Hints, log *repairLog) error {
	for i, op := range h.Overrides.Patch {
		if err := applyPatchOp(doc, op); err != nil {
			log.warn("hints: overrides.patch[%d] no longer applies: %v", i, err)
			continue
		}
		log.repaired("%s %s, as hints.yaml's overrides.patch[%d] says", op.Op, op.Path, i)
	}
	return nil
}

// keyHeaderText describes fal's key header in repairs and refusals.
const keyHeaderText = `fal's key header, "Authorization: Key <key>"`

// keyHeaderScheme is fal's key header as a security scheme; why says how
// the normalizer came to define it.
func keyHeaderScheme(why string) node {
	return node{
		"type":        "apiKey",
		"in":          "header",
		"name":        "Authorization",
		"description": "The key must be prefixed with \"Key \", e.g. Authorization: Key YOUR_API_KEY. Defined by internal/normalize: " + why + ".",
	}
}

// isKeyHeader reports whether a scheme is fal's key header: apiKey in the
// Authorization header.
func isKeyHeader(scheme node) bool {
	return str(scheme, "type") == "apiKey" && str(scheme, "in") == "header" && strings.EqualFold(str(scheme, "name"), "Authorization")
}

func hintedSchemes(doc node, h Hints, log *repairLog) error {
	for _, name := range slices.Sorted(maps.Keys(h.Overrides.SecuritySchemes)) {
		scheme := securityScheme(doc, name)
		switch {
		case scheme == nil:
			log.warn("hints: overrides.securitySchemes.%s no longer applies: components.securitySchemes does not define it", name)
		case isKeyHeader(scheme):
			log.warn("hints: overrides.securitySchemes.%s no longer applies: it already is %s", name, keyHeaderText)
		default:
			setSecurityScheme(doc, name, keyHeaderScheme("hints.yaml's overrides.securitySchemes reads the published "+describeScheme(scheme)+" so"))
			log.repaired("%s is %s: read as %s, as hints.yaml's overrides.securitySchemes says", schemePointer(name), describeScheme(scheme), keyHeaderText)
		}
	}
	return nil
}

func undefinedSchemes(doc node, _ Hints, log *repairLog) error {
	uses := map[string][]string{}
	var names []string
	for _, r := range allRequirements(doc) {
		for _, name := range r.schemes {
			if securityScheme(doc, name) != nil {
				continue
			}
			if uses[name] == nil {
				names = append(names, name)
			}
			uses[name] = append(uses[name], r.ptr+pointer(name))
		}
	}
	for _, name := range names {
		setSecurityScheme(doc, name, keyHeaderScheme("the published revision names this scheme without defining it"))
		log.repaired("%s names security scheme %q, which components.securitySchemes does not define%s: defined as %s", uses[name][0], name, andMore(uses[name]), keyHeaderText)
	}
	return nil
}

func httpKeySchemes(doc node, _ Hints, log *repairLog) error {
	for _, name := range namedSchemes(doc) {
		scheme := securityScheme(doc, name)
		kind := strings.ToLower(str(scheme, "scheme"))
		if str(scheme, "type") != "http" || kind != "bearer" && kind != "basic" {
			continue
		}
		setSecurityScheme(doc, name, keyHeaderScheme("the published revision describes this scheme as http "+kind+", and fal's server takes the key in the same header"))
		log.repaired("%s is http %s: read as %s, which fal's server takes in that same header", schemePointer(name), kind, keyHeaderText)
	}
	return nil
}

func keylessOperations(doc node, _ Hints, _ *repairLog) error {
	requiredAt := map[string][]string{}
	var refused []string
	for _, op := range securedOperations(doc) {
		if name, ok := unmetScheme(doc, op.requirements); ok {
			if requiredAt[name] == nil {
				refused = append(refused, name)
			}
			requiredAt[name] = append(requiredAt[name], op.ptr)
		}
	}
	var errs []error
	for _, name := range refused {
		errs = append(errs, &DefectError{
			Pointer: schemePointer(name),
			Problem: fmt.Sprintf("security scheme %q is %s, and %s%s requires it, while the client sends only %s",
				name, describeScheme(securityScheme(doc, name)), requiredAt[name][0], andMore(requiredAt[name]), keyHeaderText),
			Override: schemeOverride(name),
		})
	}
	return errors.Join(errs...)
}

// unmetScheme returns the first scheme that keeps fal's key header from
// meeting an operation's requirements, or false when the key meets one of
// them (or none is needed).
func unmetScheme(doc node, reqs []requirement) (string, bool) {
	first := ""
	for _, r := range reqs {
		met := true
		for _, name := range r.schemes {
			if !isKeyHeader(securityScheme(doc, name)) {
				met = false
				if first == "" {
					first = name
				}
				break
			}
		}
		if met {
			return "", false
		}
	}
	return first, first != ""
}

// schemeOverride is the hints.yaml entry that reads scheme name as fal's
// key header.
func schemeOverride(name string) string {
	return fmt.Sprintf("overrides: {securitySchemes: {%q: %s}}", name, KeyReading)
}

// describeScheme words a security scheme: "apiKey in query \"key\"", "http
// digest", "oauth2".
func describeScheme(s node) string {
	switch t := str(s, "type"); t {
	case "apiKey":
		return fmt.Sprintf("apiKey in %s %q", str(s, "in"), str(s, "name"))
	case "http":
		return "http " + str(s, "scheme")
	case "":
		return "a scheme with no type"
	default:
		return t
	}
}

// andMore says how many other places share a defect, if any.
func andMore(places []string) string {
	if len(places) < 2 {
		return ""
	}
	return fmt.Sprintf(" (and %d more)", len(places)-1)
}
