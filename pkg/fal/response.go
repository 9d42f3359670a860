package fal

import (
	"bytes"
	"net/http"
)

// Response describes the HTTP answer to a call: see WithResponseInto.
type Response struct {
	// StatusCode is the answer's HTTP status.
	StatusCode int
	// Header holds the answer's headers (fal's billing headers, rate
	// limits, ...).
	Header http.Header
	// RequestID is fal's ID of the request, to quote to fal's support: the
	// X-Fal-Request-Id or X-Request-Id header, or the request_id of an error
	// answer; "" when fal sent none.
	RequestID string
	// Body is the raw body of a JSON answer, or of an error answer (at most
	// 64 KiB, as APIError.Body), kept only with WithResponseBodyInto. It is
	// nil for streams and downloads.
	Body []byte
}

// WithResponseInto makes a call fill *r with its answer's status, headers
// and request ID, whether the call succeeds, fails with an *APIError, or
// fails while its answer is read or decoded.
// *r is reset as the request is sent: StatusCode 0 means that no answer
// arrived (a network error). A paginated call fills it with each page's
// answer in turn. Give it to a call rather than to NewClient: calls made
// at the same time would all write to r.
func WithResponseInto(r *Response) Option {
	return func(s *settings) { s.response, s.keepBody = r, false }
}

// WithResponseBodyInto is WithResponseInto that also keeps the raw body in
// r.Body: fields this client's types do not know yet can be read from it.
func WithResponseBodyInto(r *Response) Option {
	return func(s *settings) { s.response, s.keepBody = r, true }
}

// describeAnswer fills the call's Response, if it asked for one, from a
// 2xx answer and its body, if read (a copy is kept: the buffer is reused).
func (s *settings) describeAnswer(resp *http.Response, body *answerBuffer) {
	if s.response == nil {
		return
	}
	*s.response = Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  requestID(resp.Header),
	}
	if s.keepBody && body != nil {
		s.response.Body = bytes.Clone(body.data)
	}
}

// describeError fills the call's Response, if it asked for one, from an
// error answer.
func (s *settings) describeError(e *APIError) {
	if s.response == nil {
		return
	}
	*s.response = Response{StatusCode: e.StatusCode, Header: e.Header, RequestID: e.RequestID}
	if s.keepBody {
		s.response.Body = e.Body
	}
}
