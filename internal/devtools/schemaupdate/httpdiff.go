package schemaupdate

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"
)

// HTTPChanges is what oasdiff finds between two revisions of the schema.
type HTTPChanges struct {
	// Added and Removed are the operations only the new, or only the old,
	// revision has. oasdiff matches paths whose parameters were only renamed.
	Added, Removed []Operation
	// Breaking lists the changes oasdiff judges breaking (level "error") or
	// possibly breaking (level "warning") for a client of the old revision.
	Breaking []Breaking
	// Other counts the changes oasdiff judges harmless (level "info").
	Other int
}

// Breaking is one change of the HTTP contract that can break a client.
type Breaking struct {
	// Level is oasdiff's level: "error" or "warning".
	Level string
	// Operation is the operation it affects.
	Operation Operation
	// Check is the id of the oasdiff check that found it
	// (request-parameter-pattern-added).
	Check string
	// Text says what changed, as oasdiff words it.
	Text string
}

// diffHTTP compares two revisions of the schema with oasdiff.
func diffHTTP(old, revised []byte) (*HTTPChanges, error) {
	base, err := load.NewSpecInfoFromData(openapi3.NewLoader(), old, "base")
	if err != nil {
		return nil, fmt.Errorf("oasdiff: load old schema: %w", err)
	}
	rev, err := load.NewSpecInfoFromData(openapi3.NewLoader(), revised, "revision")
	if err != nil {
		return nil, fmt.Errorf("oasdiff: load new schema: %w", err)
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(), base, rev)
	if err != nil {
		return nil, fmt.Errorf("oasdiff: %w", err)
	}
	changes := &HTTPChanges{}
	if d == nil { // the revisions are the same
		return changes, nil
	}
	if d.EndpointsDiff != nil {
		changes.Added = endpointOperations(d.EndpointsDiff.Added, rev.Spec)
		changes.Removed = endpointOperations(d.EndpointsDiff.Deleted, base.Spec)
	}
	l := checker.NewDefaultLocalizer()
	all := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	for _, c := range all {
		if c.GetLevel() < checker.WARN {
			changes.Other++
			continue
		}
		changes.Breaking = append(changes.Breaking, Breaking{
			Level:     c.GetLevel().String(),
			Operation: Operation{Method: c.GetOperation(), Path: c.GetPath(), ID: c.GetOperationId()},
			Check:     c.GetId(),
			Text:      c.GetUncolorizedText(l),
		})
	}
	slices.SortFunc(changes.Breaking, func(a, b Breaking) int {
		return cmp.Or(
			cmp.Compare(a.Operation.Path, b.Operation.Path),
			cmp.Compare(a.Operation.Method, b.Operation.Method),
			cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Text, b.Text),
		)
	})
	return changes, nil
}

// endpointOperations looks up the operationIds of endpoints in spec and
// returns them ordered by path, then method.
func endpointOperations(endpoints diff.Endpoints, spec *openapi3.T) []Operation {
	ops := make([]Operation, 0, len(endpoints))
	for _, e := range endpoints {
		op := Operation{Method: e.Method, Path: e.Path}
		if item := spec.Paths.Value(e.Path); item != nil {
			if o := item.GetOperation(e.Method); o != nil {
				op.ID = o.OperationID
			}
		}
		ops = append(ops, op)
	}
	slices.SortFunc(ops, func(a, b Operation) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Method, b.Method))
	})
	return ops
}
