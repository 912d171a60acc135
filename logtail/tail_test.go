package logtail

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
)

// logtailTestID makes a 56-digit log_id that sorts by n, as Auth0's do.
func logtailTestID(n int) string {
	return fmt.Sprintf("900%014d%039d", 20261207101500, n)
}

// logtailFakeSource serves checkpoint pages from entries, failing the calls listed in fail.
type logtailFakeSource struct {
	mu        sync.Mutex
	entries   []api.LogEntry
	fail      map[int]error // call number (1-based) → error
	calls     int
	inclusive bool // return the `from` entry again, as some servers do
	froms     []string
}

func (s *logtailFakeSource) add(n int, typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries = append(s.entries, api.LogEntry{LogID: logtailTestID(n), Type: typ, Description: fmt.Sprintf("event %d", n)})
}

func (s *logtailFakeSource) LogsFrom(ctx context.Context, from string, take int) ([]api.LogEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.froms = append(s.froms, from)
	if err := s.fail[s.calls]; err != nil {
		return nil, err
	}
	var out []api.LogEntry
	for _, e := range s.entries {
		c := compareIDs(e.LogID, from)
		if from == "" || c > 0 || (s.inclusive && c == 0) {
			out = append(out, e)
			if len(out) == take {
				break
			}
		}
	}
	return out, nil
}

// logtailNoSleep records the waits instead of sleeping.
type logtailNoSleep struct{ waits []time.Duration }

func (n *logtailNoSleep) sleep(ctx context.Context, d time.Duration) error {
	n.waits = append(n.waits, d)
	return ctx.Err()
}

func logtailIDs(es []api.LogEntry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.LogID
	}
	return out
}

func TestPollPagesAndAdaptsInterval(t *testing.T) {
	src := &logtailFakeSource{}
	for i := 1; i <= 5; i++ {
		src.add(i, "ss")
	}
	ns := &logtailNoSleep{}
	tl := New(src, Options{Take: 2, Interval: time.Second, Sleep: ns.sleep})
	var got []api.LogEntry
	var waits []time.Duration
	for i := 0; i < 4; i++ {
		res, err := tl.Poll(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res.Entries...)
		waits = append(waits, res.Wait)
	}
	if len(got) != 5 {
		t.Fatalf("got %d entries, want 5: %v", len(got), logtailIDs(got))
	}
	// Two full pages (no wait), a partial one (a short wait), then idle (the full interval).
	want := []time.Duration{0, 0, 250 * time.Millisecond, time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits = %v, want %v", waits, want)
		}
	}
	if tl.Checkpoint() != logtailTestID(5) {
		t.Fatalf("checkpoint %s, want %s", tl.Checkpoint(), logtailTestID(5))
	}
}

