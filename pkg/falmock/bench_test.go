package falmock

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/api"
)

// BenchmarkStart measures what a program that starts the mock to make one
// call pays: reading fal's schema and answering GetPricing, against the
// baseline of loading and validating the whole schema with kin-openapi's
// loader (what the mock did at start before it read an outline only).
func BenchmarkStart(b *testing.B) {
	b.Run("baseline kin-openapi load", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI)
			if err != nil {
				b.Fatal(err)
			}
			if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("outline and first call", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, err := parseSpec(api.OpenAPI)
			if err != nil {
				b.Fatal(err)
			}
			h := &Handler{cfg: newConfig(nil), spec: s}
			h.optsBody, h.optsNoBody = h.validationOptions()
			req := httptest.NewRequest(http.MethodGet, "/v1/models/pricing?endpoint_id=fal-ai/flux/dev", nil)
			req.Header.Set("Authorization", "Key "+testKey)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
		}
	})
}

// BenchmarkNewHandler measures creating a handler once the schema is
// cached, as tests that start many servers do.
func BenchmarkNewHandler(b *testing.B) {
	for b.Loop() {
		if _, err := NewHandler(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkServe measures the per-request cost of routing, validating,
// recording and answering, in-process, against a baseline handler that
// only writes a fixed body.
func BenchmarkServe(b *testing.B) {
	h, err := NewHandler()
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name, op string
		query    url.Values
	}{
		{"getMeta", "getMeta", nil},
		{"getModels", "getModels", nil},
		{"getUsage", "getUsage", nil},
		{"getUsage with 5 filters", "getUsage", url.Values{
			"start": {"2025-01-01"}, "end": {"2025-02-01T00:00:00Z"}, "timeframe": {"day"},
			"endpoint_id": {"fal-ai/flux/dev", "fal-ai/flux/schnell"}, "limit": {"10"},
		}},
		{"createAssetCollection", "createAssetCollection", nil},
		{"estimatePricing", "estimatePricing", nil},
	}
	b.Run("baseline", func(b *testing.B) {
		body := []byte(`{"ok":true}`)
		base := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		})
		req := httptest.NewRequest(http.MethodGet, "/v1/meta", nil)
		for b.Loop() {
			base.ServeHTTP(httptest.NewRecorder(), req)
		}
	})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			o := h.spec.byID[c.op]
			tmpl := validRequest(b, h.BasePath(), requestSpec{op: o, query: c.query})
			var body []byte
			if tmpl.Body != nil {
				body, _ = io.ReadAll(tmpl.Body)
			}
			for b.Loop() {
				req := httptest.NewRequest(tmpl.Method, tmpl.URL.String(), bytes.NewReader(body))
				req.Header = tmpl.Header
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != o.status {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
			h.Reset()
		})
	}
}

// discardWriter is a ResponseWriter that drops the body.
type discardWriter struct{ header http.Header }

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) WriteHeader(int)             {}
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkDownload serves a 1 GiB download in-process and over loopback;
// allocations per operation stay flat, whatever the size.
func BenchmarkDownload(b *testing.B) {
	const size = 1 << 30
	b.Run("in-process", func(b *testing.B) {
		h, err := NewHandler(WithDownloadSize(size))
		if err != nil {
			b.Fatal(err)
		}
		req := validRequest(b, h.BasePath(), requestSpec{op: h.spec.byID["serverlessDownloadFile"]})
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(&discardWriter{header: http.Header{}}, req)
		}
	})
	b.Run("loopback", func(b *testing.B) {
		srv := NewServer(WithDownloadSize(size))
		defer srv.Close()
		req := validRequest(b, srv.URL, requestSpec{op: srv.spec.byID["serverlessDownloadFile"]})
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			resp, err := srv.HTTPClient().Do(req)
			if err != nil {
				b.Fatal(err)
			}
			n, _ := io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if n != size {
				b.Fatalf("read %d bytes", n)
			}
		}
	})
}
