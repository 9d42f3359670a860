package fal

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// The generated build functions make requests with these helpers rather
// than with falapi's request builders: the same bytes on the wire (a test
// compares the two for every operation), without reflection and the
// allocations of building a query through url.Values.

// requestURL accumulates a request's URL.
type requestURL struct {
	b        strings.Builder
	hasQuery bool
}

// begin starts the URL at the base URL, which ends with a slash.
func (u *requestURL) begin(server string) {
	u.b.Grow(len(server) + 96)
	u.b.WriteString(server)
}

// literal appends a fixed piece of the path.
func (u *requestURL) literal(s string) { u.b.WriteString(s) }

// pathParam appends a path parameter as one escaped segment: a "/" in it is
// escaped too, file paths included (RFC 3986 and OpenAPI leave no other
// way to put one in a segment; fal's server and every OpenAPI mock decode
// it back).
func (u *requestURL) pathParam(v string) { u.b.WriteString(url.PathEscape(v)) }

// queryKey starts a query parameter: key holds the escaped name and "=".
func (u *requestURL) queryKey(key string) {
	if u.hasQuery {
		u.b.WriteByte('&')
	} else {
		u.b.WriteByte('?')
		u.hasQuery = true
	}
	u.b.WriteString(key)
}

func (u *requestURL) queryValue(key, value string) {
	u.queryKey(key)
	u.b.WriteString(url.QueryEscape(value))
}

// The query and header helpers take the parameter as the params struct
// holds it and the formatter of one of its values (format*), which gives
// the text oapi-codegen's runtime gives: the generator picks both from the
// field's Go type.

// queryOne writes a required parameter.
func queryOne[T any](u *requestURL, key string, v T, format func(T) string) {
	u.queryValue(key, format(v))
}

// queryOpt writes an optional parameter when it is set.
func queryOpt[T any](u *requestURL, key string, v *T, format func(T) string) {
	if v != nil {
		u.queryValue(key, format(*v))
	}
}

// queryEach writes a list parameter as the key repeated (form style,
// exploded).
func queryEach[T any](u *requestURL, key string, vs []T, format func(T) string) {
	for _, v := range vs {
		u.queryValue(key, format(v))
	}
}

// queryJoined writes a list parameter once, its values escaped and joined
// by literal commas (form style, not exploded); an empty list is left out.
func queryJoined[T any](u *requestURL, key string, vs []T, format func(T) string) {
	for i, v := range vs {
		if i == 0 {
			u.queryKey(key)
		} else {
			u.b.WriteByte(',')
		}
		u.b.WriteString(url.QueryEscape(format(v)))
	}
}

// headerOne sets a required header parameter.
func headerOne[T any](req *http.Request, name string, v T, format func(T) string) {
	req.Header.Set(name, format(v))
}

// headerOpt sets an optional header parameter when it is set.
func headerOpt[T any](req *http.Request, name string, v *T, format func(T) string) {
	if v != nil {
		req.Header.Set(name, format(*v))
	}
}

// formatString formats a string or string enum parameter as it is.
func formatString[T ~string](v T) string { return string(v) }

// formatBool formats a boolean parameter as true or false.
func formatBool[T ~bool](v T) string { return strconv.FormatBool(bool(v)) }

// formatInt formats a signed integer (or integer enum) parameter in
// decimal.
func formatInt[T ~int | ~int8 | ~int16 | ~int32 | ~int64](v T) string {
	return strconv.FormatInt(int64(v), 10)
}

// formatUint formats an unsigned integer parameter in decimal.
func formatUint[T ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64](v T) string {
	return strconv.FormatUint(uint64(v), 10)
}

// formatFloat64 formats a number parameter in plain decimal notation.
func formatFloat64[T ~float64](v T) string { return strconv.FormatFloat(float64(v), 'f', -1, 64) }

// formatFloat32 formats a float-format number parameter in plain decimal
// notation, with the digits a float32 holds.
func formatFloat32[T ~float32](v T) string { return strconv.FormatFloat(float64(v), 'f', -1, 32) }

// formatTime formats a date-time parameter in RFC 3339, with the
// fractional seconds it has.
func formatTime(v time.Time) string { return v.Format(time.RFC3339Nano) }

// formatDate formats a date parameter as YYYY-MM-DD.
func formatDate(v openapi_types.Date) string { return v.Format(openapi_types.DateFormat) }

// formatUUID formats a uuid parameter in its canonical form.
func formatUUID(v openapi_types.UUID) string { return v.String() }

// request makes the request.
func (u *requestURL) request(method string, body io.Reader) (*http.Request, error) {
	return http.NewRequest(method, u.b.String(), body)
}

// jsonRequest makes a request whose body is v as JSON, sent as media
// (application/json, or a +json type the operation names); the body can be
// replayed for retries.
func (u *requestURL) jsonRequest(method, media string, v any) (*http.Request, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	req, err := u.request(method, bytes.NewReader(data))
	if err == nil {
		req.Header.Set("Content-Type", media)
	}
	return req, err
}
