package falmock

import (
	"net/http"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/internal/revisions"
)

// TestDefectVariants serves the variants of testdata/schemas (fal's
// revisions whose requirement names an undefined scheme, or whose keys are
// http bearer, and one with constructs fal has not published yet) and checks that keys, admin keys and fal's "Key <key>" work
// on them as on the revisions they patch.
func TestDefectVariants(t *testing.T) {
	variants, err := revisions.Variants("../..")
	if err != nil {
		t.Fatal(err)
	}
	if len(variants) == 0 {
		t.Fatal("no variants")
	}
	for _, v := range variants {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			doc, err := v.Read()
			if err != nil {
				t.Fatal(err)
			}
			srv := newTestServer(t, WithSchema(doc), WithKeys("k-plain"), WithAdminKeys("k-admin"))
			// fal's own form is taken everywhere; a bearer token only where
			// the variant describes the keys so.
			bearerStatus := http.StatusUnauthorized
			if strings.Contains(v.Name, "http-bearer") {
				bearerStatus = http.StatusOK
			}
			for _, c := range []struct {
				op, authorization string
				status            int
			}{
				{"getPricing", "Key k-plain", http.StatusOK},
				{"listApiKeys", "Key k-admin", http.StatusOK},
				{"listApiKeys", "Key k-plain", http.StatusForbidden},
				{"listApiKeys", "Key k-other", http.StatusUnauthorized},
				{"listApiKeys", "", http.StatusUnauthorized},
				{"listApiKeys", "Bearer k-admin", bearerStatus},
			} {
				req := validRequest(t, srv.URL, requestSpec{op: srv.spec.byID[c.op], noKey: true, headers: http.Header{"Authorization": {c.authorization}}})
				if resp, body := do(t, srv.HTTPClient(), req); resp.StatusCode != c.status {
					t.Errorf("%s with %q: status %d, want %d: %s", c.op, c.authorization, resp.StatusCode, c.status, body)
				}
			}
		})
	}
}