func TestTransientErrorsNeitherEndNorSkip(t *testing.T) {
	src := &logtailFakeSource{
		inclusive: true,
		fail: map[int]error{
			2: &api.Error{StatusCode: 503, Message: "Service Unavailable"},
			3: errors.New("read tcp: connection reset by peer"),
			5: &api.Error{StatusCode: 429, Message: "Global limit has been reached"},
		},
	}
	for i := 1; i <= 7; i++ {
		src.add(i, "sapi")
	}
	ns := &logtailNoSleep{}
	tl := New(src, Options{Take: 2, Interval: time.Second, Sleep: ns.sleep,
		RetryAfter: func(err error) time.Duration {
			if errors.Is(err, api.ErrRateLimited) {
				return 3 * time.Second
			}
			return 0
		}})
	var got []api.LogEntry
	var transient []error
	for i := 0; i < 12; i++ {
		res, err := tl.Poll(context.Background())
		if err != nil {
			t.Fatalf("poll %d: %v", i, err)
		}
		if res.Err != nil {
			transient = append(transient, res.Err)
		}
		got = append(got, res.Entries...)
	}
	if len(transient) != 3 {
		t.Fatalf("transient errors %v, want 3", transient)
	}
	if len(got) != 7 {
		t.Fatalf("got %v, want 7 entries once each", logtailIDs(got))
	}
	for i, e := range got {
		if e.LogID != logtailTestID(i+1) {
			t.Fatalf("entry %d is %s, want %s (order or duplicate)", i, e.LogID, logtailTestID(i+1))
		}
	}
	// The 429 waited what the server asked for; the network errors backed off exponentially.
	found := false
	for _, w := range ns.waits {
		if w == 3*time.Second {
			found = true
		}
	}
	if !found {
		t.Fatalf("waits %v: no 3 s wait for the 429", ns.waits)
	}
	// After each failure the tail asked again from the same checkpoint.
	if src.froms[1] != src.froms[2] || src.froms[2] != src.froms[3] {
		t.Fatalf("checkpoint moved across failures: %v", src.froms[:4])
	}
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	fail := map[int]error{}
	for i := 1; i <= 10; i++ {
		fail[i] = errors.New("dial tcp: connection refused")
	}
	src := &logtailFakeSource{fail: fail}
	ns := &logtailNoSleep{}
	tl := New(src, Options{MaxBackoff: 4 * time.Second, Sleep: ns.sleep})
	var waits []time.Duration
	for i := 0; i < 10; i++ {
		res, err := tl.Poll(context.Background())
		if err != nil || res.Err == nil {
			t.Fatalf("poll %d: err %v, res.Err %v", i, err, res.Err)
		}
		waits = append(waits, res.Wait)
	}
	if waits[0] > 300*time.Millisecond || waits[3] < time.Second {
		t.Fatalf("backoff does not grow: %v", waits)
	}
	for _, w := range waits {
		if w > 4*time.Second+4*time.Second/10 {
			t.Fatalf("backoff %v above the cap (+jitter): %v", w, waits)
		}
	}
}

func TestPermanentErrorEndsTail(t *testing.T) {
	src := &logtailFakeSource{fail: map[int]error{1: &api.Error{StatusCode: 403, Message: "Insufficient scope, expected any of: read:logs"}}}
	tl := New(src, Options{Sleep: (&logtailNoSleep{}).sleep})
	_, err := tl.Poll(context.Background())
	if !errors.Is(err, api.ErrForbidden) {
		t.Fatalf("err = %v, want a 403", err)
	}
}

func TestDedupeAcrossInclusiveAndRepeatedPages(t *testing.T) {
	src := &logtailFakeSource{inclusive: true}
	for i := 1; i <= 3; i++ {
		src.add(i, "ss")
	}
	tl := New(src, Options{From: logtailTestID(1), Sleep: (&logtailNoSleep{}).sleep})
	res, err := tl.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := logtailIDs(res.Entries); len(got) != 2 || got[0] != logtailTestID(2) {
		t.Fatalf("first poll %v: the checkpoint entry itself must not be shown", got)
	}
	res, err = tl.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 0 || res.Fetched != 1 {
		t.Fatalf("second poll fetched %d and showed %v; want the checkpoint entry dropped", res.Fetched, logtailIDs(res.Entries))
	}
}

