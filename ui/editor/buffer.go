package editor

import (
	"strings"
	"unicode/utf8"
)

// line is one line of the script: its text without the line ending, and the ending itself
// ("\n", "\r\n", or "" for the last line). Keeping the ending per line is what lets a script
// with CRLF, mixed endings or no final newline come back out of the editor byte for byte.
type line struct {
	text string
	eol  string
}

// Pos is a position in the buffer: Line is 0-based, Col a byte offset into the line's text
// (always on a rune boundary).
type Pos struct {
	Line, Col int
}

// Less reports whether p comes before q.
func (p Pos) Less(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// buffer holds the lines. The invariant is len(lines) >= 1 and only the last line has eol "".
type buffer struct {
	lines []line
}

func newBuffer(s string) *buffer {
	return &buffer{lines: splitLines(s)}
}

// splitLines splits s after every "\n", keeping "\r\n" and "\n" as the line's ending. A
// string ending in a newline yields a final empty line with no ending, so joining the lines
// gives s back exactly.
func splitLines(s string) []line {
	n := strings.Count(s, "\n") + 1
	lines := make([]line, 0, n)
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, line{text: s})
			return lines
		}
		text, eol := s[:i], "\n"
		if strings.HasSuffix(text, "\r") {
			text, eol = text[:len(text)-1], "\r\n"
		}
		lines = append(lines, line{text: text, eol: eol})
		s = s[i+1:]
	}
}

func (b *buffer) String() string {
	n := 0
	for _, l := range b.lines {
		n += len(l.text) + len(l.eol)
	}
	var sb strings.Builder
	sb.Grow(n)
	for _, l := range b.lines {
		sb.WriteString(l.text)
		sb.WriteString(l.eol)
	}
	return sb.String()
}

func (b *buffer) lineCount() int { return len(b.lines) }

// clamp moves p inside the buffer and onto a rune boundary.
func (b *buffer) clamp(p Pos) Pos {
	if p.Line < 0 {
		return Pos{}
	}
	if p.Line >= len(b.lines) {
		last := len(b.lines) - 1
		return Pos{Line: last, Col: len(b.lines[last].text)}
	}
	t := b.lines[p.Line].text
	if p.Col < 0 {
		p.Col = 0
	}
	if p.Col > len(t) {
		p.Col = len(t)
	}
	for p.Col > 0 && p.Col < len(t) && !utf8.RuneStart(t[p.Col]) {
		p.Col--
	}
	return p
}

// textRange returns the bytes between from and to (from before to), line endings included
// as they are stored.
func (b *buffer) textRange(from, to Pos) string {
	if from.Line == to.Line {
		return b.lines[from.Line].text[from.Col:to.Col]
	}
	var sb strings.Builder
	first := b.lines[from.Line]
	sb.WriteString(first.text[from.Col:])
	sb.WriteString(first.eol)
	for i := from.Line + 1; i < to.Line; i++ {
		sb.WriteString(b.lines[i].text)
		sb.WriteString(b.lines[i].eol)
	}
	sb.WriteString(b.lines[to.Line].text[:to.Col])
	return sb.String()
}

// replace swaps the text between from and to (from before to) for text, which is inserted
// with its line endings as given, and returns the position just after the inserted text.
func (b *buffer) replace(from, to Pos, text string) Pos {
	prefix := b.lines[from.Line].text[:from.Col]
	last := b.lines[to.Line]
	suffix, suffixEOL := last.text[to.Col:], last.eol

	if from.Line == to.Line && !strings.Contains(text, "\n") {
		// The common case, a keystroke inside one line: no slice surgery at all.
		b.lines[from.Line].text = prefix + text + suffix
		return Pos{Line: from.Line, Col: len(prefix) + len(text)}
	}
	parts := splitLines(text)
	parts[0].text = prefix + parts[0].text
	// The end is measured before the suffix is appended (the prefix is already in parts[0]).
	end := Pos{Line: from.Line + len(parts) - 1, Col: len(parts[len(parts)-1].text)}
	parts[len(parts)-1].text += suffix
	parts[len(parts)-1].eol = suffixEOL
	b.lines = spliceLines(b.lines, from.Line, to.Line+1, parts)
	return end
}

// spliceLines replaces lines[i:j] with repl, reusing the backing array when it can.
func spliceLines(lines []line, i, j int, repl []line) []line {
	delta := len(repl) - (j - i)
	switch {
	case delta == 0:
	case delta < 0:
		copy(lines[i+len(repl):], lines[j:])
		clear(lines[len(lines)+delta:])
		lines = lines[:len(lines)+delta]
	default:
		n := len(lines)
		lines = append(lines, make([]line, delta)...)
		copy(lines[j+delta:], lines[j:n])
	}
	copy(lines[i:], repl)
	return lines
}
