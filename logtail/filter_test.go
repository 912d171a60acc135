package logtail

import (
	"testing"

	"github.com/hookterm/hookterm/api"
)

func TestFilters(t *testing.T) {
	hooksWrite := api.LogEntry{Type: "sapi", Description: "Update a Hook",
		Details: map[string]any{"request": map[string]any{"path": "/api/v2/hooks/01HX"}}}
	usersWrite := api.LogEntry{Type: "sapi", Description: "Delete a User",
		Details: map[string]any{"request": map[string]any{"path": "/api/v2/users/auth0|1"}}}
	signup := api.LogEntry{Type: "fs", Description: "Signup denied by hook", ClientName: "My App", ClientID: "abc123",
		UserName: "chuck@example.com", UserID: "auth0|42", Connection: "Username-Password-Authentication"}
	cc := api.LogEntry{Type: "seccft", ClientName: "Billing API"}
	run := api.LogEntry{Type: "fhr", Description: "Hook run failed", Details: map[string]any{"hook_name": "deny-bad-domains"}}
	sms := api.LogEntry{Type: "gd_send_sms_failure"}
	pw := api.LogEntry{Type: "fcph"}
	purh := api.LogEntry{Type: "fpurh"}
	all := map[string]api.LogEntry{"hooksWrite": hooksWrite, "usersWrite": usersWrite, "signup": signup,
		"cc": cc, "run": run, "sms": sms, "pw": pw, "purh": purh}

	cases := []struct {
		filters, types []string
		want           []string
	}{
		{nil, nil, []string{"hooksWrite", "usersWrite", "signup", "cc", "run", "sms", "pw", "purh"}},
		{[]string{"hooks-api"}, nil, []string{"hooksWrite"}},
		{[]string{"signups"}, nil, []string{"signup"}},
		{[]string{"client-credentials"}, nil, []string{"cc"}},
		{[]string{"password-changes"}, nil, []string{"pw"}},
		{[]string{"post-registration"}, nil, []string{"purh"}},
		{[]string{"phone"}, nil, []string{"sms"}},
		{[]string{"runs"}, nil, []string{"run"}},
		{[]string{"hooks"}, nil, []string{"hooksWrite", "signup", "cc", "run", "sms", "pw", "purh"}},
		{nil, []string{"sapi"}, []string{"hooksWrite", "usersWrite"}},
		{nil, []string{"fs,seccft"}, []string{"signup", "cc"}},
		{[]string{"DENIED"}, nil, []string{"signup"}},
		{[]string{"deny-bad"}, nil, []string{"run"}},
		{[]string{"client:billing"}, nil, []string{"cc"}},
		{[]string{"user:auth0|42"}, nil, []string{"signup"}},
		{[]string{"signups", "runs", "hook"}, nil, []string{"signup", "run"}},
		{[]string{"type:fcph"}, nil, []string{"pw"}},
	}
	for _, c := range cases {
		f, err := ParseFilters(c.filters, c.types)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, w := range c.want {
			want[w] = true
		}
		for name, e := range all {
			if got := f.Match(&e); got != want[name] {
				t.Errorf("filters %v types %v: Match(%s) = %v, want %v", c.filters, c.types, name, got, want[name])
			}
		}
	}
}

func TestParseFiltersRejectsTwoClients(t *testing.T) {
	if _, err := ParseFilters([]string{"client:a", "client:b"}, nil); err == nil {
		t.Fatal("two client filters accepted")
	}
}

func TestFilterString(t *testing.T) {
	f, _ := ParseFilters([]string{"signups", "oops"}, []string{"fapi"})
	if got, want := f.String(), `signups + type fapi + "oops"`; got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	var none *Filter
	if none.String() != "all events" || !none.Match(&api.LogEntry{}) {
		t.Fatal("a nil filter must match everything")
	}
}

// The groups are shared by every filter of the process: a caller editing what LookupGroup or
// Groups returned must not change what the next filter matches.
func TestGroupsCannotBeChangedThroughResults(t *testing.T) {
	all, _ := LookupGroup("hooks")
	all[0].Types[0] = "changed"
	one, _ := LookupGroup("signups")
	one[0].Types[1] = "changed"
	Groups()[0].Types[0] = "changed"
	again, ok := LookupGroup("signups")
	if !ok || again[0].Types[0] != "ss" || again[0].Types[1] != "fs" {
		t.Fatalf("signups group after callers edited results: %+v", again)
	}
}
