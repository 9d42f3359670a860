package main

import (
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

// billingEventsMaxDays is the longest period billing events cover in one
// request (fal's schema: "Date range capped at 90 days per request").
const billingEventsMaxDays = 90

func (c *cli) newBillingEventsCmd() *cobra.Command {
	tr := timeRange{maxSpan: billingEventsMaxDays * 24 * time.Hour, listing: "billing events"}
	var endpoints, requests []string
	var limit int
	cmd := &cobra.Command{
		Use:   "billing-events",
		Short: "List billed requests with their cost (admin key needed)",
		Long: `Lists one billing event per billed request, with its units, unit price,
discount and cost in USD (by default over the last 24 hours, at most ` + strconv.Itoa(billingEventsMaxDays) + ` days).
Needs an admin API key.`,
		Example: `  falctl billing-events --since 2d --endpoint fal-ai/flux/dev
  falctl billing-events --since 2025-01-01 --until 2025-01-08 --output csv > events.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			limitOpt, err := maxItems(limit)
			if err != nil {
				return err
			}
			start, end, api, err := c.windowClient(tr)
			if err != nil {
				return err
			}
			params := &falapi.GetBillingEventsParams{Start: start, End: end, EndpointID: endpoints, RequestID: requests}
			r := c.newRenderer(shapeList, "timestamp", "request_id", "endpoint_id", "output_units", "unit_price", "cost_discount", "cost_total")
			return render(r, api.GetBillingEventsIter(cmd.Context(), params, limitOpt), func(e falapi.BillingEvent) [][]string {
				return [][]string{{e.Timestamp, e.RequestID, e.EndpointID, nullCell(e.OutputUnits, num),
					nullCell(e.UnitPrice, num), num(e.CostDiscount), num(e.CostTotal)}}
			})
		},
	}
	addTimeFlags(cmd, &tr)
	addEndpointFlag(cmd, &endpoints)
	cmd.Flags().StringArrayVar(&requests, "request-id", nil, "only this request (repeat for several)")
	addLimitFlag(cmd, &limit)
	return cmd
}
