package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
)

// hooksTestEnv is an environment whose data and config folders persist across runCLI calls.
func hooksTestEnv(t *testing.T) map[string]string {
	t.Helper()
	home := t.TempDir()
	return map[string]string{
		"HOME":             home,
		"XDG_DATA_HOME":    filepath.Join(home, "data"),
		"XDG_CONFIG_HOME":  filepath.Join(home, "config"),
		"HOOKTERM_KEYRING": "file",
	}
}

// hooksTestRun runs a command line and fails the test unless it exits with want.
func hooksTestRun(t *testing.T, env map[string]string, stdin string, want int, args ...string) cliResult {
	t.Helper()
	res := runCLI(t, env, stdin, args...)
	if res.Code != want {
		t.Fatalf("hookterm %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), res.Code, want, res.Stdout, res.Stderr)
	}
	return res
}

func hooksTestGet(t *testing.T, env map[string]string, idOrName string) api.Hook {
	t.Helper()
	res := hooksTestRun(t, env, "", 0, "hooks", "get", idOrName, "--json")
	var h api.Hook
	if err := json.Unmarshal([]byte(res.Stdout), &h); err != nil {
		t.Fatalf("hooks get --json: %v\n%s", err, res.Stdout)
	}
	return h
}

func TestHooksListShowsEveryPoint(t *testing.T) {
	env := hooksTestEnv(t)
	res := hooksTestRun(t, env, "", 0, "hooks", "list")
	last := -1
	for _, p := range trigger.All() {
		i := strings.Index(res.Stdout, p.Title+" ("+string(p.ID)+")")
		if i < 0 || i < last {
			t.Fatalf("point %s missing or out of order:\n%s", p.ID, res.Stdout)
		}
		last = i
		if !strings.Contains(res.Stdout, "starter-"+string(p.ID)) {
			t.Errorf("starter hook of %s not listed", p.ID)
		}
	}

	res = hooksTestRun(t, env, "", 0, "hooks", "list", "--json")
	var hooks []api.Hook
	if err := json.Unmarshal([]byte(res.Stdout), &hooks); err != nil || len(hooks) != 5 {
		t.Fatalf("--json: %d hooks, %v", len(hooks), err)
	}

	res = hooksTestRun(t, env, "", 0, "hooks", "list", "--trigger", "send-phone-message")
	if strings.Contains(res.Stdout, "credentials-exchange") || !strings.Contains(res.Stdout, "starter-send-phone-message") {
		t.Errorf("--trigger send-phone-message:\n%s", res.Stdout)
	}
	res = hooksTestRun(t, env, "", 0, "hooks", "list", "--enabled")
	if strings.Count(res.Stdout, "no enabled hook") != 5 {
		t.Errorf("--enabled on a fresh tenant:\n%s", res.Stdout)
	}
	res = hooksTestRun(t, env, "", 2, "hooks", "list", "--trigger", "post-login")
	if !strings.Contains(res.Stderr, "credentials-exchange") {
		t.Errorf("bad --trigger: %s", res.Stderr)
	}
}

func TestHooksCreateGetUpdateDelete(t *testing.T) {
	env := hooksTestEnv(t)
	// No --script: the point's starter script.
	res := hooksTestRun(t, env, "", 0, "hooks", "create", "--name", "grant extra", "--trigger", "credentials-exchange", "--dependency", "@scope/pkg@1.2.3", "--dependency", "lodash@4.17.21")
	if !strings.Contains(res.Stdout, `created hook "grant extra"`) {
		t.Errorf("create output: %s", res.Stdout)
	}
	h := hooksTestGet(t, env, "grant extra")
	p, _ := trigger.Lookup("credentials-exchange")
	if h.Script != p.Starter || h.TriggerID != p.ID || h.Enabled || h.Dependencies["@scope/pkg"] != "1.2.3" || h.Dependencies["lodash"] != "4.17.21" {
		t.Fatalf("created hook: %+v", h)
	}
	// The same hook by id, as text.
	res = hooksTestRun(t, env, "", 0, "hooks", "get", h.ID)
	if !strings.Contains(res.Stdout, "name:     grant extra") || !strings.Contains(res.Stdout, "module.exports = function(client, scope") {
		t.Errorf("hooks get:\n%s", res.Stdout)
	}

	// A script from stdin, byte for byte.
	script := "module.exports = function (client, scope, audience, context, cb) {\r\n\tcb(null, {});\r\n};"
	res = hooksTestRun(t, env, script, 0, "hooks", "update", "grant extra", "--script", "-", "--name", "grant-extra-2")
	if !strings.Contains(res.Stdout, "name, script") {
		t.Errorf("update output: %s", res.Stdout)
	}
	h2 := hooksTestGet(t, env, h.ID)
	if h2.Script != script || h2.Name != "grant-extra-2" || h2.Enabled {
		t.Fatalf("after update: %+v", h2)
	}
	// Unchanged values send nothing.
	res = hooksTestRun(t, env, "", 0, "hooks", "update", h.ID, "--name", "grant-extra-2", "--enabled=false")
	if !strings.Contains(res.Stdout, "nothing sent") {
		t.Errorf("no-op update: %s", res.Stdout)
	}
	hooksTestRun(t, env, "", 2, "hooks", "update", h.ID)
	// Dependencies: the flag replaces the set; --no-dependencies clears it.
	res = hooksTestRun(t, env, "", 0, "hooks", "update", h.ID, "--dependency", "axios@1.6.0")
	if !strings.Contains(res.Stdout, "dependencies") {
		t.Errorf("update deps output: %s", res.Stdout)
	}
	if d := hooksTestGet(t, env, h.ID).Dependencies; len(d) != 1 || d["axios"] != "1.6.0" {
		t.Fatalf("dependencies after update: %v", d)
	}
	hooksTestRun(t, env, "", 0, "hooks", "update", h.ID, "--no-dependencies")
	if d := hooksTestGet(t, env, h.ID).Dependencies; len(d) != 0 {
		t.Fatalf("dependencies after --no-dependencies: %v", d)
	}
	hooksTestRun(t, env, "", 2, "hooks", "update", h.ID, "--no-dependencies", "--dependency", "a@1")

	// Deleting needs --yes when stdin is not a terminal.
	res = hooksTestRun(t, env, "y\n", 2, "hooks", "delete", h.ID)
	if !strings.Contains(res.Stderr, "--yes") {
		t.Errorf("delete without --yes: %s", res.Stderr)
	}
	hooksTestGet(t, env, h.ID)
	hooksTestRun(t, env, "", 0, "hooks", "delete", "grant-extra-2", "--yes")
	res = hooksTestRun(t, env, "", 2, "hooks", "get", h.ID)
	if !strings.Contains(res.Stderr, "hooks list") {
		t.Errorf("get after delete: %s", res.Stderr)
	}
}

func TestHooksCreateRefusesBadInput(t *testing.T) {
	env := hooksTestEnv(t)
	hooksTestRun(t, env, "", 2, "hooks", "create", "--trigger", "credentials-exchange")
	hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "x")
	hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "x", "--trigger", "post-login")
	hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "x", "--trigger", "send-phone-message", "--dependency", "lodash")
	hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "x", "--trigger", "send-phone-message", "--script", filepath.Join(t.TempDir(), "missing.js"))
	// The tenant's refusals quote it; a conflict is a failure (1).
	res := hooksTestRun(t, env, "", 1, "hooks", "create", "--name", "starter-send-phone-message", "--trigger", "send-phone-message")
	if !strings.Contains(res.Stderr, "same name") || !strings.Contains(res.Stderr, "unique") {
		t.Errorf("duplicate name: %s", res.Stderr)
	}
	// A body the tenant finds invalid is bad input too.
	res = hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "-bad-", "--trigger", "send-phone-message")
	if !strings.Contains(res.Stderr, "Payload validation error") {
		t.Errorf("bad name: %s", res.Stderr)
	}
}

