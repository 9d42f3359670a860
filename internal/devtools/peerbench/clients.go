package peerbench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

// AnalyticsEndpoint is the endpoint_id every client asks GetAnalytics for
// (fal requires one).
const AnalyticsEndpoint = "fal-ai/flux/dev"

// Call makes one operation's call and returns its decoded answer.
type Call func(ctx context.Context) (any, error)

// Client is one of the compared clients: a Call for each fixture's
// operation, by Fixture.Operation.
type Client struct {
	Name  string
	Calls map[string]Call
}

// FalClient calls the server through fal-go's fal.Client.
func FalClient(srv string, hc *http.Client) (Client, error) {
	c, err := fal.NewClient(fal.WithBaseURL(srv+"/v1"), fal.WithAPIKey(APIKey), fal.WithHTTPClient(hc))
	if err != nil {
		return Client{}, err
	}
	return Client{Name: "fal-go", Calls: map[string]Call{
		"GetModels": func(ctx context.Context) (any, error) { return c.GetModels(ctx, nil) },
		"GetUsage":  func(ctx context.Context) (any, error) { return c.GetUsage(ctx, nil) },
		"GetAnalytics": func(ctx context.Context) (any, error) {
			return c.GetAnalytics(ctx, &falapi.GetAnalyticsParams{EndpointID: []string{AnalyticsEndpoint}})
		},
	}}, nil
}

// BareClient calls the server with net/http and decodes into fal-go's types
// with encoding/json: the baseline.
func BareClient(srv string, hc *http.Client) Client {
	return Client{Name: "bare", Calls: map[string]Call{
		"GetModels":    bareCall[falapi.ModelsPage](hc, srv+"/v1/models"),
		"GetUsage":     bareCall[falapi.UsagePage](hc, srv+"/v1/models/usage"),
		"GetAnalytics": bareCall[falapi.AnalyticsPage](hc, srv+"/v1/models/analytics?endpoint_id="+url.QueryEscape(AnalyticsEndpoint)),
	}}
}

func bareCall[T any](hc *http.Client, target string) Call {
	return func(ctx context.Context) (any, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Key "+APIKey)
		resp, err := hc.Do(req)
		if err != nil {
			return nil, err
		}
		out := new(T)
		if resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("GET %s: %s", target, resp.Status)
		} else {
			err = json.NewDecoder(resp.Body).Decode(out)
		}
		if closeErr := resp.Body.Close(); err == nil {
			err = closeErr
		}
		if err != nil {
			return nil, err
		}
		return out, nil
	}
}
