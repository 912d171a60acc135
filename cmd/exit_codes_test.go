package cmd

import (
	"strings"
	"testing"
)

// One rule for "no such hook" (and for anything else the command line names that the tenant
// does not have: a secret, a log event): it is bad input, exit 2, as `run` treats an
// unreadable script. `run --hook nope` exited 2 while `hooks get nope` and `hooks enable nope`
// exited 1, so a script could not tell a mistyped name from a tenant that refused or failed.
func TestNoSuchHookIsBadInputEverywhere(t *testing.T) {
	env := hooksTestEnv(t)
	const ulid = "01M98ZZZZZZZZZZZZZZZZZZZZZ" // looks like an id: read directly, then by name
	for _, args := range [][]string{
		{"hooks", "get", "nope"},
		{"hooks", "get", ulid},
		{"hooks", "get", "nope", "--json"},
		{"hooks", "update", "nope", "--name", "other"},
		{"hooks", "enable", "nope"},
		{"hooks", "disable", "nope"},
		{"hooks", "delete", "nope", "--yes"},
		{"secrets", "list", "nope"},
		{"secrets", "set", "nope", "A=value"},
		{"secrets", "unset", "nope", "A"},
		{"run", "--hook", "nope"},
		{"run", "--hook", ulid, "--json"},
	} {
		res := hooksTestRun(t, env, "", ExitUsage, args...)
		if !strings.Contains(res.Stderr, "nope") && !strings.Contains(res.Stderr, ulid) {
			t.Errorf("%v does not name what was not found: %s", args, res.Stderr)
		}
	}
	// The same for a secret or a log event that is not there.
	res := hooksTestRun(t, env, "", ExitUsage, "secrets", "unset", "starter-send-phone-message", "NOPE")
	if !strings.Contains(res.Stderr, "no secret named NOPE") {
		t.Errorf("secrets unset NOPE: %s", res.Stderr)
	}
	hooksTestRun(t, env, "", ExitUsage, "logs", "get", "900123")
	// What exists still works, so the 2s above are about the names.
	hooksTestRun(t, env, "", ExitOK, "hooks", "get", "starter-send-phone-message")
}
