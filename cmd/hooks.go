package cmd

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/internal/termtext"
	"github.com/hookterm/hookterm/trigger"
)

// addHookCommands registers `hookterm hooks …`.
func addHookCommands(root *cobra.Command, app *App) {
	hooks := &cobra.Command{
		Use:   "hooks",
		Short: "List, show, create, update, enable, disable and delete hooks",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	hooks.AddCommand(
		hooksListCommand(app), hooksGetCommand(app), hooksCreateCommand(app), hooksUpdateCommand(app),
		hooksEnableCommand(app), hooksDisableCommand(app), hooksDeleteCommand(app),
	)
	root.AddCommand(hooks)
}

// targetWithClient opens the selected tenant's client for one command and closes it after.
func targetWithClient(cmd *cobra.Command, app *App, f func(ctx context.Context, c *api.Client) error) error {
	c, err := newClient(cmd, app)
	if err != nil {
		return err
	}
	defer c.Close()
	return targetExitCode(f(cmd.Context(), c))
}

// targetExitCode gives an error its exit status: a refused or failed API call is 1; an
// ambiguous name or a body the tenant found invalid (400) is bad input (2); errors that
// already carry a status keep it.
func targetExitCode(err error) error {
	if err == nil {
		return nil
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err
	}
	if errors.Is(err, api.ErrAmbiguous) || errors.Is(err, api.ErrBadRequest) {
		return usageError(err)
	}
	return failure(err)
}

// hooksResolve finds the hook the user named by id or name. A name or id the tenant does not
// have is bad input (exit 2), like an unreadable file or `run --hook` of a missing hook: the
// command line is what is wrong, and a script can tell it apart from the tenant refusing or
// failing (1). A 404 later in a command (the hook deleted meanwhile) stays a refusal.
func hooksResolve(ctx context.Context, c *api.Client, idOrName string) (api.Hook, error) {
	if strings.TrimSpace(idOrName) == "" {
		return api.Hook{}, usageError(errors.New("give a hook id or name"))
	}
	h, err := c.ResolveHook(ctx, idOrName)
	if errors.Is(err, api.ErrNotFound) {
		return api.Hook{}, usageError(err)
	}
	return h, err
}

func targetWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func onOff(b bool) string {
	if b {
		return "enabled"
	}
	return "disabled"
}

func hooksListCommand(app *App) *cobra.Command {
	var trig string
	var enabledOnly, asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the hooks, grouped by extensibility point",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := api.ListHooksOptions{}
			if trig != "" {
				p, err := trigger.Parse(trig)
				if err != nil {
					return usageError(err)
				}
				opts.Trigger = p.ID
			}
			if enabledOnly {
				on := true
				opts.Enabled = &on
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				hooks, err := c.ListHooks(ctx, opts)
				if err != nil {
					return err
				}
				if asJSON {
					if hooks == nil {
						hooks = []api.Hook{}
					}
					return targetWriteJSON(app.Stdout, hooks)
				}
				return hooksPrintTable(app.Stdout, hooks, opts.Trigger, enabledOnly)
			})
		},
	}
	cmd.Flags().StringVar(&trig, "trigger", "", "only this extensibility point (e.g. credentials-exchange)")
	cmd.Flags().BoolVar(&enabledOnly, "enabled", false, "only enabled hooks")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// hooksPrintTable prints one section per extensibility point, in the spec's order, every point
// shown even when it has no hook, so the one-enabled-hook-per-point rule is visible.
func hooksPrintTable(w io.Writer, hooks []api.Hook, only trigger.ID, enabledOnly bool) error {
	byPoint := map[trigger.ID][]api.Hook{}
	for _, h := range hooks {
		byPoint[h.TriggerID] = append(byPoint[h.TriggerID], h)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	first := true
	for _, p := range trigger.All() {
		if only != "" && p.ID != only {
			continue
		}
		if !first {
			fmt.Fprintln(tw)
		}
		first = false
		fmt.Fprintf(tw, "%s (%s)\n", p.Title, p.ID)
		list := byPoint[p.ID]
		if len(list) == 0 {
			if enabledOnly {
				fmt.Fprintln(tw, "  no enabled hook")
			} else {
				fmt.Fprintln(tw, "  no hooks")
			}
			continue
		}
		// Enabled first, then by name: the hook that runs is on top.
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Enabled != list[j].Enabled {
				return list[i].Enabled
			}
			return list[i].Name < list[j].Name
		})
		fmt.Fprintln(tw, "  ID\tNAME\tSTATE")
		for _, h := range list {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", h.ID, h.Name, onOff(h.Enabled))
		}
	}
	// Hooks of points hookterm does not know (a future or odd tenant) are still listed.
	var unknown []api.Hook
	for id, list := range byPoint {
		if _, ok := trigger.Lookup(string(id)); !ok {
			unknown = append(unknown, list...)
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintf(tw, "\nOther extensibility points\n")
		for _, h := range unknown {
			fmt.Fprintf(tw, "  %s\t%s\t%s (%s)\n", h.ID, h.Name, onOff(h.Enabled), h.TriggerID)
		}
	}
	return tw.Flush()
}

