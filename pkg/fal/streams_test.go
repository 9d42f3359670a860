package fal_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// noLeaks fails the test if a goroutine it started is still running at its
// end (the server's and the transport's idle ones are shut down first).
func noLeaks(t *testing.T, srv *falmock.Server, c *http.Client) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		c.CloseIdleConnections()
		srv.Close()
		goleak.VerifyNone(t, ignore)
	})
}

func TestLogStreamYieldsTypedEntriesAndEnds(t *testing.T) {
	srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: 5, Heartbeats: 4, MultilineData: true}))
	noLeaks(t, srv, srv.HTTPClient())
	c := srv.Client()
	var apps, ids []string
	for ev, err := range c.ServerlessLogsStream(context.Background(), nil, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if ev.Data.Message == "" || ev.Data.Timestamp == "" {
			t.Errorf("entry did not decode: %+v", ev)
		}
		apps = append(apps, ev.Data.App)
		ids = append(ids, ev.ID)
	}
	if len(apps) != 5 {
		t.Fatalf("%d entries, want 5 (heartbeats are not entries)", len(apps))
	}
	if apps[0] == apps[1] {
		t.Errorf("entries are not distinct: %v", apps)
	}
	if want := []string{"1", "2", "3", "4", "5"}; !slices.Equal(ids, want) {
		t.Errorf("event IDs %v, want %v", ids, want)
	}
	req := srv.RequestsFor("serverlessLogsStream")[0]
	if req.Header.Get("Accept") != "text/event-stream, application/json;q=0.9" || string(req.Body) != "[]" {
		t.Errorf("sent Accept %q and body %q", req.Header.Get("Accept"), req.Body)
	}
}

func TestLogStreamEndsWhenTheContextEnds(t *testing.T) {
	srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: 2, KeepOpen: true}))
	noLeaks(t, srv, srv.HTTPClient())
	c := srv.Client()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.ServerlessLogsStream(ctx, nil, nil) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 2 {
			cancel() // the server keeps the stream open; only the context ends it
		}
	}
	if n != 2 || !errors.Is(last, context.Canceled) {
		t.Fatalf("%d entries then %v; want 2 then context.Canceled", n, last)
	}
	if got := len(srv.RequestsFor("serverlessLogsStream")); got != 1 {
		t.Errorf("%d connections, want 1: a stream whose context ended does not reconnect", got)
	}
}

// TestLogStreamResumesAcrossDrops runs the log stream against falmock with
// connections dropped mid-event: the client reconnects with the ID of the
// last whole event it yielded, and yields every event once, in order.
func TestLogStreamResumesAcrossDrops(t *testing.T) {
	const events = 20
	tests := []struct {
		name    string
		fault   falmock.Fault
		opts    []fal.Option
		conns   int    // the connections the client makes
		whole   bool   // every event arrives
		wantErr string // a part of the error that ends the stream, if any
	}{
		{"dropped four times", falmock.Fault{DropAfter: 700, Times: 4}, nil, 5, true, ""},
		{"dropped before the first event twice", falmock.Fault{DropAfter: 20, Times: 2}, nil, 3, true, ""},
		{"resuming off", falmock.Fault{DropAfter: 700, Times: 1}, []fal.Option{fal.WithMaxReconnects(0)}, 1, false, "reading the event stream"},
		{"reconnects run out", falmock.Fault{DropAfter: 20}, []fal.Option{fal.WithMaxReconnects(3)}, 4, false, "(gave up after 3 reconnects in a row without an event)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: events, Heartbeats: 6, MultilineData: true}))
			noLeaks(t, srv, srv.HTTPClient())
			if err := srv.Inject("serverlessLogsStream", tt.fault); err != nil {
				t.Fatal(err)
			}
			c := srv.Client(append([]fal.Option{fal.WithRetryDelay(time.Nanosecond, time.Nanosecond)}, tt.opts...)...)
			var ids []string
			lastOf := map[int]string{} // the ID of the last event each connection gave
			var errs []error
			for ev, err := range c.ServerlessLogsStream(context.Background(), nil, nil) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				ids = append(ids, ev.ID)
				lastOf[len(srv.RequestsFor("serverlessLogsStream"))-1] = ev.ID
			}
			want := make([]string, events)
			for i := range want {
				want[i] = strconv.Itoa(i + 1)
			}
			if tt.whole && !slices.Equal(ids, want) || !tt.whole && !slices.Equal(ids, want[:len(ids)]) {
				t.Errorf("events %q; want %q once each, in order (all of them: %v)", ids, want, tt.whole)
			}
			switch {
			case tt.wantErr == "" && len(errs) > 0:
				t.Errorf("errors %v", errs)
			case tt.wantErr != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.wantErr) || !errors.Is(errs[0], io.ErrUnexpectedEOF)):
				t.Errorf("errors %v; want one containing %q that wraps io.ErrUnexpectedEOF", errs, tt.wantErr)
			}
			reqs := srv.RequestsFor("serverlessLogsStream")
			if len(reqs) != tt.conns {
				t.Fatalf("%d connections, want %d", len(reqs), tt.conns)
			}
			resumeFrom := ""
			for i, r := range reqs {
				var wantID []string // none until an event has arrived
				if resumeFrom != "" {
					wantID = []string{resumeFrom}
				}
				if got := r.Header.Values("Last-Event-ID"); !slices.Equal(got, wantID) {
					t.Errorf("connection %d sent Last-Event-ID %q, want %q", i+1, got, wantID)
				}
				if id, ok := lastOf[i]; ok {
					resumeFrom = id
				}
				if !r.Valid {
					t.Errorf("connection %d was invalid: %s", i+1, r.Problem)
				}
			}
		})
	}
}

