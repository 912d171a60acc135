package runner

import (
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/hookterm/hookterm/runner/nodelib"
)

// maxLogBytes bounds what one run may log: a script logging in a loop must not exhaust memory
// through the report.
const maxLogBytes = 1 << 20

// logBuffer collects the run's console output. It is read by the worker's watchdog when a run
// has to be abandoned, hence the mutex.
type logBuffer struct {
	mu        sync.Mutex
	lines     []LogLine
	size      int
	truncated bool
	// late is set when the grace period after the callback begins: console lines from then
	// on carry lateLogPrefix.
	late bool
}

func (b *logBuffer) markLate() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.late = true
}

// console adds a line written by the script's console.
func (b *logBuffer) console(level, msg string) {
	b.mu.Lock()
	late := b.late
	b.mu.Unlock()
	if late {
		msg = lateLogPrefix + msg
	}
	b.add(level, msg)
}

func (b *logBuffer) add(level, msg string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.truncated {
		return
	}
	if b.size+len(msg) > maxLogBytes {
		b.truncated = true
		b.lines = append(b.lines, LogLine{Time: time.Now(), Level: "warn", Message: "hookterm: log output truncated at 1 MiB"})
		return
	}
	b.size += len(msg)
	b.lines = append(b.lines, LogLine{Time: time.Now(), Level: level, Message: msg})
}

func (b *logBuffer) snapshot() []LogLine {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]LogLine, len(b.lines))
	copy(out, b.lines)
	return out
}

// newConsole builds Node's console (nodelib's) writing into logs.
func newConsole(rt *goja.Runtime, logs *logBuffer) *goja.Object {
	return nodelib.NewConsole(rt, nodelib.ConsoleOptions{Log: logs.console})
}
