package contract_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// streamOperations are the operations whose success answer is not JSON:
// event streams, file downloads, CSV reports and Prometheus text.
func streamOperations(srv *falmock.Server) []falmock.Operation {
	return slices.DeleteFunc(srv.Operations(), func(op falmock.Operation) bool {
		return op.MediaType == "" || answersJSON(op)
	})
}

// TestContractErrorsOfStreamCalls checks that a 401, a 429 and a 500 on
// every operation whose success answer is not JSON become the right
// *fal.APIError, from falmock and from a server that picks the media type
// of its error answers by the request's Accept header, and that the
// request prefers the operation's media type but also accepts JSON.
func TestContractErrorsOfStreamCalls(t *testing.T) {
	srv := newContractServer(t)
	negotiator := httptest.NewServer(negotiatingErrors(srv.Handler))
	t.Cleanup(negotiator.Close)
	servers := []struct {
		name string
		opts []fal.Option
	}{
		{"falmock", nil},
		{"negotiating", []fal.Option{fal.WithBaseURL(negotiator.URL + srv.BasePath()), fal.WithHTTPClient(negotiator.Client())}},
	}
	ops := streamOperations(srv)
	if len(ops) == 0 {
		t.Fatal("the schema has no operation that answers other than JSON")
	}
	for _, op := range ops {
		for _, status := range []int{http.StatusUnauthorized, http.StatusTooManyRequests, http.StatusInternalServerError} {
			for _, server := range servers {
				t.Run(fmt.Sprintf("%s/%d/%s", op.ID, status, server.name), func(t *testing.T) {
					srv.Reset()
					inject(t, srv, op.ID, falmock.Fault{Status: status, Times: 1})
					call := newContractCall(t, srv, op, server.opts...)
					err := callError(call.invoke(t.Context()))
					rec := checkRecorded(t, srv, call, 1)[0]
					checkAccept(t, rec.Header.Get("Accept"), op.MediaType)
					var apiErr *fal.APIError
					if !errors.As(err, &apiErr) {
						t.Fatalf("got %T %v, want an *fal.APIError", err, err)
					}
					wantType := falmock.ErrorType(status)
					if apiErr.Operation != call.name || apiErr.StatusCode != status || apiErr.Type != wantType || apiErr.RequestID != rec.RequestID {
						t.Errorf("got %s %d %q request %q, want %s %d %q request %q (answer %q)",
							apiErr.Operation, apiErr.StatusCode, apiErr.Type, apiErr.RequestID, call.name, status, wantType, rec.RequestID, apiErr.Body)
					}
					for _, s := range sentinels {
						if got, want := errors.Is(err, s), errors.Is(wantSentinel(status, wantType), s); got != want {
							t.Errorf("errors.Is(err, %v) = %v, want %v (error %q)", s, got, want, err)
						}
					}
				})
			}
		}
	}
}

// checkAccept checks that an Accept header takes the success answer's media
// type, and prefers JSON to the other types an error can come in.
func checkAccept(t *testing.T, accept, mediaType string) {
	t.Helper()
	json := acceptQuality(accept, "application/json")
	if acceptQuality(accept, mediaType) == 0 {
		t.Errorf("Accept %q does not take the answer's %s", accept, mediaType)
	}
	for _, mt := range errorMediaTypes {
		if q := acceptQuality(accept, mt); mt != "application/json" && q >= json {
			t.Errorf("Accept %q gives %s q=%g, JSON q=%g: an error answer may not be JSON", accept, mt, q, json)
		}
	}
}

// TestContractStreamCallsThroughNegotiation checks that the operations
// whose success answer is not JSON still get it from a server that
// answers only what the Accept header takes.
func TestContractStreamCallsThroughNegotiation(t *testing.T) {
	srv := newContractServer(t)
	negotiator := httptest.NewServer(negotiatingErrors(srv.Handler))
	t.Cleanup(negotiator.Close)
	for _, op := range streamOperations(srv) {
		t.Run(op.ID, func(t *testing.T) {
			srv.Reset()
			call := newContractCall(t, srv, op, fal.WithBaseURL(negotiator.URL+srv.BasePath()), fal.WithHTTPClient(negotiator.Client()))
			outs := call.invoke(t.Context())
			checkResult(t, srv, call, outs)
			checkRecorded(t, srv, call, 1)
		})
	}
}