func TestFilterAdvancesCheckpointPastDroppedEntries(t *testing.T) {
	src := &logtailFakeSource{}
	src.add(1, "sapi")
	src.add(2, "fs")
	src.add(3, "s")
	f, err := ParseFilters([]string{"signups"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tl := New(src, Options{Filter: f, Sleep: (&logtailNoSleep{}).sleep})
	res, err := tl.Poll(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 1 || res.Entries[0].Type != "fs" {
		t.Fatalf("entries %v, want only the fs", res.Entries)
	}
	if tl.Checkpoint() != logtailTestID(3) {
		t.Fatalf("checkpoint %s did not move past filtered-out entries", tl.Checkpoint())
	}
}

func TestRunEndsCleanlyOnCancel(t *testing.T) {
	src := &logtailFakeSource{}
	src.add(1, "ss")
	src.add(2, "ss")
	ctx, cancel := context.WithCancel(context.Background())
	tl := New(src, Options{Sleep: (&logtailNoSleep{}).sleep})
	var got []string
	err := tl.Run(ctx, func(e api.LogEntry) error {
		got = append(got, e.LogID)
		if len(got) == 2 {
			cancel()
		}
		return nil
	}, nil)
	if err != nil {
		t.Fatalf("Run after cancel: %v, want nil", err)
	}
	if len(got) != 2 {
		t.Fatalf("got %v", got)
	}
}

func TestRunStopsOnEmitError(t *testing.T) {
	src := &logtailFakeSource{}
	src.add(1, "ss")
	tl := New(src, Options{Sleep: (&logtailNoSleep{}).sleep})
	boom := errors.New("broken pipe")
	err := tl.Run(context.Background(), func(api.LogEntry) error { return boom }, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the emit error", err)
	}
}

func TestDedupeWindowIsBounded(t *testing.T) {
	src := &logtailFakeSource{}
	for i := 1; i <= 50; i++ {
		src.add(i, "ss")
	}
	tl := New(src, Options{Take: 10, DedupeWindow: 8, Sleep: (&logtailNoSleep{}).sleep})
	total := 0
	for i := 0; i < 6; i++ {
		res, err := tl.Poll(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		total += len(res.Entries)
	}
	if total != 50 || len(tl.seen) != 8 {
		t.Fatalf("total %d (want 50), remembered ids %d (want 8)", total, len(tl.seen))
	}
}

// logtailPageSource adds a Link checkpoint to the fake's pages.
type logtailPageSource struct {
	logtailFakeSource
	next func(from string, page []api.LogEntry) string
}

func (s *logtailPageSource) LogsPage(ctx context.Context, from string, take int) (api.LogPage, error) {
	es, err := s.LogsFrom(ctx, from, take)
	if err != nil {
		return api.LogPage{}, err
	}
	return api.LogPage{Entries: es, Next: s.next(from, es)}, nil
}

func TestFollowsLinkCheckpointWhenAhead(t *testing.T) {
	src := &logtailPageSource{}
	for i := 1; i <= 6; i++ {
		src.add(i, "ss")
	}
	// The tenant says to continue after entry 4 although the page ended at 2 (entries 3 and 4
	// are not for this reader); an empty page's Link repeats the current checkpoint.
	src.next = func(from string, page []api.LogEntry) string {
		if len(page) == 0 {
			return from
		}
		if page[len(page)-1].LogID == logtailTestID(2) {
			return logtailTestID(4)
		}
		return page[len(page)-1].LogID
	}
	tl := New(src, Options{Take: 2, Sleep: (&logtailNoSleep{}).sleep})
	var got []string
	for i := 0; i < 4; i++ {
		res, err := tl.Poll(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, logtailIDs(res.Entries)...)
	}
	want := []string{logtailTestID(1), logtailTestID(2), logtailTestID(5), logtailTestID(6)}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

// TestRunSaysWhenItRecovers: after transient failures, the first good poll calls onRetry
// once with a nil error, so a user watching the retries hears the tail is back.
func TestRunSaysWhenItRecovers(t *testing.T) {
	src := &logtailFakeSource{fail: map[int]error{
		1: &api.Error{StatusCode: 503, Message: "unavailable"},
		2: &api.Error{StatusCode: 503, Message: "unavailable"},
	}}
	src.add(1, "ss")
	src.add(2, "ss")
	ctx, cancel := context.WithCancel(context.Background())
	tl := New(src, Options{Sleep: (&logtailNoSleep{}).sleep})
	var events []string
	err := tl.Run(ctx, func(e api.LogEntry) error {
		events = append(events, "entry "+e.LogID[len(e.LogID)-1:])
		if e.LogID == logtailTestID(2) {
			cancel()
		}
		return nil
	}, func(err error, _ time.Duration) {
		if err == nil {
			events = append(events, "recovered")
			return
		}
		events = append(events, "retry")
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := "retry retry recovered entry 1 entry 2"
	if got := strings.Join(events, " "); got != want {
		t.Fatalf("events %q, want %q", got, want)
	}
}
