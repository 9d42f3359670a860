package falmock

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/gen/falapi"
)

// TestPagination walks every paginated operation of every schema revision
// by its cursors and checks the pages, their items and the recordings.
func TestPagination(t *testing.T) {
	t.Parallel()
	type run struct {
		schema string
		pages  int
	}
	runs := []run{{"current", 1}, {"current", 5}}
	for name := range schemaRevisions(t) {
		runs = append(runs, run{name, 3})
	}
	revs := schemaRevisions(t)
	for _, r := range runs {
		srv := newTestServer(t, WithSchema(revs[r.schema]), WithPages(r.pages), WithItemsPerPage(2))
		var paginated int
		for _, o := range srv.spec.ops {
			if !loaded(t, o).paginated {
				continue
			}
			paginated++
			walkPages(t, srv, o, r.pages, r.schema)
		}
		if paginated == 0 {
			t.Errorf("%s: no paginated operation", r.schema)
		}
	}
}

// walkPages follows the cursors of one operation from its first page to its
// last. Each page is also checked against the schema independently of the
// mock's own check when the server has 3 pages (the default). Items hold
// 2 items per page, all distinct, except those whose every ID the request
// gave (a summary of the one endpoint asked for): one, on the first page.
func walkPages(t *testing.T, srv *Server, o *operation, pages int, schemaName string) {
	t.Helper()
	filter := url.Values{"limit": {"7"}}
	if !o.hasQueryParam("limit") {
		filter = url.Values{}
	}
	seen := map[string]int{}
	pinned := map[string]bool{}
	cursor := ""
	for page := 1; ; page++ {
		q := url.Values{}
		for k, v := range filter {
			q[k] = v
		}
		if cursor != "" {
			q.Set(cursorParam, cursor)
		}
		req := validRequest(t, srv.URL, requestSpec{op: o, query: q})
		resp, body := do(t, srv.HTTPClient(), req)
		if resp.StatusCode != o.status {
			t.Fatalf("%s %s page %d: status %d: %s", schemaName, o.id, page, resp.StatusCode, body)
		}
		if pages == 3 {
			checkAnswer(t, o, req, resp, body)
		}
		var got map[string]any
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		checkFormats(t, o.id, got)
		for name, prop := range o.schema().Value.Properties {
			if prop.Value == nil || schemaType(prop.Value) != openapi3.TypeArray {
				continue
			}
			items, _ := got[name].([]any)
			if page == 1 && len(items) == 1 && idsFrom(items[0], req.URL.Query()) {
				pinned[name] = true
			}
			want := 2
			if pinned[name] {
				want = 0
				if page == 1 {
					want = 1
				}
			}
			if len(items) != want {
				t.Errorf("%s page %d: %s has %d items, want %d", o.id, page, name, len(items), want)
			}
			for i, item := range items {
				b, _ := json.Marshal(item)
				if prev, dup := seen[name+string(b)]; dup {
					t.Errorf("%s page %d: item %d of %s repeats page %d: %s", o.id, page, i, name, prev, b)
				}
				seen[name+string(b)] = page
			}
		}
		hasMore, _ := got[hasMoreField].(bool)
		next, _ := got[nextCursorField].(string)
		if page == pages {
			if hasMore || got[nextCursorField] != nil {
				t.Errorf("%s last page %d: has_more=%v next_cursor=%v", o.id, page, hasMore, got[nextCursorField])
			}
			break
		}
		if !hasMore || next == "" {
			t.Fatalf("%s page %d of %d: has_more=%v next_cursor=%q", o.id, page, pages, hasMore, next)
		}
		cursor = next
	}
	recs := srv.RequestsFor(o.id)
	if len(recs) != pages {
		t.Fatalf("%s: recorded %d requests, want %d", o.id, len(recs), pages)
	}
	for i, r := range recs {
		if r.Page != i+1 {
			t.Errorf("%s request %d: recorded page %d", o.id, i, r.Page)
		}
		if r.Query.Get("limit") != filter.Get("limit") {
			t.Errorf("%s page %d: recorded limit %q, want %q", o.id, r.Page, r.Query.Get("limit"), filter.Get("limit"))
		}
	}
}

// idsFrom reports whether every ID field of item ("id", "*_id") holds the
// value the request sent under its name.
func idsFrom(item any, query url.Values) bool {
	m, _ := item.(map[string]any)
	ids := 0
	for k, v := range m {
		s, ok := v.(string)
		if !ok || (k != "id" && !strings.HasSuffix(k, "_id")) {
			continue
		}
		if query.Get(k) != s {
			return false
		}
		ids++
	}
	return ids > 0
}

