package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
)

// logsFlags are the selection flags `logs tail` and `logs list` share.
type logsFlags struct {
	filters []string
	types   []string
	number  int
	since   time.Duration
	json    bool
}

func (f *logsFlags) register(c *cobra.Command, defaultNumber int) {
	c.Flags().StringArrayVarP(&f.filters, "filter", "f", nil,
		"show only matching events: a group ("+logsGroupNames()+"), type:CODE, client:X, user:X or text; repeatable")
	c.Flags().StringSliceVarP(&f.types, "type", "t", nil, "show only these event type codes (e.g. fs,fhr); repeatable")
	c.Flags().IntVarP(&f.number, "number", "n", defaultNumber, "how many past events to show first (0-1000)")
	c.Flags().DurationVar(&f.since, "since", 0, "show the past events of this long (e.g. 15m, 2h); with -n, only the last n of them")
	c.Flags().BoolVar(&f.json, "json", false, "print NDJSON: one log entry per line, as the tenant sent it")
}

func (f *logsFlags) filter() (*logtail.Filter, error) {
	if f.number < 0 || f.number > 1000 {
		return nil, usageError(fmt.Errorf("-n/--number must be between 0 and 1000, got %d", f.number))
	}
	if f.since < 0 {
		return nil, usageError(fmt.Errorf("--since must be a positive duration, got %s", f.since))
	}
	flt, err := logtail.ParseFilters(f.filters, f.types)
	if err != nil {
		return nil, usageError(err)
	}
	return flt, nil
}

// limit is how many past events to show: -n, except that --since alone means the whole
// window (up to the 1,000 search mode can reach); -n given with --since caps that window.
func (f *logsFlags) limit(c *cobra.Command) int {
	if f.since > 0 && !c.Flags().Changed("number") {
		return 1000
	}
	return f.number
}

func logsGroupNames() string {
	var names []string
	for _, g := range logtail.Groups() {
		names = append(names, g.Name)
	}
	return strings.Join(names, ", ")
}

// addLogCommands registers `hookterm logs tail|list|get`.
func addLogCommands(root *cobra.Command, app *App) {
	logs := &cobra.Command{
		Use:   "logs",
		Short: "Show and follow the tenant's log events (hook runs, signups, API operations…)",
	}
	logs.AddCommand(newLogsTailCommand(app), newLogsListCommand(app), newLogsGetCommand(app))
	root.AddCommand(logs)
}

func newLogsTailCommand(app *App) *cobra.Command {
	var f logsFlags
	var interval time.Duration
	c := &cobra.Command{
		Use:   "tail",
		Short: "Follow the tenant's log events live until Ctrl+C",
		Long: "tail shows the last events (-n, or --since) and then every new one as it arrives, in\n" +
			"checkpoint mode: rate limits and network failures are waited out, never fatal, and no\n" +
			"event is shown twice or skipped. Groups for --filter:\n" + logsGroupHelp(),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := f.filter()
			if err != nil {
				return err
			}
			if interval < 0 || interval > time.Minute {
				return usageError(fmt.Errorf("--interval must be between 0 and 1m, got %s", interval))
			}
			client, err := newClient(cmd, app)
			if err != nil {
				return err
			}
			defer client.Close()
			ctx := cmd.Context()
			p := newLogsPrinter(app, f.json)

			past, checkpoint, err := logsHistory(ctx, client, flt, f.limit(cmd), f.since)
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return targetExitCode(err)
			}
			for i := range past {
				if err := p.print(&past[i]); err != nil {
					return failure(err)
				}
			}
			if interval == 0 {
				interval = logtail.DefaultRemoteInterval
				if client.Target().IsLocal() {
					interval = logtail.DefaultLocalInterval
				}
			}
			tail := logtail.New(client, logtail.Options{From: checkpoint, Interval: interval, Filter: flt})
			err = tail.Run(ctx, func(e api.LogEntry) error { return p.print(&e) },
				func(err error, wait time.Duration) {
					if err == nil {
						fmt.Fprintln(app.Stderr, "hookterm: logs: reconnected; following again")
						return
					}
					fmt.Fprintf(app.Stderr, "hookterm: logs: %v; retrying in %s\n", err, wait.Round(100*time.Millisecond))
				})
			if err != nil && ctx.Err() == nil {
				return failure(err)
			}
			// Ctrl+C is how a tail ends: that is success.
			return nil
		},
	}
	f.register(c, 10)
	c.Flags().DurationVar(&interval, "interval", 0, "poll interval once caught up (default 500ms for local tenants, 2s for Auth0)")
	return c
}

func newLogsListCommand(app *App) *cobra.Command {
	var f logsFlags
	var query string
	c := &cobra.Command{
		Use:   "list",
		Short: "Show past log events, oldest first",
		Long: "list shows the last -n events (or those of the last --since), oldest first, filtered\n" +
			"client-side like `logs tail`; --query also sends a Lucene query to the tenant. Groups:\n" + logsGroupHelp(),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			flt, err := f.filter()
			if err != nil {
				return err
			}
			client, err := newClient(cmd, app)
			if err != nil {
				return err
			}
			defer client.Close()
			entries, _, err := logsSearch(cmd.Context(), client, query, flt, f.limit(cmd), f.since)
			if err != nil {
				return targetExitCode(err)
			}
			p := newLogsPrinter(app, f.json)
			for i := range entries {
				if err := p.print(&entries[i]); err != nil {
					return failure(err)
				}
			}
			if len(entries) == 0 && !f.json {
				fmt.Fprintln(app.Stderr, "no log events match")
			}
			return nil
		},
	}
	f.register(c, 50)
	c.Flags().StringVarP(&query, "query", "q", "", `a Lucene query the tenant evaluates (e.g. 'type:"fs"')`)
	return c
}

func newLogsGetCommand(app *App) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "get LOG_ID",
		Short: "Show one log event in full",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			client, err := newClient(cmd, app)
			if err != nil {
				return err
			}
			defer client.Close()
			e, err := client.GetLog(cmd.Context(), args[0])
			if err != nil {
				// An id the tenant does not have is bad input (2), as `hooks get` of a missing
				// hook; so is a malformed id (400).
				if errors.Is(err, api.ErrNotFound) {
					return usageError(err)
				}
				return targetExitCode(err)
			}
			p := newLogsPrinter(app, asJSON)
			if err := p.print(&e); err != nil {
				return failure(err)
			}
			if asJSON {
				return nil
			}
			var out bytes.Buffer
			if err := json.Indent(&out, logsRaw(&e), "", "  "); err != nil {
				return failure(fmt.Errorf("format log %s: %w", e.LogID, err))
			}
			out.WriteByte('\n')
			_, err = app.Stdout.Write(out.Bytes())
			return err
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the entry as the tenant sent it, on one line")
	return c
}

func logsGroupHelp() string {
	var b strings.Builder
	for _, g := range logtail.Groups() {
		types := strings.Join(g.Types, " ")
		if g.PathPrefix != "" {
			types += " on " + g.PathPrefix
		}
		if types == "" {
			// "hooks": its help already says it is all of the above.
			fmt.Fprintf(&b, "  %-20s %s\n", g.Name, g.Help)
			continue
		}
		fmt.Fprintf(&b, "  %-20s %s (%s)\n", g.Name, g.Help, types)
	}
	return strings.TrimRight(b.String(), "\n")
}

// logsHistory finds what a tail shows before following and the checkpoint to follow from:
// the newest entry's log_id at the time of the search, so an event that lands between the
// search and the first poll is still shown.
func logsHistory(ctx context.Context, client *api.Client, flt *logtail.Filter, n int, since time.Duration) ([]api.LogEntry, string, error) {
	if n == 0 {
		es, err := client.SearchLogs(ctx, api.LogQuery{PerPage: 1, Sort: "date:-1"})
		if err != nil {
			return nil, "", err
		}
		return nil, newestID(es), nil
	}
	return logsSearch(ctx, client, "", flt, n, since)
}

// logsMaxPages bounds a history search: search mode can page through the first 1,000 results
// only (spec §4.1).
const logsMaxPages = 10

