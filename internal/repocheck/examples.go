package repocheck

import (
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"regexp"
	"strings"
)

// An example is a Go code example of a document: a ```go block of a
// Markdown file, or an indented block of a Go doc comment.
type example struct {
	// file is the document's path, slash-separated, from the module root.
	file string
	// line is the line of file where the code starts.
	line int
	// code is the example's text, its common indentation removed.
	code string
}

// name identifies the example in test output.
func (e example) name() string { return fmt.Sprintf("%s:%d", e.file, e.line) }

// fence opens or closes a fenced code block of Markdown: its indentation,
// its run of backticks or tildes, and its info string.
var fence = regexp.MustCompile("^([ \t]*)(```+|~~~+)[ \t]*(.*)$")

// markdownExamples returns the ```go blocks of the Markdown text src of
// file. Blocks with another label, or none, are not Go.
func markdownExamples(file string, src []byte) []example {
	var (
		examples []example
		open     []string // the opening fence's match while inside a block
		code     []string
		start    int
	)
	lines := strings.Split(string(src), "\n")
	for i, line := range lines {
		m := fence.FindStringSubmatch(line)
		if open == nil {
			if m != nil {
				open, code, start = m, nil, i+2
			}
			continue
		}
		if m != nil && m[2][0] == open[2][0] && len(m[2]) >= len(open[2]) && m[3] == "" {
			if isGoLabel(open[3]) {
				examples = append(examples, example{file: file, line: start, code: strings.Join(code, "\n") + "\n"})
			}
			open = nil
			continue
		}
		code = append(code, strings.TrimPrefix(line, open[1]))
	}
	return examples
}

// isGoLabel reports whether the info string of a fence says Go.
func isGoLabel(info string) bool {
	fields := strings.Fields(info)
	return len(fields) > 0 && fields[0] == "go"
}

// commentExamples returns the code blocks of every comment of the Go source
// src of file, as go/doc/comment reads them.
func commentExamples(file string, src []byte) ([]example, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var examples []example
	for _, group := range f.Comments {
		var p comment.Parser
		lines := commentLines(fset, group)
		next := 0 // the comment line from which to look for the next block
		for _, block := range p.Parse(group.Text()).Content {
			code, ok := block.(*comment.Code)
			if !ok {
				continue
			}
			line := fset.Position(group.Pos()).Line
			first := strings.TrimSpace(strings.SplitN(code.Text, "\n", 2)[0])
			for i := next; i < len(lines); i++ {
				if strings.TrimSpace(lines[i].text) == first {
					line, next = lines[i].line, i+1
					break
				}
			}
			examples = append(examples, example{file: file, line: line, code: code.Text})
		}
	}
	return examples, nil
}

// A commentLine is one line of a comment group and where it stands.
type commentLine struct {
	line int
	text string
}

// commentLines splits a comment group into its lines, without the comment
// markers.
func commentLines(fset *token.FileSet, group *ast.CommentGroup) []commentLine {
	var lines []commentLine
	for _, c := range group.List {
		line := fset.Position(c.Slash).Line
		text := strings.TrimPrefix(strings.TrimPrefix(strings.TrimSuffix(c.Text, "*/"), "//"), "/*")
		for i, t := range strings.Split(text, "\n") {
			lines = append(lines, commentLine{line: line + i, text: t})
		}
	}
	return lines
}
