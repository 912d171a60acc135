package tenant

import (
	"math"
	"sync"
	"time"
)

// limiter is a token bucket per client: burst tokens, refilled at rate per second (contract
// §3.5: Auth0's limits are token buckets and every answer carries X-RateLimit-*).
type limiter struct {
	rate  float64
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens    float64
	last      time.Time
	lastLimit time.Time // when a refusal was last logged
}

// limitState is what the X-RateLimit-* headers say after one request.
type limitState struct {
	Allowed   bool
	Limit     int
	Remaining int
	Reset     int64 // UNIX seconds when the bucket is full again (or, when refused, has a token)
	RetryIn   time.Duration
	LogIt     bool // a refusal that should be logged (the first in a second for this bucket)
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

// take spends one token of key's bucket.
func (l *limiter) take(key string) limitState {
	now := l.now()
	if l.rate < 0 {
		return limitState{Allowed: true, Limit: int(l.burst), Remaining: int(l.burst), Reset: now.Unix()}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		// Bound the map: a flood of distinct unauthenticated callers must not grow it forever.
		if len(l.buckets) >= 10000 {
			clear(l.buckets)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(l.burst, b.tokens+el*l.rate)
	}
	b.last = now
	st := limitState{Limit: int(l.burst)}
	if b.tokens >= 1 {
		b.tokens--
		st.Allowed = true
		st.Remaining = int(b.tokens)
		toFull := (l.burst - b.tokens) / l.rate
		st.Reset = now.Add(time.Duration(toFull * float64(time.Second))).Unix()
		if toFull > 0 {
			st.Reset++ // round up: the bucket is full only after this second
		}
		return st
	}
	wait := time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	st.RetryIn = wait
	if now.Sub(b.lastLimit) >= time.Second {
		b.lastLimit = now
		st.LogIt = true
	}
	st.Reset = now.Add(wait).Unix() + 1
	return st
}
