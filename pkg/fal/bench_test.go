package fal_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// pricingBody is a typical answer of GetPricing.
const pricingBody = `{"prices":[{"endpoint_id":"fal-ai/flux/dev","unit_price":0.025,"unit":"image","currency":"USD"},` +
	`{"endpoint_id":"fal-ai/flux-pro","unit_price":0.05,"unit":"image","currency":"USD"}],"next_cursor":null,"has_more":false}`

func pricingServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(pricingBody))
	}))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkTypedCall is one GetPricing call through the client: options,
// auth, the retry wrapper, error mapping and decoding. Compare it with
// BenchmarkBareCall, the same request made with net/http and
// encoding/json alone, in the same run (target: at most 1.10x the time and
// 15 more allocations).
func BenchmarkTypedCall(b *testing.B) {
	srv := pricingServer(b)
	c, err := fal.NewClient(fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey("key"), fal.WithHTTPClient(srv.Client()))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	params := &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev", "fal-ai/flux-pro"}}
	b.ReportAllocs()
	for b.Loop() {
		prices, err := c.GetPricing(ctx, params)
		if err != nil || len(prices.Prices) != 2 {
			b.Fatal(prices, err)
		}
	}
}

// BenchmarkBareCall is the baseline of BenchmarkTypedCall.
func BenchmarkBareCall(b *testing.B) {
	srv := pricingServer(b)
	client := srv.Client()
	ctx := context.Background()
	url := srv.URL + "/v1/models/pricing?endpoint_id=fal-ai%2Fflux%2Fdev&endpoint_id=fal-ai%2Fflux-pro"
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Key key")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var prices falapi.PriceList
		err = json.NewDecoder(resp.Body).Decode(&prices)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 || len(prices.Prices) != 2 {
			b.Fatal(prices, err)
		}
	}
}
