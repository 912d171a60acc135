// Package clock holds the waiting that hookterm's retry and polling loops share.
package clock

import (
	"context"
	"time"
)

// Sleep waits d, or until ctx ends, in which case it returns ctx's error. A d of zero or
// less returns at once (with ctx's error if it has already ended).
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
