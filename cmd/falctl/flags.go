package main

import (
	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// addLimitFlag gives a list command its --limit flag.
func addLimitFlag(cmd *cobra.Command, limit *int) {
	cmd.Flags().IntVar(limit, "limit", 0, "stop after this many results (0 for all)")
}

// maxItems is the option that applies --limit to an Iter method.
func maxItems(limit int) (fal.Option, error) {
	if limit < 0 {
		return nil, usagef("--limit %d is negative", limit)
	}
	return fal.WithMaxItems(limit), nil
}

// addEndpointFlag gives a command a repeatable --endpoint filter.
func addEndpointFlag(cmd *cobra.Command, endpoints *[]string) {
	cmd.Flags().StringArrayVar(endpoints, "endpoint", nil, "only this endpoint ID (repeat for several)")
}

// addTimeframeFlag gives a time series command its --timeframe flag.
func addTimeframeFlag(cmd *cobra.Command, timeframe *string) {
	addChoiceFlag(cmd, timeframe, "timeframe", "", "bucket size, by default chosen from the period", known[falapi.Timeframe]())
}

// orNil is nil for an empty flag value (a filter not given is not sent),
// else the value as the parameter's type: a string or a string enum.
func orNil[S ~string](value string) *S {
	if value == "" {
		return nil
	}
	v := S(value)
	return &v
}

// listClient returns the client and the option that caps a list at the
// --limit flag: what every list command starts with.
func (c *cli) listClient(limit int) (*fal.Client, fal.Option, error) {
	limitOpt, err := maxItems(limit)
	if err != nil {
		return nil, nil, err
	}
	api, err := c.client()
	return api, limitOpt, err
}
