package editor

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// View draws the visible rows only: gutter, then the horizontally scrolled slice of each
// line, every row exactly the editor's width. The terminal cursor is not drawn here; the
// root places the real one from Cursor().
func (m *Model) View() string {
	var sb strings.Builder
	sb.Grow((m.width + 32) * m.height * 2)
	pad := strings.Repeat(" ", m.width)
	rows := m.textRows()
	nw := m.numWidth()
	gw := m.gutterWidth()
	w := m.width - gw
	var sel selRange
	if from, to, ok := m.selection(); ok {
		sel = selRange{from: from, to: to, ok: true}
	}
	showMatches := m.prompt == promptFind && m.query != ""
	var br [2]Pos
	hasBr := false
	if m.focused && m.prompt == promptNone {
		br[0], br[1], hasBr = m.brackets()
	}
	status := m.prompt != promptNone || m.notice != ""
	if status && m.height == 1 {
		m.drawStatus(&sb, pad) // one row: the prompt wins over the code
		return sb.String()
	}
	for r := 0; r < rows; r++ {
		if r > 0 {
			sb.WriteByte('\n')
		}
		i := m.top + r
		if i >= m.buf.lineCount() {
			sb.WriteString(pad)
			continue
		}
		if gw > 0 {
			m.drawGutter(&sb, i, nw, r, rows)
		}
		m.drawLine(&sb, i, w, sel, showMatches, pad, br, hasBr)
	}
	if status {
		sb.WriteByte('\n')
		m.drawStatus(&sb, pad)
	}
	return sb.String()
}

type selRange struct {
	from, to Pos
	ok       bool
}

// numWidth is the width of line numbers: at least 3 digits so the gutter does not jump
// while a short script grows.
func (m *Model) numWidth() int {
	return max(3, len(strconv.Itoa(m.buf.lineCount())))
}

// gutterWidth is the error mark, the line number and a space; no gutter when the editor is
// too narrow to hold it and some code.
func (m *Model) gutterWidth() int {
	g := m.numWidth() + 2
	if m.width < g+8 {
		return 0
	}
	return g
}

func (m *Model) textWidth() int { return max(1, m.width-m.gutterWidth()) }

// textRows is the rows for code: the bottom row goes to the prompt or a notice when shown.
func (m *Model) textRows() int {
	if (m.prompt != promptNone || m.notice != "") && m.height > 1 {
		return m.height - 1
	}
	return m.height
}

// drawGutter draws line i's mark column, number and a space. An error scrolled out of view
// is pointed at from the first (^) or last (v) row, so it is never invisible.
func (m *Model) drawGutter(sb *strings.Builder, i, nw, row, rows int) {
	switch {
	case m.diag == nil:
		sb.WriteByte(' ')
	case m.diag.Line-1 == i:
		m.styles[stDiagMark].wrap(sb, "!")
	case row == 0 && m.diag.Line-1 < i:
		m.styles[stDiagMark].wrap(sb, "^")
	case row == rows-1 && m.diag.Line-1 > i:
		m.styles[stDiagMark].wrap(sb, "v")
	default:
		sb.WriteByte(' ')
	}
	num := strconv.Itoa(i + 1)
	st := stLineNumber
	if i == m.cur.Line {
		st = stCurrentLineNumber
	}
	s := m.styles[st]
	sb.WriteString(s.open)
	for range nw - len(num) {
		sb.WriteByte(' ')
	}
	sb.WriteString(num)
	sb.WriteString(s.close)
	sb.WriteByte(' ')
}

// runs groups consecutive cells of one style into one escape-wrapped segment.
type runs struct {
	sb     *strings.Builder
	styles *compiled
	cur    styleID
	seg    []byte
}

func (r *runs) add(st styleID, s string) {
	if st != r.cur {
		r.flush()
		r.cur = st
	}
	r.seg = append(r.seg, s...)
}

func (r *runs) flush() {
	if len(r.seg) == 0 {
		return
	}
	s := r.styles[r.cur]
	r.sb.WriteString(s.open)
	r.sb.Write(r.seg)
	r.sb.WriteString(s.close)
	r.seg = r.seg[:0]
}

