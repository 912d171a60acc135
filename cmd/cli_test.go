package cmd

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// cliResult is what one in-process command line produced.
type cliResult struct {
	Stdout, Stderr string
	Code           int
}

// runCLI runs hookterm's command line in-process with env as the whole environment (HOME and
// XDG folders default to temporary ones so no test touches the real user's files).
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) cliResult {
	t.Helper()
	home := t.TempDir()
	defaults := map[string]string{
		"HOME":            home,
		"XDG_DATA_HOME":   home + "/data",
		"XDG_CONFIG_HOME": home + "/config",
		"XDG_STATE_HOME":  home + "/state",
		"NO_COLOR":        "1",
	}
	getenv := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return defaults[k]
	}
	var stdout, stderr bytes.Buffer
	app := &App{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, Getenv: getenv}
	code := Run(context.Background(), app, args)
	return cliResult{Stdout: stdout.String(), Stderr: stderr.String(), Code: code}
}

func TestHelpListsCommands(t *testing.T) {
	res := runCLI(t, nil, "", "help")
	if res.Code != ExitOK || !strings.Contains(res.Stdout, "hookterm") {
		t.Fatalf("help: code %d, stdout %q, stderr %q", res.Code, res.Stdout, res.Stderr)
	}
}

func TestVersion(t *testing.T) {
	res := runCLI(t, nil, "", "--version")
	if res.Code != ExitOK || !strings.Contains(res.Stdout, Version) {
		t.Fatalf("--version: code %d, stdout %q", res.Code, res.Stdout)
	}
}
