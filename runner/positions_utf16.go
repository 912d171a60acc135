package runner

import (
	"strings"
	"unicode/utf8"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// Columns in a report are Node's: 1-based and counted in UTF-16 code units, as V8 counts
// them (a CJK character is one unit, an emoji outside the Basic Multilingual Plane two).
// goja counts bytes of the UTF-8 source, so every position it gives is converted here
// before it reaches a report.

// lineText returns line (1-based) of script without its line ending, or false when the
// script has no such line.
func lineText(script string, line int) (string, bool) {
	if line < 1 {
		return "", false
	}
	for i := 1; i < line; i++ {
		j := strings.IndexByte(script, '\n')
		if j < 0 {
			return "", false
		}
		script = script[j+1:]
	}
	if j := strings.IndexByte(script, '\n'); j >= 0 {
		script = script[:j]
	}
	return script, true
}

// utf16Column converts a 1-based byte column on line of script (goja's) into a 1-based
// UTF-16 column (V8's). Positions it cannot place are returned unchanged.
func utf16Column(script string, line, byteCol int) int {
	if byteCol < 1 {
		return byteCol
	}
	text, ok := lineText(script, line)
	if !ok {
		return byteCol
	}
	if byteCol-1 > len(text) {
		// Past the end of the line (the line's terminator): keep the distance.
		return nodelib.UTF16Len(text) + byteCol - len(text)
	}
	return nodelib.UTF16Len(text[:byteCol-1]) + 1
}

// ColumnByteOffset returns the byte offset in lineText (one line of a script, without its
// terminator) of the character at column, a 1-based UTF-16 column as reports give it. A
// column past the end gives len(lineText); a column inside a surrogate pair gives the start
// of its character. Consumers that index the line by bytes or characters (the editor's
// diagnostic marker and cursor) convert report columns with it.
func ColumnByteOffset(lineText string, column int) int {
	units := column - 1
	for i, r := range lineText {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units < w {
			return i
		}
		units -= w
	}
	return len(lineText)
}

// CharColumn converts a report's column (1-based, UTF-16 code units) on line of script into
// a 1-based column in characters (code points): the unit of the TUI's editor, whose
// Diagnostic and GotoLine count characters. An emoji before the column counts two units
// but one character.
func CharColumn(script string, line, column int) int { return runeColumn(script, line, column) }

// runeColumn converts a 1-based UTF-16 column on line of script into a 1-based column in
// characters (code points), the unit nodelib's source inspection (V8MessageAt) counts in.
func runeColumn(script string, line, col int) int {
	text, ok := lineText(script, line)
	if !ok || col < 1 {
		return col
	}
	off := ColumnByteOffset(text, col)
	return utf8.RuneCountInString(text[:off]) + 1
}

// byteOffset is the byte offset in script of line and 1-based byte column col.
func byteOffset(script string, line, col int) int {
	off := 0
	for i := 1; i < line; i++ {
		j := strings.IndexByte(script[off:], '\n')
		if j < 0 {
			return len(script)
		}
		off += j + 1
	}
	return min(off+max(col-1, 0), len(script))
}

// lineOf and columnOf give the 1-based line and byte column of byte offset off in script.
func lineOf(script string, off int) int { return strings.Count(script[:off], "\n") + 1 }

func columnOf(script string, off int) int { return off - strings.LastIndexByte(script[:off], '\n') }