// drawLine draws columns [left, left+w) of line i.
func (m *Model) drawLine(sb *strings.Builder, i, w int, sel selRange, showMatches bool, pad string, br [2]Pos, hasBr bool) {
	text := m.buf.lines[i].text
	spans, _ := m.hl.spans(i, text)

	selStart, selEnd, selEOL := -1, -1, false
	if sel.ok && i >= sel.from.Line && i <= sel.to.Line {
		selStart, selEnd = 0, len(text)
		if i == sel.from.Line {
			selStart = sel.from.Col
		}
		if i == sel.to.Line {
			selEnd = sel.to.Col
		} else {
			selEOL = true
		}
	}
	var matches []int
	if showMatches {
		matches = lineMatches(text, m.query, foldCase(m.query))
	}
	qlen := len(m.query)
	brA, brB := -1, -1 // the matching brackets on this line, if any
	if hasBr {
		if br[0].Line == i {
			brA = br[0].Col
		}
		if br[1].Line == i {
			brB = br[1].Col
		}
	}
	diagCol := -1
	if m.diag != nil && m.diag.Line-1 == i && m.diag.Column > 0 {
		diagCol = runeOffset(text, m.diag.Column-1)
	}

	r := runs{sb: sb, styles: &m.styles, seg: make([]byte, 0, 64)}
	left, right := m.left, m.left+w
	vc, out, si, mi := 0, 0, 0, 0
	for b := 0; b < len(text) && vc < right; {
		c, size := utf8.DecodeRuneInString(text[b:])
		cw := cellWidth(c, vc, m.tabWidth)

		st := stText
		for si < len(spans) && spans[si].end <= b {
			si++
		}
		if si < len(spans) && spans[si].start <= b {
			st = spans[si].style
		}
		if b == brA || b == brB {
			st = stBracket
		}
		if b == diagCol {
			st = stDiagAt
		}
		for mi < len(matches) && matches[mi]+qlen <= b {
			mi++
		}
		if mi < len(matches) && matches[mi] <= b {
			st = stMatch
		}
		if b >= selStart && b < selEnd {
			st = stSelection
		}

		switch {
		case cw == 0:
			if vc > left { // a combining mark joins the visible cell before it
				r.add(st, text[b:b+size])
			}
		case vc+cw > left:
			from, to := max(vc, left), min(vc+cw, right)
			switch {
			case c == '\t' || to-from < cw:
				r.add(st, pad[:to-from]) // tabs, and wide characters cut by an edge
			case c < 0x20 || c == 0x7f:
				r.add(st, "?") // a stray control character (a lone \r) would break the row
			default:
				r.add(st, text[b:b+size])
			}
			out += to - from
		}
		vc += cw
		b += size
	}
	// The cell after the text: a selected line break shows as one selected cell, an error
	// at the end of the line as one marked cell.
	if out < w && vc >= left {
		switch {
		case selEOL:
			r.add(stSelection, " ")
			out++
		case diagCol == len(text):
			r.add(stDiagAt, " ")
			out++
		}
	}
	if m.diag != nil && m.diag.Line-1 == i && w-out > 4 {
		r.add(stText, pad[:2])
		msg := truncate(m.diag.Message, w-out-2)
		r.add(stDiagText, msg)
		out += 2 + displayWidth(msg, m.tabWidth)
	}
	r.flush()
	if out < w {
		sb.WriteString(pad[:w-out])
	}
}

// drawStatus draws the bottom row: the prompt with its input, or a notice.
func (m *Model) drawStatus(sb *strings.Builder, pad string) {
	r := runs{sb: sb, styles: &m.styles}
	out := 0
	put := func(st styleID, s string) {
		s = truncate(s, m.width-out)
		r.add(st, s)
		out += displayWidth(s, m.tabWidth)
	}
	if m.prompt != promptNone {
		put(stPrompt, m.promptLabel())
		if m.inputSelected {
			put(stSelection, m.input)
		} else {
			put(stText, m.input)
		}
		if m.matchInfo != "" {
			put(stText, "  ")
			put(stNotice, m.matchInfo)
		}
	}
	if m.notice != "" {
		if out > 0 {
			put(stText, "  ")
		}
		put(stNotice, m.notice)
	}
	r.flush()
	if out < m.width {
		sb.WriteString(pad[:m.width-out])
	}
}

// cellWidth is how many columns rune c takes when it starts at column vc.
func cellWidth(c rune, vc, tabWidth int) int {
	switch {
	case c == '\t':
		return tabWidth - vc%tabWidth
	case c < 0x20 || c == 0x7f:
		return 1
	}
	return runewidth.RuneWidth(c)
}

// visualCol is the screen column of byte offset col in text, tabs expanded.
func visualCol(text string, col, tabWidth int) int {
	vc := 0
	for _, c := range text[:min(col, len(text))] {
		vc += cellWidth(c, vc, tabWidth)
	}
	return vc
}

// colAtVisual is the byte offset of the character covering screen column vx (the end of
// the line when vx is past it).
func colAtVisual(text string, vx, tabWidth int) int {
	vc := 0
	for b, c := range text {
		cw := cellWidth(c, vc, tabWidth)
		if vx < vc+cw {
			return b
		}
		vc += cw
	}
	return len(text)
}

func displayWidth(s string, tabWidth int) int {
	vc := 0
	for _, c := range s {
		vc += cellWidth(c, vc, tabWidth)
	}
	return vc
}

// truncate cuts s to at most w columns.
func truncate(s string, w int) string {
	vc := 0
	for b, c := range s {
		cw := cellWidth(c, vc, 4)
		if c == '\t' || c < 0x20 {
			return s[:b] // messages are one line; stop at anything that would break the row
		}
		if vc+cw > w {
			return s[:b]
		}
		vc += cw
	}
	return s
}
