package fal

import (
	"net/http"
	"testing"
)

// idleTransport counts CloseIdleConnections calls.
type idleTransport struct {
	http.RoundTripper
	closed int
}

func (t *idleTransport) CloseIdleConnections() { t.closed++ }

// idleDoer is a Doer with its own CloseIdleConnections.
type idleDoer struct {
	countingDoer
	closed int
}

func (d *idleDoer) CloseIdleConnections() { d.closed++ }

func TestCloseIdleConnectionsReachesTheDoer(t *testing.T) {
	t.Setenv("FAL_KEY", "")
	transport := &idleTransport{}
	doer := &idleDoer{}
	for _, tc := range []struct {
		name   string
		doer   Doer
		closed func() int
	}{
		{"an *http.Client passes it to its transport", &http.Client{Transport: transport}, func() int { return transport.closed }},
		{"a Doer with the method", doer, func() int { return doer.closed }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(WithHTTPClient(tc.doer))
			if err != nil {
				t.Fatal(err)
			}
			c.CloseIdleConnections()
			if tc.closed() != 1 {
				t.Errorf("closed %d times, want 1", tc.closed())
			}
		})
	}
	c, err := NewClient(WithHTTPClient(&countingDoer{}))
	if err != nil {
		t.Fatal(err)
	}
	c.CloseIdleConnections() // a Doer without the method: nothing to do, no panic
	if c, _ = NewClient(); c.settings.doer != http.DefaultClient {
		t.Errorf("the default Doer is %T, want http.DefaultClient, whose idle connections it closes", c.settings.doer)
	}
}
