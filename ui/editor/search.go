package editor

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

type promptKind uint8

const (
	promptNone promptKind = iota
	promptFind
	promptGoto
)

func (m *Model) promptLabel() string {
	if m.prompt == promptGoto {
		return "Go to line: "
	}
	return "Find: "
}

func (m *Model) openPrompt(k promptKind) {
	m.prompt = k
	m.input, m.matchInfo = "", ""
	if k == promptFind {
		// The last query comes back selected: enter or alt+n reuse it, typing replaces it.
		m.input, m.inputSelected = m.query, m.query != ""
		m.findOrigin = m.cur
		if from, _, ok := m.selection(); ok {
			m.findOrigin = from
		}
		if m.input != "" {
			m.matchInfo = m.countMatches()
		}
	}
	m.scrollToCursor()
}

func (m *Model) closePrompt() {
	m.prompt = promptNone
	m.input, m.matchInfo, m.inputSelected = "", "", false
}

// promptKey edits the prompt's input. enter accepts (esc, when the root forwards it,
// cancels); next/previous match keys work while searching.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	selected := m.inputSelected
	m.inputSelected = false
	switch {
	case msg.String() == "esc":
		m.closePrompt()
	case key.Matches(msg, k.Newline):
		if m.prompt == promptGoto {
			m.acceptGoto()
			return nil
		}
		m.closePrompt()
		m.scrollToCursor()
	case key.Matches(msg, k.Backspace):
		if selected {
			m.input = ""
			m.inputChanged()
		} else if m.input != "" {
			_, size := utf8.DecodeLastRuneInString(m.input)
			m.input = m.input[:len(m.input)-size]
			m.inputChanged()
		}
	case m.prompt == promptFind && (key.Matches(msg, k.Find, k.FindNext, k.Down)):
		m.findNext(true)
	case m.prompt == promptFind && (key.Matches(msg, k.FindPrev, k.Up)):
		m.findNext(false)
	case m.prompt == promptGoto && key.Matches(msg, k.GotoLine):
		m.closePrompt()
	case key.Matches(msg, k.Paste):
		m.inputSelected = selected // the pasted text replaces a selected query
		cb := m.clipboard
		return func() tea.Msg {
			s, err := cb.ReadText()
			return clipboardReadMsg{m: m, text: s, err: err}
		}
	default:
		if t := typedText(msg); t != "" {
			if selected {
				m.input = ""
			}
			m.promptType(t)
		} else {
			m.inputSelected = selected // a key that does nothing keeps the selection
		}
	}
	return nil
}

// promptType adds text (typed or pasted; only its first line) to the prompt's input.
func (m *Model) promptType(s string) {
	if m.inputSelected {
		m.input, m.inputSelected = "", false
	}
	s, _, _ = strings.Cut(s, "\n")
	s = strings.TrimRight(s, "\r")
	if m.prompt == promptGoto {
		s = strings.Map(func(r rune) rune {
			if (r >= '0' && r <= '9') || r == ':' {
				return r
			}
			return -1
		}, s)
	}
	m.input += s
	m.inputChanged()
}

// inputChanged searches as the query is typed, from where the search started.
func (m *Model) inputChanged() {
	if m.prompt != promptFind {
		return
	}
	m.query = m.input
	m.matchInfo = ""
	if m.query == "" {
		m.selecting = false
		m.cur = m.buf.clamp(m.findOrigin)
		m.scrollToCursor()
		return
	}
	from, to, ok := m.find(m.findOrigin, true)
	if !ok {
		m.matchInfo = "not found"
		return
	}
	m.selectMatch(from, to)
}

func (m *Model) acceptGoto() {
	in := m.input
	m.closePrompt()
	lineStr, colStr, _ := strings.Cut(in, ":")
	line, err := strconv.Atoi(lineStr)
	if err != nil || line < 1 {
		m.setNotice("go to line: type a line number, optionally :column")
		return
	}
	col, _ := strconv.Atoi(colStr)
	if line > m.buf.lineCount() {
		m.setNotice("the script has " + strconv.Itoa(m.buf.lineCount()) + " lines")
	}
	m.GotoLine(line, col)
}

