package falmock

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestSecuritySchemes sends, to one operation per kind of security scheme
// (testdata/security.openapi.json), a missing, a malformed, a wrong and a
// right credential, and fal's "Key <key>" where fal's server takes it: in
// the Authorization header of an apiKey, http bearer or http basic scheme.
func TestSecuritySchemes(t *testing.T) {
	schema, err := os.ReadFile("testdata/security.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	basic := func(idSecret string) http.Header {
		return http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(idSecret))}}
	}
	auth := func(v string) http.Header { return http.Header{"Authorization": {v}} }
	tests := []struct {
		name    string
		op      string
		headers http.Header
		query   url.Values
		status  int
		mention string
	}{
		{name: "fal key: missing", op: "falKey", status: 401, mention: `missing API key: send it in the Authorization header as "Key <key>"`},
		{name: "fal key: malformed", op: "falKey", headers: auth("Bearer k-good"), status: 401, mention: `malformed Authorization header: want "Key <key>"`},
		{name: "fal key: empty", op: "falKey", headers: auth("Key "), status: 401, mention: `malformed Authorization header`},
		{name: "fal key: wrong", op: "falKey", headers: auth("Key k-bad"), status: 401, mention: "invalid API key"},
		{name: "fal key: right", op: "falKey", headers: auth("Key k-good"), status: 200},
		{name: "fal key: scheme in lower case", op: "falKey", headers: auth("key k-good"), status: 200},

		{name: "header key: missing", op: "headerKey", status: 401, mention: `missing API key: send it in the X-Fal-Key header as "<key>"`},
		{name: "header key: wrong", op: "headerKey", headers: http.Header{"X-Fal-Key": {"k-bad"}}, status: 401, mention: "invalid API key"},
		{name: "header key: right", op: "headerKey", headers: http.Header{"X-Fal-Key": {"k-good"}}, status: 200},
		{name: "header key: Key form is not this header's", op: "headerKey", headers: http.Header{"X-Fal-Key": {"Key k-good"}}, status: 401, mention: "invalid API key"},
		{name: "header key: not in Authorization", op: "headerKey", headers: auth("Key k-good"), status: 401, mention: "missing API key"},

		{name: "query key: missing", op: "queryKey", status: 401, mention: `missing API key: send it in the query parameter "api_key" as "<key>"`},
		{name: "query key: wrong", op: "queryKey", query: url.Values{"api_key": {"k-bad"}}, status: 401, mention: "invalid API key"},
		{name: "query key: right", op: "queryKey", query: url.Values{"api_key": {"k-good"}}, status: 200},
		{name: "query key: not in Authorization", op: "queryKey", headers: auth("Key k-good"), status: 401, mention: "missing API key"},

		{name: "cookie key: missing", op: "cookieKey", status: 401, mention: `missing API key: send it in the cookie "fal_key" as "<key>"`},
		{name: "cookie key: wrong", op: "cookieKey", headers: http.Header{"Cookie": {"fal_key=k-bad"}}, status: 401, mention: "invalid API key"},
		{name: "cookie key: right", op: "cookieKey", headers: http.Header{"Cookie": {"fal_key=k-good"}}, status: 200},

		{name: "bearer: missing", op: "bearer", status: 401, mention: `missing API key: send it in the Authorization header as "Bearer <key>" or "Key <key>"`},
		{name: "bearer: malformed", op: "bearer", headers: auth("Token k-good"), status: 401, mention: `malformed Authorization header: want "Bearer <key>" or "Key <key>"`},
		{name: "bearer: empty", op: "bearer", headers: auth("Bearer  "), status: 401, mention: "malformed Authorization header"},
		{name: "bearer: wrong", op: "bearer", headers: auth("Bearer k-bad"), status: 401, mention: "invalid API key"},
		{name: "bearer: right", op: "bearer", headers: auth("Bearer k-good"), status: 200},
		{name: "bearer: fal's Key form", op: "bearer", headers: auth("Key k-good"), status: 200},
		{name: "bearer: wrong in Key form", op: "bearer", headers: auth("Key k-bad"), status: 401, mention: "invalid API key"},

		{name: "basic: missing", op: "basic", status: 401, mention: `missing API key: send it in the Authorization header as "Basic <base64 of id:secret>" or "Key <key>"`},
		{name: "basic: not base64", op: "basic", headers: auth("Basic !!!"), status: 401, mention: "malformed Authorization header"},
		{name: "basic: no password", op: "basic", headers: basic("k-id"), status: 401, mention: "malformed Authorization header"},
		{name: "basic: wrong", op: "basic", headers: basic("k-id:k-wrong"), status: 401, mention: "invalid API key"},
		{name: "basic: right", op: "basic", headers: basic("k-id:k-secret"), status: 200},
		{name: "basic: fal's Key form", op: "basic", headers: auth("Key k-id:k-secret"), status: 200},

		{name: "admin bearer: plain key", op: "admin", headers: auth("Bearer k-good"), status: 403, mention: "admin needs an admin API key"},
		{name: "admin bearer: plain key in Key form", op: "admin", headers: auth("Key k-good"), status: 403, mention: "admin needs an admin API key"},
		{name: "admin bearer: admin key", op: "admin", headers: auth("Bearer k-admin"), status: 200},
		{name: "admin bearer: admin key in Key form", op: "admin", headers: auth("Key k-admin"), status: 200},

		{name: "undefined scheme: read as fal's key", op: "undefined", headers: auth("Key k-good"), status: 200},
		{name: "undefined scheme: missing", op: "undefined", status: 401, mention: `send it in the Authorization header as "Key <key>"`},
		{name: "undefined scheme: bearer is not fal's key", op: "undefined", headers: auth("Bearer k-good"), status: 401, mention: "malformed Authorization header"},

		{name: "oauth2 is not checked", op: "oauth", headers: auth("Bearer k-good"), status: 401, mention: `security scheme "oauth" of type "oauth2" is not supported by falmock`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, WithSchema(schema), WithKeys("k-good", "k-id:k-secret"), WithAdminKeys("k-admin"))
			o := srv.spec.byID[tt.op]
			if o == nil {
				t.Fatalf("no operation %s", tt.op)
			}
			req := validRequest(t, srv.URL, requestSpec{op: o, noKey: true, headers: tt.headers, query: tt.query})
			resp, body := do(t, srv.HTTPClient(), req)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.status == http.StatusOK {
				return
			}
			env := envelopeOf(t, body)
			if env.Type != falapi.ErrorTypeAuthorizationError || !strings.Contains(env.Message, tt.mention) {
				t.Errorf("%s %q, want %s mentioning %q", env.Type, env.Message, falapi.ErrorTypeAuthorizationError, tt.mention)
			}
			if strings.Contains(env.Message, "k-") {
				t.Errorf("the message %q shows the credential", env.Message)
			}
		})
	}
}

