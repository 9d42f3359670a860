package fal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

func TestKeyComesFromOptionThenEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name               string
		falKey, id, secret string
		opts               []Option
		want               string
		wantErr            string // the error names the missing variable
	}{
		{name: "FAL_KEY", falKey: "k1", want: "k1"},
		{name: "id and secret", id: "id", secret: "sec", want: "id:sec"},
		{name: "FAL_KEY wins over id and secret", falKey: "k1", id: "id", secret: "sec", want: "k1"},
		{name: "FAL_KEY wins over a lone id", falKey: "k1", id: "id", want: "k1"},
		{name: "id without secret", id: "id", wantErr: "fal: FAL_KEY_ID is set but FAL_KEY_SECRET is not"},
		{name: "secret without id", secret: "sec", wantErr: "fal: FAL_KEY_SECRET is set but FAL_KEY_ID is not"},
		{name: "option wins over a lone id", id: "id", opts: []Option{WithAPIKey("k2")}, want: "k2"},
		{name: "empty option decides for no key", secret: "sec", opts: []Option{WithAPIKey("")}, want: ""},
		{name: "option wins", falKey: "k1", opts: []Option{WithAPIKey("k2")}, want: "k2"},
		{name: "empty option clears", falKey: "k1", opts: []Option{WithAPIKey("")}, want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("FAL_KEY", tc.falKey)
			t.Setenv("FAL_KEY_ID", tc.id)
			t.Setenv("FAL_KEY_SECRET", tc.secret)
			c, err := NewClient(tc.opts...)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error starting %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "sec") && tc.secret != "" || tc.id != "" && strings.Contains(err.Error(), ": id") {
					t.Errorf("the error shows a value of the environment: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if c.settings.key != nil {
				got = c.settings.key.reveal()
			}
			if got != tc.want {
				t.Errorf("key %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBaseURLFromEnvironmentAndOption(t *testing.T) {
	t.Setenv("FAL_BASE_URL", "https://proxy.example/fal/v1")
	c, err := NewClient()
	if err != nil {
		t.Fatal(err)
	}
	if got := c.BaseURL(); got != "https://proxy.example/fal/v1/" {
		t.Errorf("base URL %s", got)
	}
	c, _ = NewClient(WithBaseURL("http://127.0.0.1:9/v1"))
	if got := c.BaseURL(); got != "http://127.0.0.1:9/v1/" {
		t.Errorf("base URL %s", got)
	}
	for _, bad := range []string{"api.fal.ai/v1", "ftp://x/v1", "https://x/v1?a=b", "://"} {
		_, err := NewClient(WithBaseURL(bad))
		if err == nil || !strings.HasPrefix(err.Error(), "fal: WithBaseURL: base URL ") {
			t.Errorf("base URL %q: got %v, want an error naming WithBaseURL", bad, err)
		}
	}
	t.Setenv("FAL_BASE_URL", "ftp://x/v1")
	if _, err := NewClient(); err == nil || !strings.HasPrefix(err.Error(), "fal: FAL_BASE_URL: base URL \"ftp://x/v1\"") {
		t.Errorf("a bad FAL_BASE_URL: got %v, want an error naming FAL_BASE_URL", err)
	}
}

func TestBaseURLOnFalsHostEndsInV1(t *testing.T) {
	t.Setenv("FAL_BASE_URL", "")
	for _, tc := range []struct {
		base, want, wantErr string
	}{
		{base: "https://api.fal.ai", want: "https://api.fal.ai/v1/"},
		{base: "https://api.fal.ai/", want: "https://api.fal.ai/v1/"},
		{base: "https://API.fal.ai", want: "https://API.fal.ai/v1/"},
		{base: "https://api.fal.ai:443", want: "https://api.fal.ai:443/v1/"},
		{base: "https://api.fal.ai/v1", want: "https://api.fal.ai/v1/"},
		{base: "https://api.fal.ai/v1/", want: "https://api.fal.ai/v1/"},
		{base: "https://api.fal.ai/v2", wantErr: `fal: WithBaseURL: base URL "https://api.fal.ai/v2": fal serves its Platform APIs under /v1: use https://api.fal.ai/v1`},
		{base: "https://api.fal.ai/v1/models", wantErr: "use https://api.fal.ai/v1"},
		{base: "https://api.fal.ai/platform", wantErr: "use https://api.fal.ai/v1"},
		{base: "https://proxy.example", want: "https://proxy.example/"},
	} {
		t.Run(tc.base, func(t *testing.T) {
			c, err := NewClient(WithBaseURL(tc.base))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := c.BaseURL(); got != tc.want {
				t.Errorf("base URL %s, want %s", got, tc.want)
			}
		})
	}
	d := &countingDoer{}
	c, err := NewClient(WithBaseURL("https://api.fal.ai"), WithAPIKey(testKey), WithHTTPClient(d))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteComputeInstance(context.Background(), "inst_1"); err != nil {
		t.Fatal(err)
	}
	if d.last.URL.String() != "https://api.fal.ai/v1/compute/instances/inst_1" {
		t.Errorf("sent to %s", d.last.URL)
	}
}

func TestEveryRequestCarriesTheKeyAndUserAgent(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		jsonAnswer(w, 200, `{"prices":[],"has_more":false,"next_cursor":null}`)
	}, WithUserAgent("dashboards/1.0"))
	if _, err := c.GetPricing(context.Background(), &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}}); err != nil {
		t.Fatal(err)
	}
	req, _ := rec.request(0)
	if got := req.Header.Get("Authorization"); got != "Key "+testKey {
		t.Errorf("Authorization %q", got)
	}
	if got := req.Header.Get("User-Agent"); got != "dashboards/1.0" {
		t.Errorf("User-Agent %q", got)
	}
	if req.URL.Path != "/v1/models/pricing" {
		t.Errorf("path %s", req.URL.Path)
	}
}

