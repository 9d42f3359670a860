package contract_test

import (
	"bytes"
	"context"
	"encoding"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/big"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
	"github.com/falplatform/fal-go/pkg/falprom"
)

// The contract tests call every operation of the schema the module embeds
// through its typed method on *fal.Client, found by name, with arguments
// built from the schema alone (falmock's ExampleRequest). Nothing here
// names an operation, so the same file checks a client generated from any
// revision of the schema.

// contractModes are the answers the success path is checked against: the
// published examples, and synthesized answers that carry every optional
// field.
var contractModes = []struct {
	name string
	opts []falmock.Option
}{
	{"examples", nil},
	{"synthesized", []falmock.Option{falmock.WithSynthesizedAnswers()}},
}

// contractDownloadSize is the size of the file download: not a multiple of
// falmock's 251-byte pattern, nor of any buffer size.
const contractDownloadSize = 3001

// contractUploadName is the file name of the uploads the tests send.
const contractUploadName = "contract.txt"

// exercised records, per mode, the operations whose method the success
// path has called, for TestContractCoversEveryOperation.
var exercised = struct {
	sync.Mutex
	ran bool
	ops map[string]map[string]bool
}{ops: map[string]map[string]bool{}}

// markExercised records that the success path called an operation.
func markExercised(mode, operationID string) {
	exercised.Lock()
	defer exercised.Unlock()
	if exercised.ops[mode] == nil {
		exercised.ops[mode] = map[string]bool{}
	}
	exercised.ops[mode][operationID] = true
}

func TestContractOperations(t *testing.T) {
	t.Parallel()
	runContractOperations(t)
}

// runContractOperations calls every operation once per mode and checks the
// request falmock received and the result the method returned.
func runContractOperations(t *testing.T) {
	exercised.Lock()
	exercised.ran = true
	exercised.Unlock()
	for _, mode := range contractModes {
		t.Run(mode.name, func(t *testing.T) {
			srv := newContractServer(t, mode.opts...)
			for _, op := range srv.Operations() {
				t.Run(op.ID, func(t *testing.T) {
					srv.Reset()
					call := newContractCall(t, srv, op)
					outs := call.invoke(t.Context())
					markExercised(mode.name, op.ID)
					checkResult(t, srv, call, outs)
					checkRecorded(t, srv, call, 1)
				})
			}
		})
	}
}

func TestContractCoversEveryOperation(t *testing.T) {
	srv := newContractServer(t)
	client := reflect.TypeFor[*fal.Client]()
	for _, op := range srv.Operations() {
		if _, ok := client.MethodByName(normalize.GoName(op.ID)); !ok {
			t.Errorf("operation %s has no method %s on *fal.Client", op.ID, normalize.GoName(op.ID))
		}
	}
	exercised.Lock()
	ran := exercised.ran
	exercised.Unlock()
	if !ran {
		// Run on its own (-run CoversEvery): exercise the operations here.
		t.Run("operations", runContractOperations)
	}
	exercised.Lock()
	defer exercised.Unlock()
	for _, mode := range contractModes {
		for _, op := range srv.Operations() {
			if !exercised.ops[mode.name][op.ID] {
				t.Errorf("%s: operation %s was not exercised by the contract test", mode.name, op.ID)
			}
		}
	}
}

