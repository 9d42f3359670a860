package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

func (c *cli) newPricingCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "pricing ENDPOINT_ID...",
		Short: "Show the unit price of model endpoints",
		Long:  `Shows what one billing unit (an image, a video, a GPU-second...) of each endpoint costs.`,
		Example: `  falctl pricing fal-ai/flux/dev
  falctl pricing fal-ai/flux/dev fal-ai/flux/schnell --output json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := c.client()
			if err != nil {
				return err
			}
			prices, err := api.GetPricing(cmd.Context(), &falapi.GetPricingParams{EndpointID: args})
			if err != nil {
				return err
			}
			r := c.newRenderer(shapeList, "endpoint_id", "unit_price", "unit", "currency")
			return render(r, all(prices.Prices), func(p falapi.Price) [][]string {
				return [][]string{{p.EndpointID, num(p.UnitPrice), p.Unit, p.Currency}}
			})
		},
	}
}

// Ways of estimating a cost (estimate --by).
const (
	byUnits = "units"
	byCalls = "calls"
)

func (c *cli) newEstimateCmd() *cobra.Command {
	var by string
	cmd := &cobra.Command{
		Use:   "estimate ENDPOINT_ID=QUANTITY...",
		Short: "Estimate what a number of outputs or calls would cost",
		Long: `Estimates the cost of QUANTITY billing units (--by units, the default: images,
videos...) or of QUANTITY API calls priced from past usage (--by calls) of
each endpoint.`,
		Example: `  falctl estimate fal-ai/flux/dev=100
  falctl estimate fal-ai/flux/dev=50 fal-ai/flux/schnell=200 --by calls`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			body, err := estimateRequest(by == byCalls, args)
			if err != nil {
				return err
			}
			api, err := c.client()
			if err != nil {
				return err
			}
			est, err := api.EstimatePricing(cmd.Context(), body)
			if err != nil {
				return err
			}
			return c.renderOne(est, []string{"estimate_type", "total_cost", "currency"},
				[]string{string(est.EstimateType), num(est.TotalCost), est.Currency})
		},
	}
	addChoiceFlag(cmd, &by, "by", byUnits, "what QUANTITY counts (units are outputs: images, videos...)", []string{byUnits, byCalls})
	return cmd
}

// estimateRequest builds the body of an estimate from ENDPOINT_ID=QUANTITY
// arguments, QUANTITY counting calls or billing units.
func estimateRequest(byCalls bool, args []string) (falapi.CostEstimateRequest, error) {
	var body falapi.CostEstimateRequest
	units := map[string]falapi.UnitQuantity{}
	calls := map[string]falapi.CallQuantity{}
	for _, arg := range args {
		id, quantity, ok := strings.Cut(arg, "=")
		if !ok || id == "" {
			return body, usagef("%q: want ENDPOINT_ID=QUANTITY", arg)
		}
		f, err := strconv.ParseFloat(quantity, 64)
		switch {
		case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
			return body, usagef("%q: the quantity must be a number", arg)
		case f < 0:
			return body, usagef("%q: the quantity must not be negative", arg)
		case f == 0:
			return body, usagef("%q: the quantity must be more than 0", arg)
		case byCalls && (f != math.Trunc(f) || f > math.MaxInt32):
			return body, usagef("%q: the number of calls must be a whole number", arg)
		case byCalls:
			calls[id] = falapi.CallQuantity{CallQuantity: int(f)}
		default:
			units[id] = falapi.UnitQuantity{UnitQuantity: f}
		}
	}
	var err error
	if byCalls {
		err = body.FromHistoricalPriceEstimate(falapi.HistoricalPriceEstimate{
			EstimateType: falapi.HistoricalPriceEstimateTypeHistoricalAPIPrice, Endpoints: calls,
		})
	} else {
		err = body.FromUnitPriceEstimate(falapi.UnitPriceEstimate{
			EstimateType: falapi.UnitPriceEstimateTypeUnitPrice, Endpoints: units,
		})
	}
	if err != nil {
		return body, fmt.Errorf("encoding the estimate: %w", err)
	}
	return body, nil
}
