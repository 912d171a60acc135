package cmd

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// runFixesDecodeOne decodes stdout as exactly one JSON object, failing the test otherwise.
func runFixesDecodeOne(t *testing.T, stdout string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(stdout))
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%q", err, stdout)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", stdout)
	}
	return v
}

// runFixesRunCount is how many runs of stored hooks the tenant recorded (shr and fhr).
func runFixesRunCount(t *testing.T, env map[string]string) int {
	t.Helper()
	res := hooksTestRun(t, env, "", ExitOK, "logs", "list", "--json", "--filter", "runs")
	return strings.Count(res.Stdout, "\n")
}

// `run --hook deny-foo --trigger credentials-exchange` ran a pre-user-registration hook as
// another point, failed for that reason, and recorded an fhr with the wrong trigger. The
// combination is refused before anything runs or is recorded.
func TestRunHookRefusesTrigger(t *testing.T) {
	env := hooksTestEnv(t)
	script := runCmdTestFile(t, "deny.js", "module.exports = function (user, context, cb) {\n  cb(new PreUserRegistrationError('Denied foo.com signup', 'Use your work email'));\n};\n")
	hooksTestRun(t, env, "", ExitOK, "hooks", "create", "--name", "deny-foo", "--trigger", "pre-user-registration", "--script", script)
	for _, args := range [][]string{
		{"run", "--hook", "deny-foo", "--trigger", "credentials-exchange"},
		// Even the hook's own point: --trigger has no meaning for a stored hook.
		{"run", "--hook", "deny-foo", "--trigger", "pre-user-registration"},
		{"run", "--trigger", "credentials-exchange", "--hook", "deny-foo", "--json"},
	} {
		res := hooksTestRun(t, env, "", ExitUsage, args...)
		if !strings.Contains(res.Stderr, "--trigger cannot be combined with --hook") {
			t.Errorf("%v: %s", args, res.Stderr)
		}
	}
	if n := runFixesRunCount(t, env); n != 0 {
		t.Fatalf("a refused run was recorded: %d entries", n)
	}
	// Without --trigger it runs as its own point (and fails as itself).
	res := hooksTestRun(t, env, "", ExitFailure, "run", "--hook", "deny-foo", "--json")
	if r := runFixesDecodeOne(t, res.Stdout); r["trigger"] != "pre-user-registration" {
		t.Fatalf("report %v", r)
	}
}

