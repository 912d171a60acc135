package tenant

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

func TestSecrets(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	m := tenantTestClient(t, tn, ts)
	tok := tenantTestToken(t, tn, ts, "")
	ctx := context.Background()
	h := &management.Hook{Name: auth0.String("with-secrets"), Script: auth0.String("s"), TriggerID: auth0.String("credentials-exchange")}
	if err := m.Hook.Create(ctx, h); err != nil {
		t.Fatal(err)
	}
	id := h.GetID()
	if err := m.Hook.CreateSecrets(ctx, id, management.HookSecrets{"API_KEY": "value-one", "OTHER": "value-two"}); err != nil {
		t.Fatalf("CreateSecrets: %v", err)
	}
	got, err := m.Hook.Secrets(ctx, id)
	if err != nil || len(got) != 2 || got["API_KEY"] != HiddenSecret || got["OTHER"] != HiddenSecret {
		t.Fatalf("Secrets = %v, %v", got, err)
	}
	if err := m.Hook.UpdateSecrets(ctx, id, management.HookSecrets{"API_KEY": "value-three"}); err != nil {
		t.Fatalf("UpdateSecrets: %v", err)
	}
	// Sending back the placeholder leaves a value unchanged.
	if err := m.Hook.UpdateSecrets(ctx, id, management.HookSecrets{"OTHER": HiddenSecret}); err != nil {
		t.Fatalf("UpdateSecrets placeholder: %v", err)
	}
	code, _, b := tenantTestDo(t, ts, "GET", "/hookterm/v1/hooks/"+id+"/secrets", tok, "")
	if code != 200 || string(b) != `{"API_KEY":"value-three","OTHER":"value-two"}` {
		t.Fatalf("secret values: %d %s", code, b)
	}
	if err := m.Hook.ReplaceSecrets(ctx, id, management.HookSecrets{"API_KEY": "v4", "NEW_ONE": "value-five"}); err != nil {
		t.Fatalf("ReplaceSecrets: %v", err)
	}
	code, _, b = tenantTestDo(t, ts, "GET", "/hookterm/v1/hooks/"+id+"/secrets", tok, "")
	if code != 200 || string(b) != `{"API_KEY":"v4","NEW_ONE":"value-five"}` {
		t.Fatalf("after replace: %d %s", code, b)
	}
	if err := m.Hook.RemoveSecrets(ctx, id, []string{"API_KEY", "NOT_THERE"}); err != nil {
		t.Fatalf("RemoveSecrets: %v", err)
	}
	if got, _ := m.Hook.Secrets(ctx, id); len(got) != 1 || got["NEW_ONE"] != HiddenSecret {
		t.Fatalf("after remove: %v", got)
	}
	if err := m.Hook.RemoveAllSecrets(ctx, id); err != nil {
		t.Fatalf("RemoveAllSecrets: %v", err)
	}
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/hooks/"+id+"/secrets", tok, "")
	if code != 200 || string(b) != `{}` {
		t.Fatalf("no secrets: %d %s", code, b)
	}

	// Refusals.
	twenty := map[string]string{}
	for i := 0; i < 20; i++ {
		twenty[fmt.Sprintf("S%02d", i)] = "v"
	}
	tw, _ := json.Marshal(twenty)
	if code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks/"+id+"/secrets", tok, string(tw)); code != 201 || string(b) != "{}" {
		t.Fatalf("20 secrets: %d %s", code, b)
	}
	big := strings.Repeat("v", MaxSecretValue)
	cases := []struct {
		name, method, path, body string
		status                   int
		code, msg                string
	}{
		{"21st", "POST", "/api/v2/hooks/" + id + "/secrets", `{"S20":"v"}`, 400, "invalid_body", "at most 20 secrets"},
		{"21 at once", "POST", "/api/v2/hooks/" + h.GetID() + "/secrets", `{"A0":"v","A1":"v","A2":"v","A3":"v","A4":"v","A5":"v","A6":"v","A7":"v","A8":"v","A9":"v","B0":"v","B1":"v","B2":"v","B3":"v","B4":"v","B5":"v","B6":"v","B7":"v","B8":"v","B9":"v","C0":"v"}`, 400, "invalid_body", "Too many properties defined (21), maximum 20"},
		{"duplicate", "POST", "/api/v2/hooks/" + id + "/secrets", `{"S00":"v"}`, 409, "secret_conflict", "Secret with the same name already exists."},
		{"bad name", "POST", "/api/v2/hooks/" + id + "/secrets", `{"a b":"v"}`, 400, "invalid_body", "Secret name does not match pattern"},
		{"empty value", "POST", "/api/v2/hooks/" + id + "/secrets", `{"E":""}`, 400, "invalid_body", "String is too short (0 chars), minimum 1"},
		{"value too long", "PATCH", "/api/v2/hooks/" + id + "/secrets", `{"S00":"` + big + `x"}`, 400, "invalid_body", "String is too long (65537 bytes), maximum 65536 bytes"},
		{"value not string", "PATCH", "/api/v2/hooks/" + id + "/secrets", `{"S00":1}`, 400, "invalid_body", "Expected type string"},
		{"empty object", "POST", "/api/v2/hooks/" + id + "/secrets", `{}`, 400, "invalid_body", "Too few properties defined (0), minimum 1"},
		{"patch unknown name", "PATCH", "/api/v2/hooks/" + id + "/secrets", `{"NOPE":"v"}`, 404, "HookSecretDoesNotExist", "Hook or secret not found."},
		{"missing hook", "POST", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA/secrets", `{"A":"v"}`, 404, "HookDoesNotExist", "Error: Hook does not exist"},
		{"missing hook get", "GET", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA/secrets", ``, 404, "HookDoesNotExist", "Error: Hook does not exist"},
		{"missing hook values", "GET", "/hookterm/v1/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA/secrets", ``, 404, "HookDoesNotExist", "Error: Hook does not exist"},
		{"delete not array", "DELETE", "/api/v2/hooks/" + id + "/secrets", `{"S00":"v"}`, 400, "invalid_body", "Expected type array"},
		{"delete empty", "DELETE", "/api/v2/hooks/" + id + "/secrets", `[]`, 400, "invalid_body", "Array is too short (0), minimum 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, b := tenantTestDo(t, ts, c.method, c.path, tok, c.body)
			tenantTestExpectError(t, code, b, c.status, c.code, c.msg)
		})
	}
	if code, _, b := tenantTestDo(t, ts, "PATCH", "/api/v2/hooks/"+id+"/secrets", tok, `{"S00":"`+big+`"}`); code != 201 {
		t.Fatalf("value at 65,536 bytes: %d %s", code, b)
	}
	// Deleting the hook deletes its secrets.
	if err := m.Hook.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tn.db.QueryRow("SELECT count(*) FROM secrets WHERE hook_id = ?", id).Scan(&n); err != nil || n != 0 {
		t.Fatalf("secrets left after delete: %d %v", n, err)
	}
	// A malformed body that may hold a value is masked whole in its fapi entry.
	if code, _, _ := tenantTestDo(t, ts, "POST", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA/secrets", tok, `["value-one"]`); code != 400 {
		t.Fatalf("array body: %d", code)
	}
	// No value ever reached the log, and the database file is private.
	var leaked int
	if err := tn.db.QueryRow("SELECT count(*) FROM logs WHERE entry LIKE '%value-one%' OR entry LIKE '%value-three%' OR entry LIKE '%value-five%'").Scan(&leaked); err != nil || leaked != 0 {
		t.Fatalf("secret values in the log: %d %v", leaked, err)
	}
	fi, err := os.Stat(filepath.Join(tn.Dir(), DBFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("tenant.db mode %v %v", fi.Mode(), err)
	}
	di, err := os.Stat(tn.Dir())
	if err != nil || di.Mode().Perm() != 0o700 {
		t.Fatalf("data folder mode %v %v", di.Mode(), err)
	}
}