func hooksGetCommand(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "get ID|NAME",
		Short: "Show a hook and its script",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				if asJSON {
					return targetWriteJSON(app.Stdout, h)
				}
				hooksPrintHook(app.Stdout, h)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func hooksPrintHook(w io.Writer, h api.Hook) {
	title := string(h.TriggerID)
	if p, ok := trigger.Lookup(string(h.TriggerID)); ok {
		title = fmt.Sprintf("%s (%s)", p.ID, p.Title)
	}
	fmt.Fprintf(w, "id:       %s\n", h.ID)
	fmt.Fprintf(w, "name:     %s\n", h.Name)
	fmt.Fprintf(w, "trigger:  %s\n", title)
	fmt.Fprintf(w, "state:    %s\n", onOff(h.Enabled))
	if len(h.Dependencies) > 0 {
		var deps []string
		for n, v := range h.Dependencies {
			deps = append(deps, n+"@"+v)
		}
		sort.Strings(deps)
		fmt.Fprintf(w, "depends:  %s\n", strings.Join(deps, ", "))
	}
	fmt.Fprintf(w, "script:   %d bytes\n\n", len(h.Script))
	// This view is for reading; --json gives the script byte for byte. Control characters in
	// a stored script must not act on the terminal it is read on.
	fmt.Fprint(w, termtext.Printable(h.Script, true))
	if !strings.HasSuffix(h.Script, "\n") {
		fmt.Fprintln(w)
	}
}

// hooksReadScript reads a script file, or standard input for "-" (Ctrl+C ends that read).
func hooksReadScript(ctx context.Context, app *App, path string) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		if targetStdinIsTerminal(app) {
			// Without this a terminal just waits, and the command looks stuck.
			fmt.Fprintln(app.Stderr, "reading the script from standard input; end it with Ctrl+D on a line of its own")
		}
		b, err = targetAwait(ctx, func() ([]byte, error) { return io.ReadAll(app.Stdin) }, nil)
		if errors.As(err, new(targetInterrupted)) {
			return "", err
		}
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return "", usageError(fmt.Errorf("read the script: %w", err))
	}
	if len(b) == 0 {
		if path == "-" {
			return "", usageError(errors.New("the script on standard input is empty"))
		}
		return "", usageError(fmt.Errorf("the script %s is empty", path))
	}
	return string(b), nil
}

// hooksParseDependencies turns name@version flags into a map; a scoped package keeps its
// leading @ (@scope/pkg@1.2.3).
func hooksParseDependencies(specs []string) (map[string]string, error) {
	deps := map[string]string{}
	for _, s := range specs {
		i := strings.LastIndex(s, "@")
		if i <= 0 || i == len(s)-1 {
			return nil, usageError(fmt.Errorf("--dependency %q: expected name@version, e.g. lodash@4.17.21", s))
		}
		if v, seen := deps[s[:i]]; seen {
			return nil, usageError(fmt.Errorf("--dependency %q is given twice (%s@%s and %s): give one version", s[:i], s[:i], v, s))
		}
		deps[s[:i]] = s[i+1:]
	}
	return deps, nil
}