// Strings that start like a formatted value, which must then be one whole.
var (
	startsLikeTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}`)
	startsLikeDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	startsLikeUUID = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-`)
	wholeUUID      = regexp.MustCompile(uuidPattern)
	wholeEmail     = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[a-z]+$`)
)

// checkFormats checks that every string in v that starts like a timestamp,
// a date, a UUID, an email address or an http URL is one: that making
// items distinct kept their formats.
func checkFormats(t *testing.T, where string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			checkFormats(t, where+"."+k, e)
		}
	case []any:
		for i, e := range x {
			checkFormats(t, fmt.Sprintf("%s[%d]", where, i), e)
		}
	case string:
		var ok bool
		switch {
		case startsLikeTime.MatchString(x):
			_, err := time.Parse(time.RFC3339, x)
			ok = err == nil
		case startsLikeDate.MatchString(x):
			_, err := time.Parse(time.DateOnly, x)
			ok = err == nil
		case startsLikeUUID.MatchString(x):
			ok = wholeUUID.MatchString(x)
		case strings.HasPrefix(x, "http://") || strings.HasPrefix(x, "https://"):
			u, err := url.Parse(x)
			ok = err == nil && u.Host != ""
		case strings.Contains(x, "@") && !strings.ContainsAny(x, " \n"):
			ok = wholeEmail.MatchString(x)
		default:
			ok = true
		}
		if !ok {
			t.Errorf("%s = %q lost its format", where, x)
		}
	}
}

func TestBadCursors(t *testing.T) {
	srv := newTestServer(t, WithPages(3))
	o := srv.spec.byID["listApiKeys"]
	tests := []struct {
		name    string
		cursor  string
		status  int
		mention string
	}{
		{"second page", encodeCursor(o.id, 2), http.StatusOK, ""},
		{"last page", encodeCursor(o.id, 3), http.StatusOK, ""},
		{"garbage", "%%%", http.StatusBadRequest, "cursor"},
		{"another operation's", encodeCursor("getModels", 2), http.StatusBadRequest, "does not belong"},
		{"past the end", encodeCursor(o.id, 4), http.StatusBadRequest, "no page"},
		{"first page has no cursor", encodeCursor(o.id, 1), http.StatusBadRequest, "no page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validRequest(t, srv.URL, requestSpec{op: o, query: url.Values{cursorParam: {tt.cursor}}})
			resp, body := do(t, srv.HTTPClient(), req)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if tt.status == http.StatusOK {
				return
			}
			env := envelopeOf(t, body)
			if env.Type != falapi.ErrorTypeValidationError || !strings.Contains(env.Message, tt.mention) {
				t.Errorf("envelope %+v, want validation_error mentioning %q", env, tt.mention)
			}
		})
	}
}

// TestPageBodyResent checks that the filters of a POST page operation are
// recorded per page.
func TestPageBodyResent(t *testing.T) {
	srv := newTestServer(t, WithPages(2))
	o := srv.spec.byID["serverlessLogsHistory"]
	filter := []byte(`[{"key": "fal_job_id", "value": "job_1"}]`)
	cursor := ""
	for range 2 {
		q := url.Values{}
		if cursor != "" {
			q.Set(cursorParam, cursor)
		}
		resp, body := do(t, srv.HTTPClient(), validRequest(t, srv.URL, requestSpec{op: o, query: q, body: filter}))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		var page struct {
			Next *string `json:"next_cursor"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatal(err)
		}
		if page.Next != nil {
			cursor = *page.Next
		}
	}
	recs := srv.RequestsFor(o.id)
	if len(recs) != 2 {
		t.Fatalf("recorded %d requests", len(recs))
	}
	for i, r := range recs {
		if r.Page != i+1 || string(r.Body) != string(filter) {
			t.Errorf("request %d: page %d body %s", i, r.Page, r.Body)
		}
	}
}

// TestRowsTheExampleLacksLookLikeItsOwn: the usage example has no summary
// rows, so the mock makes them up; they show the endpoint, unit, currency
// and figures of the example's time series, not placeholders, and validate.
func TestRowsTheExampleLacksLookLikeItsOwn(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t)
	var o *operation
	for _, op := range srv.spec.ops {
		if op.id == "getUsage" {
			o = loaded(t, op)
		}
	}
	if o == nil {
		t.Fatal("the schema has no getUsage")
	}
	req := validRequest(t, srv.URL, requestSpec{op: o, query: url.Values{"expand": {"summary"}}})
	resp, body := do(t, srv.HTTPClient(), req)
	checkAnswer(t, o, req, resp, body)
	var page falapi.UsagePage
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	if len(page.Summary) == 0 {
		t.Fatalf("no summary rows: %s", truncate(body))
	}
	for i, row := range page.Summary {
		if !strings.HasPrefix(row.EndpointID, "fal-ai/flux/dev") || row.Unit != "image" || row.Currency != "USD" || row.Quantity != 4 {
			t.Errorf("summary row %d is %+v, want fal-ai/flux/dev…, 4 image, USD as in the example's time series", i, row)
		}
	}
}
