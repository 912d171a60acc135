// Package logpane is the TUI's live log pane: a tail of the current tenant's logs kept in a
// ring buffer, each entry rendered once, with filter-as-you-type, pause, follow mode, the full
// JSON of an entry on enter and an unread count while the pane is hidden.
package logpane

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/ui/highlight"
)

// Source is where the pane's entries come from: *api.Client implements it.
type Source = logtail.Source

// DefaultCapacity is how many entries the ring buffer keeps.
const DefaultCapacity = 5000

// Options configure a pane.
type Options struct {
	Source Source
	// Interval is the idle poll interval: logtail.DefaultLocalInterval for local tenants;
	// 0 → logtail.DefaultRemoteInterval.
	Interval time.Duration
	// From is the log_id to start after; "" starts where the source starts.
	From string
	// Capacity bounds the ring buffer; 0 → DefaultCapacity.
	Capacity int
	// Context ends the tail when cancelled; nil → context.Background().
	Context context.Context
	// Location shows times in this zone; nil → time.Local.
	Location *time.Location
	// ID tells this pane's messages apart from another pane's; 0 → a random id.
	ID int64
}

// pollMsg carries one poll's outcome back to the pane that asked.
type pollMsg struct {
	id  int64
	res logtail.Result
	err error
}

// item is one entry with what the pane derived from it once: the rendered line and the
// lower-cased text the filter searches.
type item struct {
	entry api.LogEntry
	line  string
	hay   string
}

// Model is the log pane. Use it through a pointer: it is updated in place.
type Model struct {
	id     int64
	ctx    context.Context
	tail   *logtail.Tailer
	loc    *time.Location
	styles styles
	keys   keyMap

	// ring holds the last cap(ring) entries; entry number seq lives at ring[seq%cap].
	ring    []item
	nextSeq uint64
	count   int

	// matches are the seqs of the entries passing the filter, oldest first.
	matches []uint64
	filter  string
	parsed  *logtail.Filter // nil: everything
	input   textinput.Model
	typing  bool

	cursor int // index in matches
	top    int // first visible index in matches
	follow bool

	paused   bool
	inflight bool
	stopped  error // a permanent tail error
	retry    string

	hidden bool
	unread int

	detail     bool
	detailView viewport.Model

	focused       bool
	width, height int
	localRuns     int
}

// New returns a pane; Init starts its tail.
func New(opts Options) *Model {
	if opts.Capacity <= 0 {
		opts.Capacity = DefaultCapacity
	}
	if opts.Interval <= 0 {
		opts.Interval = logtail.DefaultRemoteInterval
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.ID == 0 {
		opts.ID = rand.Int64()
	}
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter: text, group (signups, runs, hooks…), type:CODE, client:X, user:X"
	m := &Model{
		id:         opts.ID,
		ctx:        opts.Context,
		loc:        opts.Location,
		styles:     defaultStyles(),
		keys:       defaultKeys(),
		ring:       make([]item, opts.Capacity),
		input:      in,
		follow:     true,
		width:      80,
		height:     20,
		detailView: viewport.New(),
	}
	if opts.Source != nil {
		m.tail = logtail.New(opts.Source, logtail.Options{From: opts.From, Interval: opts.Interval})
	}
	return m
}

// Init starts the tail.
func (m *Model) Init() tea.Cmd { return m.poll() }

func (m *Model) poll() tea.Cmd {
	if m.tail == nil || m.inflight || m.paused || m.stopped != nil {
		return nil
	}
	m.inflight = true
	tail, ctx, id := m.tail, m.ctx, m.id
	return func() tea.Msg {
		res, err := tail.Poll(ctx)
		return pollMsg{id: id, res: res, err: err}
	}
}

// SetSize sets the pane's outer size.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 10), max(height, 3)
	m.input.SetWidth(max(m.width-2, 1))
	m.detailView.SetWidth(m.width)
	m.detailView.SetHeight(max(m.height-1, 1))
	m.clampScroll()
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() {
	m.focused = false
	m.typing = false
	m.input.Blur()
}

// SetHidden tells the pane whether it is on screen; new entries count as unread while hidden.
func (m *Model) SetHidden(hidden bool) {
	m.hidden = hidden
	if !hidden {
		m.unread = 0
	}
}

// Unread is how many entries arrived while the pane was hidden.
func (m *Model) Unread() int { return m.unread }

// Len is how many entries the ring buffer holds.
func (m *Model) Len() int { return m.count }

// Paused reports whether the tail is paused.
func (m *Model) Paused() bool { return m.paused }

// Following reports whether the view sticks to the newest entry.
func (m *Model) Following() bool { return m.follow }

// Capturing reports whether the pane needs every key (the filter prompt, the entry's JSON),
// so the root does not take esc or letters for its own bindings meanwhile.
func (m *Model) Capturing() bool { return m.typing || m.detail }

// Filter is the current filter text.
func (m *Model) Filter() string { return m.filter }

// Update handles the pane's messages and, when focused, keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pollMsg:
		if msg.id != m.id {
			return nil
		}
		m.inflight = false
		return m.handlePoll(msg)
	case tea.KeyPressMsg:
		if !m.focused {
			return nil
		}
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
	case tea.MouseClickMsg:
		// Coordinates are relative to the pane; row 0 is the status line.
		if !m.detail && msg.Button == tea.MouseLeft && msg.Y >= 1 && msg.Y <= m.listHeight() {
			if i := m.top + msg.Y - 1; i < len(m.matches) {
				m.move(i - m.cursor)
			}
		}
	}
	return nil
}

