package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hookterm/hookterm/trigger"
)

// runCmdTestFile writes content to a file in a temporary folder and returns its path.
func runCmdTestFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const runCmdTestExchange = `module.exports = function (client, scope, audience, context, cb) {
  console.log('client', client.name, { plan: client.metadata.plan });
  var at = { scope: scope.concat(['read:resource']) };
  at['https://example.com/plan'] = client.metadata.plan;
  at.secret = context.webtask.secrets.API_KEY === 'k1';
  cb(null, at);
};
`

func TestRunHumanOutput(t *testing.T) {
	script := runCmdTestFile(t, "exchange.js", runCmdTestExchange)
	res := runCLI(t, nil, "", "run", "--secret", "API_KEY=k1", script)
	if res.Code != ExitOK {
		t.Fatalf("code %d, stderr %s", res.Code, res.Stderr)
	}
	for _, want := range []string{
		"✔ succeeded  credentials-exchange",
		`"read:resource"`,
		"What Auth0 would apply:",
		"token scope: read:connections read:resource",
		`https://example.com/plan: "full"`,
		"ignored: secret",
		"log    client client-name { plan: 'full' }",
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.Stdout)
		}
	}
	if strings.Contains(res.Stdout, "k1") {
		t.Errorf("a secret value was printed:\n%s", res.Stdout)
	}
}

func TestRunJSONOutput(t *testing.T) {
	script := runCmdTestFile(t, "exchange.js", runCmdTestExchange)
	res := runCLI(t, nil, "", "run", "--json", "--trigger", "credentials-exchange", "--secret", "API_KEY=k1", script)
	if res.Code != ExitOK {
		t.Fatalf("code %d, stderr %s", res.Code, res.Stderr)
	}
	dec := json.NewDecoder(strings.NewReader(res.Stdout))
	var report map[string]any
	if err := dec.Decode(&report); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, res.Stdout)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", res.Stdout)
	}
	for _, k := range []string{"trigger", "ok", "result", "error", "logs", "applied", "durationMs"} {
		if _, ok := report[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
	if report["ok"] != true || report["error"] != nil || report["result"].(map[string]any)["secret"] != true {
		t.Fatalf("report %v", report)
	}
	logs := report["logs"].([]any)
	if len(logs) != 1 || logs[0].(map[string]any)["level"] != "log" {
		t.Fatalf("logs %v", logs)
	}
}

func TestRunFailureShowsSourceAndCaret(t *testing.T) {
	script := runCmdTestFile(t, "deny.js", "module.exports = function (user, context, cb) {\n  cb(new PreUserRegistrationError('denied', 'Not allowed'));\n};\n")
	res := runCLI(t, nil, "", "run", "--trigger", "pre-user-registration", script)
	if res.Code != ExitFailure {
		t.Fatalf("code %d, stderr %s", res.Code, res.Stderr)
	}
	for _, want := range []string{
		"✘ failed  pre-user-registration",
		"Error: PreUserRegistrationError: denied",
		"friendly message: Not allowed",
		"at deny.js:2:6",
		"  2 |   cb(new PreUserRegistrationError('denied', 'Not allowed'));\n    |      ^\n",
	} {
		if !strings.Contains(res.Stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.Stdout)
		}
	}
	res = runCLI(t, nil, "", "run", "--json", "--trigger", "pre-user-registration", script)
	var report struct {
		OK    bool
		Error struct{ Name, FriendlyMessage string }
	}
	if res.Code != ExitFailure || json.Unmarshal([]byte(res.Stdout), &report) != nil || report.OK || report.Error.FriendlyMessage != "Not allowed" {
		t.Fatalf("code %d stdout %s", res.Code, res.Stdout)
	}
}

