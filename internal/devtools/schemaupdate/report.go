package schemaupdate

import (
	"fmt"
	"strings"
)

// Report is the outcome of an update: what changed between the two revisions
// of the schema, what ran, and whether the tree now holds the new one.
type Report struct {
	// Provenance describes the new revision.
	Provenance Provenance
	// Old describes the revision the tree held before (Source and Date are
	// not known and left empty).
	Old Provenance
	// HTTP is what oasdiff found; nil when it could not run.
	HTTP *HTTPChanges
	// Go holds the changes of each package's exported API; nil when they
	// could not be computed, and GoNote says why.
	Go     []GoChanges
	GoNote string
	// Warnings are the normalizer's warnings about the new revision.
	Warnings *NormalizerWarnings
	// Steps are the commands of the pipeline and their outcome.
	Steps []*Step
	// Applied is true when the tree holds the new revision and the code
	// generated from it.
	Applied bool
	// Failure says what failed; empty when the update was applied.
	Failure string
	// Restored lists the files put back after a failure.
	Restored []string
}

// maxOutputLines bounds the output of a failed step shown in the report.
const maxOutputLines = 60

// Markdown renders the report. It holds no times or temporary paths of its
// own, so that the same inputs give the same text.
func (r *Report) Markdown() string {
	var b strings.Builder
	b.WriteString("# Schema update report\n\n")
	r.writeSummary(&b)
	r.writePipeline(&b)
	r.writeHTTP(&b)
	r.writeGo(&b)
	r.writeWarnings(&b)
	r.writeFailure(&b)
	return b.String()
}

func (r *Report) writeSummary(b *strings.Builder) {
	fmt.Fprintf(b, "New schema from %s, served on %s.\n\n", r.Provenance.Source, orUnknown(r.Provenance.Date))
	if r.Provenance.SHA256 != "" && r.Old.SHA256 != "" {
		b.WriteString("| | before | after |\n|---|---|---|\n")
		fmt.Fprintf(b, "| schema | %s | %s |\n", r.Old.Description, r.Provenance.Description)
		fmt.Fprintf(b, "| operations | %d | %d |\n", r.Old.Operations, r.Provenance.Operations)
		fmt.Fprintf(b, "| sha256 | `%s` | `%s` |\n\n", r.Old.SHA256, r.Provenance.SHA256)
	}
	if r.Applied {
		b.WriteString("**Result: applied.** api/openapi.json, its provenance and the generated code now hold the new revision.\n\n")
		return
	}
	fmt.Fprintf(b, "**Result: not applied.** %s\n\n", r.Failure)
	if len(r.Restored) > 0 {
		fmt.Fprintf(b, "Every file the update had written was put back: %s.\n\n", codeList(r.Restored))
	} else {
		b.WriteString("The tree was not changed.\n\n")
	}
}

func (r *Report) writePipeline(b *strings.Builder) {
	if len(r.Steps) == 0 {
		return
	}
	b.WriteString("## Pipeline\n\n| step | command | result |\n|---|---|---|\n")
	for _, s := range r.Steps {
		fmt.Fprintf(b, "| %s | `%s` | %s |\n", s.Name, s.Command, s.State)
	}
	b.WriteString("\n")
}

func (r *Report) writeHTTP(b *strings.Builder) {
	if r.HTTP == nil {
		return
	}
	fmt.Fprintf(b, "## Operations added (%d)\n\n", len(r.HTTP.Added))
	writeOperations(b, r.HTTP.Added)
	fmt.Fprintf(b, "## Operations removed (%d)\n\n", len(r.HTTP.Removed))
	writeOperations(b, r.HTTP.Removed)
	fmt.Fprintf(b, "## Breaking changes of the HTTP contract (%d)\n\n", len(r.HTTP.Breaking))
	b.WriteString("As oasdiff judges them for a client of the old revision: level error is breaking, warning may be.")
	fmt.Fprintf(b, " Not listed: %d changes it judges harmless.\n\n", r.HTTP.Other)
	if len(r.HTTP.Breaking) == 0 {
		b.WriteString("None.\n\n")
		return
	}
	for _, c := range r.HTTP.Breaking {
		fmt.Fprintf(b, "- %s: %s: %s (%s)\n", c.Level, c.Operation, c.Text, c.Check)
	}
	b.WriteString("\n")
}

