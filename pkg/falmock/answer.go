package falmock

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/falplatform/fal-go/internal/normalize"
)

// answer is an encoded success body, checked once against the operation's
// schema; err is set when it failed (a falmock bug).
type answer struct {
	body []byte
	err  error
}

// answerKey names one answer: the operation, the page served (0 for an
// operation without pages), the options that shape it and what it echoes
// of the request (see echo). Answers are cached per loaded document, so
// every handler shares them: those that echo nothing in spec.answers, the
// others in echoedAnswers.
type answerKey struct {
	op         string
	page       int
	pages      int
	perPage    int
	synthesize bool
	echo       string
}

// bodyAnswer returns the success body of a JSON or text operation for page,
// as the request r (whose path parameters are pathParams) asks, building
// and validating it on first use.
func (h *Handler) bodyAnswer(r *http.Request, o *operation, page int, pathParams map[string]string) *answer {
	var e echo
	if normalize.IsJSONMedia(o.mediaType) {
		e = o.requestEcho(r, pathParams)
	}
	key := answerKey{op: o.id, page: page, synthesize: h.cfg.synthesize, echo: e.key()}
	if o.paginated {
		key.pages, key.perPage = h.cfg.pages, h.cfg.itemsPerPage
	}
	if key.echo != "" {
		if a := echoedAnswers.get(o.spec, key); a != nil {
			return a
		}
		if a := buildAnswer(r.Context(), o, key, e); a.err == nil {
			echoedAnswers.put(o.spec, key, a)
			return a
		}
		// The request's values broke the answer: answer without them.
		key.echo, e = "", echo{}
	}
	if v, ok := o.spec.answers.Load(key); ok {
		return v.(*answer)
	}
	v, _ := o.spec.answers.LoadOrStore(key, buildAnswer(r.Context(), o, key, e))
	return v.(*answer)
}

// maxEchoedAnswers bounds the answers cached that echo their request, so
// that a mock answering ever new requests keeps its memory bounded.
const maxEchoedAnswers = 1024

// echoedAnswers caches the answers that echo their request; once full, an
// arbitrary one makes room for each new one.
var echoedAnswers = answerCache{answers: map[echoedKey]*answer{}}

type echoedKey struct {
	spec *spec
	answerKey
}

// answerCache is a map of answers bounded to maxEchoedAnswers, safe for
// concurrent use.
type answerCache struct {
	mu      sync.Mutex
	answers map[echoedKey]*answer
}

func (c *answerCache) get(s *spec, key answerKey) *answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answers[echoedKey{s, key}]
}

func (c *answerCache) put(s *spec, key answerKey, a *answer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.answers {
		if len(c.answers) < maxEchoedAnswers {
			break
		}
		delete(c.answers, k)
	}
	c.answers[echoedKey{s, key}] = a
}

func buildAnswer(ctx context.Context, o *operation, key answerKey, e echo) *answer {
	var body []byte
	switch {
	case normalize.IsJSONMedia(o.mediaType):
		v := o.base(key.synthesize)
		if len(e.fields) > 0 {
			v, e = e.applyTo(o, o.echoBase(key.synthesize, e))
		}
		if o.paginated {
			v = pageValue(newSynthesizer(o.spec), o, v, key.page, key.pages, key.perPage, e)
		}
		var err error
		if body, err = encodeJSON(v); err != nil {
			return &answer{err: fmt.Errorf("falmock bug: encode the answer of %s: %w", o.id, err)}
		}
	case o.mediaType == "text/csv":
		report, err := o.csvAnswer()
		if err != nil {
			return &answer{err: fmt.Errorf("falmock bug: build the answer of %s: %w", o.id, err)}
		}
		body = []byte(report)
	default:
		s, _ := o.base(key.synthesize).(string)
		body = []byte(s)
	}
	if err := validateAnswer(ctx, o, o.status, o.mediaType, body); err != nil {
		return &answer{body: body, err: fmt.Errorf("falmock bug: the answer of %s failed its own schema: %w", o.id, err)}
	}
	return &answer{body: body}
}

