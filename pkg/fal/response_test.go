package fal_test

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestResponseIntoDescribesTheAnswer(t *testing.T) {
	params := &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}}
	for _, tc := range []struct {
		name     string
		fault    *falmock.Fault
		keepBody bool
		status   int
	}{
		{"success", nil, false, 200},
		{"success with the body", nil, true, 200},
		{"error", &falmock.Fault{Status: 429, RetryAfter: "3"}, false, 429},
		{"error with the body", &falmock.Fault{Status: 429, RetryAfter: "3"}, true, 429},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			if tc.fault != nil {
				if err := srv.Inject("getPricing", *tc.fault); err != nil {
					t.Fatal(err)
				}
			}
			resp := fal.Response{StatusCode: 1, Body: []byte("stale")}
			opt := fal.WithResponseInto(&resp)
			if tc.keepBody {
				opt = fal.WithResponseBodyInto(&resp)
			}
			_, err := srv.Client(fal.WithMaxRetries(0)).GetPricing(t.Context(), params, opt)
			if (err != nil) != (tc.fault != nil) {
				t.Fatalf("err %v", err)
			}
			rec := lastRequest(t, srv)
			if resp.StatusCode != tc.status || resp.RequestID == "" || resp.RequestID != rec.RequestID {
				t.Errorf("status %d request ID %q; want %d and the mock's %q", resp.StatusCode, resp.RequestID, tc.status, rec.RequestID)
			}
			if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("X-Request-Id") != rec.RequestID {
				t.Errorf("headers %v", resp.Header)
			}
			if tc.fault != nil && resp.Header.Get("Retry-After") != "3" {
				t.Errorf("the error answer's Retry-After is missing: %v", resp.Header)
			}
			switch {
			case tc.keepBody && !bytes.Equal(resp.Body, rec.ResponseBody):
				t.Errorf("body %q, the mock answered %q", resp.Body, rec.ResponseBody)
			case !tc.keepBody && resp.Body != nil:
				t.Errorf("kept a body of %d bytes unasked", len(resp.Body))
			}
		})
	}
}

func TestResponseIntoWhenNoAnswerArrives(t *testing.T) {
	srv := newMock(t)
	if err := srv.Inject("getMeta", falmock.Fault{Drop: true}); err != nil {
		t.Fatal(err)
	}
	resp := fal.Response{StatusCode: 200, RequestID: "from an earlier call"}
	_, err := srv.Client(fal.WithMaxRetries(0)).GetMeta(t.Context(), fal.WithResponseInto(&resp))
	var apiErr *fal.APIError
	if err == nil || errors.As(err, &apiErr) {
		t.Fatalf("got %v, want a network error", err)
	}
	if resp.StatusCode != 0 || resp.RequestID != "" || resp.Header != nil {
		t.Errorf("after a dropped connection the response says %+v", resp)
	}
}

func TestResponseIntoOnAStreamAndARawCall(t *testing.T) {
	srv := newMock(t)
	c := srv.Client()
	var csv fal.Response
	stream, err := c.GetModelAccessControls(t.Context(), fal.WithResponseBodyInto(&csv))
	if err != nil {
		t.Fatal(err)
	}
	stream.Close()
	if csv.StatusCode != 200 || csv.RequestID == "" || csv.Body != nil {
		t.Errorf("CSV stream: %+v, want its status and ID, and no body", csv)
	}

	var raw fal.Response
	if err := c.Do(t.Context(), http.MethodGet, "/meta", nil, nil, fal.WithResponseBodyInto(&raw)); err != nil {
		t.Fatal(err)
	}
	recs := srv.RequestsFor("getMeta")
	if len(recs) != 1 || !bytes.Equal(raw.Body, recs[0].ResponseBody) || raw.StatusCode != 200 {
		t.Errorf("raw call without out: %d %q", raw.StatusCode, raw.Body)
	}
}

// TestResponseBodyOutlivesTheCall: the raw body a call keeps is its own
// copy, untouched by later calls, which read their answers into the same
// pooled buffers.
func TestResponseBodyOutlivesTheCall(t *testing.T) {
	srv := newMock(t)
	c := srv.Client()
	var first fal.Response
	if _, err := c.GetPricing(t.Context(), &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}}, fal.WithResponseBodyInto(&first)); err != nil {
		t.Fatal(err)
	}
	kept := string(first.Body)
	for range 5 {
		// An answer of the same length, which fits the buffer just freed.
		if _, err := c.GetPricing(t.Context(), &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/pro"}}); err != nil {
			t.Fatal(err)
		}
	}
	if string(first.Body) != kept || !strings.Contains(kept, "fal-ai/flux/dev") {
		t.Errorf("the kept body changed after later calls: %q, was %q", first.Body, kept)
	}
}
