package cmd

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
)

// addTargetFlags registers the persistent flags that choose the tenant (--data, --domain,
// --client-id, --client-secret, --token, --tenant, --insecure).
func addTargetFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.String("data", "", "data folder `DIR` of the embedded local tenant (default $XDG_DATA_HOME/hookterm)")
	f.String("domain", "", "Auth0 tenant `DOMAIN`, or the address of a hookterm serve (env AUTH0_DOMAIN)")
	f.String("client-id", "", "machine-to-machine application's client id (env AUTH0_CLIENT_ID)")
	f.String("client-secret", "", "its client secret (env AUTH0_CLIENT_SECRET)")
	f.String("token", "", "a Management API token instead of client credentials (env AUTH0_API_TOKEN)")
	f.String("tenant", "", "use the tenant saved as `NAME` with hookterm tenants add")
	f.Bool("insecure", false, "plain HTTP, for hookterm serve on a loopback address only")
}

// targetChoice is the tenant the flags, environment and profiles select.
type targetChoice struct {
	embedded bool
	dataDir  string
	remote   api.RemoteOptions
	profile  string // the profile name, when one was used
}

// targetFlag returns a persistent flag's value and whether the user set it.
func targetFlag(cmd *cobra.Command, name string) (string, bool) {
	f := cmd.Flags().Lookup(name)
	if f == nil {
		return "", false
	}
	return f.Value.String(), f.Changed
}

// chooseTarget applies the precedence: explicit flags (--domain, --tenant, --data), then the
// environment (AUTH0_DOMAIN…), then the embedded tenant. --tenant is an explicit choice, so it
// beats AUTH0_* variables left in the environment; mixing --domain with --tenant or --data is
// refused rather than guessed.
func chooseTarget(cmd *cobra.Command, app *App) (targetChoice, error) {
	domain, domainSet := targetFlag(cmd, "domain")
	profile, profileSet := targetFlag(cmd, "tenant")
	_, dataSet := targetFlag(cmd, "data")
	insecureStr, _ := targetFlag(cmd, "insecure")
	insecure := insecureStr == "true"
	switch {
	case domainSet && profileSet:
		return targetChoice{}, usageError(errors.New("--domain and --tenant both choose a tenant: give one of them"))
	case dataSet && (domainSet || profileSet):
		return targetChoice{}, usageError(errors.New("--data chooses the embedded local tenant; it cannot be combined with --domain or --tenant"))
	}

	flagOrEnv := func(flag, env string) (string, bool) {
		if v, set := targetFlag(cmd, flag); set {
			return v, true
		}
		return app.Getenv(env), false
	}
	credentials := func() (id, secret, token string) {
		id, _ = flagOrEnv("client-id", "AUTH0_CLIENT_ID")
		secret, _ = flagOrEnv("client-secret", "AUTH0_CLIENT_SECRET")
		token, tokenFlag := flagOrEnv("token", "AUTH0_API_TOKEN")
		// An explicit --token wins over client credentials from the environment, and client
		// credentials win over a token that was only in the environment.
		if tokenFlag || id == "" || secret == "" {
			return "", "", token
		}
		return id, secret, ""
	}

	if profileSet {
		// The profile holds the credentials; a flag beside it would be silently ignored.
		for _, name := range []string{"client-id", "client-secret", "token"} {
			if _, set := targetFlag(cmd, name); set {
				return targetChoice{}, usageError(fmt.Errorf("--%s cannot be combined with --tenant: the profile holds its credentials (`hookterm tenants add %s …` replaces them)", name, profile))
			}
		}
		pr, secret, err := targetProfiles(app).Get(cmd.Context(), profile)
		if err != nil {
			return targetChoice{}, usageError(err)
		}
		o := api.RemoteOptions{Domain: pr.Domain, Insecure: pr.Insecure || insecure}
		if pr.Auth == api.AuthToken {
			o.Token = secret
		} else {
			o.ClientID, o.ClientSecret = pr.ClientID, secret
		}
		return targetChoice{remote: o, profile: profile}, nil
	}
	if !domainSet && !dataSet {
		domain = app.Getenv("AUTH0_DOMAIN")
	}
	if domain != "" {
		id, secret, token := credentials()
		if token == "" && (id == "" || secret == "") {
			return targetChoice{}, usageError(fmt.Errorf("tenant %s: give --client-id and --client-secret (AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET), or --token (AUTH0_API_TOKEN)", domain))
		}
		return targetChoice{remote: api.RemoteOptions{Domain: domain, ClientID: id, ClientSecret: secret, Token: token, Insecure: insecure}}, nil
	}
	for _, name := range []string{"client-id", "client-secret", "token"} {
		if _, set := targetFlag(cmd, name); set {
			return targetChoice{}, usageError(fmt.Errorf("--%s needs --domain (or AUTH0_DOMAIN): without one, hookterm uses the embedded local tenant", name))
		}
	}
	if insecure {
		return targetChoice{}, usageError(errors.New("--insecure needs --domain: the embedded local tenant needs no network"))
	}
	dir, err := dataDir(cmd, app)
	if err != nil {
		return targetChoice{}, err
	}
	if !dataSet {
		// Credentials exported without a domain are almost always a forgotten AUTH0_DOMAIN:
		// say which tenant this is rather than silently show local hooks as if from Auth0.
		for _, env := range []string{"AUTH0_CLIENT_ID", "AUTH0_CLIENT_SECRET", "AUTH0_API_TOKEN"} {
			if app.Getenv(env) != "" {
				fmt.Fprintf(app.Stderr, "hookterm: note: %s is set but AUTH0_DOMAIN is not set: using the local tenant in %s\n", env, dir)
				break
			}
		}
	}
	return targetChoice{embedded: true, dataDir: dir}, nil
}

