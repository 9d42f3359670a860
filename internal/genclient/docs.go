package genclient

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// docsSite is where fal publishes the pages that x-mint hrefs point into.
const docsSite = "https://docs.fal.ai"

// docLines writes a method's doc comment from the schema: what it calls,
// the summary and description, what key it needs and where its page is.
func docLines(m method, op *openapi3.Operation) []string {
	head := fmt.Sprintf("%s calls %s %s", m.Name, m.HTTPMethod, m.Path)
	if s := strings.TrimSpace(op.Summary); s != "" {
		head += " (" + strings.TrimSuffix(s, ".") + ")"
	}
	lines := []string{head + "."}
	if d := descriptionLines(op.Description); len(d) > 0 {
		lines = append(append(lines, ""), d...)
	}
	lines = append(lines, "", authSentence(m.Auth))
	if href := docsHref(op); href != "" {
		lines = append(lines, "", "API reference: "+docsSite+href)
	}
	if op.Deprecated {
		lines = append(lines, "", "Deprecated: fal's schema marks "+m.HTTPMethod+" "+m.Path+" as deprecated.")
	}
	return lines
}

func authSentence(auth string) string {
	switch auth {
	case "authNone":
		return "It needs no API key."
	case "authOptional":
		return "An API key is optional: without one the call is made unauthenticated."
	case "authAdmin":
		return "It needs an admin API key (adminApiKey); a 401 or 403 answer says so."
	}
	return "It needs an API key."
}

func docsHref(op *openapi3.Operation) string {
	mint, _ := op.Extensions["x-mint"].(map[string]any)
	href, _ := mint["href"].(string)
	if !strings.HasPrefix(href, "/") {
		return ""
	}
	return href
}

var (
	listItem  = regexp.MustCompile(`^[-*]\s+`)
	numbered  = regexp.MustCompile(`^\d+\.\s+`)
	blankRuns = regexp.MustCompile(`\n{3,}`)
)

// descriptionLines turns a Markdown description into doc comment lines:
// paragraphs stay, list items are indented so that gofmt keeps them lists,
// and stray indentation that would make a code block is removed.
func descriptionLines(desc string) []string {
	desc = strings.TrimSpace(strings.ReplaceAll(desc, "\r\n", "\n"))
	if desc == "" {
		return nil
	}
	desc = blankRuns.ReplaceAllString(desc, "\n\n")
	var out []string
	for _, line := range strings.Split(desc, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case listItem.MatchString(line):
			line = "  - " + listItem.ReplaceAllString(line, "")
		case numbered.MatchString(line):
			line = "  " + line
		}
		out = append(out, line)
	}
	return out
}
