package peerbench

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
)

// Agree calls the fixture's operation once through each client and checks
// that every client decoded the whole answer: each decoded value, encoded
// again by the client's own types, is the fixture's JSON value (numbers
// compared as float64, key order ignored). A client that drops, adds or
// alters a field fails.
func Agree(ctx context.Context, f Fixture, clients []Client) error {
	want, err := jsonValue(f.Body)
	if err != nil {
		return fmt.Errorf("%s fixture: %w", f.Operation, err)
	}
	for _, c := range clients {
		call, ok := c.Calls[f.Operation]
		if !ok {
			return fmt.Errorf("%s has no call for %s", c.Name, f.Operation)
		}
		got, err := call(ctx)
		if err != nil {
			return fmt.Errorf("%s %s: %w", c.Name, f.Operation, err)
		}
		again, err := json.Marshal(got)
		if err != nil {
			return fmt.Errorf("%s %s: encoding the decoded answer: %w", c.Name, f.Operation, err)
		}
		gotValue, err := jsonValue(again)
		if err != nil {
			return fmt.Errorf("%s %s: %w", c.Name, f.Operation, err)
		}
		if path, diff := firstDifference(want, gotValue, ""); diff != "" {
			return fmt.Errorf("%s %s decodes the fixture differently at %s: %s", c.Name, f.Operation, path, diff)
		}
	}
	return nil
}

func jsonValue(data []byte) (any, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// firstDifference finds where two JSON values differ, as a path and a
// description; an empty description means they are equal.
func firstDifference(want, got any, path string) (string, string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path, fmt.Sprintf("want an object, got %v", got)
		}
		for _, k := range sortedKeys(w) {
			gv, ok := g[k]
			if !ok {
				return path + "/" + k, "missing"
			}
			if p, d := firstDifference(w[k], gv, path+"/"+k); d != "" {
				return p, d
			}
		}
		for _, k := range sortedKeys(g) {
			if _, ok := w[k]; !ok {
				return path + "/" + k, "not in the fixture"
			}
		}
		return "", ""
	case []any:
		g, ok := got.([]any)
		if !ok {
			return path, fmt.Sprintf("want an array, got %v", got)
		}
		if len(g) != len(w) {
			return path, fmt.Sprintf("want %d entries, got %d", len(w), len(g))
		}
		for i := range w {
			if p, d := firstDifference(w[i], g[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
				return p, d
			}
		}
		return "", ""
	}
	if !reflect.DeepEqual(want, got) {
		return path, fmt.Sprintf("want %v, got %v", want, got)
	}
	return "", ""
}