func (m *Model) wheel(msg tea.MouseWheelMsg) {
	const step = 3
	switch {
	case m.detail && msg.Button == tea.MouseWheelUp:
		m.detailView.ScrollUp(step)
	case m.detail && msg.Button == tea.MouseWheelDown:
		m.detailView.ScrollDown(step)
	case msg.Button == tea.MouseWheelUp:
		m.move(-step)
	case msg.Button == tea.MouseWheelDown:
		m.move(step)
	}
}

func (m *Model) handlePoll(msg pollMsg) tea.Cmd {
	if msg.err != nil {
		if m.ctx.Err() != nil {
			return nil // the TUI is closing
		}
		m.stopped = msg.err
		return nil
	}
	if msg.res.Err != nil {
		m.retry = fmt.Sprintf("retrying in %s: %v", msg.res.Wait.Round(100*time.Millisecond), msg.res.Err)
	} else {
		m.retry = ""
	}
	m.appendEntries(msg.res.Entries)
	return m.poll()
}

func (m *Model) appendEntries(es []api.LogEntry) {
	for i := range es {
		m.appendEntry(es[i])
	}
	if m.hidden {
		m.unread += len(es)
	}
	if m.follow {
		m.gotoBottom()
	}
	m.clampScroll()
}

func (m *Model) appendEntry(e api.LogEntry) {
	capacity := uint64(len(m.ring))
	seq := m.nextSeq
	m.nextSeq++
	if m.count == len(m.ring) {
		// The oldest entry leaves; so does its match, which is always first if present.
		oldest := seq - capacity
		if len(m.matches) > 0 && m.matches[0] == oldest {
			m.matches = m.matches[1:]
			m.cursor = max(m.cursor-1, 0)
			m.top = max(m.top-1, 0)
		}
	} else {
		m.count++
	}
	it := item{entry: e, line: m.render(&e), hay: logtail.SearchText(&e)}
	m.ring[seq%capacity] = it
	// matches only loses elements at its front, so append's reallocation keeps it near the
	// ring's size.
	if m.parsed.MatchText(&it.entry, it.hay) {
		m.matches = append(m.matches, seq)
	}
}

func (m *Model) item(seq uint64) *item { return &m.ring[seq%uint64(len(m.ring))] }

