//go:build !linux

package runner

import "os/exec"

// supervise has no portable equivalent of Linux's parent-death signal: elsewhere a worker
// notices its parent's death when its stdin closes, or at its run's time limit.
func supervise(cmd *exec.Cmd) {}
