package peerbench

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestFalAndBareAgree calls the fixture server through fal-go and the bare
// client: both decode every fixture whole.
func TestFalAndBareAgree(t *testing.T) {
	fx := testFixtures(t)
	srv := NewServer(fx)
	defer srv.Close()
	fal, err := FalClient(srv.URL, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fx {
		if err := Agree(context.Background(), f, []Client{fal, BareClient(srv.URL, srv.Client())}); err != nil {
			t.Error(err)
		}
	}
}

func TestAgreeFindsDifferences(t *testing.T) {
	f := Fixture{Operation: "GetThing", Body: []byte(`{"items":[{"id":"a","n":1.5,"tags":["x"]}],"next":null}`)}
	returning := func(body string, err error) Client {
		return Client{Name: "peer", Calls: map[string]Call{"GetThing": func(context.Context) (any, error) {
			if err != nil {
				return nil, err
			}
			return json.RawMessage(body), nil
		}}}
	}
	tests := []struct {
		name    string
		client  Client
		wantErr string
	}{
		{"same value, other key order and spacing", returning(`{"next":null, "items":[{"tags":["x"],"n":1.50,"id":"a"}]}`, nil), ""},
		{"a dropped field", returning(`{"items":[{"id":"a","tags":["x"]}],"next":null}`, nil), "/items/0/n: missing"},
		{"an added field", returning(`{"items":[{"id":"a","n":1.5,"tags":["x"],"extra":0}],"next":null}`, nil), "/items/0/extra: not in the fixture"},
		{"an altered number", returning(`{"items":[{"id":"a","n":1.25,"tags":["x"]}],"next":null}`, nil), "/items/0/n: want 1.5, got 1.25"},
		{"a lost entry", returning(`{"items":[{"id":"a","n":1.5,"tags":[]}],"next":null}`, nil), "/items/0/tags: want 1 entries, got 0"},
		{"null turned into a value", returning(`{"items":[{"id":"a","n":1.5,"tags":["x"]}],"next":""}`, nil), "/next: want <nil>, got"},
		{"a failed call", returning("", errors.New("boom")), "peer GetThing: boom"},
		{"no call for the operation", Client{Name: "peer"}, "peer has no call for GetThing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Agree(context.Background(), f, []Client{tt.client})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}