// --json promises exactly one JSON object on stdout; bad usage and bad input printed nothing
// there. The object has the report's fields, ok false and a named error whose message is the
// one stderr shows.
func TestRunJSONErrorIsOneObject(t *testing.T) {
	env := hooksTestEnv(t)
	script := runCmdTestFile(t, "throw.js", "module.exports = function (user, context, cb) { throw new Error('x'); };")
	cases := []struct {
		name, stdin string
		args        []string
		errName     string
		kind        string
		trigger     any
	}{
		{"missing payload file", "", []string{"run", "--json", "--trigger", "post-user-registration", "--payload", "/nonexistent/p.json", script}, "InputError", "input", "post-user-registration"},
		{"unknown trigger", "", []string{"run", "--json", "--trigger", "bogus", script}, "UsageError", "usage", nil},
		{"invalid JSON payload", "{nope", []string{"run", "--json", "--trigger", "post-user-registration", "--payload", "-", script}, "InputError", "input", "post-user-registration"},
		{"payload failing validation", `{"user":{}}`, []string{"run", "--json", "--trigger", "pre-user-registration", "--payload", "-", script}, "PayloadError", "payload", "pre-user-registration"},
		{"missing script", "", []string{"run", "--json"}, "UsageError", "usage", nil},
		{"unreadable script", "", []string{"run", "--json", "/nonexistent/hook.js"}, "InputError", "input", nil},
		{"two scripts", "", []string{"run", "--json", script, script}, "UsageError", "usage", nil},
		{"bad flag value before --json", "", []string{"run", "--timeout", "soon", "--json", script}, "UsageError", "usage", nil},
		{"bad flag value after --json", "", []string{"run", "--json", "--timeout", "soon", script}, "UsageError", "usage", nil},
		{"unknown flag", "", []string{"run", "--json", "--nope", script}, "UsageError", "usage", nil},
		{"no such hook", "", []string{"run", "--json", "--hook", "nope"}, "HookNotFoundError", "input", nil},
		{"bad secrets file", "", []string{"run", "--json", "--trigger", "post-user-registration", "--secrets-file", runCmdTestFile(t, "bad.env", "JUSTNAME\n"), script}, "InputError", "input", "post-user-registration"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := hooksTestRun(t, env, c.stdin, ExitUsage, c.args...)
			r := runFixesDecodeOne(t, res.Stdout)
			for _, k := range []string{"trigger", "ok", "result", "error", "logs", "applied", "durationMs"} {
				if _, ok := r[k]; !ok {
					t.Errorf("the error object lacks %q: %s", k, res.Stdout)
				}
			}
			e, _ := r["error"].(map[string]any)
			msg, _ := e["message"].(string)
			if r["ok"] != false || e["name"] != c.errName || e["kind"] != c.kind || r["trigger"] != c.trigger {
				t.Errorf("error object %s", res.Stdout)
			}
			if msg == "" || res.Stderr != "hookterm: "+msg+"\n" {
				t.Errorf("stderr %q, message %q", res.Stderr, msg)
			}
			if logs, _ := r["logs"].([]any); logs == nil || len(logs) != 0 {
				t.Errorf("logs %v", r["logs"])
			}
		})
	}
	// Without --json stdout stays empty, and --json=false is not --json.
	res := hooksTestRun(t, env, "", ExitUsage, "run", "--trigger", "bogus", script)
	if res.Stdout != "" {
		t.Errorf("stdout without --json: %q", res.Stdout)
	}
	res = hooksTestRun(t, env, "", ExitUsage, "run", "--json=false", "--timeout", "soon", script)
	if res.Stdout != "" {
		t.Errorf("stdout with --json=false: %q", res.Stdout)
	}
	// "--json" as the value of another flag is not --json.
	res = hooksTestRun(t, env, "", ExitUsage, "run", "--trigger", "post-user-registration", "--payload", "--json", script)
	if res.Stdout != "" || !strings.Contains(res.Stderr, "read payload") {
		t.Errorf("--payload --json: stdout %q, stderr %q", res.Stdout, res.Stderr)
	}
}

// applied was null in --json for the points whose result Auth0 ignores, while the human output
// said so in a sentence: both now carry that sentence.
func TestRunJSONAppliedForIgnoredPoints(t *testing.T) {
	want := map[trigger.ID]string{
		trigger.PostUserRegistration: "nothing: post-user-registration hooks run asynchronously and Auth0 ignores their result",
		trigger.PostChangePassword:   "nothing: post-change-password hooks run asynchronously and Auth0 ignores their result",
		trigger.SendPhoneMessage:     "nothing from the result: the hook sends the message itself",
	}
	for id, summary := range want {
		p, _ := trigger.Lookup(string(id))
		script := runCmdTestFile(t, "starter.js", p.Starter)
		res := runCLI(t, nil, "", "run", "--json", "--trigger", string(id), script)
		if res.Code != ExitOK {
			t.Fatalf("%s: code %d %s", id, res.Code, res.Stderr)
		}
		r := runFixesDecodeOne(t, res.Stdout)
		a, _ := r["applied"].(map[string]any)
		if a == nil || a["summary"] != summary {
			t.Errorf("%s: applied %v, want the summary %q", id, r["applied"], summary)
		}
		res = runCLI(t, nil, "", "run", "--trigger", string(id), script)
		if res.Code != ExitOK || !strings.Contains(res.Stdout, "\nWhat Auth0 would apply:\n  "+summary+"\n") {
			t.Errorf("%s: human output:\n%s", id, res.Stdout)
		}
	}
	// A failed run still has no applied.
	script := runCmdTestFile(t, "throw.js", "module.exports = function (user, context, cb) { cb(new Error('no')); };")
	res := runCLI(t, nil, "", "run", "--json", "--trigger", "post-change-password", script)
	if r := runFixesDecodeOne(t, res.Stdout); res.Code != ExitFailure || r["applied"] != nil {
		t.Errorf("failed run: code %d applied %v", res.Code, r["applied"])
	}
}

