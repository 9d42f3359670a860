package fal

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/falplatform/fal-go/gen/falapi"
)

// pricingParams are the parameters of the GetPricing calls of the tests.
var pricingParams = &falapi.GetPricingParams{EndpointID: []string{"fal-ai/flux/dev"}}

// TestAnswersAreDecodedWhole checks the decoding of JSON answers: with and
// without a Content-Length, with whitespace around the value; data after
// the value, a cut body or a wrong type fail the call and say so.
func TestAnswersAreDecodedWhole(t *testing.T) {
	const prices = `{"prices":[{"endpoint_id":"fal-ai/flux/dev","unit_price":0.025,"unit":"image","currency":"USD"}],"has_more":false,"next_cursor":null}`
	for _, c := range []struct {
		name, body string
		chunked    bool
		wantErr    string
	}{
		{"content length", prices, false, ""},
		{"chunked", prices, true, ""},
		{"whitespace", "\n  " + prices + "\r\n", false, ""},
		{"data after the value", prices + `{"prices":[]}`, false, "fal: GetPricing: decoding the 200 answer: invalid character '{' after top-level value"},
		{"cut", prices[:40], false, "fal: GetPricing: decoding the 200 answer: unexpected end of JSON input"},
		{"wrong type", `{"prices":[{"unit_price":"cheap"}]}`, true, "fal: GetPricing: decoding the 200 answer: json: cannot unmarshal string into Go struct field Price.prices.unit_price of type float64"},
		{"empty", "", false, "fal: GetPricing: decoding the 200 answer: unexpected end of JSON input"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl, _, _ := newTestClient(t, func(_ int, w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if !c.chunked {
					w.Header().Set("Content-Length", strconv.Itoa(len(c.body)))
				}
				for chunk := range chunks(c.body, 16) {
					_, _ = io.WriteString(w, chunk)
					w.(http.Flusher).Flush()
				}
			}, WithMaxRetries(0))
			got, err := cl.GetPricing(context.Background(), pricingParams)
			if c.wantErr != "" {
				if err == nil || err.Error() != c.wantErr {
					t.Fatalf("error %v, want %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Prices) != 1 || got.Prices[0].EndpointID != "fal-ai/flux/dev" || got.Prices[0].UnitPrice != 0.025 || !got.NextCursor.IsNull() {
				t.Errorf("decoded %+v", got)
			}
		})
	}
}

// chunks cuts s into pieces of n bytes, for a server that writes an answer
// in several chunks.
func chunks(s string, n int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for len(s) > n {
			if !yield(s[:n]) {
				return
			}
			s = s[n:]
		}
		if s != "" {
			yield(s)
		}
	}
}

// TestDecodedAnswersOutliveTheirBuffer checks that what a call returns
// shares no memory with the pooled buffer its answer was read into: calls
// made at the same time, and after, reuse the buffers, and every answer
// decoded still holds its own values (the race detector watches too).
func TestDecodedAnswersOutliveTheirBuffer(t *testing.T) {
	body := func(n int) string {
		s := strconv.Itoa(n)
		return `{"prices":[{"endpoint_id":"model-` + s + `","unit_price":` + s + `,"unit":"unit-` + s + `","currency":"C` + s + `"}],"has_more":false,"next_cursor":"cursor-` + s + `"}`
	}
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		jsonAnswer(w, http.StatusOK, body(n))
	})
	const workers, calls = 4, 10
	results := make([][]*falapi.PriceList, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range calls {
				page, err := c.GetPricing(context.Background(), pricingParams)
				if err != nil {
					t.Error(err)
					return
				}
				results[w] = append(results[w], page)
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, pages := range results {
		for _, page := range pages {
			p := page.Prices[0]
			n := strconv.FormatFloat(p.UnitPrice, 'f', -1, 64)
			if p.EndpointID != "model-"+n || p.Unit != "unit-"+n || p.Currency != "C"+n || page.NextCursor.GetOrEmpty() != "cursor-"+n {
				t.Errorf("answer %s changed when later ones were read: %+v, next cursor %q", n, p, page.NextCursor.GetOrEmpty())
			}
			seen[n] = true
		}
	}
	if len(seen) != workers*calls {
		t.Errorf("%d distinct answers, want %d", len(seen), workers*calls)
	}
}

// TestReadAnswer checks the pooled reading of a body: whole, whatever the
// Content-Length says (missing, right, overstated), with the reader's
// error when it fails, and a buffer too large to keep is dropped.
func TestReadAnswer(t *testing.T) {
	body := strings.Repeat("0123456789", 1000)
	for _, c := range []struct {
		name   string
		length int64
		r      io.Reader
	}{
		{"unknown length", -1, strings.NewReader(body)},
		{"exact length", int64(len(body)), strings.NewReader(body)},
		{"overstated length", 1 << 40, strings.NewReader(body)},
		{"one byte at a time", int64(len(body)), iotest.OneByteReader(strings.NewReader(body))},
	} {
		b, err := readAnswer(c.r, c.length)
		if err != nil || string(b.data) != body {
			t.Errorf("%s: read %d bytes, %v", c.name, len(b.data), err)
		}
		b.release()
	}
	broken := errors.New("connection reset")
	b, err := readAnswer(io.MultiReader(strings.NewReader(body[:100]), iotest.ErrReader(broken)), int64(len(body)))
	if !errors.Is(err, broken) || !bytes.Equal(b.data, []byte(body[:100])) {
		t.Errorf("a failing read gave %d bytes and %v", len(b.data), err)
	}
	b.release()
	big := &answerBuffer{data: make([]byte, 0, maxPooledAnswer+1)}
	big.release()
	if big.data != nil {
		t.Error("a buffer larger than maxPooledAnswer was kept for reuse")
	}
}
