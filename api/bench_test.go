package api

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/hookterm/hookterm/tenant"
	"github.com/hookterm/hookterm/trigger"
)

// BenchmarkEmbeddedGetHook is one GET /api/v2/hooks/{id} through go-auth0, the retry and
// oauth2 transports and the in-memory RoundTripper into the real local tenant (SQLite). The
// target is a median of at most 200 µs; the median is reported beside the mean.
func BenchmarkEmbeddedGetHook(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	tn, err := tenant.Open(ctx, dir, tenant.Options{RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	c, err := NewEmbedded(ctx, tn, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	h, err := c.CreateHook(ctx, Hook{Name: "bench", Script: trigger.All()[0].Starter, TriggerID: trigger.CredentialsExchange})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.GetHook(ctx, h.ID); err != nil { // fetches the token outside the timing
		b.Fatal(err)
	}
	durations := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		got, err := c.GetHook(ctx, h.ID)
		durations = append(durations, time.Since(start))
		if err != nil || got.ID != h.ID {
			b.Fatalf("GetHook: %v", err)
		}
	}
	b.StopTimer()
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	b.ReportMetric(float64(durations[len(durations)/2].Nanoseconds())/1e3, "median-µs")
	b.ReportMetric(float64(durations[len(durations)*99/100].Nanoseconds())/1e3, "p99-µs")
}
