package cmd

import (
	"strings"
	"testing"
)

func TestTUINeedsATerminal(t *testing.T) {
	res := runCLI(t, nil, "")
	if res.Code != ExitUsage || !strings.Contains(res.Stderr, "the TUI needs a terminal") {
		t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
	}
	if res.Stdout != "" {
		t.Fatalf("the TUI wrote to a non-terminal: %q", res.Stdout)
	}
}

func TestTUIRejectsArguments(t *testing.T) {
	res := runCLI(t, nil, "", "no-such-command")
	if res.Code != ExitUsage {
		t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
	}
}

func TestTUINoColorFlagIsKnown(t *testing.T) {
	res := runCLI(t, nil, "", "--no-color")
	// Known flag: the failure is the missing terminal, not an unknown flag.
	if res.Code != ExitUsage || !strings.Contains(res.Stderr, "terminal") {
		t.Fatalf("code %d, stderr %q", res.Code, res.Stderr)
	}
}
