package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// waitDeadline bounds every wait for the screen. It is generous on purpose: the machine
// running the tests may be busy, and a wait returns as soon as the text is there.
const waitDeadline = 45 * time.Second

// pollEvery is how often the screen is read while waiting.
const pollEvery = 40 * time.Millisecond

// moduleRoot is the folder holding go.mod: this package sits two levels below it.
func moduleRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test source")
	}
	root := filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

// buildHookterm builds the real binary into a temporary folder.
func buildHookterm(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatalf("tmux is needed for the end-to-end tests (.ci/run installs it): %v", err)
	}
	bin := filepath.Join(t.TempDir(), "hookterm")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// testEnv is a private home for one test: data, config and state folders in a temporary
// directory, so nothing touches the user's files, and no colours so the screen reads as text.
type testEnv struct {
	bin  string
	home string
	data string
	vars map[string]string
}

func newTestEnv(t *testing.T, bin string) *testEnv {
	t.Helper()
	home := t.TempDir()
	e := &testEnv{bin: bin, home: home, data: filepath.Join(home, "data")}
	e.vars = map[string]string{
		"HOME":            home,
		"XDG_DATA_HOME":   filepath.Join(home, "xdg-data"),
		"XDG_CONFIG_HOME": filepath.Join(home, "xdg-config"),
		"XDG_STATE_HOME":  filepath.Join(home, "xdg-state"),
		"XDG_CACHE_HOME":  filepath.Join(home, "xdg-cache"),
		"PATH":            os.Getenv("PATH"),
		"LANG":            "C.UTF-8",
		// What tmux itself gives the programs in its panes (env -i would drop it).
		"TERM":     "tmux-256color",
		"NO_COLOR": "1",
		// An editor that fails loudly, so that a test opening $EDITOR by mistake shows it.
		"EDITOR": "false",
		"VISUAL": "false",
	}
	return e
}

func (e *testEnv) environ() []string {
	out := make([]string, 0, len(e.vars))
	for k, v := range e.vars {
		out = append(out, k+"="+v)
	}
	return out
}

// cli runs a hookterm command line against the test's data folder and returns its stdout;
// a non-zero exit fails the test with both streams.
func (e *testEnv) cli(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, errOut, code := e.cliCode(t, stdin, args...)
	if code != 0 {
		t.Fatalf("hookterm %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func (e *testEnv) cliCode(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitDeadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, e.bin, append([]string{"--data", e.data}, args...)...)
	cmd.Env = e.environ()
	cmd.Stdin = strings.NewReader(stdin)
	var o, eo bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &eo
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return o.String(), eo.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("hookterm %s: %v", strings.Join(args, " "), err)
	}
	return o.String(), eo.String(), 0
}

// screen is one tmux session running one program, on a tmux server of its own (its own
// socket), so tests never see each other's or the user's sessions.
type screen struct {
	t      *testing.T
	socket string
	name   string
	// status is the file the wrapper shell writes the program's exit status to.
	status string
}

// startScreen starts argv in a detached width×height tmux session with env as its whole
// environment. A small shell runs the program and writes its exit status to a file: tmux
// 3.3 sometimes reports a program that exited 0 as dead without a status, so the status is
// taken from the shell instead (128+N for a signal, as shells report it).
func startScreen(t *testing.T, env []string, width, height int, argv ...string) *screen {
	t.Helper()
	// Unix socket paths are limited to about 100 bytes; t.TempDir() can be longer.
	dir, err := os.MkdirTemp("", "ht-e2e-")
	if err != nil {
		t.Fatal(err)
	}
	s := &screen{t: t, socket: filepath.Join(dir, "tmux.sock"), name: "e2e", status: filepath.Join(dir, "exit-status")}
	conf := filepath.Join(dir, "tmux.conf")
	// No status bar: the pane is exactly the program's screen. The pane stays after the
	// program ends, so its last screen can still be read.
	confText := "set -g remain-on-exit on\nset -g status off\nset -g history-limit 5000\nset -sg escape-time 0\n"
	if err := os.WriteFile(conf, []byte(confText), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"-S", s.socket, "-f", conf, "new-session", "-d", "-s", s.name,
		"-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "--", "env", "-i"}
	args = append(args, env...)
	args = append(args, "sh", "-c", `f=$1; shift; "$@"; echo $? > "$f"`, "sh", s.status)
	args = append(args, argv...)
	cmd := exec.Command("tmux", args...)
	cmd.Env = append(env, "TERM=xterm-256color")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		// Only this test's tmux server, by its socket.
		_ = exec.Command("tmux", "-S", s.socket, "kill-server").Run()
		_ = os.RemoveAll(dir)
	})
	return s
}

