package cmd

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// logsTestNDJSON parses `--json` output back, one entry per line.
func logsTestNDJSON(t *testing.T, out string) []map[string]any {
	t.Helper()
	var entries []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not NDJSON: %q: %v", sc.Text(), err)
		}
		entries = append(entries, m)
	}
	return entries
}

func logsTestCLI(t *testing.T, data string, stdin string, args ...string) cliResult {
	t.Helper()
	return runCLI(t, nil, stdin, append(args, "--data", data)...)
}

// TestRunHookIsRecordedInLogs runs stored hooks with `run --hook` and finds their shr/fhr
// entries with `logs list --json` and `logs get`: the stored secret reaches the run, the
// supplied one wins, and no value appears in the logs.
func TestRunHookIsRecordedInLogs(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	okScript := filepath.Join(dir, "ok.js")
	failScript := filepath.Join(dir, "deny.js")
	if err := os.WriteFile(okScript, []byte(`module.exports = function (client, scope, audience, context, cb) {
  console.log("key set:", Boolean(context.webtask.secrets.API_KEY), "region:", context.webtask.secrets.REGION === "eu");
  cb(null, { accessToken: { scope: scope } });
};`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(failScript, []byte(`module.exports = function (user, context, cb) {
  cb(new PreUserRegistrationError("Denied user registration", "Signups are closed"));
};`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"hooks", "create", "--name", "add-scope", "--trigger", "credentials-exchange", "--script", okScript},
		{"hooks", "create", "--name", "deny-all", "--trigger", "pre-user-registration", "--script", failScript},
		{"secrets", "set", "add-scope", "API_KEY=s3cr3t-value", "REGION=us", "TOKEN=t0ken-value"},
	} {
		if res := logsTestCLI(t, data, "", args...); res.Code != ExitOK {
			t.Fatalf("%v: code %d: %s", args, res.Code, res.Stderr)
		}
	}

	res := logsTestCLI(t, data, "", "run", "--hook", "add-scope", "--secret", "REGION=eu")
	if res.Code != ExitOK {
		t.Fatalf("run --hook add-scope: code %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	res = logsTestCLI(t, data, "", "run", "--hook", "deny-all")
	if res.Code != ExitFailure {
		t.Fatalf("run --hook deny-all: code %d, want %d\n%s%s", res.Code, ExitFailure, res.Stdout, res.Stderr)
	}

	res = logsTestCLI(t, data, "", "logs", "list", "--json", "--filter", "runs")
	if res.Code != ExitOK {
		t.Fatalf("logs list: code %d: %s", res.Code, res.Stderr)
	}
	entries := logsTestNDJSON(t, res.Stdout)
	if len(entries) != 2 {
		t.Fatalf("logs list --filter runs gave %d entries, want 2:\n%s", len(entries), res.Stdout)
	}
	okEntry, failEntry := entries[0], entries[1]
	if okEntry["type"] != "shr" || failEntry["type"] != "fhr" {
		t.Fatalf("types %v, %v; want shr then fhr (oldest first)", okEntry["type"], failEntry["type"])
	}
	d, _ := okEntry["details"].(map[string]any)
	if d["hook_name"] != "add-scope" || d["trigger"] != "credentials-exchange" || d["hook_id"] == "" {
		t.Fatalf("shr details %v", d)
	}
	logs, _ := json.Marshal(d["logs"])
	if !strings.Contains(string(logs), "key set: true region: true") {
		t.Fatalf("the run's console output %s: the stored secret and the supplied one (which wins) should reach the hook", logs)
	}
	if strings.Contains(res.Stdout, "s3cr3t-value") || strings.Contains(res.Stdout, "t0ken-value") {
		t.Fatal("a secret value appears in the logs")
	}
	fd, _ := failEntry["details"].(map[string]any)
	if fd["hook_name"] != "deny-all" || fd["error"] == nil {
		t.Fatalf("fhr details %v", fd)
	}

	// --since asks the tenant for a date range (quoted: the time has colons).
	res = logsTestCLI(t, data, "", "logs", "list", "--json", "--since", "1h", "--filter", "runs")
	if got := logsTestNDJSON(t, res.Stdout); res.Code != ExitOK || len(got) != 2 {
		t.Fatalf("logs list --since 1h: code %d, %d entries\n%s", res.Code, len(got), res.Stderr)
	}

	// The readable form and logs get.
	res = logsTestCLI(t, data, "", "logs", "list", "-t", "fhr")
	if res.Code != ExitOK || !strings.Contains(res.Stdout, "fhr    Failed Hook Run") || !strings.Contains(res.Stdout, "deny-all") {
		t.Fatalf("readable list: code %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	if strings.Contains(res.Stdout, "\x1b[") {
		t.Fatal("colour with NO_COLOR set")
	}
	id, _ := failEntry["log_id"].(string)
	res = logsTestCLI(t, data, "", "logs", "get", id, "--json")
	got := logsTestNDJSON(t, res.Stdout)
	if res.Code != ExitOK || len(got) != 1 || got[0]["log_id"] != id {
		t.Fatalf("logs get --json: code %d\n%s%s", res.Code, res.Stdout, res.Stderr)
	}
	res = logsTestCLI(t, data, "", "logs", "get", "900123")
	if res.Code != ExitUsage {
		t.Fatalf("logs get of a missing id: code %d, want %d: %s", res.Code, ExitUsage, res.Stderr)
	}
}

func TestRunHookUnknownNameIsUsageError(t *testing.T) {
	data := t.TempDir()
	res := logsTestCLI(t, data, "", "run", "--hook", "no-such-hook")
	if res.Code != ExitUsage || !strings.Contains(res.Stderr, "no-such-hook") {
		t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
	}
}

// logsTestBuffer is an io.Writer safe to read while a command writes to it.
type logsTestBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logsTestBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logsTestBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestLogsTailFollowsAndEndsCleanly runs `logs tail --json` in-process, makes changes from
// other commands, reads the NDJSON back, and cancels: exit 0, every entry once, in order.
func TestLogsTailFollowsAndEndsCleanly(t *testing.T) {
	data := t.TempDir()
	if res := logsTestCLI(t, data, "", "hooks", "list"); res.Code != ExitOK {
		t.Fatalf("hooks list: %s", res.Stderr)
	}
	for _, name := range []string{"before-1", "before-2"} {
		if res := logsTestCLI(t, data, "", "hooks", "create", "--name", name, "--trigger", "send-phone-message"); res.Code != ExitOK {
			t.Fatalf("create: %s", res.Stderr)
		}
	}
	home := t.TempDir()
	env := map[string]string{"HOME": home, "XDG_DATA_HOME": home + "/data", "XDG_CONFIG_HOME": home + "/config", "NO_COLOR": "1"}
	var stdout, stderr logsTestBuffer
	app := &App{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- Run(ctx, app, []string{"logs", "tail", "--json", "-n", "2", "--filter", "hooks-api", "--interval", "10ms", "--data", data})
	}()
	// The history is printed once the tail's checkpoint is fixed: write only after that.
	for !strings.Contains(stdout.String(), "before-2") {
		select {
		case c := <-code:
			t.Fatalf("tail ended early with %d: %s", c, stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	for _, name := range []string{"live-1", "live-2", "live-3"} {
		if res := logsTestCLI(t, data, "", "hooks", "create", "--name", name, "--trigger", "send-phone-message"); res.Code != ExitOK {
			t.Fatalf("create: %s", res.Stderr)
		}
	}
	// Wait (bounded only by the test binary's timeout) until the last change is shown.
	for !strings.Contains(stdout.String(), `live-3`) {
		select {
		case c := <-code:
			t.Fatalf("tail ended early with %d: %s", c, stderr.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	cancel()
	if c := <-code; c != ExitOK {
		t.Fatalf("tail ended with %d after cancel: %s", c, stderr.String())
	}
	entries := logsTestNDJSON(t, stdout.String())
	var descs []string
	seen := map[string]bool{}
	prev := ""
	for _, e := range entries {
		id, _ := e["log_id"].(string)
		if seen[id] || !logsIDLess(prev, id) {
			t.Fatalf("entry %s repeated or out of order in\n%s", id, stdout.String())
		}
		seen[id], prev = true, id
		body, _ := json.Marshal(e["details"])
		descs = append(descs, string(body))
	}
	// Two from history (the -n 2 before the tail started), then the three live creations.
	if len(entries) != 5 {
		t.Fatalf("got %d entries, want 5:\n%s", len(entries), stdout.String())
	}
	for i, want := range []string{"before-1", "before-2", "live-1", "live-2", "live-3"} {
		if !strings.Contains(descs[i], want) {
			t.Fatalf("entry %d does not mention %s: %s", i, want, descs[i])
		}
	}
}
