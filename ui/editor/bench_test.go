package editor

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// editorBenchScript is a 10,000-line hook script: the body of a credentials-exchange hook
// repeated with varying names, comments, strings and nesting.
func editorBenchScript() string {
	var b strings.Builder
	b.WriteString("module.exports = function (client, scope, audience, context, cb) {\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < 9999; i++ {
		n := strconv.Itoa(i)
		b.WriteString("  // claim " + n + ": copy the client's metadata into the token\n")
		b.WriteString("  if (client.metadata && client.metadata.tier_" + n + " !== undefined) {\n")
		b.WriteString("    access_token['https://example.com/tier_" + n + "'] = client.metadata.tier_" + n + ";\n")
		b.WriteString("    console.log(`tier " + n + " for ${client.name}`, 42 * " + n + ");\n")
		b.WriteString("  }\n")
	}
	b.WriteString("  cb(null, access_token);\n};\n")
	return b.String()
}

func editorBenchEditor(b *testing.B) *Model {
	src := editorBenchScript()
	m := editorTestNew(b, src, 120, 40)
	if n := m.buf.lineCount(); n < 10000 {
		b.Fatalf("benchmark script has %d lines", n)
	}
	// Highlighting arrives as it would from the runtime (a partial pass around the view,
	// then the rest); its cost is BenchmarkHighlight10k.
	for {
		msg := m.startLex()().(highlightMsg)
		m.Update(msg)
		if !msg.partial {
			break
		}
	}
	if len(m.hl.lines) == 0 {
		b.Fatal("no highlighting")
	}
	return m
}

// BenchmarkKeystroke10k is one key typed in the middle of a 10,000-line script: Update and
// the View that follows. Typing and deleting alternate so the line does not grow.
func BenchmarkKeystroke10k(b *testing.B) {
	m := editorBenchEditor(b)
	m.GotoLine(5000, 10)
	keys := []tea.Msg{tea.KeyPressMsg{Code: 'x', Text: "x"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%2])
		_ = m.View()
	}
}

// BenchmarkKeystrokeWithContent10k adds Content(), which the root calls to compare the
// buffer with the saved script after an edit.
func BenchmarkKeystrokeWithContent10k(b *testing.B) {
	m := editorBenchEditor(b)
	m.GotoLine(5000, 10)
	keys := []tea.Msg{tea.KeyPressMsg{Code: 'x', Text: "x"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%2])
		_ = m.View()
		_ = m.Content()
	}
}

// BenchmarkScrollLine10k is one frame of holding the down arrow at the bottom of the view:
// every frame scrolls by a line.
func BenchmarkScrollLine10k(b *testing.B) {
	m := editorBenchEditor(b)
	m.GotoLine(40, 1)
	down := tea.KeyPressMsg{Code: tea.KeyDown}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.cur.Line >= m.buf.lineCount()-1 {
			m.GotoLine(40, 1)
		}
		m.Update(down)
		_ = m.View()
	}
}

// BenchmarkScrollPage10k is one frame of paging down.
func BenchmarkScrollPage10k(b *testing.B) {
	m := editorBenchEditor(b)
	pg := tea.KeyPressMsg{Code: tea.KeyPgDown}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.cur.Line >= m.buf.lineCount()-1 {
			m.GotoLine(1, 1)
		}
		m.Update(pg)
		_ = m.View()
	}
}

// BenchmarkScrollWheel10k is one frame of mouse-wheel scrolling.
func BenchmarkScrollWheel10k(b *testing.B) {
	m := editorBenchEditor(b)
	wheel := tea.MouseWheelMsg{Button: tea.MouseWheelDown}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if m.top >= m.buf.lineCount()-m.textRows() {
			m.top = 0
		}
		m.Update(wheel)
		_ = m.View()
	}
}

// BenchmarkHighlight10k is lexing a whole new 10,000-line script with chroma. It runs in a
// tea.Cmd off the UI goroutine, once per script opened; the part around the view is done
// first (BenchmarkHighlightWindow10k).
func BenchmarkHighlight10k(b *testing.B) {
	texts := editorBenchTexts(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lexIncremental(New(Options{}).lexer, texts, nil, 0, len(texts))
	}
}

// BenchmarkHighlightWindow10k is the first pass of a newly opened 10,000-line script: the
// 40 visible lines and lexWindowMargin around them.
func BenchmarkHighlightWindow10k(b *testing.B) {
	texts := editorBenchTexts(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if msg := lexIncremental(New(Options{}).lexer, texts, nil, 0, 40+lexWindowMargin); !msg.partial {
			b.Fatal("not a partial pass")
		}
	}
}

// BenchmarkHighlightAfterEdit10k is re-highlighting after a keystroke: the scan of line
// states plus chroma on the one changed line.
func BenchmarkHighlightAfterEdit10k(b *testing.B) {
	m := editorBenchEditor(b)
	m.GotoLine(5000, 10)
	keys := []tea.Msg{tea.KeyPressMsg{Code: 'x', Text: "x"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%2])
		msg := m.startLex()().(highlightMsg)
		if msg.lexed > 2 {
			b.Fatalf("lexed %d lines after one keystroke", msg.lexed)
		}
		m.Update(msg)
	}
}

func editorBenchTexts(b *testing.B) []string {
	b.Helper()
	texts := strings.Split(editorBenchScript(), "\n")
	if len(texts) < 10000 {
		b.Fatalf("%d lines", len(texts))
	}
	return texts
}

// BenchmarkFindKeystroke10k is typing one more character of a search query in a
// 10,000-line script: the incremental search, the match count in the prompt and the View.
func BenchmarkFindKeystroke10k(b *testing.B) {
	m := editorBenchEditor(b)
	m.GotoLine(5000, 1)
	m.Update(tea.KeyPressMsg{Code: 'f', Mod: tea.ModCtrl})
	m.Update(tea.PasteMsg{Content: "client.metadata.tier_12"})
	keys := []tea.Msg{tea.KeyPressMsg{Code: '3', Text: "3"}, tea.KeyPressMsg{Code: tea.KeyBackspace}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(keys[i%2])
		_ = m.View()
	}
	if !m.Prompting() {
		b.Fatal("the search prompt closed")
	}
}
