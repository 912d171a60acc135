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

// hlKey identifies a line's highlighting: the same text starting in the same state (inside
// a comment or not…) always gets the same spans.
type hlKey struct {
	state lexState
	text  string
}

// highlight is the last highlighting result. Drawing uses a line's spans only while its
// text is still exactly the text that was lexed; after edits shift lines around, byText
// still finds unchanged lines by their content until the next result arrives, and a line
// that is new since is drawn plain. cache is what the next lexing reuses. All three are
// built in the lexing Cmd and never modified afterwards, so the next Cmd can read them while
// the UI goroutine draws.
type highlight struct {
	lines  []hlLine
	byText map[string][]span
	cache  map[hlKey][]span
	hits   uint64 // lookups answered from the result (tests check it is used)
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

// lexWindowMargin is how many lines around the view a first, partial pass highlights when
// most of a script needs lexing (a newly opened 10,000-line script takes chroma about a
// second; the visible part takes milliseconds).
const lexWindowMargin = 100

// startLex snapshots the lines (the strings are shared, not copied) and highlights them in a
// Cmd, reusing every line the last result already has.
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
	v, lexer, cache := m.version, m.lexer, m.hl.cache
	from, to := max(0, m.top-lexWindowMargin), m.top+m.textRows()+lexWindowMargin
	return func() tea.Msg {
		msg := lexIncremental(lexer, texts, cache, from, to)
		msg.m, msg.version = m, v
		return msg
	}
}

// lexIncremental highlights texts. Lines whose start state and text are in cache keep their
// spans; the others are lexed with chroma in runs that begin on a line starting in plain
// code, so chroma's initial state is right. When many lines need lexing, only those in
// [winFrom, winTo) are done and the result says it is partial.
//
// It runs in a tea.Cmd: it only reads its arguments, and builds new maps.
func lexIncremental(lexer chroma.Lexer, texts []string, cache map[hlKey][]span, winFrom, winTo int) highlightMsg {
	n := len(texts)
	states := scanStates(texts)
	need := make([]bool, n)
	spans := make([][]span, n)
	needed := 0
	for i, t := range texts {
		if s, ok := cache[hlKey{states[i], t}]; ok {
			spans[i] = s
		} else {
			need[i] = true
			needed++
		}
	}
	// A partial pass only when the view itself still needs lexing: the pass after it, with
	// the view cached, does everything else.
	inWindow := 0
	for i := max(0, winFrom); i < min(n, winTo); i++ {
		if need[i] {
			inWindow++
		}
	}
	partial := false
	if inWindow > 0 && needed > 2*(winTo-winFrom) {
		partial = true
		for i := range need {
			if i < winFrom || i >= winTo {
				need[i] = false
			}
		}
	}
	lexed := 0
	for i := 0; i < n; i++ {
		if !need[i] {
			continue
		}
		start := i
		for start > 0 && states[start] != (lexState{}) {
			start--
		}
		end := i + 1
		for end < n && need[end] {
			end++
		}
		// Keep going while the next line starts inside a comment or template: its state
		// will not match the cache until the construct closes.
		for end < n && states[end] != (lexState{}) && (!partial || end < winTo) {
			end++
		}
		copy(spans[start:end], lexLines(lexer, texts[start:end]))
		lexed += end - start
		i = end - 1
	}
	msg := highlightMsg{lines: make([]hlLine, n), partial: partial, lexed: lexed}
	msg.byText = make(map[string][]span, n)
	msg.cache = make(map[hlKey][]span, n)
	for i, t := range texts {
		msg.lines[i] = hlLine{text: t, spans: spans[i]}
		if need[i] || !partial || spans[i] != nil || cacheHas(cache, states[i], t) {
			msg.cache[hlKey{states[i], t}] = spans[i]
		}
		if len(spans[i]) > 0 {
			msg.byText[t] = spans[i]
		}
	}
	return msg
}

func cacheHas(cache map[hlKey][]span, st lexState, t string) bool {
	_, ok := cache[hlKey{st, t}]
	return ok
}

// lexLines tokenises consecutive lines together (so block comments and template literals
// spanning lines come out right) and cuts the tokens into per-line spans. Plain text gets
// no span.
func lexLines(lexer chroma.Lexer, texts []string) (out [][]span) {
	out = make([][]span, len(texts))
	defer func() {
		// A lexer panic on odd input leaves these lines plain instead of ending the TUI.
		if recover() != nil {
			out = make([][]span, len(texts))
		}
	}()
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
				end := min(col+len(piece), len(texts[line]))
				if s := out[line]; len(s) > 0 && s[len(s)-1].end == col && s[len(s)-1].style == st {
					s[len(s)-1].end = end
				} else if col < end {
					out[line] = append(out[line], span{start: col, end: end, style: st})
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