// targetCommandPrefix is "hookterm" plus the --data or --tenant the user gave, for commands
// that hints suggest: a copied suggestion must act on the same tenant. --domain is left out
// since its credentials may be flags, and a secret is never printed.
func targetCommandPrefix(cmd *cobra.Command) string {
	prefix := "hookterm"
	for _, name := range []string{"data", "tenant"} {
		if v, set := targetFlag(cmd, name); set {
			prefix += " --" + name + " " + targetShellQuote(v)
		}
	}
	return prefix
}

// targetShellQuote quotes s for a POSIX shell when it holds anything the shell would read
// specially, so a suggested command can be pasted as it is.
func targetShellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$`\\;&|<>()*?[]{}~#!") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// newClient opens the Management API client for the target the flags, environment and
// profiles select: the embedded tenant in the data folder by default. The caller closes it.
func newClient(cmd *cobra.Command, app *App) (*api.Client, error) {
	choice, err := chooseTarget(cmd, app)
	if err != nil {
		return nil, err
	}
	if choice.embedded {
		c, err := api.OpenEmbedded(cmd.Context(), choice.dataDir)
		if err != nil {
			return nil, failure(err) // api says which folder
		}
		return c, nil
	}
	c, err := api.NewRemote(cmd.Context(), choice.remote)
	if err != nil {
		if choice.profile != "" {
			err = fmt.Errorf("tenant profile %q: %w", choice.profile, err)
		}
		return nil, usageError(err)
	}
	return c, nil
}

// dataDir is the data folder: --data, else $XDG_DATA_HOME/hookterm, else ~/.local/share/hookterm.
func dataDir(cmd *cobra.Command, app *App) (string, error) {
	if v, set := targetFlag(cmd, "data"); set {
		if strings.TrimSpace(v) == "" {
			return "", usageError(errors.New("--data needs a folder"))
		}
		return filepath.Abs(v)
	}
	if x := app.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "hookterm"), nil
	}
	home := app.Getenv("HOME")
	if home == "" {
		return "", usageError(errors.New("cannot find the data folder: set HOME or XDG_DATA_HOME, or give --data"))
	}
	return filepath.Join(home, ".local", "share", "hookterm"), nil
}

// targetConfigDir is $XDG_CONFIG_HOME/hookterm, else ~/.config/hookterm.
func targetConfigDir(app *App) string {
	if x := app.Getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "hookterm")
	}
	return filepath.Join(app.Getenv("HOME"), ".config", "hookterm")
}

// targetProfiles opens the profile store. HOOKTERM_KEYRING=file keeps secrets out of the OS
// keyring (headless machines where the keyring prompts or hangs, and tests).
func targetProfiles(app *App) api.Profiles {
	p := api.Profiles{Dir: targetConfigDir(app), Keyring: api.OSKeyring{}}
	if strings.EqualFold(app.Getenv("HOOKTERM_KEYRING"), "file") {
		p.Keyring = nil
	}
	return p
}
