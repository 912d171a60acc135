package editor

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxUndo bounds the undo history: each step holds the text it replaced, and a session of
// pasting large scripts should not grow without limit.
const maxUndo = 5000

// maxMerge is the most text one merged undo step (a run of typing or deleting) collects.
const maxMerge = 256

type editKind uint8

const (
	editOther editKind = iota
	editType
	editDeleteBack
	editDeleteForward
)

// edit is one undoable change: at `at`, `removed` was replaced by `inserted`. Both keep the
// line endings exactly, so undo restores the script byte for byte.
type edit struct {
	at                Pos
	removed, inserted string
	before, after     Pos
	kind              editKind
}

// endOf is the position just after text inserted at p.
func endOf(p Pos, text string) Pos {
	n := strings.Count(text, "\n")
	if n == 0 {
		return Pos{Line: p.Line, Col: p.Col + len(text)}
	}
	return Pos{Line: p.Line + n, Col: len(text) - strings.LastIndexByte(text, '\n') - 1}
}

// apply replaces from..to with text as one undoable edit and moves the cursor after it.
func (m *Model) apply(from, to Pos, text string, kind editKind) {
	removed := m.buf.textRange(from, to)
	if removed == "" && text == "" {
		return
	}
	before := m.cur
	end := m.buf.replace(from, to, text)
	e := edit{at: from, removed: removed, inserted: text, before: before, after: end, kind: kind}
	if !m.merge(e) {
		if len(m.undo) >= maxUndo {
			// Forget the oldest steps in one go rather than one per edit.
			m.undo = append(m.undo[:0], m.undo[maxUndo/10:]...)
		}
		m.undo = append(m.undo, e)
	}
	m.redo = nil
	m.cur = end
	m.selecting = false
	m.goalX = -1
	m.changed()
}

// merge folds e into the last undo step when both are part of one run of typing or
// deleting, so undo takes back a word rather than a character.
func (m *Model) merge(e edit) bool {
	if len(m.undo) == 0 || e.kind == editOther {
		return false
	}
	p := &m.undo[len(m.undo)-1]
	// Long runs are cut into steps: holding backspace through a big block should not copy
	// an ever longer string on every key, nor be undone all at once.
	if p.kind != e.kind || len(p.removed)+len(p.inserted) >= maxMerge {
		return false
	}
	switch e.kind {
	case editType:
		if e.removed != "" || p.removed != "" || strings.Contains(e.inserted, "\n") ||
			e.at != endOf(p.at, p.inserted) || wordBreak(p.inserted, e.inserted) {
			return false
		}
		p.inserted += e.inserted
		p.after = e.after
	case editDeleteBack:
		if e.inserted != "" || endOf(e.at, e.removed) != p.at {
			return false
		}
		p.at = e.at
		p.removed = e.removed + p.removed
		p.after = e.after
	case editDeleteForward:
		if e.inserted != "" || e.at != p.at {
			return false
		}
		p.removed += e.removed
		p.after = e.after
	default:
		return false
	}
	return true
}

// wordBreak is true where typing next after prev starts a new undo step: at the first blank
// after a word.
func wordBreak(prev, next string) bool {
	r, _ := utf8.DecodeLastRuneInString(prev)
	n, _ := utf8.DecodeRuneInString(next)
	return unicode.IsSpace(n) && !unicode.IsSpace(r)
}

// changed is called after every edit: it bumps the version and makes the async work due.
func (m *Model) changed() {
	m.version++
	m.lexDirty = true
	m.checkDirty = true
	m.scrollToCursor()
}

func (m *Model) undoStep() {
	if len(m.undo) == 0 {
		m.setNotice("nothing to undo")
		return
	}
	e := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.buf.replace(e.at, endOf(e.at, e.inserted), e.removed)
	m.redo = append(m.redo, e)
	m.cur, m.selecting, m.goalX = m.buf.clamp(e.before), false, -1
	m.changed()
}

func (m *Model) redoStep() {
	if len(m.redo) == 0 {
		m.setNotice("nothing to redo")
		return
	}
	e := m.redo[len(m.redo)-1]
	m.redo = m.redo[:len(m.redo)-1]
	m.buf.replace(e.at, endOf(e.at, e.removed), e.inserted)
	m.undo = append(m.undo, e)
	m.cur, m.selecting, m.goalX = m.buf.clamp(e.after), false, -1
	m.changed()
}

// selection returns the selected range in order, when there is one.
func (m *Model) selection() (from, to Pos, ok bool) {
	if !m.selecting || m.anchor == m.cur {
		return Pos{}, Pos{}, false
	}
	if m.cur.Less(m.anchor) {
		return m.cur, m.anchor, true
	}
	return m.anchor, m.cur, true
}

