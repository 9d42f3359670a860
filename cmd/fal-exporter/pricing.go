package main

import (
	"cmp"
	"context"
	"slices"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/falplatform/fal-go/gen/falapi"
)

// maxPricingEndpoints is how many endpoint IDs GetPricing takes at once.
const maxPricingEndpoints = 50

// fetchPricing reads the unit prices of the endpoints of
// --pricing.endpoints, up to maxPricingEndpoints per call.
func (e *exporter) fetchPricing(ctx context.Context) ([]prometheus.Metric, error) {
	var prices []falapi.Price
	for ids := range slices.Chunk(e.cfg.pricingEndpoints, maxPricingEndpoints) {
		list, err := e.client.GetPricing(ctx, &falapi.GetPricingParams{EndpointID: ids}, e.self.countRequests("GetPricing"))
		if err != nil {
			return nil, err
		}
		prices = append(prices, list.Prices...)
	}
	slices.SortStableFunc(prices, func(a, b falapi.Price) int {
		return cmp.Or(cmp.Compare(a.EndpointID, b.EndpointID), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.Currency, b.Currency))
	})
	metrics := make([]prometheus.Metric, 0, len(prices))
	for i, p := range prices {
		if i+1 < len(prices) && samePriceSeries(p, prices[i+1]) {
			continue // one series each: a later answer for it wins
		}
		metrics = append(metrics, prometheus.MustNewConstMetric(unitPriceDesc, prometheus.GaugeValue, p.UnitPrice, p.EndpointID, p.Unit, p.Currency))
	}
	return metrics, nil
}

func samePriceSeries(a, b falapi.Price) bool {
	return a.EndpointID == b.EndpointID && a.Unit == b.Unit && a.Currency == b.Currency
}
