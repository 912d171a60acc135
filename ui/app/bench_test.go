package app

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/editor"
)

func benchHooks(n int) []api.Hook {
	points := trigger.All()
	hooks := make([]api.Hook, n)
	for i := range hooks {
		p := points[i%len(points)]
		hooks[i] = api.Hook{ID: fmt.Sprintf("h%05d", i), Name: fmt.Sprintf("hook-%05d", i), TriggerID: p.ID,
			Script: p.Starter, Enabled: i < len(points)}
	}
	return hooks
}

func benchScript(lines int) string {
	var b strings.Builder
	b.WriteString("module.exports = function (user, context, cb) {\n")
	for i := 0; i < lines-2; i++ {
		fmt.Fprintf(&b, "  var v%d = user.email + '-' + %d; // line %d\n", i, i, i)
	}
	b.WriteString("};\n")
	return b.String()
}

// benchModel is the root with the real editor, 1,000 hooks and, when script is set, that
// script open in the editor with the keyboard.
func benchModel(b *testing.B, script string) *Model {
	b.Helper()
	hooks := benchHooks(1000)
	if script != "" {
		hooks[0].Script = script
	}
	be := newFakeBackend(hooks...)
	m := New(Options{Backend: be, Theme: common.NewTheme(true), PollInterval: -1,
		NewEditor: func() Editor { return editor.New(editor.Options{}) }})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(hooksMsg{hooks: hooks, initial: true})
	if script != "" {
		m.Update(keyMsg("enter"))
	}
	return m
}

// BenchmarkFirstFrame is the root's share of the first frame: building the model, taking
// 1,000 hooks and drawing them.
func BenchmarkFirstFrame1000Hooks(b *testing.B) {
	hooks := benchHooks(1000)
	be := newFakeBackend(hooks...)
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Backend: be, Theme: common.NewTheme(true), PollInterval: -1,
			NewEditor: func() Editor { return editor.New(editor.Options{}) }})
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.Update(hooksMsg{hooks: hooks, initial: true})
		_ = m.View()
	}
}

// BenchmarkKeystroke10kLines is one typed character in a 10,000-line script: the root's
// Update (routing, the unsaved check, the draft throttle) and View.
func BenchmarkKeystroke10kLines(b *testing.B) {
	m := benchModel(b, benchScript(10000))
	k := keyMsg("x")
	b.ReportAllocs()
	for b.Loop() {
		m.Update(k)
		_ = m.View()
	}
}

// BenchmarkScroll10kLines is one line of scrolling in that script.
func BenchmarkScroll10kLines(b *testing.B) {
	m := benchModel(b, benchScript(10000))
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if (i/5000)%2 == 0 {
			m.Update(down)
		} else {
			m.Update(up)
		}
		i++
		_ = m.View()
	}
}

// BenchmarkListNavigation1000Hooks is j in the list of 1,000 hooks.
func BenchmarkListNavigation1000Hooks(b *testing.B) {
	m := benchModel(b, "")
	j, k := keyMsg("j"), keyMsg("k")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if (i/900)%2 == 0 {
			m.Update(j)
		} else {
			m.Update(k)
		}
		i++
		_ = m.View()
	}
}
