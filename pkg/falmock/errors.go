package falmock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// Error types of fal's error envelope, the "type" of {"error": {...}}.
const (
	// TypeAuthorization answers a missing or invalid key (401) and a key
	// without the rights (403).
	TypeAuthorization = "authorization_error"
	// TypeValidation answers a request the schema rejects (400, 409, 413,
	// 422, ...).
	TypeValidation = "validation_error"
	// TypeNotFound answers an unknown path (404) or method (405).
	TypeNotFound = "not_found"
	// TypeRateLimited answers 429.
	TypeRateLimited = "rate_limited"
	// TypeServer answers 5xx, including falmock's own bugs.
	TypeServer = "server_error"
	// TypeNotImplemented answers 501.
	TypeNotImplemented = "not_implemented"
)

// docsURL is the docs_url of every error envelope.
const docsURL = "https://docs.fal.ai/platform-apis"

// requestIDHeader carries the ID of each answer.
const requestIDHeader = "X-Request-Id"

// ErrorType is the envelope type fal uses for an HTTP status.
func ErrorType(status int) string {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return TypeAuthorization
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return TypeNotFound
	case status == http.StatusTooManyRequests:
		return TypeRateLimited
	case status == http.StatusNotImplemented:
		return TypeNotImplemented
	case status >= 500:
		return TypeServer
	}
	return TypeValidation
}

// envelope is fal's error body: {"error": {"type", "message", "docs_url",
// "request_id"}}.
type envelope struct {
	Error envelopeError `json:"error"`
}

type envelopeError struct {
	Type      string `json:"type"`
	Message   string `json:"message"`
	DocsURL   string `json:"docs_url"`
	RequestID string `json:"request_id"`
}

// errorBody encodes the envelope for status.
func errorBody(status int, message, requestID string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// Encoding a struct of strings cannot fail.
	_ = enc.Encode(envelope{Error: envelopeError{
		Type: ErrorType(status), Message: message, DocsURL: docsURL, RequestID: requestID,
	}})
	return buf.Bytes()
}

// writeError answers status with the error envelope.
func writeError(w http.ResponseWriter, status int, message, requestID string) {
	body := errorBody(status, message, requestID)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	// A failed write means the client has gone: there is no one to tell.
	_, _ = w.Write(body)
}