// FuzzCredentialKey feeds any credential value, as a request sends it, to
// every key form: a key read is never empty nor padded, fal's "Key <key>"
// reads back the key it carries, and Basic reads back "id:secret".
func FuzzCredentialKey(f *testing.F) {
	for _, seed := range []string{"Key k", "Bearer k", "Basic aWQ6c2VjcmV0", "", "Basic", "Key  ", "basic !!!", "Bearer\tk", "id:secret", ":x"} {
		f.Add(seed)
	}
	creds := []credential{
		{forms: []keyForm{falKeyForm}},
		{forms: []keyForm{bearerForm, falKeyForm}},
		{forms: []keyForm{basicForm, falKeyForm}},
		{forms: []keyForm{bareForm}},
	}
	f.Fuzz(func(t *testing.T, value string) {
		for _, c := range creds {
			key, ok := c.key(value)
			if ok && (key == "" || strings.TrimSpace(key) != key) {
				t.Errorf("%s read %q out of %q", c.formsText(), key, value)
			}
			if !ok && key != "" {
				t.Errorf("%s refused %q but returned %q", c.formsText(), value, key)
			}
		}
		if k := strings.TrimSpace(value); k != "" {
			if got, ok := creds[0].key("Key " + value); !ok || got != k {
				t.Errorf("Key %q read as %q, %v", value, got, ok)
			}
		}
		id, secret, found := strings.Cut(value, ":")
		got, ok := creds[2].key("Basic " + base64.StdEncoding.EncodeToString([]byte(value)))
		if want := found && id != "" && secret != ""; ok != want || ok && got != value {
			t.Errorf("Basic of %q read as %q, %v; want %v", value, got, ok, want)
		}
	})
}
