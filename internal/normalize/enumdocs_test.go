package normalize

import "testing"

func TestDescribeEnums(t *testing.T) {
	described := &component{name: "ModelStatus", schema: node{"type": "string", "enum": []any{"active", "deprecated"}, "description": "Filter by status"}}
	bare := &component{name: "Kind", schema: node{"type": "string", "enum": []any{"a", nil}}}
	object := &component{name: "Page", schema: node{"type": "object", "description": "A page", "properties": node{"x": node{"type": "string"}}}}
	describeEnums([]*component{described, bare, object})
	const note = "Other values are sent and decoded as they are: fal may add values before this client is regenerated."
	for c, want := range map[*component]string{
		described: "Filter by status\n\nKnown values: \"active\", \"deprecated\". " + note,
		bare:      "Known values: \"a\". " + note,
		object:    "A page",
	} {
		if got := str(c.schema, "description"); got != want {
			t.Errorf("%s: description %q, want %q", c.name, got, want)
		}
	}
}