func TestHooksEnableSwitchDisable(t *testing.T) {
	env := hooksTestEnv(t)
	script := filepath.Join(t.TempDir(), "pur.js")
	if err := os.WriteFile(script, []byte("module.exports = function (user, context, cb) { cb(null, { user: user }); };\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hooksTestRun(t, env, "", 0, "hooks", "create", "--name", "pur-a", "--trigger", "pre-user-registration", "--script", script, "--enabled")
	hooksTestRun(t, env, "", 0, "hooks", "create", "--name", "pur-b", "--trigger", "pre-user-registration", "--script", script)

	// Without --switch: refused, naming the enabled hook and the way out.
	res := hooksTestRun(t, env, "", 1, "hooks", "enable", "pur-b")
	if !strings.Contains(res.Stderr, `"pur-a"`) || !strings.Contains(res.Stderr, "--switch") {
		t.Errorf("enable conflict: %s", res.Stderr)
	}
	if !hooksTestGet(t, env, "pur-a").Enabled || hooksTestGet(t, env, "pur-b").Enabled {
		t.Fatal("a refused enable changed something")
	}
	// A second enabled hook at creation is refused by the tenant too.
	res = hooksTestRun(t, env, "", 1, "hooks", "create", "--name", "pur-c", "--trigger", "pre-user-registration", "--enabled")
	if !strings.Contains(res.Stderr, "pur-a") {
		t.Errorf("create --enabled conflict: %s", res.Stderr)
	}

	res = hooksTestRun(t, env, "", 0, "hooks", "enable", "pur-b", "--switch")
	if !strings.Contains(res.Stdout, `enabled hook "pur-b"`) || !strings.Contains(res.Stdout, `disabled hook "pur-a"`) {
		t.Errorf("switch output: %s", res.Stdout)
	}
	if hooksTestGet(t, env, "pur-a").Enabled || !hooksTestGet(t, env, "pur-b").Enabled {
		t.Fatal("switch did not switch")
	}
	res = hooksTestRun(t, env, "", 0, "hooks", "enable", "pur-b")
	if !strings.Contains(res.Stdout, "already enabled") {
		t.Errorf("enable twice: %s", res.Stdout)
	}
	res = hooksTestRun(t, env, "", 0, "hooks", "disable", "pur-b", "--json")
	var h api.Hook
	if err := json.Unmarshal([]byte(res.Stdout), &h); err != nil || h.Enabled || h.Name != "pur-b" {
		t.Fatalf("disable --json: %+v %v", h, err)
	}
	res = hooksTestRun(t, env, "", 0, "hooks", "disable", "pur-b")
	if !strings.Contains(res.Stdout, "already disabled") {
		t.Errorf("disable twice: %s", res.Stdout)
	}
	hooksTestRun(t, env, "", 2, "hooks", "enable", "no-such-hook")
	hooksTestRun(t, env, "", 2, "hooks", "enable")
}
