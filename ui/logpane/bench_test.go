package logpane

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
	"github.com/hookterm/hookterm/tenant"
	"github.com/hookterm/hookterm/trigger"
)

func logpaneBenchClient(b *testing.B, ten *tenant.Tenant, url string) *api.Client {
	b.Helper()
	id, secret := ten.Credentials()
	c, err := api.NewRemote(context.Background(), api.RemoteOptions{Domain: url, Insecure: true, ClientID: id, ClientSecret: secret})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Close() })
	return c
}

// BenchmarkPaneAt200PerSecond writes 200 hook-run entries per second to the local tenant
// (served on loopback) for -duration while a pane tails it, updating and drawing its view
// after every poll as the TUI does. Reported: entries shown, the lag from write to pane
// (p50/p99/max), the write rate achieved, and the live heap after the run.
// LOGPANE_BENCH_DURATION (default 10s) sets the length; 30s overflows the 5,000-entry ring.
//
//	go test ./ui/logpane -run '^$' -bench At200PerSecond -benchtime 1x
func BenchmarkPaneAt200PerSecond(b *testing.B) {
	const rate = 200
	duration := 10 * time.Second
	if v := strings.TrimSpace(os.Getenv("LOGPANE_BENCH_DURATION")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatal(err)
		}
		duration = d
	}
	for i := 0; i < b.N; i++ {
		ctx := context.Background()
		ten, err := tenant.Open(ctx, b.TempDir(), tenant.Options{RateLimit: -1})
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(ten.Handler())
		writer := logpaneBenchClient(b, ten, srv.URL)
		reader := logpaneBenchClient(b, ten, srv.URL)
		hook, err := writer.CreateHook(ctx, api.Hook{Name: "bench", TriggerID: trigger.CredentialsExchange,
			Script: "module.exports = function (c, s, a, x, cb) { cb(null, {}); };"})
		if err != nil {
			b.Fatal(err)
		}
		newest, err := writer.SearchLogs(ctx, api.LogQuery{PerPage: 1, Sort: "date:-1"})
		if err != nil {
			b.Fatal(err)
		}
		m := New(Options{Source: reader, Interval: logtail.DefaultLocalInterval, From: newest[0].LogID, ID: 1})
		m.SetSize(160, 40)
		m.SetHidden(false)

		total := int(duration.Seconds() * rate)
		written := make([]time.Time, total+1)
		var mu sync.Mutex
		writeDone := make(chan time.Duration, 1)
		// Four writers keep to a schedule of one entry every 5 ms between them: one writer
		// alone is bound by the tenant's commit latency on a busy machine.
		const writers = 4
		start := time.Now()
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for n := 1 + w; n <= total; n += writers {
					time.Sleep(time.Until(start.Add(time.Duration(n) * time.Second / rate)))
					report, _ := json.Marshal(map[string]any{"ok": true, "trigger": "credentials-exchange",
						"logs": []map[string]any{{"level": "log", "message": strconv.Itoa(n)}}})
					mu.Lock()
					written[n] = time.Now()
					mu.Unlock()
					if err := writer.RecordRun(ctx, api.RunRecord{HookID: hook.ID, Report: report}); err != nil {
						panic(err)
					}
				}
			}(w)
		}
		go func() { wg.Wait(); writeDone <- time.Since(start) }()

		var lags []time.Duration
		shown := 0
		cmd := m.Init()
		for shown < total {
			msg := cmd()
			before := m.nextSeq
			cmd = m.Update(msg)
			_ = m.View()
			now := time.Now()
			for seq := before; seq < m.nextSeq; seq++ {
				e := m.item(seq).entry
				if e.Type != api.LogTypeHookRunOK {
					continue
				}
				n := logpaneBenchRunNumber(e)
				mu.Lock()
				lags = append(lags, now.Sub(written[n]))
				mu.Unlock()
				shown++
			}
			if cmd == nil {
				b.Fatalf("the tail stopped: %v", m.stopped)
			}
		}
		took := <-writeDone
		srv.Close()
		_ = ten.Close()

		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		slices.Sort(lags)
		msf := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(float64(shown), "entries")
		b.ReportMetric(float64(total)/took.Seconds(), "writes/s")
		b.ReportMetric(msf(lags[len(lags)/2]), "lag-p50-ms")
		b.ReportMetric(msf(lags[len(lags)*99/100]), "lag-p99-ms")
		b.ReportMetric(msf(lags[len(lags)-1]), "lag-max-ms")
		b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
		runtime.KeepAlive(m)
	}
}

func logpaneBenchRunNumber(e api.LogEntry) int {
	logs, _ := e.Details["logs"].([]any)
	if len(logs) == 0 {
		return 0
	}
	first, _ := logs[0].(map[string]any)
	msg, _ := first["message"].(string)
	n, _ := strconv.Atoi(msg)
	return n
}

// BenchmarkPaneIngest feeds polls of 100 entries straight into a pane (no tenant) and
// draws it after each, to show its per-entry cost and that memory stops growing once the
// ring is full: heap-MiB is the live heap after b.N entries.
//
//	go test ./ui/logpane -run '^$' -bench PaneIngest -benchtime 50000x
func BenchmarkPaneIngest(b *testing.B) {
	m := New(Options{ID: 1, Location: time.UTC})
	m.SetSize(160, 40)
	page := make([]api.LogEntry, 100)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += len(page) {
		for j := range page {
			n := i + j
			page[j] = api.LogEntry{LogID: fmt.Sprintf("900%053d", n), Type: "sapi", Date: time.Unix(int64(n), 0),
				Description: "Update a Hook", ClientName: "hookterm",
				Details: map[string]any{"request": map[string]any{"method": "patch", "path": "/api/v2/hooks/01HX"}}}
		}
		m.Update(pollMsg{id: 1, res: logtail.Result{Entries: page}})
		_ = m.View()
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MiB")
	b.ReportMetric(float64(m.Len()), "kept")
}
