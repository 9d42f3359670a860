package schemaupdate

import (
	"context"
	"errors"
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

// apiPackages are the packages, relative to the checkout's root, whose
// exported API the report compares: the generated types and the client.
var apiPackages = []string{"gen/falapi", "pkg/fal"}

// goAPI is the exported API of apiPackages in one tree, keyed by their
// directory relative to the root.
type goAPI map[string]*types.Package

// loadGoAPI type-checks apiPackages in the module at root.
func loadGoAPI(ctx context.Context, root string) (goAPI, error) {
	cfg := &packages.Config{
		Context: ctx,
		Dir:     root,
		Mode:    packages.NeedName | packages.NeedTypes,
	}
	patterns := make([]string, len(apiPackages))
	for i, p := range apiPackages {
		patterns[i] = "./" + p
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("load Go API: %w", err)
	}
	api := goAPI{}
	var errs []error
	for _, pkg := range pkgs {
		for _, e := range pkg.Errors {
			errs = append(errs, e)
		}
		for _, dir := range apiPackages {
			if strings.HasSuffix(pkg.PkgPath, "/"+dir) && pkg.Types != nil {
				api[dir] = pkg.Types
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("load Go API: %w", err)
	}
	for _, dir := range apiPackages {
		if api[dir] == nil {
			return nil, fmt.Errorf("load Go API: package %s not found", dir)
		}
	}
	return api, nil
}

// GoChanges are the changes of one package's exported API, as apidiff words
// them ("(*Client).ListAssets: added").
type GoChanges struct {
	// Package is the package's directory relative to the checkout's root.
	Package string
	// Incompatible lists the changes that can break code using the package.
	Incompatible []string
	// Compatible lists the changes that cannot.
	Compatible []string
}

// diffGoAPI compares the exported API of each package in old and revised.
func diffGoAPI(old, revised goAPI) []GoChanges {
	var out []GoChanges
	for _, dir := range apiPackages {
		c := GoChanges{Package: dir}
		for _, ch := range apidiff.Changes(old[dir], revised[dir]).Changes {
			if ch.Compatible {
				c.Compatible = append(c.Compatible, ch.Message)
			} else {
				c.Incompatible = append(c.Incompatible, ch.Message)
			}
		}
		slices.Sort(c.Compatible)
		slices.Sort(c.Incompatible)
		out = append(out, c)
	}
	return out
}
