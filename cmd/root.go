// Package cmd is hookterm's command line: the TUI is the root command, and every other job
// (hooks, secrets, run, logs, serve) is a subcommand usable from scripts and CI.
package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Version is stamped by the build (-ldflags "-X github.com/hookterm/hookterm/cmd.Version=…").
var Version = "0.1.0-dev"

// Exit codes shared by every command.
const (
	ExitOK      = 0
	ExitFailure = 1 // the operation ran and failed (a hook error, an API refusal)
	ExitUsage   = 2 // bad usage or bad input
)

// exitError carries an exit status through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as bad usage or bad input (exit 2).
func usageError(err error) error { return &exitError{code: ExitUsage, err: err} }

// failure marks err as an operation that ran and failed (exit 1).
func failure(err error) error { return &exitError{code: ExitFailure, err: err} }

// flagParseError is a flag the command line could not parse: parsing stopped there, so the
// flags after it were never read (see runWantsJSON).
type flagParseError struct{ err error }

func (e flagParseError) Error() string { return e.err.Error() }
func (e flagParseError) Unwrap() error { return e.err }

// silentExit ends the command with code without printing anything more.
type silentExit int

func (s silentExit) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// App holds what every command needs: its streams and the environment, so tests can run
// commands in-process without touching the real terminal or process environment.
type App struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// NewRootCommand builds the whole command tree for app.
func NewRootCommand(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "hookterm",
		Short: "A terminal hook editor with an integrated runner for Auth0 Hooks",
		Long: "hookterm lists, edits, runs and manages Auth0 Hooks from the terminal, against an Auth0\n" +
			"tenant or an embedded local tenant kept in a data folder.",
		Version:       Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetIn(app.Stdin)
	root.SetOut(app.Stdout)
	root.SetErr(app.Stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(flagParseError{err}) })
	addCommands(root, app)
	return root
}

// Execute runs hookterm with the process's arguments and streams and returns the exit status.
func Execute() int {
	app := &App{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, app, os.Args[1:])
}

// Run executes the command line args against app and returns the exit status.
func Run(ctx context.Context, app *App, args []string) int {
	root := NewRootCommand(app)
	root.SetArgs(args)
	executed, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	var silent silentExit
	if errors.As(err, &silent) {
		return int(silent)
	}
	fmt.Fprintf(app.Stderr, "hookterm: %v\n", err)
	// cobra reports unknown commands and bad arguments as plain errors.
	code := ExitUsage
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	runWriteErrorJSON(app.Stdout, executed, args, err, code)
	return code
}
