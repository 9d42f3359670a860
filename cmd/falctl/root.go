package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/pkg/fal"
)

// cli is one run of falctl: its streams, what it knows of the terminal, the
// global flags and the client they configure.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// stdinTTY lets destructive commands ask for confirmation.
	stdinTTY bool
	// stderrTTY makes transfers draw a progress line.
	stderrTTY bool
	// now is the clock that relative --since and --until count back from.
	now func() time.Time
	// mock is served in-process for --mock; nil runs the mock program.
	mock mockHandler
	// options are added to those of the client the flags describe.
	options []fal.Option

	// The global flags.
	baseURL string
	useMock bool
	output  string
	timeout time.Duration

	// accepted is set once cobra has accepted the command line: errors from
	// then on are the command's own, not usage errors.
	accepted bool
	api      *fal.Client
	closers  []func()
}

// run runs falctl with the process's terminal and signals: Ctrl-C (or
// SIGTERM) cancels the command; a second one stops falctl at once.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	c := &cli{
		stdin:     stdin,
		stdout:    stdout,
		stderr:    stderr,
		stdinTTY:  isTerminal(stdin),
		stderrTTY: isTerminal(stderr),
		now:       time.Now,
	}
	return c.execute(ctx, args)
}

// execute runs the command line args and returns the exit code, having
// reported any error on stderr.
func (c *cli) execute(ctx context.Context, args []string) int {
	defer c.close()
	root := c.newRootCmd()
	root.SetArgs(args)
	root.SetIn(c.stdin)
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if !c.accepted {
		err = usageError{err}
	}
	return c.report(ctx, cmd, err)
}

// say writes a message for the user on stderr. A failed write to stderr
// leaves no one to tell, so its error is dropped.
func (c *cli) say(format string, args ...any) {
	_, _ = fmt.Fprintf(c.stderr, format, args...)
}

// close releases what the run started (the mock server).
func (c *cli) close() {
	for _, f := range c.closers {
		f()
	}
}

// defaultTimeout bounds each API call unless --timeout says otherwise.
const defaultTimeout = time.Minute

func (c *cli) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "falctl",
		Short: "fal's prices, usage, logs, files, compute and keys from the terminal",
		Long: `falctl shows fal's prices, usage, requests and logs, and manages files,
app queues, compute instances and API keys.

It reads the API key from FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET). With
--mock it needs no key and no network: it serves fal's mock API locally.

--since and --until take an RFC 3339 time, a date (2025-01-31), or a time
before now (90m, 36h, 7d, 2w).

Flags that take one of a known set of values (--status, --timeframe,
--metrics, --level, --type, --sector) accept those of the schema this
falctl was built from, and name them when given another: a typo is far
likelier than a value fal added since. (Package fal itself sends any value.)

Exit codes: 0 done; 1 failed (API, network or file error); 2 nothing done
(usage error, no API key, or confirmation refused).`,
		Example: `  falctl --mock pricing fal-ai/flux/dev
  falctl models flux --category text-to-image
  falctl usage --since 7d --output csv > usage.csv
  falctl logs tail --app my-app`,
		Version:       fal.Version,
		SilenceErrors: true,
		SilenceUsage:  true,
		// Global flags are read before the command is looked for, so that
		// an unknown one is named as such, not taken for a command; what
		// is left must then be a command.
		TraverseChildren:  true,
		Args:              cobra.NoArgs,
		RunE:              func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return c.accept(cmd) },
	}
	f := root.PersistentFlags()
	f.StringVar(&c.baseURL, "base-url", "", "API base URL (default $FAL_BASE_URL or "+fal.DefaultBaseURL+")")
	f.BoolVar(&c.useMock, "mock", false, "serve fal's mock API locally and use it (no key, no network)")
	f.StringVarP(&c.output, "output", "o", formatTable, "output format: table, json or csv")
	f.DurationVar(&c.timeout, "timeout", defaultTimeout, "time limit of each API call, 0 for none (file transfers and log streams may run longer)")

	root.AddCommand(
		c.newModelsCmd(),
		c.newPricingCmd(),
		c.newEstimateCmd(),
		c.newUsageCmd(),
		c.newAnalyticsCmd(),
		c.newBillingEventsCmd(),
		c.newRequestsCmd(),
		c.newLogsCmd(),
		c.newFilesCmd(),
		c.newAppsCmd(),
		c.newComputeCmd(),
		c.newKeysCmd(),
	)
	return root
}

// accept checks the command line once cobra has parsed it and checked the
// arguments: the flags a command requires (which cobra would check only
// later) and the global flags.
func (c *cli) accept(cmd *cobra.Command) error {
	if err := cmd.ValidateRequiredFlags(); err != nil {
		return err
	}
	if err := cmd.ValidateFlagGroups(); err != nil {
		return err
	}
	c.accepted = true
	switch c.output {
	case formatTable, formatJSON, formatCSV:
	default:
		return usagef("--output %q: want table, json or csv", c.output)
	}
	if c.useMock && c.baseURL != "" {
		return usagef("--mock and --base-url cannot be used together")
	}
	if c.timeout < 0 {
		return usagef("--timeout %v is negative", c.timeout)
	}
	return nil
}

// client returns the client the global flags describe, starting the mock
// server for --mock, on first use.
func (c *cli) client() (*fal.Client, error) {
	if c.api != nil {
		return c.api, nil
	}
	opts := append([]fal.Option{fal.WithTimeout(c.timeout)}, c.options...)
	switch {
	case c.useMock:
		url, err := c.startMock()
		if err != nil {
			return nil, err
		}
		// The mock gets a key of its own: a real one from FAL_KEY is never
		// sent to it.
		opts = append(opts, fal.WithBaseURL(url), fal.WithAPIKey(mockKey))
	case c.baseURL != "":
		opts = append(opts, fal.WithBaseURL(c.baseURL))
	}
	api, err := fal.NewClient(opts...)
	if err != nil {
		return nil, usageError{err}
	}
	c.api = api
	return api, nil
}

// windowClient returns the time window of a command's --since and --until
// flags and the client: what every command over a time range starts with.
func (c *cli) windowClient(tr timeRange) (start, end *string, api *fal.Client, err error) {
	if start, end, err = tr.params(c.now()); err != nil {
		return nil, nil, nil, err
	}
	api, err = c.client()
	return start, end, api, err
}

// group returns a command that only holds subcommands: run bare, it shows
// its help; with an unknown subcommand it is a usage error.
func group(use, short, example string, children ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Example: example,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(children...)
	return cmd
}
