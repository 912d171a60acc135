// Package termtext makes text that others control safe to print on a terminal: a hook's
// script, a signup's user name or a hook's error message may hold escape sequences that would
// act on the user's terminal if printed as they are.
package termtext

import "strings"

// Printable shows control characters in caret notation (ESC as ^[, DEL as ^?) and C1
// controls as U+FFFD. With keepLayout, tab, line feed and carriage return stay as they are,
// for multi-line text such as a script.
func Printable(s string, keepLayout bool) string {
	if !needsEscape(s, keepLayout) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case keepLayout && isLayout(r):
			b.WriteRune(r)
		case r < 0x20:
			b.WriteByte('^')
			b.WriteRune(r + '@')
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r < 0xa0:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(s string, keepLayout bool) bool {
	for _, r := range s {
		if (r < 0x20 && !(keepLayout && isLayout(r))) || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

func isLayout(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }
