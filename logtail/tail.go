// Package logtail follows a tenant's logs in checkpoint mode (GET /api/v2/logs?from=&take=):
// it asks for the entries after the last log_id it has seen, backs off on rate limits and
// network failures without ever giving up on a transient error, shows each entry once and
// skips none across reconnects. `hookterm logs tail` and the TUI's log pane are built on it.
package logtail

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/internal/clock"
)

// Source is what the tailer reads: *api.Client implements it.
type Source interface {
	LogsFrom(ctx context.Context, from string, take int) ([]api.LogEntry, error)
}

// PageSource is a Source that also reports the checkpoint the tenant's Link header names;
// *api.Client implements it, and the tailer follows that checkpoint when it is ahead.
type PageSource interface {
	LogsPage(ctx context.Context, from string, take int) (api.LogPage, error)
}

// Polling intervals when the tail has caught up. A local tenant is cheap to ask and a user
// expects to see a run at once; Auth0's logs endpoint is rate limited, so remote tenants are
// asked as often as auth0-cli asks.
const (
	DefaultLocalInterval  = 500 * time.Millisecond
	DefaultRemoteInterval = 2 * time.Second
	// MaxTake is the largest page checkpoint mode returns.
	MaxTake = 100
)

// Options configure a Tailer. The zero value tails a remote tenant from its beginning.
type Options struct {
	// From is the log_id to follow from (exclusive); "" starts where the source starts.
	From string
	// Take is the page size, 1..100; 0 → 100.
	Take int
	// Interval is the wait between polls once caught up; 0 → DefaultRemoteInterval.
	Interval time.Duration
	// Filter selects what Poll returns; nil returns everything. The checkpoint still advances
	// past entries the filter drops.
	Filter *Filter
	// MinBackoff is the first wait after a failure, doubling each time; 0 → 250 ms.
	MinBackoff time.Duration
	// MaxBackoff caps the wait after repeated failures; 0 → 30 s.
	MaxBackoff time.Duration
	// RetryAfter says how long a rate-limited error asks to wait (0: not rate limited);
	// nil → api.RetryAfter.
	RetryAfter func(error) time.Duration
	// Permanent says which errors end the tail; nil → IsPermanent.
	Permanent func(error) bool
	// DedupeWindow is how many recent log_ids are remembered; 0 → 4096.
	DedupeWindow int
	// Sleep waits d or until ctx ends; nil → a timer. Tests inject one that does not wait.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Result is what one poll brought.
type Result struct {
	// Entries are the new entries that pass the filter, in log_id order.
	Entries []api.LogEntry
	// Fetched counts the entries the page held, before dedupe and filtering.
	Fetched int
	// Err is a transient failure (rate limit, server or network error); the tail goes on.
	Err error
	// Wait is how long the next Poll waits before asking the source.
	Wait time.Duration
}

// Tailer is the checkpoint loop's state. It is not safe for concurrent use: one goroutine
// calls Poll or Run.
type Tailer struct {
	src      Source
	opts     Options
	from     string
	wait     time.Duration
	failures int
	seen     map[string]struct{}
	ring     []string // the remembered ids, oldest overwritten first
	ringNext int
}

// New returns a tailer of src.
func New(src Source, opts Options) *Tailer {
	if opts.Take <= 0 || opts.Take > MaxTake {
		opts.Take = MaxTake
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultRemoteInterval
	}
	if opts.MinBackoff <= 0 {
		opts.MinBackoff = 250 * time.Millisecond
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 30 * time.Second
	}
	if opts.RetryAfter == nil {
		opts.RetryAfter = api.RetryAfter
	}
	if opts.Permanent == nil {
		opts.Permanent = IsPermanent
	}
	if opts.DedupeWindow <= 0 {
		opts.DedupeWindow = 4096
	}
	if opts.Sleep == nil {
		opts.Sleep = clock.Sleep
	}
	return &Tailer{
		src:  src,
		opts: opts,
		from: opts.From,
		seen: make(map[string]struct{}, opts.DedupeWindow),
		ring: make([]string, opts.DedupeWindow),
	}
}

// Checkpoint is the log_id the next poll asks from.
func (t *Tailer) Checkpoint() string { return t.from }

// SetFilter replaces the filter for the polls to come.
func (t *Tailer) SetFilter(f *Filter) { t.opts.Filter = f }

// Poll waits what the previous poll asked, then fetches one page. It returns an error only
// when ctx ends or the source refuses for good (bad credentials, missing scope); transient
// failures come back in Result.Err and the next Poll retries from the same checkpoint.
func (t *Tailer) Poll(ctx context.Context) (Result, error) {
	if t.wait > 0 {
		if err := t.opts.Sleep(ctx, t.wait); err != nil {
			return Result{}, err
		}
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	page, next, err := t.fetch(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		if t.opts.Permanent(err) {
			return Result{}, fmt.Errorf("tail logs from %q: %w", t.from, err)
		}
		t.failures++
		t.wait = t.backoff(err)
		return Result{Err: err, Wait: t.wait}, nil
	}
	t.failures = 0

	// Checkpoint mode returns ascending log_ids; sort anyway so a server that does not can
	// never move the checkpoint backwards.
	sort.SliceStable(page, func(i, j int) bool { return compareIDs(page[i].LogID, page[j].LogID) < 0 })
	res := Result{Fetched: len(page)}
	advanced := false
	for i := range page {
		e := page[i]
		if e.LogID == "" || t.isSeen(e.LogID) || (t.from != "" && compareIDs(e.LogID, t.from) <= 0) {
			continue
		}
		t.remember(e.LogID)
		t.from = e.LogID
		advanced = true
		if t.opts.Filter.Match(&e) {
			res.Entries = append(res.Entries, e)
		}
	}
	// The Link header's checkpoint is where the tenant says the next page starts; it can only
	// be ahead of the last entry (say, past entries this token may not read).
	if next != "" && compareIDs(next, t.from) > 0 {
		t.from = next
		advanced = true
	}
	switch {
	case advanced && len(page) >= t.opts.Take:
		// A full page: more are waiting, ask again at once.
		t.wait = 0
	case advanced:
		// Activity: come back sooner than an idle poll, since events tend to arrive together.
		t.wait = t.opts.Interval / 4
	default:
		t.wait = t.opts.Interval
	}
	res.Wait = t.wait
	return res, nil
}

func (t *Tailer) fetch(ctx context.Context) ([]api.LogEntry, string, error) {
	if ps, ok := t.src.(PageSource); ok {
		p, err := ps.LogsPage(ctx, t.from, t.opts.Take)
		return p.Entries, p.Next, err
	}
	page, err := t.src.LogsFrom(ctx, t.from, t.opts.Take)
	return page, "", err
}

// Run polls until ctx ends or a permanent error, handing every new entry to emit, and calls
// onRetry (when not nil) for each transient failure, then once with a nil error when a poll
// succeeds again, so the user hears that the tail is back. It returns nil when ctx was
// cancelled.
func (t *Tailer) Run(ctx context.Context, emit func(api.LogEntry) error, onRetry func(err error, wait time.Duration)) error {
	failing := false
	for {
		res, err := t.Poll(ctx)
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return nil
			}
			return err
		}
		if onRetry != nil && (res.Err != nil || failing) {
			onRetry(res.Err, res.Wait)
		}
		failing = res.Err != nil
		for _, e := range res.Entries {
			if err := emit(e); err != nil {
				return err
			}
		}
	}
}

