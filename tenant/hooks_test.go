package tenant

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"

	"github.com/hookterm/hookterm/trigger"
)

func statusOf(err error) int {
	var me management.Error
	if errors.As(err, &me) {
		return me.Status()
	}
	return 0
}

func TestFirstStartCreatesStarterHooks(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	if !tn.Created() {
		t.Fatal("Created() = false on a new folder")
	}
	ts := tenantTestServe(t, tn)
	m := tenantTestClient(t, tn, ts)
	list, err := m.Hook.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list.Hooks) != len(trigger.All()) {
		t.Fatalf("got %d starter hooks, want %d", len(list.Hooks), len(trigger.All()))
	}
	seen := map[string]bool{}
	for _, h := range list.Hooks {
		if h.GetEnabled() {
			t.Errorf("starter hook %s is enabled", h.GetName())
		}
		p, ok := trigger.Lookup(h.GetTriggerID())
		if !ok {
			t.Fatalf("starter hook with unknown trigger %q", h.GetTriggerID())
		}
		if h.GetName() != "starter-"+string(p.ID) || h.GetScript() != p.Starter || len(h.GetID()) != 26 {
			t.Errorf("starter hook %+v does not match point %s", h, p.ID)
		}
		seen[h.GetTriggerID()] = true
	}
	if len(seen) != len(trigger.All()) {
		t.Errorf("starter hooks cover %d points", len(seen))
	}
}

func TestHookCRUD(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	m := tenantTestClient(t, tn, ts)
	ctx := context.Background()

	script := "module.exports = function (user, context, cb) {\r\n\tcb(null, { user });\n};"
	h := &management.Hook{Name: auth0.String("my hook-1"), Script: auth0.String(script), TriggerID: auth0.String("pre-user-registration")}
	if err := m.Hook.Create(ctx, h); err != nil {
		t.Fatalf("Create: %v", err)
	}
	if h.GetID() == "" || h.GetEnabled() || h.GetDependencies() == nil || len(h.GetDependencies()) != 0 {
		t.Fatalf("created hook %+v: want an id, enabled false and empty dependencies", h)
	}
	got, err := m.Hook.Read(ctx, h.GetID())
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if got.GetScript() != script || got.GetName() != "my hook-1" {
		t.Fatalf("Read = %+v; script must round-trip byte for byte", got)
	}
	up := &management.Hook{Enabled: auth0.Bool(true), Dependencies: &map[string]string{"lodash": "4.17.21"}}
	if err := m.Hook.Update(ctx, h.GetID(), up); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if !up.GetEnabled() || up.GetName() != "my hook-1" || up.GetDependencies()["lodash"] != "4.17.21" {
		t.Fatalf("Update answered %+v", up)
	}
	only, err := m.Hook.Read(ctx, h.GetID(), management.IncludeFields("id", "enabled"))
	if err != nil {
		t.Fatalf("Read fields: %v", err)
	}
	if only.Name != nil || only.Script != nil || !only.GetEnabled() || only.GetID() != h.GetID() {
		t.Fatalf("Read with fields=id,enabled = %+v", only)
	}
	enabled, err := m.Hook.List(ctx, management.Parameter("enabled", "true"))
	if err != nil || len(enabled.Hooks) != 1 || enabled.Hooks[0].GetID() != h.GetID() {
		t.Fatalf("List enabled = %+v, %v", enabled, err)
	}
	byTrigger, err := m.Hook.List(ctx, management.Parameter("triggerId", "pre-user-registration"))
	if err != nil || len(byTrigger.Hooks) != 2 {
		t.Fatalf("List triggerId = %+v, %v", byTrigger, err)
	}
	if err := m.Hook.Delete(ctx, h.GetID()); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err = m.Hook.Read(ctx, h.GetID())
	if statusOf(err) != http.StatusNotFound || !strings.Contains(err.Error(), "Error: Hook does not exist") {
		t.Fatalf("Read after delete: %v", err)
	}
	if err := m.Hook.Delete(ctx, h.GetID()); statusOf(err) != http.StatusNotFound {
		t.Fatalf("second Delete: %v", err)
	}
}

