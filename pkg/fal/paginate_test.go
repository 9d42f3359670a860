package fal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// keyPages serves listApiKeys as pages of two keys each: k0 k1 | k2 k3 | k4.
func keyPages(w http.ResponseWriter, r *http.Request) {
	page := 0
	if c := r.URL.Query().Get("cursor"); c != "" {
		fmt.Sscanf(c, "page-%d", &page)
	}
	var keys []string
	for i := page * 2; i < min(page*2+2, 5); i++ {
		keys = append(keys, fmt.Sprintf(`{"key_id":"k%d","alias":"a","created_at":"2026-01-01T00:00:00Z","scope":"API"}`, i))
	}
	next, more := "null", "false"
	if page < 2 {
		next, more = fmt.Sprintf(`"page-%d"`, page+1), "true"
	}
	jsonAnswer(w, 200, fmt.Sprintf(`{"keys":[%s],"next_cursor":%s,"has_more":%s}`, strings.Join(keys, ","), next, more))
}

func collectKeys(t *testing.T, c *Client, params *falapi.ListAPIKeysParams, opts ...Option) ([]string, error) {
	t.Helper()
	var ids []string
	for k, err := range c.ListAPIKeysIter(context.Background(), params, opts...) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, k.KeyID)
	}
	return ids, nil
}

func TestIterWalksEveryPageInOrder(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { keyPages(w, r) })
	limit := 2
	params := &falapi.ListAPIKeysParams{Limit: &limit}
	ids, err := collectKeys(t, c, params)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"k0", "k1", "k2", "k3", "k4"}; !slices.Equal(ids, want) {
		t.Fatalf("got %v, want %v", ids, want)
	}
	if rec.count() != 3 {
		t.Errorf("%d requests, want 3 pages", rec.count())
	}
	for i := range rec.count() {
		req, _ := rec.request(i)
		q := req.URL.Query()
		if q.Get("limit") != "2" {
			t.Errorf("page %d lost the filters: %s", i, req.URL.RawQuery)
		}
		if want := map[int]string{0: "", 1: "page-1", 2: "page-2"}[i]; q.Get("cursor") != want {
			t.Errorf("page %d sent cursor %q, want %q", i, q.Get("cursor"), want)
		}
	}
	if params.Cursor != nil {
		t.Error("the caller's params were modified")
	}
}

func TestPagesYieldsPages(t *testing.T) {
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { keyPages(w, r) })
	var sizes []int
	for page, err := range c.ListAPIKeysPages(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Keys))
	}
	if !slices.Equal(sizes, []int{2, 2, 1}) {
		t.Errorf("page sizes %v", sizes)
	}
}

func TestPagesResumeFromTheCursorInParams(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { keyPages(w, r) })
	resume := "page-1"
	ids, err := collectKeys(t, c, &falapi.ListAPIKeysParams{Cursor: &resume})
	if err != nil || !slices.Equal(ids, []string{"k2", "k3", "k4"}) {
		t.Fatalf("resumed at page-1: %v %v", ids, err)
	}
	if req, _ := rec.request(0); req.URL.Query().Get("cursor") != "page-1" {
		t.Errorf("first request sent cursor %q", req.URL.Query().Get("cursor"))
	}
}

func TestMaxItemsAndBreakStopPaging(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { keyPages(w, r) })
	ids, err := collectKeys(t, c, nil, WithMaxItems(3))
	if err != nil || !slices.Equal(ids, []string{"k0", "k1", "k2"}) {
		t.Fatalf("WithMaxItems(3): %v %v", ids, err)
	}
	if rec.count() != 2 {
		t.Errorf("WithMaxItems(3) fetched %d pages, want 2", rec.count())
	}
	for range c.ListAPIKeysIter(context.Background(), nil) {
		break
	}
	if rec.count() != 3 {
		t.Errorf("break after the first item: %d requests in all, want 3", rec.count())
	}
}

func TestIterStopsOnBadCursors(t *testing.T) {
	for name, body := range map[string]string{
		"more without cursor": `{"keys":[],"next_cursor":null,"has_more":true}`,
		"same cursor again":   `{"keys":[],"next_cursor":"again","has_more":true}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { jsonAnswer(w, 200, body) })
			_, err := collectKeys(t, c, nil)
			if err == nil || rec.count() > 2 {
				t.Fatalf("err %v after %d requests; want an error, not a loop", err, rec.count())
			}
		})
	}
}

func TestIterYieldsTheErrorOfAPage(t *testing.T) {
	c, _, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "page-1" {
			jsonAnswer(w, 404, fmt.Sprintf(errorBody, "not_found", "gone"))
			return
		}
		keyPages(w, r)
	})
	ids, err := collectKeys(t, c, nil)
	if !errors.Is(err, ErrNotFound) || !slices.Equal(ids, []string{"k0", "k1"}) {
		t.Fatalf("got %v, %v; want the first page then ErrNotFound", ids, err)
	}
}

func TestIterStopsWhenTheContextEnds(t *testing.T) {
	c, rec, _ := newTestClient(t, func(n int, w http.ResponseWriter, r *http.Request) { keyPages(w, r) })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var err error
	for _, e := range c.ListAPIKeysIter(ctx, nil) {
		if e != nil {
			err = e
			break
		}
		cancel()
	}
	if !errors.Is(err, context.Canceled) || rec.count() != 1 {
		t.Fatalf("err %v after %d requests; want context.Canceled after 1", err, rec.count())
	}
}
