package fal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode"
)

// Sentinel errors that errors.Is matches against an *APIError.
var (
	// ErrUnauthorized: 401, the key is missing or wrong.
	ErrUnauthorized = errors.New("fal: unauthorized")
	// ErrForbidden: 403, the key may not do this (admin operations need an admin key).
	ErrForbidden = errors.New("fal: forbidden")
	// ErrNotFound: 404, no such resource.
	ErrNotFound = errors.New("fal: not found")
	// ErrValidation: 400 or 422, or an error of type validation_error.
	ErrValidation = errors.New("fal: validation error")
	// ErrRateLimited: 429, or an error of type rate_limited.
	ErrRateLimited = errors.New("fal: rate limited")
	// ErrServer: 5xx.
	ErrServer = errors.New("fal: server error")
)

// ErrorType is the category fal gives an error.
type ErrorType string

// The error types of fal's error envelope.
const (
	ErrorTypeAuthorization  ErrorType = "authorization_error"
	ErrorTypeValidation     ErrorType = "validation_error"
	ErrorTypeNotFound       ErrorType = "not_found"
	ErrorTypeRateLimited    ErrorType = "rate_limited"
	ErrorTypeServer         ErrorType = "server_error"
	ErrorTypeNotImplemented ErrorType = "not_implemented"
)

// APIError is a non-2xx answer from fal.
type APIError struct {
	// Operation is the method that failed, e.g. "GetPricing".
	Operation string
	// StatusCode is the HTTP status.
	StatusCode int
	// Type, Message, DocsURL and RequestID come from fal's error envelope;
	// when the body is not one (an HTML page from a proxy), Message holds a
	// short clean excerpt of it.
	Type      ErrorType
	Message   string
	DocsURL   string
	RequestID string
	// RetryAfter is the server's Retry-After, or 0.
	RetryAfter time.Duration
	// Body is the raw body, at most maxErrorBody bytes.
	Body []byte
	// AdminKeyRequired is set on 401 and 403 answers to operations that
	// need an admin API key.
	AdminKeyRequired bool
}

// maxErrorBody bounds how much of an error body is kept.
const maxErrorBody = 64 << 10

// Error reads like "fal: GetPricing: 429 rate_limited: slow down (request_id=..., retry after 2s)".
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "fal: %s: %d", e.Operation, e.StatusCode)
	if e.Type != "" {
		fmt.Fprintf(&b, " %s", e.Type)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	var notes []string
	if e.AdminKeyRequired {
		notes = append(notes, "this operation needs an admin API key")
	}
	if e.RequestID != "" {
		notes = append(notes, "request_id="+e.RequestID)
	}
	if e.RetryAfter > 0 {
		notes = append(notes, "retry after "+e.RetryAfter.String())
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(notes, ", "))
	}
	return b.String()
}

// Is matches the sentinel errors by status code and error type.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity || e.Type == ErrorTypeValidation
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests || e.Type == ErrorTypeRateLimited
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// errorEnvelope is fal's error body.
type errorEnvelope struct {
	Error struct {
		Type      ErrorType `json:"type"`
		Message   string    `json:"message"`
		DocsURL   string    `json:"docs_url"`
		RequestID string    `json:"request_id"`
	} `json:"error"`
}

// newAPIError reads a non-2xx response (and closes its body) into an
// *APIError, with the key scrubbed from anything the server echoed.
func newAPIError(op *operation, resp *http.Response, key *apiKey, now time.Time) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	drainAndClose(resp.Body)
	if key != nil {
		body = bytes.ReplaceAll(body, []byte(key.reveal()), []byte(redacted))
	}
	e := &APIError{
		Operation:  op.name,
		StatusCode: resp.StatusCode,
		Body:       body,
		RetryAfter: retryAfter(resp.Header, now),
		RequestID:  firstHeader(resp.Header, "X-Fal-Request-Id", "X-Request-Id"),
	}
	var env errorEnvelope
	if isEnvelope(body, &env) {
		e.Type, e.Message, e.DocsURL = env.Error.Type, env.Error.Message, env.Error.DocsURL
		if env.Error.RequestID != "" {
			e.RequestID = env.Error.RequestID
		}
	} else {
		e.Message = snippet(resp.Status, resp.Header.Get("Content-Type"), body)
	}
	if op.auth == authAdmin && (e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden) {
		e.AdminKeyRequired = true
	}
	return e
}

// isEnvelope reports whether body is fal's error envelope, decoding it.
func isEnvelope(body []byte, env *errorEnvelope) bool {
	return json.Unmarshal(body, env) == nil && (env.Error.Type != "" || env.Error.Message != "")
}

// snippetLength bounds the excerpt of a body that is not fal's envelope.
const snippetLength = 200

// snippet describes a body that is not fal's error envelope: the status
// text, its content type and the start of its text, tags and spaces folded.
func snippet(status, contentType string, body []byte) string {
	text := string(body)
	if strings.Contains(contentType, "html") || strings.HasPrefix(strings.TrimSpace(text), "<") {
		text = stripTags(text)
	}
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }), " ")
	if r := []rune(text); len(r) > snippetLength {
		text = string(r[:snippetLength]) + "…"
	}
	out := "unexpected answer " + status
	if contentType != "" {
		out += " (" + contentType + ")"
	}
	if text != "" {
		out += ": " + text
	}
	return out
}

// stripTags drops <...> markup from an HTML page, keeping its text.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func firstHeader(h http.Header, names ...string) string {
	for _, n := range names {
		if v := h.Get(n); v != "" {
			return v
		}
	}
	return ""
}

// ArgumentError reports an argument the client can tell is wrong, before any
// request is made. errors.Is matches it against ErrInvalidArgument.
type ArgumentError struct {
	Operation string // the method, e.g. "GetComputeInstance"
	Argument  string // the argument or parameter, as the schema names it
	Problem   string
}

// ErrInvalidArgument matches every *ArgumentError.
var ErrInvalidArgument = errors.New("fal: invalid argument")

// Error reads like "fal: GetComputeInstance: id: must not be empty".
func (e *ArgumentError) Error() string {
	return "fal: " + e.Operation + ": " + e.Argument + ": " + e.Problem
}

// Is matches ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == ErrInvalidArgument }
