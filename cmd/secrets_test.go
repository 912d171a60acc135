package cmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecretsSetListUnset(t *testing.T) {
	env := hooksTestEnv(t)
	const hook = "starter-credentials-exchange"
	res := hooksTestRun(t, env, "", 0, "secrets", "list", hook)
	if res.Stdout != "" || !strings.Contains(res.Stderr, "no secrets") {
		t.Errorf("empty list: %q %q", res.Stdout, res.Stderr)
	}
	res = hooksTestRun(t, env, "", 0, "secrets", "set", hook, "API_KEY=value-one", "REGION=eu")
	if !strings.Contains(res.Stdout, "API_KEY, REGION") {
		t.Errorf("set output: %s", res.Stdout)
	}
	// Bare names take their values from stdin, one line each, in order.
	hooksTestRun(t, env, "value-from-stdin\nsecond-value\n", 0, "secrets", "set", hook, "TOKEN", "OTHER")
	file := filepath.Join(t.TempDir(), "secrets.env")
	if err := os.WriteFile(file, []byte("# deploy secrets\nexport FROM_FILE=\"quoted value\"\nAPI_KEY=value-two\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hooksTestRun(t, env, "", 0, "secrets", "set", hook, "--from-file", file)
	hooksTestRun(t, env, "PIPED=x\n", 0, "secrets", "set", hook, "--from-file", "-")

	res = hooksTestRun(t, env, "", 0, "secrets", "list", hook, "--json")
	var names []string
	if err := json.Unmarshal([]byte(res.Stdout), &names); err != nil || strings.Join(names, ",") != "API_KEY,FROM_FILE,OTHER,PIPED,REGION,TOKEN" {
		t.Fatalf("names: %v %v", names, err)
	}
	res = hooksTestRun(t, env, "", 0, "secrets", "list", hook)
	for _, v := range []string{"value-one", "value-two", "value-from-stdin", "quoted value"} {
		if strings.Contains(res.Stdout+res.Stderr, v) {
			t.Errorf("secrets list shows a value: %s", res.Stdout)
		}
	}

	res = hooksTestRun(t, env, "", 2, "secrets", "unset", hook, "REGION", "NOPE")
	if !strings.Contains(res.Stderr, "NOPE") {
		t.Errorf("unset unknown: %s", res.Stderr)
	}
	hooksTestRun(t, env, "", 0, "secrets", "unset", hook, "REGION", "OTHER")
	res = hooksTestRun(t, env, "", 0, "secrets", "list", hook)
	if res.Stdout != "API_KEY\nFROM_FILE\nPIPED\nTOKEN\n" {
		t.Errorf("after unset: %q", res.Stdout)
	}
}

func TestSecretsRefuseBadInput(t *testing.T) {
	env := hooksTestEnv(t)
	const hook = "starter-send-phone-message"
	hooksTestRun(t, env, "", 2, "secrets", "set", hook)
	hooksTestRun(t, env, "", 2, "secrets", "set", hook, "bad name=1")
	hooksTestRun(t, env, "", 2, "secrets", "set", hook, "EMPTY=")
	hooksTestRun(t, env, "", 2, "secrets", "set", hook, "NO_VALUE_ON_STDIN")
	file := filepath.Join(t.TempDir(), "bad.env")
	if err := os.WriteFile(file, []byte("not a pair with s3cr3t inside\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res := hooksTestRun(t, env, "", 2, "secrets", "set", hook, "--from-file", file)
	if !strings.Contains(res.Stderr, "line 1") || strings.Contains(res.Stderr, "s3cr3t") {
		t.Errorf("bad file line: %s", res.Stderr)
	}
	hooksTestRun(t, env, "", 2, "secrets", "list", "no-such-hook")
	// 21 secrets: the tenant's limit is 20.
	args := []string{"secrets", "set", hook}
	for i := range 21 {
		args = append(args, "S"+string(rune('A'+i))+"=v")
	}
	res = hooksTestRun(t, env, "", 2, args...)
	if !strings.Contains(res.Stderr, "20") {
		t.Errorf("21 secrets: %s", res.Stderr)
	}
}

// secretsTestValues creates a hook that returns its secrets reversed (the report masks a
// secret's own value), sets them with args, and returns what the hook saw, as JSON.
func secretsTestValues(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	env := hooksTestEnv(t)
	script := runCmdTestFile(t, "echo.js", "module.exports = function (user, context, cb) { var s = context.webtask.secrets, out = {}; Object.keys(s).sort().forEach(function (k) { out[k] = s[k].split('').reverse().join(''); }); cb(null, out); };")
	hooksTestRun(t, env, "", ExitOK, "hooks", "create", "--name", "echo", "--trigger", "post-change-password", "--script", script)
	hooksTestRun(t, env, stdin, ExitOK, append([]string{"secrets", "set", "echo"}, args...)...)
	res := hooksTestRun(t, env, "", ExitOK, "run", "--json", "--hook", "echo")
	var r struct{ Result json.RawMessage }
	if err := json.Unmarshal([]byte(res.Stdout), &r); err != nil {
		t.Fatalf("run --json: %v: %s", err, res.Stdout)
	}
	return string(r.Result)
}

// `secrets set --from-file` kept the last of two values of one name (exit 0) where the README
// and `run --secrets-file` refuse it: the file is now read by run's parser, which names the
// secret and its lines, never a value.
func TestSecretsSetFromFileRefusesNameGivenTwice(t *testing.T) {
	env := hooksTestEnv(t)
	const hook = "starter-credentials-exchange"
	file := func(content string) string { return runCmdTestFile(t, "s.env", content) }
	cases := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"stdin", "DD=value-one\nDD=value-two\n", []string{"--from-file", "-"}, "--from-file stdin: secret DD is given twice (lines 1 and 2): give each name once"},
		{"file with a comment between", "", []string{"--from-file", file("DD=value-one\n# c\nexport DD=value-two\n")}, "secret DD is given twice (lines 1 and 3)"},
		{"JSON", `{"DD":"value-one","DD":"value-two"}`, []string{"--from-file", "-"}, "secret DD is given twice: give each name once"},
		{"argument and file", "DD=value-one\n", []string{"DD=value-two", "--from-file", "-"}, "secret DD is given twice, as an argument and in --from-file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := hooksTestRun(t, env, c.stdin, ExitUsage, append([]string{"secrets", "set", hook}, c.args...)...)
			if !strings.Contains(res.Stderr, c.want) || strings.Contains(res.Stdout+res.Stderr, "value-") {
				t.Fatalf("stdout %q stderr %q, want %q and no value", res.Stdout, res.Stderr, c.want)
			}
		})
	}
	// Nothing was set by the refused commands.
	res := hooksTestRun(t, env, "", ExitOK, "secrets", "list", hook, "--json")
	if strings.TrimSpace(res.Stdout) != "[]" {
		t.Fatalf("a refused set stored secrets: %s", res.Stdout)
	}
}

// A file saved by a Windows editor starts with a UTF-8 byte order mark: `run --secrets-file`
// accepted it and `secrets set --from-file` refused line 1. Both use one parser now, so the
// values stored are the ones `run --secrets-file` would use (quotes, escapes, comments).
func TestSecretsSetFromFileAcceptsBOMAndReadsAsRun(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	got := secretsTestValues(t, bom+"W=bomval\n", "--from-file", "-")
	if got != `{"W":"lavmob"}` {
		t.Fatalf("BOM from stdin: %s", got)
	}
	got = secretsTestValues(t, "", "--from-file", runCmdTestFile(t, "s.json", bom+`{"J":"jvalue","N":15}`))
	if got != `{"J":"eulavj","N":"51"}` {
		t.Fatalf("BOM in a JSON file: %s", got)
	}
	env := "# vault\r\nexport Q=\"two\\nlines\"\r\nC=plain # a comment\r\nS='single quoted'\r\n"
	got = secretsTestValues(t, env, "--from-file", "-")
	if got != `{"C":"nialp","Q":"senil\nowt","S":"detouq elgnis"}` {
		t.Fatalf(".env values: %s", got)
	}
	// A BOM is dropped only at the start: inside, it is part of a name and refused by line.
	res := runCLI(t, hooksTestEnv(t), "A=1\n"+bom+"B=2\n", "secrets", "set", "starter-credentials-exchange", "--from-file", "-")
	if res.Code != ExitUsage || !strings.Contains(res.Stderr, "line 2: expected NAME=VALUE") {
		t.Fatalf("inner BOM: code %d stderr %q", res.Code, res.Stderr)
	}
}