func (s *screen) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %w: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// capture is the visible screen as text.
func (s *screen) capture() string {
	out, err := s.tmux("capture-pane", "-p", "-t", s.name)
	if err != nil {
		return "<no screen: " + err.Error() + ">"
	}
	return out
}

// keys sends tmux key names (Enter, Escape, C-s, Down …).
func (s *screen) keys(keys ...string) {
	s.t.Helper()
	if _, err := s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...); err != nil {
		s.t.Fatalf("%v\nscreen:\n%s", err, s.capture())
	}
}

// typeText sends text literally, as if typed.
func (s *screen) typeText(text string) {
	s.t.Helper()
	// tmux reads an argument ending in ";" as a command separator, even with -l.
	if strings.HasSuffix(text, ";") {
		text = strings.TrimSuffix(text, ";") + `\;`
	}
	if _, err := s.tmux("send-keys", "-t", s.name, "-l", text); err != nil {
		s.t.Fatalf("%v\nscreen:\n%s", err, s.capture())
	}
}

// waitFor polls the screen until it contains every one of texts and returns that screen;
// at the deadline it fails the test with what was on screen.
func (s *screen) waitFor(texts ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("the screen to show %q", texts), func(sc string) bool {
		for _, x := range texts {
			if !strings.Contains(sc, x) {
				return false
			}
		}
		return true
	})
}

// waitGone polls until none of texts is on screen.
func (s *screen) waitGone(texts ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("the screen to stop showing %q", texts), func(sc string) bool {
		for _, x := range texts {
			if strings.Contains(sc, x) {
				return false
			}
		}
		return true
	})
}

func (s *screen) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(waitDeadline)
	for {
		sc := s.capture()
		if ok(sc) {
			return sc
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %s; the screen was:\n%s", waitDeadline, what, frame(sc))
		}
		time.Sleep(pollEvery)
	}
}

// pid is the process id of the program in the pane: the only child of the wrapper shell.
func (s *screen) pid() int {
	s.t.Helper()
	out, err := s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}")
	if err != nil {
		s.t.Fatal(err)
	}
	shell := strings.TrimSpace(out)
	data, err := os.ReadFile(filepath.Join("/proc", shell, "task", shell, "children"))
	if err != nil {
		s.t.Fatalf("children of the pane's shell %s: %v", shell, err)
	}
	f := strings.Fields(string(data))
	if len(f) != 1 {
		s.t.Fatalf("the pane's shell %s has children %q, want exactly the program", shell, f)
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil {
		s.t.Fatalf("pid %q: %v", f[0], err)
	}
	return pid
}

// cursor is the terminal cursor's position in the pane, 0-based column and row.
func (s *screen) cursor() (x, y int) {
	s.t.Helper()
	out, err := s.tmux("display-message", "-p", "-t", s.name, "#{cursor_x} #{cursor_y}")
	if err != nil {
		s.t.Fatal(err)
	}
	if _, err := fmt.Sscan(out, &x, &y); err != nil {
		s.t.Fatalf("cursor position %q: %v", out, err)
	}
	return x, y
}

// exitStatus is the program's exit status once it has ended, and whether it has.
func (s *screen) exitStatus() (string, bool) {
	data, err := os.ReadFile(s.status)
	if err != nil || !strings.HasSuffix(string(data), "\n") {
		return "", false
	}
	return strings.TrimSpace(string(data)), true
}

// waitExit polls until the program has ended and returns its exit status.
func (s *screen) waitExit() string {
	s.t.Helper()
	var status string
	s.waitUntil("the program to exit", func(string) bool {
		st, ok := s.exitStatus()
		status = st
		return ok
	})
	return status
}

// frame draws a border around a captured screen so that trailing blank lines and spaces
// are visible in a failure message.
func frame(sc string) string {
	lines := strings.Split(strings.TrimRight(sc, "\n"), "\n")
	var b strings.Builder
	b.WriteString("┌────\n")
	for _, l := range lines {
		b.WriteString("│" + l + "\n")
	}
	b.WriteString("└────")
	return b.String()
}