// TestClientSideRequestsInProcess: requests built for a client (nil Body, no RemoteAddr, URL
// with scheme and host) handed straight to the handler, as an in-memory RoundTripper does.
func TestClientSideRequestsInProcess(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	h := tn.Handler()
	id, secret := tn.Credentials()
	req, _ := http.NewRequest("POST", "https://embedded.local/oauth/token", strings.NewReader("grant_type=client_credentials&client_id="+id+"&client_secret="+secret))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	tok := strings.Split(strings.TrimPrefix(rec.Body.String(), `{"access_token":"`), `"`)[0]
	var hookID string
	if err := tn.db.QueryRow("SELECT id FROM hooks LIMIT 1").Scan(&hookID); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"DELETE", "POST", "GET"} {
		req, _ := http.NewRequest(m, "https://embedded.local/api/v2/hooks/"+hookID, nil)
		req.Body = nil
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		want := map[string]int{"DELETE": 204, "POST": 405, "GET": 404}[m]
		if rec.Code != want {
			t.Fatalf("%s with a nil body: %d %s", m, rec.Code, rec.Body)
		}
	}
	req, _ = http.NewRequest("GET", "https://embedded.local/api/v2/logs?take=1", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Link"), "<https://embedded.local/api/v2/logs?from=") {
		t.Fatalf("checkpoint in process: %d %q", rec.Code, rec.Header().Get("Link"))
	}
}

// TestUncachedReadsMatchCached: where the WAL index cannot be mapped (or a writer is
// mid-commit) reads go to SQL; both paths must answer byte for byte the same.
func TestUncachedReadsMatchCached(t *testing.T) {
	tn := tenantTestOpen(t, Options{RateLimit: -1})
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	if code, body := l.do("POST", "/api/v2/hooks", `{"name":"deps","script":"x <b> & \"q\"\n\tü","triggerId":"send-phone-message","enabled":true,"dependencies":{"a":"1.0.0"}}`); code != 201 {
		t.Fatal(body)
	}
	var id string
	if err := tn.db.QueryRow("SELECT id FROM hooks WHERE name = 'deps'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	paths := []string{
		"/api/v2/hooks", "/api/v2/hooks?include_totals=true", "/api/v2/hooks?page=1&per_page=2",
		"/api/v2/hooks?enabled=true", "/api/v2/hooks?triggerId=send-phone-message&fields=name,enabled",
		"/api/v2/hooks?fields=script&include_fields=false&include_totals=true&per_page=3",
		"/api/v2/hooks/" + id, "/api/v2/hooks/" + id + "?fields=dependencies,id", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA",
	}
	cached := map[string]string{}
	for _, p := range paths {
		code, body := l.do("GET", p, "")
		cached[p] = fmt.Sprint(code, " ", body)
	}
	if tn.cache.snap.Load() == nil {
		t.Fatal("the cached path was not used")
	}
	tn.cache.close()
	tn.cache = &hookCache{} // off
	for _, p := range paths {
		code, body := l.do("GET", p, "")
		if got := fmt.Sprint(code, " ", body); got != cached[p] {
			t.Errorf("%s:\n cached   %s\n uncached %s", p, cached[p], got)
		}
	}
}

// TestConcurrentReadYourWrites: goroutines updating their own hook and reading it back at
// once always see their write, whatever the others do to the cache meanwhile.
func TestConcurrentReadYourWrites(t *testing.T) {
	tn := tenantTestOpen(t, Options{RateLimit: -1})
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	const workers, rounds = 6, 25
	ids := make([]string, workers)
	for w := range ids {
		code, body := l.do("POST", "/api/v2/hooks", fmt.Sprintf(`{"name":"w%d","script":"v0","triggerId":"post-change-password"}`, w))
		if code != 201 {
			t.Fatal(body)
		}
		ids[w] = body[7:33]
	}
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			for i := 1; i <= rounds; i++ {
				want := fmt.Sprintf(`"script":"v%d"`, i)
				if code, body := l.do("PATCH", "/api/v2/hooks/"+ids[w], fmt.Sprintf(`{"script":"v%d"}`, i)); code != 200 {
					errs <- fmt.Errorf("patch: %d %s", code, body)
					return
				}
				if code, body := l.do("GET", "/api/v2/hooks/"+ids[w], ""); code != 200 || !strings.Contains(body, want) {
					errs <- fmt.Errorf("worker %d round %d read %d %s", w, i, code, body)
					return
				}
				if code, body := l.do("GET", "/api/v2/hooks?triggerId=post-change-password&fields=name,script", ""); code != 200 || !strings.Contains(body, `"name":"w`+fmt.Sprint(w)+`","script":"v`+fmt.Sprint(i)+`"`) {
					errs <- fmt.Errorf("worker %d round %d list %d %s", w, i, code, body)
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