func hooksCreateCommand(app *App) *cobra.Command {
	var name, trig, script string
	var enabled, asJSON bool
	var deps []string
	cmd := &cobra.Command{
		Use:   "create --name NAME --trigger POINT [--script FILE] [--enabled] [--dependency name@version]...",
		Short: "Create a hook (with the point's starter script unless --script is given)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(name) == "" {
				return usageError(errors.New("--name is required"))
			}
			if trig == "" {
				return usageError(fmt.Errorf("--trigger is required: one of %s", hooksPointList()))
			}
			p, err := trigger.Parse(trig)
			if err != nil {
				return usageError(err)
			}
			h := api.Hook{Name: name, TriggerID: p.ID, Enabled: enabled, Script: p.Starter}
			if script != "" {
				if h.Script, err = hooksReadScript(cmd.Context(), app, script); err != nil {
					return err
				}
			}
			if h.Dependencies, err = hooksParseDependencies(deps); err != nil {
				return err
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				created, err := c.CreateHook(ctx, h)
				if err != nil {
					return hooksEnabledConflictHint(err, fmt.Sprintf("create it without --enabled, then run `%s hooks enable --switch %s`",
						targetCommandPrefix(cmd), targetShellQuote(h.Name)))
				}
				if asJSON {
					return targetWriteJSON(app.Stdout, created)
				}
				fmt.Fprintf(app.Stdout, "created hook %q (%s) for %s, %s\n", created.Name, created.ID, created.TriggerID, onOff(created.Enabled))
				return nil
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&name, "name", "", "hook name: letters, digits, spaces and '-'")
	f.StringVar(&trig, "trigger", "", "extensibility point: "+hooksPointList())
	f.StringVar(&script, "script", "", "script file ('-' for standard input); default: the point's starter script")
	f.BoolVar(&enabled, "enabled", false, "enable the hook (refused if another hook of the point is enabled)")
	f.StringArrayVar(&deps, "dependency", nil, "npm dependency name@version (repeatable)")
	f.BoolVar(&asJSON, "json", false, "print the created hook as JSON")
	return cmd
}

func hooksPointList() string {
	var ids []string
	for _, id := range trigger.IDs() {
		ids = append(ids, string(id))
	}
	return strings.Join(ids, ", ")
}

func hooksUpdateCommand(app *App) *cobra.Command {
	var name, script string
	var enabled, asJSON, noDeps bool
	var deps []string
	cmd := &cobra.Command{
		Use:   "update ID|NAME [--name NAME] [--script FILE] [--enabled=true|false] [--dependency name@version]... [--no-dependencies]",
		Short: "Change a hook's name, script or state (only what differs is sent)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if !f.Changed("name") && !f.Changed("script") && !f.Changed("enabled") && len(deps) == 0 && !noDeps {
				return usageError(errors.New("nothing to update: give --name, --script, --enabled, --dependency or --no-dependencies"))
			}
			if noDeps && len(deps) > 0 {
				return usageError(errors.New("--dependency and --no-dependencies contradict each other"))
			}
			var newDeps map[string]string
			if len(deps) > 0 || noDeps {
				var err error
				if newDeps, err = hooksParseDependencies(deps); err != nil {
					return err
				}
			}
			var newScript string
			if f.Changed("script") {
				var err error
				if newScript, err = hooksReadScript(cmd.Context(), app, script); err != nil {
					return err
				}
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				var u api.HookUpdate
				var changed []string
				if f.Changed("name") && name != h.Name {
					u.Name = &name
					changed = append(changed, "name")
				}
				if f.Changed("script") && newScript != h.Script {
					u.Script = &newScript
					changed = append(changed, "script")
				}
				if f.Changed("enabled") && enabled != h.Enabled {
					u.Enabled = &enabled
					changed = append(changed, "state")
				}
				if newDeps != nil && !maps.Equal(newDeps, h.Dependencies) {
					u.Dependencies = &newDeps
					changed = append(changed, "dependencies")
				}
				if u.Empty() {
					if asJSON {
						return targetWriteJSON(app.Stdout, h)
					}
					fmt.Fprintf(app.Stdout, "hook %q (%s) already has these values: nothing sent\n", h.Name, h.ID)
					return nil
				}
				updated, err := c.UpdateHook(ctx, h.ID, u)
				if err != nil {
					return hooksEnabledConflictHint(err, fmt.Sprintf("`%s hooks enable --switch %s` disables that hook and enables this one",
						targetCommandPrefix(cmd), h.ID))
				}
				if asJSON {
					return targetWriteJSON(app.Stdout, updated)
				}
				fmt.Fprintf(app.Stdout, "updated hook %q (%s): %s\n", updated.Name, updated.ID, strings.Join(changed, ", "))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "new name")
	cmd.Flags().StringVar(&script, "script", "", "new script file ('-' for standard input)")
	cmd.Flags().BoolVar(&enabled, "enabled", false, "enable (true) or disable (false)")
	cmd.Flags().StringArrayVar(&deps, "dependency", nil, "npm dependency name@version (repeatable; replaces the whole set)")
	cmd.Flags().BoolVar(&noDeps, "no-dependencies", false, "remove every dependency")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the updated hook as JSON")
	return cmd
}

