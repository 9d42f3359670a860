package main

import (
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestAPIErrors(t *testing.T) {
	runCommandTests(t, []commandTest{
		{name: "error-not-found", args: []string{"compute", "instances", "get", "inst_gone"},
			faults: map[string]falmock.Fault{"getComputeInstance": {Status: 404, Times: 1}}},
		{name: "error-not-found-json", args: []string{"-o", "json", "models"},
			faults: map[string]falmock.Fault{"getModels": {Status: 404, Times: 1}}},
		{name: "error-unauthorized", args: []string{"pricing", "fal-ai/flux/dev"},
			server: []falmock.Option{falmock.WithKeys("another-key")}},
		{name: "error-admin-key-required", args: []string{"keys", "list"},
			server: []falmock.Option{falmock.WithAdminKeys("admin-key"), falmock.WithKeys(testKey)}},
		{name: "error-proxy-page", args: []string{"usage"},
			faults: map[string]falmock.Fault{"getUsage": {HTML: true, Status: 404, Times: 1}}},
		{name: "error-validation", args: []string{"billing-events"},
			faults: map[string]falmock.Fault{"getBillingEvents": {Status: 422, Times: 1}}},
	})
}

func TestUsageErrors(t *testing.T) {
	runCommandTests(t, []commandTest{
		{name: "usage-unknown-command", args: []string{"prices"}},
		{name: "usage-unknown-subcommand", args: []string{"keys", "rotate"}},
		{name: "usage-unknown-flag", args: []string{"pricing", "--currency", "EUR", "fal-ai/flux/dev"}},
		{name: "usage-unknown-global-flag", args: []string{"--bogus", "pricing", "fal-ai/flux/dev"}},
		{name: "usage-missing-argument", args: []string{"pricing"}},
		{name: "usage-extra-argument", args: []string{"compute", "instances", "get", "a", "b"}},
		{name: "usage-bad-output", args: []string{"-o", "yaml", "pricing", "fal-ai/flux/dev"}},
		{name: "usage-bad-timeout", args: []string{"--timeout", "soon", "pricing", "fal-ai/flux/dev"}},
		{name: "usage-bad-since", args: []string{"usage", "--since", "last tuesday"}},
		{name: "usage-negative-limit", args: []string{"models", "--limit", "-1"}},
		{name: "usage-bad-estimate", args: []string{"estimate", "fal-ai/flux/dev"}},
		{name: "usage-bad-app", args: []string{"apps", "queue", "my-app"}},
		{name: "usage-mock-and-base-url", args: []string{"--mock", "pricing", "fal-ai/flux/dev"}},
		{name: "usage-create-without-key", args: []string{"compute", "instances", "create", "--type", "gpu_1x_h100_sxm5"}},
		{name: "usage-put-directory", args: []string{"files", "put", "testdata", "x"}},
		{name: "usage-bad-remote-path", args: []string{"files", "get", "../etc/passwd", "-"},
			check: wantRequests("serverlessDownloadFile", 0)},
		{name: "usage-bad-put-remote", args: []string{"files", "put", "testdata/id_ed25519.pub", "keys//id.pub"},
			check: wantRequests("serverlessUploadLocalFile", 0)},
		{name: "usage-bad-instance-id", args: []string{"compute", "instances", "get", ""},
			check: wantRequests("getComputeInstance", 0)},
	})
}
