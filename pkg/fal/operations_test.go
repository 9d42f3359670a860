package fal_test

import (
	"reflect"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/falplatform/fal-go/pkg/fal"
)

// operationIDs lists the operationIds of the vendored schema.
func operationIDs(t *testing.T) []string {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	return ids
}

// TestEveryOperationHasATypedMethod fails when an operation of
// api/openapi.json has no method on *fal.Client.
func TestEveryOperationHasATypedMethod(t *testing.T) {
	client := reflect.TypeFor[*fal.Client]()
	ids := operationIDs(t)
	if len(ids) == 0 {
		t.Fatal("the schema has no operations")
	}
	for _, id := range ids {
		if _, ok := client.MethodByName(normalize.GoName(id)); !ok {
			t.Errorf("operation %s has no method %s", id, normalize.GoName(id))
		}
	}
}
