package cmd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/ui/app"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/drafts"
	"github.com/hookterm/hookterm/ui/editor"
	"github.com/hookterm/hookterm/ui/logpane"
	"github.com/hookterm/hookterm/ui/payloads"
	"github.com/hookterm/hookterm/ui/runpane"
)

// configureTUI makes the root command open the TUI.
func configureTUI(root *cobra.Command, a *App) {
	root.Args = cobra.NoArgs
	root.Flags().Bool("no-color", false, "draw the TUI without colours (as NO_COLOR=1 does)")
	root.RunE = func(cmd *cobra.Command, args []string) error {
		return tuiRun(cmd, a)
	}
}

func tuiRun(cmd *cobra.Command, a *App) error {
	in, inOK := a.Stdin.(*os.File)
	out, outOK := a.Stdout.(*os.File)
	if !inOK || !outOK || !isatty.IsTerminal(in.Fd()) || !isatty.IsTerminal(out.Fd()) {
		return usageError(errors.New("the TUI needs a terminal; from scripts use the subcommands (hookterm --help)"))
	}
	noColor, _ := cmd.Flags().GetBool("no-color")
	noColor = noColor || a.Getenv("NO_COLOR") != ""

	logger, closeLog := tuiLogger(a)
	defer closeLog()
	logger.Info("start", "pid", os.Getpid(), "cpu_ms", tuiCPUTime().Milliseconds())

	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	began := time.Now()
	client, err := newClient(cmd, a)
	if err != nil {
		return err
	}
	defer client.Close()
	logger.Info("tenant open", "target", client.Target().Display, "ms", time.Since(began).Milliseconds())
	dir, err := dataDir(cmd, a)
	if err != nil {
		return err
	}
	notice := ""
	store, err := drafts.Open(filepath.Join(dir, "drafts"))
	if err != nil {
		// The TUI still opens; the status line says that unsaved text is not protected.
		logger.Error("drafts", "err", err)
		store = nil
		notice = fmt.Sprintf("Drafts are off: %v; unsaved text is lost if hookterm stops", err)
	}

	// The runner's worker processes (this binary again, with its own start-up) are started
	// once the first frame is drawn, so that they do not compete with it for the CPU; a run
	// asked for earlier starts them at once and waits for them.
	lazy := &tuiLazyRunner{logger: logger}
	defer lazy.close()

	theme := common.NewTheme(!noColor)
	edStyles := editor.DefaultStyles()
	if noColor {
		edStyles = editor.PlainStyles()
	}
	checker := func(src string) *editor.Diagnostic {
		if e := runner.CheckSyntax(src); e != nil {
			// The runner counts columns in UTF-16 units (as Node does), the editor in characters.
			return &editor.Diagnostic{Line: e.Line, Column: runner.CharColumn(src, e.Line, e.Column), Message: e.Message}
		}
		return nil
	}
	rp := &tuiRunPane{Model: runpane.New(runpane.Options{Runner: lazy, Payloads: payloads.NewStore(dir),
		Context: ctx, NoColor: noColor})}
	interval := logtail.DefaultRemoteInterval
	if client.Target().IsLocal() {
		interval = logtail.DefaultLocalInterval
	}
	lp := logpane.New(logpane.Options{Source: client, Interval: interval, Context: ctx})

	model := app.New(app.Options{
		Context: ctx,
		Backend: client,
		NewEditor: func() app.Editor {
			return editor.New(editor.Options{Checker: checker, Styles: edStyles})
		},
		RunPane:   rp,
		RunResult: tuiRunResult,
		LogPane:   lp,
		Drafts:    store,
		Snapshot:  drafts.OpenSnapshot(filepath.Join(dir, "cache"), client.Target().Display),
		Theme:     theme,
		Logger:    logger,
		Getenv:    a.Getenv,
		Notice:    notice,
		AfterFirstFrame: func() {
			logger.Info("first frame cpu", "cpu_ms", tuiCPUTime().Milliseconds())
			go lazy.start()
		},
	})
	// Lay out for the real size before the first frame, which Bubble Tea draws before it
	// delivers the first WindowSizeMsg.
	if w, h, err := term.GetSize(out.Fd()); err == nil && w > 0 && h > 0 {
		model.Update(tea.WindowSizeMsg{Width: w, Height: h})
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out)}
	if noColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.Ascii))
	}
	logger.Info("program start", "cpu_ms", tuiCPUTime().Milliseconds())
	_, err = tea.NewProgram(model, opts...).Run()
	// Stop the background work (the log tail, a poll, a run) before the deferred closes:
	// closing the tenant must not wait for requests nobody will read.
	cancel()
	model.Shutdown()
	logger.Info("program ended; closing", "err", err)
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		logger.Error("tui", "err", err)
		return failure(fmt.Errorf("the TUI stopped: %w", err))
	}
	logger.Info("quit")
	return nil
}

