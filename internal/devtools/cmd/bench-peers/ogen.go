//go:build peerbench

package main

import (
	"context"
	"fmt"
	"net/http"

	"github.com/falplatform/fal-go/internal/devtools/peerbench"
	"github.com/falplatform/fal-go/internal/devtools/peerbench/ogenfal"
)

// ogenClient calls the server through the generated ogen client.
func ogenClient(srv string, hc *http.Client) (peerbench.Client, error) {
	c, err := ogenfal.NewClient(srv+"/v1", apiKeys{}, ogenfal.WithClient(hc))
	if err != nil {
		return peerbench.Client{}, err
	}
	return peerbench.Client{Name: "ogen", Calls: map[string]peerbench.Call{
		"GetModels": func(ctx context.Context) (any, error) {
			return answer[*ogenfal.ModelsPage](c.GetModels(ctx, ogenfal.GetModelsParams{}))
		},
		"GetUsage": func(ctx context.Context) (any, error) {
			return answer[*ogenfal.UsagePage](c.GetUsage(ctx, ogenfal.GetUsageParams{}))
		},
		"GetAnalytics": func(ctx context.Context) (any, error) {
			return answer[*ogenfal.AnalyticsPage](c.GetAnalytics(ctx, ogenfal.GetAnalyticsParams{EndpointID: []string{peerbench.AnalyticsEndpoint}}))
		},
	}}, nil
}

// answer returns an ogen call's 200 answer, or an error for any other.
func answer[T any](res any, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	page, ok := res.(T)
	if !ok {
		return nil, fmt.Errorf("ogen answered %T", res)
	}
	return page, nil
}

// apiKeys gives ogen's client fal's key header for both security schemes;
// its method names are those of ogen's SecuritySource.
type apiKeys struct{}

func (apiKeys) ApiKey(context.Context, ogenfal.OperationName) (ogenfal.ApiKey, error) { //nolint:revive // ogen's name
	return ogenfal.ApiKey{APIKey: "Key " + peerbench.APIKey}, nil
}

func (apiKeys) AdminApiKey(context.Context, ogenfal.OperationName) (ogenfal.AdminApiKey, error) { //nolint:revive // ogen's name
	return ogenfal.AdminApiKey{APIKey: "Key " + peerbench.APIKey}, nil
}
