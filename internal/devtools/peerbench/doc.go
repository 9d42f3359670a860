// Package peerbench compares fal-go's decoding of large answers with its
// peers, as `make bench-peers` runs it: an ogen v1.24.0 client generated
// from the same normalized schema (see OgenSchema) and a bare net/http +
// encoding/json call. The three clients call one httptest server that
// serves the same fixtures (see Fixtures), in interleaved rounds, and each
// fixture must decode alike in all three before anything is timed (see
// Agree).
package peerbench
