package termtext

import "testing"

func TestPrintable(t *testing.T) {
	cases := []struct {
		in         string
		keepLayout bool
		want       string
	}{
		{"plain text é", false, "plain text é"},
		{"\x1b[31mred\x1b[0m", false, "^[[31mred^[[0m"},
		{"a\tb\nc", false, "a^Ib^Jc"},
		{"a\tb\r\nc", true, "a\tb\r\nc"},
		{"del\x7f", true, "del^?"},
		{"c1\u009b2J", true, "c1\uFFFD2J"},
		{"bell\a and \x1b]0;title\a", true, "bell^G and ^[]0;title^G"},
	}
	for _, c := range cases {
		if got := Printable(c.in, c.keepLayout); got != c.want {
			t.Errorf("Printable(%q, %v) = %q, want %q", c.in, c.keepLayout, got, c.want)
		}
	}
}
