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

// formatFunc formats console arguments like Node's util.format.
type formatFunc func(rt *goja.Runtime, args []goja.Value) string

// newConsole builds the console object whose methods append to logs.
func newConsole(rt *goja.Runtime, logs *logBuffer, format formatFunc) *goja.Object {
	c := rt.NewObject()
	method := func(level string) func(goja.FunctionCall) goja.Value {
		return func(call goja.FunctionCall) goja.Value {
			logs.add(level, format(rt, call.Arguments))
			return goja.Undefined()
		}
	}
	for _, name := range []string{"log", "info", "warn", "error", "debug"} {
		_ = c.Set(name, method(name))
	}
	// Node's aliases: trace writes to stderr like error; dir inspects its first argument with
	// the options in its second.
	_ = c.Set("trace", method("error"))
	_ = c.Set("dir", func(call goja.FunctionCall) goja.Value {
		logs.add("log", nodelib.InspectWithOptions(rt, call.Argument(0), call.Argument(1)))
		return goja.Undefined()
	})
	return c
}
