package fal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Escape hatches for when fal is ahead of this client: options that edit a
// request's query or JSON body after the generated code built it. Like
// every option they work on the client (every call) and on one call.

// queryEdit is one WithQuery, WithQueryAdd or WithQueryDel.
type queryEdit struct {
	kind       editKind
	key, value string
}

// editKind says what an edit does.
type editKind uint8

const (
	editSet editKind = iota // replace
	editAdd                 // append (a query value)
	editDel                 // remove
)

// WithQuery sets the query parameter key to value, replacing whatever the
// method's arguments sent for it: a parameter this client does not know
// yet, or a value its types cannot hold.
func WithQuery(key, value string) Option {
	return queryOption("WithQuery", queryEdit{kind: editSet, key: key, value: value})
}

// WithQueryAdd adds value to the query parameter key, after any values the
// method's arguments sent (a list parameter is the key repeated).
func WithQueryAdd(key, value string) Option {
	return queryOption("WithQueryAdd", queryEdit{kind: editAdd, key: key, value: value})
}

// WithQueryDel removes the query parameter key.
func WithQueryDel(key string) Option {
	return queryOption("WithQueryDel", queryEdit{kind: editDel, key: key})
}

func queryOption(name string, e queryEdit) Option {
	return func(s *settings) {
		if e.key == "" {
			s.fail(fmt.Errorf("%s: empty parameter name", name))
			return
		}
		s.queryEdits = append(s.queryEdits[:len(s.queryEdits):len(s.queryEdits)], e)
	}
}

// applyQueryEdits edits the query of u in the order the edits were given.
// The query is then sent with its parameters sorted by name.
func applyQueryEdits(u *url.URL, edits []queryEdit) {
	q := u.Query()
	for _, e := range edits {
		switch e.kind {
		case editSet:
			q.Set(e.key, e.value)
		case editAdd:
			q.Add(e.key, e.value)
		case editDel:
			q.Del(e.key)
		}
	}
	u.RawQuery = q.Encode()
}

// jsonEdit is one WithJSONSet or WithJSONDel.
type jsonEdit struct {
	option     string   // the option and its path, for errors: `WithJSONSet "a.b"`
	path       []string // the path's keys
	value      json.RawMessage
	del        bool
	clientWide bool // given to NewClient: calls without a JSON body skip it
}

// WithJSONSet sets the field at path in the JSON body of the request to
// value encoded as JSON, replacing what the method's arguments sent: a
// field this client does not know yet, or a value its types cannot hold.
// path is a dotted list of object keys ("input.seed"); missing objects on
// the way are created. A path through something that is not an object, or
// a call without a JSON object body, fails before anything is sent. Given
// to NewClient, it edits every call that sends a JSON body and leaves the
// others alone.
func WithJSONSet(path string, value any) Option {
	name := fmt.Sprintf("WithJSONSet %q", path)
	keys, err := splitJSONPath(path)
	var raw []byte
	if err == nil {
		raw, err = json.Marshal(value)
	}
	if err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return jsonOption(jsonEdit{option: name, path: keys, value: raw}, err)
}

// WithJSONDel removes the field at path (as WithJSONSet reads it) from the
// JSON body of the request; a field that is not there is no error.
func WithJSONDel(path string) Option {
	name := fmt.Sprintf("WithJSONDel %q", path)
	keys, err := splitJSONPath(path)
	if err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}
	return jsonOption(jsonEdit{option: name, path: keys, del: true}, err)
}

func jsonOption(e jsonEdit, err error) Option {
	return func(s *settings) {
		if err != nil {
			s.fail(err)
			return
		}
		s.jsonEdits = append(s.jsonEdits[:len(s.jsonEdits):len(s.jsonEdits)], e)
	}
}

// splitJSONPath splits a dotted path into its keys, none of them empty.
func splitJSONPath(path string) ([]string, error) {
	if !utf8.ValidString(path) {
		return nil, errors.New("the path is not valid UTF-8")
	}
	keys := strings.Split(path, ".")
	for _, k := range keys {
		if k == "" {
			return nil, errors.New("empty key in the path")
		}
	}
	return keys, nil
}

// isJSONMediaType reports whether a media type is JSON: application/json,
// or a type with the +json suffix.
func isJSONMediaType(mt string) bool {
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// applyJSONEdits edits the JSON body of req in the order the edits were
// given, and makes the edited body the one every attempt sends. A request
// without a JSON body is an error for an edit given to the call, and left
// alone by the client's own.
func applyJSONEdits(req *http.Request, edits []jsonEdit) error {
	if mt, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); !isJSONMediaType(mt) || req.GetBody == nil {
		for _, e := range edits {
			if !e.clientWide {
				return fmt.Errorf("%s: the request has no JSON body", e.option)
			}
		}
		return nil
	}
	body, err := req.GetBody()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	for _, e := range edits {
		if data, err = editJSON(data, e.path, e.value, e.del, ""); err != nil {
			return fmt.Errorf("%s: %w", e.option, err)
		}
	}
	req.Body = io.NopCloser(bytes.NewReader(data))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }
	req.ContentLength = int64(len(data))
	return nil
}

// editJSON sets (or deletes) the field at path in the JSON object doc.
// Only the objects along the path are decoded and encoded again; every
// other value keeps its text (compacted: numbers and escapes as they were).
// at is the path walked so far, for errors.
func editJSON(doc []byte, path []string, value json.RawMessage, del bool, at string) ([]byte, error) {
	var obj map[string]json.RawMessage
	if trimmed := bytes.TrimSpace(doc); len(trimmed) == 0 || trimmed[0] != '{' || json.Unmarshal(trimmed, &obj) != nil {
		if at == "" {
			return nil, fmt.Errorf("the body is %s, not a JSON object", describeJSON(doc))
		}
		return nil, fmt.Errorf("%s is %s, not an object", at, describeJSON(doc))
	}
	key := path[0]
	at = strings.TrimPrefix(at+"."+key, ".")
	if len(path) == 1 {
		if del {
			delete(obj, key)
		} else {
			obj[key] = value
		}
		return json.Marshal(obj)
	}
	child, ok := obj[key]
	if !ok || string(child) == "null" {
		if del {
			return doc, nil
		}
		child = json.RawMessage("{}")
	}
	edited, err := editJSON(child, path[1:], value, del, at)
	if err != nil {
		return nil, err
	}
	obj[key] = edited
	return json.Marshal(obj)
}

// describeJSON names the kind of a JSON value, for errors.
func describeJSON(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '{':
		return "not valid JSON"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}
