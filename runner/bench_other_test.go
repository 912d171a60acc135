//go:build !unix

package runner

import "time"

// benchRusage has no portable source here: the cpu-µs/op metric reads 0.
func benchRusage() time.Duration { return 0 }
