package cmd

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A name given twice in one `secrets set` would silently keep only the last value; the user
// meant one of them, so it is refused before anything is sent.
func TestSecretsSetRefusesNameGivenTwice(t *testing.T) {
	env := hooksTestEnv(t)
	const hook = "starter-send-phone-message"
	res := hooksTestRun(t, env, "", 2, "secrets", "set", hook, "A=1", "A=2")
	if !strings.Contains(res.Stderr, "A") || !strings.Contains(res.Stderr, "twice") {
		t.Errorf("duplicate in arguments: %s", res.Stderr)
	}
	file := filepath.Join(t.TempDir(), "s.env")
	if err := os.WriteFile(file, []byte("A=from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	res = hooksTestRun(t, env, "", 2, "secrets", "set", hook, "A=1", "--from-file", file)
	if !strings.Contains(res.Stderr, "twice") || strings.Contains(res.Stderr, "from-file\n") {
		t.Errorf("duplicate between arguments and file: %s", res.Stderr)
	}
	res = hooksTestRun(t, env, "", 0, "secrets", "list", hook)
	if res.Stdout != "" {
		t.Errorf("a refused set wrote secrets: %q", res.Stdout)
	}
}

// `secrets unset H A A` used to report "deleted 2 secret(s): A, A".
func TestSecretsUnsetRefusesNameGivenTwice(t *testing.T) {
	env := hooksTestEnv(t)
	const hook = "starter-send-phone-message"
	hooksTestRun(t, env, "", 0, "secrets", "set", hook, "A=1", "B=2")
	res := hooksTestRun(t, env, "", 2, "secrets", "unset", hook, "A", "A")
	if !strings.Contains(res.Stderr, "twice") {
		t.Errorf("unset A A: %s", res.Stderr)
	}
	res = hooksTestRun(t, env, "", 0, "secrets", "list", hook)
	if res.Stdout != "A\nB\n" {
		t.Errorf("a refused unset deleted secrets: %q", res.Stdout)
	}
}

// Missing arguments name what is missing, not cobra's "accepts 1 arg(s), received 0".
func TestSecretsMissingArgumentsSayWhat(t *testing.T) {
	env := hooksTestEnv(t)
	for _, args := range [][]string{{"secrets", "list"}, {"secrets", "set"}, {"secrets", "unset", "h"}} {
		res := hooksTestRun(t, env, "", 2, args...)
		if strings.Contains(res.Stderr, "arg(s)") {
			t.Errorf("%v: %s", args, res.Stderr)
		}
	}
}

// A missing log event is bad input (2), as `hooks get` of a missing hook (the rule in
// TestNoSuchHookIsBadInputEverywhere); its hint used to point at `hookterm hooks list`.
func TestLogsGetMissingIsBadInputWithLogsHint(t *testing.T) {
	env := hooksTestEnv(t)
	hooksTestRun(t, env, "", 2, "hooks", "get", "no-such-hook")
	res := hooksTestRun(t, env, "", 2, "logs", "get", "900123")
	if strings.Contains(res.Stderr, "hooks list") || !strings.Contains(res.Stderr, "logs list") {
		t.Errorf("hint: %s", res.Stderr)
	}
}

// Adding a tenant under a name already saved replaces it: say so, since the old domain and
// credentials are gone. With HOOKTERM_KEYRING=file the keyring is not "not available": the
// user switched it off, and the message said "not available (switched off (…))".
func TestTenantsAddSaysReplacedAndWhyFile(t *testing.T) {
	env := hooksTestEnv(t)
	res := hooksTestRun(t, env, "", 0, "tenants", "add", "prod", "--domain", "prod.eu.auth0.com", "--token", "one")
	if strings.Contains(res.Stdout, "not available") || !strings.Contains(res.Stdout, "switched off (HOOKTERM_KEYRING=file)") {
		t.Errorf("keyring message: %s", res.Stdout)
	}
	if strings.Contains(res.Stdout, "replaced") {
		t.Errorf("a new tenant reported as replaced: %s", res.Stdout)
	}
	res = hooksTestRun(t, env, "", 0, "tenants", "add", "prod", "--domain", "other.eu.auth0.com", "--token", "two")
	if !strings.Contains(res.Stdout, `replaced tenant "prod"`) || !strings.Contains(res.Stdout, "prod.eu.auth0.com") {
		t.Errorf("replacing a tenant: %s", res.Stdout)
	}
}

// AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET exported without AUTH0_DOMAIN used to send every
// command silently to the local tenant: a user who forgot the domain believed they were
// looking at Auth0. The command still runs (those names are shared with other tools), but
// stderr says which tenant it used.
func TestTargetEnvCredentialsWithoutDomainAreNoted(t *testing.T) {
	env := hooksTestEnv(t)
	env["AUTH0_CLIENT_ID"] = "cid"
	env["AUTH0_CLIENT_SECRET"] = "never-shown"
	res := hooksTestRun(t, env, "", 0, "hooks", "list", "--json")
	if !strings.Contains(res.Stderr, "AUTH0_DOMAIN is not set") || !strings.Contains(res.Stderr, "local tenant") {
		t.Errorf("no note: %q", res.Stderr)
	}
	if strings.Contains(res.Stdout+res.Stderr, "never-shown") {
		t.Error("the secret was printed")
	}
	// --data is an explicit choice of the local tenant: nothing to note.
	res = hooksTestRun(t, env, "", 0, "--data", t.TempDir(), "hooks", "list")
	if strings.Contains(res.Stderr, "AUTH0_DOMAIN") {
		t.Errorf("note despite --data: %q", res.Stderr)
	}
}

// targetTestLateReader stands for a user who presses Ctrl+C at a prompt and then types a line:
// its first Read waits for the cancellation, then returns that line.
type targetTestLateReader struct {
	ctx  context.Context
	line string
}

func (r *targetTestLateReader) Read(p []byte) (int, error) {
	<-r.ctx.Done()
	if r.line == "" {
		return 0, io.EOF
	}
	n := copy(p, r.line)
	r.line = r.line[n:]
	return n, nil
}

// Ctrl+C at a secret prompt used to be ignored: the read went on, the next line the user
// typed (here a shell command) was taken as the secret, and only then did the command fail
// with "open the local tenant…: context canceled". It must end the prompt, say so, and
// leave nothing changed.
func TestSecretsPromptEndsOnInterrupt(t *testing.T) {
	env := hooksTestEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr strings.Builder
	app := &App{Stdin: &targetTestLateReader{ctx: ctx, line: "ls -la\n"}, Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() { done <- Run(ctx, app, []string{"secrets", "set", "starter-send-phone-message", "KEY"}) }()
	cancel()
	code := <-done
	if code != ExitFailure || !strings.Contains(stderr.String(), "interrupted") || strings.Contains(stderr.String(), "local tenant") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	res := hooksTestRun(t, env, "", 0, "secrets", "list", "starter-send-phone-message")
	if res.Stdout != "" {
		t.Errorf("secrets after an interrupted set: %q", res.Stdout)
	}
}

func TestTargetConfirmEndsOnInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	app := &App{Stdin: &targetTestLateReader{ctx: ctx, line: "y\n"}, Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	cancel()
	ok, err := targetConfirm(ctx, app, "sure? ")
	if ok || err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("confirm after Ctrl+C: %v %v", ok, err)
	}
}

// `-n` given with `--since` was ignored: `logs list --since 1h -n 2` printed every event of
// the hour. Both given means the last n events of that window.
func TestLogsSinceWithNumberKeepsTheLimit(t *testing.T) {
	data := t.TempDir()
	for _, name := range []string{"a1", "a2", "a3"} {
		if res := logsTestCLI(t, data, "", "hooks", "create", "--name", name, "--trigger", "send-phone-message"); res.Code != ExitOK {
			t.Fatal(res.Stderr)
		}
	}
	res := logsTestCLI(t, data, "", "logs", "list", "--since", "1h", "-n", "2", "--filter", "hooks-api", "--json")
	if got := strings.Count(res.Stdout, "\n"); res.Code != ExitOK || got != 2 {
		t.Fatalf("--since 1h -n 2: exit %d, %d lines\n%s%s", res.Code, got, res.Stdout, res.Stderr)
	}
	// Without -n, --since shows the whole window.
	res = logsTestCLI(t, data, "", "logs", "list", "--since", "1h", "--filter", "hooks-api", "--json")
	if got := strings.Count(res.Stdout, "\n"); got != 3 {
		t.Fatalf("--since 1h: %d lines\n%s", got, res.Stdout)
	}
}

// The --switch suggestion is meant to be copied: it must name the same tenant. Without the
// user's --data (or --tenant) it would act on the default data folder instead.
func TestHooksEnableConflictHintKeepsTheTarget(t *testing.T) {
	env := hooksTestEnv(t)
	data := t.TempDir()
	hooksTestRun(t, env, "", 0, "--data", data, "hooks", "create", "--name", "second", "--trigger", "send-phone-message", "--enabled")
	res := hooksTestRun(t, env, "", 1, "--data", data, "hooks", "enable", "starter-send-phone-message")
	if !strings.Contains(res.Stderr, "`hookterm --data "+data+" hooks enable --switch ") {
		t.Errorf("hint: %s", res.Stderr)
	}
}

// create --enabled and update --enabled=true on a point whose hook is enabled used to end
// with the generic "disable that one first, or use `hookterm hooks enable --switch`" (no
// hook named, after the tenant's own "Disable it first."): give the commands that work.
func TestHooksEnabledConflictOnCreateAndUpdateSaysWhatToRun(t *testing.T) {
	env := hooksTestEnv(t)
	hooksTestRun(t, env, "", 0, "hooks", "enable", "starter-send-phone-message")
	res := hooksTestRun(t, env, "", 1, "hooks", "create", "--name", "c2", "--trigger", "send-phone-message", "--enabled")
	if !strings.Contains(res.Stderr, "without --enabled") || !strings.Contains(res.Stderr, "`hookterm hooks enable --switch c2`") {
		t.Errorf("create --enabled: %s", res.Stderr)
	}
	hooksTestRun(t, env, "", 0, "hooks", "create", "--name", "c2", "--trigger", "send-phone-message")
	c2 := hooksTestGet(t, env, "c2")
	res = hooksTestRun(t, env, "", 1, "hooks", "update", "c2", "--enabled=true")
	if !strings.Contains(res.Stderr, "`hookterm hooks enable --switch "+c2.ID+"`") || strings.Contains(res.Stderr, "disable that one first, or use") {
		t.Errorf("update --enabled=true: %s", res.Stderr)
	}
}

// A --query the tenant rejects (400) is bad input, exit 2, as a bad hook body is for
// `hooks create`; `logs list` exited 1.
func TestLogsListBadQueryIsUsageError(t *testing.T) {
	data := t.TempDir()
	res := logsTestCLI(t, data, "", "logs", "list", "--query", "type:(")
	if res.Code != ExitUsage || !strings.Contains(res.Stderr, "Invalid query") {
		t.Fatalf("exit %d: %s", res.Code, res.Stderr)
	}
}

// Two versions of one package silently kept the last; the user meant one of them.
func TestHooksDependencyGivenTwiceIsRefused(t *testing.T) {
	env := hooksTestEnv(t)
	res := hooksTestRun(t, env, "", 2, "hooks", "create", "--name", "d2", "--trigger", "send-phone-message", "--dependency", "a@1", "--dependency", "a@2")
	if !strings.Contains(res.Stderr, `"a"`) || !strings.Contains(res.Stderr, "twice") {
		t.Errorf("stderr: %s", res.Stderr)
	}
}

// --tenant brings its own credentials: --client-id/--client-secret/--token given with it were
// silently ignored, so the user believed the command used them.
func TestTargetTenantWithCredentialFlagsIsRefused(t *testing.T) {
	env := hooksTestEnv(t)
	hooksTestRun(t, env, "", 0, "tenants", "add", "prod", "--domain", "prod.eu.auth0.com", "--token", "saved")
	for _, flag := range []string{"--token", "--client-id", "--client-secret"} {
		res := hooksTestRun(t, env, "", 2, "--tenant", "prod", flag, "never-shown", "hooks", "list")
		if !strings.Contains(res.Stderr, flag) || !strings.Contains(res.Stderr, "--tenant") || strings.Contains(res.Stderr, "never-shown") {
			t.Errorf("%s: %s", flag, res.Stderr)
		}
	}
}

// Forgetting the hook argument made NAME=VALUE the hook name, and the "no hook has the id or
// name" error printed the secret's value.
func TestSecretsSetWithoutHookNeverPrintsTheValue(t *testing.T) {
	env := hooksTestEnv(t)
	for _, args := range [][]string{
		{"secrets", "set", "API_KEY=never-shown"},
		{"secrets", "set", "API_KEY=never-shown", "OTHER=also-never-shown"},
	} {
		res := hooksTestRun(t, env, "", 2, args...)
		if strings.Contains(res.Stderr, "never-shown") || !strings.Contains(res.Stderr, "HOOK") {
			t.Errorf("%v: %s", args, res.Stderr)
		}
	}
}

// An argument that is not a valid NAME or NAME=VALUE may be a pasted value: the error says
// which argument, not what it holds.
func TestSecretsSetBadArgumentIsNotEchoed(t *testing.T) {
	env := hooksTestEnv(t)
	res := hooksTestRun(t, env, "", 2, "secrets", "set", "starter-send-phone-message", "OK=1", "pa$$w0rd!=x")
	if strings.Contains(res.Stderr, "pa$$w0rd") || !strings.Contains(res.Stderr, "argument 3") {
		t.Errorf("stderr: %s", res.Stderr)
	}
}

// The help's last group read "every hook-related event above (all of the above)".
func TestLogsHelpSaysEachGroupOnce(t *testing.T) {
	res := runCLI(t, nil, "", "logs", "tail", "--help")
	if strings.Contains(res.Stdout, "(all of the above)") || !strings.Contains(res.Stdout, "every hook-related event above") {
		t.Errorf("help:\n%s", res.Stdout)
	}
}

// "open the local tenant in X: open the local tenant: open tenant: …" said it twice.
func TestTargetDataFolderErrorSaysItOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	res := hooksTestRun(t, hooksTestEnv(t), "", 1, "--data", file, "hooks", "list")
	if n := strings.Count(res.Stderr, "open the local tenant"); n != 1 {
		t.Errorf("said %d times: %s", n, res.Stderr)
	}
}

// `--script -` read standard input to the end even after Ctrl+C, as the prompts did.
func TestHooksScriptFromStdinEndsOnInterrupt(t *testing.T) {
	env := hooksTestEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr strings.Builder
	app := &App{Stdin: &targetTestLateReader{ctx: ctx, line: "module.exports = function () {};\n"}, Stdout: &strings.Builder{}, Stderr: &stderr,
		Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, app, []string{"hooks", "create", "--name", "from-stdin", "--trigger", "send-phone-message", "--script", "-"})
	}()
	cancel()
	if code := <-done; code != ExitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	hooksTestRun(t, env, "", 2, "hooks", "get", "from-stdin") // never created
}

// `secrets set --from-file -` read standard input to the end even after Ctrl+C.
func TestSecretsFromStdinEndsOnInterrupt(t *testing.T) {
	env := hooksTestEnv(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stderr strings.Builder
	app := &App{Stdin: &targetTestLateReader{ctx: ctx, line: "KEY=typed-after-ctrl-c\n"}, Stdout: &strings.Builder{}, Stderr: &stderr,
		Getenv: func(k string) string { return env[k] }}
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, app, []string{"secrets", "set", "starter-send-phone-message", "--from-file", "-"})
	}()
	cancel()
	if code := <-done; code != ExitFailure || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
}
