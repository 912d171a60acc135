package cmd

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestHooksGetKeepsEscapesOffTheTerminal: the readable view shows a stored script's control
// characters in caret notation, so a script cannot act on the terminal it is read on, while
// --json still gives the script byte for byte.
func TestHooksGetKeepsEscapesOffTheTerminal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	script := "module.exports = function (user, context, cb) {\r\n\tcb(); // \x1b]0;owned\a\x1b[2J\r\n};\r\n"
	file := runCmdTestFile(t, "esc.js", script)
	if res := runCLI(t, nil, "", "--data", data, "hooks", "create", "--name", "esc-hook", "--trigger", "post-user-registration", "--script", file); res.Code != ExitOK {
		t.Fatalf("create: code %d, stderr %s", res.Code, res.Stderr)
	}
	res := runCLI(t, nil, "", "--data", data, "hooks", "get", "esc-hook")
	if res.Code != ExitOK {
		t.Fatalf("get: code %d, stderr %s", res.Code, res.Stderr)
	}
	if strings.Contains(res.Stdout, "\x1b") || strings.Contains(res.Stdout, "\a") {
		t.Fatalf("escape characters reached the output: %q", res.Stdout)
	}
	if !strings.Contains(res.Stdout, "\tcb(); // ^[]0;owned^G^[[2J\r\n") {
		t.Fatalf("script not shown in caret notation with its layout: %q", res.Stdout)
	}
	res = runCLI(t, nil, "", "--data", data, "hooks", "get", "esc-hook", "--json")
	var h struct{ Script string }
	if err := json.Unmarshal([]byte(res.Stdout), &h); err != nil || h.Script != script {
		t.Fatalf("--json script %q (err %v), want it byte for byte", h.Script, err)
	}
}
