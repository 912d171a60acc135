package editor

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// editorTestStyles is a fixed true-colour palette so golden files do not depend on the
// defaults or on the terminal.
func editorTestStyles() Styles {
	c := lipgloss.Color
	n := lipgloss.NewStyle
	return Styles{
		Text: n(), LineNumber: n().Foreground(c("#808080")), CurrentLineNumber: n().Foreground(c("#ffffff")).Bold(true),
		DiagnosticMark: n().Foreground(c("#ff0000")).Bold(true), DiagnosticText: n().Foreground(c("#ff0000")),
		DiagnosticAt: n().Underline(true), Selection: n().Background(c("#0000ff")), Match: n().Background(c("#ffff00")),
		Prompt: n().Bold(true), Notice: n().Foreground(c("#ffa500")), Bracket: n().Foreground(c("#ff8000")),
		Keyword: n().Foreground(c("#ff00ff")), Constant: n().Foreground(c("#00ffff")), Builtin: n().Foreground(c("#0080ff")),
		Function: n().Foreground(c("#00ff80")), String: n().Foreground(c("#00ff00")), Number: n().Foreground(c("#00c0c0")),
		Comment: n().Foreground(c("#606060")), Operator: n().Foreground(c("#c0c0c0")), Punctuation: n(),
	}
}

// editorTestNew builds a focused editor of w×h holding content, with a memory clipboard and
// near-zero debounce delays so running the returned commands does not wait.
func editorTestNew(t testing.TB, content string, w, h int, opts ...func(*Options)) *Model {
	t.Helper()
	o := Options{Styles: editorTestStyles(), Clipboard: &MemoryClipboard{}, TabWidth: 4, CheckDelay: 1, HighlightDelay: 1}
	for _, f := range opts {
		f(&o)
	}
	m := New(o)
	m.SetSize(w, h)
	m.Focus()
	m.SetContent(content)
	return m
}

// editorTestRun runs cmd and feeds every message it produces back into the editor until no
// work is left, the way the Bubble Tea runtime would.
func editorTestRun(t testing.TB, m *Model, cmd tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("editor keeps producing commands")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg != nil {
			queue = append(queue, m.Update(msg))
		}
	}
}

// editorTestKey turns "ctrl+shift+left", "a", "enter" into the key press Bubble Tea sends.
func editorTestKey(t testing.TB, s string) tea.KeyPressMsg {
	t.Helper()
	names := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"delete": tea.KeyDelete, "insert": tea.KeyInsert, "esc": tea.KeyEscape, "f3": tea.KeyF3,
		"space": tea.KeySpace,
	}
	var k tea.Key
	parts := strings.Split(s, "+")
	if s == "+" {
		parts = []string{"+"}
	}
	for _, mod := range parts[:len(parts)-1] {
		switch mod {
		case "ctrl":
			k.Mod |= tea.ModCtrl
		case "alt":
			k.Mod |= tea.ModAlt
		case "shift":
			k.Mod |= tea.ModShift
		default:
			t.Fatalf("unknown modifier %q in %q", mod, s)
		}
	}
	last := parts[len(parts)-1]
	if code, ok := names[last]; ok {
		k.Code = code
		if last == "space" && k.Mod == 0 {
			k.Text = " "
		}
	} else {
		r := []rune(last)
		if len(r) != 1 {
			t.Fatalf("unknown key %q", s)
		}
		k.Code = r[0]
		if k.Mod&^tea.ModShift == 0 {
			k.Text = last
		}
	}
	msg := tea.KeyPressMsg(k)
	if got := msg.Keystroke(); got != s && !(last == "space" && got == "space") && k.Text == "" {
		t.Fatalf("key %q is seen by Bubble Tea as %q", s, got)
	}
	return msg
}

// editorTestPress sends keys one after the other, running what each one starts.
func editorTestPress(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		editorTestRun(t, m, m.Update(editorTestKey(t, k)))
	}
}

// editorTestType types text one character at a time.
func editorTestType(t testing.TB, m *Model, text string) {
	t.Helper()
	for _, r := range text {
		editorTestRun(t, m, m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}))
	}
}

var editorTestANSI = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// editorTestPlain is the view without escape sequences.
func editorTestPlain(s string) string { return editorTestANSI.ReplaceAllString(s, "") }

// editorTestGolden compares got with testdata/name.golden; HOOKTERM_UPDATE_GOLDEN=1 rewrites it.
func editorTestGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if os.Getenv("HOOKTERM_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (HOOKTERM_UPDATE_GOLDEN=1 creates it): %v", err)
	}
	if got != string(want) {
		t.Errorf("view differs from %s\n got:\n%s\nwant:\n%s\n got (quoted): %q", path, editorTestPlain(got), editorTestPlain(string(want)), got)
	}
}
