package api

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

func TestClientHookLifecycleOnFake(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetEmbedded)

	created, err := c.CreateHook(ctx, Hook{Name: "my hook", Script: "module.exports = function (u, c, cb) { cb(); };", TriggerID: trigger.PreUserRegistration, Dependencies: map[string]string{"lodash": "4.17.21"}})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if created.ID == "" || created.Name != "my hook" || created.Enabled || created.Dependencies["lodash"] != "4.17.21" {
		t.Fatalf("created = %+v", created)
	}
	got, err := c.GetHook(ctx, created.ID)
	if err != nil || !reflect.DeepEqual(got, created) {
		t.Fatalf("get = %+v, %v; want %+v", got, err, created)
	}
	enabled := true
	updated, err := c.UpdateHook(ctx, created.ID, HookUpdate{Enabled: &enabled})
	if err != nil || !updated.Enabled || updated.Script != created.Script {
		t.Fatalf("update = %+v, %v", updated, err)
	}
	list, err := c.ListHooks(ctx, ListHooksOptions{Trigger: trigger.PreUserRegistration, Enabled: &enabled})
	if err != nil || len(list) != 1 || list[0].ID != created.ID {
		t.Fatalf("list = %+v, %v", list, err)
	}
	list, err = c.ListHooks(ctx, ListHooksOptions{Trigger: trigger.SendPhoneMessage})
	if err != nil || len(list) != 0 {
		t.Fatalf("list send-phone-message = %+v, %v", list, err)
	}
	if err := c.DeleteHook(ctx, created.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	_, err = c.GetHook(ctx, created.ID)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrNotFound) || e.Code != "HookDoesNotExist" || e.Message != "Error: Hook does not exist" {
		t.Fatalf("get after delete: %#v", err)
	}
	if !strings.Contains(err.Error(), "hooks list") {
		t.Errorf("404 hint missing: %v", err)
	}
	// The client credentials flow ran once; the token is reused.
	if fake.tokens != 1 {
		t.Errorf("token requests = %d, want 1", fake.tokens)
	}
}

