//go:build unix

package cmd

import (
	"syscall"
	"time"
)

// tuiCPUTime is the CPU time (user + system) this process has used: the start-up figure
// that, unlike wall-clock time, does not depend on how busy the machine is.
func tuiCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
