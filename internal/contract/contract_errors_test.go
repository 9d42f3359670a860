package contract_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// sentinels are the errors.Is targets an *fal.APIError may match.
var sentinels = []error{fal.ErrUnauthorized, fal.ErrForbidden, fal.ErrNotFound, fal.ErrValidation, fal.ErrRateLimited, fal.ErrServer}

// wantSentinel is the one sentinel an error must match, by its status or,
// for a status no sentinel stands for (409), by the type fal gave it; nil
// when it matches none.
func wantSentinel(status int, errType falapi.ErrorType) error {
	switch {
	case status == http.StatusUnauthorized:
		return fal.ErrUnauthorized
	case status == http.StatusForbidden:
		return fal.ErrForbidden
	case status == http.StatusNotFound:
		return fal.ErrNotFound
	case status == http.StatusBadRequest, status == http.StatusUnprocessableEntity:
		return fal.ErrValidation
	case status == http.StatusTooManyRequests:
		return fal.ErrRateLimited
	case status >= 500:
		return fal.ErrServer
	case errType == falapi.ErrorTypeValidationError:
		return fal.ErrValidation
	case errType == falapi.ErrorTypeRateLimited:
		return fal.ErrRateLimited
	}
	return nil
}

// adminScheme is the security scheme of the operations that need an admin
// key.
const adminScheme = "adminApiKey"

// errorEnvelope is fal's error body, as falmock sends it.
type errorEnvelope struct {
	Error struct {
		Type      falapi.ErrorType `json:"type"`
		Message   string           `json:"message"`
		DocsURL   string           `json:"docs_url"`
		RequestID string           `json:"request_id"`
	} `json:"error"`
}

func TestContractErrorStatuses(t *testing.T) {
	t.Parallel()
	srv := newContractServer(t)
	for _, op := range srv.Operations() {
		for _, status := range op.ErrorStatuses {
			t.Run(fmt.Sprintf("%s/%d", op.ID, status), func(t *testing.T) {
				srv.Reset()
				inject(t, srv, op.ID, falmock.Fault{Status: status, Times: 1})
				call := newContractCall(t, srv, op)
				err := callError(call.invoke(t.Context()))
				rec := checkRecorded(t, srv, call, 1)[0]
				var apiErr *fal.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("got %T %v, want an *fal.APIError", err, err)
				}
				var env errorEnvelope
				if err := json.Unmarshal(rec.ResponseBody, &env); err != nil {
					t.Fatalf("falmock sent no error envelope (%v): %q", err, rec.ResponseBody)
				}
				want := fal.APIError{
					Operation:        call.name,
					StatusCode:       status,
					Type:             env.Error.Type,
					Message:          env.Error.Message,
					DocsURL:          env.Error.DocsURL,
					RequestID:        rec.RequestID,
					Body:             rec.ResponseBody,
					AdminKeyRequired: slices.Contains(op.Security, adminScheme) && (status == http.StatusUnauthorized || status == http.StatusForbidden),
				}
				if env.Error.RequestID != rec.RequestID || env.Error.Type != falmock.ErrorType(status) {
					t.Errorf("falmock's envelope says %s %s, want %s %s", env.Error.Type, env.Error.RequestID, falmock.ErrorType(status), rec.RequestID)
				}
				if got := *apiErr; !apiErrorsEqual(got, want) {
					t.Errorf("got  %+v\nwant %+v", got, want)
				}
				for _, s := range sentinels {
					if got, want := errors.Is(err, s), errors.Is(wantSentinel(status, want.Type), s); got != want {
						t.Errorf("errors.Is(err, %v) = %v, want %v (error %q)", s, got, want, err)
					}
				}
			})
		}
	}
}

// apiErrorsEqual compares two *fal.APIError values field by field.
func apiErrorsEqual(a, b fal.APIError) bool {
	return a.Operation == b.Operation && a.StatusCode == b.StatusCode && a.Type == b.Type &&
		a.Message == b.Message && a.DocsURL == b.DocsURL && a.RequestID == b.RequestID &&
		a.RetryAfter == b.RetryAfter && bytes.Equal(a.Body, b.Body) && a.AdminKeyRequired == b.AdminKeyRequired
}

// inject queues a fault, failing the test if falmock refuses it.
func inject(t *testing.T, srv *falmock.Server, operationID string, f falmock.Fault) {
	t.Helper()
	if err := srv.Inject(operationID, f); err != nil {
		t.Fatal(err)
	}
}