// tuiLogger opens $XDG_STATE_HOME/hookterm/hookterm.log: the TUI owns the terminal, so its
// diagnostics go there and never to the screen. When the file cannot be opened they are
// dropped rather than printed over the TUI.
func tuiLogger(a *App) (*slog.Logger, func()) {
	state := a.Getenv("XDG_STATE_HOME")
	if state == "" || !filepath.IsAbs(state) {
		state = filepath.Join(a.Getenv("HOME"), ".local", "state")
	}
	dir := filepath.Join(state, "hookterm")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return slog.New(slog.DiscardHandler), func() {}
	}
	f, err := os.OpenFile(filepath.Join(dir, "hookterm.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return slog.New(slog.DiscardHandler), func() {}
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo})), func() { f.Close() }
}

// tuiLazyRunner is a runner.Runner whose worker pool starts in the background.
type tuiLazyRunner struct {
	logger  *slog.Logger
	once    sync.Once
	started sync.Once
	ready   chan struct{}
	pool    *runner.Pool
	err     error
}

func (l *tuiLazyRunner) init() { l.once.Do(func() { l.ready = make(chan struct{}) }) }

// start starts the pool once; later calls return at once.
func (l *tuiLazyRunner) start() {
	l.init()
	l.started.Do(func() {
		began := time.Now()
		l.pool, l.err = runner.New(runner.Options{})
		if l.err != nil {
			l.logger.Error("start the runner", "err", l.err)
		} else {
			l.logger.Info("runner ready", "ms", time.Since(began).Milliseconds())
		}
		close(l.ready)
	})
}

// Run waits for the pool, then runs req.
func (l *tuiLazyRunner) Run(ctx context.Context, req runner.Request) (*runner.Report, error) {
	l.init()
	go l.start()
	select {
	case <-l.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.err != nil {
		return nil, fmt.Errorf("the runner could not start: %w", l.err)
	}
	return l.pool.Run(ctx, req)
}

func (l *tuiLazyRunner) close() {
	l.init()
	l.started.Do(func() {
		// Never started (no frame was drawn): nothing to stop.
		l.err = errors.New("the TUI is closing")
		close(l.ready)
	})
	select {
	case <-l.ready:
		if l.pool != nil {
			l.pool.Close()
		}
	case <-time.After(2 * time.Second):
		// Still starting: the workers read their requests from this process's pipes and
		// end with it.
	}
}

// tuiRunPane adapts the run pane to the root's RunPane interface; everything else (Running,
// Editing, SetHook…) is the pane's own.
type tuiRunPane struct{ *runpane.Model }

func (p *tuiRunPane) StartRun(r app.RunRequest) tea.Cmd {
	return p.Model.StartRun(runpane.RunRequest{HookID: r.HookID, HookName: r.HookName, Trigger: r.Trigger,
		Script: r.Script, Secrets: r.Secrets, Missing: r.Missing, Saved: r.Saved})
}

func tuiRunResult(msg tea.Msg) (app.RunFinished, bool) {
	f, ok := msg.(runpane.FinishedMsg)
	if !ok {
		return app.RunFinished{}, false
	}
	return app.RunFinished{HookID: f.HookID, Report: f.Report, Err: f.Err, Saved: f.Saved}, true
}

var (
	_ app.Backend = (*api.Client)(nil)
	_ app.LogPane = (*logpane.Model)(nil)
	_ app.Editor  = (*editor.Model)(nil)
)
