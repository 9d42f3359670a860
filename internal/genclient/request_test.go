package genclient

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// paramsSource declares a params struct as oapi-codegen writes one, with a
// field of every type a query or header parameter can have.
const paramsSource = `package falapi

type Level int
type Kind string

type ListWidgetsParams struct {
	Name    string              ` + "`form:\"name\"`" + `
	Cursor  *string             ` + "`form:\"cursor\"`" + `
	Kind    *Kind               ` + "`form:\"kind\"`" + `
	Kinds   []Kind              ` + "`form:\"kinds\"`" + `
	Level   *Level              ` + "`form:\"level\"`" + `
	Levels  []int               ` + "`form:\"levels\"`" + `
	Big     *int64              ` + "`form:\"big\"`" + `
	Ratio   *float32            ` + "`form:\"ratio\"`" + `
	Price   *float64            ` + "`form:\"price\"`" + `
	Flag    *bool               ` + "`form:\"flag\"`" + `
	Since   *time.Time          ` + "`form:\"since\"`" + `
	Day     *openapi_types.Date ` + "`form:\"day\"`" + `
	RunID   *openapi_types.UUID ` + "`form:\"run_id\"`" + `
	IDs     []string            ` + "`form:\"ids\"`" + `
	Blob    []byte              ` + "`form:\"blob\"`" + `
	Trace   *string             ` + "`json:\"X-Trace\"`" + `
	Region  Kind                ` + "`json:\"X-Region\"`" + `
	Tags    []string            ` + "`json:\"X-Tags\"`" + `
}
`

func TestPlanParams(t *testing.T) {
	api := goAPIOf(t, paramsSource)
	no := false
	query := func(name string) *openapi3.ParameterRef {
		return &openapi3.ParameterRef{Value: &openapi3.Parameter{Name: name, In: openapi3.ParameterInQuery}}
	}
	header := func(name string) *openapi3.ParameterRef {
		return &openapi3.ParameterRef{Value: &openapi3.Parameter{Name: name, In: openapi3.ParameterInHeader}}
	}
	joined := query("ids")
	joined.Value.Explode = &no
	op := &openapi3.Operation{Parameters: openapi3.Parameters{
		{Value: &openapi3.Parameter{Name: "owner", In: openapi3.ParameterInPath}},
		query("name"), query("cursor"), query("kind"), query("kinds"), query("level"), query("levels"),
		query("big"), query("ratio"), query("price"), query("flag"), query("since"), query("day"),
		query("run_id"), joined, header("X-Trace"), header("X-Region"),
	}}
	var plan requestPlan
	if err := plan.planParams(api, op, "ListWidgetsParams"); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, parts := range [][]fieldPart{plan.Query, plan.Headers} {
		for _, p := range parts {
			got = append(got, p.Field+" "+p.Helper+" "+p.Format+" "+p.Key)
		}
	}
	want := []string{
		"Name queryOne formatString name=",
		"Cursor queryOpt formatString cursor=",
		"Kind queryOpt formatString kind=",
		"Kinds queryEach formatString kinds=",
		"Level queryOpt formatInt level=",
		"Levels queryEach formatInt levels=",
		"Big queryOpt formatInt big=",
		"Ratio queryOpt formatFloat32 ratio=",
		"Price queryOpt formatFloat64 price=",
		"Flag queryOpt formatBool flag=",
		"Since queryOpt formatTime since=",
		"Day queryOpt formatDate day=",
		"RunID queryOpt formatUUID run_id=",
		"IDs queryJoined formatString ids=",
		"Trace headerOpt formatString X-Trace",
		"Region headerOne formatString X-Region",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	for _, tc := range []struct {
		param *openapi3.ParameterRef
		err   string
	}{
		{query("blob"), "query parameter blob is a []byte, which the request plan cannot write"},
		{header("X-Tags"), "parameter X-Tags (in header, style \"\", a []string) is not one the request plan can send"},
		{&openapi3.ParameterRef{Value: &openapi3.Parameter{Name: "kinds", In: openapi3.ParameterInQuery, Style: "deepObject"}}, "parameter kinds (in query, style \"deepObject\", a []Kind)"},
		{query("missing"), `type ListWidgetsParams has no field for "missing"`},
	} {
		err := (&requestPlan{}).planParams(api, &openapi3.Operation{Parameters: openapi3.Parameters{tc.param}}, "ListWidgetsParams")
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s: got %v, want an error with %q", tc.param.Value.Name, err, tc.err)
		}
	}
}

func TestPathParamTypes(t *testing.T) {
	api := goAPIOf(t, paramsSource)
	schema := func(typ, format string) *openapi3.SchemaRef {
		return &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{typ}, Format: format}}
	}
	for _, tc := range []struct {
		schema      *openapi3.SchemaRef
		typ, format string
	}{
		{schema("string", ""), "string", ""},
		{schema("string", "uuid"), "openapi_types.UUID", "formatUUID"},
		{schema("string", "date"), "openapi_types.Date", "formatDate"},
		{schema("string", "date-time"), "time.Time", "formatTime"},
		{schema("integer", ""), "int", "formatInt"},
		{schema("integer", "int32"), "int32", "formatInt"},
		{schema("integer", "int64"), "int64", "formatInt"},
		{schema("integer", "uint8"), "uint8", "formatUint"},
		{schema("string", "uri"), "string", ""},
		{schema("number", ""), "float64", "formatFloat64"},
		{schema("number", "float"), "float32", "formatFloat32"},
		{schema("boolean", ""), "bool", "formatBool"},
		{&openapi3.SchemaRef{Ref: "#/components/schemas/Level", Value: &openapi3.Schema{Type: &openapi3.Types{"integer"}}}, "Level", "formatInt"},
	} {
		op := &openapi3.Operation{Parameters: openapi3.Parameters{
			{Value: &openapi3.Parameter{Name: "widget_id", In: openapi3.ParameterInPath, Required: true, Schema: tc.schema}},
		}}
		params, err := requestParams(api, "GetWidget", "/widgets/{widget_id}", op)
		if err != nil {
			t.Errorf("%v %q: %v", tc.schema.Value.Type, tc.schema.Value.Format, err)
			continue
		}
		if len(params) != 1 || params[0].typ != tc.typ {
			t.Errorf("%v %q: parameters %v, want one %s", tc.schema.Value.Type, tc.schema.Value.Format, params, tc.typ)
			continue
		}
		plan, err := planRequest(api, op, "/widgets/{widget_id}", params, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := plan.Path[1]; got.Param != "widgetID" || got.Format != tc.format {
			t.Errorf("%s: path part %+v, want widgetID written with %q", tc.typ, got, tc.format)
		}
	}

	for _, s := range []*openapi3.SchemaRef{schema("array", ""), schema("object", ""), schema("string", "binary"), schema("string", "email")} {
		op := &openapi3.Operation{Parameters: openapi3.Parameters{
			{Value: &openapi3.Parameter{Name: "widget_id", In: openapi3.ParameterInPath, Required: true, Schema: s}},
		}}
		_, err := requestParams(api, "GetWidget", "/widgets/{widget_id}", op)
		if want := "path parameter widget_id: a "; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v %q: got %v, want an error with %q", s.Value.Type, s.Value.Format, err, want)
		}
	}
}
