package repocheck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// A typeChecker type-checks examples against the packages of the module and
// the standard library, as the go command compiled them.
type typeChecker struct {
	exports map[string]string // export data file by import path
}

// newTypeChecker has the go command, run in the module at root, compile the
// packages of knownImports and their dependencies and say where their export
// data is.
func newTypeChecker(root string) (*typeChecker, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}, slices.Sorted(maps.Values(knownImports))...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %w: %s", err, stderr.Bytes())
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), "="); ok && file != "" {
			exports[path] = file
		}
	}
	return &typeChecker{exports: exports}, nil
}

// check type-checks the example and returns its errors, each positioned in
// the example's document. A variable that is declared and not used is not
// an error: an example may stop right after the call it shows.
func (tc *typeChecker) check(ex example) error {
	file, fset, err := wrap(ex)
	if err != nil {
		return err
	}
	var errs []error
	conf := types.Config{
		Importer: importer.ForCompiler(fset, "gc", tc.lookup),
		Error: func(err error) {
			var terr types.Error
			if errors.As(err, &terr) && terr.Soft && strings.HasPrefix(terr.Msg, "declared and not used") {
				return
			}
			errs = append(errs, err)
		},
	}
	_, _ = conf.Check("example", fset, []*ast.File{file}, nil)
	return errors.Join(errs...)
}

// lookup opens the export data of the package at path.
func (tc *typeChecker) lookup(path string) (io.ReadCloser, error) {
	file, ok := tc.exports[path]
	if !ok {
		return nil, fmt.Errorf("no export data for %q: add it to knownImports", path)
	}
	return os.Open(file)
}
