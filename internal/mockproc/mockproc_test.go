package mockproc

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// programMode makes the test binary act as a mock program: "serve" serves
// a handler that answers "pong" under /v1, "fail" fails before listening.
const programMode = "MOCKPROC_TEST_PROGRAM"

func TestMain(m *testing.M) {
	switch os.Getenv(programMode) {
	case "serve":
		if len(os.Args) != 2 || os.Args[1] != "-"+ExitOnEOF {
			fmt.Fprintf(os.Stderr, "run as %q\n", os.Args)
			os.Exit(2)
		}
		pong := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "pong") })
		if err := Serve(context.Background(), pong, "/v1", "127.0.0.1:0", os.Stdout, os.Stdin); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	case "fail":
		fmt.Fprintln(os.Stderr, "no schema here")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func get(t *testing.T, url string) (string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

func TestStartServesUntilStopped(t *testing.T) {
	t.Setenv(programMode, "serve")
	p, err := Start(t.Context(), os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.URL, "http://127.0.0.1:") || !strings.HasSuffix(p.URL, "/v1") {
		t.Errorf("URL %q, want http://127.0.0.1:PORT/v1", p.URL)
	}
	if body, err := get(t, p.URL+"/ping"); err != nil || body != "pong" {
		t.Fatalf("GET: %q, %v", body, err)
	}
	p.Stop()
	if body, err := get(t, p.URL+"/ping"); err == nil {
		t.Errorf("the program still answers after Stop: %q", body)
	}
}

func TestStartSaysWhyTheProgramFailed(t *testing.T) {
	t.Setenv(programMode, "fail")
	_, err := Start(t.Context(), os.Args[0])
	if err == nil || !strings.Contains(err.Error(), "gave no URL") || !strings.Contains(err.Error(), "no schema here") {
		t.Errorf("error %v, want the program's own words", err)
	}
	if _, err := Start(t.Context(), "/nonexistent/falmock"); err == nil || !strings.Contains(err.Error(), "/nonexistent/falmock") {
		t.Errorf("error %v, want one that names the program", err)
	}
}

// TestServeEndsWithItsInput checks that a mock program exits when the
// process that started it goes away (its input then ends), and that it
// also ends with its context.
func TestServeEndsWithItsInput(t *testing.T) {
	pong := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "pong") })
	for _, byInput := range []bool{true, false} {
		in, closeIn := io.Pipe()
		out, urls := io.Pipe()
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- Serve(ctx, pong, "", "127.0.0.1:0", urls, in) }()
		line := make([]byte, 100)
		n, err := out.Read(line)
		if err != nil {
			t.Fatal(err)
		}
		url := strings.TrimSpace(string(line[:n]))
		if body, err := get(t, url); err != nil || body != "pong" {
			t.Fatalf("GET %s: %q, %v", url, body, err)
		}
		if byInput {
			closeIn.Close()
		} else {
			cancel()
		}
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		if _, err := get(t, url); err == nil {
			t.Errorf("still serving after the end (input closed: %v)", byInput)
		}
		cancel()
	}
}

func TestServeRefusesAnAddressItCannotListenOn(t *testing.T) {
	if err := Serve(t.Context(), http.NotFoundHandler(), "", "256.0.0.1:0", io.Discard, nil); err == nil || !strings.Contains(err.Error(), "256.0.0.1:0") {
		t.Errorf("error %v, want one that names the address", err)
	}
}
