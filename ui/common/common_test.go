package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFitCropsAndPads(t *testing.T) {
	got := Fit("abcdef\n\x1b[1mbold text\x1b[m\nx\ny\nz", 4, 3)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if ansi.StringWidth(l) != 4 {
			t.Fatalf("width %d: %q", ansi.StringWidth(l), l)
		}
	}
	if ansi.Strip(lines[0]) != "abcd" || ansi.Strip(lines[1]) != "bold" || ansi.Strip(lines[2]) != "x   " {
		t.Fatalf("got %q", got)
	}
	if Fit("x", 0, 3) != "" || Fit("x", 3, 0) != "" {
		t.Fatal("empty area must give an empty string")
	}
	if got := Fit("a\tb", 5, 1); ansi.StringWidth(got) != 5 {
		t.Fatalf("width of %q", got)
	}
}

func TestTruncateAddsEllipsis(t *testing.T) {
	if got := Truncate("starter-credentials-exchange", 10); got != "starter-c…" {
		t.Fatalf("got %q", got)
	}
	if Truncate("short", 10) != "short" || Truncate("x", 0) != "" {
		t.Fatal("short strings are kept, zero width is empty")
	}
}

func TestThemesDifferOnlyInColour(t *testing.T) {
	plain, color := NewTheme(false), NewTheme(true)
	if strings.Contains(plain.Enabled.Render("●"), "\x1b[3") {
		t.Fatal("the NO_COLOR theme colours the enabled mark")
	}
	if !strings.Contains(color.Enabled.Render("●"), "\x1b[32m") {
		t.Fatalf("the colour theme uses ANSI green for enabled: %q", color.Enabled.Render("●"))
	}
	if ansi.Strip(plain.Selected.Render("x")) != "x" || !strings.Contains(plain.Selected.Render("x"), "7") {
		t.Fatal("the NO_COLOR selection must be reverse video")
	}
}
