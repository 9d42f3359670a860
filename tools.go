//go:build tools

// Package tools pins the code generator that go generate runs, so that its
// version lives in go.mod like any other dependency.
package tools

import (
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
