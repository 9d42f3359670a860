package falmock

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/falplatform/fal-go/gen/falapi"
)

// docsURL is the docs_url of every error envelope.
const docsURL = "https://docs.fal.ai/platform-apis"

// requestIDHeader carries the ID of each answer.
const requestIDHeader = "X-Request-Id"

// ErrorType is the type of fal's error envelope that goes with an HTTP
// status: authorization_error for 401 and 403, not_found for 404 and 405,
// rate_limited for 429, not_implemented for 501, server_error for other
// 5xx, validation_error for the rest.
func ErrorType(status int) falapi.ErrorType {
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return falapi.ErrorTypeAuthorizationError
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return falapi.ErrorTypeNotFound
	case status == http.StatusTooManyRequests:
		return falapi.ErrorTypeRateLimited
	case status == http.StatusNotImplemented:
		return falapi.ErrorTypeNotImplemented
	case status >= 500:
		return falapi.ErrorTypeServerError
	}
	return falapi.ErrorTypeValidationError
}

// errorBody encodes fal's error envelope for status.
func errorBody(status int, message, requestID string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	docs := docsURL
	// Encoding a struct of strings cannot fail.
	_ = enc.Encode(falapi.Error{Error: falapi.ErrorDetail{
		Type: ErrorType(status), Message: message, DocsURL: &docs, RequestID: &requestID,
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
