package falmock

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestValidation sends requests that break the schema, or its security, and
// checks the status, the envelope, the message and the recording.
func TestValidation(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		op      string
		query   url.Values
		body    string
		headers http.Header
		key     string
		noKey   bool
		status  int
		errType falapi.ErrorType
		mention string // the message names this
	}{
		{name: "valid", op: "listAssetCollections", query: url.Values{"limit": {"100"}}, status: 200},
		{name: "wrong type", op: "listAssetCollections", query: url.Values{"limit": {"abc"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"limit"`},
		{name: "limit over maximum", op: "listAssetCollections", query: url.Values{"limit": {"101"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"limit"`},
		{name: "limit under minimum", op: "getModels", query: url.Values{"limit": {"0"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"limit"`},
		{name: "bad enum", op: "getUsage", query: url.Values{"timeframe": {"year"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"timeframe"`},
		{name: "bad date", op: "getUsage", query: url.Values{"start": {"yesterday"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"start"`},
		{name: "missing required query", op: "getFocusReport", query: url.Values{"source": nil}, status: 400, errType: falapi.ErrorTypeValidationError, mention: `"source"`},
		{name: "body field of wrong type", op: "createAssetCollection", body: `{"name": 5}`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "/name"},
		{name: "body field not a uri", op: "createAssetCollection", body: `{"name": "n", "cover_image_url": "not a uri"}`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "/cover_image_url"},
		{name: "body missing required field", op: "createApiKey", body: `{}`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "alias"},
		{name: "body field too short", op: "createApiKey", body: `{"alias": ""}`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "/alias"},
		{name: "body with unknown field", op: "serverlessLogsHistory", body: `[{"key": "k", "value": "v", "bogus": 1}]`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "bogus"},
		{name: "body not JSON", op: "createApiKey", body: `{"alias":`, status: 400, errType: falapi.ErrorTypeValidationError, mention: "request body"},
		{name: "body with wrong content type", op: "createApiKey", body: `{"alias": "a"}`, headers: http.Header{"Content-Type": {"text/plain"}}, status: 400, errType: falapi.ErrorTypeValidationError, mention: "Content-Type"},
		{name: "missing key", op: "getUsage", noKey: true, status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "missing API key"},
		{name: "missing key checked before parameters", op: "getUsage", noKey: true, query: url.Values{"timeframe": {"year"}}, status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "missing API key"},
		{name: "not a Key header", op: "getUsage", headers: http.Header{"Authorization": {"Bearer abc"}}, status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "Key <key>"},
		{name: "empty key", op: "getUsage", headers: http.Header{"Authorization": {"Key "}}, status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "Key <key>"},
		{name: "unknown key", opts: []Option{WithKeys("good")}, op: "getPricing", key: "bad", status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "invalid API key"},
		{name: "known key", opts: []Option{WithKeys("good")}, op: "getPricing", key: "good", status: 200},
		{name: "non-admin key on admin operation", opts: []Option{WithAdminKeys("admin")}, op: "listApiKeys", key: "plain", status: 403, errType: falapi.ErrorTypeAuthorizationError, mention: "admin API key"},
		{name: "admin key on admin operation", opts: []Option{WithAdminKeys("admin")}, op: "listApiKeys", key: "admin", status: 200},
		{name: "admin key on plain operation", opts: []Option{WithKeys("good"), WithAdminKeys("admin")}, op: "getPricing", key: "admin", status: 200},
		{name: "any key on admin operation without admin keys", op: "listApiKeys", key: "anything", status: 200},
		{name: "optional authentication without key", op: "getModels", noKey: true, status: 200},
		{name: "optional authentication with a malformed key", op: "getModels", headers: http.Header{"Authorization": {"Bearer abc"}}, status: 401, errType: falapi.ErrorTypeAuthorizationError, mention: "Key <key>"},
		{name: "no security", op: "getMeta", noKey: true, status: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.opts...)
			rs := requestSpec{op: srv.spec.byID[tt.op], query: tt.query, key: tt.key, noKey: tt.noKey, headers: tt.headers}
			if tt.body != "" {
				rs.body = []byte(tt.body)
			}
			req := validRequest(t, srv.URL, rs)
			resp, body := do(t, srv.HTTPClient(), req)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			recs := srv.RequestsFor(tt.op)
			if len(recs) != 1 {
				t.Fatalf("recorded %d requests of %s, want 1", len(recs), tt.op)
			}
			if tt.status < 300 {
				if !recs[0].Valid || recs[0].Problem != "" {
					t.Errorf("recorded valid=%v problem=%q", recs[0].Valid, recs[0].Problem)
				}
				return
			}
			env := envelopeOf(t, body)
			if env.Type != tt.errType {
				t.Errorf("type %q, want %q", env.Type, tt.errType)
			}
			if !strings.Contains(env.Message, tt.mention) {
				t.Errorf("message %q does not mention %q", env.Message, tt.mention)
			}
			if recs[0].Valid || recs[0].Problem != env.Message || recs[0].Status != tt.status {
				t.Errorf("recorded valid=%v status=%d problem=%q", recs[0].Valid, recs[0].Status, recs[0].Problem)
			}
			// Some statuses falmock answers are not documented (getModels has
			// no 401, serverlessLogsHistory no 400): check the others.
			if o := srv.spec.byID[tt.op]; o.route.Operation.Responses.Status(tt.status) != nil {
				checkAnswer(t, o, req, resp, body)
			}
		})
	}
}

// TestErrorEnvelopes checks that the envelope falmock answers for each
// status fits every error response the schema documents.
func TestErrorEnvelopes(t *testing.T) {
	t.Parallel()
	for name, schema := range schemaRevisions(t) {
		h, err := NewHandler(WithSchema(schema))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range h.spec.ops {
			for code := range loaded(t, o).route.Operation.Responses.Map() {
				status, err := strconv.Atoi(code)
				if err != nil || status < 400 {
					continue
				}
				body := errorBody(status, "message", "falmock-1")
				if err := validateAnswer(t.Context(), o, status, "application/json", body); err != nil {
					t.Errorf("%s: %s %d: envelope fails the schema: %v", name, o.id, status, err)
				}
			}
		}
	}
}
