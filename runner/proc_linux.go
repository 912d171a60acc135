package runner

import (
	"os/exec"
	"syscall"
)

// supervise makes the kernel kill the worker when its parent dies, so that a worker busy in
// an endless loop does not outlive a killed hookterm until its time limit.
func supervise(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
