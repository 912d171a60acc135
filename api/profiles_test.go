package api

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestProfilesInKeyring(t *testing.T) {
	ctx := context.Background()
	keyring.MockInit()
	p := Profiles{Dir: t.TempDir() + "/hookterm", Keyring: OSKeyring{}}
	where, err := p.Add(ctx, Profile{Name: "prod", Domain: "prod.eu.auth0.com", ClientID: "cid", Auth: AuthClientCredentials}, "s3cr3t")
	if err != nil || !strings.Contains(where, "OS keyring") {
		t.Fatalf("add: %q, %v", where, err)
	}
	if _, err := p.Add(ctx, Profile{Name: "dev", Domain: "127.0.0.1:4545", Auth: AuthToken, Insecure: true}, "tok"); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(p.configPath())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(cfg), "s3cr3t") || strings.Contains(string(cfg), "tok\"") {
		t.Fatalf("config.toml holds a secret:\n%s", cfg)
	}
	if !strings.Contains(string(cfg), "[tenants.prod]") {
		t.Errorf("config.toml:\n%s", cfg)
	}
	if v, _ := keyring.Get("hookterm", "tenant:prod"); v != "s3cr3t" {
		t.Errorf("keyring holds %q", v)
	}
	pr, secret, err := p.Get(ctx, "prod")
	if err != nil || secret != "s3cr3t" || pr.ClientID != "cid" || pr.SecretStore != SecretInKeyring || pr.Name != "prod" {
		t.Fatalf("get: %+v %v", pr, err)
	}
	list, err := p.List()
	if err != nil || len(list) != 2 || list[0].Name != "dev" || list[1].Name != "prod" || !list[0].Insecure {
		t.Fatalf("list: %+v %v", list, err)
	}
	if err := p.Remove(ctx, "prod"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get("hookterm", "tenant:prod"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("secret left in keyring after remove: %v", err)
	}
	if _, _, err := p.Get(ctx, "prod"); err == nil {
		t.Error("removed profile still readable")
	}
	if err := p.Remove(ctx, "prod"); err == nil {
		t.Error("removing a missing profile succeeded")
	}
}

func TestProfilesFallBackToFile(t *testing.T) {
	ctx := context.Background()
	keyring.MockInitWithError(errors.New("no secret service on the session bus"))
	p := Profiles{Dir: t.TempDir() + "/hookterm", Keyring: OSKeyring{}}
	where, err := p.Add(ctx, Profile{Name: "prod", Domain: "prod.eu.auth0.com", ClientID: "cid", Auth: AuthClientCredentials}, "s3cr3t")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(where, "not available") || !strings.Contains(where, p.SecretsPath()) || !strings.Contains(where, "0600") {
		t.Errorf("user not told where the secret went: %q", where)
	}
	st, err := os.Stat(p.SecretsPath())
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secrets file: %v %v", st, err)
	}
	pr, secret, err := p.Get(ctx, "prod")
	if err != nil || secret != "s3cr3t" || pr.SecretStore != SecretInFile {
		t.Fatalf("get: %+v %q %v", pr, secret, err)
	}
	if err := p.Remove(ctx, "prod"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p.SecretsPath())
	if strings.Contains(string(b), "s3cr3t") {
		t.Errorf("secret left in file after remove:\n%s", b)
	}
}

func TestProfilesValidate(t *testing.T) {
	ctx := context.Background()
	p := Profiles{Dir: t.TempDir()}
	bad := []Profile{
		{Name: "has space", Domain: "d.auth0.com", Auth: AuthToken},
		{Name: "ok", Domain: "", Auth: AuthToken},
		{Name: "ok", Domain: "d.auth0.com", Auth: AuthClientCredentials},
		{Name: "ok", Domain: "d.auth0.com", Auth: "password"},
	}
	for _, pr := range bad {
		if _, err := p.Add(ctx, pr, "x"); err == nil {
			t.Errorf("accepted %+v", pr)
		}
	}
	if _, err := p.Add(ctx, Profile{Name: "ok", Domain: "d.auth0.com", Auth: AuthToken}, ""); err == nil {
		t.Error("accepted an empty secret")
	}
}

// A hand-edited config that does not parse says on which line, and never quotes the file
// (credentials.toml holds secrets).
func TestProfilesParseErrorNamesTheLine(t *testing.T) {
	ctx := context.Background()
	p := Profiles{Dir: t.TempDir()}
	if err := os.WriteFile(p.SecretsPath(), []byte("[secrets]\nprod = 's3cr3t'\noops s3cr3t-two\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p.Dir, "config.toml"), []byte("[tenants.prod]\ndomain = 'prod.eu.auth0.com'\nauth = 'token'\nsecret_store = 'file'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := p.Get(ctx, "prod")
	if err == nil || !strings.Contains(err.Error(), "line 3") || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("parse error: %v", err)
	}
}

// profilesTestStuckKeyring never answers, as a Secret Service waiting for an unlock prompt on a
// headless session; each call says on started that it is waiting.
type profilesTestStuckKeyring struct{ started, release chan struct{} }

func (k profilesTestStuckKeyring) wait() { k.started <- struct{}{}; <-k.release }

func (k profilesTestStuckKeyring) Set(string, string, string) error { k.wait(); return nil }
func (k profilesTestStuckKeyring) Get(string, string) (string, error) {
	k.wait()
	return "", nil
}
func (k profilesTestStuckKeyring) Delete(string, string) error { k.wait(); return nil }

// A keyring that never answers blocked tenants add/remove and every --tenant command for good;
// hookterm catches SIGINT, so Ctrl+C did not end them. Cancelling the context must, while the
// keyring call is waiting.
func TestProfilesStuckKeyringEndsWithContext(t *testing.T) {
	k := profilesTestStuckKeyring{started: make(chan struct{}, 3), release: make(chan struct{})}
	t.Cleanup(func() { close(k.release) })
	p := Profiles{Dir: t.TempDir(), Keyring: k}
	interrupted := func() context.Context {
		ctx, cancel := context.WithCancel(context.Background())
		go func() { <-k.started; cancel() }()
		return ctx
	}
	if _, err := p.Add(interrupted(), Profile{Name: "prod", Domain: "prod.eu.auth0.com", Auth: AuthToken}, "tok"); !errors.Is(err, context.Canceled) {
		t.Fatalf("add: %v", err)
	}
	if _, err := os.Stat(filepath.Join(p.Dir, "config.toml")); !os.IsNotExist(err) {
		t.Errorf("an interrupted add saved the profile: %v", err)
	}
	// A profile filed in the keyring by an earlier run.
	if err := os.WriteFile(filepath.Join(p.Dir, "config.toml"), []byte("[tenants.prod]\ndomain = 'prod.eu.auth0.com'\nauth = 'token'\nsecret_store = 'keyring'\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.Get(interrupted(), "prod"); !errors.Is(err, context.Canceled) {
		t.Fatalf("get: %v", err)
	}
	if err := p.Remove(interrupted(), "prod"); !errors.Is(err, context.Canceled) {
		t.Fatalf("remove: %v", err)
	}
}