// jsonOperations are the operations whose success answer is JSON.
func jsonOperations(srv *falmock.Server) []falmock.Operation {
	return slices.DeleteFunc(srv.Operations(), func(op falmock.Operation) bool { return !answersJSON(op) })
}

// answersJSON reports whether an operation's success answer is JSON:
// application/json, or a media type with the +json suffix.
func answersJSON(op falmock.Operation) bool {
	return op.MediaType == "application/json" || strings.HasSuffix(op.MediaType, "+json")
}

func TestContractFaultKinds(t *testing.T) {
	kinds := []struct {
		name  string
		fault falmock.Fault
		want  string // what the error must wrap
		is    func(error) bool
	}{
		{"dropped connection", falmock.Fault{Drop: true}, "a *url.Error", func(err error) bool {
			var ue *url.Error
			return errors.As(err, &ue)
		}},
		{"malformed JSON", falmock.Fault{Malformed: true}, "a *json.SyntaxError", func(err error) bool {
			var se *json.SyntaxError
			return errors.As(err, &se)
		}},
		{"truncated body", falmock.Fault{Truncate: true}, "io.ErrUnexpectedEOF", func(err error) bool {
			return errors.Is(err, io.ErrUnexpectedEOF)
		}},
	}
	srv := newContractServer(t)
	for _, op := range jsonOperations(srv) {
		for _, k := range kinds {
			t.Run(op.ID+"/"+k.name, func(t *testing.T) {
				srv.Reset()
				f := k.fault
				f.Times = 1
				inject(t, srv, op.ID, f)
				call := newContractCall(t, srv, op)
				outs := call.invoke(t.Context())
				checkRecorded(t, srv, call, 1)
				err := callError(outs)
				var apiErr *fal.APIError
				switch {
				case err == nil:
					t.Fatalf("silent success: returned %v", outs[0])
				case errors.As(err, &apiErr):
					t.Errorf("got an *fal.APIError for a %s: %v", k.name, err)
				case !k.is(err):
					t.Errorf("got %q, want an error wrapping %s", err, k.want)
				case !strings.HasPrefix(err.Error(), "fal: "+call.name+": "):
					t.Errorf("error %q does not name the method", err)
				}
				if len(outs) == 2 && !outs[0].IsZero() {
					t.Errorf("returned %v along with the error", outs[0])
				}
			})
		}
	}
}

func TestContractRetryAfter(t *testing.T) {
	// The client must wait what Retry-After says (1s), capped by
	// WithRetryAfterMax; its own backoff would wait at most a nanosecond.
	const capped = time.Microsecond
	srv := newContractServer(t)
	for _, op := range jsonOperations(srv) {
		if op.Method != http.MethodGet {
			continue
		}
		t.Run(op.ID, func(t *testing.T) {
			srv.Reset()
			inject(t, srv, op.ID, falmock.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "1", Times: 1})
			var logs bytes.Buffer
			call := newContractCall(t, srv, op,
				fal.WithMaxRetries(1),
				fal.WithRetryDelay(time.Nanosecond, time.Nanosecond),
				fal.WithRetryAfterMax(capped),
				fal.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
			outs := call.invoke(t.Context())
			recs := checkRecorded(t, srv, call, 2)
			if recs[0].Fault == nil || recs[0].Fault.Status != http.StatusServiceUnavailable || recs[1].Fault != nil {
				t.Errorf("faults played: %v then %v, want the 503 then none", recs[0].Fault, recs[1].Fault)
			}
			if err := callError(outs); err != nil {
				t.Errorf("after the retry: %v", err)
			}
			if waits := retryWaits(t, &logs); !slices.Equal(waits, []time.Duration{capped}) {
				t.Errorf("waited %v, want [%v]", waits, capped)
			}
		})
	}
}

// retryWaits reads the waits the client logged before its retries.
func retryWaits(t *testing.T, logs *bytes.Buffer) []time.Duration {
	t.Helper()
	var waits []time.Duration
	sc := bufio.NewScanner(logs)
	for sc.Scan() {
		var rec struct {
			Msg  string        `json:"msg"`
			Wait time.Duration `json:"wait"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if rec.Msg == "fal: retrying" {
			waits = append(waits, rec.Wait)
		}
	}
	return waits
}
