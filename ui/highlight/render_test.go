package highlight

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

func TestLinesPaintsPerLine(t *testing.T) {
	src := "{\n  \"a\": [1, true],\n  \"b\": \"x\"\n}\n"
	tag := func(c Category, s string) string { return "<" + c.String() + ">" + s + "</>" }
	got := Lines(JSON(), src, tag)
	want := []string{
		"<Punctuation>{</>",
		`  <Key>"a"</><Punctuation>:</> <Punctuation>[</><Number>1</><Punctuation>,</> <Literal>true</><Punctuation>]</><Punctuation>,</>`,
		`  <Key>"b"</><Punctuation>:</> <String>"x"</>`,
		"<Punctuation>}</>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A multi-line token (a block comment) is painted on each of its lines.
	got = Lines(JavaScript(), "/* a\nb */ x", tag)
	if len(got) != 2 || got[0] != "<Comment>/* a</>" || got[1] != "<Comment>b */</> x" {
		t.Errorf("multi-line comment: %q", got)
	}
}

func TestLipglossPainter(t *testing.T) {
	p := LipglossPainter(map[Category]lipgloss.Style{
		Key:    lipgloss.NewStyle().Bold(true),
		String: lipgloss.NewStyle(), // renders no sequences: stays plain
	})
	if got := p(Key, "k"); got == "k" || !strings.Contains(got, "k") || !strings.HasPrefix(got, "\x1b[") {
		t.Errorf("bold key painted as %q", got)
	}
	if got := p(String, "s"); got != "s" {
		t.Errorf("unstyled string painted as %q", got)
	}
	if got := p(Number, "1"); got != "1" {
		t.Errorf("category without a style painted as %q", got)
	}
}