func hooksEnableCommand(app *App) *cobra.Command {
	var switchOver, asJSON bool
	cmd := &cobra.Command{
		Use:   "enable ID|NAME [--switch]",
		Short: "Enable a hook; --switch first disables the enabled hook of the same point",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				if h.Enabled {
					return hooksReport(app, asJSON, h, fmt.Sprintf("hook %q (%s) is already enabled for %s", h.Name, h.ID, h.TriggerID))
				}
				on := true
				others, err := c.ListHooks(ctx, api.ListHooksOptions{Trigger: h.TriggerID, Enabled: &on})
				if err != nil {
					return err
				}
				var disabled []api.Hook
				for _, o := range others {
					if o.ID == h.ID || !o.Enabled || o.TriggerID != h.TriggerID {
						continue
					}
					if !switchOver {
						return hooksConflict(targetCommandPrefix(cmd), h, o)
					}
					off := false
					if _, err := c.UpdateHook(ctx, o.ID, api.HookUpdate{Enabled: &off}); err != nil {
						return hooksRestore(ctx, c, disabled, fmt.Errorf("disable %q before the switch: %w", o.Name, err))
					}
					disabled = append(disabled, o)
				}
				updated, err := c.UpdateHook(ctx, h.ID, api.HookUpdate{Enabled: &on})
				if err != nil {
					var e *api.Error
					if errors.As(err, &e) && e.StatusCode == 409 && !switchOver {
						e.Hint = "use `hookterm hooks enable --switch` to disable the enabled hook and enable this one"
					}
					return hooksRestore(ctx, c, disabled, err)
				}
				msg := fmt.Sprintf("enabled hook %q (%s) for %s", updated.Name, updated.ID, updated.TriggerID)
				for _, o := range disabled {
					msg += fmt.Sprintf("\ndisabled hook %q (%s)", o.Name, o.ID)
				}
				return hooksReport(app, asJSON, updated, msg)
			})
		},
	}
	cmd.Flags().BoolVar(&switchOver, "switch", false, "disable the point's enabled hook first (only one hook per point can be enabled)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the hook as JSON")
	return cmd
}

// hooksConflict is the refusal when another hook of the point is enabled and --switch was
// not given; it names that hook, as the local tenant's 409 does.
func hooksConflict(hookterm string, h, enabled api.Hook) error {
	return failure(&api.Error{
		StatusCode: 409, Code: "hook_enabled_conflict",
		Message: fmt.Sprintf("hook %q (%s) is already enabled for %s, and only one hook per extensibility point can be enabled", enabled.Name, enabled.ID, h.TriggerID),
		Op:      fmt.Sprintf("enable hook %q", h.Name),
		Hint:    fmt.Sprintf("use `%s hooks enable --switch %s` to disable %q and enable %q", hookterm, h.ID, enabled.Name, h.Name),
	})
}

// hooksEnabledConflictHint replaces the tenant's generic advice on a second enabled hook
// with the command that resolves it here; other errors pass through.
func hooksEnabledConflictHint(err error, hint string) error {
	var e *api.Error
	if api.IsEnabledConflict(err) && errors.As(err, &e) {
		e.Hint = hint
	}
	return err
}

// hooksRestore re-enables hooks disabled for a switch that then failed, so a failed switch
// leaves the point as it was; the original error is returned either way.
func hooksRestore(ctx context.Context, c *api.Client, disabled []api.Hook, cause error) error {
	for _, o := range disabled {
		on := true
		if _, err := c.UpdateHook(ctx, o.ID, api.HookUpdate{Enabled: &on}); err != nil {
			return fmt.Errorf("%w; re-enabling %q (%s) also failed, so no hook of %s is enabled now: %v", cause, o.Name, o.ID, o.TriggerID, err)
		}
	}
	return cause
}

func hooksReport(app *App, asJSON bool, h api.Hook, msg string) error {
	if asJSON {
		return targetWriteJSON(app.Stdout, h)
	}
	fmt.Fprintln(app.Stdout, msg)
	return nil
}

func hooksDisableCommand(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "disable ID|NAME",
		Short: "Disable a hook",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				if !h.Enabled {
					return hooksReport(app, asJSON, h, fmt.Sprintf("hook %q (%s) is already disabled", h.Name, h.ID))
				}
				off := false
				updated, err := c.UpdateHook(ctx, h.ID, api.HookUpdate{Enabled: &off})
				if err != nil {
					return err
				}
				return hooksReport(app, asJSON, updated, fmt.Sprintf("disabled hook %q (%s); no hook of %s is enabled now", updated.Name, updated.ID, updated.TriggerID))
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the hook as JSON")
	return cmd
}