func (t *Tailer) backoff(err error) time.Duration {
	if d := t.opts.RetryAfter(err); d > 0 {
		return d
	}
	// Exponential from MinBackoff with ±10 % jitter, so several tails of one tenant spread out.
	d := t.opts.MinBackoff
	for i := 1; i < t.failures && d < t.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, t.opts.MaxBackoff)
	jitter := time.Duration(rand.Int64N(int64(d)/5+1)) - d/10
	return d + jitter
}

func (t *Tailer) isSeen(id string) bool {
	_, ok := t.seen[id]
	return ok
}

func (t *Tailer) remember(id string) {
	if old := t.ring[t.ringNext]; old != "" {
		delete(t.seen, old)
	}
	t.ring[t.ringNext] = id
	t.seen[id] = struct{}{}
	t.ringNext = (t.ringNext + 1) % len(t.ring)
}

// compareIDs orders log_ids: Auth0's are 56-digit numbers, so a shorter id is smaller and ids
// of one length compare as text.
func compareIDs(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// IsPermanent reports whether err ends a tail: client errors other than 408 and 429 mean the
// request itself is wrong (credentials, scope, a tenant without logs) and will not heal.
func IsPermanent(err error) bool {
	status := 0
	var ae *api.Error
	var st interface{ Status() int } // go-auth0's management.Error
	switch {
	case errors.As(err, &ae):
		status = ae.StatusCode
	case errors.As(err, &st):
		status = st.Status()
	}
	return status >= 400 && status < 500 && status != 408 && status != 429
}
