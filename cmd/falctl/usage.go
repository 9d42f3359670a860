package main

import (
	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// The expand values that choose between a time series and a summary.
const (
	expandTimeSeries = "time_series"
	expandSummary    = "summary"
)

func (c *cli) newUsageCmd() *cobra.Command {
	var tr timeRange
	var endpoints []string
	var timeframe string
	var summary bool
	cmd := &cobra.Command{
		Use:   "usage",
		Short: "Show usage and cost over time, or a summary per endpoint",
		Long: `Shows the units used and their cost per time bucket and endpoint (by
default over the last 24 hours), or with --summary one line per endpoint
for the whole period.`,
		Example: `  falctl usage --since 7d
  falctl usage --since 2025-01-01 --until 2025-02-01 --timeframe day --endpoint fal-ai/flux/dev
  falctl usage --since 30d --summary --output csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			start, end, api, err := c.windowClient(tr)
			if err != nil {
				return err
			}
			params := &falapi.GetUsageParams{
				Start:      start,
				End:        end,
				EndpointID: endpoints,
				Timeframe:  orNil[falapi.Timeframe](timeframe),
			}
			if summary {
				params.Expand = []string{expandSummary}
				r := c.newRenderer(shapeList, "endpoint_id", "quantity", "unit", "unit_price", "cost_total", "currency")
				items := fal.Flatten(api.GetUsagePages(cmd.Context(), params), func(p *falapi.UsagePage) []falapi.UsageLineItem { return p.Summary })
				return render(r, items, func(u falapi.UsageLineItem) [][]string {
					return [][]string{{u.EndpointID, num(u.Quantity), u.Unit, num(u.UnitPrice), num(u.CostTotal), u.Currency}}
				})
			}
			params.Expand = []string{expandTimeSeries}
			r := c.newRenderer(shapeList, "bucket", "endpoint_id", "quantity", "unit", "unit_price", "cost_total", "currency")
			return render(r, api.GetUsageIter(cmd.Context(), params), func(b falapi.UsageBucket) [][]string {
				rows := make([][]string, len(b.Results))
				for i, u := range b.Results {
					rows[i] = []string{b.Bucket, u.EndpointID, num(u.Quantity), u.Unit, num(u.UnitPrice), num(u.CostTotal), u.Currency}
				}
				return rows
			})
		},
	}
	addTimeFlags(cmd, &tr)
	addEndpointFlag(cmd, &endpoints)
	addTimeframeFlag(cmd, &timeframe)
	cmd.Flags().BoolVar(&summary, "summary", false, "one line per endpoint for the whole period instead of a time series")
	return cmd
}
