//go:build !unix

package cmd

import "time"

// tuiCPUTime is not measured outside Unix.
func tuiCPUTime() time.Duration { return 0 }