// checkHeaders validates, once per operation, the status and headers of an
// answer whose body is streamed rather than held.
func (o *operation) checkHeaders(ctx context.Context) error {
	o.headersOnce.Do(func() {
		if err := validateAnswer(ctx, o, o.status, o.mediaType, nil); err != nil {
			o.headersErr = fmt.Errorf("falmock bug: the answer of %s failed its own schema: %w", o.id, err)
		}
	})
	return o.headersErr
}

// validateAnswer checks an answer against the operation's responses, with
// openapi3filter.ValidateResponse; a nil body checks status and headers
// only (streams that are never held in memory).
func validateAnswer(ctx context.Context, o *operation, status int, mediaType string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, o.method, o.path, nil)
	if err != nil {
		return fmt.Errorf("build validation request: %w", err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: o.route},
		Status:                 status,
		Header:                 http.Header{"Content-Type": {mediaType}},
		Options: &openapi3filter.Options{
			IncludeResponseStatus:   true,
			ExcludeResponseBody:     body == nil,
			SchemaValidationOptions: formatOptions,
		},
	}
	in.SetBodyBytes(body)
	return openapi3filter.ValidateResponse(ctx, in)
}

// base is the value an operation answers with before pagination: its
// published example when one is valid (unless synthesized answers are
// preferred), else a value synthesized from its schema.
func (o *operation) base(preferSynthesized bool) any {
	if !preferSynthesized {
		if ex, ok := o.exampleValue(); ok {
			return ex
		}
	}
	o.synthOnce.Do(func() {
		o.synth = newSynthesizer(o.spec).value(o.schema(), "")
	})
	return o.synth
}

// echoBase is the value an answer that echoes e starts from: the base, or
// a valid published example that agrees with more of the request (the
// example of a unit price estimate for a unit price request).
func (o *operation) echoBase(preferSynthesized bool, e echo) any {
	base := o.base(preferSynthesized)
	if preferSynthesized {
		return base
	}
	best := e.agreement(base)
	for _, c := range o.exampleCandidates() {
		if n := e.agreement(c.value); n > best && validateValue(o.spec, o.schema(), c.value) == nil {
			base, best = c.value, n
		}
	}
	return base
}

// exampleCandidate is a published example of the success body and where
// it was found.
type exampleCandidate struct {
	where string
	value any
}

// exampleCandidates lists the published examples of the success body: the
// media type's example, its named examples in name order, then the
// schema's own.
func (o *operation) exampleCandidates() []exampleCandidate {
	if o.media == nil {
		return nil
	}
	var cands []exampleCandidate
	if o.media.Example != nil {
		cands = append(cands, exampleCandidate{"example", o.media.Example})
	}
	names := make([]string, 0, len(o.media.Examples))
	for name := range o.media.Examples {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if ex := o.media.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			cands = append(cands, exampleCandidate{"examples." + name, ex.Value.Value})
		}
	}
	if schema := o.schema(); schema != nil && schema.Value != nil && schema.Value.Example != nil {
		cands = append(cands, exampleCandidate{"schema example", schema.Value.Example})
	}
	return cands
}

// exampleValue is the first published example of the success body that
// validates against its schema (see exampleCandidates). Rejected examples
// are described in exampleProblem.
func (o *operation) exampleValue() (any, bool) {
	o.exampleOnce.Do(func() {
		schema := o.schema()
		var problems []string
		for _, c := range o.exampleCandidates() {
			err := validateValue(o.spec, schema, c.value)
			if err == nil {
				o.example, o.exampleOK = c.value, true
				break
			}
			problems = append(problems, fmt.Sprintf("%s: %v", c.where, err))
		}
		o.exampleProblem = strings.Join(problems, "; ")
	})
	return o.example, o.exampleOK
}

// validateValue checks a decoded value against a response schema.
func validateValue(s *spec, schema *openapi3.SchemaRef, v any) error {
	if schema == nil || schema.Value == nil {
		return nil
	}
	opts := append([]openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}, s.visitOpts...)
	return schema.Value.VisitJSON(v, opts...)
}

// encodeJSON encodes v without escaping HTML characters.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
