package tenant

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

func TestHookValidation(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "")
	code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, `{"name":"existing","script":"s","triggerId":"send-phone-message"}`)
	if code != 201 {
		t.Fatalf("create: %d %s", code, b)
	}
	id := string(b[strings.Index(string(b), `"id":"`)+6:][:26])
	long := strings.Repeat("a", 129)
	big := strings.Repeat("x", MaxScriptBytes+1)
	cases := []struct {
		name, method, path, body string
		status                   int
		code, msg                string
	}{
		{"bad name", "POST", "/api/v2/hooks", `{"name":"-bad","script":"s","triggerId":"send-phone-message"}`, 400, "invalid_body",
			"Payload validation error: 'String does not match pattern ^[a-zA-Z0-9]([ \\-a-zA-Z0-9]*[a-zA-Z0-9])?$: -bad' on property name (Name of this hook)."},
		{"underscore name", "POST", "/api/v2/hooks", `{"name":"a_b","script":"s","triggerId":"send-phone-message"}`, 400, "invalid_body", "does not match pattern"},
		{"long name", "POST", "/api/v2/hooks", `{"name":"` + long + `","script":"s","triggerId":"send-phone-message"}`, 400, "invalid_body", "String is too long (129 chars), maximum 128"},
		{"empty script", "POST", "/api/v2/hooks", `{"name":"n","script":"","triggerId":"send-phone-message"}`, 400, "invalid_body", "String is too short (0 chars), minimum 1"},
		{"big script", "POST", "/api/v2/hooks", `{"name":"n","script":"` + big + `","triggerId":"send-phone-message"}`, 400, "invalid_body", "String is too long (102401 bytes), maximum 102400 bytes"},
		// The limit is in bytes (decisions.md): 51,201 two-byte characters are 102,402 bytes.
		{"big script in characters", "POST", "/api/v2/hooks", `{"name":"n","script":"` + strings.Repeat("é", 51201) + `","triggerId":"send-phone-message"}`, 400, "invalid_body", "String is too long (102402 bytes), maximum 102400 bytes"},
		{"unknown trigger", "POST", "/api/v2/hooks", `{"name":"n","script":"s","triggerId":"post-login"}`, 400, "invalid_body", `No enum match for: "post-login"`},
		{"missing", "POST", "/api/v2/hooks", `{"name":"n"}`, 400, "invalid_body",
			"Payload validation error: 'Missing required property: script'. (also) 'Missing required property: triggerId'."},
		{"unknown property", "POST", "/api/v2/hooks", `{"name":"n","script":"s","triggerId":"send-phone-message","secrets":{}}`, 400, "invalid_body", "'Additional properties not allowed: secrets'."},
		{"enabled as string", "POST", "/api/v2/hooks", `{"name":"n","script":"s","triggerId":"send-phone-message","enabled":"true"}`, 400, "invalid_body", "Expected type boolean but found type string"},
		{"dependency not string", "POST", "/api/v2/hooks", `{"name":"n","script":"s","triggerId":"send-phone-message","dependencies":{"a":1}}`, 400, "invalid_body", "Expected type string but found type integer"},
		{"not JSON", "POST", "/api/v2/hooks", `{"name":`, 400, "invalid_body", "Invalid request payload JSON format"},
		{"array body", "POST", "/api/v2/hooks", `[]`, 400, "invalid_body", "Expected type object but found type array"},
		{"duplicate name", "POST", "/api/v2/hooks", `{"name":"existing","script":"s","triggerId":"credentials-exchange"}`, 409, "hook_conflict", "Hook with the same name already exists."},
		{"patch triggerId", "PATCH", "/api/v2/hooks/" + id, `{"triggerId":"credentials-exchange"}`, 400, "invalid_body",
			"Payload validation error: 'Additional properties not allowed: triggerId'."},
		{"patch empty", "PATCH", "/api/v2/hooks/" + id, `{}`, 400, "invalid_body", "Payload validation error: 'Too few properties defined (0), minimum 1'."},
		{"patch rename to taken", "PATCH", "/api/v2/hooks/" + id, `{"name":"starter-send-phone-message"}`, 409, "hook_conflict", "A hook with the same name already exists."},
		{"patch missing hook", "PATCH", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA", `{"enabled":false}`, 404, "HookDoesNotExist", "Error: Hook does not exist"},
		{"bad id", "GET", "/api/v2/hooks/a_b", "", 400, "invalid_uri", "does not match pattern"},
		{"bad page", "GET", "/api/v2/hooks?page=x", "", 400, "invalid_query_string", "on property page"},
		{"per_page too big", "GET", "/api/v2/hooks?per_page=101", "", 400, "invalid_query_string", "greater than maximum 100"},
		{"bad triggerId filter", "GET", "/api/v2/hooks?triggerId=nope", "", 400, "invalid_query_string", "No enum match"},
		{"bad fields", "GET", "/api/v2/hooks?fields=id,secrets", "", 400, "invalid_query_string", "on property fields"},
		{"bad enabled filter", "GET", "/api/v2/hooks?enabled=maybe", "", 400, "invalid_query_string", "on property enabled"},
		{"unknown path", "GET", "/api/v2/rules", "", 404, "not_found", "Not Found"},
		{"wrong method", "PUT", "/api/v2/hooks/" + id, "{}", 405, "method_not_allowed", "PUT"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, h, b := tenantTestDo(t, ts, c.method, c.path, tok, c.body)
			tenantTestExpectError(t, code, b, c.status, c.code, c.msg)
			if h.Get("X-RateLimit-Remaining") == "" {
				t.Error("no X-RateLimit-Remaining")
			}
		})
	}
	// Nothing refused was stored: the tenant still has the five starters and "existing".
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/hooks?include_totals=true&fields=id", tok, "")
	if code != 200 || !strings.HasPrefix(string(b), `{"total":6,`) {
		t.Fatalf("after refusals: %d %s", code, b)
	}
	// The largest script and name allowed are accepted, byte for byte.
	okScript := strings.Repeat("\t// x\r\n", MaxScriptBytes/7) + strings.Repeat("y", MaxScriptBytes%7)
	m := tenantTestClient(t, tn, ts)
	h := &management.Hook{Name: auth0.String(strings.Repeat("b", 128)), Script: auth0.String(okScript), TriggerID: auth0.String("send-phone-message")}
	if err := m.Hook.Create(context.Background(), h); err != nil {
		t.Fatalf("create at the limits: %v", err)
	}
	got, err := m.Hook.Read(context.Background(), h.GetID())
	if err != nil || got.GetScript() != okScript || len(okScript) != MaxScriptBytes {
		t.Fatalf("script at the limit did not round-trip (%v)", err)
	}
	single := &management.Hook{Name: auth0.String("z"), Script: auth0.String("s"), TriggerID: auth0.String("send-phone-message")}
	if err := m.Hook.Create(context.Background(), single); err != nil {
		t.Fatalf("one-character name: %v", err)
	}
}

