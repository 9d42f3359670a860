package fal

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestUnknownEnumValuesAreSent shows that a value the vendored schema does
// not list, in a query parameter, a list parameter or a body field, reaches
// the server as given: fal may have added it since the client was
// generated, and the server is the judge.
func TestUnknownEnumValuesAreSent(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/models":
			jsonAnswer(w, 200, `{"models":[],"has_more":false}`)
		case "/v1/serverless/apps/alice/app/events":
			jsonAnswer(w, 200, `{"events":[],"has_more":false}`)
		default:
			jsonAnswer(w, 200, `{"id":"i-1","instance_type":"gpu_16x_b300","status":"provisioning","region":"mars-1"}`)
		}
	})
	ctx := context.Background()
	status := falapi.ModelStatus("preview")
	if _, err := c.GetModels(ctx, &falapi.GetModelsParams{Status: &status}); err != nil {
		t.Fatal(err)
	}
	if req, _ := rec.request(0); req.URL.RawQuery != "status=preview" {
		t.Errorf("GetModels sent %q, want status=preview", req.URL.RawQuery)
	}

	categories := []falapi.AppEventCategory{falapi.AppEventCategoryRunnerStarted, "runner_hibernated"}
	if _, err := c.ServerlessListAppEvents(ctx, "alice", "app", &falapi.ServerlessListAppEventsParams{Category: categories}); err != nil {
		t.Fatal(err)
	}
	if req, _ := rec.request(1); req.URL.Query()["category"][1] != "runner_hibernated" {
		t.Errorf("ServerlessListAppEvents sent %q, want the unknown category kept", req.URL.RawQuery)
	}

	created, err := c.CreateComputeInstance(ctx, falapi.CreateComputeInstanceRequest{InstanceType: "gpu_16x_b300"})
	if err != nil {
		t.Fatal(err)
	}
	_, body := rec.request(2)
	var sent map[string]any
	if err := json.Unmarshal(body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent["instance_type"] != "gpu_16x_b300" {
		t.Errorf("CreateComputeInstance sent %s, want the unknown instance type kept", body)
	}
	// An answer holding enum values the schema does not list decodes, and
	// keeps them.
	if created.InstanceType != "gpu_16x_b300" || created.InstanceType.Valid() {
		t.Errorf("decoded instance type %q (known: %v), want the unknown value kept", created.InstanceType, created.InstanceType.Valid())
	}
}
