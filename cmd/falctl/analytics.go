package main

import (
	"encoding/json"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// defaultMetrics are the metrics analytics shows unless --metrics says
// otherwise.
var defaultMetrics = []string{"request_count", "success_count", "error_count", "p50_duration", "p90_duration"}

func (c *cli) newAnalyticsCmd() *cobra.Command {
	var tr timeRange
	var timeframe string
	var metrics []string
	var summary bool
	cmd := &cobra.Command{
		Use:   "analytics ENDPOINT_ID...",
		Short: "Show request counts, errors and latencies of endpoints",
		Long: `Shows metrics of endpoints per time bucket (by default over the last 24
hours), or with --summary one line per endpoint for the whole period.

` + wrap("--metrics takes the API's metric names: "+strings.Join(analyticsMetrics(), ", ")+".", 76),
		Example: `  falctl analytics fal-ai/flux/dev --since 7d --timeframe day
  falctl analytics fal-ai/flux/dev --metrics request_count,p99_duration --summary`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			start, end, api, err := c.windowClient(tr)
			if err != nil {
				return err
			}
			params := &falapi.GetAnalyticsParams{
				Start:      start,
				End:        end,
				EndpointID: args,
				Timeframe:  orNil[falapi.Timeframe](timeframe),
			}
			if summary {
				params.Expand = append([]string{expandSummary}, metrics...)
				r := c.newRenderer(shapeList, append([]string{"endpoint_id"}, metrics...)...)
				items := fal.Flatten(api.GetAnalyticsPages(cmd.Context(), params), func(p *falapi.AnalyticsPage) []falapi.AnalyticsRecord { return p.Summary })
				return render(r, items, func(rec falapi.AnalyticsRecord) [][]string {
					return [][]string{metricRow(rec, metrics)}
				})
			}
			params.Expand = append([]string{expandTimeSeries}, metrics...)
			r := c.newRenderer(shapeList, append([]string{"bucket", "endpoint_id"}, metrics...)...)
			return render(r, api.GetAnalyticsIter(cmd.Context(), params), func(b falapi.AnalyticsBucket) [][]string {
				rows := make([][]string, len(b.Results))
				for i, rec := range b.Results {
					rows[i] = append([]string{b.Bucket}, metricRow(rec, metrics)...)
				}
				return rows
			})
		},
	}
	addTimeFlags(cmd, &tr)
	addTimeframeFlag(cmd, &timeframe)
	addChoicesFlag(cmd, &metrics, "metrics", defaultMetrics, "metrics to show, by their API names", analyticsMetrics())
	cmd.Flags().BoolVar(&summary, "summary", false, "one line per endpoint for the whole period instead of a time series")
	return cmd
}

// metricRow is the endpoint of rec and the metrics asked for, looked up by
// their names in the record's JSON, which are the names --metrics takes.
func metricRow(rec falapi.AnalyticsRecord, metrics []string) []string {
	fields := map[string]json.RawMessage{}
	// A record of numbers always encodes and decodes.
	data, _ := json.Marshal(rec)
	_ = json.Unmarshal(data, &fields)
	row := []string{rec.EndpointID}
	for _, m := range metrics {
		v := strings.TrimSpace(string(fields[m]))
		if v == "null" {
			v = ""
		}
		row = append(row, v)
	}
	return row
}
