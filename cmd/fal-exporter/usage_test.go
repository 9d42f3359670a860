package main

import (
	"fmt"
	"slices"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

func line(endpoint, unit, currency string, quantity, cost float64) falapi.UsageLineItem {
	return falapi.UsageLineItem{EndpointID: endpoint, Unit: unit, Currency: currency, Quantity: quantity, CostTotal: cost, CostSubtotal: cost}
}

func TestSummarizeUsage(t *testing.T) {
	tests := []struct {
		name  string
		items []falapi.UsageLineItem
		topN  int
		want  []usageRow
	}{
		{
			name: "no usage",
			topN: 3,
		},
		{
			name:  "rows of one endpoint, unit and currency are summed",
			items: []falapi.UsageLineItem{line("a/x", "image", "USD", 3, 0.3), line("a/x", "image", "USD", 1, 0.2)},
			topN:  1,
			want:  []usageRow{{"a/x", "image", "USD", 4, 0.5}},
		},
		{
			name: "the costliest endpoints are kept, the rest summed as other per unit and currency",
			items: []falapi.UsageLineItem{
				line("a/cheap", "image", "USD", 100, 1),
				line("a/dear", "video", "USD", 2, 50),
				line("a/mid", "second", "USD", 60, 5),
				line("a/mid", "image", "USD", 1, 0.5),
				line("a/small", "image", "USD", 10, 0.1),
				line("a/euro", "image", "EUR", 7, 0.7),
			},
			topN: 2,
			want: []usageRow{
				{"a/dear", "video", "USD", 2, 50},
				{"a/mid", "image", "USD", 1, 0.5},
				{"a/mid", "second", "USD", 60, 5},
				{"other", "image", "EUR", 7, 0.7},
				{"other", "image", "USD", 110, 1.1},
			},
		},
		{
			name: "an endpoint's cost over all its units decides its rank",
			items: []falapi.UsageLineItem{
				line("a/one-unit", "image", "USD", 1, 3),
				line("a/two-units", "image", "USD", 1, 2),
				line("a/two-units", "second", "USD", 1, 2),
			},
			topN: 1,
			want: []usageRow{
				{"a/two-units", "image", "USD", 1, 2},
				{"a/two-units", "second", "USD", 1, 2},
				{"other", "image", "USD", 1, 3},
			},
		},
		{
			name:  "equal costs rank by name",
			items: []falapi.UsageLineItem{line("b/tie", "image", "USD", 1, 1), line("a/tie", "image", "USD", 2, 1)},
			topN:  1,
			want:  []usageRow{{"a/tie", "image", "USD", 2, 1}, {"other", "image", "USD", 1, 1}},
		},
		{
			name:  "fewer endpoints than the top make no other",
			items: []falapi.UsageLineItem{line("a/x", "image", "USD", 1, 1), line("a/y", "image", "USD", 1, 2)},
			topN:  20,
			want:  []usageRow{{"a/x", "image", "USD", 1, 1}, {"a/y", "image", "USD", 1, 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarizeUsage(tt.items, tt.topN)
			if !slices.EqualFunc(got, tt.want, func(a, b usageRow) bool { return a.String() == b.String() }) {
				t.Errorf("got\n%s\nwant\n%s", fmt.Sprint(got), fmt.Sprint(tt.want))
			}
		})
	}
}

// TestSummarizeUsageBoundsCardinality checks that however many endpoints
// fal reports, the series stay within topN endpoints plus "other", per
// unit and currency, and that no cost is lost.
func TestSummarizeUsageBoundsCardinality(t *testing.T) {
	var items []falapi.UsageLineItem
	var total float64
	for i := range 500 {
		cost := float64(i%37) + 0.25
		items = append(items, line(fmt.Sprintf("owner/model-%03d", i), "image", "USD", 1, cost))
		total += cost
	}
	rows := summarizeUsage(items, 10)
	if len(rows) != 11 {
		t.Fatalf("%d rows, want 10 endpoints and other", len(rows))
	}
	var sum float64
	for _, r := range rows {
		sum += r.cost
	}
	if diff := sum - total; diff > 1e-6 || diff < -1e-6 {
		t.Errorf("rows sum to %g, the items to %g", sum, total)
	}
}