// runFixesRunInterrupted runs args in-process and cancels its context as Ctrl+C does: when
// stdin is given (a reader that waits for the cancellation), at once; otherwise while the
// hook runs.
func runFixesRunInterrupted(t *testing.T, env map[string]string, args []string, stdin func(ctx context.Context) io.Reader) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr strings.Builder
	app := &App{Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	app.Stdin = strings.NewReader("")
	if stdin != nil {
		app.Stdin = stdin(ctx)
	}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, app, args) }()
	if stdin != nil {
		cancel() // the reader gives nothing until then
	} else {
		// The hook never ends by itself (an endless loop, a one-minute limit): cancelling
		// while it runs or, on a slow machine, before it starts must read the same.
		time.AfterFunc(300*time.Millisecond, cancel)
	}
	return <-done, stdout.String(), stderr.String()
}

// Ctrl+C during `hookterm run` printed `hookterm: run hook: context canceled`; other
// commands say `interrupted (Ctrl+C): nothing was changed` and exit 1. run says it was
// interrupted, exits 1, prints no report and records nothing.
func TestRunInterrupted(t *testing.T) {
	env := hooksTestEnv(t)
	loop := runCmdTestFile(t, "loop.js", "module.exports = function (user, context, cb) { for (;;) {} };")
	hooksTestRun(t, env, "", ExitOK, "hooks", "create", "--name", "loops", "--trigger", "post-change-password", "--script", loop)

	for _, args := range [][]string{
		{"run", "--trigger", "post-change-password", "--timeout", "1m", loop},
		{"run", "--hook", "loops", "--timeout", "1m"},
		{"run", "--json", "--hook", "loops", "--timeout", "1m"},
	} {
		code, stdout, stderr := runFixesRunInterrupted(t, env, args, nil)
		if code != ExitFailure || stderr != "hookterm: interrupted (Ctrl+C): the run was stopped; nothing was changed\n" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
		if args[1] == "--json" {
			r := runFixesDecodeOne(t, stdout)
			if e, _ := r["error"].(map[string]any); e["name"] != "InterruptedError" || e["kind"] != "interrupted" {
				t.Errorf("%v: %s", args, stdout)
			}
		} else if stdout != "" {
			t.Errorf("%v: a report after Ctrl+C: %s", args, stdout)
		}
	}
	if n := runFixesRunCount(t, env); n != 0 {
		t.Fatalf("an interrupted run was recorded: %d entries", n)
	}

	// A read of stdin (script, payload or secrets) ends at Ctrl+C too, as the prompts of the
	// other commands do; the line typed after it is not used.
	for _, args := range [][]string{
		{"run", "--trigger", "post-change-password", "-"},
		{"run", "--trigger", "post-change-password", "--payload", "-", loop},
		{"run", "--trigger", "post-change-password", "--secrets-file", "-", loop},
	} {
		code, stdout, stderr := runFixesRunInterrupted(t, env, args, func(ctx context.Context) io.Reader {
			return &targetTestLateReader{ctx: ctx, line: "A=typed-after-ctrl-c\n"}
		})
		if code != ExitFailure || !strings.Contains(stderr, "interrupted (Ctrl+C)") || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

// A payload or secrets file saved by a Windows editor starts with a UTF-8 BOM; it was
// rejected as `invalid character 'ï'`. Scripts with a BOM already ran.
func TestRunAcceptsBOM(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	script := runCmdTestFile(t, "echo.js", bom+"module.exports = function (user, context, cb) { cb(null, { email: user.email, a: context.webtask.secrets.A, b: context.webtask.secrets.B }); };")
	payload := runCmdTestFile(t, "p.json", bom+`{"user":{"email":"bom@example.com"},"context":{"connection":{}}}`)
	dotenv := runCmdTestFile(t, "s.env", bom+"A=one\nB=two\n")
	jsonSecrets := runCmdTestFile(t, "s.json", bom+`{"A":"one","B":"two"}`)
	for _, secrets := range []string{dotenv, jsonSecrets} {
		res := runCLI(t, nil, "", "run", "--json", "--trigger", "post-user-registration", "--payload", payload, "--secrets-file", secrets, script)
		if res.Code != ExitOK || !strings.Contains(res.Stdout, `"result":{"email":"bom@example.com","a":"one","b":"two"}`) {
			t.Fatalf("%s: code %d stdout %s stderr %s", filepath.Base(secrets), res.Code, res.Stdout, res.Stderr)
		}
	}
	// From stdin too.
	res := runCLI(t, nil, bom+`{"user":{"email":"in@example.com"},"context":{"connection":{}}}`, "run", "--json", "--trigger", "post-user-registration", "--payload", "-", script)
	if res.Code != ExitOK || !strings.Contains(res.Stdout, `"email":"in@example.com"`) {
		t.Fatalf("stdin: code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
	// Only a leading BOM is dropped: one inside the JSON is still an error.
	bad := runCmdTestFile(t, "bad.json", `{"user":{}}`+bom)
	if res := runCLI(t, nil, "", "run", "--trigger", "post-user-registration", "--payload", bad, script); res.Code != ExitUsage || !strings.Contains(res.Stderr, "invalid JSON payload") {
		t.Fatalf("trailing BOM: code %d stderr %s", res.Code, res.Stderr)
	}
}

// `--secret A=x --secret A=y` and a .env with A twice kept the last value; `secrets set`
// refuses that, and now run does too, naming the secret and never a value.
func TestRunRefusesSecretGivenTwice(t *testing.T) {
	script := runCmdTestFile(t, "hook.js", "module.exports = function (user, context, cb) { cb(); };")
	file := func(name, content string) string { return runCmdTestFile(t, name, content) }
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"twice with --secret", []string{"--secret", "A=value-one", "--secret", "A=value-two"}, "secret A is given twice with --secret"},
		{"twice in a .env file", []string{"--secrets-file", file("d.env", "A=value-one\n# c\nA=value-two\n")}, "secret A is given twice (lines 1 and 3)"},
		{"export and plain in a .env file", []string{"--secrets-file", file("e.env", "export A=value-one\nA=value-two\n")}, "secret A is given twice (lines 1 and 2)"},
		{"twice in a JSON file", []string{"--secrets-file", file("d.json", `{"A":"value-one","B":"x","A":"value-two"}`)}, "secret A is given twice: give each name once"},
		{"in the file and with --secret", []string{"--secrets-file", file("f.env", "A=value-one\n"), "--secret", "A=value-two"}, "secret A is given both with --secret and in --secrets-file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"run", "--trigger", "post-user-registration"}, c.args...)
			res := runCLI(t, nil, "", append(args, script)...)
			if res.Code != ExitUsage || !strings.Contains(res.Stderr, c.want) {
				t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
			}
			res = runCLI(t, nil, "", append(append(args, "--json"), script)...)
			if res.Code != ExitUsage || !strings.Contains(res.Stdout, c.want) {
				t.Fatalf("--json: code %d, stdout %q", res.Code, res.Stdout)
			}
			if strings.Contains(res.Stdout+res.Stderr, "value-") {
				t.Fatalf("a secret value is shown: %s%s", res.Stdout, res.Stderr)
			}
		})
	}
	// Different names from both sources still combine.
	echo := runCmdTestFile(t, "echo.js", "module.exports = function (user, context, cb) { cb(null, { a: context.webtask.secrets.A, b: context.webtask.secrets.B }); };")
	res := runCLI(t, nil, "", "run", "--json", "--trigger", "post-user-registration", "--secrets-file", file("ok.env", "A=1\n"), "--secret", "B=2", echo)
	if res.Code != ExitOK || !strings.Contains(res.Stdout, `"result":{"a":"1","b":"2"}`) {
		t.Fatalf("code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
}

// A --secret of a stored hook still overrides the value the tenant holds: that is not a
// duplicate the user typed.
func TestRunHookSuppliedSecretOverridesStored(t *testing.T) {
	env := hooksTestEnv(t)
	// The result shows the value reversed: the report masks a secret's value itself.
	script := runCmdTestFile(t, "echo.js", "module.exports = function (user, context, cb) { cb(null, { a: context.webtask.secrets.A.split('').reverse().join('') }); };")
	hooksTestRun(t, env, "", ExitOK, "hooks", "create", "--name", "echo", "--trigger", "post-change-password", "--script", script)
	hooksTestRun(t, env, "", ExitOK, "secrets", "set", "echo", "A=stored")
	res := hooksTestRun(t, env, "", ExitOK, "run", "--json", "--hook", "echo", "--secret", "A=given")
	if !strings.Contains(res.Stdout, `"result":{"a":"nevig"}`) {
		t.Fatalf("stdout %s", res.Stdout)
	}
}