func TestLogStreamBreakClosesTheStream(t *testing.T) {
	srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: 3, KeepOpen: true}))
	noLeaks(t, srv, srv.HTTPClient())
	for range srv.Client().ServerlessLogsStream(context.Background(), nil, nil) {
		break
	}
	// noLeaks fails if the body (and its connection) were left open.
}

func TestLogStreamReportsAnAPIErrorFirst(t *testing.T) {
	srv := falmock.NewServer()
	defer srv.Close()
	srv.Inject("serverlessLogsStream", falmock.Fault{Status: 401, Times: 1})
	n := 0
	for _, err := range srv.Client().ServerlessLogsStream(context.Background(), nil, nil) {
		n++
		if !errors.Is(err, fal.ErrUnauthorized) {
			t.Fatalf("got %v, want ErrUnauthorized", err)
		}
	}
	if n != 1 {
		t.Fatalf("%d values yielded, want the one error", n)
	}
}

// endlessLogs serves log events until the client goes away, counting them.
func endlessLogs(sent *atomic.Int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		flusher := w.(http.Flusher)
		for i := 0; r.Context().Err() == nil; i++ {
			fmt.Fprintf(w, "id: %d\nevent: log\ndata: {\"timestamp\":\"2026-11-28T10:00:00Z\",\"level\":\"info\",\"message\":\"line %d of a long tail\",\"app\":\"a\",\"revision\":\"r\"}\n\n: ping\n\n", i, i)
			if i%256 == 0 {
				flusher.Flush()
			}
			sent.Add(1)
		}
	}
}

func TestLogStreamMemoryStaysFlatOverALongTail(t *testing.T) {
	var sent atomic.Int64
	srv := httptest.NewServer(endlessLogs(&sent))
	defer srv.Close()
	c, err := fal.NewClient(fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey("k"), fal.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var after10k uint64
	n := 0
	for _, err := range c.ServerlessLogsStream(context.Background(), nil, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 10_000 {
			after10k = heap()
		}
		if n == 100_000 {
			break
		}
	}
	growth := int64(heap()) - int64(after10k)
	t.Logf("heap after 10k events %d KiB, growth over the next 90k: %d KiB", after10k>>10, growth>>10)
	if growth > 1<<20 {
		t.Errorf("heap grew by %d KiB over 90k events", growth>>10)
	}
}

func TestDownloadStreamsToAWriterWithProgress(t *testing.T) {
	const size = 3<<20 + 17
	srv := falmock.NewServer(falmock.WithDownloadSize(size))
	noLeaks(t, srv, srv.HTTPClient())
	var calls int
	var lastDone, lastTotal int64
	d, err := srv.Client().ServerlessDownloadFile(context.Background(), "datasets/images/cat one.jpg",
		fal.WithProgress(func(done, total int64) { calls++; lastDone, lastTotal = done, total }))
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	n, err := d.WriteTo(&got)
	if err != nil || n != size || d.Size != size {
		t.Fatalf("wrote %d (size %d), %v; want %d", n, d.Size, err, size)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(falmock.DownloadContent(size))
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatal("downloaded bytes differ from what was served")
	}
	if calls < 2 || lastDone != size || lastTotal != size {
		t.Errorf("progress: %d calls, last %d/%d", calls, lastDone, lastTotal)
	}
	if p := srv.RequestsFor("serverlessDownloadFile")[0].PathParams["file"]; p != "datasets/images/cat one.jpg" {
		t.Errorf("server got file %q", p)
	}
}

func TestDownloadAsAReaderAndATruncatedBody(t *testing.T) {
	srv := falmock.NewServer(falmock.WithDownloadSize(1 << 20))
	noLeaks(t, srv, srv.HTTPClient())
	c := srv.Client()
	d, err := c.ServerlessDownloadFile(context.Background(), "f.bin")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(d)
	d.Close()
	if err != nil || len(data) != 1<<20 {
		t.Fatalf("read %d bytes, %v", len(data), err)
	}
	srv.Inject("serverlessDownloadFile", falmock.Fault{Truncate: true, Times: 1})
	d, err = c.ServerlessDownloadFile(context.Background(), "f.bin")
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.WriteTo(io.Discard)
	d.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("a truncated download gave %v, want io.ErrUnexpectedEOF", err)
	}
}