// newContractServer starts a falmock server for a contract test, closed at
// its end.
func newContractServer(t *testing.T, opts ...falmock.Option) *falmock.Server {
	t.Helper()
	srv := falmock.NewServer(append([]falmock.Option{falmock.WithDownloadSize(contractDownloadSize)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv
}

// contractCall is one call of an operation's typed method, with arguments
// built from the operation's example request.
type contractCall struct {
	op       falmock.Operation
	name     string          // the method, normalize.GoName(op.ID)
	method   reflect.Value   // the method, bound to a client of the server
	args     []reflect.Value // the arguments between the context and the options
	example  falmock.ExampleRequest
	path     string       // the escaped path the request must go to
	header   http.Header  // the header parameters set through the params struct
	bodyType reflect.Type // the type of the body argument, nil when none
	upload   []byte       // the content of the uploaded file, nil when none
}

// newContractCall finds the operation's method on a client of srv (one
// that does not retry, unless opts say otherwise) and builds its arguments.
// It fails the test when the method is missing or cannot take the example.
func newContractCall(t *testing.T, srv *falmock.Server, op falmock.Operation, opts ...fal.Option) *contractCall {
	t.Helper()
	client := srv.Client(append([]fal.Option{fal.WithMaxRetries(0)}, opts...)...)
	c := &contractCall{op: op, name: normalize.GoName(op.ID), header: http.Header{}}
	if c.method = reflect.ValueOf(client).MethodByName(c.name); !c.method.IsValid() {
		t.Fatalf("no method %s on *fal.Client for operation %s", c.name, op.ID)
	}
	var err error
	if c.example, err = srv.ExampleRequest(op.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.buildArgs(); err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	c.path = srv.BasePath() + requestPath(op, c.example.PathParams)
	return c
}

// pathArg is the argument of type t that a path parameter's example value
// s stands for: s itself for a string type, else s read as a JSON number or
// boolean, or as a JSON string (a date, a time, a UUID).
func pathArg(s string, t reflect.Type) (reflect.Value, error) {
	if t.Kind() == reflect.String {
		return reflect.ValueOf(s).Convert(t), nil
	}
	raw := strconv.Quote(s)
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		raw = s
	}
	v := reflect.New(t)
	if err := json.Unmarshal([]byte(raw), v.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("example %q is not a %s: %w", s, t, err)
	}
	return v.Elem(), nil
}

// requestPath is the escaped path of an operation's request: its template
// with each parameter escaped whole, the slashes of a file path included.
func requestPath(op falmock.Operation, params map[string]string) string {
	return pathParamPattern.ReplaceAllStringFunc(op.Path, func(m string) string {
		return url.PathEscape(params[m[1:len(m)-1]])
	})
}

var (
	contextType = reflect.TypeFor[context.Context]()
	uploadType  = reflect.TypeFor[fal.Upload]()
	optionsType = reflect.TypeFor[[]fal.Option]()
)

// buildArgs maps the method's parameters to the example: the strings after
// the context are the path parameters in the order of the path template, a
// *<Method>Params takes the query and header parameters, a fal.Upload a
// small file, and any other type is the body, decoded from the example's
// JSON.
func (c *contractCall) buildArgs() error {
	mt := c.method.Type()
	if mt.NumIn() < 2 || mt.In(0) != contextType || !mt.IsVariadic() || mt.In(mt.NumIn()-1) != optionsType {
		return fmt.Errorf("signature %s: want (ctx, ..., opts ...fal.Option)", mt)
	}
	paths := pathParamNames(c.op.Path)
	queryDone := map[string]bool{}
	for i := 1; i < mt.NumIn()-1; i++ {
		pt := mt.In(i)
		switch {
		case pt == uploadType:
			c.upload = bytes.Repeat([]byte("contract upload\n"), 64)
			c.args = append(c.args, reflect.ValueOf(fal.Upload{
				Name: contractUploadName, Body: bytes.NewReader(c.upload), Size: int64(len(c.upload)), ContentType: "text/plain",
			}))
		case pt.Kind() == reflect.Pointer && pt.Elem().Kind() == reflect.Struct && pt.Elem().Name() == c.name+"Params":
			params, err := c.paramsValue(pt.Elem(), queryDone)
			if err != nil {
				return err
			}
			c.args = append(c.args, params)
		case len(paths) > 0:
			// The path parameters come first, in the order of the path.
			arg, err := pathArg(c.example.PathParams[paths[0]], pt)
			if err != nil {
				return fmt.Errorf("argument %d, path parameter %s: %w", i, paths[0], err)
			}
			c.args = append(c.args, arg)
			paths = paths[1:]
		default:
			if c.example.Body == nil {
				return fmt.Errorf("argument %d (%s) looks like a body, but the operation takes no JSON body", i, pt)
			}
			body := reflect.New(pt)
			if err := json.Unmarshal(c.example.Body, body.Interface()); err != nil {
				return fmt.Errorf("the example body does not decode into %s: %w\n%s", pt, err, c.example.Body)
			}
			c.args = append(c.args, body.Elem())
			c.bodyType = pt
		}
	}
	if len(paths) > 0 {
		return fmt.Errorf("no argument for the path parameters %v", paths)
	}
	if c.example.Body != nil && c.bodyType == nil {
		return fmt.Errorf("no argument for the JSON body")
	}
	if c.example.FileField != "" && c.upload == nil {
		return fmt.Errorf("no fal.Upload argument for the multipart upload")
	}
	for _, name := range slices.Sorted(maps.Keys(c.example.Query)) {
		if !queryDone[name] {
			return fmt.Errorf("no way to send the query parameter %q", name)
		}
	}
	return nil
}

// pathParamPattern finds the parameters of a path template.
var pathParamPattern = regexp.MustCompile(`\{([^}]+)\}`)

// pathParamNames lists the parameters of a path template in order.
func pathParamNames(template string) []string {
	var names []string
	for _, m := range pathParamPattern.FindAllStringSubmatch(template, -1) {
		names = append(names, m[1])
	}
	return names
}

// paramsValue fills a new params struct with the example's query parameters
// (fields tagged form:"<name>") and header parameters (fields tagged
// json:"<Header-Name>" without a form tag), and marks the query parameters
// it set.
func (c *contractCall) paramsValue(t reflect.Type, queryDone map[string]bool) (reflect.Value, error) {
	p := reflect.New(t)
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		field := p.Elem().FieldByIndex(f.Index)
		if name := tagName(f.Tag.Get("form")); name != "" {
			if values, ok := c.example.Query[name]; ok {
				if err := setParam(field, values); err != nil {
					return reflect.Value{}, fmt.Errorf("query parameter %s into %s.%s: %w", name, t, f.Name, err)
				}
				queryDone[name] = true
			}
			continue
		}
		if name := http.CanonicalHeaderKey(tagName(f.Tag.Get("json"))); c.example.Header.Get(name) != "" {
			if err := setParam(field, c.example.Header.Values(name)); err != nil {
				return reflect.Value{}, fmt.Errorf("header parameter %s into %s.%s: %w", name, t, f.Name, err)
			}
			c.header[name] = c.example.Header.Values(name)
		}
	}
	return p, nil
}

// tagName is the name part of a struct tag value: "limit" of
// "limit,omitempty".
func tagName(tag string) string {
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	return name
}

// setParam sets a params field from a parameter's text values: a pointer
// is allocated, a slice takes one element per value, a TextUnmarshaler
// (time.Time, UUIDs) parses its value, and strings (enums included),
// integers, floats and booleans are parsed by kind.
func setParam(v reflect.Value, values []string) error {
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		if err := setParam(p.Elem(), values); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	if u, ok := v.Addr().Interface().(encoding.TextUnmarshaler); ok {
		if len(values) != 1 {
			return fmt.Errorf("%d values for one %s", len(values), v.Type())
		}
		return u.UnmarshalText([]byte(values[0]))
	}
	if v.Kind() == reflect.Slice {
		s := reflect.MakeSlice(v.Type(), len(values), len(values))
		for i, x := range values {
			if err := setParam(s.Index(i), []string{x}); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	}
	if len(values) != 1 {
		return fmt.Errorf("%d values for one %s", len(values), v.Type())
	}
	x := values[0]
	switch v.Kind() {
	case reflect.String:
		v.SetString(x)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(x, 10, v.Type().Bits())
		if err != nil {
			return err
		}
		v.SetInt(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(x, v.Type().Bits())
		if err != nil {
			return err
		}
		v.SetFloat(f)
	case reflect.Bool:
		b, err := strconv.ParseBool(x)
		if err != nil {
			return err
		}
		v.SetBool(b)
	default:
		return fmt.Errorf("cannot set a %s from %q", v.Type(), x)
	}
	return nil
}

// invoke calls the method with ctx and the arguments, and returns its
// results.
func (c *contractCall) invoke(ctx context.Context) []reflect.Value {
	return c.method.Call(append([]reflect.Value{reflect.ValueOf(ctx)}, c.args...))
}

// isStream reports whether a method's results are a single iter.Seq2.
func isStream(outs []reflect.Value) bool {
	return len(outs) == 1 && outs[0].Kind() == reflect.Func
}

// eachEvent ranges over an iter.Seq2[T, error] held in a reflect.Value.
func eachEvent(seq reflect.Value, yield func(v reflect.Value, err error) bool) {
	fn := reflect.MakeFunc(seq.Type().In(0), func(args []reflect.Value) []reflect.Value {
		err, _ := args[1].Interface().(error)
		return []reflect.Value{reflect.ValueOf(yield(args[0], err))}
	})
	seq.Call([]reflect.Value{fn})
}

// callError is the error a call ended with: its last result, or the first
// error a stream yields.
func callError(outs []reflect.Value) error {
	if isStream(outs) {
		var first error
		eachEvent(outs[0], func(_ reflect.Value, err error) bool {
			first = err
			return err == nil
		})
		return first
	}
	err, _ := outs[len(outs)-1].Interface().(error)
	return err
}

// checkRecorded checks the requests falmock recorded for a call: want of
// them, all routed to the operation and valid per the schema, each carrying
// exactly the example's path, query and header parameters, body and file,
// and no falmock failure. It returns them.
func checkRecorded(t *testing.T, srv *falmock.Server, c *contractCall, want int) []falmock.Request {
	t.Helper()
	for _, err := range srv.Failures() {
		t.Errorf("falmock failure: %v", err)
	}
	recs := srv.Requests()
	if len(recs) != want {
		t.Fatalf("falmock recorded %d requests, want %d", len(recs), want)
	}
	for _, r := range recs {
		if r.OperationID != c.op.ID || !r.Valid {
			t.Errorf("request %s %s went to %q, valid %v: %s", r.Method, r.Path, r.OperationID, r.Valid, r.Problem)
			continue
		}
		if r.Path != c.path || !maps.Equal(r.PathParams, c.example.PathParams) {
			t.Errorf("path %s with parameters %v, want %s with %v", r.Path, r.PathParams, c.path, c.example.PathParams)
		}
		if !maps.EqualFunc(r.Query, c.example.Query, slices.Equal) {
			t.Errorf("query: sent %v, want %v", r.Query, c.example.Query)
		}
		for name, values := range c.header {
			if got := r.Header.Values(name); !slices.Equal(got, values) {
				t.Errorf("header %s: sent %q, want %q", name, got, values)
			}
		}
		if c.example.Body != nil {
			for _, d := range jsonDiff(c.example.Body, r.Body, c.bodyType) {
				t.Errorf("request body, example decoded into %s and sent: %s", c.bodyType, d)
			}
		}
		if c.upload != nil {
			up := r.Upload
			if up == nil || up.Field != c.example.FileField || up.Filename != contractUploadName || up.Size != int64(len(c.upload)) {
				t.Errorf("upload recorded as %+v, want field %q, file %q of %d bytes", up, c.example.FileField, contractUploadName, len(c.upload))
			}
		}
	}
	return recs
}

// checkResult checks what a successful call returned against the answer
// falmock recorded: JSON re-encodes to the JSON sent, events each decode
// and re-encode to their data, downloads, CSV reports and metrics hold what
// was served.
func checkResult(t *testing.T, srv *falmock.Server, c *contractCall, outs []reflect.Value) {
	t.Helper()
	if isStream(outs) {
		events := readEvents(t, outs[0])
		checkEvents(t, events, lastAnswer(t, srv))
		return
	}
	sent := lastAnswer(t, srv)
	if err := callError(outs); err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	if len(outs) == 1 {
		if len(sent) != 0 {
			t.Errorf("%s returns no value, but the answer had a body: %q", c.name, sent)
		}
		return
	}
	switch res := outs[0].Interface().(type) {
	case *fal.Download:
		checkDownload(t, c, res)
	case *fal.CSVStream:
		checkCSV(t, res, sent)
	case *fal.Metrics:
		checkMetrics(t, res, sent)
	default:
		got, err := json.Marshal(res)
		if err != nil {
			t.Fatalf("re-encoding the %T result: %v", res, err)
		}
		for _, d := range jsonDiff(sent, got, outs[0].Type()) {
			t.Errorf("round trip through %s: %s", outs[0].Type(), d)
		}
		checkDecodedAsEncodingJSON(t, "the answer", outs[0], sent)
	}
}

// checkDecodedAsEncodingJSON holds what the generated decoders made of a
// body to what json.Unmarshal makes of it, on every revision of the
// schema the contract tests run on.
func checkDecodedAsEncodingJSON(t *testing.T, what string, got reflect.Value, body []byte) {
	t.Helper()
	typ := got.Type()
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	want := reflect.New(typ)
	if err := json.Unmarshal(body, want.Interface()); err != nil {
		t.Errorf("%s decodes with the client but not with encoding/json: %v", what, err)
		return
	}
	if got.Kind() != reflect.Pointer {
		want = want.Elem()
	}
	if !reflect.DeepEqual(want.Interface(), got.Interface()) {
		t.Errorf("%s decodes differently with encoding/json:\nclient        %+v\nencoding/json %+v", what, got.Interface(), want.Interface())
	}
}

// lastAnswer is the body falmock answered its last request with.
func lastAnswer(t *testing.T, srv *falmock.Server) []byte {
	t.Helper()
	recs := srv.Requests()
	if len(recs) == 0 {
		t.Fatal("falmock recorded no request")
	}
	return recs[len(recs)-1].ResponseBody
}

// readEvents ranges over a whole stream and returns its events, failing the
// test on any error it yields.
func readEvents(t *testing.T, seq reflect.Value) []reflect.Value {
	t.Helper()
	var events []reflect.Value
	eachEvent(seq, func(v reflect.Value, err error) bool {
		if err != nil {
			t.Errorf("event %d: %v", len(events)+1, err)
			return true
		}
		events = append(events, v)
		return true
	})
	return events
}

// checkEvents checks that a stream yielded one fal.Event per data-carrying
// event sent, each with the event's ID and data that re-encodes to the
// event's data.
func checkEvents(t *testing.T, events []reflect.Value, sent []byte) {
	t.Helper()
	want := sseEvents(sent)
	if len(events) != len(want) || len(events) == 0 {
		t.Errorf("the stream yielded %d events, falmock sent %d", len(events), len(want))
	}
	for i, v := range events[:min(len(events), len(want))] {
		if id := v.FieldByName("ID").String(); id != want[i].id {
			t.Errorf("event %d has ID %q, falmock sent %q", i+1, id, want[i].id)
		}
		data := v.FieldByName("Data")
		got, err := json.Marshal(data.Interface())
		if err != nil {
			t.Fatalf("re-encoding event %d: %v", i+1, err)
		}
		for _, d := range jsonDiff(want[i].data, got, data.Type()) {
			t.Errorf("round trip of event %d through %s: %s", i+1, data.Type(), d)
		}
		checkDecodedAsEncodingJSON(t, fmt.Sprintf("event %d", i+1), data, want[i].data)
	}
}

// sentEvent is an event of a server-sent event stream: its ID, and its
// "data:" lines joined by newlines.
type sentEvent struct {
	id   string
	data []byte
}

// sseEvents splits a server-sent event stream into its events; comments
// and events without data are skipped, and an event without an id field
// has the ID of the one before.
func sseEvents(stream []byte) []sentEvent {
	var out []sentEvent
	id := ""
	for block := range strings.SplitSeq(strings.ReplaceAll(string(stream), "\r\n", "\n"), "\n\n") {
		var lines []string
		for line := range strings.SplitSeq(block, "\n") {
			if v, ok := strings.CutPrefix(line, "data:"); ok {
				lines = append(lines, strings.TrimPrefix(v, " "))
			}
			if v, ok := strings.CutPrefix(line, "id:"); ok {
				id = strings.TrimPrefix(v, " ")
			}
		}
		if len(lines) > 0 {
			out = append(out, sentEvent{id: id, data: []byte(strings.Join(lines, "\n"))})
		}
	}
	return out
}

// checkDownload reads a download whole and compares it with the content
// falmock serves.
func checkDownload(t *testing.T, c *contractCall, d *fal.Download) {
	t.Helper()
	defer d.Close()
	got, err := io.ReadAll(d)
	if err != nil {
		t.Fatalf("reading the download: %v", err)
	}
	want, err := io.ReadAll(falmock.DownloadContent(contractDownloadSize))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("downloaded %d bytes that differ from the %d served", len(got), len(want))
	}
	if d.Size != contractDownloadSize || d.ContentType != c.op.MediaType {
		t.Errorf("download announced %d bytes of %q, want %d of %q", d.Size, d.ContentType, contractDownloadSize, c.op.MediaType)
	}
}

// checkCSV walks a report's rows and compares each with the report falmock
// sent, looking every column up by its header name.
func checkCSV(t *testing.T, s *fal.CSVStream, sent []byte) {
	t.Helper()
	defer s.Close()
	records, err := csv.NewReader(bytes.NewReader(sent)).ReadAll()
	if err != nil || len(records) == 0 || len(records[0]) == 0 {
		t.Fatalf("falmock sent no CSV with a header (%v): %q", err, sent)
	}
	header, rows := records[0], records[1:]
	n := 0
	for row, err := range s.Rows() {
		if err != nil {
			t.Fatalf("row %d: %v", n+1, err)
		}
		if n >= len(rows) {
			t.Fatalf("row %d was never sent: %q", n+1, row.Values())
		}
		if !slices.Equal(row.Values(), rows[n]) {
			t.Errorf("row %d: got %q, sent %q", n+1, row.Values(), rows[n])
		}
		for i, col := range header {
			if slices.Index(header, col) != i {
				continue // a repeated column name finds its first column
			}
			if v, ok := row.Get(col); !ok || v != rows[n][i] {
				t.Errorf("row %d column %q: got %q (known %v), sent %q", n+1, col, v, ok, rows[n][i])
			}
		}
		n++
	}
	if n != len(rows) {
		t.Errorf("got %d rows, falmock sent %d", n, len(rows))
	}
}

// metricSample finds the metric name of each sample line of a Prometheus
// text.
var metricSample = regexp.MustCompile(`(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]`)

// checkMetrics checks that the text is the one sent and that the family of
// every sample was parsed, with samples.
func checkMetrics(t *testing.T, m *fal.Metrics, sent []byte) {
	t.Helper()
	if !bytes.Equal(m.Text, sent) {
		t.Errorf("metrics text differs from the one sent:\n%s\nsent:\n%s", m.Text, sent)
	}
	families, err := falprom.Parse(m.Text)
	if err != nil {
		t.Fatal(err)
	}
	samples := metricSample.FindAllSubmatch(sent, -1)
	if len(samples) == 0 || len(families) == 0 {
		t.Errorf("parsed %d metric families from %d samples: %q", len(families), len(samples), sent)
	}
	for _, match := range samples {
		if f := metricFamily(families, string(match[1])); f == nil || len(f.GetMetric()) == 0 {
			t.Errorf("sample %s: parsed family %v", match[1], f)
		}
	}
}

// metricFamily finds the family of a sample name: its own, or that of the
// histogram or summary whose _bucket, _sum or _count it is.
func metricFamily(families map[string]*dto.MetricFamily, sample string) *dto.MetricFamily {
	for _, suffix := range []string{"", "_bucket", "_sum", "_count"} {
		if name, ok := strings.CutSuffix(sample, suffix); ok && families[name] != nil {
			return families[name]
		}
	}
	return nil
}

// jsonDiff compares two JSON documents as values (numbers by value, object
// keys in any order): want, and got, which was encoded from a value of type
// typ decoded from want. It describes each difference by its path, the Go
// field it belongs to, what it was and what it became, and returns nil when
// they are equal.
func jsonDiff(want, got []byte, typ reflect.Type) []string {
	wv, err := decodeJSON(want)
	if err != nil {
		return []string{fmt.Sprintf("the JSON sent does not parse: %v: %q", err, want)}
	}
	gv, err := decodeJSON(got)
	if err != nil {
		return []string{fmt.Sprintf("the JSON re-encoded does not parse: %v: %q", err, got)}
	}
	var diffs []string
	diffValues("$", typ, wv, gv, &diffs)
	return diffs
}

// decodeJSON decodes one JSON document, keeping numbers as written.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

func diffValues(path string, typ reflect.Type, want, got any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			break
		}
		keys := slices.Collect(maps.Keys(w))
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, inWant := w[k]
			gv, inGot := g[k]
			at := path + "." + k
			switch {
			case !inGot:
				*diffs = append(*diffs, fmt.Sprintf("%s (%s): was %s, dropped", at, goField(typ, k), showJSON(wv)))
			case !inWant:
				*diffs = append(*diffs, fmt.Sprintf("%s (%s): was absent, became %s", at, goField(typ, k), showJSON(gv)))
			default:
				diffValues(at, fieldType(typ, k), wv, gv, diffs)
			}
		}
		return
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			break
		}
		for i := range w {
			diffValues(fmt.Sprintf("%s[%d]", path, i), elemType(typ), w[i], g[i], diffs)
		}
		return
	case json.Number:
		if g, ok := got.(json.Number); ok && sameNumber(w, g) {
			return
		}
	case string:
		if g, ok := got.(string); ok && (w == g || sameInstant(typ, w, g)) {
			return
		}
	default:
		if reflect.DeepEqual(want, got) {
			return
		}
	}
	*diffs = append(*diffs, fmt.Sprintf("%s (%s): was %s, became %s", path, typeName(typ), showJSON(want), showJSON(got)))
}

