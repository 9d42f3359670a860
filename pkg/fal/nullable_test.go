package fal_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// TestNullableFieldsOnTheWire shows that null, absent and a value stay three
// different things in a PATCH body: an unset field is left out, SetNull
// sends null (which clears it), Set sends the value; falmock validates each
// body against the schema.
func TestNullableFieldsOnTheWire(t *testing.T) {
	srv := falmock.NewServer()
	defer srv.Close()
	c := srv.Client()
	var clearExpiry, setExpiry, clearACL falapi.StorageSettingsUpdate
	clearExpiry.ExpirationDurationSeconds.SetNull()
	setExpiry.ExpirationDurationSeconds.Set(3600)
	clearACL.InitialACL.SetNull()
	for _, body := range []falapi.StorageSettingsUpdate{{}, clearExpiry, setExpiry, clearACL} {
		if _, err := c.UpdateStorageSettings(context.Background(), body); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{`{}`, `{"expiration_duration_seconds":null}`, `{"expiration_duration_seconds":3600}`, `{"initial_acl":null}`}
	recs := srv.RequestsFor("updateStorageSettings")
	if len(recs) != len(want) {
		t.Fatalf("falmock recorded %d requests, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		if string(r.Body) != want[i] || !r.Valid {
			t.Errorf("request %d sent %s (valid: %v %s), want %s", i, r.Body, r.Valid, r.Problem, want[i])
		}
	}
}

// TestNullableFieldsInAnswers shows the three states after decoding an
// answer: a value, null, and a field the answer left out.
func TestNullableFieldsInAnswers(t *testing.T) {
	for _, c := range []struct {
		body              string
		specified, isNull bool
		value             int
	}{
		{`{"expiration_duration_seconds":86400,"initial_acl":null}`, true, false, 86400},
		{`{"expiration_duration_seconds":null,"initial_acl":null}`, true, true, 0},
		{`{"initial_acl":null}`, false, false, 0},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(c.body))
		}))
		client, err := fal.NewClient(fal.WithBaseURL(srv.URL+"/v1"), fal.WithAPIKey("key"), fal.WithHTTPClient(srv.Client()))
		if err != nil {
			t.Fatal(err)
		}
		got, err := client.GetStorageSettings(context.Background())
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := got.ExpirationDurationSeconds
		if n.IsSpecified() != c.specified || n.IsNull() != c.isNull || n.GetOrEmpty() != c.value {
			t.Errorf("%s: specified %v, null %v, value %d", c.body, n.IsSpecified(), n.IsNull(), n.GetOrEmpty())
		}
		if !got.InitialACL.IsNull() {
			t.Errorf("%s: initial_acl is not null", c.body)
		}
	}
}
