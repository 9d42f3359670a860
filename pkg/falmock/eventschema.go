package falmock

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/falplatform/fal-go/api"
	"github.com/falplatform/fal-go/internal/normalize"
)

// eventSchema is the schema of the events of a server-sent-events
// operation: the schema of its text/event-stream answer, unless that is
// empty, as the log stream's is; then api/hints.yaml names the schema
// (events: serverlessLogsStream: LogEntry) and api/names.yaml says where the
// raw document writes it (serverlessLogsHistory.response.200.items[]).
type eventSchema struct {
	schema *openapi3.SchemaRef
	// name is the event field of each event: "log" for the log entries a
	// hint names, none (SSE's default, message) for a stream's own schema.
	name string
	// source is the operation whose success answer holds such values, steps
	// below its body; nil when the schema is not part of a success answer.
	source *operation
	steps  []string
}

// eventSchema finds, once, the schema of the operation's events.
func (o *operation) eventSchema() (eventSchema, error) {
	o.eventOnce.Do(func() {
		cfg, err := normalize.ParseConfig(api.Names, api.Hints)
		if err != nil {
			o.eventErr = fmt.Errorf("falmock: %w", err)
			return
		}
		o.event, o.eventErr = o.spec.findEventSchema(o.id, cfg)
	})
	return o.event, o.eventErr
}

// findEventSchema finds the schema that cfg's hints name for the events of
// an operation at the location cfg's name map gives it.
func (s *spec) findEventSchema(operationID string, cfg normalize.Config) (eventSchema, error) {
	name, ok := cfg.Hints.Events[operationID]
	if !ok {
		if o := s.byID[operationID]; o != nil && o.load() == nil && !unconstrained(o.schema()) {
			return eventSchema{schema: o.schema()}, nil
		}
		return eventSchema{}, fmt.Errorf("falmock: the events of %s have an empty schema and api/hints.yaml names none (events: %s: <Name>)", operationID, operationID)
	}
	locs := cfg.LocationsOf(name)
	if len(locs) == 0 {
		return eventSchema{}, fmt.Errorf("falmock: the events of %s are %s (api/hints.yaml), which api/names.yaml gives to no location", operationID, name)
	}
	var problems []string
	for _, loc := range locs {
		es, err := s.schemaAt(loc)
		if err == nil {
			es.name = logEventName
			return es, nil
		}
		problems = append(problems, err.Error())
	}
	return eventSchema{}, fmt.Errorf("falmock: the events of %s are %s, found nowhere in the schema: %s", operationID, name, strings.Join(problems, "; "))
}

// schemaAt resolves a location of api/names.yaml in the raw document.
func (s *spec) schemaAt(loc string) (eventSchema, error) {
	p, err := normalize.ParseLocation(loc)
	if err != nil {
		return eventSchema{}, err
	}
	o := s.byID[p.OperationID]
	if o == nil {
		return eventSchema{}, fmt.Errorf("%s: no operation %s", loc, p.OperationID)
	}
	if err := o.load(); err != nil {
		return eventSchema{}, fmt.Errorf("%s: %w", loc, err)
	}
	es := eventSchema{steps: p.Steps}
	switch p.Role {
	case "params":
		for _, param := range o.parameters() {
			if param.Name == p.Name {
				es.schema = param.Schema
			}
		}
	case "request":
		if rb := o.route.Operation.RequestBody; rb != nil && rb.Value != nil {
			es.schema = jsonSchemaOf(rb.Value.Content)
		}
	case "response":
		if r := o.route.Operation.Responses.Value(p.Name); r != nil && r.Value != nil {
			es.schema = jsonSchemaOf(r.Value.Content)
		}
		if p.Name == strconv.Itoa(o.status) && normalize.IsJSONMedia(o.mediaType) {
			es.source = o
		}
	}
	if es.schema == nil {
		return eventSchema{}, fmt.Errorf("%s: %s has no JSON schema for %s %s", loc, p.OperationID, p.Role, p.Name)
	}
	for i, step := range p.Steps {
		if es.schema = schemaStep(es.schema, step); es.schema == nil {
			return eventSchema{}, fmt.Errorf("%s: nothing at %q", loc, strings.Join(p.Steps[:i+1], " "))
		}
	}
	return es, nil
}

// jsonSchemaOf is the schema of the first JSON media type of content.
func jsonSchemaOf(content openapi3.Content) *openapi3.SchemaRef {
	for _, mt := range slices.Sorted(maps.Keys(content)) {
		if normalize.IsJSONMedia(mt) && content[mt] != nil {
			return content[mt].Schema
		}
	}
	return nil
}

// schemaStep goes one step of a location down from ref: to a property, the
// items, the map values or a branch of a union; nil when there is nothing.
func schemaStep(ref *openapi3.SchemaRef, step string) *openapi3.SchemaRef {
	if ref == nil || ref.Value == nil {
		return nil
	}
	s := ref.Value
	switch step {
	case normalize.ItemsStep:
		return s.Items
	case normalize.ValuesStep:
		return s.AdditionalProperties.Schema
	}
	if i, ok := normalize.Variant(step); ok {
		for _, branches := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf, s.AllOf} {
			if i < len(branches) {
				return branches[i]
			}
		}
		return nil
	}
	return s.Properties[step]
}

// valueAt goes the steps of a location down a value built from the schema
// there: the first item of a list, the first value of a map (by key), a
// property; a branch of a union is the value itself.
func valueAt(v any, steps []string) (any, bool) {
	for _, step := range steps {
		if _, ok := normalize.Variant(step); ok {
			continue
		}
		switch step {
		case normalize.ItemsStep:
			items, _ := v.([]any)
			if len(items) == 0 {
				return nil, false
			}
			v = items[0]
		case normalize.ValuesStep:
			m, _ := v.(map[string]any)
			if len(m) == 0 {
				return nil, false
			}
			v = m[slices.Min(slices.Collect(maps.Keys(m)))]
		default:
			m, _ := v.(map[string]any)
			var ok bool
			if v, ok = m[step]; !ok {
				return nil, false
			}
		}
	}
	return v, true
}
