package contract_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
	"github.com/falplatform/fal-go/pkg/fal"
)

// prismEnv names the Prism executable TestContractAgainstPrism runs; make
// conformance installs the pinned version (internal/devtools/prism) and
// sets it.
const prismEnv = "FAL_PRISM"

// prismRenderErrors are the problem types Prism answers with, after the
// request has passed its validation, when it cannot render the answer
// itself: an event stream and a binary download (Prism 5 renders JSON and
// text only).
var prismRenderErrors = []string{"prism/errors#NO_COMPLEX_OBJECT_TEXT", "Cannot find serializer"}

// TestContractAgainstPrism sends every operation's request, built as the
// contract tests build it, to Prism, an OpenAPI mock that shares no code
// with this module: it routes the request by the published schema and
// validates its security, path, query, headers and body (--errors turns a
// refused request into a 4xx answer). The client must then decode what
// Prism answers from the schema's examples.
func TestContractAgainstPrism(t *testing.T) {
	prism := os.Getenv(prismEnv)
	if prism == "" {
		t.Skipf("%s is not set: make conformance installs Prism and runs this test", prismEnv)
	}
	baseURL, log := startPrism(t, prism)
	srv := newContractServer(t)
	for _, op := range srv.Operations() {
		t.Run(op.ID, func(t *testing.T) {
			call := newContractCall(t, srv, op, fal.WithBaseURL(baseURL), fal.WithAPIKey("prism-key:prism-secret"))
			repeatSingleListItems(call.args)
			err := callError(call.invoke(t.Context()))
			if err == nil {
				return
			}
			var apiErr *fal.APIError
			if errors.As(err, &apiErr) && apiErr.StatusCode == 500 && !answersJSON(op) &&
				containsAny(string(apiErr.Body), prismRenderErrors) {
				t.Logf("Prism accepted the request but cannot render a %s answer: %s", op.MediaType, apiErr.Body)
				return
			}
			t.Errorf("%v\nPrism said:\n%s", err, log.about(op.Method, op.Path))
		})
	}
}

// repeatSingleListItems gives every list of one item in the params structs
// among args a second copy of it. Prism 5 reads a single value of a query
// parameter whose type is ["array", "null"] as a string and refuses it
// (character_identifier=alice), although it is a one-item list as OpenAPI's
// form style writes it; two values it reads as a list. Both are the same
// value to fal's server.
func repeatSingleListItems(args []reflect.Value) {
	for _, a := range args {
		if a.Kind() != reflect.Pointer || a.IsNil() || a.Elem().Kind() != reflect.Struct ||
			!strings.HasSuffix(a.Elem().Type().Name(), "Params") {
			continue // not the query and header parameters
		}
		s := a.Elem()
		for i := range s.NumField() {
			f := s.Field(i)
			if f.Kind() == reflect.Pointer && !f.IsNil() {
				f = f.Elem()
			}
			if f.Kind() == reflect.Slice && f.Len() == 1 && f.CanSet() {
				f.Set(reflect.Append(f, f.Index(0)))
			}
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// startPrism starts Prism on a free loopback port, serving the schema the
// module embeds as the client reads it (normalize.ClientReading: the
// published document itself unless it describes fal's key in another way),
// and returns its base URL once it listens.
func startPrism(t *testing.T, prism string) (string, *prismLog) {
	t.Helper()
	hints, err := normalize.ParseHints(api.Hints)
	if err != nil {
		t.Fatal(err)
	}
	doc, repairs, err := normalize.ClientReading(api.OpenAPI, hints)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range repairs {
		t.Log("as the client reads it:", r)
	}
	schema := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(schema, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()

	cmd := exec.Command(prism, "mock", "--errors", "--host", "127.0.0.1", "--port", fmt.Sprint(port), schema)
	log := &prismLog{}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // Prism is node and its children
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	listening := make(chan struct{})
	go log.read(out, "Prism is listening", listening)
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		_ = cmd.Wait()
	})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	select {
	case <-listening:
	case <-ctx.Done():
		t.Fatalf("Prism did not start within 2 minutes:\n%s", log.String())
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port), log
}

// prismLog keeps what Prism prints.
type prismLog struct {
	mu    sync.Mutex
	lines []string
}

// read keeps every line of r and closes ready at the first line holding
// mark.
func (p *prismLog) read(r io.Reader, mark string, ready chan<- struct{}) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		p.mu.Lock()
		p.lines = append(p.lines, sc.Text())
		p.mu.Unlock()
		if ready != nil && strings.Contains(sc.Text(), mark) {
			close(ready)
			ready = nil
		}
	}
}

// about returns Prism's lines from its last request of method to a path of
// the template's first literal segments on.
func (p *prismLog) about(method, template string) string {
	prefix, _, _ := strings.Cut(template, "{")
	needle := strings.ToLower(method) + " " + prefix
	p.mu.Lock()
	defer p.mu.Unlock()
	start := -1
	for i, line := range p.lines {
		if strings.Contains(line, needle) {
			start = i
		}
	}
	if start < 0 {
		return "(no line about " + needle + ")"
	}
	var b bytes.Buffer
	for _, line := range p.lines[start:min(start+12, len(p.lines))] {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func (p *prismLog) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.lines, "\n")
}