func TestClientListFollowsPages(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetEmbedded)
	for i := range 230 {
		if _, err := c.CreateHook(ctx, Hook{Name: "h" + strconv.Itoa(i), Script: "x", TriggerID: trigger.SendPhoneMessage}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := c.ListHooks(ctx, ListHooksOptions{})
	if err != nil || len(list) != 230 || list[229].Name != "h229" {
		t.Fatalf("list: %d hooks, %v", len(list), err)
	}
	if n := fake.count("GET /api/v2/hooks"); n != 3 {
		t.Errorf("list pages requested = %d, want 3", n)
	}
}

func TestClientResolveHook(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetEmbedded)
	a, _ := c.CreateHook(ctx, Hook{Name: "alpha", Script: "a", TriggerID: trigger.PostChangePassword})
	b, _ := c.CreateHook(ctx, Hook{Name: "beta", Script: "b", TriggerID: trigger.PostChangePassword})

	if h, err := c.ResolveHook(ctx, a.ID); err != nil || h.ID != a.ID {
		t.Fatalf("by id: %+v, %v", h, err)
	}
	if h, err := c.ResolveHook(ctx, "beta"); err != nil || h.ID != b.ID || h.Script != "b" {
		t.Fatalf("by name: %+v, %v", h, err)
	}
	_, err := c.ResolveHook(ctx, "gamma")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"gamma"`) || !strings.Contains(err.Error(), "hooks list") {
		t.Fatalf("missing name: %v", err)
	}
	_, err = c.ResolveHook(ctx, "ALPHA")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `did you mean "alpha"?`) {
		t.Fatalf("name in the wrong case: %v", err)
	}
	// Two hooks with one name (seen on real tenants): the error lists both.
	fake.mu.Lock()
	fake.hooks[b.ID].Name = "alpha"
	fake.mu.Unlock()
	_, err = c.ResolveHook(ctx, "alpha")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || !errors.Is(err, ErrAmbiguous) || len(amb.Candidates) != 2 {
		t.Fatalf("ambiguous: %v", err)
	}
	if !strings.Contains(err.Error(), a.ID) || !strings.Contains(err.Error(), b.ID) {
		t.Errorf("ambiguous error does not list the candidates: %v", err)
	}
}

func TestClientConflictsExplainThemselves(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetEmbedded)
	first, _ := c.CreateHook(ctx, Hook{Name: "first", Script: "a", TriggerID: trigger.CredentialsExchange, Enabled: true})
	second, _ := c.CreateHook(ctx, Hook{Name: "second", Script: "b", TriggerID: trigger.CredentialsExchange})

	on := true
	_, err := c.UpdateHook(ctx, second.ID, HookUpdate{Enabled: &on})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrConflict) || !strings.Contains(e.Message, first.Name) || !strings.Contains(e.Hint, "--switch") {
		t.Fatalf("enable conflict: %#v", err)
	}
	_, err = c.CreateHook(ctx, Hook{Name: "first", Script: "c", TriggerID: trigger.SendPhoneMessage})
	if !errors.As(err, &e) || e.StatusCode != 409 || !strings.Contains(e.Hint, "unique") {
		t.Fatalf("name conflict: %#v", err)
	}
}

func TestClientSecrets(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetEmbedded)
	h, _ := c.CreateHook(ctx, Hook{Name: "s", Script: "a", TriggerID: trigger.SendPhoneMessage})

	if err := c.SetSecrets(ctx, h.ID, map[string]string{"A": "1", "B": "2"}); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSecrets(ctx, h.ID, map[string]string{"B": "3", "C": "4"}); err != nil {
		t.Fatal(err)
	}
	// The second call created C and updated B: one POST and one PATCH.
	if p, q := fake.count("POST /api/v2/hooks/"+h.ID+"/secrets"), fake.count("PATCH /api/v2/hooks/"+h.ID+"/secrets"); p != 2 || q != 1 {
		t.Errorf("POST %d, PATCH %d; want 2, 1", p, q)
	}
	names, err := c.SecretNames(ctx, h.ID)
	if err != nil || !reflect.DeepEqual(names, []string{"A", "B", "C"}) {
		t.Fatalf("names = %v, %v", names, err)
	}
	vals, err := c.SecretValues(ctx, h.ID)
	if err != nil || !reflect.DeepEqual(vals, map[string]string{"A": "1", "B": "3", "C": "4"}) {
		t.Fatalf("values = %v, %v", sortedKeys(vals), err)
	}
	if err := c.DeleteSecrets(ctx, h.ID, []string{"A", "C"}); err != nil {
		t.Fatal(err)
	}
	names, _ = c.SecretNames(ctx, h.ID)
	if !reflect.DeepEqual(names, []string{"B"}) {
		t.Fatalf("names after delete = %v", names)
	}
}

func TestSecretValuesRemoteTenant(t *testing.T) {
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetRemote)
	_, err := c.SecretValues(context.Background(), "01HZZZZZZZZZZZZZZZZZZZZZZZ")
	if !errors.Is(err, ErrNoSecretValues) {
		t.Fatalf("remote SecretValues: %v", err)
	}
	if n := fake.count("GET /hookterm/v1/hooks/01HZZZZZZZZZZZZZZZZZZZZZZZ/secrets"); n != 0 {
		t.Errorf("a remote tenant was asked for secret values %d times", n)
	}
}

func TestSecretValuesServerWithoutExtension(t *testing.T) {
	ctx := context.Background()
	fake := newAPIFake()
	c := apiTestClient(t, fake, TargetLocal)
	h, _ := c.CreateHook(ctx, Hook{Name: "s", Script: "a", TriggerID: trigger.SendPhoneMessage})
	fake.fail = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.HasPrefix(r.URL.Path, "/hookterm/") {
			http.NotFound(w, r)
			return true
		}
		return false
	}
	if _, err := c.SecretValues(ctx, h.ID); !errors.Is(err, ErrNoSecretValues) {
		t.Fatalf("loopback server without the extension: %v", err)
	}
}

func TestClientErrorsForPeople(t *testing.T) {
	cases := []struct {
		name, code, msg string
		status          int
		sentinel        error
		hint            string
	}{
		{"expired", "invalid_token", "Invalid token", 401, ErrUnauthorized, "expired"},
		{"scope", "insufficient_scope", "Insufficient scope, expected any of: read:hooks", 403, ErrForbidden, "grant the scope read:hooks"},
		{"deprecated", "", "Insufficient privileges to use this deprecated feature", 403, ErrDeprecated, "end of life on 2026-11-18"},
		{"bad body", "invalid_body", "Payload validation error: 'Additional properties not allowed: triggerId'.", 400, ErrBadRequest, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fake := newAPIFake()
			fake.fail = func(w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path == "/oauth/token" {
					return false
				}
				apiFakeError(w, tc.status, tc.code, tc.msg)
				return true
			}
			c := apiTestClient(t, fake, TargetRemote)
			_, err := c.ListHooks(context.Background(), ListHooksOptions{})
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, tc.sentinel) {
				t.Fatalf("err = %#v", err)
			}
			if e.StatusCode != tc.status || e.Code != tc.code || e.Message != tc.msg || !strings.Contains(e.Hint, tc.hint) || e.Op != "list hooks" {
				t.Fatalf("err = %+v", e)
			}
		})
	}
}

func TestClientWrongCredentials(t *testing.T) {
	fake := newAPIFake()
	c, err := newHandlerClient(context.Background(), fake, "fake-id", "s3cr3t-wrong-value", Target{Kind: TargetRemote, Display: "fake"}, embeddedRetryPolicy())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetHook(context.Background(), "01HZZZZZZZZZZZZZZZZZZZZZZZ")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) || !strings.Contains(e.Hint, "client id and secret") {
		t.Fatalf("wrong secret: %#v", err)
	}
	if strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("the error shows the secret: %v", err)
	}
}

func TestClientRefusesBadIDs(t *testing.T) {
	c := apiTestClient(t, newAPIFake(), TargetEmbedded)
	for _, id := range []string{"", "../logs", "a/b", "x?y"} {
		if _, err := c.GetHook(context.Background(), id); err == nil {
			t.Errorf("GetHook(%q) accepted", id)
		}
	}
	if _, err := c.UpdateHook(context.Background(), "abc", HookUpdate{}); err == nil {
		t.Error("empty update accepted")
	}
}

func TestClientWithoutManagementAPIGrant(t *testing.T) {
	fake := newAPIFake()
	fake.fail = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/oauth/token" {
			return false
		}
		apiFakeJSON(w, 403, map[string]string{"error": "access_denied", "error_description": `Client is not authorized to access "https://x/api/v2/".`})
		return true
	}
	c := apiTestClient(t, fake, TargetRemote)
	_, err := c.ListHooks(context.Background(), ListHooksOptions{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 403 || !strings.Contains(e.Message, "not authorized") || !strings.Contains(e.Hint, "read:hooks, create:hooks") {
		t.Fatalf("no grant: %#v", err)
	}
}
