package hooklist

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

func newList(hooks ...api.Hook) *Model {
	th := common.NewTheme(false)
	m := New(&th)
	m.SetSize(30, 12)
	m.SetHooks(hooks)
	m.Focus()
	return m
}

func TestGroupsInSpecOrderWithSortedNames(t *testing.T) {
	m := newList(
		api.Hook{ID: "1", Name: "zeta", TriggerID: trigger.SendPhoneMessage},
		api.Hook{ID: "2", Name: "Beta", TriggerID: trigger.CredentialsExchange, Enabled: true},
		api.Hook{ID: "3", Name: "alpha", TriggerID: trigger.CredentialsExchange},
	)
	m.SetSize(30, 30)
	v := ansi.Strip(m.View())
	want := []string{"Client Credentials Exchange", "alpha", "Beta", "Pre User Registration", "(no hooks)",
		"Post User Registration", "Post Change Password", "Send Phone Message", "zeta"}
	at := 0
	for _, w := range want {
		i := strings.Index(v[at:], w)
		if i < 0 {
			t.Fatalf("%q missing after offset %d:\n%s", w, at, v)
		}
		at += i
	}
	if sel, _ := m.Selected(); sel.ID != "3" {
		t.Fatalf("cursor starts on %q, want the first hook shown", sel.ID)
	}
	if !strings.Contains(v, "● Beta") || !strings.Contains(v, "○ zeta") {
		t.Fatalf("enabled marks:\n%s", v)
	}
}

func TestNavigationFilterAndMarks(t *testing.T) {
	var hooks []api.Hook
	for i := 0; i < 40; i++ {
		hooks = append(hooks, api.Hook{ID: fmt.Sprint(i), Name: fmt.Sprintf("hook-%02d", i), TriggerID: trigger.PostChangePassword})
	}
	m := newList(hooks...)
	m.Update(press("G"))
	if sel, _ := m.Selected(); sel.Name != "hook-39" {
		t.Fatalf("G → %q", sel.Name)
	}
	if !strings.Contains(ansi.Strip(m.View()), "hook-39") {
		t.Fatal("cursor scrolled out of view")
	}
	m.Update(press("g"))
	m.Update(press("j"))
	if sel, _ := m.Selected(); sel.Name != "hook-01" {
		t.Fatalf("g j → %q", sel.Name)
	}
	m.SetDirty("1", true)
	m.SetStale("1", true)
	if !strings.Contains(ansi.Strip(m.View()), "hook-01 * !") {
		t.Fatalf("marks missing:\n%s", ansi.Strip(m.View()))
	}
	m.Update(press("/"))
	for _, r := range "3" {
		m.Update(press(string(r)))
	}
	if !m.Filtering() {
		t.Fatal("not filtering")
	}
	m.Update(press("enter"))
	v := ansi.Strip(m.View())
	if strings.Contains(v, "hook-01") || !strings.Contains(v, "hook-03") || !strings.Contains(v, "hook-13") {
		t.Fatalf("filter 3:\n%s", v)
	}
	m.Update(press("esc"))
	if m.FilterValue() != "" {
		t.Fatal("esc did not clear the filter")
	}
	// Lines never exceed the pane's width.
	for _, l := range strings.Split(m.View(), "\n") {
		if ansi.StringWidth(l) != 30 {
			t.Fatalf("line width %d: %q", ansi.StringWidth(l), l)
		}
	}
}

func TestClickAndScroll(t *testing.T) {
	var hooks []api.Hook
	for i := 0; i < 30; i++ {
		hooks = append(hooks, api.Hook{ID: fmt.Sprint(i), Name: fmt.Sprintf("h%02d", i), TriggerID: trigger.CredentialsExchange})
	}
	m := newList(hooks...)
	// Row 0 is the title, 1 the group, 2 h00, 3 h01.
	if !m.ClickRow(3) {
		t.Fatal("click on a hook missed")
	}
	if sel, _ := m.Selected(); sel.Name != "h01" {
		t.Fatalf("clicked %q", sel.Name)
	}
	if m.ClickRow(1) {
		t.Fatal("a group heading is not a hook")
	}
	m.Scroll(10)
	v := ansi.Strip(m.View())
	if strings.Contains(v, "h00") {
		t.Fatalf("wheel did not scroll:\n%s", v)
	}
	if sel, _ := m.Selected(); !strings.Contains(v, sel.Name) {
		t.Fatal("cursor left out of view after scrolling")
	}
}
