package logtail_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
)

// BenchmarkTailLatency measures how long an entry written to the local tenant takes to appear
// in a running tail at the default local interval: served on loopback (as `hookterm serve`
// does), and embedded, with the writer and the tail each opening the data folder as two
// hookterm processes do. Writes come at random moments, so the poll phase is random too, as
// for a user saving and running a hook. Reported: p50, p95 and max latency in ms.
//
//	go test ./logtail -run '^$' -bench TailLatency -benchtime 40x
func BenchmarkTailLatency(b *testing.B) {
	b.Run("serve", func(b *testing.B) {
		ten, _, url := logtailTestServe(b, nil)
		logtailBenchLatency(b, logtailTestClient(b, ten, url, 2), logtailTestClient(b, ten, url, 2))
	})
	b.Run("embedded", func(b *testing.B) {
		dir := b.TempDir()
		open := func() *api.Client {
			c, err := api.OpenEmbedded(context.Background(), dir)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = c.Close() })
			return c
		}
		logtailBenchLatency(b, open(), open())
	})
}

func logtailBenchLatency(b *testing.B, writer, reader *api.Client) {
	hook := logtailTestHook(b, writer)
	runs, _ := logtail.ParseFilters([]string{"runs"}, nil)
	tl := logtail.New(reader, logtail.Options{From: logtailTestLast(b, writer), Interval: logtail.DefaultLocalInterval, Filter: runs})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen := make(chan time.Time, 16)
	go func() {
		_ = tl.Run(ctx, func(api.LogEntry) error { seen <- time.Now(); return nil }, nil)
	}()
	rng := rand.New(rand.NewPCG(1, 2))
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		time.Sleep(time.Duration(rng.Int64N(int64(700 * time.Millisecond))))
		b.StartTimer()
		start := time.Now()
		if err := logtailTestRecord(writer, hook.ID, i+1); err != nil {
			b.Fatal(err)
		}
		at := <-seen
		lat = append(lat, at.Sub(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*95/100]), "p95-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}
