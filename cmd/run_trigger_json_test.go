package cmd

import (
	"context"
	"io"
	"strings"
	"testing"
)

// Every object `run --json` prints has "trigger": the point when it is known (given with
// --trigger, the stored hook's, or read from the signature) and null when it is not. A syntax
// error without --trigger printed "" and an interrupted run printed null even with --trigger.
func TestRunJSONTriggerIsThePointOrNull(t *testing.T) {
	env := hooksTestEnv(t)
	loop := runCmdTestFile(t, "loop.js", "module.exports = function (user, context, cb) { for (;;) {} };")
	exchange := runCmdTestFile(t, "exchange.js", "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };")
	broken := runCmdTestFile(t, "broken.js", "module.exports = function (user, context, cb {\n};\n")
	hooksTestRun(t, env, "", ExitOK, "hooks", "create", "--name", "loops", "--trigger", "post-change-password", "--script", loop)

	check := func(t *testing.T, what, stdout string, want any) {
		t.Helper()
		r := runFixesDecodeOne(t, stdout)
		got, ok := r["trigger"]
		if !ok || got != want {
			t.Errorf("%s: trigger %#v (present %v), want %#v: %s", what, got, ok, want, stdout)
		}
		// The report's fields in the report's order: trigger first, as the README shows.
		if !strings.HasPrefix(stdout, `{"trigger":`) {
			t.Errorf("%s: trigger is not the first field: %s", what, stdout)
		}
	}

	t.Run("syntax error without --trigger", func(t *testing.T) {
		res := hooksTestRun(t, env, "", ExitFailure, "run", "--json", broken)
		check(t, "syntax error", res.Stdout, nil)
		if !strings.Contains(res.Stdout, `"error":{"name":"SyntaxError"`) || strings.Count(res.Stdout, `"trigger"`) != 1 {
			t.Errorf("syntax error report: %s", res.Stdout)
		}
	})
	t.Run("syntax error with --trigger", func(t *testing.T) {
		res := hooksTestRun(t, env, "", ExitFailure, "run", "--json", "--trigger", "post-change-password", broken)
		check(t, "syntax error", res.Stdout, "post-change-password")
	})
	t.Run("a report", func(t *testing.T) {
		res := hooksTestRun(t, env, "", ExitOK, "run", "--json", exchange)
		check(t, "detected point", res.Stdout, "credentials-exchange")
	})

	usage := []struct {
		name string
		args []string
		want any
	}{
		{"bad --timeout with --trigger", []string{"--trigger", "pre-user-registration", "--timeout", "0s", loop}, "pre-user-registration"},
		{"missing script with --trigger", []string{"--trigger", "send-phone-message"}, "send-phone-message"},
		{"bad secrets file with --trigger", []string{"--trigger", "post-user-registration", "--secret", "A=1", "--secrets-file", runCmdTestFile(t, "d.env", "A=2\n"), loop}, "post-user-registration"},
		{"unknown --trigger", []string{"--trigger", "bogus", loop}, nil},
		{"--trigger with --hook", []string{"--trigger", "post-change-password", "--hook", "loops"}, nil},
		{"no --trigger, ambiguous signature", []string{loop}, nil},
		{"bad secrets file of a stored hook", []string{"--hook", "loops", "--secrets-file", runCmdTestFile(t, "b.env", "JUSTNAME\n")}, nil},
	}
	for _, c := range usage {
		t.Run(c.name, func(t *testing.T) {
			res := hooksTestRun(t, env, "", ExitUsage, append([]string{"run", "--json"}, c.args...)...)
			check(t, c.name, res.Stdout, c.want)
		})
	}

	interrupted := []struct {
		name  string
		args  []string
		stdin bool // interrupted while reading stdin rather than while the hook runs
		want  any
	}{
		{"while the hook runs, --trigger", []string{"--trigger", "post-change-password", "--timeout", "1m", loop}, false, "post-change-password"},
		{"while the hook runs, --hook", []string{"--hook", "loops", "--timeout", "1m"}, false, "post-change-password"},
		{"reading the script, --trigger", []string{"--trigger", "pre-user-registration", "-"}, true, "pre-user-registration"},
		{"reading the payload, point from the signature", []string{"--payload", "-", exchange}, true, "credentials-exchange"},
		{"reading the script, no --trigger", []string{"-"}, true, nil},
	}
	for _, c := range interrupted {
		t.Run("interrupted "+c.name, func(t *testing.T) {
			var stdin func(ctx context.Context) io.Reader
			if c.stdin {
				stdin = func(ctx context.Context) io.Reader { return &targetTestLateReader{ctx: ctx} }
			}
			code, stdout, _ := runFixesRunInterrupted(t, env, append([]string{"run", "--json"}, c.args...), stdin)
			if code != ExitFailure || !strings.Contains(stdout, `"name":"InterruptedError"`) {
				t.Fatalf("exit %d: %s", code, stdout)
			}
			check(t, c.name, stdout, c.want)
		})
	}
}
