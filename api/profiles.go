package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/zalando/go-keyring"

	"github.com/hookterm/hookterm/internal/names"
)

// Profile is a named remote tenant in $XDG_CONFIG_HOME/hookterm/config.toml. Its client secret
// or token is never in that file: it is in the OS keyring, or in a separate 0600 file when no
// keyring works.
type Profile struct {
	Name     string `toml:"-" json:"name"`
	Domain   string `toml:"domain" json:"domain"`
	ClientID string `toml:"client_id,omitempty" json:"clientId,omitempty"`
	// Auth is AuthClientCredentials or AuthToken: what the stored secret is.
	Auth     string `toml:"auth" json:"auth"`
	Insecure bool   `toml:"insecure,omitempty" json:"insecure,omitempty"`
	// SecretStore is SecretInKeyring or SecretInFile: where the secret was put.
	SecretStore string `toml:"secret_store" json:"secretStore"`
}

// Profile.Auth and Profile.SecretStore values.
const (
	AuthClientCredentials = "client_credentials"
	AuthToken             = "token"
	SecretInKeyring       = "keyring"
	SecretInFile          = "file"
)

// keyringService is the service name hookterm's secrets are filed under in the OS keyring.
const keyringService = "hookterm"

// Keyring is the part of an OS keyring hookterm uses; go-keyring implements it (OSKeyring).
type Keyring interface {
	Set(service, user, secret string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// OSKeyring is the operating system's keyring through go-keyring (Secret Service on Linux,
// Keychain on macOS, Credential Manager on Windows).
type OSKeyring struct{}

func (OSKeyring) Set(service, user, secret string) error { return keyring.Set(service, user, secret) }
func (OSKeyring) Get(service, user string) (string, error) {
	return keyring.Get(service, user)
}
func (OSKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// Profiles reads and writes the profiles of one configuration folder.
type Profiles struct {
	// Dir is $XDG_CONFIG_HOME/hookterm.
	Dir string
	// Keyring holds secrets; nil means no keyring (secrets go to the 0600 file).
	Keyring Keyring
}

type profileFile struct {
	Tenants map[string]Profile `toml:"tenants"`
}

type secretFile struct {
	Secrets map[string]string `toml:"secrets"`
}

func (p Profiles) configPath() string  { return filepath.Join(p.Dir, "config.toml") }
func (p Profiles) secretsPath() string { return filepath.Join(p.Dir, "credentials.toml") }

// SecretsPath is the 0600 file secrets go to when no keyring works.
func (p Profiles) SecretsPath() string { return p.secretsPath() }

// List returns the profiles sorted by name.
func (p Profiles) List() ([]Profile, error) {
	f, err := p.load()
	if err != nil {
		return nil, err
	}
	out := make([]Profile, 0, len(f.Tenants))
	for name, pr := range f.Tenants {
		pr.Name = name
		out = append(out, pr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Get returns a profile and its secret (client secret or token).
func (p Profiles) Get(ctx context.Context, name string) (Profile, string, error) {
	f, err := p.load()
	if err != nil {
		return Profile{}, "", err
	}
	pr, ok := f.Tenants[name]
	if !ok {
		return Profile{}, "", fmt.Errorf("no tenant profile named %q (see `hookterm tenants list`)", name)
	}
	pr.Name = name
	var secret string
	switch pr.SecretStore {
	case SecretInKeyring:
		if p.Keyring == nil {
			return Profile{}, "", fmt.Errorf("tenant %q: its secret is in the OS keyring, which is switched off here", name)
		}
		secret, err = keyringDo(ctx, func() (string, error) { return p.Keyring.Get(keyringService, keyringUser(name)) })
		if err != nil {
			return Profile{}, "", fmt.Errorf("tenant %q: read its secret from the OS keyring: %w", name, err)
		}
	default:
		s, err := p.loadSecrets()
		if err != nil {
			return Profile{}, "", err
		}
		var ok bool
		if secret, ok = s.Secrets[name]; !ok {
			return Profile{}, "", fmt.Errorf("tenant %q: its secret is missing from %s; add the tenant again", name, p.secretsPath())
		}
	}
	return pr, secret, nil
}

// Add stores a profile and its secret, replacing one of the same name. It returns a sentence
// saying where the secret went, for the user.
func (p Profiles) Add(ctx context.Context, pr Profile, secret string) (string, error) {
	if !names.ValidProfileName(pr.Name) {
		return "", fmt.Errorf("tenant name %q: use letters, digits, '.', '_' and '-' (up to 64, starting with a letter or digit)", pr.Name)
	}
	if _, _, err := splitDomain(pr.Domain); err != nil {
		return "", err
	}
	switch pr.Auth {
	case AuthClientCredentials:
		if pr.ClientID == "" {
			return "", errors.New("client credentials need a client id")
		}
	case AuthToken:
	default:
		return "", fmt.Errorf("unknown auth %q", pr.Auth)
	}
	if secret == "" {
		return "", errors.New("no client secret or token given")
	}
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return "", fmt.Errorf("create config folder: %w", err)
	}
	f, err := p.load()
	if err != nil {
		return "", err
	}
	// A replaced profile must not leave its old secret behind in the other store.
	if _, ok := f.Tenants[pr.Name]; ok {
		if err := p.removeSecret(ctx, pr.Name); err != nil {
			return "", err
		}
	}
	where := ""
	pr.SecretStore = SecretInFile
	// Without a keyring the user switched it off: that is not the keyring failing.
	why := "the OS keyring is switched off (HOOKTERM_KEYRING=file)"
	var keyErr error = errors.New(why)
	if p.Keyring != nil {
		_, keyErr = keyringDo(ctx, func() (struct{}, error) {
			return struct{}{}, p.Keyring.Set(keyringService, keyringUser(pr.Name), secret)
		})
		if ctx.Err() != nil {
			return "", fmt.Errorf("save the secret of tenant %q: %w", pr.Name, keyErr)
		}
		if keyErr != nil {
			why = fmt.Sprintf("the OS keyring is not available (%v)", keyErr)
		}
	}
	if keyErr == nil {
		pr.SecretStore = SecretInKeyring
		where = "the secret is stored in the OS keyring"
	} else {
		s, err := p.loadSecrets()
		if err != nil {
			return "", err
		}
		s.Secrets[pr.Name] = secret
		if err := writeTOML(p.secretsPath(), s, 0o600); err != nil {
			return "", err
		}
		where = fmt.Sprintf("%s: the secret is stored in %s (mode 0600)", why, p.secretsPath())
	}
	f.Tenants[pr.Name] = pr
	if err := writeTOML(p.configPath(), f, 0o600); err != nil {
		return "", err
	}
	return where, nil
}

// Remove deletes a profile and its secret.
func (p Profiles) Remove(ctx context.Context, name string) error {
	f, err := p.load()
	if err != nil {
		return err
	}
	if _, ok := f.Tenants[name]; !ok {
		return fmt.Errorf("no tenant profile named %q (see `hookterm tenants list`)", name)
	}
	if err := p.removeSecret(ctx, name); err != nil {
		return err
	}
	delete(f.Tenants, name)
	return writeTOML(p.configPath(), f, 0o600)
}

// removeSecret deletes name's secret from both stores; a missing one is fine.
func (p Profiles) removeSecret(ctx context.Context, name string) error {
	if p.Keyring != nil {
		// Not found, or a keyring that does not work: either way it holds nothing more of ours.
		_, err := keyringDo(ctx, func() (struct{}, error) {
			return struct{}{}, p.Keyring.Delete(keyringService, keyringUser(name))
		})
		if ctx.Err() != nil {
			return fmt.Errorf("delete the secret of tenant %q: %w", name, err)
		}
	}
	s, err := p.loadSecrets()
	if err != nil {
		return err
	}
	if _, ok := s.Secrets[name]; ok {
		delete(s.Secrets, name)
		return writeTOML(p.secretsPath(), s, 0o600)
	}
	return nil
}

// keyringDo runs one keyring call so that ctx ends the wait. go-keyring has no context and a
// Secret Service that asks for an unlock, or never answers on a headless session, blocks it
// for good; hookterm catches SIGINT for clean exits, so without this Ctrl+C could not end
// the command. An abandoned call is left to finish or not: the process is about to exit.
func keyringDo[T any](ctx context.Context, f func() (T, error)) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		return zero, fmt.Errorf("the OS keyring did not answer: %w", ctx.Err())
	}
}

func keyringUser(name string) string { return "tenant:" + name }

func (p Profiles) load() (profileFile, error) {
	f := profileFile{Tenants: map[string]Profile{}}
	if err := readTOML(p.configPath(), &f); err != nil {
		return f, err
	}
	if f.Tenants == nil {
		f.Tenants = map[string]Profile{}
	}
	return f, nil
}

func (p Profiles) loadSecrets() (secretFile, error) {
	s := secretFile{Secrets: map[string]string{}}
	if err := readTOML(p.secretsPath(), &s); err != nil {
		return s, err
	}
	if s.Secrets == nil {
		s.Secrets = map[string]string{}
	}
	return s, nil
}

func readTOML(path string, v any) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := toml.Unmarshal(b, v); err != nil {
		// The decoder's error says what is wrong but not where; its String() would say
		// where by quoting the line, which may hold a secret: give the line number only.
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return fmt.Errorf("parse %s: line %d, column %d: %w", path, row, col, err)
		}
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

// writeTOML replaces path atomically (a temporary file renamed over it) with mode perm, so a
// crash never leaves half a config file and the secrets file is never readable by others.
func writeTOML(path string, v any, perm os.FileMode) error {
	b, err := toml.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
