package fal_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// The examples run against falmock, the mock of the API this module ships,
// so that they run anywhere. In your code, make the client with
// fal.NewClient(), which reads FAL_KEY.

func ExampleNewClient() {
	c, err := fal.NewClient(fal.WithAPIKey("my-key"), fal.WithMaxRetries(3))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.HasAPIKey())
	// Output: true
}

func ExampleClient_GetPricing() {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client() // in your code: c, err := fal.NewClient()

	prices, err := c.GetPricing(context.Background(), &falapi.GetPricingParams{
		EndpointID: []string{"fal-ai/flux/dev"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range prices.Prices {
		fmt.Printf("%s: %g %s per %s\n", p.EndpointID, p.UnitPrice, p.Currency, p.Unit)
	}
	// Output: fal-ai/flux/dev: 0.025 USD per image
}

func ExampleClient_EstimatePricing() {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client()

	// The request is one of two kinds of estimate (by past calls, or by
	// unit price and billing units); build the one you mean.
	var req falapi.CostEstimateRequest
	err := req.FromHistoricalPriceEstimate(falapi.HistoricalPriceEstimate{
		EstimateType: falapi.HistoricalPriceEstimateTypeHistoricalAPIPrice,
		Endpoints: map[string]falapi.CallQuantity{
			"fal-ai/flux/dev":     {CallQuantity: 100},
			"fal-ai/flux/schnell": {CallQuantity: 50},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	estimate, err := c.EstimatePricing(context.Background(), req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s estimate: %.2f %s\n", estimate.EstimateType, estimate.TotalCost, estimate.Currency)
	// Output: historical_api_price estimate: 3.75 USD
}

func ExampleClient_GetModelsIter() {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client()

	// Iter walks every page; WithMaxItems stops after (and fetches no more
	// than) the items asked for.
	category := "text-to-image"
	models := c.GetModelsIter(context.Background(), &falapi.GetModelsParams{Category: &category}, fal.WithMaxItems(3))
	for m, err := range models {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.EndpointID)
	}
	// Output:
	// fal-ai/flux/dev-p1-1
	// fal-ai/flux/dev-p1-2
	// fal-ai/flux/dev-p2-1
}

func ExampleClient_GetUsage() {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client()

	start, end := "2026-11-01", "2026-12-01"
	usage, err := c.GetUsage(context.Background(), &falapi.GetUsageParams{
		Start:  &start,
		End:    &end,
		Expand: []string{"summary"},
	})
	if err != nil {
		log.Fatal(err)
	}
	total := 0.0
	for _, line := range usage.Summary {
		total += line.CostTotal // one line per endpoint, unit and key
	}
	fmt.Printf("%d lines, %.2f in all\n", len(usage.Summary), total)
	// Output: 2 lines, 0.64 in all
}

func ExampleAPIError() {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client(fal.WithMaxRetries(0))
	srv.Inject("getComputeInstance", falmock.Fault{Status: 404, Times: 1})

	_, err := c.GetComputeInstance(context.Background(), "inst_missing")
	var apiErr *fal.APIError
	switch {
	case errors.Is(err, fal.ErrNotFound) && errors.As(err, &apiErr):
		fmt.Println("no such instance:", apiErr.StatusCode, apiErr.Type)
	case errors.Is(err, fal.ErrRateLimited):
		fmt.Println("slow down")
	case err != nil:
		log.Fatal(err)
	}
	// Output: no such instance: 404 not_found
}

func ExampleClient_ServerlessLogsStream() {
	srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: 4}))
	defer srv.Close()
	// The mock drops the first two connections in the middle of an event;
	// the stream resumes after the last whole one, losing and repeating
	// nothing.
	if err := srv.Inject("serverlessLogsStream", falmock.Fault{DropAfter: 500, Times: 2}); err != nil {
		log.Fatal(err)
	}
	c := srv.Client()

	params := &falapi.ServerlessLogsStreamParams{AppID: []string{"fal-ai/my-app"}}
	for ev, err := range c.ServerlessLogsStream(context.Background(), params, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ev.ID, ev.Data.Level)
	}
	fmt.Println(len(srv.RequestsFor("serverlessLogsStream")), "connections")
	// Output:
	// 1 info
	// 2 info
	// 3 info
	// 4 info
	// 3 connections
}
