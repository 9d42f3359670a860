package main

import (
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// TestMockWithoutKey is the newcomer's first command: no key, no network.
func TestMockWithoutKey(t *testing.T) {
	t.Setenv("FAL_KEY", "")
	checkGolden(t, "mock-pricing", falctl(t, session{}, "--mock", "pricing", "fal-ai/flux/dev"))
}

// TestNoKey points the newcomer without a key to --mock, before sending
// anything.
func TestNoKey(t *testing.T) {
	t.Setenv("FAL_KEY", "")
	srv := falmock.NewServer()
	defer srv.Close()
	checkGolden(t, "no-key", againstServer(t, srv, session{}, "pricing", "fal-ai/flux/dev"))
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("the server received %d requests", n)
	}
}

// TestMockIgnoresFALKey checks that --mock sends its own key, never the
// one of FAL_KEY.
func TestMockIgnoresFALKey(t *testing.T) {
	t.Parallel()
	h, err := falmock.NewHandler()
	if err != nil {
		t.Fatal(err)
	}
	r := falctl(t, session{mock: h}, "--mock", "usage")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	reqs := h.Requests()
	if len(reqs) == 0 {
		t.Fatal("the mock received nothing")
	}
	for _, req := range reqs {
		if got, want := req.Header.Get("Authorization"), "Key "+mockKey; got != want {
			t.Errorf("the mock received Authorization %q, want %q", got, want)
		}
	}
}

// TestKeyNeverPrinted runs commands that fail in the ways most likely to
// echo the key: falctl (the harness) checks every run's output for it, and
// this test checks that the key was indeed sent.
func TestKeyNeverPrinted(t *testing.T) {
	t.Parallel()
	srv := falmock.NewServer(falmock.WithKeys("another-key"))
	defer srv.Close()
	for _, args := range [][]string{
		{"pricing", "fal-ai/flux/dev"},
		{"-o", "json", "keys", "list"},
		{"-o", "csv", "logs", "tail"},
		{"files", "get", "a/b", "-"},
	} {
		if r := againstServer(t, srv, session{}, args...); r.code != exitFailed {
			t.Errorf("falctl %v: exit %d, want 1", args, r.code)
		}
	}
	for _, req := range srv.Requests() {
		if req.Header.Get("Authorization") != "Key "+testKey {
			t.Errorf("request %s was sent without the key", req.RequestID)
		}
	}
}
