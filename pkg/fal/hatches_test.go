package fal_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// newMock starts a falmock server for one test.
func newMock(t *testing.T, opts ...falmock.Option) *falmock.Server {
	t.Helper()
	srv := falmock.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// lastRequest returns the one request the mock recorded.
func lastRequest(t *testing.T, srv *falmock.Server) falmock.Request {
	t.Helper()
	recs := srv.Requests()
	if len(recs) != 1 {
		t.Fatalf("the mock recorded %d requests, want 1", len(recs))
	}
	return recs[0]
}

func TestQueryOptionsReachTheServer(t *testing.T) {
	active := falapi.ModelStatusActive
	category := "text-to-image"
	for _, tc := range []struct {
		name string
		call func(ctx context.Context, c *fal.Client) error
		want map[string][]string // parameters the server must have received; nil values: absent
	}{
		{
			name: "a parameter the types do not know",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetModels(ctx, nil, fal.WithQuery("sort", "newest"))
				return err
			},
			want: map[string][]string{"sort": {"newest"}},
		},
		{
			name: "an enum value the schema does not list, over the typed one",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetModels(ctx, &falapi.GetModelsParams{Status: &active}, fal.WithQuery("status", "preview"))
				return err
			},
			want: map[string][]string{"status": {"preview"}},
		},
		{
			name: "a value added to a list",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetPricing(ctx, &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}}, fal.WithQueryAdd("endpoint_id", "fal-ai/flux-pro"))
				return err
			},
			want: map[string][]string{"endpoint_id": {"fal-ai/flux/dev", "fal-ai/flux-pro"}},
		},
		{
			name: "a typed parameter removed, edits applied in order",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetModels(ctx, &falapi.GetModelsParams{Category: &category, Q: fal.Ptr("flux")},
					fal.WithQueryDel("category"), fal.WithQuery("q", "a"), fal.WithQueryAdd("q", "b"))
				return err
			},
			want: map[string][]string{"category": nil, "q": {"a", "b"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			err := tc.call(t.Context(), srv.Client())
			rec := lastRequest(t, srv)
			for key, values := range tc.want {
				if got := rec.Query[key]; !slices.Equal(got, values) {
					t.Errorf("the server received %s=%q, want %q (query %v)", key, got, values, rec.Query)
				}
			}
			// The mock validates against the schema it serves: a value it
			// does not list is refused there, by the server, not by the client.
			if err != nil && (rec.Valid || !errors.Is(err, fal.ErrValidation)) {
				t.Errorf("call failed: %v", err)
			}
		})
	}
}

