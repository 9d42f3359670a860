package normalize

import (
	"strconv"
	"strings"
)

// describeEnums adds the values each string enum component knows to its
// description, so that the doc comment of the generated type lists them,
// and says that the client takes and keeps other values: fal adds values
// before the client is regenerated, and neither side refuses them.
func describeEnums(components []*component) {
	for _, c := range components {
		if !hasType(c.schema, "string") {
			continue
		}
		var quoted []string
		for _, v := range list(c.schema, "enum") {
			if s, ok := v.(string); ok {
				quoted = append(quoted, strconv.Quote(s))
			}
		}
		if len(quoted) == 0 {
			continue
		}
		note := "Known values: " + strings.Join(quoted, ", ") + ". Other values are sent and decoded as they are: fal may add values before this client is regenerated."
		if d := strings.TrimSpace(str(c.schema, "description")); d != "" {
			note = d + "\n\n" + note
		}
		c.schema["description"] = note
	}
}
