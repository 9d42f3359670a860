package fal

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// Do calls any method and path under the base URL, for operations fal added
// after this client was generated, with what the generated methods have:
// the key (sent when the client has one), retries, logging, middleware,
// timeouts, every option, and *APIError for non-2xx answers.
//
// path is relative to the base URL ("/models/new" or "models/new"), as it
// appears in a URL: escape what needs escaping. It must stay under the base
// URL and carry no query: give the query with WithQuery and WithQueryAdd.
// body is sent as JSON: nil sends none, a json.RawMessage or []byte is sent
// as it is, anything else is encoded with encoding/json. A JSON answer is
// decoded into out (nil discards it; a *json.RawMessage keeps it raw); a
// 204 answer leaves out as it is.
//
// GET, HEAD, PUT and OPTIONS are retried; POST, PATCH and DELETE only when
// the call carries an Idempotency-Key (WithIdempotencyKey, or WithHeader),
// since Do cannot know whether fal honours one for that path. In errors and
// logs the operation reads "METHOD path".
func (c *Client) Do(ctx context.Context, method, path string, body, out any, opts ...Option) error {
	s := c.settings.with(opts)
	op := &operation{
		name:       method + " " + path,
		httpMethod: method,
		path:       path,
		auth:       authOptional,
		idempotent: s.idempotencyKey != "" || s.header.Get("Idempotency-Key") != "",
	}
	if err := checkRawTarget(op, s.base); err != nil {
		return err
	}
	var data []byte
	switch b := body.(type) {
	case nil:
	case json.RawMessage:
		data = b
	case []byte:
		data = b
	default:
		var err error
		if data, err = json.Marshal(body); err != nil {
			return argError(op, "body", err.Error())
		}
	}
	target := strings.TrimPrefix(path, "/")
	build := func(server string) (*http.Request, error) {
		var content io.Reader
		if body != nil {
			content = bytes.NewReader(data)
		}
		req, err := http.NewRequest(method, server+target, content)
		if err == nil && body != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}
	return c.callJSON(ctx, op, s, build, out)
}

// checkRawTarget checks the method and path of a Do call: a path that would
// leave the base URL, carries a query, or repeats the base URL's path is
// refused before anything is sent.
func checkRawTarget(op *operation, base string) error {
	if op.httpMethod == "" {
		return argError(op, "method", "must not be empty")
	}
	if strings.TrimPrefix(op.path, "/") == "" {
		return argError(op, "path", "must not be empty")
	}
	u, err := url.Parse(op.path)
	switch {
	case err != nil:
		return argError(op, "path", err.Error())
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(op.path, "//"):
		return argError(op, "path", "must be a path under the base URL, not a URL")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return argError(op, "path", "must not have a query or fragment: give the query with fal.WithQuery")
	}
	for _, seg := range strings.Split(strings.TrimPrefix(u.Path, "/"), "/") {
		if seg == "." || seg == ".." {
			return argError(op, "path", fmt.Sprintf("has a %q segment", seg))
		}
	}
	if b, err := url.Parse(base); err == nil && b.Path != "/" && strings.HasPrefix("/"+strings.TrimPrefix(op.path, "/"), b.Path) {
		return argError(op, "path", fmt.Sprintf("repeats the base URL's path %s: give the path after it", b.Path))
	}
	return nil
}
