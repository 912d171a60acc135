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

	"github.com/hookterm/hookterm/internal/names"
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
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHookCommand(cmd, app, f, args)
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

func runHookCommand(cmd *cobra.Command, app *App, f runFlags, args []string) error {
	ctx := runContext(cmd)
	if f.timeout <= 0 {
		return usageError(fmt.Errorf("--timeout must be positive, got %s", f.timeout))
	}
	switch {
	case f.hook != "" && len(args) > 0:
		return usageError(errors.New("give either SCRIPT or --hook, not both"))
	case f.hook == "" && len(args) == 0:
		return usageError(errors.New("missing SCRIPT (a hook file) or --hook ID|NAME"))
	case len(args) > 0 && args[0] == "-" && (f.payload == "-" || f.secretsFile == "-"):
		return usageError(errors.New("only one of SCRIPT, --payload and --secrets-file can read stdin"))
	case f.payload == "-" && f.secretsFile == "-":
		return usageError(errors.New("only one of SCRIPT, --payload and --secrets-file can read stdin"))
	case strings.Contains(f.hook, "="):
		// No hook id or name holds '='; this is a secret given to the wrong flag, so do not
		// repeat it.
		return usageError(errors.New("--hook takes a hook id or name, and this looks like NAME=VALUE: secrets go in --secret"))
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

	secrets, err := readSecrets(app, f)
	if err != nil {
		return usageError(err)
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
		filename = stored.Hook.Name + ".js"
		if len(stored.Missing) > 0 {
			fmt.Fprintf(app.Stderr, "warning: secrets with no value for this run: %s (pass --secret NAME=VALUE or --secrets-file)\n", strings.Join(stored.Missing, ", "))
		}
	} else {
		b, err := readInput(app, args[0])
		if err != nil {
			return usageError(fmt.Errorf("read script: %w", err))
		}
		script, filename = string(b), filepath.Base(args[0])
		if args[0] == "-" {
			filename = "stdin.js"
		}
	}
	if f.trigger != "" {
		p, err := trigger.Parse(f.trigger)
		if err != nil {
			return usageError(err)
		}
		point = p.ID
	} else if point == "" {
		id, ok := runner.DetectTrigger(script)
		if !ok {
			return usageError(fmt.Errorf("cannot tell the extensibility point from the script's signature: pass --trigger (one of %s)", strings.Join(triggerNames(), ", ")))
		}
		point = id
	}
	var payload json.RawMessage
	if f.payload != "" {
		b, err := readInput(app, f.payload)
		if err != nil {
			return usageError(fmt.Errorf("read payload: %w", err))
		}
		if !json.Valid(b) {
			var v any
			err := json.Unmarshal(b, &v)
			return usageError(fmt.Errorf("invalid JSON payload in %s: %w", displayName(f.payload), err))
		}
		payload = b
	}

	var res poolResult
	select {
	case res = <-poolc:
		poolc <- res // for the deferred Close
	case <-ctx.Done():
		return failure(ctx.Err())
	}
	if res.err != nil {
		return failure(fmt.Errorf("start the runner: %w", res.err))
	}
	report, err := res.pool.Run(ctx, runner.Request{
		Script: script, Filename: filename, Trigger: point, Payload: payload,
		Secrets: secrets, Timeout: f.timeout,
	})
	var perr *runner.PayloadError
	if errors.As(err, &perr) {
		return usageError(perr)
	}
	if err != nil {
		return failure(err)
	}
	if stored != nil && stored.Record != nil {
		if err := stored.Record(ctx, report); err != nil {
			fmt.Fprintf(app.Stderr, "warning: the run was not recorded in the tenant's logs: %v\n", err)
		}
	}
	if f.json {
		enc := json.NewEncoder(app.Stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report); err != nil {
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

// readInput reads a file, or stdin for "-".
func readInput(app *App, name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(app.Stdin)
	}
	return os.ReadFile(name)
}

func displayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// readSecrets merges --secrets-file and then the --secret flags, which win.
func readSecrets(app *App, f runFlags) (map[string]string, error) {
	secrets := map[string]string{}
	if f.secretsFile != "" {
		b, err := readInput(app, f.secretsFile)
		if err != nil {
			return nil, fmt.Errorf("read secrets file: %w", err)
		}
		parsed, err := parseSecretsFile(b)
		if err != nil {
			return nil, fmt.Errorf("secrets file %s: %w", displayName(f.secretsFile), err)
		}
		for k, v := range parsed {
			secrets[k] = v
		}
	}
	for i, kv := range f.secrets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !names.ValidSecretName(k) {
			// Say which flag, not what it holds: it may be a value pasted without its name.
			return nil, fmt.Errorf("--secret number %d is not NAME=VALUE with a name of letters, digits, '_' and '-' (1 to 128)", i+1)
		}
		secrets[k] = v
	}
	for k := range secrets {
		if !names.ValidSecretName(k) {
			return nil, fmt.Errorf("secrets file %s: %q is not a secret name: use letters, digits, '_' and '-' (1 to 128)", displayName(f.secretsFile), k)
		}
	}
	return secrets, nil
}

// parseSecretsFile reads a JSON object of strings or a .env file (NAME=VALUE lines, # comments,
// an optional `export `, values optionally in single or double quotes).
func parseSecretsFile(b []byte) (map[string]string, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var raw map[string]any
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		out := make(map[string]string, len(raw))
		for k, v := range raw {
			switch v := v.(type) {
			case string:
				out[k] = v
			case float64, bool:
				out[k] = fmt.Sprint(v)
			default:
				return nil, fmt.Errorf("secret %q must be a string", k)
			}
		}
		return out, nil
	}
	out := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("line %d: want NAME=VALUE", i+1)
		}
		v = strings.TrimSpace(v)
		if n := len(v); n >= 2 && (v[0] == '"' && v[n-1] == '"' || v[0] == '\'' && v[n-1] == '\'') {
			if v[0] == '"' {
				v = strings.NewReplacer(`\n`, "\n", `\"`, `"`, `\\`, `\`).Replace(v[1 : n-1])
			} else {
				v = v[1 : n-1]
			}
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		out[k] = v
	}
	return out, nil
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
	fmt.Fprintf(w, "%s  %s  %s\n", status, r.Trigger, formatDuration(r.DurationMs))
	if r.OK {
		fmt.Fprintln(w, "\nResult:")
		fmt.Fprintln(w, indent(prettyJSON(r.Result), "  "))
	}
	if r.OK && r.Applied == nil {
		fmt.Fprintln(w, "\nWhat Auth0 would apply:")
		if r.Trigger == trigger.SendPhoneMessage {
			fmt.Fprintln(w, "  nothing from the result: the hook sends the message itself")
		} else {
			fmt.Fprintf(w, "  nothing: %s hooks run asynchronously and Auth0 ignores their result\n", r.Trigger)
		}
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
