package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/tenant"
	"github.com/hookterm/hookterm/trigger"
)

// tenantTestOpen opens a real local tenant in a temporary folder with a client on it.
func tenantTestOpen(t *testing.T, opts tenant.Options) (*tenant.Tenant, *Client) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	tn, err := tenant.Open(ctx, dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	c, err := newEmbedded(ctx, tn, dir, RetryPolicy{MaxRetries: 2, MaxDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return tn, c
}

func TestOpenEmbeddedStartsWithStarterHooks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/data"
	c, err := OpenEmbedded(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Target() != (Target{Kind: TargetEmbedded, Display: dir}) {
		t.Errorf("target = %+v", c.Target())
	}
	hooks, err := c.ListHooks(ctx, ListHooksOptions{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[trigger.ID]bool{}
	for _, h := range hooks {
		seen[h.TriggerID] = true
		if h.Enabled {
			t.Errorf("starter hook %q is enabled", h.Name)
		}
	}
	for _, id := range trigger.IDs() {
		if !seen[id] {
			t.Errorf("no starter hook for %s", id)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening finds the same tenant: the credentials were stored.
	c2, err := OpenEmbedded(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	again, err := c2.ListHooks(ctx, ListHooksOptions{})
	if err != nil || len(again) != len(hooks) {
		t.Fatalf("after reopening: %d hooks, %v", len(again), err)
	}
}

func TestTenantHooksRoundTrip(t *testing.T) {
	ctx := context.Background()
	_, c := tenantTestOpen(t, tenant.Options{})
	script := "module.exports = function (recipient, text, context, cb) {\r\n\tcb();\r\n};\n"
	h, err := c.CreateHook(ctx, Hook{Name: "sms sender", Script: script, TriggerID: trigger.SendPhoneMessage, Dependencies: map[string]string{"axios": "1.6.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.ID) != 26 || h.Script != script || h.Enabled || h.Dependencies["axios"] != "1.6.0" {
		t.Fatalf("created %+v", h)
	}
	got, err := c.ResolveHook(ctx, "sms sender")
	if err != nil || got.ID != h.ID || got.Script != script {
		t.Fatalf("resolve by name: %+v %v", got, err)
	}
	got, err = c.ResolveHook(ctx, h.ID)
	if err != nil || got.ID != h.ID {
		t.Fatalf("resolve by id: %+v %v", got, err)
	}
	newName, on := "sms sender 2", true
	up, err := c.UpdateHook(ctx, h.ID, HookUpdate{Name: &newName, Enabled: &on})
	if err != nil || up.Name != newName || !up.Enabled || up.Script != script || up.TriggerID != trigger.SendPhoneMessage {
		t.Fatalf("update: %+v %v", up, err)
	}
	empty := map[string]string{}
	up, err = c.UpdateHook(ctx, h.ID, HookUpdate{Dependencies: &empty})
	if err != nil || len(up.Dependencies) != 0 {
		t.Fatalf("clear dependencies: %+v %v", up, err)
	}
	enabled, err := c.ListHooks(ctx, ListHooksOptions{Enabled: &on})
	if err != nil || len(enabled) != 1 || enabled[0].ID != h.ID {
		t.Fatalf("enabled hooks: %+v %v", enabled, err)
	}
	byPoint, err := c.ListHooks(ctx, ListHooksOptions{Trigger: trigger.SendPhoneMessage})
	if err != nil || len(byPoint) != 2 { // the starter hook and ours
		t.Fatalf("send-phone-message hooks: %d %v", len(byPoint), err)
	}
	if err := c.DeleteHook(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	err = c.DeleteHook(ctx, h.ID)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 404 || e.Code != "HookDoesNotExist" || !strings.Contains(e.Op, h.ID) {
		t.Fatalf("second delete: %#v", err)
	}
}

func TestTenantErrorsAreExplained(t *testing.T) {
	ctx := context.Background()
	_, c := tenantTestOpen(t, tenant.Options{})
	a, err := c.CreateHook(ctx, Hook{Name: "alpha", Script: "x", TriggerID: trigger.PostChangePassword, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CreateHook(ctx, Hook{Name: "beta", Script: "x", TriggerID: trigger.PostChangePassword})
	if err != nil {
		t.Fatal(err)
	}
	on := true
	_, err = c.UpdateHook(ctx, b.ID, HookUpdate{Enabled: &on})
	var e *Error
	if !errors.As(err, &e) || e.Code != "hook_enabled_conflict" || !strings.Contains(e.Message, "alpha") || !strings.Contains(e.Message, a.ID) || !strings.Contains(e.Hint, "--switch") {
		t.Fatalf("enable conflict: %#v", err)
	}
	_, err = c.CreateHook(ctx, Hook{Name: "alpha", Script: "x", TriggerID: trigger.SendPhoneMessage})
	if !errors.As(err, &e) || e.StatusCode != 409 || !strings.Contains(e.Hint, "unique") {
		t.Fatalf("duplicate name: %#v", err)
	}
	_, err = c.CreateHook(ctx, Hook{Name: "-bad name-", Script: "x", TriggerID: trigger.SendPhoneMessage})
	if !errors.Is(err, ErrBadRequest) || !strings.Contains(err.Error(), "Payload validation error") {
		t.Fatalf("bad name: %v", err)
	}
	_, err = c.CreateHook(ctx, Hook{Name: "x", Script: "x", TriggerID: "post-login"})
	if err == nil || !strings.Contains(err.Error(), "credentials-exchange") {
		t.Fatalf("unknown trigger: %v", err)
	}
	_, err = c.GetHook(ctx, "01HZZZZZZZZZZZZZZZZZZZZZZZ")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing hook: %v", err)
	}
	_, err = c.SecretNames(ctx, "01HZZZZZZZZZZZZZZZZZZZZZZZ")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("secrets of a missing hook: %v", err)
	}
}

func TestTenantSecrets(t *testing.T) {
	ctx := context.Background()
	_, c := tenantTestOpen(t, tenant.Options{})
	h, err := c.CreateHook(ctx, Hook{Name: "with secrets", Script: "x", TriggerID: trigger.CredentialsExchange})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetSecrets(ctx, h.ID, map[string]string{"API_KEY": "k1", "OTHER": "o"}); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSecrets(ctx, h.ID, map[string]string{"API_KEY": "k2", "THIRD": "t"}); err != nil {
		t.Fatal(err)
	}
	names, err := c.SecretNames(ctx, h.ID)
	if err != nil || strings.Join(names, ",") != "API_KEY,OTHER,THIRD" {
		t.Fatalf("names %v %v", names, err)
	}
	vals, err := c.SecretValues(ctx, h.ID)
	if err != nil || vals["API_KEY"] != "k2" || vals["OTHER"] != "o" || vals["THIRD"] != "t" || len(vals) != 3 {
		t.Fatalf("values for %v: %v", sortedKeys(vals), err)
	}
	if err := c.DeleteSecrets(ctx, h.ID, []string{"OTHER"}); err != nil {
		t.Fatal(err)
	}
	names, _ = c.SecretNames(ctx, h.ID)
	if strings.Join(names, ",") != "API_KEY,THIRD" {
		t.Fatalf("after delete: %v", names)
	}
	// The 21st secret is refused by the tenant (decisions.md: at most 20).
	many := map[string]string{}
	for i := range 19 {
		many["S"+string(rune('A'+i))] = "v"
	}
	err = c.SetSecrets(ctx, h.ID, many)
	if !errors.Is(err, ErrBadRequest) {
		t.Fatalf("21 secrets: %v", err)
	}
}

// tenantTestWrongCredentials hands out credentials the tenant does not know.
type tenantTestWrongCredentials struct{ *tenant.Tenant }

func (tenantTestWrongCredentials) Credentials() (string, string) { return "nobody", "nothing" }

func TestTenantWrongCredentials(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tn, err := tenant.Open(ctx, dir, tenant.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewEmbedded(ctx, tenantTestWrongCredentials{tn}, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.ListHooks(ctx, ListHooksOptions{})
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "client id and secret") {
		t.Fatalf("wrong credentials: %v", err)
	}
}

func TestTenantExpiredToken(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	clock := func() time.Time { return now }
	_, c := tenantTestOpen(t, tenant.Options{Now: func() time.Time { return clock() }, TokenTTL: time.Hour})
	if _, err := c.ListHooks(ctx, ListHooksOptions{}); err != nil {
		t.Fatal(err)
	}
	// The tenant's clock moves past the token's expiry; the client still believes in it.
	later := now.Add(2 * time.Hour)
	clock = func() time.Time { return later }
	_, err := c.ListHooks(ctx, ListHooksOptions{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 401 || !strings.Contains(e.Message, "Expired") || !strings.Contains(e.Hint, "expired") {
		t.Fatalf("expired token: %#v", err)
	}
}

func TestTenantInsufficientScope(t *testing.T) {
	ctx := context.Background()
	tn, _ := tenantTestOpen(t, tenant.Options{})
	id, secret := tn.Credentials()
	// A read-only token, asked for with the scope parameter.
	hc := &http.Client{Transport: handlerTransport{h: tn.Handler()}}
	resp, err := hc.PostForm("http://127.0.0.1:4545/oauth/token", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret},
		"audience": {"http://127.0.0.1:4545/api/v2/"}, "scope": {"read:hooks"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := decodeJSONBody(resp, &tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token: %v", err)
	}
	c, err := NewRemote(ctx, RemoteOptions{Domain: "127.0.0.1:4545", Token: tok.AccessToken, Insecure: true, Transport: handlerTransport{h: tn.Handler()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListHooks(ctx, ListHooksOptions{}); err != nil {
		t.Fatalf("read with a read-only token: %v", err)
	}
	_, err = c.CreateHook(ctx, Hook{Name: "nope", Script: "x", TriggerID: trigger.SendPhoneMessage})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 403 || e.Code != "insufficient_scope" || !strings.Contains(e.Hint, "grant the scope create:hooks") {
		t.Fatalf("write with a read-only token: %#v", err)
	}
}

func TestTenantRateLimitAfterRetries(t *testing.T) {
	ctx := context.Background()
	_, c := tenantTestOpen(t, tenant.Options{RateLimit: 0.001, RateBurst: 3})
	var err error
	for range 5 {
		if _, err = c.ListHooks(ctx, ListHooksOptions{}); err != nil {
			break
		}
	}
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrRateLimited) || !strings.Contains(e.Hint, "after 2 retries") {
		t.Fatalf("rate limited: %#v", err)
	}
}

// A `hookterm serve` tenant over loopback HTTP: client credentials, the hook API and the
// secret-values extension all work through the network path.
func TestServedTenantOverLoopback(t *testing.T) {
	ctx := context.Background()
	tn, _ := tenantTestOpen(t, tenant.Options{})
	srv := httptest.NewServer(tn.Handler())
	defer srv.Close()
	id, secret := tn.Credentials()
	c, err := NewRemote(ctx, RemoteOptions{Domain: srv.URL, ClientID: id, ClientSecret: secret, Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Target().Kind != TargetLocal || !c.Target().IsLocal() {
		t.Fatalf("target %+v", c.Target())
	}
	h, err := c.ResolveHook(ctx, "starter-send-phone-message")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetSecrets(ctx, h.ID, map[string]string{"TWILIO_TOKEN": "tw-1"}); err != nil {
		t.Fatal(err)
	}
	vals, err := c.SecretValues(ctx, h.ID)
	if err != nil || vals["TWILIO_TOKEN"] != "tw-1" {
		t.Fatalf("secret values over loopback: %v %v", sortedKeys(vals), err)
	}
	_, err = c.SecretValues(ctx, "01HZZZZZZZZZZZZZZZZZZZZZZZ")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("values of a missing hook: %v", err)
	}
}
