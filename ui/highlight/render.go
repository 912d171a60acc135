package highlight

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"
)

// Painter colours the text of one token of the given category. Text never holds a newline,
// and Lines never asks it to paint Plain text.
type Painter func(c Category, text string) string

// Lines lexes text with l and returns it one string per line, each token painted on its own
// line so that no escape sequence spans a line break (viewports cut and wrap lines
// independently). Text that fails to lex comes back unpainted. A final newline does not
// make an extra empty line.
func Lines(l chroma.Lexer, text string, paint Painter) []string {
	it, err := l.Tokenise(nil, text)
	if err != nil {
		return splitLines(text)
	}
	var lines []string
	var cur strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		cat := Categorize(tok.Type)
		for i, part := range strings.Split(tok.Value, "\n") {
			if i > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
			switch {
			case part == "":
			case cat == Plain:
				cur.WriteString(part) // plain text needs no escapes at all
			default:
				cur.WriteString(paint(cat, part))
			}
		}
	}
	lines = append(lines, cur.String())
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// LipglossPainter paints each category with its style; categories without one stay plain.
// Each style's opening and closing sequences are taken once here, because rendering every
// token through lipgloss is slow on large texts.
func LipglossPainter(styles map[Category]lipgloss.Style) Painter {
	var wraps [Key + 1]*[2]string
	for c, st := range styles {
		if c < Plain || c > Key {
			continue
		}
		r := st.Render("\x00")
		i := strings.IndexByte(r, 0)
		if i < 0 || r == "\x00" {
			continue // the style renders nothing around text (e.g. NO_COLOR)
		}
		wraps[c] = &[2]string{r[:i], r[i+1:]}
	}
	return func(c Category, text string) string {
		if c < Plain || c > Key || wraps[c] == nil {
			return text
		}
		w := wraps[c]
		return w[0] + text + w[1]
	}
}
