package cmd

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/tenant"
)

// tenantsTestServe serves a fresh local tenant on loopback, as `hookterm serve` does, and
// returns its address and credentials.
func tenantsTestServe(t *testing.T) (addr, clientID, secret string) {
	t.Helper()
	tn, err := tenant.Open(context.Background(), t.TempDir(), tenant.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(tn.Handler())
	t.Cleanup(func() {
		srv.Close()
		_ = tn.Close()
	})
	id, s := tn.Credentials()
	return strings.TrimPrefix(srv.URL, "http://"), id, s
}

func TestTenantsAddListRemoveInFile(t *testing.T) {
	env := hooksTestEnv(t)
	res := hooksTestRun(t, env, "", 0, "tenants", "list")
	if !strings.Contains(res.Stderr, "no saved tenants") {
		t.Errorf("empty list: %s", res.Stderr)
	}
	res = hooksTestRun(t, env, "", 0, "tenants", "add", "prod", "--domain", "prod.eu.auth0.com", "--client-id", "cid", "--client-secret", "s3cr3t")
	if !strings.Contains(res.Stdout, "credentials.toml (mode 0600)") {
		t.Errorf("user not told where the secret went: %s", res.Stdout)
	}
	res = hooksTestRun(t, env, "tok3n\n", 0, "tenants", "add", "ci", "--domain", "ci.us.auth0.com", "--token", "-")
	res = hooksTestRun(t, env, "", 0, "tenants", "list")
	if !strings.Contains(res.Stdout, "prod.eu.auth0.com") || !strings.Contains(res.Stdout, "ci.us.auth0.com") || strings.Contains(res.Stdout, "s3cr3t") || strings.Contains(res.Stdout, "tok3n") {
		t.Errorf("list:\n%s", res.Stdout)
	}
	res = hooksTestRun(t, env, "", 0, "tenants", "list", "--json")
	var list []api.Profile
	if err := json.Unmarshal([]byte(res.Stdout), &list); err != nil || len(list) != 2 || list[0].Name != "ci" || list[0].Auth != api.AuthToken {
		t.Fatalf("list --json: %+v %v", list, err)
	}
	cfg, _ := os.ReadFile(filepath.Join(env["XDG_CONFIG_HOME"], "hookterm", "config.toml"))
	if strings.Contains(string(cfg), "s3cr3t") || strings.Contains(string(cfg), "tok3n") {
		t.Errorf("config.toml holds a secret:\n%s", cfg)
	}
	hooksTestRun(t, env, "", 0, "tenants", "remove", "prod")
	hooksTestRun(t, env, "", 1, "tenants", "remove", "prod")
	creds, _ := os.ReadFile(filepath.Join(env["XDG_CONFIG_HOME"], "hookterm", "credentials.toml"))
	if strings.Contains(string(creds), "s3cr3t") {
		t.Errorf("removed tenant's secret still stored:\n%s", creds)
	}
}

func TestTenantsAddRefusesBadInput(t *testing.T) {
	env := hooksTestEnv(t)
	hooksTestRun(t, env, "", 2, "tenants", "add", "x", "--client-id", "i", "--client-secret", "s")
	hooksTestRun(t, env, "", 2, "tenants", "add", "x", "--domain", "d.auth0.com")
	hooksTestRun(t, env, "", 2, "tenants", "add", "x", "--domain", "d.auth0.com", "--client-secret", "s")
	hooksTestRun(t, env, "", 2, "tenants", "add", "x", "--domain", "d.auth0.com", "--token", "t", "--client-id", "i", "--client-secret", "s")
	hooksTestRun(t, env, "", 2, "tenants", "add", "bad name", "--domain", "d.auth0.com", "--token", "t")
	res := hooksTestRun(t, env, "", 2, "tenants", "add", "x", "--domain", "10.0.0.7:4545", "--token", "t", "--insecure")
	if !strings.Contains(res.Stderr, "loopback") {
		t.Errorf("insecure remote: %s", res.Stderr)
	}
}

func TestTenantsAddUsesKeyring(t *testing.T) {
	keyring.MockInit()
	env := hooksTestEnv(t)
	delete(env, "HOOKTERM_KEYRING")
	res := hooksTestRun(t, env, "", 0, "tenants", "add", "prod", "--domain", "prod.eu.auth0.com", "--client-id", "cid", "--client-secret", "s3cr3t")
	if !strings.Contains(res.Stdout, "OS keyring") {
		t.Errorf("add: %s", res.Stdout)
	}
	if v, err := keyring.Get("hookterm", "tenant:prod"); err != nil || v != "s3cr3t" {
		t.Errorf("keyring: %q %v", v, err)
	}
	res = hooksTestRun(t, env, "", 0, "tenants", "list")
	if !strings.Contains(res.Stdout, "keyring") {
		t.Errorf("list: %s", res.Stdout)
	}
	hooksTestRun(t, env, "", 0, "tenants", "remove", "prod")
	if _, err := keyring.Get("hookterm", "tenant:prod"); err == nil {
		t.Error("secret left in the keyring")
	}
}

func TestTargetProfileAgainstServedTenant(t *testing.T) {
	addr, id, secret := tenantsTestServe(t)
	env := hooksTestEnv(t)
	hooksTestRun(t, env, secret+"\n", 0, "tenants", "add", "local", "--domain", addr, "--client-id", id, "--client-secret", "-", "--insecure")
	hooksTestRun(t, env, "", 0, "--tenant", "local", "hooks", "create", "--name", "served", "--trigger", "post-change-password")
	res := hooksTestRun(t, env, "", 0, "--tenant", "local", "hooks", "list", "--trigger", "post-change-password")
	if !strings.Contains(res.Stdout, "served") {
		t.Errorf("served tenant list:\n%s", res.Stdout)
	}
	// The embedded tenant in the data folder is a different tenant.
	res = hooksTestRun(t, env, "", 0, "hooks", "list", "--trigger", "post-change-password")
	if strings.Contains(res.Stdout, "served") {
		t.Errorf("embedded tenant shows the served tenant's hook:\n%s", res.Stdout)
	}
	hooksTestRun(t, env, "", 2, "--tenant", "nope", "hooks", "list")
}

func TestTargetFlagsAndEnvironment(t *testing.T) {
	addr, id, secret := tenantsTestServe(t)
	env := hooksTestEnv(t)
	// Flags.
	hooksTestRun(t, env, "", 0, "--domain", addr, "--client-id", id, "--client-secret", secret, "--insecure", "hooks", "create", "--name", "by-flags", "--trigger", "send-phone-message")
	// Environment: the names the Deploy CLI and terraform provider use.
	envRemote := map[string]string{"AUTH0_DOMAIN": addr, "AUTH0_CLIENT_ID": id, "AUTH0_CLIENT_SECRET": secret}
	for k, v := range env {
		envRemote[k] = v
	}
	res := hooksTestRun(t, envRemote, "", 0, "--insecure", "hooks", "get", "by-flags", "--json")
	if !strings.Contains(res.Stdout, `"by-flags"`) {
		t.Errorf("env target: %s", res.Stdout)
	}
	// --data is an explicit choice of the embedded tenant and beats the environment: that
	// tenant has no such hook (bad input, 2).
	hooksTestRun(t, envRemote, "", 2, "--data", filepath.Join(t.TempDir(), "d"), "hooks", "get", "by-flags")
	// Plain HTTP needs --insecure, and the error says so.
	res = hooksTestRun(t, envRemote, "", 1, "hooks", "list")
	if !strings.Contains(res.Stderr, "--insecure") {
		t.Errorf("https to a plain HTTP server: %s", res.Stderr)
	}
	// Wrong credentials: exit 1 with the hint.
	bad := map[string]string{"AUTH0_CLIENT_SECRET": "wrong"}
	for k, v := range envRemote {
		if _, ok := bad[k]; !ok {
			bad[k] = v
		}
	}
	res = hooksTestRun(t, bad, "", 1, "--insecure", "hooks", "list")
	if !strings.Contains(res.Stderr, "credentials are wrong") || strings.Contains(res.Stderr, "wrong\"") {
		t.Errorf("wrong secret: %s", res.Stderr)
	}

	hooksTestRun(t, env, "", 2, "--domain", addr, "--tenant", "x", "hooks", "list")
	hooksTestRun(t, env, "", 2, "--domain", addr, "--data", t.TempDir(), "hooks", "list")
	hooksTestRun(t, env, "", 2, "--client-id", "x", "hooks", "list")
	hooksTestRun(t, env, "", 2, "--insecure", "hooks", "list")
	hooksTestRun(t, env, "", 2, "--domain", addr, "--insecure", "hooks", "list")
}

func TestTargetDataFolder(t *testing.T) {
	home := t.TempDir()
	res := hooksTestRun(t, map[string]string{"HOME": home, "XDG_DATA_HOME": ""}, "", 0, "hooks", "list")
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "hookterm", "tenant.db")); err != nil {
		t.Errorf("default data folder not used: %v\n%s", err, res.Stderr)
	}
	dir := filepath.Join(t.TempDir(), "elsewhere")
	hooksTestRun(t, map[string]string{"HOME": home}, "", 0, "--data", dir, "hooks", "list")
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("--data folder: %v %v", st, err)
	}
}
