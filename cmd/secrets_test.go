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