// logsSearch pages through the newest entries (search mode, newest first) until n entries
// pass the filter or, with since, until entries get older than that (whichever comes first);
// it returns them oldest first and the newest log_id seen.
func logsSearch(ctx context.Context, client *api.Client, query string, flt *logtail.Filter, n int, since time.Duration) ([]api.LogEntry, string, error) {
	var cutoff time.Time
	if since > 0 {
		cutoff = time.Now().Add(-since)
		clause := fmt.Sprintf(`date:["%s" TO *]`, cutoff.UTC().Format("2006-01-02T15:04:05.000Z"))
		if query != "" {
			query = "(" + query + ") AND " + clause
		} else {
			query = clause
		}
	}
	var out []api.LogEntry
	newest := ""
	seen := map[string]bool{}
	for page := 0; page < logsMaxPages && len(out) < n; page++ {
		es, err := client.SearchLogs(ctx, api.LogQuery{Query: query, Page: page, PerPage: 100, Sort: "date:-1"})
		if err != nil {
			return nil, "", err
		}
		if id := newestID(es); logsIDLess(newest, id) {
			newest = id
		}
		older := false
		for i := range es {
			e := es[i]
			if !cutoff.IsZero() && e.Date.Before(cutoff) {
				older = true
				continue
			}
			if seen[e.LogID] || !flt.Match(&e) {
				continue
			}
			seen[e.LogID] = true
			out = append(out, e)
			if len(out) == n {
				break
			}
		}
		if len(es) < 100 || older {
			break
		}
	}
	slices.Reverse(out)
	return out, newest, nil
}

func newestID(es []api.LogEntry) string {
	id := ""
	for _, e := range es {
		if logsIDLess(id, e.LogID) {
			id = e.LogID
		}
	}
	return id
}

// logsIDLess orders log_ids as numbers of equal width, as checkpoint mode does.
func logsIDLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// logsPrinter writes entries as readable lines or NDJSON.
type logsPrinter struct {
	w     io.Writer
	json  bool
	color bool
	loc   *time.Location
}

func newLogsPrinter(app *App, asJSON bool) *logsPrinter {
	return &logsPrinter{w: app.Stdout, json: asJSON, color: logsUseColor(app), loc: time.Local}
}

// logsUseColor colours only a terminal, and never when NO_COLOR is set (no-color.org).
func logsUseColor(app *App) bool {
	if app.Getenv != nil && app.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := app.Stdout.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

func (p *logsPrinter) print(e *api.LogEntry) error {
	var line []byte
	if p.json {
		var buf bytes.Buffer
		if err := json.Compact(&buf, logsRaw(e)); err != nil {
			return fmt.Errorf("encode log %s: %w", e.LogID, err)
		}
		buf.WriteByte('\n')
		line = buf.Bytes()
	} else {
		line = []byte(formatLogLine(e, p.color, p.loc) + "\n")
	}
	if _, err := p.w.Write(line); err != nil {
		return fmt.Errorf("write log %s: %w", e.LogID, err)
	}
	return nil
}

// logsRaw is the entry as the tenant sent it, or marshalled when it was made locally.
func logsRaw(e *api.LogEntry) []byte {
	if len(e.Raw) > 0 {
		return e.Raw
	}
	b, err := json.Marshal(e)
	if err != nil {
		return []byte("{}")
	}
	return b
}

const (
	ansiReset = "\x1b[0m"
	ansiDim   = "\x1b[2m"
	ansiGreen = "\x1b[32m"
	ansiYello = "\x1b[33m"
	ansiRed   = "\x1b[31m"
)

// formatLogLine is one event on one line: time, type code and name (coloured by outcome),
// description, client, user and connection.
func formatLogLine(e *api.LogEntry, color bool, loc *time.Location) string {
	l := logtail.Describe(e)
	paint := func(code, s string) string {
		if !color || s == "" {
			return s
		}
		return code + s + ansiReset
	}
	sev := ansiGreen
	switch l.Severity {
	case api.LogWarning:
		sev = ansiYello
	case api.LogFailure:
		sev = ansiRed
	}
	var b strings.Builder
	b.WriteString(paint(ansiDim, e.Date.In(loc).Format("2006-01-02 15:04:05.000")))
	b.WriteString("  ")
	b.WriteString(paint(sev, fmt.Sprintf("%-6s %s", l.Code, l.Name)))
	if l.Description != "" {
		b.WriteString("  " + l.Description)
	}
	for _, f := range [][2]string{{"client", l.Client}, {"user", l.User}, {"connection", l.Connection}} {
		if f[1] != "" {
			b.WriteString("  " + paint(ansiDim, f[0]+"=") + f[1])
		}
	}
	return b.String()
}
