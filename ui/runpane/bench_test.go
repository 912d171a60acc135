package runpane

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
)

// bigReport is a result of 2,000 properties and 500 console lines: far more than a hook
// produces, to show that a frame's cost does not grow with the result (the outcome is laid out
// once when it arrives; a frame only cuts the visible rows).
func bigReport() *runner.Report {
	obj := map[string]any{}
	for i := range 2000 {
		obj[fmt.Sprintf("https://example.com/claim-%04d", i)] = strings.Repeat("v", i%40)
	}
	raw, _ := json.Marshal(obj)
	rep := &runner.Report{Trigger: trigger.CredentialsExchange, OK: true, Result: raw, DurationMs: 1}
	for i := range 500 {
		rep.Logs = append(rep.Logs, runner.LogLine{Level: "log", Message: fmt.Sprintf("line %d", i)})
	}
	return rep
}

func BenchmarkScrollLargeResult(b *testing.B) {
	m := New(Options{Runner: &fakeRunner{report: bigReport()}})
	m.SetSize(100, 20)
	m.SetHook(hookA, trigger.CredentialsExchange)
	m.Focus()
	m.Update(m.StartRun(req(hookA))())
	down := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ResetTimer()
	for range b.N {
		m.Update(down)
		_ = m.View()
	}
}

func BenchmarkTypeInPayload(b *testing.B) {
	m := New(Options{Runner: &fakeRunner{}})
	m.SetSize(100, 20)
	m.SetHook(hookA, trigger.PreUserRegistration)
	m.Focus()
	press(m, "e")
	space := tea.KeyPressMsg{Code: ' ', Text: " "}
	b.ResetTimer()
	for range b.N {
		m.Update(space)
		_ = m.View()
	}
}

func BenchmarkResultArrives(b *testing.B) {
	m := New(Options{Runner: &fakeRunner{report: bigReport()}})
	m.SetSize(100, 20)
	m.SetHook(hookA, trigger.CredentialsExchange)
	msg := m.StartRun(req(hookA))().(FinishedMsg)
	b.ResetTimer()
	for range b.N {
		m.Update(msg)
		_ = m.View()
	}
}