func writeOperations(b *strings.Builder, ops []Operation) {
	if len(ops) == 0 {
		b.WriteString("None.\n\n")
		return
	}
	for _, op := range ops {
		fmt.Fprintf(b, "- `%s %s` %s\n", op.Method, op.Path, op.ID)
	}
	b.WriteString("\n")
}

func (r *Report) writeGo(b *strings.Builder) {
	if r.Steps == nil { // stopped before the pipeline
		return
	}
	incompatible := 0
	for _, c := range r.Go {
		incompatible += len(c.Incompatible)
	}
	fmt.Fprintf(b, "## Go API changes (%d incompatible)\n\n", incompatible)
	if r.Go == nil {
		fmt.Fprintf(b, "Not computed: %s\n\n", orUnknown(r.GoNote))
		return
	}
	b.WriteString("The exported API of each package, old against new, as golang.org/x/exp/apidiff words it.\n\n")
	for _, c := range r.Go {
		fmt.Fprintf(b, "### %s: %d incompatible, %d compatible\n\n", c.Package, len(c.Incompatible), len(c.Compatible))
		if len(c.Incompatible) > 0 {
			b.WriteString("Incompatible:\n\n")
			writeItems(b, c.Incompatible)
		}
		if len(c.Compatible) > 0 {
			fmt.Fprintf(b, "<details><summary>Compatible (%d)</summary>\n\n", len(c.Compatible))
			writeItems(b, c.Compatible)
			b.WriteString("</details>\n\n")
		}
	}
}

func writeItems(b *strings.Builder, items []string) {
	for _, it := range items {
		fmt.Fprintf(b, "- `%s`\n", it)
	}
	b.WriteString("\n")
}

func (r *Report) writeWarnings(b *strings.Builder) {
	if r.Warnings == nil {
		return
	}
	if len(r.Warnings.Repairs) > 0 {
		fmt.Fprintf(b, "## Defects of the published schema, repaired (%d)\n\n", len(r.Warnings.Repairs))
		b.WriteString("fal's document has defects its server tolerates; the normalizer read them as the server does (internal/normalize/repairs.go), and go generate warns of each.\n\n")
		for _, line := range r.Warnings.Repairs {
			fmt.Fprintf(b, "- %s\n", strings.TrimPrefix(line, "repaired: "))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "## Schemas the name map does not name (%d)\n\n", len(r.Warnings.Unnamed))
	if len(r.Warnings.Unnamed) == 0 {
		b.WriteString("None: api/names.yaml names every inline schema.\n\n")
	} else {
		b.WriteString("Each got a name derived from where it stands, which changes if it moves: add it to api/names.yaml to keep it.\n\n")
		for _, u := range r.Warnings.Unnamed {
			isNew := ""
			if u.New {
				isNew = " (new)"
			}
			fmt.Fprintf(b, "- `%s`%s at %s\n", u.Name, isNew, codeList(u.Locations))
		}
		b.WriteString("\n")
	}
	if len(r.Warnings.Other) > 0 {
		fmt.Fprintf(b, "## Other normalizer warnings (%d)\n\n", len(r.Warnings.Other))
		writeItems(b, r.Warnings.Other)
	}
}

func (r *Report) writeFailure(b *strings.Builder) {
	for _, s := range r.Steps {
		if s.State != StepFailed {
			continue
		}
		fmt.Fprintf(b, "## Failure: %s\n\n`%s` failed; the end of its output:\n\n```\n%s\n```\n", s.Name, s.Command, tail(s.Output, maxOutputLines))
	}
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[%d lines before these]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// codeList writes items as code spans separated by commas.
func codeList(items []string) string {
	return "`" + strings.Join(items, "`, `") + "`"
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}
