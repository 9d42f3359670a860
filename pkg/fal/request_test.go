package fal

import (
	"net/http"
	"testing"
	"time"

	"github.com/oapi-codegen/runtime"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// paramLevel and paramKind stand for the enum types oapi-codegen writes.
type (
	paramLevel int32
	paramKind  string
)

// TestParamHelpersMatchTheRuntime holds the query and header helpers, with
// each formatter, to what oapi-codegen's runtime writes for the same value:
// every Go type a parameter can have, not only those of today's schema
// (the generated builders are compared with oapi-codegen's in
// TestBuildersMatchOapiCodegen).
func TestParamHelpersMatchTheRuntime(t *testing.T) {
	date := openapi_types.Date{Time: time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)}
	id := openapi_types.UUID{0x3f, 0xa8, 0x5f, 0x64, 0x57, 0x17, 0x45, 0x62, 0xb3, 0xfc, 0x2c, 0x96, 0x3f, 0x66, 0xaf, 0xa6}
	for _, tc := range []struct {
		name    string
		value   any                         // what the runtime is given
		query   func(*requestURL, string)   // our helper, exploded or not as explode says
		header  func(*http.Request, string) // nil: not a header parameter
		explode bool
	}{
		{"string", "a b&c=d/é+%,", func(u *requestURL, k string) { queryOne(u, k, "a b&c=d/é+%,", formatString) },
			func(r *http.Request, k string) { headerOne(r, k, "a b&c=d/é+%,", formatString) }, true},
		{"string enum", paramKind("16:9"), func(u *requestURL, k string) { queryOpt(u, k, Ptr(paramKind("16:9")), formatString) },
			func(r *http.Request, k string) { headerOpt(r, k, Ptr(paramKind("16:9")), formatString) }, true},
		{"bool", false, func(u *requestURL, k string) { queryOpt(u, k, Ptr(false), formatBool) },
			func(r *http.Request, k string) { headerOpt(r, k, Ptr(false), formatBool) }, true},
		{"int", -42, func(u *requestURL, k string) { queryOpt(u, k, Ptr(-42), formatInt) },
			func(r *http.Request, k string) { headerOpt(r, k, Ptr(-42), formatInt) }, true},
		{"int64", int64(-1) << 62, func(u *requestURL, k string) { queryOne(u, k, int64(-1)<<62, formatInt) }, nil, true},
		{"int8", int8(-8), func(u *requestURL, k string) { queryOne(u, k, int8(-8), formatInt) }, nil, true},
		{"integer enum", paramLevel(3), func(u *requestURL, k string) { queryOpt(u, k, Ptr(paramLevel(3)), formatInt) }, nil, true},
		{"uint64", uint64(1) << 63, func(u *requestURL, k string) { queryOne(u, k, uint64(1)<<63, formatUint) }, nil, true},
		{"float64", 1.25e-07, func(u *requestURL, k string) { queryOpt(u, k, Ptr(1.25e-07), formatFloat64) }, nil, true},
		{"float32", float32(0.1), func(u *requestURL, k string) { queryOpt(u, k, Ptr(float32(0.1)), formatFloat32) }, nil, true},
		{"date-time", sampleTime, func(u *requestURL, k string) { queryOpt(u, k, Ptr(sampleTime), formatTime) },
			func(r *http.Request, k string) { headerOpt(r, k, Ptr(sampleTime), formatTime) }, true},
		{"date", date, func(u *requestURL, k string) { queryOpt(u, k, &date, formatDate) }, nil, true},
		{"uuid", id, func(u *requestURL, k string) { queryOpt(u, k, &id, formatUUID) }, nil, true},
		{"list, exploded", []string{"a b", "c,d"}, func(u *requestURL, k string) { queryEach(u, k, []string{"a b", "c,d"}, formatString) }, nil, true},
		{"integer list, exploded", []int{1, -2}, func(u *requestURL, k string) { queryEach(u, k, []int{1, -2}, formatInt) }, nil, true},
		{"list, not exploded", []string{"a b", "c,d/e"}, func(u *requestURL, k string) { queryJoined(u, k, []string{"a b", "c,d/e"}, formatString) }, nil, false},
		{"time list, not exploded", []time.Time{sampleTime, sampleTime.Add(time.Hour)}, func(u *requestURL, k string) {
			queryJoined(u, k, []time.Time{sampleTime, sampleTime.Add(time.Hour)}, formatTime)
		}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// oapi-codegen's request builders append the runtime's
			// fragment as it is.
			frag, err := runtime.StyleParamWithOptions("form", tc.explode, "p", tc.value, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery})
			if err != nil {
				t.Fatal(err)
			}
			var u requestURL
			tc.query(&u, "p=")
			if got := u.b.String(); got != "?"+frag {
				t.Errorf("query %q, the runtime's %q", got, "?"+frag)
			}
			if tc.header == nil {
				return
			}
			text, err := runtime.StyleParamWithLocation("simple", false, "X-P", runtime.ParamLocationHeader, tc.value)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodGet, "https://example.com", nil)
			tc.header(req, "X-P")
			if got := req.Header.Get("X-P"); got != text {
				t.Errorf("header %q, the runtime's %q", got, text)
			}
		})
	}
	var u requestURL
	queryJoined(&u, "p=", []string(nil), formatString)
	queryOpt(&u, "q=", (*int)(nil), formatInt)
	if u.b.Len() != 0 {
		t.Errorf("unset parameters wrote %q", u.b.String())
	}
}