// sameNumber compares two JSON numbers by value.
func sameNumber(a, b json.Number) bool {
	x, okA := new(big.Rat).SetString(string(a))
	y, okB := new(big.Rat).SetString(string(b))
	return okA && okB && x.Cmp(y) == 0
}

// timeType is the type the generated code decodes date-times into.
var timeType = reflect.TypeFor[time.Time]()

// sameInstant reports whether two date-times that went through a
// time.Time are the same instant, however each is written
// ("2024-11-08T00:00:00.000Z" is re-encoded "2024-11-08T00:00:00Z").
func sameInstant(typ reflect.Type, a, b string) bool {
	for typ != nil && typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ != timeType {
		return false
	}
	x, errA := time.Parse(time.RFC3339Nano, a)
	y, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && x.Equal(y)
}

// showJSON writes a value for a message, cut to a readable length.
func showJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 120 {
		return string(b[:120]) + "…"
	}
	return string(b)
}

// structOf is the struct a type holds through pointers, or nil.
func structOf(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	return t
}

// jsonField finds the field of a struct that encodes as the JSON key.
func jsonField(st reflect.Type, key string) (reflect.StructField, bool) {
	for _, f := range reflect.VisibleFields(st) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name := tagName(f.Tag.Get("json"))
		if name == "" && f.Tag.Get("json") == "" {
			name = f.Name
		}
		if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// goField names where a JSON key of a value of type t lives in Go:
// "falapi.Model.Title", or the type that has no field for it.
func goField(t reflect.Type, key string) string {
	st := structOf(t)
	if st == nil {
		return typeName(t)
	}
	if f, ok := jsonField(st, key); ok {
		return st.String() + "." + f.Name
	}
	if f, ok := st.FieldByName("AdditionalProperties"); ok && f.Type.Kind() == reflect.Map {
		return st.String() + ".AdditionalProperties"
	}
	return st.String() + ", which has no field for it"
}

// fieldType is the Go type of a JSON key's value inside a value of type t,
// or nil when unknown (a union held as raw JSON, an interface).
func fieldType(t reflect.Type, key string) reflect.Type {
	if st := structOf(t); st != nil {
		if f, ok := jsonField(st, key); ok {
			return valueType(f.Type)
		}
		if f, ok := st.FieldByName("AdditionalProperties"); ok && f.Type.Kind() == reflect.Map {
			return f.Type.Elem()
		}
		return nil
	}
	return elemType(t)
}

// valueType is the type a field's JSON value decodes into: T for a
// falapi.Nullable[T] (what its Get returns), else the field's type.
func valueType(t reflect.Type) reflect.Type {
	if t.Kind() != reflect.Struct || !strings.HasPrefix(t.Name(), "Nullable[") {
		return t
	}
	if get, ok := t.MethodByName("Get"); ok && get.Type.NumOut() == 2 {
		return get.Type.Out(0)
	}
	return t
}

// elemType is the Go type of the elements of a slice or map type, or nil.
func elemType(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Map) {
		return t.Elem()
	}
	return nil
}

// typeName names a Go type for a message, "?" when unknown.
func typeName(t reflect.Type) string {
	if t == nil {
		return "?"
	}
	return t.String()
}
