//go:build tools

// Package actionlint pins github.com/rhysd/actionlint, which checks the
// GitHub Actions workflows in .github/workflows (make lint-workflows). It is
// a module of its own: actionlint v1.7.12 is built against
// go.yaml.in/yaml/v4 v4.0.0-rc.3, whose API changed in v4.0.0, the version
// kin-openapi needs in internal/devtools, so the two cannot share one
// module graph.
package actionlint

import (
	_ "github.com/rhysd/actionlint/cmd/actionlint"
)
