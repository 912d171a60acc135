package cmd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/internal/names"
)

// addSecretCommands registers `hookterm secrets …`. Values are never printed: only names.
func addSecretCommands(root *cobra.Command, app *App) {
	secrets := &cobra.Command{
		Use:   "secrets",
		Short: "List, set and unset a hook's secrets (context.webtask.secrets)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	secrets.AddCommand(secretsListCommand(app), secretsSetCommand(app), secretsUnsetCommand(app))
	root.AddCommand(secrets)
}

func secretsListCommand(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list HOOK",
		Short: "List the names of a hook's secrets (values are never shown)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError(fmt.Errorf("secrets list takes one hook, got %d arguments", len(args)))
			}
			return secretsArgs(1, "name the hook: `hookterm secrets list HOOK`")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				names, err := c.SecretNames(ctx, h.ID)
				if err != nil {
					return err
				}
				if asJSON {
					if names == nil {
						names = []string{}
					}
					return targetWriteJSON(app.Stdout, names)
				}
				if len(names) == 0 {
					fmt.Fprintf(app.Stderr, "hook %q has no secrets\n", h.Name)
					return nil
				}
				for _, n := range names {
					fmt.Fprintln(app.Stdout, n)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of names")
	return cmd
}

func secretsSetCommand(app *App) *cobra.Command {
	var fromFile string
	cmd := &cobra.Command{
		Use:   "set HOOK NAME=VALUE... | HOOK NAME... (values from stdin) | HOOK --from-file FILE",
		Short: "Create or update secrets of a hook",
		Long: "Create or update secrets of a hook. A bare NAME reads its value from standard input, one\n" +
			"line per NAME in order, so values stay out of shell history. --from-file reads NAME=VALUE\n" +
			"lines (# comments and blank lines ignored; '-' for standard input) or a JSON object, as\n" +
			"`run --secrets-file` does.",
		Args: secretsArgs(1, "name the hook: `hookterm secrets set HOOK NAME=VALUE...`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// No hook name or id holds '=': this is a secret given where the hook goes, and
			// echoing it back in a "no such hook" error would print its value.
			if strings.Contains(args[0], "=") {
				return usageError(errors.New("the first argument is the hook: `hookterm secrets set HOOK NAME=VALUE...`"))
			}
			values, err := secretsGather(cmd.Context(), app, args[1:], fromFile)
			if err != nil {
				return err
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				if err := c.SetSecrets(ctx, h.ID, values); err != nil {
					return err
				}
				names := make([]string, 0, len(values))
				for n := range values {
					names = append(names, n)
				}
				sort.Strings(names)
				fmt.Fprintf(app.Stdout, "set %d secret(s) on hook %q: %s\n", len(names), h.Name, strings.Join(names, ", "))
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&fromFile, "from-file", "", "read NAME=VALUE lines from FILE ('-' for standard input)")
	return cmd
}

// secretsGather collects NAME=VALUE arguments, bare NAMEs whose values come from stdin, and a
// --from-file; every name is checked before anything is sent.
func secretsGather(ctx context.Context, app *App, args []string, fromFile string) (map[string]string, error) {
	values := map[string]string{}
	var fromStdin []string
	// A name given twice would silently keep the last value only: refuse it, since the user
	// meant one of them and hookterm cannot tell which.
	given := map[string]bool{}
	for i, a := range args {
		name, value, hasValue := strings.Cut(a, "=")
		if !names.ValidSecretName(name) {
			// Say which argument, not what it holds: it may be a value pasted by mistake.
			return nil, usageError(fmt.Errorf("argument %d is not NAME=VALUE or NAME: a secret name uses letters, digits, '_' and '-' (1 to 128)", i+2))
		}
		if given[name] {
			return nil, usageError(fmt.Errorf("secret %s is given twice: give each name once", name))
		}
		given[name] = true
		if hasValue {
			values[name] = value
		} else {
			fromStdin = append(fromStdin, name)
		}
	}
	if fromFile == "-" && len(fromStdin) > 0 {
		return nil, usageError(errors.New("standard input can hold the values of bare NAMEs or a --from-file, not both"))
	}
	var stdin *bufio.Reader
	if len(fromStdin) > 0 || fromFile == "-" {
		stdin = bufio.NewReader(app.Stdin)
	}
	for _, name := range fromStdin {
		v, err := targetReadSecret(ctx, app, stdin, fmt.Sprintf("value of %s (not shown): ", name))
		if errors.Is(err, io.EOF) {
			return nil, usageError(fmt.Errorf("no value for %s on standard input", name))
		}
		if err != nil {
			return nil, fmt.Errorf("read the value of %s: %w", name, err)
		}
		values[name] = v
	}
	if fromFile != "" {
		var r io.Reader = stdin
		if fromFile != "-" {
			f, err := os.Open(fromFile)
			if err != nil {
				return nil, usageError(fmt.Errorf("--from-file: %w", err))
			}
			defer f.Close()
			r = f
		}
		// Standard input may be a terminal or a slow pipe: Ctrl+C must end the read.
		b, err := targetAwait(ctx, func() ([]byte, error) { return io.ReadAll(r) }, nil)
		if errors.As(err, new(targetInterrupted)) {
			return nil, err
		}
		if err != nil {
			return nil, usageError(fmt.Errorf("--from-file %s: %w", displayName(fromFile), err))
		}
		// The parser `run --secrets-file` uses: one file format for both commands, a name
		// given twice refused, a byte order mark dropped.
		fromFileValues, err := parseSecretsFile(b)
		if err != nil {
			return nil, usageError(fmt.Errorf("--from-file %s: %w", displayName(fromFile), err))
		}
		for name, v := range fromFileValues {
			if given[name] {
				return nil, usageError(fmt.Errorf("secret %s is given twice, as an argument and in --from-file %s: give each name once", name, fromFile))
			}
			values[name] = v
		}
	}
	for name, v := range values {
		if v == "" {
			return nil, usageError(fmt.Errorf("secret %s: a value cannot be empty", name))
		}
	}
	if len(values) == 0 {
		return nil, usageError(errors.New("no secrets given: NAME=VALUE, NAME (value on standard input) or --from-file"))
	}
	return values, nil
}

func secretsUnsetCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "unset HOOK NAME...",
		Short: "Delete secrets of a hook",
		Args:  secretsArgs(2, "name the hook and the secrets to delete: `hookterm secrets unset HOOK NAME...`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			seen := map[string]bool{}
			for _, n := range args[1:] {
				if seen[n] {
					return usageError(fmt.Errorf("secret %s is given twice: give each name once", n))
				}
				seen[n] = true
			}
			return targetWithClient(cmd, app, func(ctx context.Context, c *api.Client) error {
				h, err := hooksResolve(ctx, c, args[0])
				if err != nil {
					return err
				}
				have, err := c.SecretNames(ctx, h.ID)
				if err != nil {
					return err
				}
				exists := map[string]bool{}
				for _, n := range have {
					exists[n] = true
				}
				var missing []string
				for _, n := range args[1:] {
					if !exists[n] {
						missing = append(missing, n)
					}
				}
				if len(missing) > 0 {
					// A name the hook does not have is bad input, as a hook the tenant does not
					// have (hooksResolve).
					return usageError(fmt.Errorf("hook %q has no secret named %s (it has: %s)", h.Name, strings.Join(missing, ", "), secretsOrNone(have)))
				}
				if err := c.DeleteSecrets(ctx, h.ID, args[1:]); err != nil {
					return err
				}
				fmt.Fprintf(app.Stdout, "deleted %d secret(s) from hook %q: %s\n", len(args)-1, h.Name, strings.Join(args[1:], ", "))
				return nil
			})
		},
	}
}

// secretsArgs wants at least n arguments and says what they are, where cobra's own check
// only counts them.
func secretsArgs(n int, what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) < n {
			return usageError(errors.New(what))
		}
		return nil
	}
}

func secretsOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