func TestClientWideQueryOptionAppliesToEveryCall(t *testing.T) {
	srv := newMock(t)
	c := srv.Client(fal.WithQuery("trace", "on"))
	if _, err := c.GetMeta(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetModels(t.Context(), nil, fal.WithQueryDel("trace")); err != nil {
		t.Fatal(err)
	}
	recs := srv.Requests()
	if len(recs) != 2 || recs[0].Query.Get("trace") != "on" || recs[1].Query.Has("trace") {
		t.Errorf("queries %v and %v: want trace=on on the first only", recs[0].Query, recs[1].Query)
	}
}

// workflow is a body with nested objects to edit.
var workflow = falapi.CreateWorkflowRequest{
	Name:  "upscale",
	Title: "Upscale",
	Contents: falapi.WorkflowDefinition{
		Name: "upscale", Version: "1",
		Nodes:  map[string]map[string]any{},
		Output: map[string]string{},
		Schema: falapi.WorkflowIOSchema{Input: map[string]any{}, Output: map[string]any{}},
	},
}

func TestClientWideJSONOptionEditsTheCallsWithABody(t *testing.T) {
	srv := newMock(t)
	c := srv.Client(fal.WithJSONSet("folder", "team"))
	if _, err := c.GetMeta(t.Context()); err != nil {
		t.Fatalf("a call without a body: %v", err)
	}
	if _, err := c.CreateWorkflow(t.Context(), workflow); err != nil {
		t.Fatal(err)
	}
	recs := srv.RequestsFor("createWorkflow")
	if len(recs) != 1 || jsonAt(t, recs[0].Body, "folder") != `"team"` {
		t.Fatalf("%d workflows sent, the last as %s", len(recs), recs[len(recs)-1].Body)
	}
	_, err := c.GetMeta(t.Context(), fal.WithJSONDel("name"))
	if err == nil || !strings.Contains(err.Error(), `WithJSONDel "name": the request has no JSON body`) {
		t.Errorf("an edit given to a call without a body: %v", err)
	}
}

func TestJSONOptionsReachTheServer(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []fal.Option
		want map[string]string // dotted path -> the JSON the server received there ("" for absent)
	}{
		{
			name: "a field the types do not know",
			opts: []fal.Option{fal.WithJSONSet("folder", "team")},
			want: map[string]string{"folder": `"team"`, "name": `"upscale"`},
		},
		{
			name: "a nested field, its objects created",
			opts: []fal.Option{fal.WithJSONSet("sharing.with.team", true)},
			want: map[string]string{"sharing": `{"with":{"team":true}}`},
		},
		{
			name: "a typed field overridden with a value its type cannot hold",
			opts: []fal.Option{fal.WithJSONSet("is_public", "team-only")},
			want: map[string]string{"is_public": `"team-only"`},
		},
		{
			name: "a field of an existing object set, another deleted",
			opts: []fal.Option{fal.WithJSONSet("contents.metadata.owner", "ml"), fal.WithJSONDel("contents.version")},
			want: map[string]string{"contents.metadata": `{"owner":"ml"}`, "contents.version": "", "contents.name": `"upscale"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			_, err := srv.Client().CreateWorkflow(t.Context(), workflow, tc.opts...)
			rec := lastRequest(t, srv)
			for path, want := range tc.want {
				if got := jsonAt(t, rec.Body, path); got != want {
					t.Errorf("the server received %s = %s, want %s (body %s)", path, got, want, rec.Body)
				}
			}
			if err != nil && (rec.Valid || !errors.Is(err, fal.ErrValidation)) {
				t.Errorf("call failed: %v", err)
			}
		})
	}
}

// jsonAt returns the JSON at a dotted path of doc, "" when it is absent.
func jsonAt(t *testing.T, doc []byte, path string) string {
	t.Helper()
	v := json.RawMessage(doc)
	for _, key := range strings.Split(path, ".") {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(v, &obj); err != nil {
			t.Fatalf("%s in %s: %v", path, doc, err)
		}
		var ok bool
		if v, ok = obj[key]; !ok {
			return ""
		}
	}
	return string(v)
}

func TestRetriedWriteSendsTheEditedBodyEachTime(t *testing.T) {
	srv := newMock(t)
	if err := srv.Inject("createComputeInstance", falmock.Fault{Status: 503, Times: 1}); err != nil {
		t.Fatal(err)
	}
	body := falapi.CreateComputeInstanceRequest{InstanceType: falapi.InstanceTypeGpu1XH100Sxm5, SSHKey: "ssh-ed25519 AAAA"}
	if _, err := srv.Client().CreateComputeInstance(t.Context(), body, fal.WithJSONSet("labels.team", "ml")); err != nil {
		t.Fatal(err)
	}
	recs := srv.Requests()
	if len(recs) != 2 {
		t.Fatalf("%d attempts, want 2", len(recs))
	}
	if string(recs[0].Body) != string(recs[1].Body) || !strings.Contains(string(recs[1].Body), `"labels":{"team":"ml"}`) {
		t.Errorf("the attempts sent %s and %s", recs[0].Body, recs[1].Body)
	}
}

func TestJSONOptionErrorsComeBeforeAnyRequest(t *testing.T) {
	for _, tc := range []struct {
		name string
		call func(ctx context.Context, c *fal.Client) error
		want string
	}{
		{
			name: "an operation without a body",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetMeta(ctx, fal.WithJSONSet("a", 1))
				return err
			},
			want: `fal: GetMeta: WithJSONSet "a": the request has no JSON body`,
		},
		{
			name: "a path through a string",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.CreateWorkflow(ctx, workflow, fal.WithJSONSet("contents.name.kind", 1))
				return err
			},
			want: `fal: CreateWorkflow: WithJSONSet "contents.name.kind": contents.name is a string, not an object`,
		},
		{
			name: "a delete through an array",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.CreateWorkflow(ctx, workflow, fal.WithJSONSet("list", []int{1}), fal.WithJSONDel("list.x"))
				return err
			},
			want: `fal: CreateWorkflow: WithJSONDel "list.x": list is an array, not an object`,
		},
		{
			name: "an empty key",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.CreateWorkflow(ctx, workflow, fal.WithJSONSet("a..b", 1))
				return err
			},
			want: `fal: CreateWorkflow: WithJSONSet "a..b": empty key in the path`,
		},
		{
			name: "a value that does not encode",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.CreateWorkflow(ctx, workflow, fal.WithJSONSet("a", func() {}))
				return err
			},
			want: `fal: CreateWorkflow: WithJSONSet "a": json: unsupported type: func()`,
		},
		{
			name: "a raw body that is not an object",
			call: func(ctx context.Context, c *fal.Client) error {
				return c.Do(ctx, http.MethodPost, "/models/pricing/estimate", []int{1}, nil, fal.WithJSONSet("a", 1))
			},
			want: `fal: POST /models/pricing/estimate: WithJSONSet "a": the body is an array, not a JSON object`,
		},
		{
			name: "an empty query parameter name",
			call: func(ctx context.Context, c *fal.Client) error {
				_, err := c.GetMeta(ctx, fal.WithQueryAdd("", "x"))
				return err
			},
			want: `fal: GetMeta: WithQueryAdd: empty parameter name`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newMock(t)
			err := tc.call(t.Context(), srv.Client())
			if err == nil || err.Error() != tc.want {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests were sent", n)
			}
		})
	}
}
