package falmock

import (
	"net/http"
	"strings"
	"testing"
)

// TestEveryOperationAnswers sends a valid request to every operation of
// every schema revision and checks the answer against the schema.
func TestEveryOperationAnswers(t *testing.T) {
	t.Parallel()
	for name, schema := range schemaRevisions(t) {
		t.Run(name, func(t *testing.T) {
			for _, synth := range []bool{false, true} {
				opts := []Option{WithSchema(schema)}
				if synth {
					opts = append(opts, WithSynthesizedAnswers())
				}
				srv := newTestServer(t, opts...)
				for _, o := range srv.spec.ops {
					req := validRequest(t, srv.URL, requestSpec{op: o})
					resp, body := do(t, srv.HTTPClient(), req)
					if resp.StatusCode != o.status {
						t.Errorf("%s %s (synthesized=%v): status %d, want %d: %s", o.method, o.path, synth, resp.StatusCode, o.status, truncate(body))
						continue
					}
					if ct := resp.Header.Get("Content-Type"); o.mediaType != "" && !strings.HasPrefix(ct, o.mediaType) {
						t.Errorf("%s: Content-Type %q, want %q", o.id, ct, o.mediaType)
					}
					checkAnswer(t, o, req, resp, body)
				}
				got := map[string]bool{}
				for _, r := range srv.Requests() {
					got[r.OperationID] = true
					if !r.Valid || r.Status != r.statusWant(srv) {
						t.Errorf("%s recorded valid=%v status=%d problem=%q", r.OperationID, r.Valid, r.Status, r.Problem)
					}
				}
				if len(got) != len(srv.spec.ops) {
					t.Errorf("recorded %d operations, schema has %d", len(got), len(srv.spec.ops))
				}
			}
		})
	}
}

func (r Request) statusWant(srv *Server) int {
	if o := srv.spec.byID[r.OperationID]; o != nil {
		return o.status
	}
	return http.StatusNotFound
}
