package dialog

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// wrapTestBox returns the text lines inside a dialog box's border, without the border and
// padding, and fails the test when a line of the box is wider than width.
func wrapTestBox(t *testing.T, view string, width int) []string {
	t.Helper()
	var out []string
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if w := lipgloss.Width(l); w > width {
			t.Errorf("line wider than %d (%d): %q", width, w, l)
		}
		l = strings.TrimPrefix(strings.TrimSuffix(l, "│"), "│")
		out = append(out, strings.TrimSpace(l))
	}
	return out
}

// wrapTestJoined is the box's text with its lines joined by spaces, as a person reads it.
func wrapTestJoined(lines []string) string {
	return strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
}

// The rename dialog cut the API's answer at the dialog's width, losing its cause:
// `update hook 01M98…: A hook with the…`. Errors wrap onto as many lines as they need.
func TestFormErrorWrapsInsteadOfCutting(t *testing.T) {
	const apiErr = "update hook 01M98ZQ5E4AGFX107TF77PVAZ: A hook with the same name already exists. (409); rename it or pick another name"
	const validation = "1–128 letters, digits, spaces or -, starting and ending with a letter or digit"
	for _, size := range [][2]int{{120, 40}, {80, 24}, {40, 24}} {
		f := NewForm(theme(), "Rename victim-2", "", []Field{{Label: "New name", Value: "victim"}},
			nil, func([]string) tea.Cmd { return nil }, func() tea.Cmd { return nil })
		f.SetSize(size[0], size[1])
		for _, msg := range []string{apiErr, validation} {
			f.SetError(msg)
			lines := wrapTestBox(t, f.View(), size[0])
			if got := wrapTestJoined(lines); !strings.Contains(got, msg) {
				t.Errorf("%dx%d: the error is not shown whole:\n%s", size[0], size[1], strings.Join(lines, "\n"))
			}
		}
	}
}

// The validation error of the new-hook form, shown through validate.
func TestFormValidationErrorWraps(t *testing.T) {
	const msg = "1–128 letters, digits, spaces or -, starting and ending with a letter or digit"
	f := NewForm(theme(), "New hook", "It starts with the point's starter script.",
		[]Field{{Label: "Name"}, {Label: "Extensibility point", Options: []string{"a", "b"}, Value: "a"}},
		func([]string) error { return errorString(msg) }, func([]string) tea.Cmd { return nil }, func() tea.Cmd { return nil })
	f.SetSize(120, 40)
	press(f, "-bad-", "enter")
	lines := wrapTestBox(t, f.View(), 120)
	if got := wrapTestJoined(lines); !strings.Contains(got, msg) {
		t.Fatalf("validation error not whole:\n%s", strings.Join(lines, "\n"))
	}
}

// An error longer than the screen can hold keeps the dialog within the screen and shows the
// cut with an ellipsis rather than pushing the help line off.
func TestFormErrorStaysWithinHeight(t *testing.T) {
	f := NewForm(theme(), "Rename", "", []Field{{Label: "New name"}}, nil,
		func([]string) tea.Cmd { return nil }, func() tea.Cmd { return nil })
	f.SetSize(40, 14)
	f.SetError(strings.Repeat("the tenant said something long ", 20))
	v := f.View()
	if h := lipgloss.Height(v); h > 14 {
		t.Fatalf("dialog is %d lines high in 14:\n%s", h, ansi.Strip(v))
	}
	lines := wrapTestBox(t, v, 40)
	joined := strings.Join(lines, "\n")
	if !strings.Contains(joined, "long the…") || !strings.Contains(joined, "enter ok") {
		t.Fatalf("cut not marked or help lost:\n%s", joined)
	}
}

// The secrets and dependencies list wraps its status (a refused save) the same way.
func TestListStatusWraps(t *testing.T) {
	const msg = "Could not save: set secrets of hook 01M98ZQ5E4AGFX107TF77PVAZ: Payload validation error: 'String is too long (65537 chars), maximum 65536' (400)"
	l := NewList(theme(), Secrets, "Secrets of victim", []Entry{{Name: "A"}},
		func(string, string) tea.Cmd { return nil }, func(string) tea.Cmd { return nil }, func() tea.Cmd { return nil })
	l.SetSize(120, 40)
	l.SetStatus(msg, true)
	lines := wrapTestBox(t, l.View(), 120)
	if got := wrapTestJoined(lines); !strings.Contains(got, msg) {
		t.Fatalf("status not whole:\n%s", strings.Join(lines, "\n"))
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func TestWrapTextBreaksLongWords(t *testing.T) {
	got := wrapText("id 0123456789ABCDEFGHIJ end", 8)
	for _, l := range got {
		if lipgloss.Width(l) > 8 {
			t.Fatalf("line %q wider than 8: %q", l, got)
		}
	}
	if strings.ReplaceAll(strings.Join(got, ""), " ", "") != "id0123456789ABCDEFGHIJend" {
		t.Fatalf("text lost or reordered: %q", got)
	}
}