// setFilter recomputes the matches: at most Capacity entries, each with its cached text.
func (m *Model) setFilter(text string) {
	m.filter = strings.TrimSpace(text)
	m.parsed = nil
	if m.filter != "" {
		f, err := logtail.ParseFilters(strings.Fields(m.filter), nil)
		if err != nil {
			// Half-typed input such as a second client: treat it all as text.
			f = &logtail.Filter{Text: []string{m.filter}}
		}
		m.parsed = f
	}
	m.matches = m.matches[:0]
	first := m.nextSeq - uint64(m.count)
	for seq := first; seq < m.nextSeq; seq++ {
		if it := m.item(seq); m.parsed.MatchText(&it.entry, it.hay) {
			m.matches = append(m.matches, seq)
		}
	}
	m.gotoBottom()
	m.follow = true
}

// AppendRunLogs shows a run that the tenant did not record (an unsaved buffer, a remote
// tenant) as a local entry in the tenant's run-entry shape.
func (m *Model) AppendRunLogs(hookName string, r *runner.Report) {
	if r == nil {
		return
	}
	m.localRuns++
	typ, desc := api.LogTypeHookRunOK, fmt.Sprintf("local run of %s succeeded", hookName)
	details := map[string]any{
		"hook_name":   hookName,
		"trigger":     string(r.Trigger),
		"duration_ms": r.DurationMs,
		"logs":        r.Logs,
		"local":       true,
	}
	if !r.OK {
		typ = api.LogTypeHookRunFailed
		desc = fmt.Sprintf("local run of %s failed", hookName)
		if r.Error != nil {
			desc += ": " + r.Error.Error()
			details["error"] = r.Error
		}
	}
	if n := len(r.Logs); n > 0 {
		desc += fmt.Sprintf(" (%d console line%s)", n, plural(n))
	}
	e := api.LogEntry{
		LogID:       fmt.Sprintf("local-run-%d", m.localRuns),
		Date:        runTime(r),
		Type:        typ,
		Description: desc,
	}
	// Details go through JSON so they read back as the tenant's entries do (maps, float64s).
	raw, err := json.Marshal(details)
	if err == nil {
		_ = json.Unmarshal(raw, &e.Details)
	}
	m.appendEntries([]api.LogEntry{e})
}