// findNext moves to the next (or previous) match of the last query, wrapping around.
func (m *Model) findNext(forward bool) {
	if m.query == "" {
		m.setNotice("nothing to find yet: ctrl+f")
		return
	}
	from := m.cur
	if f, _, ok := m.selection(); ok && !forward {
		from = f
	}
	start, end, ok := m.find(from, forward)
	if !ok {
		m.matchInfo = "not found"
		if m.prompt == promptNone {
			m.setNotice("not found: " + m.query)
		}
		return
	}
	m.selectMatch(start, end)
}

func (m *Model) selectMatch(from, to Pos) {
	m.anchor, m.cur, m.selecting, m.goalX = from, to, true, -1
	rows := m.textRows()
	if from.Line < m.top || from.Line >= m.top+rows {
		m.top = max(0, min(from.Line-rows/2, m.buf.lineCount()-rows))
	}
	m.scrollToCursor()
	if m.prompt == promptFind {
		m.matchInfo = m.countMatches()
	}
}

// foldCase is smart case: a query without capitals matches any case.
func foldCase(q string) bool {
	return strings.IndexFunc(q, unicode.IsUpper) < 0
}

// asciiLower lowercases ASCII letters only, so byte offsets stay those of the original.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// lineMatches returns the start offsets of the non-overlapping matches of q in text.
func lineMatches(text, q string, fold bool) []int {
	if fold {
		text, q = asciiLower(text), asciiLower(q)
	}
	var out []int
	for off := 0; ; {
		i := strings.Index(text[off:], q)
		if i < 0 {
			return out
		}
		out = append(out, off+i)
		off += i + len(q)
	}
}

// find looks for the query from p, wrapping around: forward finds the first match starting
// at or after p (find-next passes the end of the current match), backward the last one
// starting before p.
func (m *Model) find(p Pos, forward bool) (Pos, Pos, bool) {
	q := m.query
	fold := foldCase(q)
	n := m.buf.lineCount()
	for i := 0; i <= n; i++ {
		var l int
		if forward {
			l = (p.Line + i) % n
		} else {
			l = ((p.Line-i)%n + n) % n
		}
		starts := lineMatches(m.buf.lines[l].text, q, fold)
		if forward {
			for _, s := range starts {
				if i == 0 && s < p.Col {
					continue
				}
				if i == n && s >= p.Col {
					break
				}
				return Pos{Line: l, Col: s}, Pos{Line: l, Col: s + len(q)}, true
			}
			continue
		}
		for j := len(starts) - 1; j >= 0; j-- {
			s := starts[j]
			if i == 0 && s >= p.Col {
				continue
			}
			if i == n && s < p.Col {
				break
			}
			return Pos{Line: l, Col: s}, Pos{Line: l, Col: s + len(q)}, true
		}
	}
	return Pos{}, Pos{}, false
}

// countMatches says which match is selected, "3/12", for the prompt.
func (m *Model) countMatches() string {
	q := m.query
	if q == "" {
		return ""
	}
	fold := foldCase(q)
	total, current := 0, 0
	from, _, sel := m.selection()
	for l, ln := range m.buf.lines {
		for _, s := range lineMatches(ln.text, q, fold) {
			total++
			if sel && from == (Pos{Line: l, Col: s}) {
				current = total
			}
		}
	}
	if total == 0 {
		return "not found"
	}
	if current == 0 {
		return strconv.Itoa(total) + " matches"
	}
	return strconv.Itoa(current) + "/" + strconv.Itoa(total)
}

// setNotice shows s in the bottom row until the next key; the row it takes from the code
// may have held the cursor, so the view follows.
func (m *Model) setNotice(s string) {
	m.notice = s
	m.scrollToCursor()
}