// errorMediaTypes are the media types a negotiating server can answer an
// error with, in the order it prefers them when the request accepts them
// equally: a web framework's HTML page first, then plain text, then JSON.
var errorMediaTypes = []string{"text/html", "text/plain", "application/json"}

// negotiatingErrors wraps a handler that answers errors with fal's JSON
// envelope into one that answers them in the media type the request's
// Accept header prefers (406 Not Acceptable when it accepts none), as a
// server or proxy that negotiates does. A success answer passes unchanged
// if the Accept header takes its type, else it is 406 too.
func negotiatingErrors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		accept := r.Header.Get("Accept")
		if rec.Code < 400 {
			if mt, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type")); mt != "" && acceptQuality(accept, mt) == 0 {
				http.Error(w, "406 Not Acceptable", http.StatusNotAcceptable)
				return
			}
			maps.Copy(w.Header(), rec.Header())
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		maps.Copy(w.Header(), rec.Header())
		chosen, best := "", 0.0
		for _, mt := range errorMediaTypes {
			if q := acceptQuality(accept, mt); q > best {
				chosen, best = mt, q
			}
		}
		var env errorEnvelope
		_ = json.Unmarshal(rec.Body.Bytes(), &env)
		status := rec.Code
		body := rec.Body.String()
		switch chosen {
		case "":
			status, chosen, body = http.StatusNotAcceptable, "text/plain", "406 Not Acceptable"
		case "text/plain":
			body = fmt.Sprintf("%d %s: %s\n", status, http.StatusText(status), env.Error.Message)
		case "text/html":
			body = fmt.Sprintf("<html><body><h1>%d %s</h1><p>%s</p></body></html>\n", status, http.StatusText(status), html.EscapeString(env.Error.Message))
		}
		w.Header().Set("Content-Type", chosen)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

// acceptQuality is the quality an Accept header gives a media type (without
// parameters): the q of the most specific range that matches it (RFC 9110,
// section 12.5.1), 0 when none does, 1 when there is no Accept header.
// Parameters of a range other than q are not compared.
func acceptQuality(accept, mediaType string) float64 {
	if strings.TrimSpace(accept) == "" {
		return 1
	}
	typ, _, _ := strings.Cut(mediaType, "/")
	quality, specificity := 0.0, -1
	for part := range strings.SplitSeq(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		s := -1
		switch mt {
		case mediaType:
			s = 2
		case typ + "/*":
			s = 1
		case "*/*":
			s = 0
		}
		if s > specificity {
			quality, specificity = q, s
		}
	}
	return quality
}

func TestAcceptQuality(t *testing.T) {
	tests := []struct {
		accept, mediaType string
		want              float64
	}{
		{"", "text/csv", 1},
		{"text/csv", "text/csv", 1},
		{"text/csv", "application/json", 0},
		{"text/csv, application/json;q=0.9", "application/json", 0.9},
		{"application/octet-stream, application/json;q=0.9, */*;q=0.8", "text/html", 0.8},
		{"application/octet-stream, application/json;q=0.9, */*;q=0.8", "application/json", 0.9},
		{"text/*;q=0.5, text/plain", "text/plain", 1},
		{"text/*;q=0.5, text/plain", "text/html", 0.5},
		{"TEXT/Plain;q=0.3", "text/plain", 0.3},
		{"*/*", "application/json", 1},
		{"application/json;q=0", "application/json", 0},
	}
	for _, tt := range tests {
		if got := acceptQuality(tt.accept, tt.mediaType); got != tt.want {
			t.Errorf("acceptQuality(%q, %q) = %g, want %g", tt.accept, tt.mediaType, got, tt.want)
		}
	}
}
