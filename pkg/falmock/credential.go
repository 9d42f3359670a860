package falmock

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// credential is where a security scheme carries the key, and the forms the
// key may take there.
type credential struct {
	in, name string // header, query or cookie, and its name
	forms    []keyForm
}

// A keyForm reads the key out of a credential's value.
type keyForm struct {
	text string // as messages show it
	read func(value string) (string, bool)
}

var (
	// falKeyForm is fal's own, "Authorization: Key <key>", which fal's
	// server takes whatever scheme its document describes there.
	falKeyForm = keyForm{"Key <key>", authScheme("Key", bareKey)}
	bearerForm = keyForm{"Bearer <key>", authScheme("Bearer", bareKey)}
	basicForm  = keyForm{"Basic <base64 of id:secret>", authScheme("Basic", basicKey)}
	bareForm   = keyForm{"<key>", bareKey}
)

// credentialOf says where, and in which forms, a scheme carries the key:
// apiKey in a header, a query parameter or a cookie (in the Authorization
// header, fal's "Key <key>"); http bearer and basic in the Authorization
// header, where fal's "Key <key>" is accepted too. It is false for a scheme
// falmock does not check (oauth2, openIdConnect, mutualTLS, other http
// schemes).
func credentialOf(s *openapi3.SecurityScheme) (credential, bool) {
	const authorization = "Authorization"
	switch {
	case s.Type == "apiKey" && s.In == openapi3.ParameterInHeader && strings.EqualFold(s.Name, authorization):
		return credential{in: s.In, name: authorization, forms: []keyForm{falKeyForm}}, true
	case s.Type == "apiKey":
		return credential{in: s.In, name: s.Name, forms: []keyForm{bareForm}}, true
	case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
		return credential{in: openapi3.ParameterInHeader, name: authorization, forms: []keyForm{bearerForm, falKeyForm}}, true
	case s.Type == "http" && strings.EqualFold(s.Scheme, "basic"):
		return credential{in: openapi3.ParameterInHeader, name: authorization, forms: []keyForm{basicForm, falKeyForm}}, true
	}
	return credential{}, false
}

// read returns the credential's value in r, empty when r has none.
func (c credential) read(r *http.Request) string {
	switch c.in {
	case openapi3.ParameterInHeader:
		return r.Header.Get(c.name)
	case openapi3.ParameterInQuery:
		return r.URL.Query().Get(c.name)
	case openapi3.ParameterInCookie:
		if ck, err := r.Cookie(c.name); err == nil {
			return ck.Value
		}
	}
	return ""
}

// key reads the key out of value in the first form that fits.
func (c credential) key(value string) (string, bool) {
	for _, f := range c.forms {
		if k, ok := f.read(value); ok {
			return k, true
		}
	}
	return "", false
}

// place words where the credential goes: "Authorization header", "query
// parameter \"api_key\"".
func (c credential) place() string {
	if c.in == openapi3.ParameterInHeader {
		return c.name + " header"
	}
	if c.in == openapi3.ParameterInQuery {
		return fmt.Sprintf("query parameter %q", c.name)
	}
	return fmt.Sprintf("%s %q", c.in, c.name)
}

// formsText lists the forms: `"Bearer <key>" or "Key <key>"`.
func (c credential) formsText() string {
	texts := make([]string, len(c.forms))
	for i, f := range c.forms {
		texts[i] = fmt.Sprintf("%q", f.text)
	}
	return strings.Join(texts, " or ")
}

// authScheme reads "<scheme> <value>" (the scheme token case-insensitive,
// RFC 9110 section 11.1) and the key out of value with decode.
func authScheme(scheme string, decode func(string) (string, bool)) func(string) (string, bool) {
	return func(value string) (string, bool) {
		token, rest, ok := strings.Cut(value, " ")
		if !ok || !strings.EqualFold(token, scheme) {
			return "", false
		}
		return decode(rest)
	}
}

// bareKey is a key as it is sent, without spaces around it.
func bareKey(value string) (string, bool) {
	k := strings.TrimSpace(value)
	return k, k != ""
}

// basicKey reads HTTP Basic credentials (RFC 7617): fal's key "id:secret"
// is the user-id and the password.
func basicKey(value string) (string, bool) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(value))
	id, secret, ok := strings.Cut(string(b), ":")
	if err != nil || !ok || id == "" || secret == "" {
		return "", false
	}
	return string(b), true
}

// describeScheme words a scheme's kind for messages: "oauth2", "http digest".
func describeScheme(s *openapi3.SecurityScheme) string {
	if s.Type == "http" {
		return "http " + s.Scheme
	}
	return s.Type
}
