package editor

import (
	tea "charm.land/bubbletea/v2"
	"math/rand/v2"
	"strings"
	"testing"
)

// The buffer against a plain string model: random replacements (with LF, CRLF and
// multi-line text) must leave both identical, and textRange must read back what replace
// wrote.
func TestBufferReplaceMatchesAStringModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", "a", "bc", "\n", "\r\n", "\r", "x\ny", "\r\n\r\n", "é", "\t", "z\r\nw\n"}
	model := "start\r\nmiddle\nend"
	b := newBuffer(model)
	offset := func(p Pos) int {
		n := 0
		for i := 0; i < p.Line; i++ {
			n += len(b.lines[i].text) + len(b.lines[i].eol)
		}
		return n + p.Col
	}
	randPos := func() Pos {
		l := rng.IntN(b.lineCount())
		return b.clamp(Pos{Line: l, Col: rng.IntN(len(b.lines[l].text) + 1)})
	}
	for i := range 2000 {
		from, to := randPos(), randPos()
		if to.Less(from) {
			from, to = to, from
		}
		text := pieces[rng.IntN(len(pieces))]
		fo, to2 := offset(from), offset(to)
		if got := b.textRange(from, to); got != model[fo:to2] {
			t.Fatalf("step %d: textRange(%+v, %+v) = %q, want %q", i, from, to, got, model[fo:to2])
		}
		end := b.replace(from, to, text)
		model = model[:fo] + text + model[to2:]
		if got := b.String(); got != model {
			t.Fatalf("step %d: buffer %q, model %q", i, got, model)
		}
		if offset(end) != fo+len(text) {
			t.Fatalf("step %d: replace returned %+v, %d bytes in; want %d", i, end, offset(end), fo+len(text))
		}
		for j, l := range b.lines {
			if strings.ContainsAny(l.text, "\n") || (j < len(b.lines)-1) == (l.eol == "") {
				t.Fatalf("step %d: line %d breaks the invariant: %+v", i, j, l)
			}
		}
	}
}

// Random key presses, pastes, clicks and wheel turns: nothing panics, every frame fills the
// view exactly, the cursor stays in the buffer, and undoing everything gives back the
// original script byte for byte.
func TestRandomEditingKeepsInvariants(t *testing.T) {
	keys := []string{
		"up", "down", "left", "right", "home", "end", "pgup", "pgdown", "ctrl+home", "ctrl+end",
		"shift+up", "shift+down", "shift+left", "shift+right", "shift+home", "shift+end",
		"alt+left", "alt+right", "alt+shift+left", "ctrl+a", "enter", "tab", "backspace",
		"delete", "ctrl+w", "alt+d", "alt+c", "ctrl+x", "ctrl+v", "a", "{", "}", "(", " ",
		"é", "世", "alt+u", "ctrl+y", "ctrl+f", "alt+n", "alt+p", "ctrl+g", "1", ":", "esc",
	}
	src := "module.exports = function (user, context, cb) {\r\n\tif (x) {\r\n\t\tcb(null, { a: '世界' });\r\n\t}\r\n};"
	rng := rand.New(rand.NewPCG(3, 4))
	m := editorTestNew(t, src, 37, 9)
	for i := range 3000 {
		switch r := rng.IntN(20); {
		case r == 0:
			m.paste([]string{"x\ny", "\r\n", "\t}\n", "long line " + strings.Repeat("w", 50)}[rng.IntN(4)])
		case r == 1:
			m.Update(tea.MouseClickMsg{X: rng.IntN(40), Y: rng.IntN(10), Button: tea.MouseLeft})
		case r == 2:
			m.Update(tea.MouseWheelMsg{Button: []tea.MouseButton{tea.MouseWheelUp, tea.MouseWheelDown, tea.MouseWheelLeft, tea.MouseWheelRight}[rng.IntN(4)]})
		default:
			// Commands are run so copy and paste go through the clipboard, but not the
			// highlighting ticks, to keep the test fast.
			cmd := m.handleKey(editorTestKey(t, keys[rng.IntN(len(keys))]))
			editorTestRun(t, m, cmd)
		}
		if c := m.cur; c != m.buf.clamp(c) {
			t.Fatalf("step %d: cursor %+v outside the buffer", i, c)
		}
		if i%50 == 0 {
			rows := strings.Split(editorTestPlain(m.View()), "\n")
			if len(rows) != 9 {
				t.Fatalf("step %d: %d rows", i, len(rows))
			}
			for j, r := range rows {
				if w := displayWidth(r, 4); w != 37 {
					t.Fatalf("step %d: row %d is %d cells: %q", i, j, w, r)
				}
			}
		}
	}
	if len(m.undo) >= maxUndo {
		t.Fatal("history overflowed; the undo check below needs all of it")
	}
	for len(m.undo) > 0 {
		m.undoStep()
	}
	if got := m.Content(); got != src {
		t.Fatalf("after undoing everything: %q, want %q", got, src)
	}
}
