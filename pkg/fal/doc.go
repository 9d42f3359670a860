// Package fal is the Go client for fal's Platform APIs (https://api.fal.ai/v1):
// the model catalog and search, pricing and cost estimates, usage, analytics
// and billing events, requests, workflows, assets, storage, serverless apps,
// compute instances, API keys, and account and organization billing.
//
// Every operation of fal's OpenAPI document is a method of [Client] that
// returns its typed result (the types live in package falapi) or an error:
//
//	c, err := fal.NewClient() // reads FAL_KEY
//	if err != nil {
//		return err
//	}
//	prices, err := c.GetPricing(ctx, &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}})
//
// Paginated operations also have a Pages method that yields page after page
// and an Iter method that yields item after item:
//
//	for m, err := range c.GetModelsIter(ctx, &falapi.GetModelsParams{Category: fal.Ptr("text-to-image")}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(m.EndpointID)
//	}
//
// When fal is ahead of the schema this client was generated from, options
// edit what a method sends ([WithQuery], [WithJSONSet] and their kin),
// [WithResponseInto] gives the answer's status, headers and request ID, and
// [Client.Do] calls an operation the client does not have yet:
//
//	models, err := c.GetModels(ctx, nil, fal.WithQuery("status", "preview"))
//
// A non-2xx answer is an [*APIError], which errors.Is matches against
// [ErrUnauthorized], [ErrForbidden], [ErrNotFound], [ErrValidation],
// [ErrRateLimited] and [ErrServer]. Arguments the client can tell are wrong
// (an empty ID, a file path with "..") fail before any request is made with
// an [*ArgumentError]; enum values are sent as given, known to the schema or
// not. Requests are retried twice by default on connection errors
// and on 408, 429 and 5xx answers (see [WithMaxRetries]); writes are retried
// only when they carry an idempotency key, which the client adds itself to the
// operations that accept one.
//
// The methods are generated from fal's schema, one file per tag of the
// schema (see gen/falapi and internal/genclient); this package's
// handwritten part is the transport:
// authentication, retries, errors, pagination and streams.
package fal
