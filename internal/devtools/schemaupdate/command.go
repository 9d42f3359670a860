package schemaupdate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// The commands the pipeline runs at the checkout's root, in this order. Each
// is one constant so that it is easy to change.
const (
	// GenerateCommand regenerates gen/falapi and pkg/fal/operations.gen.go,
	// then the enum values falctl reads from gen/falapi.
	GenerateCommand = "go generate ./gen/... ./cmd/falctl/"
	// BuildCommand compiles the module.
	BuildCommand = "go build ./..."
	// VetCommand vets the module, tests included.
	VetCommand = "go vet ./..."
	// ContractTestCommand runs the contract tests: every operation of the
	// schema called through pkg/fal against pkg/falmock (internal/contract).
	ContractTestCommand = "go test ./internal/contract/"
)

// Commands are the command lines of the pipeline's steps.
type Commands struct {
	Generate, Build, Vet, Test string
}

// withDefaults returns c with each empty command set to its constant.
func (c Commands) withDefaults() Commands {
	for _, f := range []struct {
		cmd *string
		def string
	}{{&c.Generate, GenerateCommand}, {&c.Build, BuildCommand}, {&c.Vet, VetCommand}, {&c.Test, ContractTestCommand}} {
		if *f.cmd == "" {
			*f.cmd = f.def
		}
	}
	return c
}

// Step names, as the report shows them.
const (
	stepGenerate = "generate"
	stepBuild    = "build"
	stepVet      = "vet"
	stepTest     = "contract tests"
)

// Step is one command of the pipeline and its outcome.
type Step struct {
	// Name says what the step is for ("generate", "build").
	Name string
	// Command is the command line, run at the checkout's root.
	Command string
	// State is what became of the step.
	State StepState
	// Output is the command's combined output when it failed.
	Output string
	// Duration is how long it ran.
	Duration time.Duration
}

// StepState is what became of a step.
type StepState string

// The states of a step.
const (
	StepPassed  StepState = "passed"
	StepFailed  StepState = "failed"
	StepSkipped StepState = "skipped"
	StepNotRun  StepState = "not run"
)

// steps returns the steps of the pipeline, in order: generate, build, vet
// and the contract tests, skipped when skipTests is true.
func (c Commands) steps(skipTests bool) []*Step {
	steps := []*Step{
		{Name: stepGenerate, Command: c.Generate, State: StepNotRun},
		{Name: stepBuild, Command: c.Build, State: StepNotRun},
		{Name: stepVet, Command: c.Vet, State: StepNotRun},
		{Name: stepTest, Command: c.Test, State: StepNotRun},
	}
	if skipTests {
		steps[3].State = StepSkipped
	}
	return steps
}

// runSteps runs the steps in dir in order until one fails, logging each to
// logf, and returns the failed step, or nil.
func runSteps(ctx context.Context, dir string, steps []*Step, logf func(string, ...any)) *Step {
	for _, s := range steps {
		if s.State == StepSkipped {
			logf("%s: skipped", s.Name)
			continue
		}
		start := time.Now()
		out, err := runCommand(ctx, dir, s.Command)
		s.Duration = time.Since(start).Round(time.Millisecond)
		if err != nil {
			s.State, s.Output = StepFailed, out
			logf("%s: %s: failed after %s: %v", s.Name, s.Command, s.Duration, err)
			return s
		}
		s.State = StepPassed
		logf("%s: %s: passed in %s", s.Name, s.Command, s.Duration)
	}
	return nil
}

// runCommand runs a command line, split at spaces, in dir and returns its
// combined output.
func runCommand(ctx context.Context, dir, command string) (string, error) {
	args := strings.Fields(command)
	if len(args) == 0 {
		return "", errors.New("empty command")
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s: %w", command, err)
	}
	return out.String(), nil
}