// insert types text at the cursor, replacing the selection.
func (m *Model) insert(text string, kind editKind) {
	from, to, ok := m.selection()
	if !ok {
		from, to = m.cur, m.cur
		// A closing brace typed on a blank line goes back one indent level.
		if text == "}" || text == "]" || text == ")" {
			t := m.buf.lines[m.cur.Line].text
			before := t[:m.cur.Col]
			if before != "" && strings.TrimLeft(before, " \t") == "" {
				if strings.HasSuffix(before, m.indent) {
					from.Col -= len(m.indent)
				} else if strings.HasSuffix(before, "\t") {
					from.Col--
				}
				kind = editOther
			}
		}
	} else {
		kind = editOther
	}
	m.apply(from, to, text, kind)
}

// normalizeEOL turns any line endings in pasted text into the script's own.
func (m *Model) normalizeEOL(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if m.eol == "\r\n" {
		s = strings.ReplaceAll(s, "\n", "\r\n")
	}
	return s
}

func (m *Model) paste(s string) {
	if s == "" {
		return
	}
	m.insert(m.normalizeEOL(s), editOther)
}

// newline breaks the line, keeping the indentation and adding a level after an opening
// bracket; between a pair of brackets the closing one goes to its own line.
func (m *Model) newline() {
	from, to, ok := m.selection()
	if !ok {
		from, to = m.cur, m.cur
	}
	t := m.buf.lines[from.Line].text
	indent := t[:min(leadingWhitespace(t), from.Col)]
	before := strings.TrimRight(t[:from.Col], " \t")
	after := m.buf.lines[to.Line].text[to.Col:] // what follows a selection being replaced
	text := m.eol + indent
	if before != "" && strings.ContainsRune("{[(", rune(before[len(before)-1])) {
		open := before[len(before)-1]
		text += m.indent
		if a := strings.TrimLeft(after, " \t"); a != "" && a[0] == closerOf(open) {
			m.apply(from, to, text+m.eol+indent, editOther)
			m.cur = Pos{Line: from.Line + 1, Col: len(indent) + len(m.indent)}
			m.scrollToCursor()
			return
		}
	}
	m.apply(from, to, text, editOther)
}

func closerOf(open byte) byte {
	switch open {
	case '{':
		return '}'
	case '[':
		return ']'
	}
	return ')'
}

func (m *Model) deleteBack() {
	if from, to, ok := m.selection(); ok {
		m.apply(from, to, "", editOther)
		return
	}
	p := m.cur
	switch {
	case p.Col > 0:
		_, size := utf8.DecodeLastRuneInString(m.buf.lines[p.Line].text[:p.Col])
		m.apply(Pos{Line: p.Line, Col: p.Col - size}, p, "", editDeleteBack)
	case p.Line > 0:
		prev := Pos{Line: p.Line - 1, Col: len(m.buf.lines[p.Line-1].text)}
		m.apply(prev, p, "", editDeleteBack)
	}
}

func (m *Model) deleteForward() {
	if from, to, ok := m.selection(); ok {
		m.apply(from, to, "", editOther)
		return
	}
	p := m.cur
	t := m.buf.lines[p.Line].text
	switch {
	case p.Col < len(t):
		_, size := utf8.DecodeRuneInString(t[p.Col:])
		m.apply(p, Pos{Line: p.Line, Col: p.Col + size}, "", editDeleteForward)
	case p.Line < m.buf.lineCount()-1:
		m.apply(p, Pos{Line: p.Line + 1}, "", editDeleteForward)
	}
}

func (m *Model) deleteWord(forward bool) {
	if from, to, ok := m.selection(); ok {
		m.apply(from, to, "", editOther)
		return
	}
	if forward {
		m.apply(m.cur, m.wordRight(m.cur), "", editOther)
	} else {
		m.apply(m.wordLeft(m.cur), m.cur, "", editOther)
	}
}

// isWordRune is what word moves treat as part of an identifier.
func isWordRune(r rune) bool {
	return r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func runeClass(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return 0
	case isWordRune(r):
		return 1
	}
	return 2
}

func (m *Model) wordLeft(p Pos) Pos {
	if p.Col == 0 {
		if p.Line == 0 {
			return p
		}
		return Pos{Line: p.Line - 1, Col: len(m.buf.lines[p.Line-1].text)}
	}
	t := m.buf.lines[p.Line].text[:p.Col]
	i := len(t)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= size
	}
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(t[:i])
		class := runeClass(r)
		for i > 0 {
			r, size := utf8.DecodeLastRuneInString(t[:i])
			if runeClass(r) != class {
				break
			}
			i -= size
		}
	}
	return Pos{Line: p.Line, Col: i}
}

func (m *Model) wordRight(p Pos) Pos {
	t := m.buf.lines[p.Line].text
	if p.Col >= len(t) {
		if p.Line == m.buf.lineCount()-1 {
			return p
		}
		return Pos{Line: p.Line + 1}
	}
	i := p.Col
	r, _ := utf8.DecodeRuneInString(t[i:])
	class := runeClass(r)
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if runeClass(r) != class {
			break
		}
		i += size
	}
	for i < len(t) {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return Pos{Line: p.Line, Col: i}
}
