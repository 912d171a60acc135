package runpane

import (
	"bytes"
	"encoding/json"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/alecthomas/chroma/v2"

	"github.com/hookterm/hookterm/ui/highlight"
)

// prettyJSON indents raw for reading; text that is not JSON is returned as it is.
func prettyJSON(raw []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, bytes.TrimSpace(raw), "", "  "); err != nil {
		return string(raw)
	}
	return buf.String()
}

// highlightJSON colours JSON text with chroma's lexer, mapped onto the pane's ANSI styles
// rather than a chroma theme so that NO_COLOR and the terminal's palette are respected. It
// returns one string per line, each styled on its own so that no escape sequence spans a
// line break (the viewport cuts and wraps lines independently).
func highlightJSON(text string, st Styles) []string {
	lexer := highlight.JSON()
	if lexer == nil {
		return strings.Split(text, "\n")
	}
	it, err := lexer.Tokenise(nil, text)
	if err != nil {
		return strings.Split(text, "\n")
	}
	// Rendering through lipgloss for every token is slow on large results: take each style's
	// opening and closing sequences once and wrap the token text in them.
	wraps := map[*lipgloss.Style][2]string{}
	wrap := func(style *lipgloss.Style) [2]string {
		w, ok := wraps[style]
		if !ok {
			r := style.Render("\x00")
			i := strings.IndexByte(r, 0)
			w = [2]string{r[:i], r[i+1:]}
			wraps[style] = w
		}
		return w
	}
	var lines []string
	var cur strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		style := tokenStyle(tok.Type, &st)
		parts := strings.Split(tok.Value, "\n")
		for i, p := range parts {
			if i > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
			if p == "" {
				continue
			}
			if style == nil {
				cur.WriteString(p)
			} else {
				w := wrap(style)
				cur.WriteString(w[0] + p + w[1])
			}
		}
	}
	lines = append(lines, cur.String())
	// The lexer ends with the text's final newline: drop the empty line it leaves.
	if len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func tokenStyle(t chroma.TokenType, st *Styles) *lipgloss.Style {
	switch {
	case t == chroma.NameTag:
		return &st.JSONKey
	case t.InCategory(chroma.Keyword):
		return &st.JSONLiteral
	case t.InSubCategory(chroma.LiteralString):
		return &st.JSONString
	case t.InSubCategory(chroma.LiteralNumber):
		return &st.JSONNumber
	case t == chroma.Punctuation:
		return &st.JSONPunct
	}
	return nil
}