func TestOneEnabledHookPerPoint(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	m := tenantTestClient(t, tn, ts)
	ctx := context.Background()
	first := &management.Hook{Name: auth0.String("first"), Script: auth0.String("s"), TriggerID: auth0.String("credentials-exchange"), Enabled: auth0.Bool(true)}
	if err := m.Hook.Create(ctx, first); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`"first" (%s) is already enabled for credentials-exchange`, first.GetID())
	tok := tenantTestToken(t, tn, ts, "")
	code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, `{"name":"second","script":"s","triggerId":"credentials-exchange","enabled":true}`)
	tenantTestExpectError(t, code, b, http.StatusConflict, "hook_enabled_conflict", want)

	second := &management.Hook{Name: auth0.String("second"), Script: auth0.String("s"), TriggerID: auth0.String("credentials-exchange")}
	if err := m.Hook.Create(ctx, second); err != nil {
		t.Fatal(err)
	}
	code, _, b = tenantTestDo(t, ts, "PATCH", "/api/v2/hooks/"+second.GetID(), tok, `{"enabled":true}`)
	tenantTestExpectError(t, code, b, http.StatusConflict, "hook_enabled_conflict", want)
	// Another point is independent, and re-enabling the enabled hook is not a conflict.
	other := &management.Hook{Name: auth0.String("other"), Script: auth0.String("s"), TriggerID: auth0.String("send-phone-message"), Enabled: auth0.Bool(true)}
	if err := m.Hook.Create(ctx, other); err != nil {
		t.Fatalf("enabled hook on another point: %v", err)
	}
	if err := m.Hook.Update(ctx, first.GetID(), &management.Hook{Enabled: auth0.Bool(true)}); err != nil {
		t.Fatalf("re-enable: %v", err)
	}
	// The switch: disable the first, then enable the second.
	if err := m.Hook.Update(ctx, first.GetID(), &management.Hook{Enabled: auth0.Bool(false)}); err != nil {
		t.Fatal(err)
	}
	if err := m.Hook.Update(ctx, second.GetID(), &management.Hook{Enabled: auth0.Bool(true)}); err != nil {
		t.Fatalf("enable after disabling the other: %v", err)
	}
	list, err := m.Hook.List(ctx, management.Parameter("enabled", "true"), management.Parameter("triggerId", "credentials-exchange"))
	if err != nil || len(list.Hooks) != 1 || list.Hooks[0].GetID() != second.GetID() {
		t.Fatalf("enabled credentials-exchange hooks: %+v %v", list, err)
	}
}

