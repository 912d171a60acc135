package e2e

import (
	"strings"
	"testing"
)

// TestHarnessReadsTheScreen checks the tmux harness itself on a plain shell command: that a
// wait sees text as it appears, that typed text and keys reach the program, and that the exit
// status of a program that ended is read.
func TestHarnessReadsTheScreen(t *testing.T) {
	s := startScreen(t, []string{"PATH=/usr/bin:/bin"}, 60, 10,
		"sh", "-c", `printf 'ready\n'; read line; printf 'got:%s\n' "$line"; read more; exit 3`)
	s.waitFor("ready")
	s.typeText("hello world")
	s.keys("Enter")
	sc := s.waitFor("got:hello world")
	if !strings.HasPrefix(sc, "ready\n") {
		t.Fatalf("the first line should be the program's first output:\n%s", frame(sc))
	}
	if _, ended := s.exitStatus(); ended {
		t.Fatal("the program is reported ended while it waits for input")
	}
	s.keys("Enter")
	if st := s.waitExit(); st != "3" {
		t.Fatalf("exit status = %q, want 3", st)
	}
}
