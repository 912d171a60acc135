package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
)

// runJSONErrorsAnnotation marks a command whose --json promises exactly one JSON object on
// stdout even when it ends before it has a report (bad usage, bad input, Ctrl+C): Run then
// prints the error as that object. `hookterm run` is the only one.
const runJSONErrorsAnnotation = "hookterm/json-errors"

// runProblem names what ended `hookterm run` before a report existed, for the error object
// --json prints. Its message is the wrapped error's, so stderr reads as it always did.
type runProblem struct {
	name    string     // the error object's name, e.g. "UsageError"
	kind    string     // usage | input | payload | interrupted | tenant | internal
	trigger trigger.ID // the point, when it was known
	err     error
}

func (p *runProblem) Error() string { return p.err.Error() }
func (p *runProblem) Unwrap() error { return p.err }

// runUsage is a flag or argument problem (exit 2).
func runUsage(err error) error {
	return usageError(&runProblem{name: "UsageError", kind: "usage", err: err})
}

// runInput is an input that cannot be used: an unreadable file, invalid JSON, a bad secrets
// file (exit 2).
func runInput(err error) error {
	return usageError(&runProblem{name: "InputError", kind: "input", err: err})
}

// runInterrupted is what `hookterm run` says after Ctrl+C (or SIGTERM): the hook did not
// finish, no report is printed and nothing is recorded in the tenant's logs. Exit status 1,
// as every other command's interrupt.
type runInterrupted struct{ cause error }

func (e runInterrupted) Error() string {
	return "interrupted (Ctrl+C): the run was stopped; nothing was changed"
}
func (e runInterrupted) Unwrap() error { return e.cause }

// runInterruptedError turns whatever a cancelled run ended with (the runner's "context
// canceled", a crashed worker that got the same SIGINT, an interrupted read of stdin) into
// the interrupt message. A report already printed (silentExit) stays as it is.
func runInterruptedError(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	var silent silentExit
	if errors.As(err, &silent) {
		return err
	}
	return failure(&runProblem{name: "InterruptedError", kind: "interrupted", err: runInterrupted{ctx.Err()}})
}

// runErrorObject is the one JSON object `run --json` prints when it has no report: the
// report's fields, with ok false and the error named, so scripts read both the same way.
type runErrorObject struct {
	Trigger    any               `json:"trigger"` // the point, or null when not known yet
	OK         bool              `json:"ok"`
	Result     json.RawMessage   `json:"result"`
	Error      runErrorJSONError `json:"error"`
	Logs       []runner.LogLine  `json:"logs"`
	Applied    *runner.Applied   `json:"applied"`
	DurationMs float64           `json:"durationMs"`
}

type runErrorJSONError struct {
	Name    string `json:"name"`
	Message string `json:"message"`
	Kind    string `json:"kind"`
}

// runErrorJSON builds the error object for err, which ended the command with exit status code.
func runErrorJSON(err error, code int) runErrorObject {
	name, kind := "UsageError", "usage"
	if code != ExitUsage {
		name, kind = "Error", "internal"
	}
	var trig trigger.ID
	var p *runProblem
	var perr *runner.PayloadError
	switch {
	case errors.As(err, &p):
		name, kind, trig = p.name, p.kind, p.trigger
	case errors.As(err, &perr):
		name, kind, trig = "PayloadError", "payload", perr.Trigger
	}
	out := runErrorObject{
		Error: runErrorJSONError{Name: name, Message: err.Error(), Kind: kind},
		Logs:  []runner.LogLine{},
	}
	if trig != "" {
		out.Trigger = string(trig)
	}
	return out
}

// runWriteErrorJSON prints err as run's error object when the command promised JSON errors
// and --json was asked for. args are the whole command line: a flag that fails to parse stops
// the parsing, so a --json after it is only found there.
func runWriteErrorJSON(w io.Writer, executed *cobra.Command, args []string, err error, code int) {
	if executed == nil || executed.Annotations[runJSONErrorsAnnotation] == "" || !runWantsJSON(executed, args, err) {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(runErrorJSON(err, code)) // stdout is gone if this fails; stderr has the message
}

// runWantsJSON reports whether --json was given: from the parsed flag, or, when a flag
// failed to parse and parsing stopped before --json, from the arguments before a "--".
func runWantsJSON(cmd *cobra.Command, args []string, err error) bool {
	if f := cmd.Flags().Lookup("json"); f != nil && f.Changed {
		return f.Value.String() == "true"
	}
	if !errors.As(err, new(flagParseError)) {
		return false
	}
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json":
			return true
		case strings.HasPrefix(a, "--json="):
			on, err := strconv.ParseBool(strings.TrimPrefix(a, "--json="))
			return err == nil && on
		}
	}
	return false
}

// runInputAt is runInput for a point already known.
func runInputAt(point trigger.ID, err error) error {
	return usageError(&runProblem{name: "InputError", kind: "input", trigger: point, err: err})
}

// runErrorAt names point in the error object of err when the error did not name one: the
// point is known once --trigger was read, the stored hook loaded or the signature read, while
// errors such as an interrupt or a bad secrets file are made without it. point "" (not known)
// leaves err as it is, so the object says null.
func runErrorAt(point trigger.ID, err error) error {
	var p *runProblem
	if point != "" && errors.As(err, &p) && p.trigger == "" {
		p.trigger = point
	}
	return err
}

// runReportObject is a report as `run --json` prints it: the runner's fields, with a trigger
// that is null rather than "" when no point is known (a script that does not parse and has
// no --trigger), as in the error object. The outer Trigger hides the report's own.
type runReportObject struct {
	Trigger any `json:"trigger"`
	*runner.Report
}

// runReportJSON is what printRunReport encodes for --json.
func runReportJSON(r *runner.Report) runReportObject {
	out := runReportObject{Report: r}
	if r.Trigger != "" {
		out.Trigger = r.Trigger
	}
	return out
}