func TestListHooksPagingAndFields(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "")
	for i := 0; i < 7; i++ {
		if code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, fmt.Sprintf(`{"name":"h%d","script":"s","triggerId":"post-change-password"}`, i)); code != 201 {
			t.Fatalf("create: %d %s", code, b)
		}
	}
	code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks?page=2&per_page=5&include_totals=true&fields=name", tok, "")
	if code != 200 || string(b) != `{"total":12,"start":10,"limit":5,"hooks":[{"name":"h5"},{"name":"h6"}]}` {
		t.Fatalf("page 2: %d %s", code, b)
	}
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/hooks?triggerId=post-change-password&per_page=2&fields=script,dependencies,name&include_fields=false", tok, "")
	if code != 200 || !strings.HasPrefix(string(b), `[{"id":"`) || strings.Contains(string(b), `"script"`) || strings.Count(string(b), `"enabled":false,"triggerId":"post-change-password"}`) != 2 {
		t.Fatalf("exclude fields: %d %s", code, b)
	}
	// Without paging parameters the whole list comes back as a bare array.
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/hooks?fields=id", tok, "")
	if code != 200 || strings.Count(string(b), `"id"`) != 12 || b[0] != '[' {
		t.Fatalf("all: %d %s", code, b)
	}
}

func TestListTotalsDefaultPage(t *testing.T) {
	tn := tenantTestOpen(t, Options{RateLimit: -1})
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 55; i++ {
		if err := l.create(fmt.Sprintf("many-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	code, body := l.do("GET", "/api/v2/hooks?include_totals=true&fields=id", "")
	if code != 200 || !strings.HasPrefix(body, `{"total":60,"start":0,"limit":50,"hooks":[`) || strings.Count(body, `"id"`) != 50 {
		t.Fatalf("totals without per_page: %d %.80s… (%d ids)", code, body, strings.Count(body, `"id"`))
	}
	code, body = l.do("GET", "/api/v2/hooks?include_totals=true&page=1&fields=id", "")
	if code != 200 || !strings.HasPrefix(body, `{"total":60,"start":50,"limit":50,"hooks":[`) || strings.Count(body, `"id"`) != 10 {
		t.Fatalf("second page: %d %.80s", code, body)
	}
}
