package fal

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestErrorTextsReadOnce checks the text of every kind of error the client
// makes: "fal: " once, then the operation when there is one, then what
// went wrong.
func TestErrorTextsReadOnce(t *testing.T) {
	ctx := context.Background()
	ok, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/meta":
			jsonAnswer(w, 200, `{"webhook_ip_ranges":7}`)
		default:
			jsonAnswer(w, 404, fmt.Sprintf(errorBody, "not_found", "no such thing"))
		}
	}, WithMaxRetries(0))
	noKey, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		t.Errorf("a call without its key was sent")
	}, WithAPIKey(""))
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	canceled, cancel := context.WithCancel(ctx)
	cancel()

	for _, tc := range []struct {
		name string
		err  func() error
		want string // the whole text, or its start when it ends with "…"
	}{
		{"invalid option of a client", func() error { _, err := NewClient(WithMaxRetries(-1)); return err },
			"fal: WithMaxRetries: -1 is negative"},
		{"invalid option of a call", func() error { _, err := ok.GetMeta(ctx, WithMaxRetries(-1)); return err },
			"fal: GetMeta: WithMaxRetries: -1 is negative"},
		{"invalid option of a stream", func() error { _, err := ok.GetModelAccessControls(ctx, WithHTTPClient(nil)); return err },
			"fal: GetModelAccessControls: WithHTTPClient: nil client"},
		{"bad base URL", func() error { _, err := NewClient(WithBaseURL("ftp://x")); return err },
			`fal: WithBaseURL: base URL "ftp://x": want an absolute http or https URL`},
		{"no key", func() error {
			_, err := noKey.GetPricing(ctx, &falapi.GetPricingParams{EndpointID: []string{"x"}})
			return err
		},
			"fal: GetPricing: no API key: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) or use fal.WithAPIKey"},
		{"key over plain http", func() error {
			return ok.DeleteComputeInstance(ctx, "i", WithBaseURL("http://api.example.com/v1"))
		}, "fal: DeleteComputeInstance: refusing to send the API key over plain http to a non-loopback host (use https, or fal.WithInsecureHTTP to allow it)"},
		{"argument", func() error { _, err := ok.GetComputeInstance(ctx, ""); return err },
			"fal: GetComputeInstance: id: must not be empty"},
		{"raw call argument", func() error { return ok.Do(ctx, "GET", "/meta?a=b", nil, nil) },
			"fal: GET /meta?a=b: path: must not have a query or fragment: give the query with fal.WithQuery"},
		{"answer", func() error { _, err := ok.GetComputeInstance(ctx, "i"); return err },
			"fal: GetComputeInstance: 404 not_found: no such thing (request_id=req-123)"},
		{"answer that does not decode", func() error { _, err := ok.GetMeta(ctx); return err },
			"fal: GetMeta: decoding the 200 answer: json: cannot unmarshal number into Go struct field Meta.webhook_ip_ranges of type []string"},
		{"network", func() error { _, err := ok.GetMeta(ctx, WithBaseURL(closed.URL+"/v1")); return err },
			`fal: GetMeta: Get "` + closed.URL + `/v1/meta": dial tcp …`},
		{"canceled", func() error { _, err := ok.GetMeta(canceled); return err },
			`fal: GetMeta: Get "…`},
		{"environment", func() error {
			t.Setenv("FAL_KEY_ID", "id")
			defer t.Setenv("FAL_KEY_ID", "")
			_, err := NewClient()
			return err
		}, "fal: FAL_KEY_ID is set but FAL_KEY_SECRET is not: set both, or FAL_KEY, or use fal.WithAPIKey"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error()
			if n := strings.Count(got, "fal: "); n != 1 {
				t.Errorf("%q says \"fal: \" %d times", got, n)
			}
			if start, cut := strings.CutSuffix(tc.want, "…"); cut && !strings.HasPrefix(got, start) || !cut && got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