// onlyReader hides everything but Read, so the upload cannot know its size.
type onlyReader struct{ io.Reader }

func TestUploadStreamsKnownAndUnknownSizes(t *testing.T) {
	srv := falmock.NewServer()
	noLeaks(t, srv, srv.HTTPClient())
	c := srv.Client()
	content := strings.Repeat("fal-go upload ", 100_000)
	for _, tc := range []struct {
		name   string
		upload fal.Upload
		chunk  bool
	}{
		{"known size", fal.Upload{Name: "a b\"c.txt", Body: strings.NewReader(content), Size: int64(len(content)), ContentType: "text/plain"}, false},
		{"unknown size", fal.Upload{Name: "d.bin", Body: onlyReader{strings.NewReader(content)}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var done, total int64
			ok, err := c.ServerlessUploadLocalFile(context.Background(), "uploads/"+tc.name+"/file.txt", nil, tc.upload,
				fal.WithProgress(func(d, tot int64) { done, total = d, tot }))
			if err != nil || !ok {
				t.Fatalf("upload: %v %v", ok, err)
			}
			reqs := srv.RequestsFor("serverlessUploadLocalFile")
			got := reqs[len(reqs)-1]
			if got.Upload == nil || got.Upload.Size != int64(len(content)) || got.Upload.Filename != tc.upload.Name {
				t.Fatalf("server received %+v", got.Upload)
			}
			if chunked := got.Header.Get("Content-Length") == ""; chunked != tc.chunk {
				t.Errorf("Content-Length %q, want chunked=%v", got.Header.Get("Content-Length"), tc.chunk)
			}
			wantTotal := int64(len(content))
			if tc.chunk {
				wantTotal = -1
			}
			if done != int64(len(content)) || total != wantTotal {
				t.Errorf("progress ended at %d/%d", done, total)
			}
		})
	}
}

func TestUploadStopsWhenTheServerFails(t *testing.T) {
	srv := falmock.NewServer()
	noLeaks(t, srv, srv.HTTPClient())
	srv.Inject("serverlessUploadLocalFile", falmock.Fault{Status: 500, Times: 1})
	_, err := srv.Client().ServerlessUploadLocalFile(context.Background(), "a.bin", nil,
		fal.Upload{Body: io.LimitReader(zeros{}, 8<<20), Size: 8 << 20})
	if !errors.Is(err, fal.ErrServer) {
		t.Fatalf("got %v, want ErrServer (an upload is never retried)", err)
	}
	if n := len(srv.RequestsFor("serverlessUploadLocalFile")); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	// noLeaks fails if the goroutine writing the form outlived the request.
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestCSVReportRows(t *testing.T) {
	srv := falmock.NewServer()
	noLeaks(t, srv, srv.HTTPClient())
	report, err := srv.Client().GetFocusReport(context.Background(), &falapi.GetFocusReportParams{Source: falapi.FocusReportSourceInvoice})
	if err != nil {
		t.Fatal(err)
	}
	defer report.Close()
	rows := 0
	for row, err := range report.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		cost, ok := row.Get("BilledCost")
		if !ok || cost == "" {
			t.Errorf("row %v has no BilledCost", row.Values())
		}
		if _, ok := row.Get("NoSuchColumn"); ok {
			t.Error("an unknown column was found")
		}
		rows++
	}
	if rows == 0 {
		t.Fatal("no rows")
	}
	for _, err := range report.Rows() {
		if err == nil {
			t.Error("ranging over the rows twice should fail")
		}
	}
}

func TestCSVRaggedRowIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		io.WriteString(w, "\ufeffA,B\n1,2\n3\n")
	}))
	defer srv.Close()
	c, _ := fal.NewClient(fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey("k"))
	report, err := c.GetModelAccessControls(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer report.Close()
	var got []string
	var last error
	for row, err := range report.Rows() {
		if err != nil {
			last = err
			break
		}
		a, _ := row.Get("A") // the BOM is not part of the first column's name
		got = append(got, a)
	}
	if len(got) != 1 || got[0] != "1" || last == nil || !strings.Contains(last.Error(), "line 3") {
		t.Fatalf("rows %v, error %v; want one row then an error naming line 3", got, last)
	}
}

func TestMetricsAreServedAsText(t *testing.T) {
	srv := falmock.NewServer()
	defer srv.Close()
	m, err := srv.Client().ServerlessGetMetrics(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(m.Text, []byte("fal_app_queue_size")) {
		t.Fatalf("metrics text %q lacks fal_app_queue_size", m.Text)
	}
	if !strings.HasPrefix(m.ContentType, "text/plain") {
		t.Errorf("content type %q, want text/plain", m.ContentType)
	}
}
