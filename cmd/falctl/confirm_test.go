package main

import (
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

func TestConfirm(t *testing.T) {
	terminal := func(answer string) session { return session{stdin: answer, stdinTTY: true} }
	runCommandTests(t, []commandTest{
		{name: "confirm-declined", args: []string{"keys", "delete", "abc123"},
			session: terminal("n\n"), check: wantRequests("deleteApiKey", 0)},
		{name: "confirm-no-answer", args: []string{"keys", "delete", "abc123"},
			session: terminal(""), check: wantRequests("deleteApiKey", 0)},
		{name: "confirm-accepted", args: []string{"keys", "delete", "abc123"},
			session: terminal("y\n"), check: wantRequests("deleteApiKey", 1)},
		{name: "confirm-accepted-yes", args: []string{"compute", "instances", "delete", "inst_abc123"},
			session: terminal(" YES \n"), check: wantRequests("deleteComputeInstance", 1)},
		{name: "confirm-flag-yes", args: []string{"apps", "queue", "flush", "my-user/my-app", "--yes"},
			check: wantRequests("serverlessFlushAppQueue", 1)},
		{name: "confirm-flag-yes-on-terminal", args: []string{"keys", "delete", "abc123", "-y"},
			session: terminal("n\n"), check: wantRequests("deleteApiKey", 1)},
		{name: "confirm-not-a-terminal", args: []string{"compute", "instances", "delete", "inst_abc123"},
			session: session{stdin: "y\n"}, check: wantRequests("deleteComputeInstance", 0)},
		{name: "confirm-accepted-api-error", args: []string{"apps", "queue", "flush", "my-user/my-app"},
			session: terminal("y\n"),
			faults:  map[string]falmock.Fault{"serverlessFlushAppQueue": {Status: 404, Times: 1}}},
	})
}
