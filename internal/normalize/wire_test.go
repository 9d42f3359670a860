package normalize

import (
	"context"
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/internal/falapiref"
)

// TestStringOrArrayParamsKeepTheWireFormat proves the stringOrArrayParams
// rule changes the Go type only: the request the generated builder makes
// from a []string is the query string the published schema's anyOf
// [string, array of string] describes, and validates against it.
func TestStringOrArrayParamsKeepTheWireFormat(t *testing.T) {
	t.Parallel()
	doc, err := loadDocument(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: "https://api.fal.ai/v1"}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	const server = "https://api.fal.ai/v1/"
	for _, tc := range []struct {
		name      string
		build     func() (*http.Request, error)
		wantQuery string
	}{
		{"one value", func() (*http.Request, error) {
			return falapiref.NewGetPricingRequest(server, &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}})
		}, "endpoint_id=fal-ai%2Fflux%2Fdev"},
		{"two values", func() (*http.Request, error) {
			return falapiref.NewGetPricingRequest(server, &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev", "fal-ai/flux-pro"}})
		}, "endpoint_id=fal-ai%2Fflux%2Fdev&endpoint_id=fal-ai%2Fflux-pro"},
		{"enum items", func() (*http.Request, error) {
			return falapiref.NewServerlessListAppEventsRequest(server, "alice", "app", &falapi.ServerlessListAppEventsParams{
				Category: []falapi.AppEventCategory{falapi.AppEventCategoryRunnerStarted, falapi.AppEventCategoryConfigChanged},
			})
		}, "category=runner_started&category=config_changed"},
		{"empty list sends nothing", func() (*http.Request, error) {
			return falapiref.NewGetModelsRequest(server, &falapi.GetModelsParams{EndpointID: nil})
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			if req.URL.RawQuery != tc.wantQuery {
				t.Fatalf("query %q, want %q", req.URL.RawQuery, tc.wantQuery)
			}
			req.Header.Set("Authorization", "Key k")
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatal(err)
			}
			err = openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
				Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
			})
			if err != nil {
				t.Errorf("the published schema rejects the request: %v", err)
			}
		})
	}
}