func TestRunSyntaxErrorAndTimeoutExitOne(t *testing.T) {
	script := runCmdTestFile(t, "bad.js", "module.exports = function (user, context, cb) {\n  var x = ;\n};\n")
	res := runCLI(t, nil, "", "run", "--trigger", "post-user-registration", script)
	if res.Code != ExitFailure || !strings.Contains(res.Stdout, "SyntaxError") || !strings.Contains(res.Stdout, "  2 |   var x = ;\n    |           ^") {
		t.Fatalf("code %d stdout %s", res.Code, res.Stdout)
	}
	script = runCmdTestFile(t, "loop.js", "module.exports = function (user, context, cb) { for (;;) {} };")
	res = runCLI(t, nil, "", "run", "--trigger", "post-user-registration", "--timeout", "200ms", "--json", script)
	if res.Code != ExitFailure || !strings.Contains(res.Stdout, `"kind":"timeout"`) {
		t.Fatalf("code %d stdout %s", res.Code, res.Stdout)
	}
}

func TestRunPayloadAndSecretsFiles(t *testing.T) {
	script := runCmdTestFile(t, "echo.js", "module.exports = function (user, context, cb) { cb(null, { email: user.email, a: context.webtask.secrets.A, b: context.webtask.secrets.B }); };")
	payload := `{"user":{"email":"x@example.com"},"context":{"connection":{}}}`
	env := runCmdTestFile(t, "secrets.env", "# comment\nexport A=\"one\"\nB=two # trailing\n")
	res := runCLI(t, nil, payload, "run", "--json", "--trigger", "post-user-registration", "--payload", "-", "--secrets-file", env, script)
	if res.Code != ExitOK || !strings.Contains(res.Stdout, `"result":{"email":"x@example.com","a":"one","b":"two"}`) {
		t.Fatalf("code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
	jsonSecrets := runCmdTestFile(t, "secrets.json", `{"A":"j1"}`)
	res = runCLI(t, nil, payload, "run", "--json", "--trigger", "post-user-registration", "--payload", "-", "--secrets-file", jsonSecrets, "--secret", "B=flag", script)
	// "flag" is long enough to be masked in the report (runner/redact.go).
	if res.Code != ExitOK || !strings.Contains(res.Stdout, `"a":"j1","b":"[secret B]"`) {
		t.Fatalf("code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
}

func TestRunBadInputExitsTwo(t *testing.T) {
	script := runCmdTestFile(t, "hook.js", "module.exports = function (user, context, cb) { cb(); };")
	cases := []struct {
		name   string
		stdin  string
		args   []string
		stderr string
	}{
		{"missing script", "", []string{"run"}, "missing SCRIPT"},
		{"script and --hook", "", []string{"run", "--hook", "my-hook", script}, "not both"},
		{"two scripts", "", []string{"run", script, script}, "accepts at most 1 arg"},
		{"stdin twice", "", []string{"run", "--payload", "-", "-"}, "can read stdin"},
		{"unreadable script", "", []string{"run", "--trigger", "pre-user-registration", "/nonexistent/hook.js"}, "read script"},
		{"unknown trigger", "", []string{"run", "--trigger", "rules", script}, "unknown extensibility point"},
		{"ambiguous signature", "", []string{"run", script}, "--trigger"},
		{"invalid JSON payload", "{nope", []string{"run", "--trigger", "pre-user-registration", "--payload", "-", script}, "invalid JSON payload"},
		{"payload failing validation", `{"user":{}}`, []string{"run", "--trigger", "pre-user-registration", "--payload", "-", script}, "Body.context received by extensibility point is not an object"},
		{"bad duration", "", []string{"run", "--trigger", "pre-user-registration", "--timeout", "soon", script}, "timeout"},
		{"bad secret", "", []string{"run", "--trigger", "pre-user-registration", "--secret", "novalue", script}, "NAME=VALUE"},
		{"secret given to --hook", "", []string{"run", "--hook", "API=s3cr3t-value"}, "secrets go in --secret"},
		{"bad secret name", "", []string{"run", "--trigger", "pre-user-registration", "--secret", "A=1", "--secret", "bad name!=x", script}, "--secret number 2"},
		{"bad name in secrets file", "", []string{"run", "--trigger", "pre-user-registration", "--secrets-file", runCmdTestFile(t, "bad.json", `{"not valid":"x"}`), script}, `"not valid" is not a secret name`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runCLI(t, nil, c.stdin, c.args...)
			if res.Code != ExitUsage || !strings.Contains(res.Stderr, c.stderr) {
				t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
			}
		})
	}
}

func TestRunSaysWhenAuth0IgnoresTheResult(t *testing.T) {
	script := runCmdTestFile(t, "post.js", "module.exports = function (user, context, cb) { cb(null, { notified: true }); };")
	res := runCLI(t, nil, "", "run", "--trigger", "post-change-password", script)
	if res.Code != ExitOK || !strings.Contains(res.Stdout, "nothing: post-change-password hooks run asynchronously and Auth0 ignores their result") {
		t.Fatalf("code %d stdout %s", res.Code, res.Stdout)
	}
}

func TestRunScriptFromStdin(t *testing.T) {
	res := runCLI(t, nil, "module.exports = function (recipient, text, context, cb) { cb(null, { to: recipient }); };", "run", "--json", "-")
	if res.Code != ExitOK || !strings.Contains(res.Stdout, `"trigger":"send-phone-message"`) || !strings.Contains(res.Stdout, `"to":"1-808-555-5555"`) {
		t.Fatalf("code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
}

func TestPayloadAndScaffoldCommands(t *testing.T) {
	for _, p := range trigger.All() {
		res := runCLI(t, nil, "", "payload", string(p.ID))
		if res.Code != ExitOK || res.Stdout != p.Sample {
			t.Fatalf("payload %s: code %d stdout %q", p.ID, res.Code, res.Stdout)
		}
		res = runCLI(t, nil, "", "scaffold", string(p.ID))
		if res.Code != ExitOK || res.Stdout != p.Starter {
			t.Fatalf("scaffold %s: code %d", p.ID, res.Code)
		}
	}
	if res := runCLI(t, nil, "", "payload", "rules"); res.Code != ExitUsage {
		t.Fatalf("unknown trigger: code %d", res.Code)
	}
	if res := runCLI(t, nil, "", "scaffold"); res.Code != ExitUsage {
		t.Fatalf("no trigger: code %d", res.Code)
	}
}

// Every starter script runs successfully on its point's sample payload.
func TestScaffoldRunsOnSamplePayload(t *testing.T) {
	for _, p := range trigger.All() {
		script := runCmdTestFile(t, "starter.js", p.Starter)
		res := runCLI(t, nil, "", "run", "--json", "--trigger", string(p.ID), script)
		if res.Code != ExitOK {
			t.Fatalf("%s: code %d stdout %s stderr %s", p.ID, res.Code, res.Stdout, res.Stderr)
		}
	}
}

// Without --trigger, a script that does not parse reports its syntax error (exit 1) rather
// than asking for --trigger: its signature cannot be read, and the error is what to fix.
func TestRunSyntaxErrorWithoutTriggerIsReported(t *testing.T) {
	script := runCmdTestFile(t, "se5p.js", "module.exports = function (user, context, cb, x, y {\n  cb();\n};\n")
	res := runCLI(t, nil, "", "run", script)
	if res.Code != ExitFailure || !strings.HasPrefix(res.Stdout, "✘ failed\n") ||
		!strings.Contains(res.Stdout, "SyntaxError: Unexpected token '{'") || !strings.Contains(res.Stdout, "at se5p.js:1:52") {
		t.Fatalf("code %d stdout %s stderr %s", res.Code, res.Stdout, res.Stderr)
	}
	res = runCLI(t, nil, "", "run", "--json", script)
	var rep struct {
		OK    bool `json:"ok"`
		Error struct {
			Name, Kind   string
			Line, Column int
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &rep); err != nil || res.Code != ExitFailure || rep.OK ||
		rep.Error.Name != "SyntaxError" || rep.Error.Kind != "syntax" || rep.Error.Line != 1 || rep.Error.Column != 52 {
		t.Fatalf("code %d stdout %s (%v)", res.Code, res.Stdout, err)
	}
	// A script that parses but whose signature fits several points still needs --trigger.
	ambiguous := runCmdTestFile(t, "amb.js", "module.exports = function (a, b, c) { c(); };\n")
	if res := runCLI(t, nil, "", "run", ambiguous); res.Code != ExitUsage || !strings.Contains(res.Stderr, "pass --trigger") {
		t.Fatalf("code %d stderr %s", res.Code, res.Stderr)
	}
}
