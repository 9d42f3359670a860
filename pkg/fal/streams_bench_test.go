package fal_test

import (
	"context"
	"io"
	"net"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// gib is the size the stream benchmarks move per operation.
const gib = 1 << 30

// peakHeap samples the live heap every few milliseconds until stop is
// called, and returns the largest sample in MiB. It collects garbage first,
// so that what setup left (the schema falmock loaded) does not count.
func peakHeap() (stop func() float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() float64 {
		close(done)
		wg.Wait()
		return float64(peak) / (1 << 20)
	}
}

// BenchmarkDownload1GiB downloads 1 GiB from falmock over loopback through
// the client. Compare with BenchmarkBaselineLoopbackCopy1GiB in the same run
// (target: at least 0.8x its throughput, peak heap under 64 MiB).
func BenchmarkDownload1GiB(b *testing.B) {
	srv := falmock.NewServer(falmock.WithDownloadSize(gib))
	defer srv.Close()
	c := srv.Client()
	b.SetBytes(gib)
	stop := peakHeap()
	for b.Loop() {
		d, err := c.ServerlessDownloadFile(context.Background(), "big/file.bin")
		if err != nil {
			b.Fatal(err)
		}
		n, err := d.WriteTo(io.Discard)
		d.Close()
		if err != nil || n != gib {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(stop(), "peak-heap-MiB")
}

// BenchmarkUpload1GiB uploads 1 GiB of unknown size to falmock over
// loopback through the client (a streamed multipart form). Compare with
// BenchmarkBaselineLoopbackCopy1GiB.
func BenchmarkUpload1GiB(b *testing.B) {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client()
	b.SetBytes(gib)
	stop := peakHeap()
	for b.Loop() {
		ok, err := c.ServerlessUploadLocalFile(context.Background(), "big/file.bin", nil,
			fal.Upload{Name: "file.bin", Body: io.LimitReader(zeros{}, gib), Size: gib})
		if err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
	b.ReportMetric(stop(), "peak-heap-MiB")
	srv.Reset()
}

// BenchmarkBaselineLoopbackCopy1GiB is the baseline of the stream
// benchmarks: 1 GiB moved with io.Copy over a bare loopback TCP connection.
func BenchmarkBaselineLoopbackCopy1GiB(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	b.SetBytes(gib)
	stop := peakHeap()
	for b.Loop() {
		done := make(chan int64)
		go func() {
			conn, err := ln.Accept()
			if err != nil {
				done <- -1
				return
			}
			n, _ := io.Copy(io.Discard, conn)
			conn.Close()
			done <- n
		}()
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(conn, io.LimitReader(zeros{}, gib)); err != nil {
			b.Fatal(err)
		}
		conn.Close()
		if n := <-done; n != gib {
			b.Fatalf("copied %d bytes", n)
		}
	}
	b.ReportMetric(stop(), "peak-heap-MiB")
}
