package genclient

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func TestResultKinds(t *testing.T) {
	obj := &openapi3.MediaType{Schema: &openapi3.SchemaRef{Ref: "#/components/schemas/Widget", Value: &openapi3.Schema{}}}
	for _, tc := range []struct{ media, result, out string }{
		{"application/json", resultJSON, "falapi.Widget"},
		{"application/vnd.fal.widget+json", resultJSON, "falapi.Widget"},
		{"application/problem+json", resultJSON, "falapi.Widget"},
		{"text/event-stream", resultEvents, "falapi.Widget"},
		{"text/csv", resultCSV, ""},
		{"application/x-ndjson", resultDownload, ""},
		{"application/zip", resultDownload, ""},
		{"image/png", resultDownload, ""},
		{"", resultNoContent, ""},
	} {
		var m method
		if err := m.result("200", tc.media, obj); err != nil {
			t.Fatal(err)
		}
		if m.Result != tc.result || m.OutType != tc.out {
			t.Errorf("%q: result %s %s, want %s %s", tc.media, m.Result, m.OutType, tc.result, tc.out)
		}
	}
}

func TestJSONBodies(t *testing.T) {
	api := goAPIOf(t, `package falapi

type Patch struct{ Width *float64 }
type PatchGizmoJSONRequestBody = Patch
type PatchGizmoTagsJSONRequestBody = Patch
type PatchGizmoTagsApplicationMergePatchPlusJSONRequestBody = Patch
type PatchGizmoApplicationMergePatchPlusJSONRequestBody = Patch
type PatchGizmoApplicationVndFalGizmoV2PlusJSONRequestBody = Patch
`)
	body := func(media ...string) *openapi3.Operation {
		content := openapi3.Content{}
		for _, m := range media {
			content[m] = &openapi3.MediaType{}
		}
		return &openapi3.Operation{RequestBody: &openapi3.RequestBodyRef{Value: &openapi3.RequestBody{Content: content}}}
	}
	for _, tc := range []struct {
		op                  *openapi3.Operation
		media, typ, builder string
	}{
		{body("application/json"), "application/json", "PatchGizmoJSONRequestBody", "NewPatchGizmoRequest"},
		{body("application/merge-patch+json", "application/json"), "application/json", "PatchGizmoJSONRequestBody", "NewPatchGizmoRequest"},
		{body("application/merge-patch+json"), "application/merge-patch+json", "PatchGizmoApplicationMergePatchPlusJSONRequestBody", "NewPatchGizmoRequestWithApplicationMergePatchPlusJSONBody"},
		{body("application/vnd.fal.gizmo.v2+json"), "application/vnd.fal.gizmo.v2+json", "PatchGizmoApplicationVndFalGizmoV2PlusJSONRequestBody", "NewPatchGizmoRequestWithApplicationVndFalGizmoV2PlusJSONBody"},
	} {
		media := jsonBodyMedia(tc.op)
		params, err := requestParams(api, "PatchGizmo", "/gizmo", tc.op)
		if err != nil {
			t.Fatal(err)
		}
		m, err := buildMethod(&openapi3.T{}, api, "PATCH", "/gizmo", withResponses(tc.op))
		if err != nil {
			t.Fatal(err)
		}
		if media != tc.media || len(params) != 1 || params[0].typ != tc.typ || m.Builder != tc.builder {
			t.Errorf("%s: media %s, parameters %v, builder %s; want %s, %s, %s", tc.media, media, params, m.Builder, tc.media, tc.typ, tc.builder)
		}
	}
	if _, err := requestParams(api, "PatchGizmo", "/gizmo", body("application/json-seq+json")); err == nil {
		t.Error("a +json body without its alias: no error")
	}
}

// withResponses gives op an answer without a body and an operationId.
func withResponses(op *openapi3.Operation) *openapi3.Operation {
	op.OperationID = "patchGizmo"
	op.Responses = openapi3.NewResponses(openapi3.WithStatus(204, &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription("done")}))
	return op
}
