//go:build unix

package runner

import (
	"syscall"
	"time"
)

// benchRusage is the process's CPU time so far (user + system).
func benchRusage() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