func TestWithoutKey(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		jsonAnswer(w, 200, `{"models":[],"has_more":false,"webhook_ip_ranges":[]}`)
	}, WithAPIKey(""))
	_, err := c.GetPricing(context.Background(), &falapi.GetPricingParams{EndpointID: []string{"x"}})
	if !errors.Is(err, ErrNoAPIKey) {
		t.Fatalf("GetPricing without a key: %v, want ErrNoAPIKey", err)
	}
	if rec.count() != 0 {
		t.Fatalf("a request went out without the key it needs")
	}
	if _, err := c.GetModels(context.Background(), nil); err != nil {
		t.Fatalf("model search must work without a key: %v", err)
	}
	req, _ := rec.request(0)
	if h := req.Header.Get("Authorization"); h != "" {
		t.Errorf("sent Authorization %q without a key", h)
	}
}

func TestOperationWithoutSecuritySendsNoKey(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		jsonAnswer(w, 200, `{"webhook_ip_ranges":["10.0.0.0/8"]}`)
	})
	if _, err := c.GetMeta(context.Background()); err != nil {
		t.Fatal(err)
	}
	if req, _ := rec.request(0); req.Header.Get("Authorization") != "" {
		t.Error("GetMeta takes no key but one was sent")
	}
}

// failingDoer fails the test if anything is sent.
type failingDoer struct{ t *testing.T }

func (d failingDoer) Do(r *http.Request) (*http.Response, error) {
	d.t.Errorf("request to %s was sent", r.URL)
	return nil, errors.New("must not be sent")
}

// countingDoer counts requests, keeps the last and answers 200 with no
// body.
type countingDoer struct {
	n    int
	last *http.Request
}

func (d *countingDoer) Do(r *http.Request) (*http.Response, error) {
	d.n++
	d.last = r
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
}

func TestKeyIsNotSentOverPlainHTTPToARemoteHost(t *testing.T) {
	t.Setenv("FAL_KEY", testKey)
	c, err := NewClient(WithBaseURL("http://api.example.com/v1"), WithHTTPClient(failingDoer{t}))
	if err != nil {
		t.Fatal(err)
	}
	err = c.DeleteComputeInstance(context.Background(), "inst_1")
	if !errors.Is(err, ErrInsecureTransport) {
		t.Fatalf("got %v, want ErrInsecureTransport", err)
	}
	d := &countingDoer{}
	if err := c.DeleteComputeInstance(context.Background(), "inst_1", WithInsecureHTTP(), WithHTTPClient(d)); err != nil {
		t.Fatal(err)
	}
	if d.n != 1 {
		t.Fatalf("WithInsecureHTTP: %d requests sent, want 1", d.n)
	}
	for _, host := range []string{"http://localhost:8080/v1", "http://127.0.0.1/v1", "http://[::1]:1/v1", "http://app.localhost/v1"} {
		d := &countingDoer{}
		if err := c.DeleteComputeInstance(context.Background(), "inst_1", WithBaseURL(host), WithHTTPClient(d)); err != nil || d.n != 1 {
			t.Errorf("%s is loopback: err %v, %d requests", host, err, d.n)
		}
	}
}

func TestKeyNeverAppearsInOutput(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var seenByMiddleware []string
	mw := func(r *http.Request, next Next) (*http.Response, error) {
		seenByMiddleware = append(seenByMiddleware, fmt.Sprint(r.Header))
		resp, err := next(r)
		if resp != nil {
			seenByMiddleware = append(seenByMiddleware, fmt.Sprint(resp.Request.Header))
		}
		return resp, err
	}
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		// A misbehaving proxy that echoes the request headers.
		jsonAnswer(w, 502, `<html>bad gateway for `+r.Header.Get("Authorization")+`</html>`)
	}, WithLogger(logger), WithMiddleware(mw), WithMaxRetries(1))
	_, err := c.GetPricing(context.Background(), &falapi.GetPricingParams{EndpointID: []string{"x"}})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *APIError, got %v", err)
	}
	outputs := map[string]string{
		"error":      err.Error(),
		"error body": string(apiErr.Body),
		"error %+v":  fmt.Sprintf("%+v", apiErr),
		"logs":       logs.String(),
		"client %v":  fmt.Sprintf("%v", c),
		"client %+v": fmt.Sprintf("%+v", c),
		"client %#v": fmt.Sprintf("%#v", c),
		"key %s":     fmt.Sprintf("%s %v %q %x", c.settings.key, c.settings.key, c.settings.key, c.settings.key),
		"middleware": strings.Join(seenByMiddleware, "\n"),
	}
	for what, out := range outputs {
		if strings.Contains(out, testKey) {
			t.Errorf("%s contains the API key:\n%s", what, out)
		}
	}
	if !strings.Contains(logs.String(), `"status":502`) || !strings.Contains(logs.String(), "retrying") {
		t.Errorf("logs miss the attempts:\n%s", logs.String())
	}
	if len(seenByMiddleware) != 4 {
		t.Errorf("middleware saw %d requests and responses, want 4 (two attempts)", len(seenByMiddleware))
	}
}