func runTime(r *runner.Report) time.Time {
	if n := len(r.Logs); n > 0 && !r.Logs[n-1].Time.IsZero() {
		return r.Logs[n-1].Time
	}
	return time.Now()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// render builds an entry's line once; View only cuts it to the width.
func (m *Model) render(e *api.LogEntry) string {
	l := logtail.Describe(e)
	sev := m.styles.successP
	switch l.Severity {
	case api.LogWarning:
		sev = m.styles.warningP
	case api.LogFailure:
		sev = m.styles.failureP
	}
	var b strings.Builder
	m.styles.timeP.write(&b, e.Date.In(m.loc).Format("15:04:05.000"))
	b.WriteByte(' ')
	sev.write(&b, fmt.Sprintf("%-6s %s", l.Code, l.Name))
	if l.Description != "" {
		b.WriteString("  " + l.Description)
	}
	for _, f := range [][2]string{{"client", l.Client}, {"user", l.User}, {"conn", l.Connection}} {
		if f[1] != "" {
			b.WriteString("  ")
			m.styles.labelP.write(&b, f[0]+"=")
			b.WriteString(f[1])
		}
	}
	return b.String()
}

// listHeight is how many entry rows fit under the status line and above the footer.
func (m *Model) listHeight() int { return max(m.height-2, 1) }

func (m *Model) gotoBottom() {
	m.cursor = max(len(m.matches)-1, 0)
	m.top = max(len(m.matches)-m.listHeight(), 0)
}

func (m *Model) clampScroll() {
	n := len(m.matches)
	if n == 0 {
		m.cursor, m.top = 0, 0
		return
	}
	m.cursor = min(max(m.cursor, 0), n-1)
	h := m.listHeight()
	if m.cursor < m.top {
		m.top = m.cursor
	}
	if m.cursor >= m.top+h {
		m.top = m.cursor - h + 1
	}
	m.top = min(max(m.top, 0), max(n-h, 0))
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.detail {
		switch {
		case key.Matches(msg, m.keys.Back), key.Matches(msg, m.keys.Open):
			m.detail = false
			return nil
		}
		var cmd tea.Cmd
		m.detailView, cmd = m.detailView.Update(msg)
		return cmd
	}
	if m.typing {
		switch msg.String() {
		case "enter":
			m.typing = false
			m.input.Blur()
			return nil
		case "esc":
			m.typing = false
			m.input.Blur()
			m.input.SetValue("")
			m.setFilter("")
			return nil
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(msg)
		if v := m.input.Value(); v != m.filter {
			m.setFilter(v)
		}
		return cmd
	}
	switch {
	case key.Matches(msg, m.keys.Filter):
		m.typing = true
		return m.input.Focus()
	case key.Matches(msg, m.keys.Back):
		if m.filter != "" {
			m.input.SetValue("")
			m.setFilter("")
		}
	case key.Matches(msg, m.keys.Pause):
		if m.stopped != nil {
			// A stopped tail (say, expired credentials since fixed) starts again from its
			// checkpoint.
			m.stopped, m.paused = nil, false
			return m.poll()
		}
		m.paused = !m.paused
		if !m.paused {
			return m.poll()
		}
	case key.Matches(msg, m.keys.Follow):
		m.follow = !m.follow
		if m.follow {
			m.gotoBottom()
		}
	case key.Matches(msg, m.keys.Up):
		m.move(-1)
	case key.Matches(msg, m.keys.Down):
		m.move(1)
	case key.Matches(msg, m.keys.PageUp):
		m.move(-m.listHeight())
	case key.Matches(msg, m.keys.PageDown):
		m.move(m.listHeight())
	case key.Matches(msg, m.keys.Top):
		m.move(-len(m.matches))
	case key.Matches(msg, m.keys.Bottom):
		m.follow = true
		m.gotoBottom()
	case key.Matches(msg, m.keys.Open):
		m.openDetail()
	}
	return nil
}

func (m *Model) move(delta int) {
	m.cursor += delta
	m.clampScroll()
	// Moving away from the newest entry stops following; coming back to it resumes.
	m.follow = len(m.matches) == 0 || m.cursor == len(m.matches)-1
}

// Selected is the entry under the cursor.
func (m *Model) Selected() (api.LogEntry, bool) {
	if len(m.matches) == 0 {
		return api.LogEntry{}, false
	}
	return m.item(m.matches[m.cursor]).entry, true
}

func (m *Model) openDetail() {
	e, ok := m.Selected()
	if !ok {
		return
	}
	m.detailView.SetContent(highlightJSON(EntryJSON(e)))
	m.detailView.GotoTop()
	m.detail = true
}

// EntryJSON is the entry as the tenant sent it, indented; entries made locally are marshalled.
func EntryJSON(e api.LogEntry) string {
	raw := []byte(e.Raw)
	if len(raw) == 0 {
		var err error
		if raw, err = json.Marshal(e); err != nil {
			return fmt.Sprintf("%+v", e)
		}
	}
	var out bytes.Buffer
	if err := json.Indent(&out, raw, "", "  "); err != nil {
		return string(raw)
	}
	return out.String()
}

func highlightJSON(src string) string {
	// The pane's ANSI palette rather than a chroma theme, so the terminal's colours and
	// NO_COLOR apply.
	paint := highlight.LipglossPainter(map[highlight.Category]lipgloss.Style{
		highlight.Key:         lipgloss.NewStyle().Foreground(lipgloss.Color("12")),
		highlight.String:      lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		highlight.Number:      lipgloss.NewStyle().Foreground(lipgloss.Color("5")),
		highlight.Literal:     lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
		highlight.Punctuation: lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
	})
	return strings.Join(highlight.Lines(highlight.JSON(), src, paint), "\n")
}

// View draws the pane at its size.
func (m *Model) View() string {
	if m.detail {
		title := m.styles.header.Render(ansi.Truncate("Log entry · esc to close · ↑/↓ scroll", m.width, "…"))
		return title + "\n" + m.detailView.View()
	}
	rows := make([]string, 0, m.height)
	rows = append(rows, m.statusLine())
	h := m.listHeight()
	for i := m.top; i < m.top+h; i++ {
		if i >= len(m.matches) {
			rows = append(rows, "")
			continue
		}
		prefix := "  "
		if i == m.cursor && m.focused {
			prefix = m.styles.cursor.Render("▌ ")
		}
		rows = append(rows, ansi.Truncate(prefix+m.item(m.matches[i]).line, m.width, "…"))
	}
	rows = append(rows, m.footer())
	return strings.Join(rows, "\n")
}

func (m *Model) statusLine() string {
	var parts []string
	parts = append(parts, "Logs")
	if m.filter != "" {
		parts = append(parts, fmt.Sprintf("%d of %d", len(m.matches), m.count))
	} else {
		parts = append(parts, fmt.Sprintf("%d entries", m.count))
	}
	switch {
	case m.stopped != nil:
		parts = append(parts, "stopped")
	case m.paused:
		parts = append(parts, "paused")
	case m.follow:
		parts = append(parts, "following")
	default:
		parts = append(parts, "scrolled")
	}
	return m.styles.header.Render(ansi.Truncate(strings.Join(parts, " · "), m.width, "…"))
}

func (m *Model) footer() string {
	switch {
	case m.typing:
		return ansi.Truncate(m.input.View(), m.width, "…")
	case m.stopped != nil:
		return m.styles.failure.Render(ansi.Truncate("tail stopped: "+m.stopped.Error(), m.width, "…"))
	case m.retry != "":
		return m.styles.warning.Render(ansi.Truncate(m.retry, m.width, "…"))
	case m.filter != "":
		return m.styles.label.Render(ansi.Truncate("filter: "+m.filter+" · / edit · esc clear", m.width, "…"))
	case len(m.matches) == 0:
		return m.styles.label.Render(ansi.Truncate("waiting for log events…", m.width, "…"))
	}
	return ""
}

type styles struct {
	time, label, header, cursor, success, warning, failure lipgloss.Style
	// The entry-line styles as plain escape sequences: lipgloss's Render measures and pads
	// its input, which was most of the cost of rendering an entry.
	timeP, labelP, successP, warningP, failureP paint
}

func defaultStyles() styles {
	s := styles{
		time:    lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		label:   lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		header:  lipgloss.NewStyle().Bold(true),
		cursor:  lipgloss.NewStyle().Foreground(lipgloss.Color("12")),
		success: lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		warning: lipgloss.NewStyle().Foreground(lipgloss.Color("3")),
		failure: lipgloss.NewStyle().Foreground(lipgloss.Color("1")),
	}
	s.timeP, s.labelP = paintOf(s.time), paintOf(s.label)
	s.successP, s.warningP, s.failureP = paintOf(s.success), paintOf(s.warning), paintOf(s.failure)
	return s
}

// paint is a style's opening and closing escape sequences, taken once from lipgloss.
type paint struct{ open, close string }

func paintOf(st lipgloss.Style) paint {
	const marker = "X"
	r := st.Render(marker)
	i := strings.Index(r, marker)
	if i < 0 {
		return paint{}
	}
	return paint{open: r[:i], close: r[i+len(marker):]}
}

func (p paint) write(b *strings.Builder, s string) {
	b.WriteString(p.open)
	b.WriteString(s)
	b.WriteString(p.close)
}

type keyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Filter, Back, Pause, Follow, Open key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g", "oldest")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G", "newest")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear/close")),
		Pause:    key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "pause")),
		Follow:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "follow")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details")),
	}
}

// ShortHelp lists the keys the footer shows.
func (m *Model) ShortHelp() []key.Binding {
	if m.detail {
		return []key.Binding{m.keys.Back, m.keys.Up, m.keys.Down}
	}
	return []key.Binding{m.keys.Filter, m.keys.Pause, m.keys.Follow, m.keys.Open}
}

// FullHelp lists every key of the pane.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Top, m.keys.Bottom},
		{m.keys.Filter, m.keys.Back, m.keys.Pause, m.keys.Follow, m.keys.Open},
	}
}