func hooksDeleteCommand(app *App) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID|NAME [--yes]",
		Short: "Delete a hook and its secrets",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !yes && !targetStdinIsTerminal(app) {
				return usageError(errors.New("refusing to delete without --yes: standard input is not a terminal, so hookterm cannot ask"))
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				if !yes {
					ok, err := targetConfirm(ctx, app, fmt.Sprintf("Delete hook %q (%s, %s, %s) and its secrets? [y/N] ", h.Name, h.ID, h.TriggerID, onOff(h.Enabled)))
					if err != nil {
						return err
					}
					if !ok {
						fmt.Fprintln(app.Stderr, "not deleted")
						return silentExit(ExitFailure)
					}
				}
				if err := c.DeleteHook(ctx, h.ID); err != nil {
					return err
				}
				fmt.Fprintf(app.Stdout, "deleted hook %q (%s)\n", h.Name, h.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation")
	return cmd
}

// targetStdinIsTerminal reports whether the app's standard input is a terminal, where a
// question can be asked (/dev/null is a character device but not a terminal).
func targetStdinIsTerminal(app *App) bool {
	f, ok := app.Stdin.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// targetReadSecret reads one secret line: without echo on a terminal (after prompt on
// stderr), else a line of r. Ctrl+C (ctx cancelled) ends it at once.
func targetReadSecret(ctx context.Context, app *App, r *bufio.Reader, prompt string) (string, error) {
	if f, ok := app.Stdin.(*os.File); ok && term.IsTerminal(f.Fd()) {
		fmt.Fprint(app.Stderr, prompt)
		// ReadPassword turns echo off and back on when it returns; an interrupted read never
		// returns, so put the terminal back here or the shell is left without echo.
		var restore func()
		if st, err := term.GetState(f.Fd()); err == nil {
			restore = func() { _ = term.Restore(f.Fd(), st) }
		}
		b, err := targetAwait(ctx, func() ([]byte, error) { return term.ReadPassword(f.Fd()) }, restore)
		fmt.Fprintln(app.Stderr)
		if err != nil {
			if errors.As(err, new(targetInterrupted)) {
				return "", err
			}
			return "", fmt.Errorf("read from the terminal: %w", err)
		}
		return string(b), nil
	}
	line, err := targetAwait(ctx, func() (string, error) { return r.ReadString('\n') }, nil)
	if errors.As(err, new(targetInterrupted)) {
		return "", err
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	if line == "" && errors.Is(err, io.EOF) {
		return "", io.EOF
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// targetConfirm asks a yes/no question on stderr and reads the answer from stdin; Ctrl+C
// (ctx cancelled) is an error, never an answer.
func targetConfirm(ctx context.Context, app *App, question string) (bool, error) {
	fmt.Fprint(app.Stderr, question)
	line, err := targetAwait(ctx, func() (string, error) { return bufio.NewReader(app.Stdin).ReadString('\n') }, nil)
	if errors.As(err, new(targetInterrupted)) {
		fmt.Fprintln(app.Stderr) // end the question's line after the terminal's ^C
		return false, err
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("read the answer: %w", err)
	}
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes", nil
}

// targetInterrupted is what a prompt answers to Ctrl+C: nothing was sent yet. It unwraps
// to the context's error and ends the command with exit status 1.
type targetInterrupted struct{ cause error }

func (e targetInterrupted) Error() string { return "interrupted (Ctrl+C): nothing was changed" }
func (e targetInterrupted) Unwrap() error { return e.cause }

// targetAwait runs a blocking read of standard input so that Ctrl+C ends a prompt at once:
// a read cannot be cancelled, and without this the line typed after Ctrl+C was taken as
// the answer. On cancellation, restore (when not nil) resets the terminal and the read is
// left behind; the process is about to exit, and a later read never reuses it. A line that
// arrives together with the cancellation is not trusted either.
func targetAwait[T any](ctx context.Context, read func() (T, error), restore func()) (T, error) {
	type result struct {
		v   T
		err error
	}
	var zero T
	if ctx.Err() != nil {
		return zero, failure(targetInterrupted{ctx.Err()})
	}
	done := make(chan result, 1)
	go func() {
		v, err := read()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		if ctx.Err() == nil {
			return r.v, r.err
		}
	case <-ctx.Done():
		if restore != nil {
			restore()
		}
	}
	return zero, failure(targetInterrupted{ctx.Err()})
}
