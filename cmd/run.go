package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/internal/termtext"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
)

// addRunCommands registers run, payload and scaffold.
func addRunCommands(root *cobra.Command, app *App) {
	root.AddCommand(newRunCommand(app), newPayloadCommand(app), newScaffoldCommand(app))
}

type runFlags struct {
	trigger     string
	payload     string
	secrets     []string
	secretsFile string
	timeout     time.Duration
	json        bool
	hook        string
}

func newRunCommand(app *App) *cobra.Command {
	var f runFlags
	cmd := &cobra.Command{
		Use:   "run [flags] SCRIPT",
		Short: "Run a hook script locally as Auth0 would",
		Long: "Run a hook script in hookterm's runner (goja with the webtask programming model) and\n" +
			"report the result, what Auth0 would apply, the logs and any error.\n\n" +
			"Without --trigger the extensibility point is told from the script's signature when it\n" +
			"is unambiguous. Without --payload the point's sample payload is used.\n" +
			"Exit status: 0 the hook succeeded, 1 it failed, 2 bad usage or bad input.",
		Example: "  hookterm run --trigger pre-user-registration hook.js\n" +
			"  hookterm run --payload body.json --secret API_KEY=abc --json hook.js\n" +
			"  hookterm run --hook my-hook --secrets-file .env",
		Args: cobra.MaximumNArgs(1),
		// Run prints an error as one JSON object on stdout under --json (the README's promise).
		Annotations: map[string]string{runJSONErrorsAnnotation: "true"},
		RunE: func(cmd *cobra.Command, args []string) error {
			var point trigger.ID // set by runHookCommand as soon as the point is known
			err := runHookCommand(cmd, app, f, args, &point)
			return runErrorAt(point, runInterruptedError(runContext(cmd), err))
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.trigger, "trigger", "", "extensibility point: "+strings.Join(triggerNames(), ", "))
	fl.StringVar(&f.payload, "payload", "", "JSON file holding the point's arguments by name (- reads stdin)")
	fl.StringArrayVar(&f.secrets, "secret", nil, "a secret as NAME=VALUE (repeatable)")
	fl.StringVar(&f.secretsFile, "secrets-file", "", "secrets from a .env or JSON file")
	fl.DurationVar(&f.timeout, "timeout", runner.DefaultTimeout, "time limit, e.g. 1s or 1500ms")
	fl.BoolVar(&f.json, "json", false, "print the report as one JSON object")
	fl.StringVar(&f.hook, "hook", "", "run a stored hook (id or name) instead of a SCRIPT file")
	_ = cmd.RegisterFlagCompletionFunc("trigger", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return triggerNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// runHookCommand runs `hookterm run`; it sets *known to the extensibility point as soon as it
// is known (given with --trigger, the stored hook's, or read from the signature), so that an
// error ending the command later, an interrupt included, can name it.
func runHookCommand(cmd *cobra.Command, app *App, f runFlags, args []string, known *trigger.ID) error {
	ctx := runContext(cmd)
	if f.trigger != "" && f.hook == "" {
		// A good --trigger is the point from the start; a bad one is still refused where it
		// always was (after the inputs are read), and with --hook it is refused below.
		if p, err := trigger.Parse(f.trigger); err == nil {
			*known = p.ID
		}
	}
	if f.timeout <= 0 {
		return runUsage(fmt.Errorf("--timeout must be positive, got %s", f.timeout))
	}
	switch {
	case f.hook != "" && len(args) > 0:
		return runUsage(errors.New("give either SCRIPT or --hook, not both"))
	case f.hook == "" && len(args) == 0:
		return runUsage(errors.New("missing SCRIPT (a hook file) or --hook ID|NAME"))
	case f.hook != "" && cmd.Flags().Changed("trigger"):
		// A stored hook runs where Auth0 runs it; run as another point it fails for reasons
		// that are not its own, and that failure would be recorded in the tenant's logs.
		return runUsage(errors.New("--trigger cannot be combined with --hook: a stored hook runs as the extensibility point it was created for (to try its script elsewhere, save it to a file and run that with --trigger)"))
	case len(args) > 0 && args[0] == "-" && (f.payload == "-" || f.secretsFile == "-"):
		return runUsage(errors.New("only one of SCRIPT, --payload and --secrets-file can read stdin"))
	case f.payload == "-" && f.secretsFile == "-":
		return runUsage(errors.New("only one of SCRIPT, --payload and --secrets-file can read stdin"))
	case strings.Contains(f.hook, "="):
		// No hook id or name holds '='; this is a secret given to the wrong flag, so do not
		// repeat it.
		return runUsage(errors.New("--hook takes a hook id or name, and this looks like NAME=VALUE: secrets go in --secret"))
	}
	// Start the worker while the inputs are read: it is most of a short run's cost.
	poolc := make(chan poolResult, 1)
	go func() {
		p, err := runner.New(runner.Options{Workers: 1})
		poolc <- poolResult{p, err}
	}()
	defer func() {
		go func() {
			if r := <-poolc; r.pool != nil {
				_ = r.pool.Close()
			}
		}()
	}()

	secrets, err := readSecrets(ctx, app, f)
	if err != nil {
		return err
	}
	var (
		script, filename string
		point            trigger.ID
		stored           *storedHook
	)
	if f.hook != "" {
		stored, err = loadStoredHook(cmd, app, f.hook, secrets)
		if err != nil {
			return err
		}
		script, point, secrets = stored.Hook.Script, stored.Hook.TriggerID, stored.Secrets
		*known = point
		filename = stored.Hook.Name + ".js"
		if len(stored.Missing) > 0 {
			fmt.Fprintf(app.Stderr, "warning: secrets with no value for this run: %s (pass --secret NAME=VALUE or --secrets-file)\n", strings.Join(stored.Missing, ", "))
		}
	} else {
		b, err := readInput(ctx, app, args[0])
		if err != nil {
			if errors.As(err, new(targetInterrupted)) {
				return err
			}
			return runInput(fmt.Errorf("read script: %w", err))
		}
		script, filename = string(b), filepath.Base(args[0])
		if args[0] == "-" {
			filename = "stdin.js"
		}
	}
	if f.trigger != "" {
		p, err := trigger.Parse(f.trigger)
		if err != nil {
			return runUsage(err)
		}
		point = p.ID
	} else if point == "" {
		id, err := runner.DetectTriggerReason(script, filename)
		var serr *runner.ScriptError
		if errors.As(err, &serr) {
			// A script that does not parse has no signature to read: its syntax error is
			// what needs fixing, reported as a run would report it.
			report := &runner.Report{OK: false, Result: json.RawMessage("null"), Logs: []runner.LogLine{}, Error: serr}
			return printRunReport(app, f, report, script, filename)
		}
		if err != nil {
			return runUsage(fmt.Errorf("cannot tell the extensibility point from the script's signature: pass --trigger (one of %s)", strings.Join(triggerNames(), ", ")))
		}
		point = id
		*known = point
	}
	var payload json.RawMessage
	if f.payload != "" {
		b, err := readInput(ctx, app, f.payload)
		if err != nil {
			if errors.As(err, new(targetInterrupted)) {
				return err
			}
			return runInputAt(point, fmt.Errorf("read payload: %w", err))
		}
		b = bytes.TrimPrefix(b, utf8BOM)
		if !json.Valid(b) {
			var v any
			err := json.Unmarshal(b, &v)
			return runInputAt(point, fmt.Errorf("invalid JSON payload in %s: %w", displayName(f.payload), err))
		}
		payload = b
	}

	var res poolResult
	select {
	case res = <-poolc:
		poolc <- res // for the deferred Close
	case <-ctx.Done():
		return ctx.Err() // runInterruptedError says it
	}
	if res.err != nil {
		return failure(&runProblem{name: "RunnerError", kind: "internal", trigger: point, err: fmt.Errorf("start the runner: %w", res.err)})
	}
	report, err := res.pool.Run(ctx, runner.Request{
		Script: script, Filename: filename, Trigger: point, Payload: payload,
		Secrets: secrets, Timeout: f.timeout,
	})
	if ctx.Err() != nil {
		// Ctrl+C reaches the worker too (one process group): whatever came back, be it the
		// cancellation or a worker killed by the same signal, is not the hook's outcome, so
		// nothing is printed as a report or recorded.
		return ctx.Err()
	}
	var perr *runner.PayloadError
	if errors.As(err, &perr) {
		return usageError(perr)
	}
	if err != nil {
		return failure(&runProblem{name: "RunnerError", kind: "internal", trigger: point, err: err})
	}
	if stored != nil && stored.Record != nil {
		if err := stored.Record(ctx, report); err != nil {
			fmt.Fprintf(app.Stderr, "warning: the run was not recorded in the tenant's logs: %v\n", err)
		}
	}
	return printRunReport(app, f, report, script, filename)
}

// printRunReport writes the report as --json or for people and gives the run's exit status.
func printRunReport(app *App, f runFlags, report *runner.Report, script, filename string) error {
	if f.json {
		enc := json.NewEncoder(app.Stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(runReportJSON(report)); err != nil {
			return failure(fmt.Errorf("write the report: %w", err))
		}
	} else {
		writeHumanReport(app.Stdout, report, script, filename)
	}
	if !report.OK {
		return silentExit(ExitFailure)
	}
	return nil
}

type poolResult struct {
	pool *runner.Pool
	err  error
}

// readInput reads a file, or stdin for "-"; Ctrl+C ends a read of stdin at once (a terminal
// or a slow pipe would otherwise keep the command waiting).
func readInput(ctx context.Context, app *App, name string) ([]byte, error) {
	if name == "-" {
		return targetAwait(ctx, func() ([]byte, error) { return io.ReadAll(app.Stdin) }, nil)
	}
	return os.ReadFile(name)
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

func triggerNames() []string {
	var out []string
	for _, id := range trigger.IDs() {
		out = append(out, string(id))
	}
	return out
}

// writeHumanReport prints the status and duration, the result, what Auth0 would apply, the
// logs and, for an error, its message with the source line and a caret.
func writeHumanReport(w io.Writer, r *runner.Report, script, filename string) {
	status := "✔ succeeded"
	if !r.OK {
		status = "✘ failed"
	}
	if r.Trigger == "" {
		// The script did not parse, so nothing ran and no point could be read from it.
		fmt.Fprintln(w, status)
	} else {
		fmt.Fprintf(w, "%s  %s  %s\n", status, r.Trigger, formatDuration(r.DurationMs))
	}
	if r.OK {
		fmt.Fprintln(w, "\nResult:")
		fmt.Fprintln(w, indent(prettyJSON(r.Result), "  "))
	}
	if a := r.Applied; a != nil {
		fmt.Fprintln(w, "\nWhat Auth0 would apply:")
		fmt.Fprintf(w, "  %s\n", a.Summary)
		if len(a.ClaimsKept) > 0 {
			fmt.Fprintln(w, "  claims kept:")
			for _, k := range sortedKeys(a.ClaimsKept) {
				b, _ := json.Marshal(a.ClaimsKept[k])
				fmt.Fprintf(w, "    %s: %s\n", k, b)
			}
		}
		if len(a.ClaimsIgnored) > 0 {
			fmt.Fprintf(w, "  ignored: %s\n", strings.Join(a.ClaimsIgnored, ", "))
		}
		if a.UserMetadata != nil {
			b, _ := json.Marshal(a.UserMetadata)
			fmt.Fprintf(w, "  user_metadata: %s\n", b)
		}
		if a.AppMetadata != nil {
			b, _ := json.Marshal(a.AppMetadata)
			fmt.Fprintf(w, "  app_metadata: %s\n", b)
		}
		if len(a.InvalidKeys) > 0 {
			fmt.Fprintf(w, "  invalid keys: %s\n", strings.Join(a.InvalidKeys, ", "))
		}
		if len(a.Ignored) > 0 {
			fmt.Fprintf(w, "  ignored: %s\n", strings.Join(a.Ignored, ", "))
		}
	}
	if len(r.Logs) > 0 {
		fmt.Fprintln(w, "\nLogs:")
		for _, l := range r.Logs {
			msg := strings.ReplaceAll(l.Message, "\n", "\n                       ")
			fmt.Fprintf(w, "  %s %-5s  %s\n", l.Time.Local().Format("15:04:05.000"), l.Level, msg)
		}
	}
	if e := r.Error; e != nil {
		fmt.Fprintf(w, "\nError: %s: %s\n", e.Name, e.Message)
		if e.FriendlyMessage != "" && e.FriendlyMessage != e.Message {
			fmt.Fprintf(w, "  friendly message: %s\n", e.FriendlyMessage)
		}
		if len(e.Properties) > 0 {
			fmt.Fprintf(w, "  properties: %s\n", termtext.Printable(string(e.Properties), false))
		}
		if e.Line > 0 {
			fmt.Fprintf(w, "  at %s:%d:%d\n", filename, e.Line, e.Column)
			if src := sourceExcerpt(script, e.Line, e.Column); src != "" {
				fmt.Fprint(w, src)
			}
		}
		if e.Stack != "" && e.Kind == runner.KindRuntime {
			if frames := stackFrames(e.Stack); frames != "" {
				fmt.Fprintf(w, "  stack:\n%s", frames)
			}
		}
	}
}

// sourceExcerpt shows line of script with a caret under column (1-based, in UTF-16 code
// units as V8 and the runner count): the caret's offset is the display width of the text
// before the column, wide characters (CJK) taking two cells, as the terminal draws them.
func sourceExcerpt(script string, line, column int) string {
	lines := strings.Split(script, "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	text := strings.TrimRight(strings.ReplaceAll(lines[line-1], "\t", " "), "\r")
	num := fmt.Sprintf("%d", line)
	pad := strings.Repeat(" ", len(num))
	cells := runewidth.StringWidth(text[:runner.ColumnByteOffset(text, max(column, 1))])
	return fmt.Sprintf("  %s | %s\n  %s | %s^\n", num, text, pad, strings.Repeat(" ", cells))
}

func stackFrames(stack string) string {
	var b strings.Builder
	for _, l := range strings.Split(stack, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "at ") {
			b.WriteString("    " + t + "\n")
		}
	}
	return b.String()
}

func prettyJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return string(raw)
	}
	return b.String()
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func formatDuration(ms float64) string {
	if ms < 1 {
		return fmt.Sprintf("%.0f µs", ms*1000)
	}
	if ms < 1000 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f s", ms/1000)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func newPayloadCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:       "payload TRIGGER",
		Short:     "Print the sample payload of an extensibility point",
		Args:      exactTrigger,
		ValidArgs: triggerNames(),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := trigger.Parse(args[0])
			if err != nil {
				return usageError(err)
			}
			_, err = io.WriteString(app.Stdout, p.Sample)
			return err
		},
	}
}

func newScaffoldCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:       "scaffold TRIGGER",
		Short:     "Print the starter script of an extensibility point",
		Args:      exactTrigger,
		ValidArgs: triggerNames(),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := trigger.Parse(args[0])
			if err != nil {
				return usageError(err)
			}
			_, err = io.WriteString(app.Stdout, p.Starter)
			return err
		},
	}
}

func exactTrigger(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError(fmt.Errorf("want one TRIGGER (%s), got %d arguments", strings.Join(triggerNames(), ", "), len(args)))
	}
	return nil
}

// runContext is the command's context, never nil (cobra leaves it nil outside ExecuteContext).
func runContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
