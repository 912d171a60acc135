package runpane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/runner"
)

// View draws the pane: a header line (payload and run state), the body (the payload editor
// or the run's outcome) and a bottom line (prompt, status or validation). It is exactly the
// pane's size.
func (m *Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lines := make([]string, 0, m.height)
	lines = append(lines, m.headerLine())
	if m.height >= 3 {
		var body string
		if m.editing {
			body = m.editor.View()
		} else {
			body = m.output.View()
		}
		bl := strings.Split(body, "\n")
		for i := 0; i < m.height-2; i++ {
			if i < len(bl) {
				lines = append(lines, bl[i])
			} else {
				lines = append(lines, "")
			}
		}
	}
	if m.height >= 2 {
		lines = append(lines, m.bottomLine())
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

func (m *Model) headerLine() string {
	st := m.styles
	left := st.Title.Render("Run")
	if len(m.list) > 0 {
		cur := m.list[m.sel]
		name := cur.Name
		if m.modified(name) {
			name += "*"
		}
		left += " " + st.Dim.Render("payload") + " ‹" + name + "› " + st.Dim.Render(fmt.Sprintf("%d/%d", m.sel+1, len(m.list)))
		if m.valid != nil {
			left += " " + st.Fail.Render("✗ invalid JSON")
		}
	}
	right := m.stateText()
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if right == "" || gap < 1 {
		if right != "" {
			return left + " " + right
		}
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// stateText is the header's right side: the run in flight, or the shown hook's last outcome.
func (m *Model) stateText() string {
	st := m.styles
	if m.running {
		what := "running"
		if m.cancelling {
			what = "cancelling"
		}
		if m.runReq.HookID != m.hookID && m.runReq.HookName != "" {
			what += " " + m.runReq.HookName
		}
		return st.Warn.Render("● " + what + "…")
	}
	o := m.results[m.hookID]
	if o == nil {
		return ""
	}
	msg := o.msg
	switch {
	case errors.Is(msg.Err, context.Canceled):
		return st.Warn.Render("■ cancelled")
	case msg.Err != nil:
		return st.Fail.Render("✗ not run")
	case msg.Report == nil:
		return ""
	case msg.Report.OK:
		return st.OK.Render("✓ ok") + " " + st.Dim.Render(duration(msg.Report.DurationMs))
	default:
		return st.Fail.Render("✗ error") + " " + st.Dim.Render(duration(msg.Report.DurationMs))
	}
}

func duration(ms float64) string {
	if ms >= 1000 {
		return fmt.Sprintf("%.2f s", ms/1000)
	}
	return fmt.Sprintf("%.1f ms", ms)
}

func (m *Model) bottomLine() string {
	st := m.styles
	switch {
	case m.naming:
		return m.name.View()
	case m.status != "":
		if m.statusErr {
			return st.StatusErr.Render(m.status)
		}
		return m.status
	case m.valid != nil:
		return st.Fail.Render("✗ " + m.valid.Error())
	case m.editing:
		return st.Dim.Render("editing the payload · esc stops · ctrl+r runs")
	case m.running:
		return st.Dim.Render("ctrl+c cancels the run")
	case len(m.list) > 0:
		return st.Dim.Render("[ ] payload · e edit · w save as · ctrl+r run")
	}
	return ""
}

// refreshOutput rebuilds the body's text for the shown hook. It runs when a result arrives,
// the hook changes or the width changes — never per frame.
func (m *Model) refreshOutput(top bool) {
	// Lines are wrapped here, once, rather than by the viewport's soft wrap, which measures
	// every line of the content on every frame.
	w := max(m.width, 1)
	raw := m.outputLines()
	lines := make([]string, 0, len(raw))
	for _, l := range raw {
		if ansi.StringWidth(l) <= w {
			lines = append(lines, l)
			continue
		}
		lines = append(lines, strings.Split(ansi.Wrap(l, w, " ,"), "\n")...)
	}
	m.output.SetContentLines(lines)
	if top {
		m.output.GotoTop()
	}
}

func (m *Model) outputLines() []string {
	st := m.styles
	if m.hookID == "" {
		return []string{st.Dim.Render("Select a hook to run it.")}
	}
	o := m.results[m.hookID]
	if o == nil {
		return []string{
			"No run yet for this hook.",
			st.Dim.Render("ctrl+r runs the editor's script — saved or not — with this payload."),
			st.Dim.Render("e edits the payload, [ and ] pick another, w saves it under a name."),
		}
	}
	msg := o.msg
	var out []string
	add := func(s ...string) { out = append(out, s...) }

	what := "payload " + msg.Payload
	if msg.Saved {
		what += " · saved script"
	} else {
		what += " · unsaved buffer"
	}
	if msg.HookName != "" {
		what = msg.HookName + " · " + what
	}
	add(st.Dim.Render(what))
	if len(o.missing) > 0 {
		add(st.Warn.Render("⚠ no value for secrets " + strings.Join(o.missing, ", ") + ": they are undefined in this run"))
	}

	var pe *runner.PayloadError
	switch {
	case errors.Is(msg.Err, context.Canceled):
		add(st.Warn.Render("■ run cancelled"))
		return out
	case errors.As(msg.Err, &pe):
		add(st.Fail.Render("✗ the payload was refused before the script ran"), "  "+pe.Message)
		return out
	case msg.Err != nil:
		add(st.Fail.Render("✗ could not run"), "  "+msg.Err.Error())
		return out
	case msg.Report == nil:
		return out
	}
	rep := msg.Report

	if e := rep.Error; e != nil {
		head := e.Name
		if head == "" {
			head = "Error"
		}
		line := st.Fail.Render(head+":") + " " + e.Message
		if e.Line > 0 {
			line += " " + st.Dim.Render(fmt.Sprintf("at %d:%d", e.Line, e.Column))
		}
		add(line)
		if e.FriendlyMessage != "" && e.FriendlyMessage != e.Message {
			add("  " + st.Dim.Render("friendly message:") + " " + e.FriendlyMessage)
		}
		if e.Kind != "" && e.Kind != runner.KindRuntime {
			add("  " + st.Dim.Render("kind: "+e.Kind))
		}
		for i, sl := range strings.Split(strings.TrimRight(e.Stack, "\n"), "\n") {
			if i == 0 || sl == "" || i > 5 {
				continue // the first line repeats the message
			}
			add("  " + st.Dim.Render(strings.TrimSpace(sl)))
		}
	}

	// No blank lines between sections: at 80×24 the pane has a handful of rows, and the
	// coloured labels already separate them. The result comes first (it is what the hook
	// answers), then what Auth0 would do with it, then the console.
	raw := strings.TrimSpace(string(rep.Result))
	// A failed run has no result to show unless the callback somehow gave one.
	if rep.OK || (raw != "" && raw != "null") {
		label := st.Label.Render("Result")
		switch {
		case raw == "" || raw == "null":
			add(label + " " + st.Dim.Render("null — the callback was given no result"))
		case msg.pretty != nil:
			add(label)
			for _, l := range msg.pretty {
				add("  " + l)
			}
		default:
			// A small result reads best on the label's line; a larger one indented below.
			text := compactJSON(json.RawMessage(raw))
			if ansi.StringWidth(text) <= m.width-len("Result ") {
				add(label + " " + strings.Join(highlightJSON(text, st), ""))
				break
			}
			add(label)
			for _, l := range highlightJSON(prettyJSON([]byte(raw)), st) {
				add("  " + l)
			}
		}
	}
	if a := rep.Applied; a != nil {
		line := st.Label.Render("Auth0 would apply")
		if a.Summary != "" {
			line += " " + a.Summary
		}
		add(line)
		add(appliedLines(a, st)...)
	}
	if len(rep.Logs) == 0 {
		add(st.Label.Render("Console") + " " + st.Dim.Render("nothing logged"))
	} else {
		add(st.Label.Render(fmt.Sprintf("Console (%d)", len(rep.Logs))))
	}
	for _, l := range rep.Logs {
		lvl := l.Level
		if lvl == "" {
			lvl = "log"
		}
		label := st.level(lvl).Render(fmt.Sprintf("%-5s", lvl))
		for i, ml := range strings.Split(l.Message, "\n") {
			if i == 0 {
				add("  " + label + " " + ml)
			} else {
				add("        " + ml)
			}
		}
	}
	return out
}

// appliedLines lists the details behind Applied.Summary.
func appliedLines(a *runner.Applied, st Styles) []string {
	var out []string
	row := func(label, value string) {
		out = append(out, "  "+st.Dim.Render(fmt.Sprintf("%-14s", label))+" "+value)
	}
	if len(a.Scope) > 0 {
		row("scope", strings.Join(a.Scope, " "))
	}
	if a.ScopeDropped {
		row("scope", "none in the result: the granted scopes are reset")
	}
	for _, k := range slices.Sorted(maps.Keys(a.ClaimsKept)) {
		row("claim", k+" = "+compactJSON(a.ClaimsKept[k]))
	}
	if len(a.ClaimsIgnored) > 0 {
		row("claims ignored", strings.Join(a.ClaimsIgnored, ", "))
	}
	for _, k := range slices.Sorted(maps.Keys(a.UserMetadata)) {
		row("user_metadata", k+" = "+compactJSON(a.UserMetadata[k]))
	}
	for _, k := range slices.Sorted(maps.Keys(a.AppMetadata)) {
		row("app_metadata", k+" = "+compactJSON(a.AppMetadata[k]))
	}
	if len(a.InvalidKeys) > 0 {
		out = append(out, "  "+st.Warn.Render(fmt.Sprintf("%-14s", "invalid keys"))+" "+strings.Join(a.InvalidKeys, ", "))
	}
	if len(a.Ignored) > 0 {
		row("ignored", strings.Join(a.Ignored, ", "))
	}
	return out
}

func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
