package editor

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/alecthomas/chroma/v2"
)

// span styles the bytes [start, end) of a line's text.
type span struct {
	start, end int
	style      styleID
}

// hlLine is one line of a highlighting result: the text it was lexed from and its spans.
type hlLine struct {
	text  string
	spans []span
}

// highlight is the last highlighting result. A line's spans are used only while its text
// is still exactly the text that was lexed; after edits shift lines around, byText still
// finds unchanged lines by their content until the next result arrives. A line that is new
// since the last lexing is drawn plain.
type highlight struct {
	lines  []hlLine
	byText map[string][]span
	hits   uint64 // lookups answered from the cache (tests check the cache is used)
}

func (h *highlight) set(lines []hlLine) {
	h.lines = lines
	h.byText = make(map[string][]span, len(lines))
	for _, l := range lines {
		if len(l.spans) > 0 {
			h.byText[l.text] = l.spans
		}
	}
}

// spans returns the cached spans of line i holding text.
func (h *highlight) spans(i int, text string) ([]span, bool) {
	if i < len(h.lines) && h.lines[i].text == text {
		h.hits++
		return h.lines[i].spans, true
	}
	if s, ok := h.byText[text]; ok {
		h.hits++
		return s, true
	}
	return nil, false
}

// startLex snapshots the lines (the strings are shared, not copied) and lexes them in a Cmd.
func (m *Model) startLex() tea.Cmd {
	m.lexDirty, m.lexNow = false, false
	if m.lexer == nil {
		return nil
	}
	m.lexInFlight = true
	texts := make([]string, len(m.buf.lines))
	for i, l := range m.buf.lines {
		texts[i] = l.text
	}
	v, lexer := m.version, m.lexer
	return func() tea.Msg {
		return highlightMsg{m: m, version: v, lines: lexLines(lexer, texts)}
	}
}

// lexLines tokenises the whole script (so block comments and template literals spanning
// lines come out right) and cuts the tokens into per-line spans. Plain text gets no span.
func lexLines(lexer chroma.Lexer, texts []string) []hlLine {
	out := make([]hlLine, len(texts))
	for i, t := range texts {
		out[i].text = t
	}
	it, err := lexer.Tokenise(nil, strings.Join(texts, "\n"))
	if err != nil {
		return out // drawn plain: highlighting is a nicety, never a failure
	}
	line, col := 0, 0
	for tok := it(); tok != chroma.EOF; tok = it() {
		st := tokenStyle(tok.Type)
		v := tok.Value
		for v != "" && line < len(out) {
			piece, rest, nl := strings.Cut(v, "\n")
			if piece != "" && st != stText {
				end := min(col+len(piece), len(out[line].text))
				if s := out[line].spans; len(s) > 0 && s[len(s)-1].end == col && s[len(s)-1].style == st {
					s[len(s)-1].end = end
				} else if col < end {
					out[line].spans = append(out[line].spans, span{start: col, end: end, style: st})
				}
			}
			col += len(piece)
			if !nl {
				break
			}
			line, col = line+1, 0
			v = rest
		}
	}
	return out
}
