package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestRunServesTheMock runs falmock as falctl --mock does: it prints the
// base URL, answers fal's operations, and exits 0 when its input ends.
func TestRunServesTheMock(t *testing.T) {
	stdin, closeStdin := io.Pipe()
	stdout, out := io.Pipe()
	var stderr strings.Builder
	code := make(chan int, 1)
	go func() { code <- run(context.Background(), []string{"-exit-on-eof"}, stdin, out, &stderr) }()
	url, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url = strings.TrimSpace(url)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/v1") {
		t.Errorf("base URL %q", url)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url+"/models/pricing?endpoint_id=fal-ai/flux/dev", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Key anything")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"fal-ai/flux/dev"`) {
		t.Errorf("GetPricing: %d %s", resp.StatusCode, body)
	}
	closeStdin.Close()
	if c := <-code; c != 0 || stderr.Len() != 0 {
		t.Errorf("exit %d, stderr %q", c, stderr.String())
	}
}

func TestRunRefusesABadCommandLine(t *testing.T) {
	for _, args := range [][]string{{"-bogus"}, {"serve"}} {
		var stderr strings.Builder
		if c := run(t.Context(), args, strings.NewReader(""), io.Discard, &stderr); c != 2 || stderr.Len() == 0 {
			t.Errorf("falmock %q: exit %d, stderr %q; want 2 and a reason", args, c, stderr.String())
		}
	}
	var stderr strings.Builder
	if c := run(t.Context(), []string{"-addr", "256.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr); c != 1 || !strings.Contains(stderr.String(), "256.0.0.1:0") {
		t.Errorf("bad address: exit %d, stderr %q", c, stderr.String())
	}
}
