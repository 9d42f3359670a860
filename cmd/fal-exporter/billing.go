package main

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/falplatform/fal-go/gen/falapi"
)

// fetchBilling reads the account's credit balance.
func (e *exporter) fetchBilling(ctx context.Context) ([]prometheus.Metric, error) {
	billing, err := e.client.GetAccountBilling(ctx, &falapi.GetAccountBillingParams{Expand: []string{"credits"}}, e.self.countRequests("GetAccountBilling"))
	if err != nil {
		return nil, err
	}
	if billing.Credits == nil {
		return nil, nil
	}
	return []prometheus.Metric{
		prometheus.MustNewConstMetric(creditBalanceDesc, prometheus.GaugeValue, billing.Credits.CurrentBalance, billing.Credits.Currency),
	}, nil
}
