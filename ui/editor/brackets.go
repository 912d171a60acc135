package editor

// bracketScanLimit bounds how many lines the search for a bracket's partner reads, so a
// bracket whose partner is missing costs a bounded amount on every frame it is drawn.
const bracketScanLimit = 2000

// bracketPair is the bracket next to the cursor and its partner, cached per cursor position
// and version so that drawing frames without moving costs nothing.
type bracketPair struct {
	version   uint64
	cur       Pos
	valid     bool
	found     bool
	at, other Pos
}

// brackets returns the bracket at the cursor (or just before it) and its partner, skipping
// brackets inside strings and comments as far as the highlighting knows them.
func (m *Model) brackets() (Pos, Pos, bool) {
	bp := &m.bracket
	if bp.valid && bp.version == m.version && bp.cur == m.cur {
		return bp.at, bp.other, bp.found
	}
	*bp = bracketPair{version: m.version, cur: m.cur, valid: true}
	t := m.buf.lines[m.cur.Line].text
	for _, col := range []int{m.cur.Col, m.cur.Col - 1} {
		if col < 0 || col >= len(t) || !m.isCode(m.cur.Line, col) {
			continue
		}
		c := t[col]
		open, close, dir := bracketKind(c)
		if dir == 0 {
			continue
		}
		p := Pos{Line: m.cur.Line, Col: col}
		if other, ok := m.partner(p, open, close, dir); ok {
			bp.at, bp.other, bp.found = p, other, true
			break
		}
	}
	return bp.at, bp.other, bp.found
}

func bracketKind(c byte) (open, close byte, dir int) {
	switch c {
	case '(':
		return '(', ')', 1
	case '[':
		return '[', ']', 1
	case '{':
		return '{', '}', 1
	case ')':
		return '(', ')', -1
	case ']':
		return '[', ']', -1
	case '}':
		return '{', '}', -1
	}
	return 0, 0, 0
}

// partner walks from the bracket at p in direction dir counting nesting.
func (m *Model) partner(p Pos, open, close byte, dir int) (Pos, bool) {
	depth := 0
	for l, n := p.Line, 0; l >= 0 && l < m.buf.lineCount() && n < bracketScanLimit; l, n = l+dir, n+1 {
		t := m.buf.lines[l].text
		start, end := 0, len(t)-1
		if dir < 0 {
			start, end = len(t)-1, 0
		}
		if l == p.Line {
			start = p.Col
		}
		for i := start; (dir > 0 && i <= end) || (dir < 0 && i >= end); i += dir {
			c := t[i]
			if c != open && c != close {
				continue
			}
			if !m.isCode(l, i) {
				continue
			}
			if (c == open) == (dir > 0) {
				depth++
			} else {
				depth--
			}
			if depth == 0 {
				return Pos{Line: l, Col: i}, true
			}
		}
	}
	return Pos{}, false
}

// isCode reports whether byte col of line l is code rather than a string or a comment,
// according to the highlighting (everything is code until it arrives).
func (m *Model) isCode(l, col int) bool {
	spans, _ := m.hl.spans(l, m.buf.lines[l].text)
	for _, s := range spans {
		if s.start > col {
			break
		}
		if col < s.end {
			return s.style != stString && s.style != stComment
		}
	}
	return true
}
