package fal

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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
// escaped too.
func (u *requestURL) pathParam(v string) { u.b.WriteString(url.PathEscape(v)) }

// filePath appends a file path parameter segment by segment: its slashes
// stay, every segment is escaped (argument checks have refused "." and ".."
// segments).
func (u *requestURL) filePath(v string) {
	for i, seg := range strings.Split(v, "/") {
		if i > 0 {
			u.b.WriteByte('/')
		}
		u.b.WriteString(url.PathEscape(seg))
	}
}

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

// queryString writes a required string (or enum) parameter.
func queryString[T ~string](u *requestURL, key string, v T) { u.queryValue(key, string(v)) }

// queryPtr writes an optional string (or enum) parameter when it is set.
func queryPtr[T ~string](u *requestURL, key string, v *T) {
	if v != nil {
		u.queryValue(key, string(*v))
	}
}

// queryList writes a list parameter as the key repeated (form, exploded).
func queryList[T ~string](u *requestURL, key string, vs []T) {
	for _, v := range vs {
		u.queryValue(key, string(v))
	}
}

// queryInt writes an optional integer parameter when it is set.
func queryInt(u *requestURL, key string, v *int) {
	if v != nil {
		u.queryKey(key)
		u.b.WriteString(strconv.Itoa(*v))
	}
}

// queryBool writes an optional boolean parameter when it is set.
func queryBool(u *requestURL, key string, v *bool) {
	if v != nil {
		u.queryKey(key)
		u.b.WriteString(strconv.FormatBool(*v))
	}
}

// queryFloat writes an optional number parameter when it is set, in
// plain decimal notation.
func queryFloat(u *requestURL, key string, v *float64) {
	if v != nil {
		u.queryValue(key, strconv.FormatFloat(*v, 'f', -1, 64))
	}
}

// request makes the request.
func (u *requestURL) request(method string, body io.Reader) (*http.Request, error) {
	return http.NewRequest(method, u.b.String(), body)
}

// jsonRequest makes a request whose body is v as JSON; the body can be
// replayed for retries.
func (u *requestURL) jsonRequest(method string, v any) (*http.Request, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	req, err := u.request(method, bytes.NewReader(data))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

// setHeader sets an optional header parameter when it is set.
func setHeader(req *http.Request, name string, v *string) {
	if v != nil {
		req.Header.Set(name, *v)
	}
}
